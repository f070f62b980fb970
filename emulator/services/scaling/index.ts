/**
 * The auto-scaling service (弹性伸缩, host `scaling`, api-notes/scaling.md): launch templates,
 * groups that run VMs through the ECS service (activities, members), rules. Backend `scaling`.
 * Groups hold their VPC, subnets and security groups; configs hold theirs.
 */
import type { ServiceRegistrar } from "../types";
import { ScalingBackend } from "./backend";
import { CONFIG_ROUTES } from "./config-routes";
import { GROUP_ROUTES } from "./group-routes";
import { MEMBER_ROUTES } from "./member-routes";
import { SCALING_CONFIG_KIND, SCALING_GROUP_KIND } from "./records";
import { RULE_ROUTES } from "./rule-routes";

const GROUPS = { en: "scaling groups", zh: "弹性伸缩组" };

export function register(api: ServiceRegistrar): void {
  api.backend("scaling", (ctx) => new ScalingBackend(ctx));
  api.holds("vpc", { kind: SCALING_GROUP_KIND, phrase: GROUPS, holders: (ctx, regionId, vpcID) => ctx.backend("scaling").holdersOfVpc(regionId, vpcID) });
  api.holds("subnet", { kind: SCALING_GROUP_KIND, phrase: GROUPS, holders: (ctx, regionId, subnetID) => ctx.backend("scaling").holdersOfSubnet(regionId, subnetID) });
  api.holds("securityGroup", {
    kind: SCALING_GROUP_KIND,
    phrase: { en: "used by scaling groups", zh: "被弹性伸缩组使用" },
    holders: (ctx, regionId, id) => ctx.backend("scaling").groupsWithSecurityGroup(regionId, id),
  });
  api.holds("securityGroup", {
    kind: SCALING_CONFIG_KIND,
    phrase: { en: "used by scaling configs", zh: "被弹性伸缩配置使用" },
    holders: (ctx, regionId, id) => ctx.backend("scaling").configsWithSecurityGroup(regionId, id),
  });
  for (const route of [...CONFIG_ROUTES, ...GROUP_ROUTES, ...MEMBER_ROUTES, ...RULE_ROUTES]) api.route(route);
}
