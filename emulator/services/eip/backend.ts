/**
 * EIP rules (spec D.5, D.6, D.0.2, C.5): billing combinations, orders for create / bandwidth change /
 * unsubscribe, the "one order at a time per EIP" rule, association invariants (an EIP is bound to
 * at most one instance or VIP, an instance holds at most one EIP), and the status machine:
 * DOWN ⇄ ACTIVE by (dis)association, UPDATING while a bandwidth order runs, DELETING while the
 * unsubscribe order runs. Routes (routes.ts) only parse requests and shape responses.
 */
import { EmulatorError, InUseError, InvalidParameterError, NotFoundError } from "../../errors";
import type { EngineContext } from "../../engine/context";
import { ORDER_KIND, ORDER_STATUS, type OrderRecord } from "../../engine/orders";
import { paginate, type Page, type Paging } from "../shared/paging";
import { KIND, type EipRecord, type InstanceRecord } from "../shared/records";
import { checkName, normalizeProjectId } from "../shared/rules";
import { allocatePublicAddress } from "./pool";

export const EIP_NOT_FOUND = "Openapi.Eip.NotFound";
export const ORDER_IN_PROGRESS = "Openapi.Order.Inprogress";
/** The code ECS uses for a missing instance (spec C.4); the EIP API's own code is undocumented. */
export const INSTANCE_NOT_FOUND = "Ecs.Instance.NotFound";
/** The code the spec lists for a missing shared bandwidth (C.4); none exist in the emulator. */
export const SHARED_BANDWIDTH_NOT_FOUND = "Openapi.Sharedbandwidth.NotFound";

export const EIP_ORDER_ACTIONS = {
  create: "eip.create",
  modify: "eip.modify",
  modifyFailed: "eip.modify.failed",
  refund: "eip.refund",
  refundFailed: "eip.refund.failed",
} as const;

export type CycleType = EipRecord["cycleType"];
export const CYCLE_TYPES: readonly CycleType[] = ["on_demand", "month", "year"];
/** Subscription terms (spec D.0.2): months 1–11, years 1–3 for EIPs. */
export const CYCLE_COUNT_RANGE: Readonly<Record<Exclude<CycleType, "on_demand">, readonly [number, number]>> = { month: [1, 11], year: [1, 3] };
export const DEMAND_BILLING_TYPES = ["bandwidth", "upflowc"] as const;
export const LINE_TYPES = ["163", "bgp", "chinamobile", "chinaunicom"] as const;
export const MIN_BANDWIDTH = 1;
export const MAX_BANDWIDTH = 1024;
export const DEFAULT_BANDWIDTH = 1;

/** `associationType` of associate requests: 1 vm, 2 vip, 3 bare metal (not emulated). */
export const ASSOCIATION_TYPES: Readonly<Record<number, EipRecord["associationType"]>> = { 1: "INSTANCE", 2: "VIP" };
const HAVIP_ID = /^havip-[a-z0-9]{10}$/;
/** Instance states that can never take an EIP (they are gone or broken, not merely busy). */
const INSTANCE_STATES_WITHOUT_EIP = new Set(["error", "expired", "freezing", "unsubscribed", "unsubscribing"]);

export interface CreateEipRequest {
  readonly projectID: string | undefined;
  readonly name: string;
  readonly bandwidth: number | undefined;
  readonly cycleType: CycleType;
  readonly cycleCount: number | undefined;
  readonly demandBillingType: string | undefined;
  readonly bandwidthID: string | undefined;
  readonly payVoucherPrice: string | undefined;
  readonly lineType: string | undefined;
  readonly segmentID: string | undefined;
  readonly exclusiveName: string | undefined;
}

/** What the create order carries to its completion action (stored with the order: JSON only). */
interface CreatePayload {
  readonly [key: string]: unknown;
  readonly name: string;
  readonly bandwidth: number;
  readonly cycleType: CycleType;
  readonly cycleCount: number;
  readonly demandBillingType: string;
  readonly lineType: string;
  readonly projectID: string;
}

