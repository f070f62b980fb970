/**
 * Snapshot policies (api-notes/snapshot.md §2): a schedule (weekdays × hours, Beijing time) and a
 * retention, enabled or not, followed by disks (a disk follows at most one: applying another policy
 * re-binds it). All calls are synchronous. The schedule runs lazily: whenever snapshots or policies
 * are read, every scheduled instant since the last read takes a `timer` snapshot of each disk that
 * follows the policy, and snapshots past their retention expire (emulator clock; inferred from the
 * fields' meaning).
 */
import type { EngineContext } from "../../engine/context";
import { DuplicateNameError, InUseError, InvalidParameterError, NotFoundError } from "../../errors";
import { normalizeProjectId } from "../shared/rules";
import { DiskSnapshots } from "./snapshots";
import { DISK_SNAPSHOT_KIND, POLICY_BINDING_KIND, SNAPSHOT_POLICY_KIND, type DiskSnapshotRecord, type PolicyBindingRecord, type SnapshotPolicyRecord } from "./records";
import { canonicalSchedule, checkPolicyRetention, POLICY_NOT_FOUND, POLICY_STATUS, SNAPSHOT_STATUS, validateSnapshotName } from "./rules";
import { scheduledInstants } from "./schedule";

export interface NewPolicy {
  readonly snapshotPolicyName: string;
  readonly repeatWeekdays: string;
  readonly repeatTimes: string;
  readonly retentionTime: number;
  readonly isEnabled: boolean;
  readonly projectID?: string | undefined;
}

export interface PolicyChange {
  readonly snapshotPolicyName?: string | undefined;
  readonly repeatWeekdays?: string | undefined;
  readonly repeatTimes?: string | undefined;
  readonly retentionTime?: number | undefined;
}

export class SnapshotPolicies {
  constructor(private readonly ctx: EngineContext) {}

  private get policies() {
    return this.ctx.store.collection<SnapshotPolicyRecord>(SNAPSHOT_POLICY_KIND);
  }

  private get bindings() {
    return this.ctx.store.collection<PolicyBindingRecord>(POLICY_BINDING_KIND);
  }

  private get snapshots() {
    return this.ctx.store.collection<DiskSnapshotRecord>(DISK_SNAPSHOT_KIND);
  }

  require(regionId: string, snapshotPolicyID: string): SnapshotPolicyRecord {
    const policy = this.policies.get(regionId, snapshotPolicyID);
    if (!policy) throw new NotFoundError(POLICY_NOT_FOUND, `snapshot policy ${snapshotPolicyID} does not exist in region ${regionId}`, { description: "快照策略不存在" });
    return policy;
  }

  list(regionId: string, filter: { snapshotPolicyID?: string | undefined; snapshotPolicyName?: string | undefined }): SnapshotPolicyRecord[] {
    return this.policies.find(regionId, (p) => (!filter.snapshotPolicyID || p.snapshotPolicyID === filter.snapshotPolicyID) && (!filter.snapshotPolicyName || p.snapshotPolicyName === filter.snapshotPolicyName));
  }

  boundDisks(regionId: string, snapshotPolicyID: string): string[] {
    return this.bindings.find(regionId, (b) => b.snapshotPolicyID === snapshotPolicyID).map((b) => b.diskID);
  }

  create(regionId: string, input: NewPolicy): SnapshotPolicyRecord {
    validateSnapshotName("snapshotPolicyName", input.snapshotPolicyName);
    this.assertNameFree(regionId, input.snapshotPolicyName, undefined);
    checkPolicyRetention(input.retentionTime);
    const now = this.ctx.clock();
    const policy: SnapshotPolicyRecord = {
      snapshotPolicyID: this.ctx.ids.uuid(),
      snapshotPolicyName: input.snapshotPolicyName,
      snapshotPolicyStatus: input.isEnabled ? POLICY_STATUS.activated : POLICY_STATUS.deactivated,
      repeatWeekdays: canonicalSchedule("repeatWeekdays", input.repeatWeekdays, 0, 6),
      repeatTimes: canonicalSchedule("repeatTimes", input.repeatTimes, 0, 23),
      retentionTime: input.retentionTime,
      projectID: normalizeProjectId(input.projectID),
      createTime: now,
      scheduledUpTo: now,
    };
    return this.policies.insert(regionId, policy.snapshotPolicyID, policy);
  }

  modify(regionId: string, snapshotPolicyID: string, change: PolicyChange): void {
    const policy = this.require(regionId, snapshotPolicyID);
    if (change.snapshotPolicyName !== undefined) {
      validateSnapshotName("snapshotPolicyName", change.snapshotPolicyName);
      this.assertNameFree(regionId, change.snapshotPolicyName, snapshotPolicyID);
    }
    if (change.retentionTime !== undefined) checkPolicyRetention(change.retentionTime);
    this.runSchedules(regionId);
    this.policies.update(regionId, snapshotPolicyID, {
      snapshotPolicyName: change.snapshotPolicyName ?? policy.snapshotPolicyName,
      repeatWeekdays: change.repeatWeekdays === undefined ? policy.repeatWeekdays : canonicalSchedule("repeatWeekdays", change.repeatWeekdays, 0, 6),
      repeatTimes: change.repeatTimes === undefined ? policy.repeatTimes : canonicalSchedule("repeatTimes", change.repeatTimes, 0, 23),
      retentionTime: change.retentionTime ?? policy.retentionTime,
    });
  }

