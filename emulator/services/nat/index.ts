/**
 * The NAT service (api-notes/nat.md; ctvpc host): NAT gateways bought through orders. Backend `nat`.
 * Gateways hold their VPC (it refuses to go, and lists them in `natGatewayIDs`).
 */
import type { ServiceRegistrar } from "../types";
import { NatBackend } from "./backend";
import { NatOrders } from "./orders";
import { NAT_GATEWAY_KIND } from "./records";
import { NAT_GATEWAY_ROUTES } from "./routes";
import { NAT_ORDER_ACTIONS } from "./rules";

export function register(api: ServiceRegistrar): void {
  api.backend("nat", (ctx) => new NatBackend(ctx));
  api.holds("vpc", { kind: NAT_GATEWAY_KIND, phrase: { en: "NAT gateways", zh: "NAT网关" }, holders: (ctx, regionId, vpcID) => ctx.backend("nat").inVpc(regionId, vpcID) });
  api.orderAction(NAT_ORDER_ACTIONS.create, (ctx, order) => new NatOrders(ctx).completeCreate(order));
  api.orderAction(NAT_ORDER_ACTIONS.modify, (ctx, order) => new NatOrders(ctx).completeModify(order));
  api.orderAction(NAT_ORDER_ACTIONS.refund, (ctx, order) => new NatOrders(ctx).completeRefund(order));
  for (const route of NAT_GATEWAY_ROUTES) api.route(route);
}
