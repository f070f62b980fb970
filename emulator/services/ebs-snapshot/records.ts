/**
 * The EBS snapshot service's records (api-notes/snapshot.md): disk snapshots, the per-disk snapshot
 * billing item the first snapshot opens, snapshot policies and which disk follows which policy.
 * Only this service writes them; others may import the types.
 */

export const DISK_SNAPSHOT_KIND = "diskSnapshot";
/** One per disk whose snapshot billing item was opened by an order (the first snapshot); id = diskID. */
export const SNAPSHOT_BILLING_KIND = "diskSnapshotBilling";
export const SNAPSHOT_POLICY_KIND = "snapshotPolicy";
/** One per disk that follows a policy (a disk follows at most one); id = diskID. */
export const POLICY_BINDING_KIND = "snapshotPolicyBinding";

/**
 * What list-ebs-snap shows of a snapshot, plus what the emulator needs (`clones`, `policyID`).
 * Times are epoch milliseconds here; the list answers them as text.
 */
export interface DiskSnapshotRecord {
  snapshotID: string;
  snapshotName: string;
  /** `creating`, `available`, `deleting`, `cloning`, `error` (py v4_ebs_snapshot_list_ebs_snap.py). */
  snapshotStatus: string;
  diskID: string;
  azName: string;
  /** `custom` or `forever` (then `retentionTime` 65535). */
  retentionPolicy: string;
  /** Days. */
  retentionTime: number;
  /** `manu` (create-ebs-snap) or `timer` (a policy's schedule). */
  snapshotType: string;
  /** `data` or `system`. */
  volumeAttr: string;
  volumeName: string;
  /** The source disk's type, e.g. `SSD`. */
  volumeType: string;
  /** GB of the source disk when the snapshot was taken. */
  volumeSize: number;
  /** The snapshot the source disk was made from ("" when none). */
  volumeSource: string;
  isEncrypt: boolean;
  createTime: number;
  updateTime: number;
  /** 0 for `forever`. */
  expireTime: number;
  /** Disks being made from this snapshot (status `cloning` while any). */
  clones: number;
  /** The policy whose schedule took it (timer snapshots), else "". */
  policyID: string;
}

export interface SnapshotBillingRecord {
  diskID: string;
  /** The order that opened it. */
  masterOrderID: string;
  openedAt: number;
}

/** What query-policy-ebs-snap shows (`boundDiskNum` is counted from the bindings). */
export interface SnapshotPolicyRecord {
  snapshotPolicyID: string;
  snapshotPolicyName: string;
  /** `activated` or `deactivated`. */
  snapshotPolicyStatus: string;
  /** Comma list of 0–6 (0 = Sunday), sorted, no repeats. */
  repeatWeekdays: string;
  /** Comma list of 0–23, sorted, no repeats. */
  repeatTimes: string;
  /** Days; -1 = forever. */
  retentionTime: number;
  projectID: string;
  createTime: number;
  /** Scheduled runs up to this instant (epoch ms) have been taken. */
  scheduledUpTo: number;
}

export interface PolicyBindingRecord {
  diskID: string;
  snapshotPolicyID: string;
}
