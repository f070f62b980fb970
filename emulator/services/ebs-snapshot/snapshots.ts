/**
 * Taking and deleting disk snapshots (api-notes/snapshot.md §1). The first snapshot of a disk goes
 * through an order (it opens the disk's snapshot billing item); later ones through a job whose
 * `job/info` `ID` is the new snapshot (what CTyun's Terraform provider reads). Either way the
 * snapshot copies for a while (`creating`, timing `snapshotCreate`) before it is `available`.
 * Delete is a job for the listed snapshots, or (`refundOrder`) a refund order that removes every
 * snapshot of the disk and closes its billing item.
 */
import type { EngineContext } from "../../engine/context";
import type { JobRecord } from "../../engine/jobs";
import type { JsonObject } from "../../engine/json";
import type { OrderRecord, PlacedOrder } from "../../engine/orders";
import { DuplicateNameError, EmulatorError, InvalidParameterError } from "../../errors";
import type { DiskRecord } from "../ebs/records";
import { EbsSnapshotBackend } from "./backend";
import { DISK_SNAPSHOT_KIND, SNAPSHOT_BILLING_KIND, type DiskSnapshotRecord, type SnapshotBillingRecord } from "./records";
import {
  DELETABLE_STATUSES,
  DISK_NOT_SNAPSHOTTABLE,
  EBS_SNAPSHOT_ACTIONS,
  EBS_SNAPSHOT_TIMING,
  retentionDays,
  SNAPSHOT_STATUS,
  SNAPSHOTTABLE_DISK_STATUSES,
  snapshotInvalidStatus,
  validateSnapshotName,
} from "./rules";

const DAY_MS = 86_400_000;

export interface CreateSnapshotRequest {
  readonly snapshotName: string;
  readonly diskID: string;
  readonly retentionPolicy: string;
  readonly retentionTime?: number | undefined;
}

/** A create went through an order (the disk's first snapshot) or a job (later ones). */
export type CreateOutcome =
  | { readonly path: "order"; readonly order: PlacedOrder; readonly finished: boolean; readonly snapshotID: string }
  | { readonly path: "job"; readonly jobID: string; readonly snapshotID: string };

export interface DeleteOutcome {
  readonly jobID: string | null;
  readonly notAllowed: string[];
  readonly notFound: string[];
}

export class DiskSnapshots {
  private readonly backend: EbsSnapshotBackend;

  constructor(private readonly ctx: EngineContext) {
    this.backend = new EbsSnapshotBackend(ctx);
  }

  private get snapshots() {
    return this.ctx.store.collection<DiskSnapshotRecord>(DISK_SNAPSHOT_KIND);
  }

  private get billing() {
    return this.ctx.store.collection<SnapshotBillingRecord>(SNAPSHOT_BILLING_KIND);
  }

  create(regionId: string, request: CreateSnapshotRequest): CreateOutcome {
    validateSnapshotName("snapshotName", request.snapshotName);
    const days = retentionDays(request.retentionPolicy, request.retentionTime);
    const disk = this.ctx.backend("ebs").find(regionId, request.diskID).disk;
    if (disk.diskMode !== "VBD") {
      throw new InvalidParameterError(`disk ${disk.diskID} is a ${disk.diskMode} disk: only VBD disks support snapshots`, { code: DISK_NOT_SNAPSHOTTABLE });
    }
    if (!SNAPSHOTTABLE_DISK_STATUSES.includes(disk.diskStatus)) {
      throw new EmulatorError(DISK_NOT_SNAPSHOTTABLE, `cannot snapshot disk ${disk.diskID} while it is ${disk.diskStatus} (allowed: ${SNAPSHOTTABLE_DISK_STATUSES.join(", ")})`, {
        description: `云硬盘当前状态(${disk.diskStatus})不支持创建快照`,
      });
    }
    this.assertNameFree(regionId, request.snapshotName);
    const snapshotID = this.ctx.ids.uuid();
    const snapshot = this.recordFor(snapshotID, disk, { name: request.snapshotName, policy: request.retentionPolicy, days, type: "manu", policyID: "" });
    if (!this.backend.billingOpened(regionId, disk.diskID)) {
      const order = this.ctx.orders.place({
        kind: "create",
        regionId,
        resourceType: "EBS_SNAP",
        resourceIds: [snapshotID],
        action: EBS_SNAPSHOT_ACTIONS.createOrdered,
        payload: snapshot as unknown as JsonObject,
      });
      return { path: "order", order, finished: this.ctx.orders.get(order.masterOrderID)?.status === "3", snapshotID };
    }
    this.snapshots.insert(regionId, snapshotID, snapshot);
    const jobID = this.ctx.jobs.start({
      regionId,
      resourceId: snapshotID,
      action: EBS_SNAPSHOT_ACTIONS.created,
      failAction: EBS_SNAPSHOT_ACTIONS.createFailed,
      taskName: "CreateSnapshot",
      timing: EBS_SNAPSHOT_TIMING.create,
      reportedId: snapshotID,
    });
    return { path: "job", jobID, snapshotID };
  }

