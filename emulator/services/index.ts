/**
 * Every emulated service. To add one: create `services/<name>/index.ts` exporting
 * `register(api: ServiceRegistrar)` and add one line below (see emulator/README.md).
 */
import * as asyncOperations from "./async";
import * as catalog from "./catalog";
import * as ebs from "./ebs";
import * as ecs from "./ecs";
import * as eip from "./eip";
import * as keypair from "./keypair";
import * as securityGroup from "./security-group";
import type { ServiceModule } from "./types";
import * as vpc from "./vpc";
import * as zos from "./zos";

export const SERVICE_MODULES: readonly ServiceModule[] = [
  asyncOperations,
  catalog,
  ebs,
  eip,
  vpc,
  securityGroup,
  zos,
  ecs,
  keypair,
];
