/**
 * A data disk's billed life (spec D.8, D.9): create (type/mode/size/billing checks; with `immediate`
 * timing the order finishes, and the disk exists, inside the request), grow-only resize (a system
 * disk only with its VM stopped) and unsubscribe (refused for system disks and attached disks), each
 * through an order, with their completions.
 */
import type { EngineContext } from "../../engine/context";
import type { JsonObject } from "../../engine/json";
import { ORDER_STATUS, type OrderRecord, type PlacedOrder } from "../../engine/orders";
import { EmulatorError, InUseError, InvalidParameterError } from "../../errors";
import type { RegionRecord } from "../catalog/records";
import { COMPUTE_TERMS, requireNoTermCount, requireTermCount, subscriptionEnd } from "../shared/billing";
import { EbsBackend } from "./backend";
import { DISK_KIND, type DiskRecord } from "./records";
import {
  DATA_DISK_SIZE,
  DISK_MODES,
  DISK_STATUS,
  DISK_TYPES,
  EBS_ACTIONS,
  EBS_TIMING,
  INSTANCE_INVALID_STATUS,
  invalidStatus,
  requireZoneForDisk,
  SYSTEM_DISK_MAX_SIZE,
  systemVolume,
  validateDiskName,
  type DiskPayload,
  type FromSnapshotRequest,
  type NewDiskRequest,
  type OrderOutcome,
  type StoredDisk,
} from "./rules";

export class DiskOrders {
  private readonly ebs: EbsBackend;

  constructor(private readonly ctx: EngineContext) {
    this.ebs = new EbsBackend(ctx);
  }

  private get disks() {
    return this.ctx.store.collection<DiskRecord>(DISK_KIND);
  }

  /** Places the create order; with `immediate` timing it finishes (and the disk exists) at once. */
  create(region: RegionRecord, request: NewDiskRequest): OrderOutcome {
    const payload = this.validateNewDisk(region, request);
    this.ebs.assertNameFree(region.regionID, payload.diskName, undefined);
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

  /**
   * A disk made from a snapshot (new-from-snapshot-ebs-snap): VBD, the snapshot's type, zone and
   * encryption, at least the snapshot's size (py doc). The snapshot shows `cloning` until the order ends.
   */
  createFromSnapshot(region: RegionRecord, request: FromSnapshotRequest): OrderOutcome {
    const snapshots = this.ctx.backend("ebsSnapshot");
    const snapshot = snapshots.requireClonable(region.regionID, request.snapshotID);
    if (request.diskMode !== "VBD") throw new InvalidParameterError(`diskMode must be VBD for a disk made from a snapshot (got ${request.diskMode})`);
    if (request.diskSize < snapshot.volumeSize) {
      throw new InvalidParameterError(`diskSize ${request.diskSize} GB is smaller than snapshot ${snapshot.snapshotID} (${snapshot.volumeSize} GB): a disk made from a snapshot is at least the snapshot's size`);
    }
    const payload: DiskPayload = {
      ...this.validateNewDisk(region, { ...request, diskType: snapshot.volumeType, azName: snapshot.azName, isEncrypt: snapshot.isEncrypt, kmsUUID: undefined, labels: [] }),
      volumeSource: snapshot.snapshotID,
    };
    this.ebs.assertNameFree(region.regionID, payload.diskName, undefined);
    // Before the order: with `immediate` timing it completes (and lets go of the snapshot) inside place().
    snapshots.startClone(region.regionID, snapshot.snapshotID);
    const diskID = this.ctx.ids.uuid();
    const order = this.ctx.orders.place({
      kind: "create",
      regionId: region.regionID,
      resourceType: "EBS",
      resourceIds: [diskID],
      action: EBS_ACTIONS.create,
      failAction: EBS_ACTIONS.createFailed,
      payload: payload as unknown as JsonObject,
      timing: EBS_TIMING.order,
    });
    return { order, finished: this.finished(order), diskID };
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
      const vm = this.ebs.instanceOf(regionId, disk);
      if (vm && vm.instanceStatus !== "stopped") {
        throw new EmulatorError(
          INSTANCE_INVALID_STATUS,
          `disk ${disk.diskID} is the system disk of instance ${vm.instanceID}, which is ${vm.instanceStatus}: stop the instance before growing its system disk`,
          { description: "扩容系统盘前请先关闭云主机" },
        );
      }
    }
    this.disks.update(regionId, disk.diskID, { diskStatus: DISK_STATUS.extending });
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
    this.disks.update(regionId, disk.diskID, { diskStatus: DISK_STATUS.deleting });
    return this.ctx.orders.place({
      kind: "refund",
      regionId,
      resourceType: "EBS",
      resourceIds: [disk.diskID],
      action: EBS_ACTIONS.refund,
      failAction: EBS_ACTIONS.refundFailed,
    });
  }