export interface PlacedEipOrder {
  readonly masterOrderID: string;
  readonly masterOrderNO: string;
}

export interface EipListFilter {
  readonly ids: readonly string[] | undefined;
  readonly status: string | undefined;
  readonly ip: string | undefined;
  readonly projectID: string | undefined;
  readonly paging: Paging;
}

/** RFC 3339 in UTC without fractions, as Go's time.Time decodes it (spec C.3). */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** `ms` plus whole calendar months, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(ms: number, months: number): number {
  const date = new Date(ms);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.getTime();
}

/** The status of an EIP with no order running: bound → ACTIVE, unbound → DOWN. */
function restingStatus(eip: Pick<EipRecord, "associationID">): EipRecord["status"] {
  return eip.associationID === "" ? "DOWN" : "ACTIVE";
}

function eips(ctx: Pick<EngineContext, "store">) {
  return ctx.store.collection<EipRecord>(KIND.eip);
}

function notFound(eipID: string): NotFoundError {
  return new NotFoundError(EIP_NOT_FOUND, `eip ${eipID} not found`, { description: "弹性IP不存在" });
}

function orderInProgress(eipID: string, order: OrderRecord): EmulatorError {
  // commitState: the answer is a 900 that still reports state the client acts on (spec C.4: TF
  // polls `returnObj.masterOrderID`); nothing the request observed must be rolled back.
  return new EmulatorError(ORDER_IN_PROGRESS, `an order for eip ${eipID} is still in progress (masterOrderID ${order.masterOrderID})`, {
    description: "该弹性IP存在处理中的订单",
    returnObj: { masterOrderID: order.masterOrderID },
    commitState: true,
  });
}

export class EipBackend {
  constructor(private readonly ctx: EngineContext) {}

  /** The binding conflicts' code is unknown (api-notes/eip.md): drawn per answer. */
  private boundCode(): { code: string } {
    return { code: this.ctx.unknownCodes.pick("eip-bound") };
  }

  /** Validates the billing combination and places the create order; the EIP appears when it finishes. */
  create(regionID: string, request: CreateEipRequest): PlacedEipOrder & { masterResourceID: string } {
    const payload = this.createPayload(request);
    const eipID = this.ctx.ids.prefixed("eip");
    const masterResourceID = this.ctx.ids.hex32();
    const placed = this.ctx.orders.place({
      kind: "create",
      regionId: regionID,
      resourceType: "EIP",
      resourceIds: [eipID],
      action: EIP_ORDER_ACTIONS.create,
      payload: { ...payload, masterResourceID },
    });
    return { ...placed, masterResourceID };
  }

