/**
 * What list-ebs-snap and query-policy-ebs-snap answer: every field py ctyunsdk_ebs20220909's
 * response models declare, with their JSON types. Times are text in both official clients (format
 * undocumented): RFC 3339 UTC here (inferred). `volumeStatus` is the source disk's status now.
 */
import type { EngineContext } from "../../engine/context";
import type { DiskSnapshotRecord, SnapshotPolicyRecord } from "./records";

export function timeText(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function snapshotView(ctx: EngineContext, regionId: string, s: DiskSnapshotRecord): Record<string, unknown> {
  const disk = ctx.backend("ebs").findInRegion(regionId, s.diskID);
  return {
    snapshotID: s.snapshotID,
    snapshotName: s.snapshotName,
    snapshotStatus: s.snapshotStatus,
    diskID: s.diskID,
    availabilityZone: s.azName,
    azName: s.azName,
    regionID: regionId,
    createTime: timeText(s.createTime),
    updateTime: timeText(s.updateTime),
    deleteTime: null,
    expireTime: s.expireTime > 0 ? timeText(s.expireTime) : null,
    description: "",
    freezing: false,
    // The SDKs spell it so.
    isEncryted: s.isEncrypt,
    isMaz: false,
    // Snapshots are billed on demand only (create-ebs-snap doc).
    isTalkOrder: true,
    retentionPolicy: s.retentionPolicy,
    retentionTime: s.retentionTime,
    snapshotType: s.snapshotType,
    volumeAttr: s.volumeAttr,
    volumeName: s.volumeName,
    volumeSize: s.volumeSize,
    volumeSource: s.volumeSource === "" ? null : s.volumeSource,
    volumeStatus: disk?.diskStatus ?? null,
    volumeType: s.volumeType,
  };
}

/** Bytes a snapshot uses: inferred as its source disk's size (the emulator has no data). */
export function snapshotBytes(s: DiskSnapshotRecord): number {
  return s.volumeSize * 1024 ** 3;
}

export function policyView(policy: SnapshotPolicyRecord, boundDiskNum: number): Record<string, unknown> {
  return {
    snapshotPolicyID: policy.snapshotPolicyID,
    snapshotPolicyName: policy.snapshotPolicyName,
    snapshotPolicyStatus: policy.snapshotPolicyStatus,
    repeatWeekdays: policy.repeatWeekdays,
    repeatTimes: policy.repeatTimes,
    retentionTime: policy.retentionTime,
    projectID: policy.projectID,
    boundDiskNum,
    snapshotPolicyCreateTime: timeText(policy.createTime),
  };
}
