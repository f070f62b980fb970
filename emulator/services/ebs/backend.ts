/**
 * EBS disks (spec D.8, D.9): finding them (by id in any region when no regionID is sent, or by
 * name), polling them, listing, renaming, and what the ECS service asks of them: a VM's system disk
 * (made with the VM, gone with it) and the disks attached to a VM. Billed changes are in orders.ts,
 * attach/detach in attachments.ts. Other services use this as `ctx.backend("ebs")`; disks hold the
 * VMs they are attached to, and data disks come off a VM that goes (index.ts).
 */
import type { EngineContext } from "../../engine/context";
import type { Holder } from "../../engine/dependants";
import { DuplicateNameError, NotFoundError } from "../../errors";
import type { RegionRecord } from "../catalog/records";
import type { InstanceRecord } from "../ecs/records";
import { DISK_KIND, type DiskRecord, type PackagedDataDiskSpec } from "./records";
import {
  DATA_DEVICES,
  DATA_DISK_SIZE,
  DISK_MODES,
  DISK_TYPES,
  diskNotFound,
  DISK_STATUS,
  EBS_ACTIONS,
  EBS_NOT_FOUND,
  invalidStatus,
  STATUS_FILTER_ALIASES,
  validateDiskName,
  type DiskFilter,
  type StoredDisk,
} from "./rules";

declare module "../../engine/backends" {
  interface Backends {
    ebs: EbsBackend;
  }
}

/** Decision (COVERAGE.md): the device of a VM's system disk. */
export const SYSTEM_DISK_DEVICE = "/dev/vda";

/** What a VM's create order fixes about its system disk. */
export interface SystemDiskSpec {
  readonly instanceID: string;
  readonly diskSize: number;
  readonly diskType: string;
  readonly azName: string;
  readonly onDemand: boolean;
  /** Lower-case (`on_demand`, `month`, `year`), as on data disks. */
  readonly cycleType: string;
  readonly cycleCount: number;
  readonly projectID: string;
  readonly expireTime: number;
}

export class EbsBackend {
  constructor(private readonly ctx: EngineContext) {}

  private get disks() {
    return this.ctx.store.collection<DiskRecord>(DISK_KIND);
  }

  /**
   * Finds a disk by id. `regionID` is optional on every EBS call but new-ebs ("recommended"); without
   * it the disk is looked up in every region.
   */
  find(regionID: string | undefined, diskID: string): StoredDisk {
    if (regionID !== undefined && regionID !== "") {
      const region = this.ctx.backend("catalog").requireRegion(regionID);
      const disk = this.disks.get(region.regionID, diskID);
      if (!disk) throw diskNotFound(diskID);
      return { regionId: region.regionID, disk };
    }
    const found = diskID === "" ? undefined : this.disks.locate(diskID);
    if (!found) throw diskNotFound(diskID);
    return { regionId: found.region, disk: found.data };
  }

  /** A disk by id in one region, or undefined (for other services, which answer their own codes). */
  findInRegion(regionId: string, diskID: string): DiskRecord | undefined {
    return this.disks.get(regionId, diskID);
  }

  /**
   * One poll of a disk (info-ebs, info-by-name-ebs): it observes every piece of work still in
   * flight for the disk — the creating → available transition, its resize or refund order, its
   * attach or detach job — as polling the order or job itself would. A caller that lost the order
   * or job id (a crashed deployment) can thus wait on the disk's status alone, as on the cloud,
   * where that work progresses by itself.
   */
  observe(regionId: string, diskID: string): void {
    this.ctx.transitions.observe(DISK_KIND, diskID);
    for (const order of this.ctx.orders.inProgress(regionId, (o) => o.resourceIds.includes(diskID))) this.ctx.orders.poll(order.masterOrderID);
    for (const job of this.ctx.jobs.executing(regionId, (j) => j.resourceId === diskID)) this.ctx.jobs.poll(regionId, job.jobID);
  }

  byName(region: RegionRecord, diskName: string): DiskRecord {
    const disk = this.disks.findOne(region.regionID, (candidate) => candidate.diskName === diskName);
    if (!disk) throw new NotFoundError(EBS_NOT_FOUND, `no disk named ${diskName} in region ${region.regionID}`, { description: "云硬盘不存在" });
    return disk;
  }

