/**
 * EBS snapshots and snapshot policies as other services see them (`ctx.backend("ebsSnapshot")`):
 * finding and listing snapshots, polling their work, what the EBS service asks when it makes a disk
 * from a snapshot (the snapshot shows `cloning` meanwhile) or shows a disk (its policy), and what
 * goes when a disk goes (its snapshots, billing item and policy binding: disks are refunded with
 * their snapshots, COVERAGE.md). Creating and deleting snapshots is in snapshots.ts, policies in
 * policies.ts.
 */
import type { EngineContext } from "../../engine/context";
import type { Holder } from "../../engine/dependants";
import { NotFoundError } from "../../errors";
import {
  DISK_SNAPSHOT_KIND,
  POLICY_BINDING_KIND,
  SNAPSHOT_BILLING_KIND,
  type DiskSnapshotRecord,
  type PolicyBindingRecord,
  type SnapshotBillingRecord,
} from "./records";
import { SNAPSHOT_NOT_FOUND, SNAPSHOT_STATUS, snapshotInvalidStatus } from "./rules";

declare module "../../engine/backends" {
  interface Backends {
    ebsSnapshot: EbsSnapshotBackend;
  }
}

export interface SnapshotFilter {
  readonly diskID?: string | undefined;
  readonly snapshotID?: string | undefined;
  /** Substring match (py doc: "支持输入名称的一部分做模糊匹配"). */
  readonly snapshotName?: string | undefined;
  readonly snapshotStatus?: string | undefined;
  readonly snapshotType?: string | undefined;
  readonly volumeAttr?: string | undefined;
  readonly retentionPolicy?: string | undefined;
}

export class EbsSnapshotBackend {
  constructor(private readonly ctx: EngineContext) {}

  private get snapshots() {
    return this.ctx.store.collection<DiskSnapshotRecord>(DISK_SNAPSHOT_KIND);
  }

  private get billing() {
    return this.ctx.store.collection<SnapshotBillingRecord>(SNAPSHOT_BILLING_KIND);
  }

  private get bindings() {
    return this.ctx.store.collection<PolicyBindingRecord>(POLICY_BINDING_KIND);
  }

  find(regionId: string, snapshotID: string): DiskSnapshotRecord | undefined {
    return this.snapshots.get(regionId, snapshotID);
  }

  /** The snapshot, or the invented `Ebs.Snapshot.NotFound`. */
  require(regionId: string, snapshotID: string): DiskSnapshotRecord {
    const snapshot = this.find(regionId, snapshotID);
    if (!snapshot) throw new NotFoundError(SNAPSHOT_NOT_FOUND, `snapshot ${snapshotID} does not exist in region ${regionId}`, { description: "快照不存在" });
    return snapshot;
  }

  list(regionId: string, filter: SnapshotFilter): DiskSnapshotRecord[] {
    return this.snapshots.find(
      regionId,
      (s) =>
        (!filter.diskID || s.diskID === filter.diskID) &&
        (!filter.snapshotID || s.snapshotID === filter.snapshotID) &&
        (!filter.snapshotName || s.snapshotName.includes(filter.snapshotName)) &&
        (!filter.snapshotStatus || s.snapshotStatus === filter.snapshotStatus) &&
        (!filter.snapshotType || s.snapshotType === filter.snapshotType) &&
        (!filter.volumeAttr || s.volumeAttr === filter.volumeAttr) &&
        (!filter.retentionPolicy || s.retentionPolicy === filter.retentionPolicy),
    );
  }

  /** One poll of each snapshot: its creating → available transition and its create or delete job. */
  observe(regionId: string, snapshotIDs: readonly string[]): void {
    for (const id of snapshotIDs) {
      this.ctx.transitions.observe(DISK_SNAPSHOT_KIND, id);
      for (const job of this.ctx.jobs.executing(regionId, (j) => j.resourceId === id)) this.ctx.jobs.poll(regionId, job.jobID);
    }
  }

  /** True once the disk's snapshot billing item was opened (its first snapshot's order finished). */
  billingOpened(regionId: string, diskID: string): boolean {
    return this.billing.has(regionId, diskID);
  }

  /** A snapshot a new disk can be made from: `available` (or already `cloning` for another disk). */
  requireClonable(regionId: string, snapshotID: string): DiskSnapshotRecord {
    const snapshot = this.require(regionId, snapshotID);
    const allowed = [SNAPSHOT_STATUS.available, SNAPSHOT_STATUS.cloning];
    if (!allowed.includes(snapshot.snapshotStatus as (typeof allowed)[number])) throw snapshotInvalidStatus(snapshot, "create a disk from", allowed);
    return snapshot;
  }

  /** A disk is being made from the snapshot (its create order placed): `cloning` until it is. */
  startClone(regionId: string, snapshotID: string): void {
    this.snapshots.update(regionId, snapshotID, (s) => ({ ...s, clones: s.clones + 1, snapshotStatus: SNAPSHOT_STATUS.cloning, updateTime: this.ctx.clock() }));
  }

  /** The disk's order finished (or failed): back to `available` once no other disk is being made from it. */
  finishClone(regionId: string, snapshotID: string): void {
    this.snapshots.update(regionId, snapshotID, (s) => {
      const clones = Math.max(0, s.clones - 1);
      const status = clones === 0 && s.snapshotStatus === SNAPSHOT_STATUS.cloning ? SNAPSHOT_STATUS.available : s.snapshotStatus;
      return { ...s, clones, snapshotStatus: status, updateTime: this.ctx.clock() };
    });
  }

  /** The policy the disk follows (info-ebs `snapshotPolicyID`), or undefined. */
  policyOf(regionId: string, diskID: string): string | undefined {
    return this.bindings.get(regionId, diskID)?.snapshotPolicyID;
  }

  /** Snapshots of the disk (they hold it: api.holds("disk")). */
  holdersOfDisk(regionId: string, diskID: string): Holder[] {
    return this.snapshots.find(regionId, (s) => s.diskID === diskID).map((s) => ({ id: s.snapshotID }));
  }

  /** The disk is refunded: its snapshots go with it (deleteSnapWithEbs), so do its billing item and policy binding. */
  releaseDisk(regionId: string, diskID: string): void {
    for (const snapshot of this.snapshots.find(regionId, (s) => s.diskID === diskID)) this.snapshots.delete(regionId, snapshot.snapshotID);
    this.billing.delete(regionId, diskID);
    this.bindings.delete(regionId, diskID);
  }
}
