/**
 * EIPs (spec D.5, D.6): show and list, rename, and association, whose invariants are that an EIP is
 * bound to at most one instance or VIP and an instance holds at most one EIP; DOWN ⇄ ACTIVE by
 * (dis)association. Billed changes (create, bandwidth, unsubscribe) are in orders.ts. Other services
 * use this as `ctx.backend("eip")`; EIPs hold the VMs they are bound to (index.ts).
 */
import type { EngineContext } from "../../engine/context";
import type { Holder } from "../../engine/dependants";
import type { OrderRecord } from "../../engine/orders";
import { InUseError, InvalidParameterError, NotFoundError } from "../../errors";
import { paginate, type Page, type Paging } from "../shared/paging";
import { checkName, normalizeProjectId } from "../shared/rules";
import { EIP_KIND, type EipRecord } from "./records";
import { boundTarget, eipNotFound, INSTANCE_NOT_FOUND, orderInProgress, unbound } from "./rules";
import { rfc3339 } from "../shared/billing";

declare module "../../engine/backends" {
  interface Backends {
    eip: EipBackend;
  }
}

/** `associationType` of associate requests: 1 vm, 2 vip, 3 bare metal (not emulated). */
export const ASSOCIATION_TYPES: Readonly<Record<number, EipRecord["associationType"]>> = { 1: "INSTANCE", 2: "VIP" };
const HAVIP_ID = /^havip-[a-z0-9]{10}$/;
/** Instance states that can never take an EIP (they are gone or broken, not merely busy). */
const INSTANCE_STATES_WITHOUT_EIP = new Set(["error", "expired", "freezing", "unsubscribed", "unsubscribing"]);

export interface EipListFilter {
  readonly ids: readonly string[] | undefined;
  readonly status: string | undefined;
  readonly ip: string | undefined;
  readonly projectID: string | undefined;
  readonly paging: Paging;
}

export class EipBackend {
  constructor(private readonly ctx: EngineContext) {}

  private get eips() {
    return this.ctx.store.collection<EipRecord>(EIP_KIND);
  }

  /** The binding conflicts' code is unknown (api-notes/eip.md): drawn per answer. */
  boundCode(): { code: string } {
    return { code: this.ctx.unknownCodes.pick("eip-bound") };
  }

  /** The EIP; a non-empty `projectID` other than the EIP's answers not-found, as for other products. */
  show(regionID: string, eipID: string, projectID?: string): EipRecord {
    const eip = this.eips.get(regionID, eipID);
    if (!eip || (projectID !== undefined && projectID !== "" && normalizeProjectId(projectID) !== eip.projectID)) throw eipNotFound(eipID);
    return eip;
  }

