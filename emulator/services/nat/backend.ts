/**
 * NAT gateways (api-notes/nat.md §2): reads, rename, and what other services ask of them — the
 * gateways in a VPC (the VPC refuses to go while they hold it, and lists them in `natGatewayIDs`),
 * and whether a gateway exists (SNAT/DNAT rules, route next hops). A gateway refuses deletion while
 * anything holds it (its SNAT and DNAT rules, routes through it: engine/dependants.ts). Billed
 * changes (create, spec change, unsubscribe) are in orders.ts. Other services: `ctx.backend("nat")`.
 */
import type { EngineContext } from "../../engine/context";
import type { Holder } from "../../engine/dependants";
import type { OrderRecord } from "../../engine/orders";
import { checkDescription, checkName, normalizeProjectId } from "../shared/rules";
import { NAT_GATEWAY_KIND, type NatGatewayRecord } from "./records";
import { natInUse, natNotFound, orderInProgress } from "./rules";

declare module "../../engine/backends" {
  interface Backends {
    nat: NatBackend;
  }
}

export class NatBackend {
  constructor(private readonly ctx: EngineContext) {}

  private get gateways() {
    return this.ctx.store.collection<NatGatewayRecord>(NAT_GATEWAY_KIND);
  }

  find(regionId: string, natGatewayID: string): NatGatewayRecord | undefined {
    return this.gateways.get(regionId, natGatewayID);
  }

  /** The gateway (visible once its create order finished), or a drawn `nat-gateway-not-found` code. */
  require(regionId: string, natGatewayID: string, projectID?: string): NatGatewayRecord {
    const gateway = this.find(regionId, natGatewayID);
    if (!gateway || (projectID !== undefined && projectID !== "" && normalizeProjectId(projectID) !== gateway.projectID)) throw natNotFound(this.ctx.unknownCodes, natGatewayID);
    return gateway;
  }

  list(regionId: string, filter: { natGatewayID?: string | undefined; projectID?: string | undefined }): NatGatewayRecord[] {
    const projectID = filter.projectID ? normalizeProjectId(filter.projectID) : undefined;
    return this.gateways.find(regionId, (g) => (!filter.natGatewayID || g.natGatewayID === filter.natGatewayID) && (!projectID || g.projectID === projectID));
  }

  modifyAttribute(regionId: string, natGatewayID: string, change: { name?: string | undefined; description?: string | undefined }): NatGatewayRecord {
    this.require(regionId, natGatewayID);
    if (change.name !== undefined) checkName("name", change.name);
    if (change.description !== undefined) checkDescription("description", change.description);
    return this.gateways.update(regionId, natGatewayID, (g) => ({
      ...g,
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
    })) as NatGatewayRecord;
  }

  /** The running order (modify or refund) of this gateway, if any. */
  pendingOrder(regionId: string, natGatewayID: string): OrderRecord | undefined {
    return this.ctx.orders.inProgress(regionId, (order) => order.resourceIds.includes(natGatewayID))[0];
  }

  refuseWhileOrderRuns(regionId: string, natGatewayID: string): void {
    const order = this.pendingOrder(regionId, natGatewayID);
    if (order) throw orderInProgress(natGatewayID, order);
  }

  /** True while its unsubscribe order runs: no new rules may be added to it. */
  isBeingDeleted(regionId: string, natGatewayID: string): boolean {
    return this.pendingOrder(regionId, natGatewayID)?.kind === "refund";
  }

  /** Refused while anything holds the gateway (its rules, routes through it), naming the first group. */
  refuseWhileHeld(gateway: NatGatewayRecord, regionId: string): void {
    const [held] = this.ctx.dependantsOf(NAT_GATEWAY_KIND, regionId, gateway.natGatewayID);
    if (held) throw natInUse(this.ctx.unknownCodes, gateway, held.phrase, held.holders.map((h) => h.id));
  }

  /** The gateways of a VPC (they hold it). */
  inVpc(regionId: string, vpcID: string): Holder[] {
    return this.gateways.find(regionId, (g) => g.vpcID === vpcID).map((g) => ({ id: g.natGatewayID }));
  }
}
