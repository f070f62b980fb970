/**
 * Load balancers of the billed "pgelb" family (api-notes/elb.md §2): create-pgelb places a create
 * order (the LB appears when it completes, with an address of its subnet and, when external, its EIP
 * bound), modify-pgelb-spec a modify order (the new spec shows when it completes), refund-pgelb a
 * refund order (the LB goes, its EIP is unbound and its address freed). One order at a time per LB.
 * The address is chosen when the order is placed and counts as taken while it provisions.
 */
import type { EngineContext } from "../../engine/context";
import type { OrderRecord, PlacedOrder } from "../../engine/orders";
import { InUseError, InvalidParameterError, QuotaExceededError } from "../../errors";
import { normalizeProjectId } from "../shared/rules";
import { LISTENER_KIND, LOAD_BALANCER_KIND, type ListenerRecord, type LoadBalancerRecord, type ResourceType } from "./records";
import { checkElbDescription, checkElbName, elbInUse, elbNotFound, ELB_ORDER_ACTIONS, nameTaken, orderInProgress, utcTime } from "./rules";
import { NETWORK_TERMS, requireTermCount } from "../shared/billing";

export interface CreatePgelbRequest {
  readonly projectID?: string | undefined;
  readonly vpcID?: string | undefined;
  readonly subnetID: string;
  readonly name: string;
  readonly description?: string | undefined;
  readonly eipID?: string | undefined;
  readonly slaName: string;
  readonly resourceType: ResourceType;
  readonly privateIpAddress?: string | undefined;
  readonly cycleType: "on_demand" | "month" | "year";
  readonly cycleCount?: number | undefined;
}

/** What the create order carries to its completion (JSON, stored with the order). */
interface CreatePayload {
  readonly [key: string]: unknown;
  readonly name: string;
  readonly description: string;
  readonly projectID: string;
  readonly vpcID: string;
  readonly subnetID: string;
  readonly privateIpAddress: string;
  readonly eipID: string;
  readonly slaName: string;
  readonly resourceType: ResourceType;
  readonly cycleType: "on_demand" | "month" | "year";
  readonly cycleCount: number;
  readonly masterResourceID: string;
}

export interface LoadBalancerChange {
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  readonly deleteProtection?: boolean | undefined;
}

export class LoadBalancers {
  constructor(private readonly ctx: EngineContext) {}

  private get lbs() {
    return this.ctx.store.collection<LoadBalancerRecord>(LOAD_BALANCER_KIND);
  }

  find(regionID: string, elbID: string): LoadBalancerRecord | undefined {
    return this.lbs.get(regionID, elbID);
  }

  require(regionID: string, elbID: string): LoadBalancerRecord {
    const lb = this.find(regionID, elbID);
    if (!lb) throw elbNotFound(this.ctx, "loadBalancer", elbID);
    return lb;
  }

  list(regionID: string, filter: { ids?: readonly string[] | undefined; resourceType?: string | undefined; name?: string | undefined; subnetID?: string | undefined }): LoadBalancerRecord[] {
    return this.lbs.find(
      regionID,
      (lb) =>
        (!filter.ids || filter.ids.includes(lb.ID)) &&
        (!filter.resourceType || lb.resourceType === filter.resourceType) &&
        (!filter.name || lb.name === filter.name) &&
        (!filter.subnetID || lb.subnetID === filter.subnetID),
    );
  }

  /** Create orders still provisioning in the region. */
  private pendingCreates(regionID: string): OrderRecord[] {
    return this.ctx.orders.inProgress(regionID, (order) => order.action === ELB_ORDER_ACTIONS.create);
  }

  /** Every order of this LB still running (modify, refund). */
  pendingOrders(regionID: string, elbID: string): OrderRecord[] {
    return this.ctx.orders.inProgress(regionID, (order) => order.resourceIds.includes(elbID));
  }

  /** Addresses promised to LBs whose create orders still provision, in one subnet. */
  reservedAddresses(regionID: string, subnetID: string): Array<{ id: string; address: string }> {
    return this.pendingCreates(regionID).flatMap((order) => {
      const payload = order.payload as CreatePayload;
      return payload.subnetID === subnetID ? [{ id: order.resourceIds[0] ?? "", address: payload.privateIpAddress }] : [];
    });
  }

