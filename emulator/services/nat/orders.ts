/**
 * A NAT gateway's billed life (api-notes/nat.md §2): create (invisible until its order finishes),
 * a spec change and the unsubscribe, each an order, one at a time per gateway. The create is polled
 * by re-sending it with the same clientToken (TF `OrderLoop`), so its answer is computed from the
 * order each time: `starting` with an empty `natGatewayID` while the order runs, `started` with the
 * id once it finished.
 */
import type { EngineContext } from "../../engine/context";
import type { OrderRecord } from "../../engine/orders";
import { InvalidParameterError } from "../../errors";
import type { RegionRecord } from "../catalog/records";
import { createStatus, expiryOf, NETWORK_TERMS, rfc3339, termCount } from "../shared/billing";
import { checkDescription, checkName, normalizeProjectId } from "../shared/rules";
import { NatBackend } from "./backend";
import { NAT_GATEWAY_KIND, type NatGatewayRecord, type NatSpec } from "./records";
import { NAT_ORDER_ACTIONS, type CycleType } from "./rules";

export interface CreateNatRequest {
  readonly vpcID: string;
  readonly spec: number;
  readonly name: string;
  readonly description?: string | undefined;
  readonly cycleType: CycleType;
  readonly cycleCount?: number | undefined;
  readonly azName?: string | undefined;
  readonly projectID?: string | undefined;
}

/** What the idempotency ledger keeps of a create: enough to recompute its answer from the order. */
export interface PlacedNatCreate {
  readonly [key: string]: unknown;
  readonly masterOrderID: string;
  readonly masterOrderNO: string;
  readonly masterResourceID: string;
  readonly regionID: string;
  readonly natGatewayID: string;
}

interface CreatePayload {
  readonly [key: string]: unknown;
  readonly name: string;
  readonly description: string;
  readonly vpcID: string;
  readonly zoneID: string;
  readonly spec: NatSpec;
  readonly cycleType: CycleType;
  readonly cycleCount: number;
  readonly projectID: string;
  readonly masterResourceID: string;
}

export function requireSpec(spec: number): NatSpec {
  if (spec !== 1 && spec !== 2 && spec !== 3 && spec !== 4) throw new InvalidParameterError(`spec must be 1 (small), 2 (medium), 3 (large) or 4 (xlarge), got ${spec}`);
  return spec;
}

export class NatOrders {
  private readonly backend: NatBackend;

  constructor(private readonly ctx: EngineContext) {
    this.backend = new NatBackend(ctx);
  }

  private get gateways() {
    return this.ctx.store.collection<NatGatewayRecord>(NAT_GATEWAY_KIND);
  }

  /** Checks the request and places the create order; the gateway appears when it finishes. */
  create(region: RegionRecord, request: CreateNatRequest): PlacedNatCreate {
    const spec = requireSpec(request.spec);
    checkName("name", request.name);
    checkDescription("description", request.description ?? "");
    const cycleCount = termCount(request.cycleType, request.cycleCount, NETWORK_TERMS);
    const projectID = normalizeProjectId(request.projectID);
    const vpc = this.ctx.backend("vpc").require(region.regionID, request.vpcID);
    const catalog = this.ctx.backend("catalog");
    // Inferred (api-notes/nat.md): without azName the gateway goes to the region's first zone.
    const zone = request.azName ? catalog.requireZone(region, request.azName) : region.zones[0];
    if (!zone) throw new InvalidParameterError(`region ${region.regionID} has no zone`);
    const natGatewayID = this.ctx.ids.prefixed("natgw");
    const masterResourceID = this.ctx.ids.hex32();
    const payload: CreatePayload = {
      name: request.name,
      description: request.description ?? "",
      vpcID: vpc.vpcID,
      zoneID: zone.name,
      spec,
      cycleType: request.cycleType,
      cycleCount,
      projectID,
      masterResourceID,
    };
    const placed = this.ctx.orders.place({ kind: "create", regionId: region.regionID, resourceType: "NAT", resourceIds: [natGatewayID], action: NAT_ORDER_ACTIONS.create, payload });
    return { ...placed, masterResourceID, regionID: region.regionID, natGatewayID };
  }

  /**
   * The create's answer as of now. A replay (`poll`) counts as a poll of the order, as the official
   * client waits by replaying; the id is told only once the order finished.
   */
  createAnswer(placed: PlacedNatCreate, poll: boolean): Record<string, unknown> {
    const status = createStatus(this.ctx.orders, placed.masterOrderID, poll);
    return {
      masterOrderID: placed.masterOrderID,
      masterOrderNO: placed.masterOrderNO,
      masterResourceID: placed.masterResourceID,
      masterResourceStatus: status,
      regionID: placed.regionID,
      natGatewayID: status === "started" ? placed.natGatewayID : "",
    };
  }

  /** Places a spec-change order; the new spec shows when it finishes. */
  modifySpec(regionId: string, natGatewayID: string, specValue: number): { masterOrderID: string; masterOrderNO: string } {
    const spec = requireSpec(specValue);
    const gateway = this.backend.require(regionId, natGatewayID);
    this.backend.refuseWhileOrderRuns(regionId, natGatewayID);
    if (gateway.spec === spec) throw new InvalidParameterError(`nat gateway ${natGatewayID} already has spec ${spec}`);
    return this.ctx.orders.place({ kind: "modify", regionId, resourceType: "NAT", resourceIds: [natGatewayID], action: NAT_ORDER_ACTIONS.modify, payload: { spec } });
  }

  /** Places the unsubscribe order (on-demand too); refused while rules or routes hold the gateway. */
  delete(regionId: string, natGatewayID: string): { masterOrderID: string; masterOrderNO: string } {
    const gateway = this.backend.require(regionId, natGatewayID);
    this.backend.refuseWhileOrderRuns(regionId, natGatewayID);
    this.backend.refuseWhileHeld(gateway, regionId);
    return this.ctx.orders.place({ kind: "refund", regionId, resourceType: "NAT", resourceIds: [natGatewayID], action: NAT_ORDER_ACTIONS.refund });
  }

  completeCreate(order: OrderRecord): void {
    const payload = order.payload as CreatePayload;
    // The VPC may have gone while the order ran: the order fails (nothing is made).
    this.ctx.backend("vpc").require(order.regionId, payload.vpcID);
    const now = this.ctx.clock();
    const natGatewayID = order.resourceIds[0] as string;
    this.gateways.insert(order.regionId, natGatewayID, {
      natGatewayID,
      name: payload.name,
      description: payload.description,
      vpcID: payload.vpcID,
      zoneID: payload.zoneID,
      spec: payload.spec,
      state: "running",
      cycleType: payload.cycleType,
      cycleCount: payload.cycleCount,
      projectID: payload.projectID,
      creationTime: rfc3339(now),
      expiredTime: expiryOf(now, payload.cycleType, payload.cycleCount),
      resourceID: payload.masterResourceID,
    });
  }

  completeModify(order: OrderRecord): void {
    const { spec } = order.payload as { spec: NatSpec };
    this.gateways.update(order.regionId, order.resourceIds[0] as string, { spec });
  }

  completeRefund(order: OrderRecord): void {
    const natGatewayID = order.resourceIds[0] as string;
    this.gateways.delete(order.regionId, natGatewayID);
    this.ctx.releaseDependants(NAT_GATEWAY_KIND, order.regionId, natGatewayID);
  }
}
