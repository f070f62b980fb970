/**
 * The ELB service (api-notes/elb.md; host ctelb): billed "pgelb" load balancers through orders
 * (create, spec change, refund), listeners, listener rules, target groups, targets, health checks and
 * certificates. Backend `elb` (targets for other services). Load balancers hold their subnet (with
 * their address) and VPC, target groups their VPC, targets their VM (a VM that goes leaves its groups);
 * an external LB's EIP is bound through the EIP service (`bindTo`, `LOADBALANCER`).
 */
import type { ServiceRegistrar } from "../types";
import { ElbBackend } from "./backend";
import { CHECK_ROUTES } from "./check-routes";
import { LOAD_BALANCER_ROUTES } from "./lb-routes";
import { LISTENER_ROUTES } from "./listener-routes";
import { LoadBalancers } from "./load-balancers";
import { LOAD_BALANCER_KIND, TARGET_GROUP_KIND, TARGET_KIND } from "./records";
import { ELB_ORDER_ACTIONS } from "./rules";
import { TARGET_ROUTES } from "./target-routes";

export function register(api: ServiceRegistrar): void {
  api.backend("elb", (ctx) => new ElbBackend(ctx));
  const loadBalancers = { en: "load balancers", zh: "负载均衡" };
  api.holds("subnet", { kind: LOAD_BALANCER_KIND, phrase: loadBalancers, holders: (ctx, regionId, subnetID) => ctx.backend("elb").inSubnet(regionId, subnetID) });
  api.holds("vpc", { kind: LOAD_BALANCER_KIND, phrase: loadBalancers, holders: (ctx, regionId, vpcID) => ctx.backend("elb").loadBalancersInVpc(regionId, vpcID) });
  api.holds("vpc", {
    kind: TARGET_GROUP_KIND,
    phrase: { en: "load balancer target groups", zh: "负载均衡后端主机组" },
    holders: (ctx, regionId, vpcID) => ctx.backend("elb").targetGroupsInVpc(regionId, vpcID),
  });
  api.holds("instance", {
    kind: TARGET_KIND,
    phrase: { en: "load balancer targets", zh: "负载均衡后端主机" },
    holders: (ctx, regionId, instanceID) => ctx.backend("elb").targetsOfInstance(regionId, instanceID),
    release: (ctx, regionId, instanceID) => ctx.backend("elb").releaseInstance(regionId, instanceID),
  });

  api.orderAction(ELB_ORDER_ACTIONS.create, (ctx, order) => new LoadBalancers(ctx).completeCreate(order));
  api.orderAction(ELB_ORDER_ACTIONS.modify, (ctx, order) => new LoadBalancers(ctx).completeModify(order));
  api.orderAction(ELB_ORDER_ACTIONS.refund, (ctx, order) => new LoadBalancers(ctx).completeRefund(order));

  for (const route of [...LOAD_BALANCER_ROUTES, ...LISTENER_ROUTES, ...TARGET_ROUTES, ...CHECK_ROUTES]) api.route(route);
}