  /** `activated`, or `nonactivated` (the request word; the query reports `deactivated`). Returns the ids that failed. */
  setStatus(regionId: string, snapshotPolicyIDs: readonly string[], targetStatus: string): string[] {
    const status = targetStatus === "activated" ? POLICY_STATUS.activated : targetStatus === "nonactivated" || targetStatus === "deactivated" ? POLICY_STATUS.deactivated : undefined;
    if (status === undefined) throw new InvalidParameterError(`targetStatus must be activated or nonactivated (got ${targetStatus})`);
    for (const id of snapshotPolicyIDs) this.require(regionId, id);
    this.runSchedules(regionId);
    for (const id of snapshotPolicyIDs) {
      // A schedule resumes from now: what it would have taken while disabled is not taken.
      this.policies.update(regionId, id, (p) => (p.snapshotPolicyStatus === status ? p : { ...p, snapshotPolicyStatus: status, scheduledUpTo: this.ctx.clock() }));
    }
    return [];
  }

  /** Refused while disks follow it (inferred; TF always cancels the association first). */
  delete(regionId: string, snapshotPolicyID: string): void {
    this.require(regionId, snapshotPolicyID);
    const disks = this.boundDisks(regionId, snapshotPolicyID);
    if (disks.length > 0) {
      throw new InUseError(`snapshot policy ${snapshotPolicyID} is still applied to disks: ${disks.join(", ")}; cancel it on them first`, {
        description: "快照策略已关联云硬盘，请先取消关联",
        code: this.ctx.unknownCodes.pick("snapshot-policy-in-use"),
      });
    }
    this.policies.delete(regionId, snapshotPolicyID);
  }

  /** Every disk must exist in the region and be VBD; a disk following another policy moves to this one. */
  apply(regionId: string, snapshotPolicyID: string, diskIDs: readonly string[]): void {
    this.require(regionId, snapshotPolicyID);
    const ebs = this.ctx.backend("ebs");
    for (const diskID of diskIDs) {
      const disk = ebs.find(regionId, diskID).disk;
      if (disk.diskMode !== "VBD") throw new InvalidParameterError(`disk ${diskID} is a ${disk.diskMode} disk: only VBD disks support snapshot policies`);
    }
    this.runSchedules(regionId);
    for (const diskID of new Set(diskIDs)) {
      if (this.bindings.has(regionId, diskID)) this.bindings.update(regionId, diskID, { snapshotPolicyID });
      else this.bindings.insert(regionId, diskID, { diskID, snapshotPolicyID });
    }
  }

  /** Disks that follow no policy are left alone (inferred); unknown disks are refused. */
  cancel(regionId: string, diskIDs: readonly string[]): void {
    const ebs = this.ctx.backend("ebs");
    for (const diskID of diskIDs) ebs.find(regionId, diskID);
    this.runSchedules(regionId);
    for (const diskID of diskIDs) this.bindings.delete(regionId, diskID);
  }

  /** Takes what the schedules owe since they last ran and expires snapshots past their retention. */
  runSchedules(regionId: string): void {
    const now = this.ctx.clock();
    const ebs = this.ctx.backend("ebs");
    const taker = new DiskSnapshots(this.ctx);
    for (const policy of this.policies.find(regionId, (p) => p.snapshotPolicyStatus === POLICY_STATUS.activated && p.scheduledUpTo < now)) {
      const disks = this.boundDisks(regionId, policy.snapshotPolicyID);
      for (const at of scheduledInstants(policy.repeatWeekdays, policy.repeatTimes, policy.scheduledUpTo, now)) {
        for (const diskID of disks) {
          const disk = ebs.findInRegion(regionId, diskID);
          if (disk) taker.takeScheduled(regionId, disk, `auto-${stamp(at)}-${diskID.slice(0, 8)}`, policy.snapshotPolicyID, policy.retentionTime, at);
        }
      }
      this.policies.update(regionId, policy.snapshotPolicyID, { scheduledUpTo: now });
    }
    for (const expired of this.snapshots.find(regionId, (s) => s.expireTime > 0 && s.expireTime <= now && s.snapshotStatus === SNAPSHOT_STATUS.available)) {
      this.snapshots.delete(regionId, expired.snapshotID);
    }
  }

  private assertNameFree(regionId: string, name: string, exceptID: string | undefined): void {
    if (this.policies.findOne(regionId, (p) => p.snapshotPolicyName === name && p.snapshotPolicyID !== exceptID)) {
      throw new DuplicateNameError(`a snapshot policy named ${name} already exists in region ${regionId}`, {
        description: "快照策略名称已存在",
        code: this.ctx.unknownCodes.pick("snapshot-policy-name-taken"),
      });
    }
  }
}

/** `yyyyMMddHHmm` in Beijing time, for scheduled snapshot names. */
function stamp(epochMs: number): string {
  return new Date(epochMs + 8 * 3_600_000).toISOString().slice(0, 16).replace(/[-T:]/g, "");
}
