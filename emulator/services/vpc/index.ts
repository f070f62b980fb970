/** The VPC service (ctvpc host): VPCs and subnets (spec D.1, D.2). */
import type { ServiceRegistrar } from "../types";
import { VPC_ROUTES } from "./routes";

export function register(api: ServiceRegistrar): void {
  for (const route of VPC_ROUTES) api.route(route);
}
