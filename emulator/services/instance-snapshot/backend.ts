/**
 * Instance snapshots (ECS snapshots, api-notes/snapshot.md §3): a snapshot of every disk of a
 * running or stopped VM, taken by a job (timing `instanceSnapshot`) during which the snapshot is
 * `pending` and the VM `snapshotting` (inferred from ECS's status list); then `available`, and the
 * VM back to its status. Names are unique per region (inferred from TF's pre-check). Delete is
 * immediate (TF does not wait), refused while pending or while images are being made from it.
 * Backend `instanceSnapshot`.
 */
import type { EngineContext } from "../../engine/context";
import type { JobRecord } from "../../engine/jobs";
import { DuplicateNameError, EmulatorError, InUseError, InvalidParameterError, NotFoundError } from "../../errors";
import { INSTANCE_SNAPSHOT_KIND, type InstanceSnapshotRecord } from "./records";

declare module "../../engine/backends" {
  interface Backends {
    instanceSnapshot: InstanceSnapshotBackend;
  }
}

/** Invented: an operation names a snapshot that does not exist (details answer an empty list instead). */
export const SNAPSHOT_NOT_FOUND = "Ecs.Snapshot.NotFound";
/** Invented: the snapshot's status does not allow the operation. */
export const SNAPSHOT_INVALID_STATUS = "Ecs.Snapshot.InvalidStatus";
export const SNAPSHOT_TIMING = "instanceSnapshot";
export const SNAPSHOT_ACTIONS = { taken: "instanceSnapshot.taken", failed: "instanceSnapshot.failed" } as const;
/** TF checks these client-side before creating (resource_ctyun_ecs_snapshot.go). */
const SNAPSHOTTABLE: readonly string[] = ["running", "stopped"];

export interface SnapshotFilter {
  readonly instanceID?: string | undefined;
  readonly snapshotID?: string | undefined;
  readonly snapshotName?: string | undefined;
  readonly snapshotStatus?: string | undefined;
  readonly queryContent?: string | undefined;
  readonly projectID?: string | undefined;
}

export class InstanceSnapshotBackend {
  constructor(private readonly ctx: EngineContext) {}

  private get snapshots() {
    return this.ctx.store.collection<InstanceSnapshotRecord>(INSTANCE_SNAPSHOT_KIND);
  }

  find(regionId: string, snapshotID: string): InstanceSnapshotRecord | undefined {
    return this.snapshots.get(regionId, snapshotID);
  }

  require(regionId: string, snapshotID: string): InstanceSnapshotRecord {
    const snapshot = this.find(regionId, snapshotID);
    if (!snapshot) throw new NotFoundError(SNAPSHOT_NOT_FOUND, `instance snapshot ${snapshotID} does not exist in region ${regionId}`, { description: "云主机快照不存在" });
    return snapshot;
  }

  list(regionId: string, filter: SnapshotFilter): InstanceSnapshotRecord[] {
    const needle = filter.queryContent;
    return this.snapshots.find(
      regionId,
      (s) =>
        (!filter.instanceID || s.instanceID === filter.instanceID) &&
        (!filter.snapshotID || s.snapshotID === filter.snapshotID) &&
        (!filter.snapshotName || s.snapshotName === filter.snapshotName) &&
        (!filter.snapshotStatus || s.snapshotStatus === filter.snapshotStatus) &&
        (!filter.projectID || s.projectID === filter.projectID) &&
        (!needle || s.snapshotID.includes(needle) || s.instanceID.includes(needle) || s.snapshotName.includes(needle)),
    );
  }

  /** One poll of the snapshot's job (details, status and list count as one; so does instance-details of its VM). */
  observe(regionId: string, snapshotIDs: readonly string[]): void {
    for (const job of this.ctx.jobs.executing(regionId, (j) => snapshotIDs.includes(j.payload["snapshotID"] as string))) this.ctx.jobs.poll(regionId, job.jobID);
  }