  /** A policy's schedule takes a `timer` snapshot: no order, no job; available at once (inferred). */
  takeScheduled(regionId: string, disk: DiskRecord, name: string, policyID: string, retentionTime: number, at: number): void {
    if (disk.diskMode !== "VBD" || !SNAPSHOTTABLE_DISK_STATUSES.includes(disk.diskStatus)) return;
    const snapshotID = this.ctx.ids.uuid();
    const forever = retentionTime === -1;
    const days = forever ? retentionDays("forever", undefined) : retentionTime;
    const record = this.recordFor(snapshotID, disk, { name, policy: forever ? "forever" : "custom", days, type: "timer", policyID });
    this.snapshots.insert(regionId, snapshotID, { ...record, snapshotStatus: SNAPSHOT_STATUS.available, createTime: at, updateTime: at, expireTime: forever ? 0 : at + days * DAY_MS });
  }

  /** Names are unique per region (inferred from TF's pre-check), counting snapshots whose order still runs. */
  private assertNameFree(regionId: string, name: string): void {
    const taken =
      this.snapshots.findOne(regionId, (s) => s.snapshotName === name) !== undefined ||
      this.ctx.orders.inProgress(regionId, (o) => o.action === EBS_SNAPSHOT_ACTIONS.createOrdered && o.payload["snapshotName"] === name).length > 0;
    if (taken) {
      throw new DuplicateNameError(`a snapshot named ${name} already exists in region ${regionId}`, { description: "快照名称已存在", code: this.ctx.unknownCodes.pick("snapshot-name-taken") });
    }
  }

  private recordFor(snapshotID: string, disk: DiskRecord, what: { name: string; policy: string; days: number; type: string; policyID: string }): DiskSnapshotRecord {
    const now = this.ctx.clock();
    return {
      snapshotID,
      snapshotName: what.name,
      snapshotStatus: SNAPSHOT_STATUS.creating,
      diskID: disk.diskID,
      azName: disk.azName,
      retentionPolicy: what.policy,
      retentionTime: what.days,
      snapshotType: what.type,
      volumeAttr: disk.isSystemVolume ? "system" : "data",
      volumeName: disk.diskName,
      volumeType: disk.diskType,
      volumeSize: disk.diskSize,
      volumeSource: disk.volumeSource ?? "",
      isEncrypt: disk.isEncrypt,
      createTime: now,
      updateTime: now,
      expireTime: what.policy === "forever" ? 0 : now + what.days * DAY_MS,
      clones: 0,
      policyID: what.policyID,
    };
  }

  /** The first snapshot's order finished: the billing item is open and the snapshot starts copying. */
  completeOrdered(order: OrderRecord): void {
    const snapshot = order.payload as unknown as DiskSnapshotRecord;
    const regionId = order.regionId;
    if (!this.ctx.backend("ebs").findInRegion(regionId, snapshot.diskID)) throw new Error(`disk ${snapshot.diskID} no longer exists`);
    if (!this.billing.has(regionId, snapshot.diskID)) this.billing.insert(regionId, snapshot.diskID, { diskID: snapshot.diskID, masterOrderID: order.masterOrderID, openedAt: this.ctx.clock() });
    const now = this.ctx.clock();
    this.snapshots.insert(regionId, snapshot.snapshotID, { ...snapshot, createTime: now, updateTime: now, expireTime: snapshot.expireTime === 0 ? 0 : now + snapshot.retentionTime * DAY_MS });
    this.ctx.transitions.schedule(
      DISK_SNAPSHOT_KIND,
      { regionId, id: snapshot.snapshotID },
      { via: SNAPSHOT_STATUS.creating, to: SNAPSHOT_STATUS.available, field: "snapshotStatus", timing: EBS_SNAPSHOT_TIMING.create, failTo: SNAPSHOT_STATUS.error },
    );
  }