  private createPayload(request: CreateEipRequest): CreatePayload {
    checkName("name", request.name);
    const projectID = normalizeProjectId(request.projectID);
    const { cycleType, cycleCount } = request;
    if (cycleType === "on_demand") {
      if (cycleCount !== undefined && cycleCount !== 0) {
        throw new InvalidParameterError("cycleCount must not be set when cycleType is on_demand");
      }
      if (request.demandBillingType === undefined) {
        throw new InvalidParameterError("demandBillingType is required when cycleType is on_demand (bandwidth or upflowc)");
      }
      if (request.payVoucherPrice !== undefined) throw new InvalidParameterError("payVoucherPrice applies only to month or year subscriptions");
    } else {
      const [min, max] = CYCLE_COUNT_RANGE[cycleType];
      if (cycleCount === undefined || cycleCount === 0) throw new InvalidParameterError(`cycleCount is required when cycleType is ${cycleType} (${min}-${max})`);
      if (cycleCount < min || cycleCount > max) throw new InvalidParameterError(`cycleCount must be ${min}-${max} when cycleType is ${cycleType}`);
      if (request.bandwidthID !== undefined && request.bandwidthID !== "") {
        throw new InvalidParameterError("bandwidthID (shared bandwidth) is only allowed when cycleType is on_demand");
      }
    }
    if (request.bandwidthID !== undefined && request.bandwidthID !== "") {
      throw new NotFoundError(SHARED_BANDWIDTH_NOT_FOUND, `shared bandwidth ${request.bandwidthID} not found`, { description: "共享带宽不存在" });
    }
    if ((request.segmentID ?? "") !== "" || (request.exclusiveName ?? "") !== "") {
      throw new InvalidParameterError("segmentID/exclusiveName: the account has no exclusive address segment");
    }
    return {
      name: request.name,
      bandwidth: request.bandwidth ?? DEFAULT_BANDWIDTH,
      cycleType,
      cycleCount: cycleType === "on_demand" ? 0 : (cycleCount as number),
      // Only effective for on-demand EIPs (doc: "当 cycleType 为 on_demand 时生效"): ignored otherwise.
      demandBillingType: cycleType === "on_demand" ? (request.demandBillingType as string) : "",
      lineType: request.lineType ?? "163",
      projectID,
    };
  }

  /** The EIP; a non-empty `projectID` other than the EIP's answers not-found, as for other products. */
  show(regionID: string, eipID: string, projectID?: string): EipRecord {
    const eip = eips(this.ctx).get(regionID, eipID);
    if (!eip || (projectID !== undefined && projectID !== "" && normalizeProjectId(projectID) !== eip.projectID)) throw notFound(eipID);
    return eip;
  }

  list(regionID: string, filter: EipListFilter): Page<EipRecord> {
    const ids = filter.ids && filter.ids.length > 0 ? new Set(filter.ids) : undefined;
    const projectID = filter.projectID === undefined || filter.projectID === "" ? undefined : normalizeProjectId(filter.projectID);
    const matching = eips(this.ctx).find(
      regionID,
      (eip) =>
        (!ids || ids.has(eip.ID)) &&
        (filter.status === undefined || eip.status === filter.status) &&
        (filter.ip === undefined || eip.eipAddress === filter.ip) &&
        (projectID === undefined || eip.projectID === projectID),
    );
    return paginate(matching, filter.paging);
  }

  rename(regionID: string, eipID: string, name: string): void {
    checkName("name", name);
    this.show(regionID, eipID);
    eips(this.ctx).update(regionID, eipID, { name, updatedAt: rfc3339(this.ctx.clock()) });
  }

  /** Places a bandwidth-change order; the new bandwidth shows when it finishes. */
  modifySpec(regionID: string, eipID: string, bandwidth: number): PlacedEipOrder {
    const eip = this.show(regionID, eipID);
    this.refuseWhileOrderRuns(regionID, eip);
    if (eip.bandwidth === bandwidth) throw new InvalidParameterError(`bandwidth of eip ${eipID} is already ${bandwidth} Mbps`);
    const placed = this.ctx.orders.place({
      kind: "modify",
      regionId: regionID,
      resourceType: "EIP",
      resourceIds: [eipID],
      action: EIP_ORDER_ACTIONS.modify,
      failAction: EIP_ORDER_ACTIONS.modifyFailed,
      payload: { bandwidth },
    });
    eips(this.ctx).update(regionID, eipID, { status: "UPDATING", updatedAt: rfc3339(this.ctx.clock()) });
    return placed;
  }

