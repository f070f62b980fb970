/**
 * An EIP's billed life (spec D.5, D.0.2, C.5): create (the billing combination is checked, the EIP
 * appears with an address of the region's pool when the order finishes), a bandwidth change
 * (UPDATING meanwhile) and unsubscribe (DELETING meanwhile; refused while bound), each an order,
 * one at a time per EIP.
 */
import type { EngineContext } from "../../engine/context";
import type { OrderRecord } from "../../engine/orders";
import { InUseError, InvalidParameterError } from "../../errors";
import { checkName, normalizeProjectId } from "../shared/rules";
import { EipBackend } from "./backend";
import { allocatePublicAddress } from "./pool";
import { EIP_KIND, type EipRecord } from "./records";
import { boundTarget, DEFAULT_BANDWIDTH, EIP_ORDER_ACTIONS, restingStatus, type CycleType } from "./rules";
import { expiryOf, NETWORK_TERMS, requireNoTermCount, requireTermCount, rfc3339 } from "../shared/billing";

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

/** What the create order carries to its completion (stored with the order: JSON only). */
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

export class EipOrders {
  private readonly eipBackend: EipBackend;

  constructor(private readonly ctx: EngineContext) {
    this.eipBackend = new EipBackend(ctx);
  }

  private get eips() {
    return this.ctx.store.collection<EipRecord>(EIP_KIND);
  }

  /** Validates the billing combination and places the create order; the EIP appears when it finishes. */
  create(regionID: string, request: CreateEipRequest): PlacedEipOrder & { masterResourceID: string } {
    const payload = createPayload(request);
    // Joining a shared bandwidth at creation (py v4_eip_create bandwidthID): the package must exist
    // (Openapi.Sharedbandwidth.NotFound); the EIP joins it when the order finishes.
    const bandwidthID = request.bandwidthID ? this.ctx.backend("bandwidth").require(regionID, request.bandwidthID).id : "";
    const eipID = this.ctx.ids.prefixed("eip");
    const masterResourceID = this.ctx.ids.hex32();
    const placed = this.ctx.orders.place({
      kind: "create",
      regionId: regionID,
      resourceType: "EIP",
      resourceIds: [eipID],
      action: EIP_ORDER_ACTIONS.create,
      payload: { ...payload, masterResourceID, bandwidthID },
    });
    return { ...placed, masterResourceID };
  }

  /** Places a bandwidth-change order; the new bandwidth shows when it finishes. */
  modifySpec(regionID: string, eipID: string, bandwidth: number): PlacedEipOrder {
    const eip = this.eipBackend.show(regionID, eipID);
    this.eipBackend.refuseWhileOrderRuns(regionID, eip);
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
    this.eips.update(regionID, eipID, { status: "UPDATING", updatedAt: rfc3339(this.ctx.clock()) });
    return placed;
  }

  /** Places the unsubscribe (refund) order, for on-demand EIPs too; the EIP disappears when it finishes. */
  delete(regionID: string, eipID: string, projectID?: string): PlacedEipOrder {
    const eip = this.eipBackend.show(regionID, eipID, projectID);
    this.eipBackend.refuseWhileOrderRuns(regionID, eip);
    if (eip.associationID !== "") {
      throw new InUseError(`eip ${eipID} is associated with ${boundTarget(eip)}; disassociate it first`, this.eipBackend.boundCode());
    }
    this.eipBackend.refuseWhileHeld(regionID, eip);
    const placed = this.ctx.orders.place({
      kind: "refund",
      regionId: regionID,
      resourceType: "EIP",
      resourceIds: [eipID],
      action: EIP_ORDER_ACTIONS.refund,
      failAction: EIP_ORDER_ACTIONS.refundFailed,
    });
    this.eips.update(regionID, eipID, { status: "DELETING", updatedAt: rfc3339(this.ctx.clock()) });
    return placed;
  }

  /** Completion of a create order: allocate the address and make the EIP visible (status DOWN). */
  completeCreate(order: OrderRecord): void {
    const payload = order.payload as CreatePayload;
    const eipID = order.resourceIds[0] as string;
    const taken = new Set(this.eips.all().map((entry) => entry.data.eipAddress));
    const eipAddress = allocatePublicAddress(order.regionId, taken);
    if (eipAddress === undefined) throw new Error(`no free public IPv4 address left in region ${order.regionId}`);
    const now = this.ctx.clock();
    const expiredAt = expiryOf(now, payload.cycleType, payload.cycleCount);
    this.eips.insert(order.regionId, eipID, {
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
    const bandwidthID = order.payload["bandwidthID"];
    if (typeof bandwidthID === "string" && bandwidthID !== "") this.ctx.backend("bandwidth").associate(order.regionId, bandwidthID, [eipID]);
  }

  /** Completion of a bandwidth order. */
  completeModify(order: OrderRecord): void {
    const eipID = order.resourceIds[0] as string;
    const { bandwidth } = order.payload as { bandwidth: number };
    const updated = this.eips.update(order.regionId, eipID, (eip) => ({ ...eip, bandwidth, status: restingStatus(eip), updatedAt: rfc3339(this.ctx.clock()) }));
    if (!updated) throw new Error(`eip ${eipID} no longer exists`);
  }

  /** A failed order leaves the EIP as it was. */
  settleAfterFailure(order: OrderRecord): void {
    const eipID = order.resourceIds[0] as string;
    this.eips.update(order.regionId, eipID, (eip) => ({ ...eip, status: restingStatus(eip), updatedAt: rfc3339(this.ctx.clock()) }));
  }

  /** Completion of the unsubscribe order: the EIP and its address are released. */
  completeRefund(order: OrderRecord): void {
    this.eips.delete(order.regionId, order.resourceIds[0] as string);
  }
}

function createPayload(request: CreateEipRequest): CreatePayload {
  checkName("name", request.name);
  const projectID = normalizeProjectId(request.projectID);
  const { cycleType, cycleCount } = request;
  if (cycleType === "on_demand") {
    requireNoTermCount(cycleCount);
    if (request.demandBillingType === undefined) {
      throw new InvalidParameterError("demandBillingType is required when cycleType is on_demand (bandwidth or upflowc)");
    }
    if (request.payVoucherPrice !== undefined) throw new InvalidParameterError("payVoucherPrice applies only to month or year subscriptions");
  } else {
    requireTermCount(cycleType, cycleCount, NETWORK_TERMS);
    if (request.bandwidthID !== undefined && request.bandwidthID !== "") {
      throw new InvalidParameterError("bandwidthID (shared bandwidth) is only allowed when cycleType is on_demand");
    }
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
