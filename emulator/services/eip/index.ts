/**
 * The EIP service (spec D.5, D.6): billed create / bandwidth change / unsubscribe through orders,
 * show and list, rename, association with instances and VIPs. Backend `eip`. An EIP holds the VM it
 * is bound to, and is unbound when the VM goes.
 */
import type { ServiceRegistrar } from "../types";
import { EipBackend } from "./backend";
import { EipOrders } from "./orders";
import { EIP_KIND } from "./records";
import { EIP_ROUTES } from "./routes";
import { EIP_ORDER_ACTIONS } from "./rules";

export function register(api: ServiceRegistrar): void {
  api.backend("eip", (ctx) => new EipBackend(ctx));
  api.holds("instance", {
    kind: EIP_KIND,
    phrase: { en: "EIPs", zh: "弹性IP" },
    holders: (ctx, regionId, instanceID) => ctx.backend("eip").holdersOf(regionId, instanceID),
    release: (ctx, regionId, instanceID) => void ctx.backend("eip").unbindAllFrom(regionId, instanceID),
  });
  api.orderAction(EIP_ORDER_ACTIONS.create, (ctx, order) => new EipOrders(ctx).completeCreate(order));
  api.orderAction(EIP_ORDER_ACTIONS.modify, (ctx, order) => new EipOrders(ctx).completeModify(order));
  api.orderAction(EIP_ORDER_ACTIONS.modifyFailed, (ctx, order) => new EipOrders(ctx).settleAfterFailure(order));
  api.orderAction(EIP_ORDER_ACTIONS.refund, (ctx, order) => new EipOrders(ctx).completeRefund(order));
  api.orderAction(EIP_ORDER_ACTIONS.refundFailed, (ctx, order) => new EipOrders(ctx).settleAfterFailure(order));
  for (const route of EIP_ROUTES) api.route(route);
}
