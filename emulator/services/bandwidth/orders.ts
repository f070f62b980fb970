/**
 * A shared bandwidth's billed life (api-notes/bandwidth.md §2): create (invisible until its order
 * finishes; TF waits by replaying the create, so its answer is computed from the order each time),
 * a bandwidth change and the unsubscribe (refused while EIPs are in the package), one order at a time.
 */
import type { EngineContext } from "../../engine/context";
import type { OrderRecord } from "../../engine/orders";
import { InUseError, InvalidParameterError } from "../../errors";
import { createStatus, expiryOf, NETWORK_TERMS, rfc3339, termCount } from "../shared/billing";
import { normalizeProjectId } from "../shared/rules";
import { BandwidthBackend } from "./backend";
import { BANDWIDTH_KIND, type BandwidthRecord } from "./records";
import { BANDWIDTH_ORDER_ACTIONS, MAX_BANDWIDTH, MIN_BANDWIDTH, type CycleType } from "./rules";

export interface CreateBandwidthRequest {
  readonly name: string;
  readonly bandwidth: number;
  readonly cycleType: CycleType;
  readonly cycleCount?: number | undefined;
  readonly projectID?: string | undefined;
}

/** What the idempotency ledger keeps of a create: enough to recompute its answer from the order. */
export interface PlacedBandwidthCreate {
  readonly [key: string]: unknown;
  readonly masterOrderID: string;
  readonly masterOrderNO: string;
  readonly masterResourceID: string;
  readonly regionID: string;
  readonly bandwidthID: string;
}

export function requireBandwidth(value: number): number {
  if (!Number.isInteger(value) || value < MIN_BANDWIDTH || value > MAX_BANDWIDTH) throw new InvalidParameterError(`bandwidth must be an integer from ${MIN_BANDWIDTH} to ${MAX_BANDWIDTH}`);
  return value;
}

export class BandwidthOrders {
  private readonly backend: BandwidthBackend;

  constructor(private readonly ctx: EngineContext) {
    this.backend = new BandwidthBackend(ctx);
  }

  private get packages() {
    return this.ctx.store.collection<BandwidthRecord>(BANDWIDTH_KIND);
  }

  create(regionId: string, request: CreateBandwidthRequest): PlacedBandwidthCreate {
    const bandwidth = requireBandwidth(request.bandwidth);
    const cycleCount = termCount(request.cycleType, request.cycleCount, NETWORK_TERMS);
    const projectID = normalizeProjectId(request.projectID);
    this.backend.checkName(regionId, request.name);
    const bandwidthID = this.ctx.ids.prefixed("bandwidth");
    const masterResourceID = this.ctx.ids.hex32();
    const placed = this.ctx.orders.place({
      kind: "create",
      regionId,
      resourceType: "BANDWIDTH",
      resourceIds: [bandwidthID],
      action: BANDWIDTH_ORDER_ACTIONS.create,
      payload: { name: request.name, bandwidth, cycleType: request.cycleType, cycleCount, projectID, masterResourceID },
    });
    return { ...placed, masterResourceID, regionID: regionId, bandwidthID };
  }

  /** The create's answer as of now; a replay (`poll`) counts as a poll of the order. */
  createAnswer(placed: PlacedBandwidthCreate, poll: boolean): Record<string, unknown> {
    const status = createStatus(this.ctx.orders, placed.masterOrderID, poll);
    return {
      masterOrderID: placed.masterOrderID,
      masterOrderNO: placed.masterOrderNO,
      masterResourceID: placed.masterResourceID,
      masterResourceStatus: status,
      regionID: placed.regionID,
      // "may be null while masterResourceStatus is not started" (TF gen ctvpc_create_bandwidth_api.go).
      bandwidthID: status === "started" ? placed.bandwidthID : null,
    };
  }

  modifySpec(regionId: string, bandwidthID: string, value: number): { masterOrderID: string; masterOrderNO: string } {
    const bandwidth = requireBandwidth(value);
    const found = this.backend.require(regionId, bandwidthID);
    this.backend.refuseWhileOrderRuns(regionId, bandwidthID);
    if (found.bandwidth === bandwidth) throw new InvalidParameterError(`shared bandwidth ${bandwidthID} is already ${bandwidth} Mbps`);
    return this.ctx.orders.place({ kind: "modify", regionId, resourceType: "BANDWIDTH", resourceIds: [bandwidthID], action: BANDWIDTH_ORDER_ACTIONS.modify, payload: { bandwidth } });
  }

  delete(regionId: string, bandwidthID: string, projectID?: string): { masterOrderID: string; masterOrderNO: string } {
    const found = this.backend.require(regionId, bandwidthID, projectID);
    this.backend.refuseWhileOrderRuns(regionId, bandwidthID);
    if (found.eipIDs.length > 0) {
      throw new InUseError(`shared bandwidth ${bandwidthID} still has EIPs: ${found.eipIDs.join(", ")}`, { description: "共享带宽下存在弹性IP，无法删除", code: this.ctx.unknownCodes.pick("bandwidth-has-eips") });
    }
    return this.ctx.orders.place({ kind: "refund", regionId, resourceType: "BANDWIDTH", resourceIds: [bandwidthID], action: BANDWIDTH_ORDER_ACTIONS.refund });
  }

  completeCreate(order: OrderRecord): void {
    const payload = order.payload as { name: string; bandwidth: number; cycleType: CycleType; cycleCount: number; projectID: string; masterResourceID: string };
    const now = this.ctx.clock();
    const id = order.resourceIds[0] as string;
    this.packages.insert(order.regionId, id, {
      id,
      name: payload.name,
      bandwidth: payload.bandwidth,
      status: "ACTIVE",
      cycleType: payload.cycleType,
      cycleCount: payload.cycleCount,
      projectID: payload.projectID,
      eipIDs: [],
      createdAt: rfc3339(now),
      expireAt: expiryOf(now, payload.cycleType, payload.cycleCount),
      resourceID: payload.masterResourceID,
    });
  }

  completeModify(order: OrderRecord): void {
    const { bandwidth } = order.payload as { bandwidth: number };
    this.packages.update(order.regionId, order.resourceIds[0] as string, { bandwidth });
  }

  completeRefund(order: OrderRecord): void {
    this.packages.delete(order.regionId, order.resourceIds[0] as string);
  }
}
