/**
 * What ECS orders do when they complete (registered by name in index.ts): a create order inserts
 * the VM (booting: `creating` → `running` on the `boot` timing) and its system disk; a flavor
 * order changes the flavor; an unsubscribe order detaches data disks, unbinds EIPs and removes an
 * on-demand VM (a subscription VM becomes `unsubscribed`); a destroy order removes it for good.
 */
import type { EngineContext } from "../../engine/context";
import type { OrderRecord } from "../../engine/orders";
import { unbindEipsOf } from "../eip/backend";
import { KIND, type DiskRecord, type InstanceRecord, type SecurityGroupRecord, type SubnetRecord, type VpcRecord } from "../shared/records";
import { instances, type CreateOrderPayload } from "./backend";
import { subscriptionEnd } from "../ebs/rules";

/** Decision (COVERAGE.md): the device of a VM's system disk. */
export const SYSTEM_DISK_DEVICE = "/dev/vda";

const disks = (ctx: EngineContext) => ctx.store.collection<DiskRecord>(KIND.disk);

export function completeCreate(ctx: EngineContext, order: OrderRecord): void {
  const p = order.payload as CreateOrderPayload;
  const regionId = order.regionId;
  // What the order refers to may have gone while it was provisioning: then provisioning fails ("5").
  if (!ctx.store.collection<VpcRecord>(KIND.vpc).has(regionId, p.vpcID)) throw new Error(`vpc ${p.vpcID} no longer exists`);
  for (const nic of p.nics) {
    if (!ctx.store.collection<SubnetRecord>(KIND.subnet).has(regionId, nic.subnetID)) throw new Error(`subnet ${nic.subnetID} no longer exists`);
    const holder = instances(ctx).findOne(regionId, (vm) => vm.networkCardList.some((other) => other.subnetID === nic.subnetID && other.IPv4Address === nic.IPv4Address));
    if (holder) throw new Error(`address ${nic.IPv4Address} was taken by instance ${holder.instanceID}`);
  }
  for (const id of p.secGroupIDs) {
    if (!ctx.store.collection<SecurityGroupRecord>(KIND.securityGroup).has(regionId, id)) throw new Error(`security group ${id} no longer exists`);
  }
  const now = ctx.clock();
  const at = new Date(now).toISOString();
  // The disk record's lower-case cycle type (EBS convention) is also what subscriptionEnd takes.
  const cycleType = p.onDemand ? "on_demand" : p.cycleType === "YEAR" ? "year" : "month";
  const expireTime = p.onDemand ? 0 : subscriptionEnd(now, cycleType, p.cycleCount);
  const systemDiskID = ctx.ids.uuid();
  disks(ctx).insert(regionId, systemDiskID, {
    diskID: systemDiskID,
    diskName: `sysdisk-${p.instanceID.slice(0, 8)}`,
    diskSize: p.bootDiskSize,
    diskType: p.bootDiskType,
    diskMode: "VBD",
    diskStatus: "in-use",
    azName: p.azName,
    isSystemVolume: true,
    multiAttach: false,
    isEncrypt: false,
    kmsUUID: "",
    instanceID: p.instanceID,
    attachments: [{ instanceID: p.instanceID, attachmentID: ctx.ids.uuid(), device: SYSTEM_DISK_DEVICE }],
    onDemand: p.onDemand,
    cycleType,
    cycleCount: p.cycleCount,
    projectID: p.projectID,
    createTime: now,
    updateTime: now,
    expireTime,
    isPackaged: true,
  });
  const record: InstanceRecord = {
    instanceID: p.instanceID,
    instanceName: p.instanceName,
    displayName: p.displayName,
    instanceStatus: "creating",
    azName: p.azName,
    projectID: p.projectID,
    vpcID: p.vpcID,
    networkCardList: p.nics.map((nic) => ({ isMaster: nic.isMaster, subnetID: nic.subnetID, IPv4Address: nic.IPv4Address, IPv6Address: [], nicID: ctx.ids.prefixed("port") })),
    secGroupIDs: [...p.secGroupIDs],
    flavorID: p.flavorID,
    imageID: p.imageID,
    keypairName: p.keypairName,
    passwordHash: p.passwordHash,
    userData: p.userData,
    onDemand: p.onDemand,
    cycleType: p.cycleType,
    cycleCount: p.cycleCount,
    autoRenewStatus: p.autoRenewStatus,
    systemDiskID,
    createdTime: at,
    updatedTime: at,
    expiredTime: p.onDemand ? "" : new Date(expireTime).toISOString(),
    osType: p.osType,
    imageName: p.imageName,
    resourceID: p.resourceID,
    instanceDescription: p.instanceDescription,
  };
  instances(ctx).insert(regionId, p.instanceID, record);
  // Booting is visible at once; a failed boot (timing `boot` fail) leaves the VM stopped.
  ctx.transitions.schedule(KIND.instance, { regionId, id: p.instanceID }, { via: "creating", to: "running", field: "instanceStatus", timing: "boot", failTo: "stopped" });
}

export function completeFlavorChange(ctx: EngineContext, order: OrderRecord): void {
  const { instanceID, flavorID } = order.payload as { instanceID: string; flavorID: string };
  const updated = instances(ctx).update(order.regionId, instanceID, { flavorID, updatedTime: new Date(ctx.clock()).toISOString() });
  if (!updated) throw new Error(`instance ${instanceID} no longer exists`);
}

/** Data disks come off the VM (the disk stays, `available` unless another VM still holds it). */
function detachDataDisks(ctx: EngineContext, regionId: string, instanceID: string): void {
  const now = ctx.clock();
  for (const disk of disks(ctx).find(regionId, (d) => !d.isSystemVolume && d.attachments.some((a) => a.instanceID === instanceID))) {
    const attachments = disk.attachments.filter((a) => a.instanceID !== instanceID);
    disks(ctx).update(regionId, disk.diskID, {
      attachments,
      instanceID: attachments[0]?.instanceID ?? "",
      diskStatus: attachments.length > 0 ? "in-use" : "available",
      updateTime: now,
    });
  }
}

function removeInstance(ctx: EngineContext, regionId: string, instance: InstanceRecord): void {
  for (const disk of disks(ctx).find(regionId, (d) => d.isSystemVolume && d.instanceID === instance.instanceID)) disks(ctx).delete(regionId, disk.diskID);
  instances(ctx).delete(regionId, instance.instanceID);
}

export function completeUnsubscribe(ctx: EngineContext, order: OrderRecord): void {
  const instance = instances(ctx).get(order.regionId, order.resourceIds[0]!);
  if (!instance) return;
  detachDataDisks(ctx, order.regionId, instance.instanceID);
  // EIPs are billed resources of their own: the EIP service unbinds them and they stay.
  unbindEipsOf(ctx, order.regionId, instance.instanceID);
  if (instance.onDemand) removeInstance(ctx, order.regionId, instance);
  else instances(ctx).update(order.regionId, instance.instanceID, { instanceStatus: "unsubscribed", updatedTime: new Date(ctx.clock()).toISOString() });
}

export function failUnsubscribe(ctx: EngineContext, order: OrderRecord): void {
  const { previousStatus } = order.payload as { previousStatus: string };
  instances(ctx).update(order.regionId, order.resourceIds[0]!, (vm) => (vm.instanceStatus === "unsubscribing" ? { ...vm, instanceStatus: previousStatus } : vm));
}

export function completeDestroy(ctx: EngineContext, order: OrderRecord): void {
  const instance = instances(ctx).get(order.regionId, order.resourceIds[0]!);
  if (instance) removeInstance(ctx, order.regionId, instance);
}