  completeJob(job: JobRecord): void {
    this.setStatusIf(job.regionId, job.resourceId, SNAPSHOT_STATUS.creating, SNAPSHOT_STATUS.available);
  }

  failJob(job: JobRecord): void {
    this.setStatusIf(job.regionId, job.resourceId, SNAPSHOT_STATUS.creating, SNAPSHOT_STATUS.error);
  }

  /** Deletes the listed snapshots of `diskID` (when given) through one job; the others are reported back. */
  delete(regionId: string, diskID: string | undefined, snapshotIDs: readonly string[]): DeleteOutcome {
    const notFound: string[] = [];
    const notAllowed: string[] = [];
    const deletable: string[] = [];
    for (const id of new Set(snapshotIDs)) {
      const snapshot = this.backend.find(regionId, id);
      if (!snapshot || (diskID && snapshot.diskID !== diskID)) notFound.push(id);
      else if (!DELETABLE_STATUSES.includes(snapshot.snapshotStatus)) notAllowed.push(id);
      else deletable.push(id);
    }
    if (deletable.length === 0) return { jobID: null, notAllowed, notFound };
    const previous: Record<string, string> = {};
    for (const id of deletable) {
      previous[id] = this.backend.find(regionId, id)!.snapshotStatus;
      this.setStatusIf(regionId, id, previous[id], SNAPSHOT_STATUS.deleting);
    }
    const jobID = this.ctx.jobs.start({
      regionId,
      resourceId: deletable[0]!,
      action: EBS_SNAPSHOT_ACTIONS.deleted,
      failAction: EBS_SNAPSHOT_ACTIONS.deleteFailed,
      taskName: "DeleteSnapshot",
      timing: EBS_SNAPSHOT_TIMING.delete,
      payload: { snapshotIDs: deletable, previous },
    });
    return { jobID, notAllowed, notFound };
  }

  completeDelete(job: JobRecord): void {
    for (const id of job.payload["snapshotIDs"] as string[]) this.snapshots.delete(job.regionId, id);
  }

  failDelete(job: JobRecord): void {
    const previous = job.payload["previous"] as Record<string, string>;
    for (const id of job.payload["snapshotIDs"] as string[]) this.setStatusIf(job.regionId, id, SNAPSHOT_STATUS.deleting, previous[id] ?? SNAPSHOT_STATUS.available);
  }

  /** refundOrder: every snapshot of the disk goes and its billing item closes (refused while any is busy). */
  refund(regionId: string, diskID: string): PlacedOrder {
    if (!this.billing.has(regionId, diskID)) {
      throw new InvalidParameterError(`disk ${diskID} has no snapshot billing item to refund (refundOrder needs a disk whose first snapshot was ordered)`);
    }
    const all = this.snapshots.find(regionId, (s) => s.diskID === diskID);
    const busy = all.find((s) => !DELETABLE_STATUSES.includes(s.snapshotStatus));
    if (busy) throw snapshotInvalidStatus(busy, "refund the snapshots of the disk of", DELETABLE_STATUSES);
    for (const s of all) this.setStatusIf(regionId, s.snapshotID, s.snapshotStatus, SNAPSHOT_STATUS.deleting);
    return this.ctx.orders.place({
      kind: "refund",
      regionId,
      resourceType: "EBS_SNAP",
      resourceIds: [diskID],
      action: EBS_SNAPSHOT_ACTIONS.refunded,
      failAction: EBS_SNAPSHOT_ACTIONS.refundFailed,
      payload: { diskID, snapshotIDs: all.map((s) => s.snapshotID) },
    });
  }

  completeRefund(order: OrderRecord): void {
    const diskID = order.payload["diskID"] as string;
    for (const s of this.snapshots.find(order.regionId, (x) => x.diskID === diskID)) this.snapshots.delete(order.regionId, s.snapshotID);
    this.billing.delete(order.regionId, diskID);
  }

  failRefund(order: OrderRecord): void {
    for (const id of order.payload["snapshotIDs"] as string[]) this.setStatusIf(order.regionId, id, SNAPSHOT_STATUS.deleting, SNAPSHOT_STATUS.available);
  }

  private setStatusIf(regionId: string, snapshotID: string, expected: string, status: string): void {
    this.snapshots.update(regionId, snapshotID, (s) => (s.snapshotStatus === expected ? { ...s, snapshotStatus: status, updateTime: this.ctx.clock() } : s));
  }
}
