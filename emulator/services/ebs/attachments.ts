/**
 * Attaching and detaching disks (spec D.9): jobs (`attach`, `detach` timings) with the attaching →
 * in-use and detaching → available status machines; a VM in a passing status refuses both; shared
 * (multiAttach) disks take several VMs of their zone; system disks are never attached or detached
 * on their own.
 */
import type { EngineContext } from "../../engine/context";
import type { JobRecord } from "../../engine/jobs";
import { EmulatorError, InUseError, InvalidParameterError, NotFoundError, QuotaExceededError } from "../../errors";
import type { InstanceRecord } from "../ecs/records";
import { EbsBackend } from "./backend";
import { DISK_KIND, type DiskRecord } from "./records";
import {
  ATTACHABLE_INSTANCE_STATUSES,
  DATA_DEVICES,
  DISK_INVALID_STATUS,
  DISK_STATUS,
  EBS_ACTIONS,
  EBS_TIMING,
  INSTANCE_INVALID_STATUS,
  INSTANCE_NOT_FOUND,
  invalidStatus,
  MAX_SHARED_ATTACHMENTS,
  systemVolume,
  type StoredDisk,
} from "./rules";

export class DiskAttachments {
  constructor(private readonly ctx: EngineContext) {}

  private get disks() {
    return this.ctx.store.collection<DiskRecord>(DISK_KIND);
  }

  attach(stored: StoredDisk, instanceID: string): string {
    const { regionId, disk } = stored;
    if (disk.isSystemVolume) throw systemVolume(disk, "attached");
    const vm = this.ctx.backend("ecs").find(regionId, instanceID);
    if (!vm) throw new NotFoundError(INSTANCE_NOT_FOUND, `instance ${instanceID} does not exist`, { description: "云主机不存在" });
    if (disk.attachments.some((a) => a.instanceID === instanceID)) {
      throw new InUseError(`disk ${disk.diskID} is already attached to instance ${instanceID}`, { description: "云硬盘已挂载到该云主机", code: this.ctx.unknownCodes.pick("disk-attached") });
    }
    if (disk.diskStatus === DISK_STATUS.inUse && !disk.multiAttach) {
      throw new InUseError(`disk ${disk.diskID} is already attached to instance ${disk.instanceID} and is not a shared (multiAttach) disk`, {
        description: "云硬盘已挂载，非共享盘不支持挂载到多台云主机",
        code: this.ctx.unknownCodes.pick("disk-attached"),
      });
    }
    const allowed = disk.multiAttach ? [DISK_STATUS.available, DISK_STATUS.inUse] : [DISK_STATUS.available];
    if (!allowed.includes(disk.diskStatus as (typeof allowed)[number])) throw invalidStatus(disk, "attach", allowed);
    if (disk.attachments.length >= MAX_SHARED_ATTACHMENTS) {
      throw new QuotaExceededError(`shared disk ${disk.diskID} is already attached to ${MAX_SHARED_ATTACHMENTS} instances, the maximum`);
    }
    this.requireAttachableInstance(vm, "attach a disk to");
    const region = this.ctx.backend("catalog").requireRegion(regionId);
    if (region.isMultiZones && vm.azName !== disk.azName) {
      throw new InvalidParameterError(
        `disk ${disk.diskID} is in ${disk.azName} but instance ${instanceID} is in ${vm.azName}: a disk attaches only to instances of its availability zone`,
      );
    }
    this.disks.update(regionId, disk.diskID, { diskStatus: DISK_STATUS.attaching });
    return this.ctx.jobs.start({
      regionId,
      resourceId: disk.diskID,
      action: EBS_ACTIONS.attach,
      failAction: EBS_ACTIONS.attachFailed,
      payload: { instanceID },
      taskName: "AttachVolume",
      timing: EBS_TIMING.attach,
    });
  }