  list(region: RegionRecord, filter: DiskFilter): DiskRecord[] {
    const status = filter.diskStatus ? (STATUS_FILTER_ALIASES[filter.diskStatus] ?? filter.diskStatus) : undefined;
    const needle = filter.queryContent?.toLowerCase();
    return this.disks.find(region.regionID, (disk) =>
      (status === undefined || disk.diskStatus === status) &&
      (!filter.azName || disk.azName === filter.azName) &&
      (!filter.projectID || disk.projectID === filter.projectID) &&
      (!filter.diskType || disk.diskType === filter.diskType) &&
      (!filter.diskMode || disk.diskMode === filter.diskMode) &&
      (filter.multiAttach === undefined || disk.multiAttach === filter.multiAttach) &&
      (filter.isSystemVolume === undefined || disk.isSystemVolume === filter.isSystemVolume) &&
      (filter.isEncrypt === undefined || disk.isEncrypt === filter.isEncrypt) &&
      (!needle || this.searchText(region.regionID, disk).includes(needle)),
    );
  }

  /** The VM a disk is (first) attached to, when it still exists. */
  instanceOf(regionId: string, disk: DiskRecord): InstanceRecord | undefined {
    const instanceID = disk.attachments[0]?.instanceID ?? disk.instanceID;
    return instanceID ? this.ctx.backend("ecs").find(regionId, instanceID) : undefined;
  }

  private searchText(regionId: string, disk: DiskRecord): string {
    const vms = this.ctx.backend("ecs");
    const vmNames = disk.attachments.map((a) => vms.find(regionId, a.instanceID)?.displayName ?? "");
    return [disk.diskID, disk.diskName, ...disk.attachments.map((a) => a.instanceID), ...vmNames].join("\n").toLowerCase();
  }

  rename(stored: StoredDisk, diskName: string): DiskRecord {
    validateDiskName(diskName);
    const { regionId, disk } = stored;
    if (disk.diskStatus === DISK_STATUS.deleting) throw invalidStatus(disk, "rename", ["any status but deleting"]);
    if (diskName === disk.diskName) return disk;
    this.assertNameFree(regionId, diskName, disk.diskID);
    return this.disks.update(regionId, disk.diskID, { diskName, updateTime: this.ctx.clock() })!;
  }

  /** Names of disks in the region and of disks whose create order is still provisioning. */
  assertNameFree(regionId: string, diskName: string, exceptDiskID: string | undefined): void {
    const taken =
      this.disks.findOne(regionId, (disk) => disk.diskName === diskName && disk.diskID !== exceptDiskID) !== undefined ||
      this.ctx.orders.inProgress(regionId, (order) => order.action === EBS_ACTIONS.create && order.payload["diskName"] === diskName).length > 0;
    if (taken) {
      throw new DuplicateNameError(`a disk named ${diskName} already exists in region ${regionId}; disk names are unique per account and region`, {
        description: "云硬盘名称在该资源池内已存在",
        code: this.ctx.unknownCodes.pick("disk-name-taken"),
      });
    }
  }

  /** Puts a disk back from a transitional status after failed work (unless something else moved it). */
  restoreIf(regionId: string, diskID: string, expected: string, status: (disk: DiskRecord) => string): void {
    this.disks.update(regionId, diskID, (disk) => (disk.diskStatus === expected ? { ...disk, diskStatus: status(disk), updateTime: this.ctx.clock() } : disk));
  }

  /** A VM's system disk, in use by it from the start; returns its id. */
  createSystemDisk(regionId: string, spec: SystemDiskSpec): string {
    const diskID = this.ctx.ids.uuid();
    const now = this.ctx.clock();
    this.disks.insert(regionId, diskID, {
      diskID,
      diskName: `sysdisk-${spec.instanceID.slice(0, 8)}`,
      diskSize: spec.diskSize,
      diskType: spec.diskType,
      diskMode: "VBD",
      diskStatus: DISK_STATUS.inUse,
      azName: spec.azName,
      isSystemVolume: true,
      multiAttach: false,
      isEncrypt: false,
      kmsUUID: "",
      instanceID: spec.instanceID,
      attachments: [{ instanceID: spec.instanceID, attachmentID: this.ctx.ids.uuid(), device: SYSTEM_DISK_DEVICE }],
      onDemand: spec.onDemand,
      cycleType: spec.cycleType,
      cycleCount: spec.cycleCount,
      projectID: spec.projectID,
      createTime: now,
      updateTime: now,
      expireTime: spec.expireTime,
      isPackaged: true,
    });
    return diskID;
  }

  /** The VM is gone: so is its system disk. */
  deleteSystemDisksOf(regionId: string, instanceID: string): void {
    for (const disk of this.disks.find(regionId, (d) => d.isSystemVolume && d.instanceID === instanceID)) this.remove(regionId, disk.diskID);
  }

