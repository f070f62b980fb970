/**
 * A VM's billed changes after creation (spec D.7): a flavor change (modify order, VM stopped), 退订
 * (refund order: an on-demand VM is then gone, a subscription VM `unsubscribed`) and 销毁 (refund
 * order removing an unsubscribed VM for good). When a VM is unsubscribed or removed, whatever holds it
 * lets go (EBS detaches data disks, EIP unbinds: engine/dependants.ts); its system disk goes with it.
 */
import type { EngineContext } from "../../engine/context";
import type { OrderRecord } from "../../engine/orders";
import { instanceNotFound, invalid, requireStatus, statusError, STATUS_NOT_STOPPED } from "./errors";
import { requireFlavorFor } from "./flavors";
import { ECS_ACTIONS, INSTANCE_KIND, type InstanceRecord } from "./records";

/** Statuses from which a VM may be unsubscribed (decision: running VMs too, as the console allows). */
export const UNSUBSCRIBABLE_STATUSES: readonly string[] = ["running", "stopped", "shelve", "error", "expired"];

type PlacedVmOrder = { masterOrderID: string; masterOrderNO: string; regionID: string };

export class InstanceOrders {
  constructor(private readonly ctx: EngineContext) {}

  private get instances() {
    return this.ctx.store.collection<InstanceRecord>(INSTANCE_KIND);
  }

  // Not through EcsBackend, which offers this class's orders to other services (no import circle).
  private readonly vms = {
    require: (regionId: string, instanceID: string): InstanceRecord => {
      const instance = this.instances.get(regionId, instanceID);
      if (!instance) throw instanceNotFound(instanceID);
      return instance;
    },
    touch: (regionId: string, instanceID: string, change: Partial<InstanceRecord>): void => {
      this.instances.update(regionId, instanceID, { ...change, updatedTime: new Date(this.ctx.clock()).toISOString() });
    },
  };

  /** A flavor change needs a stopped VM and goes through a modify order; the flavor changes when it completes. */
  updateFlavor(regionId: string, instanceID: string, flavorID: string): PlacedVmOrder {
    const instance = this.vms.require(regionId, instanceID);
    if (instance.instanceStatus !== "stopped") throw statusError(STATUS_NOT_STOPPED, instance, "stopped");
    if (flavorID === instance.flavorID) throw invalid(`instance ${instanceID} already has flavor ${flavorID}`);
    const flavor = requireFlavorFor(this.ctx, regionId, instance.azName, flavorID);
    const image = this.ctx.backend("image").find(regionId, instance.imageID);
    if (image && flavor.flavorRAM < image.minimumRAM) throw invalid(`flavor ${flavor.flavorName} has too little memory for image ${image.imageName}`);
    const order = this.ctx.orders.place({ kind: "modify", regionId, resourceType: "VM", resourceIds: [instanceID], action: ECS_ACTIONS.updateFlavor, payload: { instanceID, flavorID } });
    return { masterOrderID: order.masterOrderID, masterOrderNO: order.masterOrderNO, regionID: regionId };
  }

  completeFlavorChange(order: OrderRecord): void {
    const { instanceID, flavorID } = order.payload as { instanceID: string; flavorID: string };
    const updated = this.instances.update(order.regionId, instanceID, { flavorID, updatedTime: new Date(this.ctx.clock()).toISOString() });
    if (!updated) throw new Error(`instance ${instanceID} no longer exists`);
  }

  /**
   * 退订: a refund order. The VM shows `unsubscribing` until it completes; then an on-demand VM is
   * gone, a subscription VM is `unsubscribed` (kept until destroy-instance).
   */
  unsubscribe(regionId: string, instanceID: string, options: { deleteVolume: boolean; deleteEIP: boolean }): PlacedVmOrder {
    const instance = this.vms.require(regionId, instanceID);
    if (options.deleteVolume) throw invalid("deleteVolume true is not supported by the emulator: data disks are detached and kept");
    if (options.deleteEIP) throw invalid("deleteEIP true is not supported by the emulator: EIPs are unbound and kept");
    requireStatus(instance, UNSUBSCRIBABLE_STATUSES);
    this.vms.touch(regionId, instanceID, { instanceStatus: "unsubscribing" });
    const order = this.ctx.orders.place({
      kind: "refund",
      regionId,
      resourceType: "VM",
      resourceIds: [instanceID],
      action: ECS_ACTIONS.unsubscribe,
      failAction: ECS_ACTIONS.unsubscribeFailed,
      payload: { instanceID, previousStatus: instance.instanceStatus },
    });
    return { masterOrderID: order.masterOrderID, masterOrderNO: order.masterOrderNO, regionID: regionId };
  }

  completeUnsubscribe(order: OrderRecord): void {
    const instance = this.instances.get(order.regionId, order.resourceIds[0]!);
    if (!instance) return;
    if (instance.onDemand) return this.remove(order.regionId, instance);
    this.instances.update(order.regionId, instance.instanceID, { instanceStatus: "unsubscribed", updatedTime: new Date(this.ctx.clock()).toISOString() });
    // Data disks come off (they stay, `available`), EIPs are unbound (billed resources of their own).
    this.ctx.releaseDependants(INSTANCE_KIND, order.regionId, instance.instanceID);
  }

  failUnsubscribe(order: OrderRecord): void {
    const { previousStatus } = order.payload as { previousStatus: string };
    this.instances.update(order.regionId, order.resourceIds[0]!, (vm) => (vm.instanceStatus === "unsubscribing" ? { ...vm, instanceStatus: previousStatus } : vm));
  }

  /** 销毁: only an unsubscribed (subscription) VM; a refund order removes it for good. */
  destroy(regionId: string, instanceID: string): PlacedVmOrder {
    const instance = this.vms.require(regionId, instanceID);
    requireStatus(instance, ["unsubscribed"]);
    const order = this.ctx.orders.place({ kind: "refund", regionId, resourceType: "VM", resourceIds: [instanceID], action: ECS_ACTIONS.destroy, payload: { instanceID } });
    return { masterOrderID: order.masterOrderID, masterOrderNO: order.masterOrderNO, regionID: regionId };
  }

  completeDestroy(order: OrderRecord): void {
    const instance = this.instances.get(order.regionId, order.resourceIds[0]!);
    if (instance) this.remove(order.regionId, instance);
  }

  /** The VM, its system disk and the data disks bought with it go; anything still holding it lets go. */
  private remove(regionId: string, instance: InstanceRecord): void {
    this.ctx.backend("ebs").deleteSystemDisksOf(regionId, instance.instanceID);
    this.ctx.backend("ebs").deletePackagedDataDisksOf(regionId, instance.instanceID);
    this.instances.delete(regionId, instance.instanceID);
    this.ctx.releaseDependants(INSTANCE_KIND, regionId, instance.instanceID);
  }
}