  /** Places the unsubscribe (refund) order, for on-demand EIPs too; the EIP disappears when it finishes. */
  delete(regionID: string, eipID: string, projectID?: string): PlacedEipOrder {
    const eip = this.show(regionID, eipID, projectID);
    this.refuseWhileOrderRuns(regionID, eip);
    if (eip.associationID !== "") {
      throw new InUseError(`eip ${eipID} is associated with ${eip.associationType === "VIP" ? "VIP" : "instance"} ${eip.associationID}; disassociate it first`, this.boundCode());
    }
    const placed = this.ctx.orders.place({
      kind: "refund",
      regionId: regionID,
      resourceType: "EIP",
      resourceIds: [eipID],
      action: EIP_ORDER_ACTIONS.refund,
      failAction: EIP_ORDER_ACTIONS.refundFailed,
    });
    eips(this.ctx).update(regionID, eipID, { status: "DELETING", updatedAt: rfc3339(this.ctx.clock()) });
    return placed;
  }

  associate(regionID: string, eipID: string, targetID: string, associationType: number, projectID?: string): EipRecord {
    const type = ASSOCIATION_TYPES[associationType];
    if (type === undefined) {
      throw new InvalidParameterError(associationType === 3 ? "associationType 3 (bare metal) is not supported in this region" : "associationType must be 1 (vm) or 2 (vip)");
    }
    const eip = this.show(regionID, eipID, projectID);
    if (eip.status === "DELETING") throw new InUseError(`eip ${eipID} is being released (unsubscribe order in progress)`, this.boundCode());
    if (eip.associationID !== "") {
      throw new InUseError(`eip ${eipID} is already associated with ${eip.associationType === "VIP" ? "VIP" : "instance"} ${eip.associationID}`, this.boundCode());
    }
    const privateIpAddress = type === "INSTANCE" ? this.instanceAddress(regionID, targetID) : this.vipAddress(targetID);
    const holder = eips(this.ctx).findOne(regionID, (other) => other.associationID === targetID);
    if (holder) {
      throw new InUseError(`${type === "VIP" ? "VIP" : "instance"} ${targetID} already has eip ${holder.ID} (${holder.eipAddress}) associated`, this.boundCode());
    }
    return eips(this.ctx).update(regionID, eipID, (current) => ({
      ...current,
      associationID: targetID,
      associationType: type,
      privateIpAddress,
      status: current.status === "UPDATING" ? "UPDATING" : "ACTIVE",
      updatedAt: rfc3339(this.ctx.clock()),
    })) as EipRecord;
  }

  disassociate(regionID: string, eipID: string, projectID?: string): EipRecord {
    const eip = this.show(regionID, eipID, projectID);
    if (eip.associationID === "") throw new InvalidParameterError(`eip ${eipID} is not associated with any instance or VIP`);
    return eips(this.ctx).update(regionID, eipID, (current) => unbound(current, this.ctx.clock())) as EipRecord;
  }

  /** The running order (create, modify or refund) that names this EIP, if any. */
  pendingOrder(regionID: string, eipID: string): OrderRecord | undefined {
    return this.ctx.store
      .collection<OrderRecord>(ORDER_KIND)
      .findOne(regionID, (order) => order.status === ORDER_STATUS.provisioning && order.resourceIds.includes(eipID));
  }

  private refuseWhileOrderRuns(regionID: string, eip: EipRecord): void {
    const order = this.pendingOrder(regionID, eip.ID);
    if (order) throw orderInProgress(eip.ID, order);
  }

  /** The instance's master NIC address; the instance must exist and be able to hold an EIP. */
  private instanceAddress(regionID: string, instanceID: string): string {
    const instance = this.ctx.store.collection<InstanceRecord>(KIND.instance).get(regionID, instanceID);
    if (!instance) throw new NotFoundError(INSTANCE_NOT_FOUND, `instance ${instanceID} not found`, { description: "云主机不存在" });
    if (INSTANCE_STATES_WITHOUT_EIP.has(instance.instanceStatus)) {
      throw new InvalidParameterError(`instance ${instanceID} is ${instance.instanceStatus} and cannot be associated with an eip`);
    }
    const nic = instance.networkCardList.find((card) => card.isMaster) ?? instance.networkCardList[0];
    return nic?.IPv4Address ?? "";
  }

