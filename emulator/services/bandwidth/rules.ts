/**
 * Shared-bandwidth vocabulary (api-notes/bandwidth.md): limits, billing terms, order actions and the
 * refusals. `Openapi.Sharedbandwidth.NotFound` is official (TF internal/common/error_code.go);
 * in-use and name-taken answers draw their codes from documented sets (unknown-codes.ts).
 */
import type { OrderRecord } from "../../engine/orders";
import { EmulatorError, NotFoundError } from "../../errors";

export const SHARED_BANDWIDTH_NOT_FOUND = "Openapi.Sharedbandwidth.NotFound";
export const ORDER_IN_PROGRESS = "Openapi.Order.Inprogress";

/** TF validator Between(5, 1000); the doc says "必须大于等于 5". */
export const MIN_BANDWIDTH = 5;
export const MAX_BANDWIDTH = 1000;
/** associate-eip / disassociate-eip take 1–50 EIPs a call (TF gen doc). */
export const MAX_EIPS_PER_CALL = 50;

export const BANDWIDTH_ORDER_ACTIONS = { create: "bandwidth.create", modify: "bandwidth.modify", refund: "bandwidth.refund" } as const;

export const CYCLE_TYPES = ["on_demand", "month", "year"] as const;
export type CycleType = (typeof CYCLE_TYPES)[number];

/** TF vpc/resource_ctyun_bandwidth.go: 2–63, letter or Chinese first (the gen doc's 2–32 would break TF configs). */
export const NAME = /^[a-zA-Z\u4e00-\u9fa5][0-9a-zA-Z_\u4e00-\u9fa5-]{1,62}$/;


export function bandwidthNotFound(bandwidthID: string): NotFoundError {
  return new NotFoundError(SHARED_BANDWIDTH_NOT_FOUND, `shared bandwidth ${bandwidthID} not found`, { description: `共享带宽 ${bandwidthID} 不存在` });
}

export function orderInProgress(bandwidthID: string, order: OrderRecord): EmulatorError {
  // A 900 the client acts on (TF polls returnObj.masterOrderID): nothing observed is rolled back.
  return new EmulatorError(ORDER_IN_PROGRESS, `an order for shared bandwidth ${bandwidthID} is still in progress (masterOrderID ${order.masterOrderID})`, {
    description: "该共享带宽存在处理中的订单",
    returnObj: { masterOrderID: order.masterOrderID },
    commitState: true,
  });
}
