/**
 * The EBS backend (spec D.8, D.9): disk names unique per region, type/mode combinations, grow-only
 * resize through orders, unsubscribe refused while attached, attach/detach as jobs with the
 * attaching → in-use and detaching → available status machines, system disks (inserted by the ECS
 * service) readable and growable but never detached or unsubscribed on their own. The vocabulary
 * and stateless checks are in rules.ts, completions in actions.ts; routes.ts parses and shapes.
 */
import type { EngineContext } from "../../engine/context";
import type { JsonObject } from "../../engine/json";
import { JOB_KIND, JOB_STATUS } from "../../engine/jobs";
import { ORDER_KIND, ORDER_STATUS, type OrderRecord, type PlacedOrder } from "../../engine/orders";
import { DuplicateNameError, EmulatorError, InUseError, InvalidParameterError, NotFoundError, QuotaExceededError } from "../../errors";
import { requireRegion, type RegionRecord } from "../shared/region";
import { KIND, type DiskRecord, type InstanceRecord } from "../shared/records";
import {
  ATTACHABLE_INSTANCE_STATUSES,
  DATA_DISK_SIZE,
  DISK_INVALID_STATUS,
  DISK_MODES,
  DISK_STATUS,
  DISK_TYPES,
  type DiskFilter,
  diskNotFound,
  type DiskPayload,
  EBS_ACTIONS,
  EBS_NOT_FOUND,
  EBS_TIMING,
  INSTANCE_INVALID_STATUS,
  INSTANCE_NOT_FOUND,
  invalidStatus,
  MAX_CYCLE_COUNT,
  MAX_SHARED_ATTACHMENTS,
  type NewDiskRequest,
  type OrderOutcome,
  requireZoneForDisk,
  STATUS_FILTER_ALIASES,
  type StoredDisk,
  SYSTEM_DISK_MAX_SIZE,
  systemVolume,
  validateDiskName,
} from "./rules";

export function disks(ctx: Pick<EngineContext, "store">) {
  return ctx.store.collection<DiskRecord>(KIND.disk);
}

export function instances(ctx: Pick<EngineContext, "store">) {
  return ctx.store.collection<InstanceRecord>(KIND.instance);
}

export class EbsBackend {
  constructor(private readonly ctx: EngineContext) {}

  /**
   * Finds a disk by id. `regionID` is optional on every EBS call but new-ebs ("recommended"); without
   * it the disk is looked up in every region.
   */
  find(regionID: string | undefined, diskID: string): StoredDisk {
    if (regionID !== undefined && regionID !== "") {
      const region = requireRegion(this.ctx, regionID);
      const disk = disks(this.ctx).get(region.regionID, diskID);
      if (!disk) throw diskNotFound(diskID);
      return { regionId: region.regionID, disk };
    }
    const found = diskID === "" ? undefined : disks(this.ctx).locate(diskID);
    if (!found) throw diskNotFound(diskID);
    return { regionId: found.region, disk: found.data };
  }

  /**
   * One poll of a disk (info-ebs, info-by-name-ebs): it observes every piece of work still in
   * flight for the disk — the creating → available transition, its resize or refund order, its
   * attach or detach job — as polling the order or job itself would. A caller that lost the order
   * or job id (a crashed deployment) can thus wait on the disk's status alone, as on the cloud,
   * where that work progresses by itself.
   */
  observe(regionId: string, diskID: string): void {
    this.ctx.transitions.observe(KIND.disk, diskID);
    const inFlight = (kind: string, status: string | number, field: string) =>
      this.ctx.store
        .statement(`SELECT id FROM resources WHERE kind = ? AND region = ? AND json_extract(data, '$.status') = ? AND json_extract(data, '$.${field}') LIKE ?`)
        .all(kind, regionId, status, `%${diskID}%`) as Array<{ id: string }>;
    for (const { id } of inFlight(ORDER_KIND, ORDER_STATUS.provisioning, "resourceIds")) {
      if (this.ctx.orders.get(id)?.resourceIds.includes(diskID)) this.ctx.orders.poll(id);
    }
    for (const { id } of inFlight(JOB_KIND, JOB_STATUS.executing, "resourceId")) {
      if (this.ctx.jobs.get(regionId, id)?.resourceId === diskID) this.ctx.jobs.poll(regionId, id);
    }
  }

