/**
 * The security-group service: groups (ctvpc) and their rules (created on ctecs or ctvpc), spec D.3–D.4.
 * Backend `securityGroup`. Its user groups hold their VPC; the platform's default group goes with it.
 */
import type { ServiceRegistrar } from "../types";
import { SecurityGroupBackend } from "./backend";
import { SECURITY_GROUP_KIND } from "./records";
import { SECURITY_GROUP_ROUTES } from "./routes";

export function register(api: ServiceRegistrar): void {
  api.backend("securityGroup", (ctx) => new SecurityGroupBackend(ctx));
  api.holds("vpc", {
    kind: SECURITY_GROUP_KIND,
    phrase: { en: "security groups", zh: "安全组" },
    holders: (ctx, regionId, vpcID) => ctx.backend("securityGroup").userGroupsIn(regionId, vpcID).map((group) => ({ id: group.id })),
    release: (ctx, regionId, vpcID) => ctx.backend("securityGroup").removeDefaultGroupsOf(regionId, vpcID),
  });
  for (const route of SECURITY_GROUP_ROUTES) api.route(route);
}
