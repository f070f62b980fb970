/**
 * The shared-bandwidth service (api-notes/bandwidth.md; ctvpc host): bandwidth packages bought through
 * orders and the EIPs in them. Backend `bandwidth`. A package holds its EIPs (the EIP service refuses
 * to release or shows them in `bandwidthID`); an EIP that goes leaves its package.
 */
import type { ServiceRegistrar } from "../types";
import { BandwidthBackend } from "./backend";
import { BandwidthOrders } from "./orders";
import { BANDWIDTH_KIND } from "./records";
import { BANDWIDTH_ROUTES } from "./routes";
import { BANDWIDTH_ORDER_ACTIONS } from "./rules";

export function register(api: ServiceRegistrar): void {
  api.backend("bandwidth", (ctx) => new BandwidthBackend(ctx));
  api.holds("eip", {
    kind: BANDWIDTH_KIND,
    phrase: { en: "shared bandwidths", zh: "共享带宽" },
    holders: (ctx, regionId, eipID) => ctx.backend("bandwidth").holdersOfEip(regionId, eipID),
    release: (ctx, regionId, eipID) => ctx.backend("bandwidth").releaseEip(regionId, eipID),
  });
  api.orderAction(BANDWIDTH_ORDER_ACTIONS.create, (ctx, order) => new BandwidthOrders(ctx).completeCreate(order));
  api.orderAction(BANDWIDTH_ORDER_ACTIONS.modify, (ctx, order) => new BandwidthOrders(ctx).completeModify(order));
  api.orderAction(BANDWIDTH_ORDER_ACTIONS.refund, (ctx, order) => new BandwidthOrders(ctx).completeRefund(order));
  for (const route of BANDWIDTH_ROUTES) api.route(route);
}