  /** `instanceID` picks the VM of a shared disk; it may be omitted when the disk has one attachment. */
  detach(stored: StoredDisk, instanceID: string | undefined): string {
    const { regionId, disk } = stored;
    if (disk.isSystemVolume) throw systemVolume(disk, "detached");
    if (disk.diskStatus !== DISK_STATUS.inUse || disk.attachments.length === 0) {
      if (disk.attachments.length === 0 && disk.diskStatus === DISK_STATUS.available) {
        throw new EmulatorError(DISK_INVALID_STATUS, `disk ${disk.diskID} is not attached to any instance`, { description: "云硬盘未挂载" });
      }
      throw invalidStatus(disk, "detach", [DISK_STATUS.inUse]);
    }
    let target = instanceID;
    if (target === undefined || target === "") {
      if (disk.attachments.length > 1) {
        throw new InvalidParameterError(`disk ${disk.diskID} is attached to ${disk.attachments.length} instances: instanceID is required to say which one to detach`);
      }
      target = disk.attachments[0]!.instanceID;
    } else if (!disk.attachments.some((a) => a.instanceID === target)) {
      throw new InvalidParameterError(`disk ${disk.diskID} is not attached to instance ${target}`);
    }
    const vm = this.ctx.backend("ecs").find(regionId, target);
    // A VM that no longer exists cannot block cleaning up its attachment.
    if (vm) this.requireAttachableInstance(vm, "detach a disk from");
    this.disks.update(regionId, disk.diskID, { diskStatus: DISK_STATUS.detaching });
    return this.ctx.jobs.start({
      regionId,
      resourceId: disk.diskID,
      action: EBS_ACTIONS.detach,
      failAction: EBS_ACTIONS.detachFailed,
      payload: { instanceID: target },
      taskName: "DetachVolume",
      timing: EBS_TIMING.detach,
    });
  }

  completeAttach(job: JobRecord): void {
    const instanceID = String(job.payload["instanceID"]);
    if (!this.ctx.backend("ecs").find(job.regionId, instanceID)) throw new Error(`instance ${instanceID} no longer exists`);
    const used = new Set(
      this.disks
        .find(job.regionId, (disk) => disk.attachments.some((a) => a.instanceID === instanceID))
        .flatMap((disk) => disk.attachments.filter((a) => a.instanceID === instanceID).map((a) => a.device)),
    );
    const device = DATA_DEVICES.find((candidate) => !used.has(candidate));
    if (!device) throw new Error(`instance ${instanceID} has no free device name left`);
    const attachmentID = this.ctx.ids.uuid();
    this.disks.update(job.regionId, job.resourceId, (disk) => {
      const attachments = [...disk.attachments, { instanceID, attachmentID, device }];
      return { ...disk, attachments, instanceID: attachments[0]!.instanceID, diskStatus: DISK_STATUS.inUse, updateTime: this.ctx.clock() };
    });
  }

  failAttach(job: JobRecord): void {
    new EbsBackend(this.ctx).restoreIf(job.regionId, job.resourceId, DISK_STATUS.attaching, (disk) => (disk.attachments.length > 0 ? DISK_STATUS.inUse : DISK_STATUS.available));
  }

  completeDetach(job: JobRecord): void {
    const instanceID = String(job.payload["instanceID"]);
    this.disks.update(job.regionId, job.resourceId, (disk) => {
      const attachments = disk.attachments.filter((a) => a.instanceID !== instanceID);
      return {
        ...disk,
        attachments,
        instanceID: attachments[0]?.instanceID ?? "",
        diskStatus: attachments.length > 0 ? DISK_STATUS.inUse : DISK_STATUS.available,
        updateTime: this.ctx.clock(),
      };
    });
  }

  failDetach(job: JobRecord): void {
    new EbsBackend(this.ctx).restoreIf(job.regionId, job.resourceId, DISK_STATUS.detaching, () => DISK_STATUS.inUse);
  }

  private requireAttachableInstance(vm: InstanceRecord, what: string): void {
    if (!ATTACHABLE_INSTANCE_STATUSES.includes(vm.instanceStatus)) {
      throw new EmulatorError(
        INSTANCE_INVALID_STATUS,
        `cannot ${what} instance ${vm.instanceID} while it is ${vm.instanceStatus} (allowed: ${ATTACHABLE_INSTANCE_STATUSES.join(", ")})`,
        { description: `云主机当前状态(${vm.instanceStatus})不允许挂载或卸载云硬盘` },
      );
    }
  }
}
