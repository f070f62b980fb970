/**
 * A bucket's objects with S3 semantics (spec D.10): listing current objects and every version, and
 * DeleteObjects (delete markers in versioned buckets). Pure functions over a bucket's object list;
 * the backend stores the result.
 */
import type { IdGenerator } from "../../store/ids";
import { MAX_KEYS, type BucketObjectVersion } from "./records";

/** The latest entry per key, in key order. */
function latestByKey(objects: readonly BucketObjectVersion[]): Map<string, BucketObjectVersion> {
  const latest = new Map<string, BucketObjectVersion>();
  for (const o of objects) latest.set(o.key, o);
  return new Map([...latest.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export interface ObjectListing {
  readonly contents: BucketObjectVersion[];
  readonly commonPrefixes: string[];
  readonly isTruncated: boolean;
  readonly nextMarker: string;
}

/** Current objects (latest version, not a delete marker) after `marker`, grouped by `delimiter`. */
export function listObjects(objects: readonly BucketObjectVersion[], query: { prefix: string; marker: string; delimiter: string; maxKeys: number }): ObjectListing {
  const contents: BucketObjectVersion[] = [];
  const prefixes: string[] = [];
  let last = "";
  let isTruncated = false;
  for (const [key, latest] of latestByKey(objects)) {
    if (latest.isDeleteMarker || !key.startsWith(query.prefix) || key <= query.marker) continue;
    const cut = query.delimiter ? key.indexOf(query.delimiter, query.prefix.length) : -1;
    const common = cut >= 0 ? key.slice(0, cut + query.delimiter.length) : undefined;
    // A common prefix the previous page ended on (the marker) is not listed again.
    if (common !== undefined && (prefixes.includes(common) || common <= query.marker)) continue;
    if (contents.length + prefixes.length >= query.maxKeys) {
      isTruncated = true;
      break;
    }
    if (common !== undefined) prefixes.push(common);
    else contents.push(latest);
    last = common ?? key;
  }
  return { contents, commonPrefixes: prefixes, isTruncated, nextMarker: isTruncated ? last : "" };
}

export interface VersionListing {
  readonly keys: Array<{ key: string; versions: Array<BucketObjectVersion & { isLatest: boolean }> }>;
  readonly deleteMarkers: Array<BucketObjectVersion & { isLatest: boolean }>;
  readonly nextKeyMarker: string | null;
}

/**
 * Every version and delete marker of up to 1000 keys after `keyMarker` that start with `prefix`
 * (a key equal to the prefix is not listed, as the doc says). Newest version first per key.
 */
export function listObjectVersions(objects: readonly BucketObjectVersion[], query: { prefix: string; keyMarker: string }): VersionListing {
  const byKey = new Map<string, BucketObjectVersion[]>();
  for (const o of objects) {
    if (!o.key.startsWith(query.prefix) || o.key === query.prefix || o.key <= query.keyMarker) continue;
    byKey.set(o.key, [...(byKey.get(o.key) ?? []), o]);
  }
  const sortedKeys = [...byKey.keys()].sort();
  const page = sortedKeys.slice(0, MAX_KEYS);
  const keys: VersionListing["keys"] = [];
  const deleteMarkers: VersionListing["deleteMarkers"] = [];
  for (const key of page) {
    const history = byKey.get(key)!;
    const newestFirst = history.map((o, i) => ({ ...o, isLatest: i === history.length - 1 })).reverse();
    const versions = newestFirst.filter((o) => !o.isDeleteMarker);
    if (versions.length > 0) keys.push({ key, versions });
    deleteMarkers.push(...newestFirst.filter((o) => o.isDeleteMarker));
  }
  return { keys, deleteMarkers, nextKeyMarker: sortedKeys.length > page.length ? page[page.length - 1]! : null };
}

export interface DeletedObject {
  readonly key: string;
  readonly versionID: string;
  readonly deleteMarker: boolean;
  readonly deleteMarkerVersionID: string;
}

export interface DeletionContext {
  readonly versioning: "Enabled" | "Suspended" | "";
  readonly storageClass: string;
  readonly now: number;
  readonly ids: IdGenerator;
}

/**
 * S3 DeleteObjects semantics: with a versionID that exact version (or delete marker) goes; without
 * one, a never-versioned bucket loses the object, an Enabled bucket gets a delete marker and a
 * Suspended bucket replaces the `null` version by a `null` delete marker. Missing keys still count
 * as deleted. Returns the bucket's new object list and what was deleted.
 */
export function deleteObjects(
  current: readonly BucketObjectVersion[],
  targets: ReadonlyArray<{ key: string; versionID?: string | undefined }>,
  context: DeletionContext,
): { objects: BucketObjectVersion[]; deleted: DeletedObject[] } {
  let objects = [...current];
  const deleted: DeletedObject[] = [];
  for (const { key, versionID } of targets) {
    if (versionID) {
      const target = objects.find((o) => o.key === key && o.versionID === versionID);
      objects = objects.filter((o) => o !== target);
      deleted.push({ key, versionID, deleteMarker: target?.isDeleteMarker ?? false, deleteMarkerVersionID: target?.isDeleteMarker ? versionID : "" });
      continue;
    }
    if (context.versioning === "") {
      objects = objects.filter((o) => o.key !== key);
      deleted.push({ key, versionID: "", deleteMarker: false, deleteMarkerVersionID: "" });
      continue;
    }
    const markerVersion = context.versioning === "Enabled" ? context.ids.chars("0123456789abcdefghijklmnopqrstuvwxyz", 32) : "null";
    if (markerVersion === "null") objects = objects.filter((o) => !(o.key === key && o.versionID === "null"));
    objects.push({ key, versionID: markerVersion, isDeleteMarker: true, size: 0, ETag: "", lastModified: context.now, storageClass: context.storageClass });
    deleted.push({ key, versionID: "", deleteMarker: true, deleteMarkerVersionID: markerVersion });
  }
  return { objects, deleted };
}
