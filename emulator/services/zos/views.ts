/** What the ZOS answers show of a bucket and its objects, with the types of the generated Go structs (`ctzos/zos_*_api.go`). */
import type { RegionRecord } from "../catalog/records";
import type { Bucket } from "./backend";
import { ACCOUNT, type BucketObjectVersion } from "./records";

/** `2024-06-01 00:00:00.000000Z`: the layout TF parses `ctime` with (`utils.Layout4`). */
export function rgwTime(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace(/\.(\d{3})Z$/, ".$1000Z");
}

export const iso = (ms: number): string => new Date(ms).toISOString();
export const owner = { displayName: ACCOUNT.displayName, ID: ACCOUNT.ID };

function usageOf(objects: readonly BucketObjectVersion[], storageClass?: string): Record<string, number> {
  const stored = objects.filter((o) => !o.isDeleteMarker && (storageClass === undefined || o.storageClass === storageClass));
  const size = stored.reduce((sum, o) => sum + o.size, 0);
  const kb = Math.ceil(size / 1024);
  return { size, sizeActual: size, sizeKb: kb, sizeKbActual: kb, sizeKbUtilized: kb, numObjects: stored.length, numMultiparts: 0 };
}

/** Per storage class the Go struct spells `sizeUtillized` (sic). */
function classUsage(objects: readonly BucketObjectVersion[], storageClass: string): Record<string, number> {
  const usage = usageOf(objects, storageClass);
  return { ...usage, sizeUtillized: usage["size"]! };
}

export function infoView(region: RegionRecord, bucket: Bucket): Record<string, unknown> {
  const usage = usageOf(bucket.objects);
  return {
    bucket: bucket.bucket,
    projectID: bucket.projectID,
    projectId: bucket.projectID,
    cmkUUID: bucket.cmkUUID,
    storageType: bucket.storageType,
    AZPolicy: bucket.AZPolicy,
    bucketQuota: { enabled: false, maxSize: -1, maxObjects: -1, checkOnRaw: false, maxSizeKb: 0 },
    tenant: ACCOUNT.ID,
    ctime: rgwTime(bucket.ctime),
    mtime: rgwTime(bucket.mtime),
    bucketPreviewFlag: 0,
    placementRule: `${bucket.AZPolicy === "multi-az" ? "multi-az" : "default"}-placement`,
    owner: ACCOUNT.ID,
    usage: {
      ...usage,
      sizeUtilized: usage["size"],
      earlydelGlacierSize: 0,
      earlydelIaSize: 0,
      storageTypeStandard: classUsage(bucket.objects, "STANDARD"),
      storageTypeIa: classUsage(bucket.objects, "STANDARD_IA"),
      storageTypeGlacier: classUsage(bucket.objects, "GLACIER"),
    },
    numShards: 11,
    tagMap: Object.fromEntries(bucket.tagSet.map(({ key, value }) => [key, value])),
    indexType: "Normal",
    explicitPlacement: { dataExtraPool: "", dataPool: "", indexPool: "" },
    zonegroup: region.regionID,
  };
}

export function objectView(o: BucketObjectVersion): Record<string, unknown> {
  return { key: o.key, ETag: o.ETag, lastModified: iso(o.lastModified), size: o.size, storageClass: o.storageClass, owner, type: "Normal" };
}