  list(regionID: string, filter: EipListFilter): Page<EipRecord> {
    const ids = filter.ids && filter.ids.length > 0 ? new Set(filter.ids) : undefined;
    const projectID = filter.projectID === undefined || filter.projectID === "" ? undefined : normalizeProjectId(filter.projectID);
    const matching = this.eips.find(
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
    this.eips.update(regionID, eipID, { name, updatedAt: rfc3339(this.ctx.clock()) });
  }

  associate(regionID: string, eipID: string, targetID: string, associationType: number, projectID?: string): EipRecord {
    const type = ASSOCIATION_TYPES[associationType];
    if (type === undefined) {
      throw new InvalidParameterError(associationType === 3 ? "associationType 3 (bare metal) is not supported in this region" : "associationType must be 1 (vm) or 2 (vip)");
    }
    const eip = this.show(regionID, eipID, projectID);
    const privateIpAddress = () => (type === "INSTANCE" ? this.instanceAddress(regionID, targetID) : this.vipAddress(targetID));
    return this.bind(regionID, eip, targetID, type, privateIpAddress, `${type === "VIP" ? "VIP" : "instance"} ${targetID}`);
  }

  /** associate's rules for any target: not being released, bound to nothing, held by nothing, the target holding no other EIP. */
  private bind(regionID: string, eip: EipRecord, targetID: string, type: EipRecord["associationType"], privateIpAddress: () => string, targetName: string): EipRecord {
    if (eip.status === "DELETING") throw new InUseError(`eip ${eip.ID} is being released (unsubscribe order in progress)`, this.boundCode());
    if (eip.associationID !== "") throw new InUseError(`eip ${eip.ID} is already associated with ${boundTarget(eip)}`, this.boundCode());
    this.refuseWhileHeld(regionID, eip);
    const address = privateIpAddress();
    const holder = this.eips.findOne(regionID, (other) => other.associationID === targetID);
    if (holder) throw new InUseError(`${targetName} already has eip ${holder.ID} (${holder.eipAddress}) associated`, this.boundCode());
    return this.eips.update(regionID, eip.ID, (current) => ({
      ...current,
      associationID: targetID,
      associationType: type,
      privateIpAddress: address,
      status: current.status === "UPDATING" ? "UPDATING" : "ACTIVE",
      updatedAt: rfc3339(this.ctx.clock()),
    })) as EipRecord;
  }

  disassociate(regionID: string, eipID: string, projectID?: string): EipRecord {
    const eip = this.show(regionID, eipID, projectID);
    if (eip.associationID === "") throw new InvalidParameterError(`eip ${eipID} is not associated with any instance or VIP`);
    return this.eips.update(regionID, eipID, (current) => unbound(current, this.ctx.clock())) as EipRecord;
  }

  /**
   * Binds the EIP to a resource another service owns (an external load balancer: `LOADBALANCER`),
   * under the same rules as associate: the EIP exists, is not being released, is bound to nothing,
   * and the target holds no other EIP. `unbindAllFrom` lets go of it again.
   */
  bindTo(regionID: string, eipID: string, targetID: string, type: "LOADBALANCER", privateIpAddress: string): EipRecord {
    return this.bind(regionID, this.show(regionID, eipID), targetID, type, () => privateIpAddress, targetID);
  }

  /**
   * Refused (an `eip-bound` code) while anything another service declared holds the EIP (NAT rules,
   * shared bandwidths…: engine/dependants.ts): "eip <id> is used by <phrase.en>: <ids>".
   */
  refuseWhileHeld(regionID: string, eip: EipRecord): void {
    const [held] = this.ctx.dependantsOf(EIP_KIND, regionID, eip.ID);
    if (held) throw new InUseError(`eip ${eip.ID} is used by ${held.phrase.en}: ${held.holders.map((h) => h.id).join(", ")}`, { description: `弹性IP被${held.phrase.zh}使用`, ...this.boundCode() });
  }

  /** The shared bandwidth the EIP is in (whatever service holds EIPs with records of kind `bandwidth`), else "". */
  sharedBandwidthOf(regionID: string, eip: EipRecord): string {
    const group = this.ctx.dependantsOf(EIP_KIND, regionID, eip.ID).find((held) => held.kind === "bandwidth");
    return group?.holders[0]?.id ?? eip.bandwidthID;
  }

  /** The running order (create, modify or refund) that names this EIP, if any. */
  pendingOrder(regionID: string, eipID: string): OrderRecord | undefined {
    return this.ctx.orders.inProgress(regionID, (order) => order.resourceIds.includes(eipID))[0];
  }

  /** "One order at a time per EIP": `Openapi.Order.Inprogress` naming the running order. */
  refuseWhileOrderRuns(regionID: string, eip: EipRecord): void {
    const order = this.pendingOrder(regionID, eip.ID);
    if (order) throw orderInProgress(eip.ID, order);
  }

  /** The EIP bound to an instance or VIP, if any. */
  boundTo(regionID: string, targetID: string, type: EipRecord["associationType"]): EipRecord | undefined {
    return this.eips.findOne(regionID, (eip) => eip.associationID === targetID && eip.associationType === type);
  }

  /** EIPs bound to `targetID`, with their public addresses. */
  holdersOf(regionID: string, targetID: string): Holder[] {
    return this.eips.find(regionID, (eip) => eip.associationID === targetID).map((eip) => ({ id: eip.ID, addresses: [eip.eipAddress] }));
  }

  /**
   * Unbinds the EIPs bound to `targetID` (an instance or VIP going away), as the cloud does when it
   * unsubscribes a VM: the EIPs are billed resources of their own and stay. Returns their ids.
   */
  unbindAllFrom(regionID: string, targetID: string): string[] {
    const bound = this.eips.find(regionID, (eip) => eip.associationID === targetID);
    for (const eip of bound) this.eips.update(regionID, eip.ID, (current) => unbound(current, this.ctx.clock()));
    return bound.map((eip) => eip.ID);
  }

  /** The instance's master NIC address; the instance must exist and be able to hold an EIP. */
  private instanceAddress(regionID: string, instanceID: string): string {
    const vms = this.ctx.backend("ecs");
    const instance = vms.find(regionID, instanceID);
    if (!instance) throw new NotFoundError(INSTANCE_NOT_FOUND, `instance ${instanceID} not found`, { description: "云主机不存在" });
    if (INSTANCE_STATES_WITHOUT_EIP.has(instance.instanceStatus)) {
      throw new InvalidParameterError(`instance ${instanceID} is ${instance.instanceStatus} and cannot be associated with an eip`);
    }
    return vms.privateAddress(instance);
  }

  private vipAddress(vipID: string): string {
    if (!HAVIP_ID.test(vipID)) throw new InvalidParameterError(`associationID ${vipID} is not a VIP id (havip-xxxxxxxxxx)`);
    // HAVIPs are not emulated: the binding is recorded without a private address.
    return "";
  }
}