  completeCreate(order: OrderRecord): void {
    const diskID = order.resourceIds[0]!;
    const payload = order.payload as unknown as DiskPayload;
    const now = this.ctx.clock();
    this.disks.insert(order.regionId, diskID, {
      ...payload,
      diskID,
      diskStatus: DISK_STATUS.creating,
      instanceID: "",
      attachments: [],
      createTime: now,
      updateTime: now,
      expireTime: payload.onDemand ? 0 : subscriptionEnd(now, payload.cycleType, payload.cycleCount),
    });
    this.ctx.transitions.schedule(
      DISK_KIND,
      { regionId: order.regionId, id: diskID },
      { via: DISK_STATUS.creating, to: DISK_STATUS.available, field: "diskStatus", timing: EBS_TIMING.ready, failTo: DISK_STATUS.error },
    );
    if (payload.volumeSource) this.ctx.backend("ebsSnapshot").finishClone(order.regionId, payload.volumeSource);
  }

  /** A create order failed: a disk made from a snapshot lets go of it. */
  failCreate(order: OrderRecord): void {
    const source = (order.payload as unknown as DiskPayload).volumeSource;
    if (source) this.ctx.backend("ebsSnapshot").finishClone(order.regionId, source);
  }

  completeResize(order: OrderRecord): void {
    const diskID = order.resourceIds[0]!;
    const { diskSize, restoreStatus } = order.payload as { diskSize: number; restoreStatus: string };
    const updated = this.disks.update(order.regionId, diskID, { diskSize, diskStatus: restoreStatus, updateTime: this.ctx.clock() });
    if (!updated) throw new Error(`disk ${diskID} disappeared while it was being resized`);
  }

  failResize(order: OrderRecord): void {
    const { restoreStatus } = order.payload as { restoreStatus: string };
    this.ebs.restoreIf(order.regionId, order.resourceIds[0]!, DISK_STATUS.extending, () => restoreStatus);
  }

  completeRefund(order: OrderRecord): void {
    this.ebs.remove(order.regionId, order.resourceIds[0]!);
  }

  failRefund(order: OrderRecord): void {
    this.ebs.restoreIf(order.regionId, order.resourceIds[0]!, DISK_STATUS.deleting, () => DISK_STATUS.available);
  }

  private finished(order: PlacedOrder): boolean {
    return this.ctx.orders.get(order.masterOrderID)?.status === ORDER_STATUS.finished;
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
    const billing = validateBilling(request);
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
}

function validateBilling(request: NewDiskRequest): Pick<DiskRecord, "onDemand" | "cycleType" | "cycleCount"> {
  const { cycleType, cycleCount } = request;
  if (request.onDemand) {
    if (cycleType !== undefined && cycleType !== "" && cycleType !== "on_demand") {
      throw new InvalidParameterError(`cycleType must be on_demand or omitted when onDemand is true (got ${cycleType})`);
    }
    return { onDemand: true, cycleType: "on_demand", cycleCount: requireNoTermCount(cycleCount) };
  }
  if (cycleType !== "month" && cycleType !== "year") {
    throw new InvalidParameterError(`cycleType must be month or year (lower-case) when onDemand is false (got ${cycleType ?? "nothing"})`);
  }
  return { onDemand: false, cycleType, cycleCount: requireTermCount(cycleType, cycleCount, COMPUTE_TERMS) };
}
