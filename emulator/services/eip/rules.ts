/**
 * EIP vocabulary and the pure rules both the backend and the order code use (spec D.5, D.6, D.0.2):
 * codes, order action names, billing enums and limits, the resting status, RFC 3339 times and
 * subscription ends.
 */
import { EmulatorError, NotFoundError } from "../../errors";
import type { OrderRecord } from "../../engine/orders";
import type { EipRecord } from "./records";
import { rfc3339 } from "../shared/billing";

export const EIP_NOT_FOUND = "Openapi.Eip.NotFound";
export const ORDER_IN_PROGRESS = "Openapi.Order.Inprogress";
/** The code ECS uses for a missing instance (spec C.4); the EIP API's own code is undocumented. */
export const INSTANCE_NOT_FOUND = "Ecs.Instance.NotFound";

export const EIP_ORDER_ACTIONS = {
  create: "eip.create",
  modify: "eip.modify",
  modifyFailed: "eip.modify.failed",
  refund: "eip.refund",
  refundFailed: "eip.refund.failed",
} as const;

export type CycleType = EipRecord["cycleType"];
export const CYCLE_TYPES: readonly CycleType[] = ["on_demand", "month", "year"];
export const DEMAND_BILLING_TYPES = ["bandwidth", "upflowc"] as const;
export const LINE_TYPES = ["163", "bgp", "chinamobile", "chinaunicom"] as const;
export const MIN_BANDWIDTH = 1;
export const MAX_BANDWIDTH = 1024;
export const DEFAULT_BANDWIDTH = 1;


/** The status of an EIP with no order running: bound → ACTIVE, unbound → DOWN. */
export function restingStatus(eip: Pick<EipRecord, "associationID">): EipRecord["status"] {
  return eip.associationID === "" ? "DOWN" : "ACTIVE";
}

/** The EIP without its binding: DOWN, unless a bandwidth order still runs (then UPDATING until it ends). */
export function unbound(eip: EipRecord, now: number): EipRecord {
  return {
    ...eip,
    associationID: "",
    associationType: "",
    privateIpAddress: "",
    status: eip.status === "UPDATING" ? "UPDATING" : "DOWN",
    updatedAt: rfc3339(now),
  };
}

/** What the EIP is bound to, for messages: `instance <id>`, `VIP <id>`, `load balancer <id>`. */
export function boundTarget(eip: Pick<EipRecord, "associationType" | "associationID">): string {
  const kind = eip.associationType === "VIP" ? "VIP" : eip.associationType === "LOADBALANCER" ? "load balancer" : "instance";
  return `${kind} ${eip.associationID}`;
}

export function eipNotFound(eipID: string): NotFoundError {
  return new NotFoundError(EIP_NOT_FOUND, `eip ${eipID} not found`, { description: "弹性IP不存在" });
}

export function orderInProgress(eipID: string, order: OrderRecord): EmulatorError {
  // commitState: the answer is a 900 that still reports state the client acts on (spec C.4: TF
  // polls `returnObj.masterOrderID`); nothing the request observed must be rolled back.
  return new EmulatorError(ORDER_IN_PROGRESS, `an order for eip ${eipID} is still in progress (masterOrderID ${order.masterOrderID})`, {
    description: "该弹性IP存在处理中的订单",
    returnObj: { masterOrderID: order.masterOrderID },
    commitState: true,
  });
}
