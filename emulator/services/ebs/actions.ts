/**
 * EBS completion actions: what happens when a disk's order or job finishes or fails. They are
 * registered by name in index.ts, because orders and jobs outlive the request that placed them.
 */
import type { EngineContext } from "../../engine/context";
import type { JobRecord } from "../../engine/jobs";
import type { OrderRecord } from "../../engine/orders";
import { KIND, type DiskRecord } from "../shared/records";
import { disks, instances } from "./backend";
import { DATA_DEVICES, DISK_STATUS, type DiskPayload, EBS_TIMING, subscriptionEnd } from "./rules";

export function completeCreate(ctx: EngineContext, order: OrderRecord): void {
  const diskID = order.resourceIds[0]!;
  const payload = order.payload as unknown as DiskPayload;
  const now = ctx.clock();
  disks(ctx).insert(order.regionId, diskID, {
    ...payload,
    diskID,
    diskStatus: DISK_STATUS.creating,
    instanceID: "",
    attachments: [],
    createTime: now,
    updateTime: now,
    expireTime: payload.onDemand ? 0 : subscriptionEnd(now, payload.cycleType, payload.cycleCount),
  });
  ctx.transitions.schedule(
    KIND.disk,
    { regionId: order.regionId, id: diskID },
    { via: DISK_STATUS.creating, to: DISK_STATUS.available, field: "diskStatus", timing: EBS_TIMING.ready, failTo: DISK_STATUS.error },
  );
}

export function completeResize(ctx: EngineContext, order: OrderRecord): void {
  const diskID = order.resourceIds[0]!;
  const { diskSize, restoreStatus } = order.payload as { diskSize: number; restoreStatus: string };
  const updated = disks(ctx).update(order.regionId, diskID, { diskSize, diskStatus: restoreStatus, updateTime: ctx.clock() });
  if (!updated) throw new Error(`disk ${diskID} disappeared while it was being resized`);
}

export function failResize(ctx: EngineContext, order: OrderRecord): void {
  const { restoreStatus } = order.payload as { restoreStatus: string };
  restoreIf(ctx, order.regionId, order.resourceIds[0]!, DISK_STATUS.extending, () => restoreStatus);
}

export function completeRefund(ctx: EngineContext, order: OrderRecord): void {
  disks(ctx).delete(order.regionId, order.resourceIds[0]!);
}

export function failRefund(ctx: EngineContext, order: OrderRecord): void {
  restoreIf(ctx, order.regionId, order.resourceIds[0]!, DISK_STATUS.deleting, () => DISK_STATUS.available);
}

export function completeAttach(ctx: EngineContext, job: JobRecord): void {
  const instanceID = String(job.payload["instanceID"]);
  if (!instances(ctx).has(job.regionId, instanceID)) throw new Error(`instance ${instanceID} no longer exists`);
  const used = new Set(
    disks(ctx)
      .find(job.regionId, (disk) => disk.attachments.some((a) => a.instanceID === instanceID))
      .flatMap((disk) => disk.attachments.filter((a) => a.instanceID === instanceID).map((a) => a.device)),
  );
  const device = DATA_DEVICES.find((candidate) => !used.has(candidate));
  if (!device) throw new Error(`instance ${instanceID} has no free device name left`);
  const attachmentID = ctx.ids.uuid();
  disks(ctx).update(job.regionId, job.resourceId, (disk) => {
    const attachments = [...disk.attachments, { instanceID, attachmentID, device }];
    return { ...disk, attachments, instanceID: attachments[0]!.instanceID, diskStatus: DISK_STATUS.inUse, updateTime: ctx.clock() };
  });
}

export function failAttach(ctx: EngineContext, job: JobRecord): void {
  restoreIf(ctx, job.regionId, job.resourceId, DISK_STATUS.attaching, (disk) => (disk.attachments.length > 0 ? DISK_STATUS.inUse : DISK_STATUS.available));
}

export function completeDetach(ctx: EngineContext, job: JobRecord): void {
  const instanceID = String(job.payload["instanceID"]);
  disks(ctx).update(job.regionId, job.resourceId, (disk) => {
    const attachments = disk.attachments.filter((a) => a.instanceID !== instanceID);
    return {
      ...disk,
      attachments,
      instanceID: attachments[0]?.instanceID ?? "",
      diskStatus: attachments.length > 0 ? DISK_STATUS.inUse : DISK_STATUS.available,
      updateTime: ctx.clock(),
    };
  });
}

export function failDetach(ctx: EngineContext, job: JobRecord): void {
  restoreIf(ctx, job.regionId, job.resourceId, DISK_STATUS.detaching, () => DISK_STATUS.inUse);
}

/** Puts a disk back from a transitional status after failed work (unless something else moved it). */
function restoreIf(ctx: EngineContext, regionId: string, diskID: string, expected: string, status: (disk: DiskRecord) => string): void {
  disks(ctx).update(regionId, diskID, (disk) => (disk.diskStatus === expected ? { ...disk, diskStatus: status(disk), updateTime: ctx.clock() } : disk));
}
