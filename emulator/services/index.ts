/**
 * Every emulated service. To add one: create its folder `services/<name>/` (records, backend, routes,
 * index exporting `register(api)`) and add one line below (emulator/README.md → Adding a service).
 * The order is the order holders are asked when something they hold is deleted (the first refusal
 * names them), and seeds run in it: the catalog (regions) comes first.
 */
import * as affinityGroup from "./affinity-group";
import * as asyncOperations from "./async";
import * as bandwidth from "./bandwidth";
import * as catalog from "./catalog";
import * as ebs from "./ebs";
import * as ebsSnapshot from "./ebs-snapshot";
import * as ecs from "./ecs";
import * as eip from "./eip";
import * as elb from "./elb";
import * as image from "./image";
import * as instanceSnapshot from "./instance-snapshot";
import * as keypair from "./keypair";
import * as scaling from "./scaling";
import * as nat from "./nat";
import * as routeTable from "./route-table";
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
  elb,
  scaling,
  ebsSnapshot,
  affinityGroup,
  image,
  instanceSnapshot,
  nat,
  routeTable,
  bandwidth,
];
