/** What info-ebs, info-by-name-ebs and list-ebs answer for a disk. */
import type { EngineContext } from "../../engine/context";
import { EbsBackend } from "./backend";
import type { DiskRecord } from "./records";

/**
 * The disk as info-ebs, info-by-name-ebs and list-ebs show it: every field py
 * ctyunsdk_ebs20220909/models/v4_ebs_info_ebs.py and v4_ebs_list_ebs.py declare. The API doc gives the
 * attachment fields only when attached, `kmsUUID` only when encrypted, `cycleType`/`cycleCount`/
 * `expireTime` only for subscriptions, `azName` only in multi-AZ regions: otherwise they are null
 * (present, so every declared field is answered; both SDKs decode null as unset). Features the emulator
 * has no notion of (IOPS provisioning, dedicated pools) are null too; `volumeSource*` name the snapshot a disk
 * was made from, `snapshotPolicyID` the policy it follows (the ebsSnapshot service).
 */
export function diskView(ctx: EngineContext, regionId: string, disk: DiskRecord): Record<string, unknown> {
  const region = ctx.backend("catalog").requireRegion(regionId);
  const attached = disk.attachments.length > 0;
  const vm = attached ? new EbsBackend(ctx).instanceOf(regionId, disk) : undefined;
  return {
    diskName: disk.diskName,
    diskID: disk.diskID,
    diskSize: disk.diskSize,
    diskType: disk.diskType,
    diskMode: disk.diskMode,
    diskStatus: disk.diskStatus,
    createTime: disk.createTime,
    updateTime: disk.updateTime,
    expireTime: disk.onDemand ? null : disk.expireTime,
    isSystemVolume: disk.isSystemVolume,
    isPackaged: disk.isPackaged ?? disk.isSystemVolume,
    instanceID: attached ? disk.attachments[0]!.instanceID : null,
    instanceName: attached ? (vm?.displayName ?? "") : null,
    instanceStatus: attached ? (vm?.instanceStatus ?? "") : null,
    attachments: attached ? disk.attachments.map((a) => ({ instanceID: a.instanceID, attachmentID: a.attachmentID, device: a.device })) : null,
    multiAttach: disk.multiAttach,
    projectID: disk.projectID,
    isEncrypt: disk.isEncrypt,
    kmsUUID: disk.isEncrypt ? disk.kmsUUID : null,
    onDemand: disk.onDemand,
    cycleType: disk.onDemand ? null : disk.cycleType,
    cycleCount: disk.onDemand ? null : disk.cycleCount,
    regionID: regionId,
    azName: region.isMultiZones ? disk.azName : null,
    diskFreeze: false,
    provisionedIops: null,
    volumeSource: disk.volumeSource ?? null,
    volumeSourceType: disk.volumeSource ? "snapshot" : null,
    volumeSourceID: disk.volumeSource ?? null,
    snapshotPolicyID: ctx.backend("ebsSnapshot").policyOf(regionId, disk.diskID) ?? null,
    // A string in py v4_ebs_info_ebs.py (not a boolean); disks are refunded with their snapshots (refund-ebs).
    deleteSnapWithEbs: "true",
    deleteDiskWithInstance: disk.isSystemVolume,
    volumeTaskStatus: null,
    originVmID: disk.isSystemVolume ? (disk.attachments[0]?.instanceID ?? null) : null,
    decPoolID: null,
    decPoolName: null,
    iops: null,
    throughput: null,
    labels: (disk.labels ?? []).map((label) => ({ key: label.key, value: label.value, labelId: label.labelId })),
  };
}