  /** A disk goes: whatever holds it lets go first (its snapshots go with it: deleteSnapWithEbs). */
  remove(regionId: string, diskID: string): void {
    this.ctx.releaseDependants(DISK_KIND, regionId, diskID);
    this.disks.delete(regionId, diskID);
  }

  /**
   * The rule a packaged data disk breaks, or undefined: the new-ebs type, mode and size rules, modes
   * limited to VBD and ISCSI (what a launch template's `diskMode` offers).
   */
  packagedDataDiskProblem(spec: PackagedDataDiskSpec): string | undefined {
    if (!(DISK_TYPES as readonly string[]).includes(spec.diskType)) return `data disk type must be one of ${DISK_TYPES.join(", ")} (got ${spec.diskType})`;
    if (!DISK_MODES.slice(0, 2).includes(spec.diskMode as "VBD")) return `data disk mode must be VBD or ISCSI (got ${spec.diskMode})`;
    if (spec.diskMode === "ISCSI" && spec.diskType === "FAST-SSD") return "diskType FAST-SSD does not support diskMode ISCSI";
    if (!Number.isInteger(spec.diskSize) || spec.diskSize < DATA_DISK_SIZE.min || spec.diskSize > DATA_DISK_SIZE.max) {
      return `data disk size must be an integer from ${DATA_DISK_SIZE.min} to ${DATA_DISK_SIZE.max} GB (got ${spec.diskSize})`;
    }
    return undefined;
  }

  /**
   * Data disks bought with a VM (decision, COVERAGE.md): attached from the start as `/dev/vdb`,
   * `/dev/vdc`, …, billed like the VM, `isPackaged`, and released with it.
   */
  createPackagedDataDisks(regionId: string, owner: Omit<SystemDiskSpec, "diskSize" | "diskType">, disks: readonly PackagedDataDiskSpec[]): string[] {
    const now = this.ctx.clock();
    return disks.map((spec, index) => {
      const diskID = this.ctx.ids.uuid();
      this.disks.insert(regionId, diskID, {
        diskID,
        diskName: `datadisk-${owner.instanceID.slice(0, 8)}-${index + 1}`,
        diskSize: spec.diskSize,
        diskType: spec.diskType,
        diskMode: spec.diskMode,
        diskStatus: DISK_STATUS.inUse,
        azName: owner.azName,
        isSystemVolume: false,
        multiAttach: false,
        isEncrypt: false,
        kmsUUID: "",
        instanceID: owner.instanceID,
        attachments: [{ instanceID: owner.instanceID, attachmentID: this.ctx.ids.uuid(), device: DATA_DEVICES[index] ?? "" }],
        onDemand: owner.onDemand,
        cycleType: owner.cycleType,
        cycleCount: owner.cycleCount,
        projectID: owner.projectID,
        createTime: now,
        updateTime: now,
        expireTime: owner.expireTime,
        isPackaged: true,
      });
      return diskID;
    });
  }

  /** The VM that bought them is released: its packaged data disks go too (whatever holds them lets go first). */
  deletePackagedDataDisksOf(regionId: string, instanceID: string): void {
    for (const disk of this.disks.find(regionId, (d) => !d.isSystemVolume && d.isPackaged === true && d.instanceID === instanceID)) {
      this.ctx.releaseDependants(DISK_KIND, regionId, disk.diskID);
      this.disks.delete(regionId, disk.diskID);
    }
  }

  /** Disks attached to the VM: the system disk first, then data disks in attach order. */
  disksAttachedTo(regionId: string, instanceID: string): DiskRecord[] {
    const attached = this.disks.find(regionId, (disk) => disk.attachments.some((a) => a.instanceID === instanceID));
    return [...attached.filter((d) => d.isSystemVolume), ...attached.filter((d) => !d.isSystemVolume)];
  }

  holdersOf(regionId: string, instanceID: string): Holder[] {
    return this.disksAttachedTo(regionId, instanceID).map((disk) => ({ id: disk.diskID }));
  }

  /** Data disks come off a VM that goes (they stay, `available` unless another VM still holds them). */
  detachDataDisksFrom(regionId: string, instanceID: string): void {
    const now = this.ctx.clock();
    for (const disk of this.disks.find(regionId, (d) => !d.isSystemVolume && d.attachments.some((a) => a.instanceID === instanceID))) {
      const attachments = disk.attachments.filter((a) => a.instanceID !== instanceID);
      this.disks.update(regionId, disk.diskID, {
        attachments,
        instanceID: attachments[0]?.instanceID ?? "",
        diskStatus: attachments.length > 0 ? DISK_STATUS.inUse : DISK_STATUS.available,
        updateTime: now,
      });
    }
  }
}