  private checkNameFree(regionID: string, name: string, except?: string): void {
    const holder = this.lbs.findOne(regionID, (lb) => lb.name === name && lb.ID !== except);
    if (holder) throw nameTaken(this.ctx, "loadBalancer", name, `load balancer ${holder.ID}`);
    const pending = this.pendingCreates(regionID).find((order) => (order.payload as CreatePayload).name === name);
    if (pending) throw nameTaken(this.ctx, "loadBalancer", name, `a load balancer being created (order ${pending.masterOrderID})`);
  }

  /** Validates the request, picks the address, checks the EIP, and places the create order. */
  create(regionID: string, request: CreatePgelbRequest): PlacedOrder & { elbID: string; masterResourceID: string } {
    checkElbName("name", request.name);
    if (request.description !== undefined) checkElbDescription(request.description);
    const cycleCount = checkCycle(request.cycleType, request.cycleCount);
    const subnet = this.ctx.backend("subnet").require(regionID, request.subnetID);
    if (request.vpcID !== undefined && request.vpcID !== "" && request.vpcID !== subnet.vpcID) {
      this.ctx.backend("vpc").require(regionID, request.vpcID);
      throw new InvalidParameterError(`subnet ${subnet.subnetID} is not in vpc ${request.vpcID} (it is in ${subnet.vpcID})`);
    }
    const eipID = this.checkEip(regionID, request);
    this.checkNameFree(regionID, request.name);
    const privateIpAddress = this.allocateAddress(regionID, request.subnetID, request.privateIpAddress);
    const elbID = this.ctx.ids.prefixed("lb");
    const masterResourceID = this.ctx.ids.hex32();
    const payload: CreatePayload = {
      name: request.name,
      description: request.description ?? "",
      projectID: normalizeProjectId(request.projectID),
      vpcID: subnet.vpcID,
      subnetID: subnet.subnetID,
      privateIpAddress,
      eipID,
      slaName: request.slaName,
      resourceType: request.resourceType,
      cycleType: request.cycleType,
      cycleCount,
      masterResourceID,
    };
    const placed = this.ctx.orders.place({ kind: "create", regionId: regionID, resourceType: "ELB", resourceIds: [elbID], action: ELB_ORDER_ACTIONS.create, payload });
    return { ...placed, elbID, masterResourceID };
  }

  /** External LBs need an EIP that exists, is unbound and is not promised to another LB being created. */
  private checkEip(regionID: string, request: CreatePgelbRequest): string {
    const eipID = request.eipID ?? "";
    if (request.resourceType === "internal") {
      if (eipID !== "") throw new InvalidParameterError("eipID applies only to external load balancers (resourceType external)");
      return "";
    }
    if (eipID === "") throw new InvalidParameterError("eipID is required when resourceType is external");
    const eips = this.ctx.backend("eip");
    const eip = eips.show(regionID, eipID);
    if (eip.associationID !== "" || eip.status === "DELETING") {
      throw new InUseError(`eip ${eipID} is ${eip.associationID !== "" ? `already associated with ${eip.associationID}` : "being released"}`, eips.boundCode());
    }
    const promised = this.pendingCreates(regionID).find((order) => (order.payload as CreatePayload).eipID === eipID);
    if (promised) throw new InUseError(`eip ${eipID} is promised to load balancer ${promised.resourceIds[0] ?? ""} being created`, eips.boundCode());
    return eipID;
  }

  private allocateAddress(regionID: string, subnetID: string, fixed: string | undefined): string {
    const subnets = this.ctx.backend("subnet");
    const subnet = subnets.require(regionID, subnetID);
    const exclude = new Set(this.reservedAddresses(regionID, subnetID).map((r) => r.address));
    if (fixed !== undefined && fixed !== "") {
      const problem = subnets.addressProblem(regionID, subnet, fixed, exclude);
      if (problem === "outside") throw new InvalidParameterError(`privateIpAddress ${fixed} is not an assignable address of subnet ${subnetID} (${subnet.start}-${subnet.end})`);
      if (problem === "taken") throw new InvalidParameterError(`privateIpAddress ${fixed} is already in use in subnet ${subnetID}`);
      return fixed;
    }
    const address = subnets.freeAddress(regionID, subnet, exclude);
    if (address === undefined) throw new QuotaExceededError(`subnet ${subnetID} has no free IPv4 address`, { description: "子网可用IP不足" });
    return address;
  }

