/**
 * The EIP service (spec D.5, D.6): billed create / bandwidth change / unsubscribe through orders,
 * show and list, rename, association with instances and VIPs. Owns the `eip` record kind.
 */
import type { ServiceRegistrar } from "../types";
import { completeCreate, completeModify, completeRefund, EIP_ORDER_ACTIONS, settleAfterFailure } from "./backend";
import { EIP_ROUTES } from "./routes";

export function register(api: ServiceRegistrar): void {
  api.orderAction(EIP_ORDER_ACTIONS.create, completeCreate);
  api.orderAction(EIP_ORDER_ACTIONS.modify, completeModify);
  api.orderAction(EIP_ORDER_ACTIONS.modifyFailed, settleAfterFailure);
  api.orderAction(EIP_ORDER_ACTIONS.refund, completeRefund);
  api.orderAction(EIP_ORDER_ACTIONS.refundFailed, settleAfterFailure);
  for (const route of EIP_ROUTES) api.route(route);
}
