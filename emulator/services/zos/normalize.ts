/** A stored bucket with every optional field filled in (records written by older versions or patched by tests). */
import { createHash } from "node:crypto";
import { ACCOUNT, type BucketObjectVersion, type BucketRecord } from "./records";

export type Bucket = Required<BucketRecord>;

function md5(text: string): string {
  return createHash("md5").update(text).digest("hex");
}

/**
 * The record with every optional field filled in: objects patched in by tests get their defaults,
 * and a patched `objectCount` above the stored versions adds synthetic `object-000001`… objects.
 */
export function normalize(record: BucketRecord): Required<BucketRecord> {
  const objects: BucketObjectVersion[] = (record.objects ?? []).map((o) => {
    const versionID = o.versionID ?? "null";
    return {
      ...o,
      key: o.key,
      versionID,
      isDeleteMarker: o.isDeleteMarker ?? false,
      size: o.isDeleteMarker ? 0 : (o.size ?? 0),
      ETag: o.ETag ?? `"${md5(`${o.key}\u0000${versionID}`)}"`,
      lastModified: o.lastModified ?? record.mtime,
      storageClass: o.storageClass ?? record.storageType,
    };
  });
  const keys = new Set(objects.map((o) => o.key));
  let versions = objects.filter((o) => !o.isDeleteMarker).length;
  for (let n = 1; versions < record.objectCount; n++) {
    const key = `object-${String(n).padStart(6, "0")}`;
    if (keys.has(key)) continue;
    objects.push({ key, versionID: "null", isDeleteMarker: false, size: 1024, ETag: `"${md5(key)}"`, lastModified: record.mtime, storageClass: record.storageType });
    versions++;
  }
  return {
    ...record,
    owner: record.owner ?? ACCOUNT.ID,
    aclGrants: record.aclGrants ?? null,
    logging: record.logging ?? null,
    objectLockEnabled: record.objectLockEnabled ?? false,
    objects,
    objectCount: versions,
    metadataState: record.metadataState ?? "ready",
  };
}

