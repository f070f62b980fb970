/**
 * How EBS's order-placing calls answer (spec D.8): 800 with the order (and, for a create whose order
 * finished inside the request, `resources[0].diskID`), or 900 `ebs.order.inProgress` carrying
 * `returnObj.masterOrderID` to poll; a failed order answers `Ebs.Order.ProcFailed`.
 */
import { EmulatorError } from "../../errors";
import type { PlacedOrder } from "../../engine/orders";
import type { RegionRecord } from "../catalog/records";
import type { OperationContext } from "../types";
import { EbsBackend } from "./backend";
import { EBS_ORDER_FAILED, EBS_ORDER_IN_PROGRESS, type OrderOutcome } from "./rules";

/** What an order-placing EBS call answers: 800 with `returnObj`, or 900 "in progress" with it. */
export interface OrderAnswer {
  readonly inProgress: boolean;
  readonly returnObj: Record<string, unknown>;
}

/**
 * The answer is decided (and, with a clientToken, recorded for replay) inside the idempotent
 * block; the 900 is thrown outside it with `commitState`, so the placed order and the ledger entry
 * stay and a retry with the same token gets the same order.
 */
export function answer(result: OrderAnswer): Record<string, unknown> {
  if (!result.inProgress) return result.returnObj;
  throw new EmulatorError(EBS_ORDER_IN_PROGRESS, `order ${String(result.returnObj["masterOrderID"])} is still being provisioned; poll it with masterOrderID`, {
    description: "订单处理中，请使用masterOrderID查询订单状态",
    returnObj: result.returnObj,
    commitState: true,
  });
}

export function requireSuccessOrPending(ctx: OperationContext, order: PlacedOrder): void {
  const record = ctx.orders.get(order.masterOrderID);
  if (record?.status === "5") {
    throw new EmulatorError(EBS_ORDER_FAILED, `order ${order.masterOrderID} failed: ${record.failureReason ?? "unknown reason"}`, {
      description: "订单处理失败",
      returnObj: { masterOrderID: order.masterOrderID },
    });
  }
}

export function createAnswer(ctx: OperationContext, region: RegionRecord, outcome: OrderOutcome): Record<string, unknown> {
  const { masterOrderID, masterOrderNO } = outcome.order;
  if (!outcome.finished) return { masterOrderID, masterOrderNO, regionID: region.regionID };
  const disk = new EbsBackend(ctx).find(region.regionID, outcome.diskID).disk;
  return {
    masterOrderID,
    masterOrderNO,
    masterResourceID: disk.diskID,
    masterResourceStatus: "started",
    regionID: region.regionID,
    // Integer times/status/itemValue and a boolean isMaster (spec C.3).
    resources: [
      {
        diskID: disk.diskID,
        orderID: masterOrderID,
        startTime: disk.createTime,
        createTime: disk.createTime,
        updateTime: disk.updateTime,
        status: 1,
        isMaster: true,
        itemValue: disk.diskSize,
        resourceType: "EBS",
        diskName: disk.diskName,
        masterOrderID,
        masterResourceID: disk.diskID,
      },
    ],
  };
}