  byName(region: RegionRecord, diskName: string): DiskRecord {
    const disk = disks(this.ctx).findOne(region.regionID, (candidate) => candidate.diskName === diskName);
    if (!disk) throw new NotFoundError(EBS_NOT_FOUND, `no disk named ${diskName} in region ${region.regionID}`, { description: "云硬盘不存在" });
    return disk;
  }

  list(region: RegionRecord, filter: DiskFilter): DiskRecord[] {
    const status = filter.diskStatus ? (STATUS_FILTER_ALIASES[filter.diskStatus] ?? filter.diskStatus) : undefined;
    const needle = filter.queryContent?.toLowerCase();
    return disks(this.ctx).find(region.regionID, (disk) =>
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
    return instanceID ? instances(this.ctx).get(regionId, instanceID) : undefined;
  }

  private searchText(regionId: string, disk: DiskRecord): string {
    const vmNames = disk.attachments.map((a) => instances(this.ctx).get(regionId, a.instanceID)?.displayName ?? "");
    return [disk.diskID, disk.diskName, ...disk.attachments.map((a) => a.instanceID), ...vmNames].join("\n").toLowerCase();
  }

  /** Places the create order; with `immediate` timing it finishes (and the disk exists) at once. */
  create(region: RegionRecord, request: NewDiskRequest): OrderOutcome {
    const payload = this.validateNewDisk(region, request);
    this.assertNameFree(region.regionID, payload.diskName, undefined);
    const diskID = this.ctx.ids.uuid();
    const order = this.ctx.orders.place({
      kind: "create",
      regionId: region.regionID,
      resourceType: "EBS",
      resourceIds: [diskID],
      action: EBS_ACTIONS.create,
      payload: payload as unknown as JsonObject,
      timing: EBS_TIMING.order,
    });
    return { order, finished: this.finished(order), diskID };
  }

  rename(stored: StoredDisk, diskName: string): DiskRecord {
    validateDiskName(diskName);
    const { regionId, disk } = stored;
    if (disk.diskStatus === DISK_STATUS.deleting) throw invalidStatus(disk, "rename", ["any status but deleting"]);
    if (diskName === disk.diskName) return disk;
    this.assertNameFree(regionId, diskName, disk.diskID);
    return disks(this.ctx).update(regionId, disk.diskID, { diskName, updateTime: this.ctx.clock() })!;
  }

  /** Grow only. System disks also need their VM stopped (spec D.7). */
  resize(stored: StoredDisk, diskSize: number): OrderOutcome {
    const { regionId, disk } = stored;
    const max = disk.isSystemVolume ? SYSTEM_DISK_MAX_SIZE : DATA_DISK_SIZE.max;
    if (!Number.isInteger(diskSize) || diskSize > max) {
      throw new InvalidParameterError(`diskSize must be an integer of at most ${max} GB for a ${disk.isSystemVolume ? "system" : "data"} disk (got ${diskSize})`);
    }
    if (diskSize <= disk.diskSize) {
      throw new InvalidParameterError(`diskSize must be larger than the current size ${disk.diskSize} GB (got ${diskSize}): disks can only grow`);
    }
    const allowed = [DISK_STATUS.available, DISK_STATUS.inUse];
    if (!allowed.includes(disk.diskStatus as (typeof allowed)[number])) throw invalidStatus(disk, "resize", allowed);
    if (disk.isSystemVolume) {
      const vm = this.instanceOf(regionId, disk);
      if (vm && vm.instanceStatus !== "stopped") {
        throw new EmulatorError(
          INSTANCE_INVALID_STATUS,
          `disk ${disk.diskID} is the system disk of instance ${vm.instanceID}, which is ${vm.instanceStatus}: stop the instance before growing its system disk`,
          { description: "扩容系统盘前请先关闭云主机" },
        );
      }
    }
    disks(this.ctx).update(regionId, disk.diskID, { diskStatus: DISK_STATUS.extending });
    const order = this.ctx.orders.place({
      kind: "modify",
      regionId,
      resourceType: "EBS",
      resourceIds: [disk.diskID],
      action: EBS_ACTIONS.resize,
      failAction: EBS_ACTIONS.resizeFailed,
      payload: { diskSize, restoreStatus: disk.diskStatus },
      timing: EBS_TIMING.order,
    });
    return { order, finished: this.finished(order), diskID: disk.diskID };
  }

  /** Unsubscribe (退订): refused for system disks and attached disks; the record goes when the order finishes. */
  refund(stored: StoredDisk): PlacedOrder {
    const { regionId, disk } = stored;
    if (disk.isSystemVolume) throw systemVolume(disk, "unsubscribed");
    if (disk.attachments.length > 0) {
      const vms = disk.attachments.map((a) => a.instanceID).join(", ");
      throw new InUseError(`disk ${disk.diskID} is attached to instance ${vms}: detach it before unsubscribing`, {
        description: "云硬盘已挂载，请先卸载后再退订",
        code: this.ctx.unknownCodes.pick("disk-attached"),
      });
    }
    const allowed = [DISK_STATUS.available, DISK_STATUS.error];
    if (!allowed.includes(disk.diskStatus as (typeof allowed)[number])) throw invalidStatus(disk, "unsubscribe", allowed);
    disks(this.ctx).update(regionId, disk.diskID, { diskStatus: DISK_STATUS.deleting });
    return this.ctx.orders.place({
      kind: "refund",
      regionId,
      resourceType: "EBS",
      resourceIds: [disk.diskID],
      action: EBS_ACTIONS.refund,
      failAction: EBS_ACTIONS.refundFailed,
    });
  }

  attach(stored: StoredDisk, instanceID: string): string {
    const { regionId, disk } = stored;
    if (disk.isSystemVolume) throw systemVolume(disk, "attached");
    const vm = instances(this.ctx).get(regionId, instanceID);
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
    const region = requireRegion(this.ctx, regionId);
    if (region.isMultiZones && vm.azName !== disk.azName) {
      throw new InvalidParameterError(
        `disk ${disk.diskID} is in ${disk.azName} but instance ${instanceID} is in ${vm.azName}: a disk attaches only to instances of its availability zone`,
      );
    }
    disks(this.ctx).update(regionId, disk.diskID, { diskStatus: DISK_STATUS.attaching });
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
    const vm = instances(this.ctx).get(regionId, target);
    // A VM that no longer exists cannot block cleaning up its attachment.
    if (vm) this.requireAttachableInstance(vm, "detach a disk from");
    disks(this.ctx).update(regionId, disk.diskID, { diskStatus: DISK_STATUS.detaching });
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

  private requireAttachableInstance(vm: InstanceRecord, what: string): void {
    if (!ATTACHABLE_INSTANCE_STATUSES.includes(vm.instanceStatus)) {
      throw new EmulatorError(
        INSTANCE_INVALID_STATUS,
        `cannot ${what} instance ${vm.instanceID} while it is ${vm.instanceStatus} (allowed: ${ATTACHABLE_INSTANCE_STATUSES.join(", ")})`,
        { description: `云主机当前状态(${vm.instanceStatus})不允许挂载或卸载云硬盘` },
      );
    }
  }

  private finished(order: PlacedOrder): boolean {
    return this.ctx.orders.get(order.masterOrderID)?.status === ORDER_STATUS.finished;
  }

  /** Names of disks in the region and of disks whose create order is still provisioning. */
  private assertNameFree(regionId: string, diskName: string, exceptDiskID: string | undefined): void {
    const taken =
      disks(this.ctx).findOne(regionId, (disk) => disk.diskName === diskName && disk.diskID !== exceptDiskID) !== undefined ||
      this.ctx.store
        .collection<OrderRecord>(ORDER_KIND)
        .findOne(regionId, (order) => order.action === EBS_ACTIONS.create && order.status === ORDER_STATUS.provisioning && order.payload["diskName"] === diskName) !== undefined;
    if (taken) {
      throw new DuplicateNameError(`a disk named ${diskName} already exists in region ${regionId}; disk names are unique per account and region`, {
        description: "云硬盘名称在该资源池内已存在",
        code: this.ctx.unknownCodes.pick("disk-name-taken"),
      });
    }
  }

  private validateNewDisk(region: RegionRecord, request: NewDiskRequest): DiskPayload {
    validateDiskName(request.diskName);
    const mode = request.diskMode;
    const type = request.diskType;
    if (!(DISK_MODES as readonly string[]).includes(mode)) throw new InvalidParameterError(`diskMode must be one of ${DISK_MODES.join(", ")} (got ${mode})`);
    if (!(DISK_TYPES as readonly string[]).includes(type)) throw new InvalidParameterError(`diskType must be one of ${DISK_TYPES.join(", ")} (got ${type})`);
    if (mode === "FCSAN" && type !== "SAS") throw new InvalidParameterError(`diskMode FCSAN is only available with diskType SAS (got ${type})`);
    if (mode === "ISCSI" && type === "FAST-SSD") throw new InvalidParameterError("diskType FAST-SSD does not support diskMode ISCSI");
    if (!Number.isInteger(request.diskSize) || request.diskSize < DATA_DISK_SIZE.min || request.diskSize > DATA_DISK_SIZE.max) {
      throw new InvalidParameterError(`diskSize must be an integer from ${DATA_DISK_SIZE.min} to ${DATA_DISK_SIZE.max} GB (got ${request.diskSize})`);
    }
    if (request.isEncrypt) {
      if (request.multiAttach) throw new InvalidParameterError("shared (multiAttach) disks cannot be encrypted");
      if (mode === "ISCSI") throw new InvalidParameterError("ISCSI disks cannot be encrypted");
      if (type === "FAST-SSD") throw new InvalidParameterError("FAST-SSD disks cannot be encrypted");
    } else if (request.kmsUUID) {
      throw new InvalidParameterError("kmsUUID is only allowed with isEncrypt true");
    }
    const billing = this.validateBilling(request);
    const zone = requireZoneForDisk(region, request.azName);
    const projectID = request.projectID ?? "";
    if (!/^(|0|[a-z0-9]{32})$/.test(projectID)) throw new InvalidParameterError(`projectID must be "0" or 32 lower-case letters and digits (got ${projectID})`);
    return {
      diskName: request.diskName,
      diskSize: request.diskSize,
      diskType: type,
      diskMode: mode,
      azName: zone,
      isSystemVolume: false,
      isPackaged: false,
      multiAttach: request.multiAttach,
      isEncrypt: request.isEncrypt,
      // An empty kmsUUID selects the account's default key; the emulator mints one per disk.
      kmsUUID: request.isEncrypt ? request.kmsUUID || this.ctx.ids.uuid() : "",
      ...billing,
      projectID: projectID === "" ? "0" : projectID,
      labels: request.labels.map((label) => ({ key: label.key, value: label.value, labelId: this.ctx.ids.uuid() })),
    };
  }

  private validateBilling(request: NewDiskRequest): Pick<DiskRecord, "onDemand" | "cycleType" | "cycleCount"> {
    const { cycleType, cycleCount } = request;
    if (request.onDemand) {
      if (cycleType !== undefined && cycleType !== "" && cycleType !== "on_demand") {
        throw new InvalidParameterError(`cycleType must be on_demand or omitted when onDemand is true (got ${cycleType})`);
      }
      if (cycleCount !== undefined && cycleCount !== 0) throw new InvalidParameterError(`cycleCount must be 0 or omitted when onDemand is true (got ${cycleCount})`);
      return { onDemand: true, cycleType: "on_demand", cycleCount: 0 };
    }
    if (cycleType !== "month" && cycleType !== "year") {
      throw new InvalidParameterError(`cycleType must be month or year (lower-case) when onDemand is false (got ${cycleType ?? "nothing"})`);
    }
    const max = MAX_CYCLE_COUNT[cycleType];
    if (cycleCount === undefined || !Number.isInteger(cycleCount) || cycleCount < 1 || cycleCount > max) {
      throw new InvalidParameterError(`cycleCount must be an integer from 1 to ${max} for cycleType ${cycleType} (got ${cycleCount ?? "nothing"})`);
    }
    return { onDemand: false, cycleType, cycleCount };
  }
}

/** new-ebs: "多可用区资源池下，必须指定可用区"; single-AZ regions take `default` or nothing. */
