/**
 * NAT vocabulary shared by the backend, the orders and the routes (api-notes/nat.md): spec names,
 * billing terms, order action names, and the refusals. No official source gives a NAT error code
 * (TF recognises "gone" by the text `not found`): not-found and in-use answers draw their code from
 * documented sets (unknown-codes.ts), with `not found` / `不存在` in the texts as TF needs.
 */
import type { OrderRecord } from "../../engine/orders";
import { EmulatorError, InUseError, NotFoundError } from "../../errors";
import type { UnknownCodes } from "../../unknown-codes";
import type { NatGatewayRecord, NatSpec } from "./records";

/** `Openapi.Order.Inprogress` (TF internal/common/error_code.go): one billed order at a time per resource. */
export const ORDER_IN_PROGRESS = "Openapi.Order.Inprogress";

export const NAT_ORDER_ACTIONS = {
  create: "nat.create",
  modify: "nat.modify",
  refund: "nat.refund",
} as const;

/** show's `specs` for each wire `spec` (TF nat/resource_ctyun_nat.go parseNatSpec accepts exactly these). */
export const SPEC_NAMES: Readonly<Record<NatSpec, string>> = { 1: "small", 2: "medium", 3: "large", 4: "xlarge" };

export const CYCLE_TYPES = ["on_demand", "month", "year"] as const;
export type CycleType = (typeof CYCLE_TYPES)[number];

export function natNotFound(codes: UnknownCodes, natGatewayID: string): NotFoundError {
  return new NotFoundError(codes.pick("nat-gateway-not-found"), `nat gateway ${natGatewayID} not found`, { description: `NAT网关 ${natGatewayID} 不存在` });
}

export function natInUse(codes: UnknownCodes, gateway: NatGatewayRecord, phrase: { en: string; zh: string }, ids: readonly string[]): InUseError {
  return new InUseError(`nat gateway ${gateway.natGatewayID} still has ${phrase.en}: ${ids.join(", ")}`, {
    description: `NAT网关下存在${phrase.zh}，无法删除`,
    code: codes.pick("nat-gateway-in-use"),
  });
}

export function orderInProgress(natGatewayID: string, order: OrderRecord): EmulatorError {
  // A 900 the client acts on (it polls returnObj.masterOrderID): nothing observed is rolled back.
  return new EmulatorError(ORDER_IN_PROGRESS, `an order for nat gateway ${natGatewayID} is still in progress (masterOrderID ${order.masterOrderID})`, {
    description: "该NAT网关存在处理中的订单",
    returnObj: { masterOrderID: order.masterOrderID },
    commitState: true,
  });
}