  private vipAddress(vipID: string): string {
    if (!HAVIP_ID.test(vipID)) throw new InvalidParameterError(`associationID ${vipID} is not a VIP id (havip-xxxxxxxxxx)`);
    // HAVIPs are not emulated: the binding is recorded without a private address.
    return "";
  }
}

/** The EIP without its binding: DOWN, unless a bandwidth order still runs (then UPDATING until it ends). */
function unbound(eip: EipRecord, now: number): EipRecord {
  return {
    ...eip,
    associationID: "",
    associationType: "",
    privateIpAddress: "",
    status: eip.status === "UPDATING" ? "UPDATING" : "DOWN",
    updatedAt: rfc3339(now),
  };
}

/**
 * For other services: unbinds the EIPs bound to `targetID` (an instance or VIP going away), as the
 * cloud does when it destroys a VM: the EIPs are billed resources of their own and stay. Returns
 * the ids of the EIPs it unbound.
 */
export function unbindEipsOf(ctx: EngineContext, regionID: string, targetID: string): string[] {
  const bound = eips(ctx).find(regionID, (eip) => eip.associationID === targetID);
  for (const eip of bound) eips(ctx).update(regionID, eip.ID, (current) => unbound(current, ctx.clock()));
  return bound.map((eip) => eip.ID);
}

/** Completion of a create order: allocate the address and make the EIP visible (status DOWN). */
export function completeCreate(ctx: EngineContext, order: OrderRecord): void {
  const payload = order.payload as CreatePayload;
  const eipID = order.resourceIds[0] as string;
  const taken = new Set(eips(ctx).all().map((entry) => entry.data.eipAddress));
  const eipAddress = allocatePublicAddress(order.regionId, taken);
  if (eipAddress === undefined) throw new Error(`no free public IPv4 address left in region ${order.regionId}`);
  const now = ctx.clock();
  const expiredAt = payload.cycleType === "on_demand" ? "" : rfc3339(addMonths(now, payload.cycleType === "year" ? 12 * payload.cycleCount : payload.cycleCount));
  eips(ctx).insert(order.regionId, eipID, {
    ID: eipID,
    name: payload.name,
    description: "",
    eipAddress,
    associationID: "",
    associationType: "",
    privateIpAddress: "",
    bandwidth: payload.bandwidth,
    bandwidthID: "",
    bandwidthType: "standalone",
    status: "DOWN",
    tags: "",
    cycleType: payload.cycleType,
    cycleCount: payload.cycleCount,
    demandBillingType: payload.demandBillingType,
    lineType: payload.lineType,
    projectID: payload.projectID,
    createdAt: rfc3339(now),
    updatedAt: rfc3339(now),
    expiredAt,
    resourceID: typeof order.payload["masterResourceID"] === "string" ? order.payload["masterResourceID"] : "",
  });
}

/** Completion of a bandwidth order. */
export function completeModify(ctx: EngineContext, order: OrderRecord): void {
  const eipID = order.resourceIds[0] as string;
  const { bandwidth } = order.payload as { bandwidth: number };
  const updated = eips(ctx).update(order.regionId, eipID, (eip) => ({ ...eip, bandwidth, status: restingStatus(eip), updatedAt: rfc3339(ctx.clock()) }));
  if (!updated) throw new Error(`eip ${eipID} no longer exists`);
}

/** A failed order leaves the EIP as it was. */
export function settleAfterFailure(ctx: EngineContext, order: OrderRecord): void {
  const eipID = order.resourceIds[0] as string;
  eips(ctx).update(order.regionId, eipID, (eip) => ({ ...eip, status: restingStatus(eip), updatedAt: rfc3339(ctx.clock()) }));
}

/** Completion of the unsubscribe order: the EIP and its address are released. */
export function completeRefund(ctx: EngineContext, order: OrderRecord): void {
  eips(ctx).delete(order.regionId, order.resourceIds[0] as string);
}