  /** The create order completed: the LB appears (ACTIVE) and takes its EIP. */
  completeCreate(order: OrderRecord): void {
    const p = order.payload as CreatePayload;
    const regionID = order.regionId;
    const elbID = order.resourceIds[0] as string;
    // What the order refers to may have gone while it provisioned: then the order fails ("5").
    if (!this.ctx.backend("subnet").find(regionID, p.subnetID)) throw new Error(`subnet ${p.subnetID} no longer exists`);
    const now = utcTime(this.ctx.clock());
    this.lbs.insert(regionID, elbID, {
      ID: elbID,
      name: p.name,
      description: p.description,
      projectID: p.projectID,
      vpcID: p.vpcID,
      subnetID: p.subnetID,
      portID: this.ctx.ids.prefixed("port"),
      privateIpAddress: p.privateIpAddress,
      slaName: p.slaName,
      resourceType: p.resourceType,
      eipID: p.eipID,
      deleteProtection: false,
      adminStatus: "ACTIVE",
      status: "ACTIVE",
      cycleType: p.cycleType,
      cycleCount: p.cycleCount,
      resourceID: p.masterResourceID,
      createdTime: now,
      updatedTime: now,
    });
    if (p.eipID !== "") this.ctx.backend("eip").bindTo(regionID, p.eipID, elbID, "LOADBALANCER", p.privateIpAddress);
  }

  update(regionID: string, elbID: string, change: LoadBalancerChange): LoadBalancerRecord {
    this.require(regionID, elbID);
    if (change.name !== undefined) {
      checkElbName("name", change.name);
      this.checkNameFree(regionID, change.name, elbID);
    }
    if (change.description !== undefined) checkElbDescription(change.description);
    return this.lbs.update(regionID, elbID, (lb) => ({
      ...lb,
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
      ...(change.deleteProtection !== undefined ? { deleteProtection: change.deleteProtection } : {}),
      updatedTime: utcTime(this.ctx.clock()),
    })) as LoadBalancerRecord;
  }

  /** A spec change: a modify order; the new spec shows once it completes. */
  modifySpec(regionID: string, elbID: string, slaName: string): PlacedOrder {
    const lb = this.require(regionID, elbID);
    this.refuseWhileOrderRuns(regionID, elbID);
    if (lb.slaName === slaName) throw new InvalidParameterError(`load balancer ${elbID} already has spec ${slaName}`);
    return this.ctx.orders.place({ kind: "modify", regionId: regionID, resourceType: "ELB", resourceIds: [elbID], action: ELB_ORDER_ACTIONS.modify, payload: { slaName } });
  }

  completeModify(order: OrderRecord): void {
    const { slaName } = order.payload as { slaName: string };
    const updated = this.lbs.update(order.regionId, order.resourceIds[0] as string, { slaName, updatedTime: utcTime(this.ctx.clock()) });
    if (!updated) throw new Error(`load balancer ${order.resourceIds[0] ?? ""} no longer exists`);
  }

  /** 退订: refused while listeners remain or delete protection is on; the LB stays visible until the order completes. */
  refund(regionID: string, elbID: string): PlacedOrder {
    const lb = this.require(regionID, elbID);
    this.refuseWhileOrderRuns(regionID, elbID);
    if (lb.deleteProtection) throw elbInUse(this.ctx, "loadBalancer", elbID, "its delete protection (turn deleteProtection off first)");
    const listeners = this.ctx.store.collection<ListenerRecord>(LISTENER_KIND).find(regionID, (l) => l.loadBalancerID === elbID);
    if (listeners.length > 0) throw elbInUse(this.ctx, "loadBalancer", elbID, `listeners: ${listeners.map((l) => l.ID).join(", ")}`);
    return this.ctx.orders.place({ kind: "refund", regionId: regionID, resourceType: "ELB", resourceIds: [elbID], action: ELB_ORDER_ACTIONS.refund });
  }

  /** The refund completed: the LB goes, its EIP is unbound (a billed resource of its own) and its address freed. */
  completeRefund(order: OrderRecord): void {
    const elbID = order.resourceIds[0] as string;
    this.ctx.backend("eip").unbindAllFrom(order.regionId, elbID);
    this.lbs.delete(order.regionId, elbID);
  }

  private refuseWhileOrderRuns(regionID: string, elbID: string): void {
    const [running] = this.pendingOrders(regionID, elbID);
    if (running) throw orderInProgress(elbID, running);
  }
}

function checkCycle(cycleType: CreatePgelbRequest["cycleType"], cycleCount: number | undefined): number {
  if (cycleType === "on_demand") return 0; // "当 cycleType = on_demand 可以不传": ignored
  return requireTermCount(cycleType, cycleCount, NETWORK_TERMS);
}
