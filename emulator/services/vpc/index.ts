/** The VPC service (ctvpc host): VPCs and subnets (spec D.1, D.2); backends `vpc` and `subnet`. */
import type { ServiceRegistrar } from "../types";
import { VpcBackend } from "./backend";
import { VPC_ROUTES } from "./routes";
import { SubnetBackend } from "./subnet-backend";
import { SUBNET_ROUTES } from "./subnet-routes";

export function register(api: ServiceRegistrar): void {
  api.backend("vpc", (ctx) => new VpcBackend(ctx));
  api.backend("subnet", (ctx) => new SubnetBackend(ctx));
  for (const route of VPC_ROUTES) api.route(route);
  for (const route of SUBNET_ROUTES) api.route(route);
}
