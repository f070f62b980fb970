/** The VPC service (ctvpc host): VPCs and subnets (spec D.1, D.2). */
import type { ServiceRegistrar } from "../types";
import { VPC_ROUTES } from "./routes";
import { SUBNET_ROUTES } from "./subnet-routes";

export function register(api: ServiceRegistrar): void {
  for (const route of VPC_ROUTES) api.route(route);
  for (const route of SUBNET_ROUTES) api.route(route);
}