  create(regionId: string, instanceID: string, name: string): { snapshot: InstanceSnapshotRecord; jobID: string } {
    checkName(name);
    // Parameters (the name) are checked before the VM's state (inferred order).
    if (this.snapshots.findOne(regionId, (s) => s.snapshotName === name)) {
      throw new DuplicateNameError(`an instance snapshot named ${name} already exists in region ${regionId}`, { description: "快照名称已存在", code: this.ctx.unknownCodes.pick("instance-snapshot-name-taken") });
    }
    const ecs = this.ctx.backend("ecs");
    const vm = ecs.require(regionId, instanceID);
    ecs.requireSettled(vm, SNAPSHOTTABLE);
    const now = new Date(this.ctx.clock()).toISOString();
    const snapshotID = this.ctx.ids.uuid();
    const members = this.ctx.backend("ebs").disksAttachedTo(regionId, instanceID).map((disk) => ({
      diskType: disk.diskType,
      diskID: disk.diskID,
      diskName: disk.diskName,
      isBootable: disk.isSystemVolume,
      isEncrypt: disk.isEncrypt,
      diskSize: disk.diskSize,
      diskSnapshotID: this.ctx.ids.uuid(),
    }));
    const snapshot: InstanceSnapshotRecord = {
      snapshotID,
      snapshotName: name,
      snapshotDescription: "",
      snapshotStatus: "pending",
      instanceID,
      instanceName: vm.displayName,
      azName: vm.azName,
      projectID: vm.projectID,
      imageID: vm.imageID,
      flavorID: vm.flavorID,
      osType: vm.osType,
      members,
      createdTime: now,
      updatedTime: now,
      instanceStatusBefore: vm.instanceStatus,
    };
    this.snapshots.insert(regionId, snapshotID, snapshot);
    ecs.touch(regionId, instanceID, { instanceStatus: "snapshotting" });
    // The job works on the VM (its resourceId), as its power jobs do.
    const jobID = this.ctx.jobs.start({ regionId, resourceId: instanceID, action: SNAPSHOT_ACTIONS.taken, failAction: SNAPSHOT_ACTIONS.failed, taskName: "CreateSnapshot", timing: SNAPSHOT_TIMING, payload: { snapshotID } });
    return { snapshot, jobID };
  }

  /** The job ended: the snapshot is `available` (or `error`), the VM back to its status (unless something moved it). */
  finish(job: JobRecord, status: "available" | "error"): void {
    const snapshot = this.snapshots.update(job.regionId, job.payload["snapshotID"] as string, (s) => ({ ...s, snapshotStatus: status, updatedTime: new Date(this.ctx.clock()).toISOString() }));
    if (!snapshot) return;
    const vm = this.ctx.backend("ecs").find(job.regionId, snapshot.instanceID);
    if (vm?.instanceStatus === "snapshotting") this.ctx.backend("ecs").touch(job.regionId, vm.instanceID, { instanceStatus: snapshot.instanceStatusBefore });
  }

  update(regionId: string, snapshotID: string, name: string | undefined, description: string | undefined): void {
    this.require(regionId, snapshotID);
    if (name !== undefined) {
      checkName(name);
      if (this.snapshots.findOne(regionId, (s) => s.snapshotName === name && s.snapshotID !== snapshotID)) {
        throw new DuplicateNameError(`an instance snapshot named ${name} already exists in region ${regionId}`, { description: "快照名称已存在", code: this.ctx.unknownCodes.pick("instance-snapshot-name-taken") });
      }
    }
    if (description !== undefined && [...description].length > 256) throw new InvalidParameterError("snapshotDescription must be at most 256 characters long");
    this.snapshots.update(regionId, snapshotID, (s) => ({
      ...s,
      snapshotName: name ?? s.snapshotName,
      snapshotDescription: description ?? s.snapshotDescription,
      updatedTime: new Date(this.ctx.clock()).toISOString(),
    }));
  }

  delete(regionId: string, snapshotID: string): void {
    const snapshot = this.require(regionId, snapshotID);
    if (snapshot.snapshotStatus === "pending") {
      throw new EmulatorError(SNAPSHOT_INVALID_STATUS, `instance snapshot ${snapshotID} is still being taken`, { description: "快照创建中，无法删除" });
    }
    const [holders] = this.ctx.dependantsOf(INSTANCE_SNAPSHOT_KIND, regionId, snapshotID);
    if (holders) {
      throw new InUseError(`instance snapshot ${snapshotID} is held by ${holders.phrase.en}: ${holders.holders.map((h) => h.id).join(", ")}`, {
        description: `快照正被${holders.phrase.zh}使用，无法删除`,
        code: this.ctx.unknownCodes.pick("instance-snapshot-in-use"),
      });
    }
    this.snapshots.delete(regionId, snapshotID);
  }
}

/** 2–63 characters without leading or trailing blanks (TF and Go SDK docs). */
function checkName(name: string): void {
  const n = [...name].length;
  if (n < 2 || n > 63) throw new InvalidParameterError(`snapshotName must be 2-63 characters long (got ${n})`);
  if (name !== name.trim()) throw new InvalidParameterError("snapshotName must not start or end with blanks");
}
