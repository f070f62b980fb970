/**
 * The NAT service (api-notes/nat.md; ctvpc host): NAT gateways bought through orders, their SNAT and
 * DNAT rules. Backend `nat`. Gateways hold their VPC (it refuses to go, and lists them in
 * `natGatewayIDs`); SNAT rules hold their source subnet; rules hold their gateway and their EIPs.
 */
import type { ServiceRegistrar } from "../types";
import { NatBackend } from "./backend";
import { NatOrders } from "./orders";
import { DnatRules } from "./dnat";
import { DNAT_RULE_KIND, NAT_GATEWAY_KIND, SNAT_RULE_KIND } from "./records";
import { NAT_RULE_ROUTES } from "./rule-routes";
import { SnatRules } from "./snat";
import { NAT_GATEWAY_ROUTES } from "./routes";
import { NAT_ORDER_ACTIONS } from "./rules";

export function register(api: ServiceRegistrar): void {
  api.backend("nat", (ctx) => new NatBackend(ctx));
  api.holds("vpc", { kind: NAT_GATEWAY_KIND, phrase: { en: "NAT gateways", zh: "NAT网关" }, holders: (ctx, regionId, vpcID) => ctx.backend("nat").inVpc(regionId, vpcID) });
  api.holds("subnet", { kind: SNAT_RULE_KIND, phrase: { en: "SNAT rules", zh: "SNAT规则" }, holders: (ctx, regionId, subnetID) => new SnatRules(ctx).inSubnet(regionId, subnetID) });
  api.holds(NAT_GATEWAY_KIND, { kind: SNAT_RULE_KIND, phrase: { en: "SNAT rules", zh: "SNAT规则" }, holders: (ctx, regionId, id) => new SnatRules(ctx).onGateway(regionId, id) });
  api.holds(NAT_GATEWAY_KIND, { kind: DNAT_RULE_KIND, phrase: { en: "DNAT rules", zh: "DNAT规则" }, holders: (ctx, regionId, id) => new DnatRules(ctx).onGateway(regionId, id) });
  api.holds("eip", { kind: SNAT_RULE_KIND, phrase: { en: "SNAT rules", zh: "SNAT规则" }, holders: (ctx, regionId, eipID) => new SnatRules(ctx).usingEip(regionId, eipID) });
  api.holds("eip", { kind: DNAT_RULE_KIND, phrase: { en: "DNAT rules", zh: "DNAT规则" }, holders: (ctx, regionId, eipID) => new DnatRules(ctx).usingEip(regionId, eipID) });
  api.orderAction(NAT_ORDER_ACTIONS.create, (ctx, order) => new NatOrders(ctx).completeCreate(order));
  api.orderAction(NAT_ORDER_ACTIONS.modify, (ctx, order) => new NatOrders(ctx).completeModify(order));
  api.orderAction(NAT_ORDER_ACTIONS.refund, (ctx, order) => new NatOrders(ctx).completeRefund(order));
  for (const route of [...NAT_GATEWAY_ROUTES, ...NAT_RULE_ROUTES]) api.route(route);
}
