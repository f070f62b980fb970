/**
 * EBS snapshot vocabulary (api-notes/snapshot.md): statuses, limits, timing kinds and action names,
 * and the checks that need no stored state. Codes for refusals no official source names are either
 * invented singletons (marked) or drawn from documented sets (emulator/unknown-codes.ts).
 */
import { EmulatorError, InvalidParameterError } from "../../errors";
import type { DiskSnapshotRecord } from "./records";

/** Invented: the snapshot's status does not allow the operation. */
export const SNAPSHOT_INVALID_STATUS = "Ebs.Snapshot.InvalidStatus";
/** Invented: an operation names a snapshot that does not exist (lists answer an empty list instead). */
export const SNAPSHOT_NOT_FOUND = "Ebs.Snapshot.NotFound";
/** Invented: an operation names a snapshot policy that does not exist (the query answers an empty list). */
export const POLICY_NOT_FOUND = "Ebs.SnapshotPolicy.NotFound";
/** Invented: the disk's mode or status does not allow a snapshot. */
export const DISK_NOT_SNAPSHOTTABLE = "Ebs.Snapshot.DiskNotSupported";

export const SNAPSHOT_STATUS = {
  creating: "creating",
  available: "available",
  deleting: "deleting",
  cloning: "cloning",
  error: "error",
} as const;

/** Statuses a snapshot may be deleted from (the others answer it in `notAllowedList`; inferred). */
export const DELETABLE_STATUSES: readonly string[] = [SNAPSHOT_STATUS.available, SNAPSHOT_STATUS.error];
/** Disk statuses a snapshot may be taken in: settled ones (TF comment quoting the API doc). */
export const SNAPSHOTTABLE_DISK_STATUSES: readonly string[] = ["available", "in-use"];

/** `forever` snapshots are stored with this retention (create-ebs-snap doc). */
export const FOREVER_DAYS = 65535;
export const SNAPSHOT_NAME = { min: 2, max: 63, pattern: /^[a-zA-Z][a-zA-Z0-9_-]*$/ } as const;
/** list-ebs-snap `maxResults` (py doc). */
export const MAX_RESULTS = 1000;

export const POLICY_STATUS = { activated: "activated", deactivated: "deactivated" } as const;
/** The literal TF requires from modify-policy-status (resource_ctyun_ebs_snapshot_policy.go). */
export const POLICY_JOB_RESULT = "任务执行成功";

export const EBS_SNAPSHOT_TIMING = {
  /** Copying a disk's data into a new snapshot (after its order, or as its job). */
  create: "snapshotCreate",
  /** Deleting snapshots (the delete job). */
  delete: "snapshotDelete",
} as const;

export const EBS_SNAPSHOT_ACTIONS = {
  createOrdered: "ebsSnapshot.create-ordered",
  created: "ebsSnapshot.created",
  createFailed: "ebsSnapshot.create-failed",
  deleted: "ebsSnapshot.deleted",
  deleteFailed: "ebsSnapshot.delete-failed",
  refunded: "ebsSnapshot.refunded",
  refundFailed: "ebsSnapshot.refund-failed",
} as const;

export function validateSnapshotName(field: string, name: string): void {
  const n = [...name].length;
  if (n < SNAPSHOT_NAME.min || n > SNAPSHOT_NAME.max) throw new InvalidParameterError(`${field} must be ${SNAPSHOT_NAME.min}-${SNAPSHOT_NAME.max} characters long (got ${n})`);
  if (!SNAPSHOT_NAME.pattern.test(name)) throw new InvalidParameterError(`${field} must start with a letter and contain only letters, digits, '_' and '-'`);
}

/** `retentionPolicy` and `retentionTime` → the stored days. */
export function retentionDays(policy: string, time: number | undefined): number {
  if (policy === "forever") return FOREVER_DAYS;
  if (policy !== "custom") throw new InvalidParameterError(`retentionPolicy must be custom or forever (got ${policy})`);
  if (time === undefined || !Number.isInteger(time) || time < 1 || time > 65535) {
    throw new InvalidParameterError(`retentionTime must be an integer from 1 to 65535 days when retentionPolicy is custom (got ${time ?? "nothing"})`);
  }
  return time;
}

export function snapshotInvalidStatus(snapshot: DiskSnapshotRecord, operation: string, allowed: readonly string[]): EmulatorError {
  return new EmulatorError(
    SNAPSHOT_INVALID_STATUS,
    `cannot ${operation} snapshot ${snapshot.snapshotID} while it is ${snapshot.snapshotStatus} (allowed: ${allowed.join(", ")})`,
    { description: `快照当前状态(${snapshot.snapshotStatus})不允许该操作` },
  );
}

/** A comma list of integers in [min, max] → its canonical form (sorted, no repeats). */
export function canonicalSchedule(field: string, text: string, min: number, max: number): string {
  if (!/^\d+(,\d+)*$/.test(text)) throw new InvalidParameterError(`${field} must be a comma-separated list of integers from ${min} to ${max} (got ${JSON.stringify(text)})`);
  const values = text.split(",").map(Number);
  if (values.some((v) => v < min || v > max)) throw new InvalidParameterError(`${field} values must be from ${min} to ${max} (got ${text})`);
  return [...new Set(values)].sort((a, b) => a - b).join(",");
}

/** Snapshot policy retention: -1 (forever) or 1–65535 days (create-policy doc; TF's validator also lets 0 through). */
export function checkPolicyRetention(value: number): void {
  if (!Number.isInteger(value) || (value !== -1 && (value < 1 || value > 65535))) throw new InvalidParameterError(`retentionTime must be -1 (forever) or 1-65535 days (got ${value})`);
}
