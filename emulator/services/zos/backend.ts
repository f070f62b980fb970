/**
 * ZOS bucket rules (spec D.10): activation per region, globally unique names, the bucket's
 * settings (ACL, versioning, tags, logging), its objects (no upload API; see records.ts) and the
 * refusal to delete a bucket that still holds any object version or delete marker.
 */
import { createHash } from "node:crypto";
import { EmulatorError, InvalidParameterError, NotFoundError, QuotaExceededError } from "../../errors";
import type { EngineContext } from "../../engine/context";
import { normalizeProjectId } from "../shared/rules";
import type { RegionRecord } from "../shared/region";
import { REGION_KIND } from "../shared/region";
import { KIND, type BucketAclGrant, type BucketLogging, type BucketObjectVersion, type BucketRecord } from "../shared/records";
import { ACCOUNT, MAX_KEYS, ZOS_ERRORS, ZOS_SERVICE_KIND, type ServiceState, type ZosServiceRecord } from "./records";
import { cannedAclOf, cannedGrants, requireBucketName, requireTagSet, type Tag } from "./rules";

/** Decision (COVERAGE.md): S3's default of 100 buckets per account, across all regions. */
export const BUCKET_QUOTA = 100;
/** Timing kind: how long a new bucket stays invisible to get-bucket-info. */
export const METADATA_TIMING = "bucketMetadata";

type Ctx = Pick<EngineContext, "store" | "ids" | "transitions" | "unknownCodes"> & { readonly now: number };

const buckets = (ctx: Pick<EngineContext, "store">) => ctx.store.collection<BucketRecord>(KIND.bucket);
const services = (ctx: Pick<EngineContext, "store">) => ctx.store.collection<ZosServiceRecord>(ZOS_SERVICE_KIND);

/** Seeder: object storage is activated in every region unless a test switches it off. */
export function seedServiceStatus(ctx: EngineContext): void {
  for (const { id } of ctx.store.collection<RegionRecord>(REGION_KIND).all()) {
    if (!services(ctx).has(id, id)) services(ctx).insert(id, id, { regionID: id, state: "true" });
  }
}

export function serviceState(ctx: Pick<EngineContext, "store">, regionID: string): ServiceState {
  return services(ctx).get(regionID, regionID)?.state ?? "true";
}

export function noSuchBucket(name: string, options: { commitState?: boolean } = {}): NotFoundError {
  // TF matches "not found bucket" in message or description (spec C.4); newer TF also the code.
  return new NotFoundError(ZOS_ERRORS.noSuchBucket, `not found bucket ${name}`, { description: `not found bucket: 桶 ${name} 不存在`, ...options });
}

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

export type Bucket = Required<BucketRecord>;

/** Writes a change; `objectCount` is recounted from the objects (only a test's PATCH sets it by hand). */
function save(ctx: Ctx, regionID: string, bucket: Bucket, change: Partial<Bucket>): Bucket {
  const next = normalize({ ...bucket, ...change, objectCount: 0, mtime: ctx.now });
  buckets(ctx).update(regionID, bucket.bucket, () => next);
  return next;
}

/**
 * The bucket of this account in this region. A bucket of another account answers AccessDenied; one
 * in another region (or none) answers `oss.resource.noSuchBucket`.
 */
export function requireBucket(ctx: Pick<EngineContext, "store">, regionID: string, name: string): Bucket {
  const found = buckets(ctx).get(regionID, name);
  if (!found) throw noSuchBucket(name);
  const bucket = normalize(found);
  if (bucket.owner !== ACCOUNT.ID) {
    throw new EmulatorError(ZOS_ERRORS.accessDenied, `AccessDenied: bucket ${name} belongs to another account`, { description: `无权访问桶 ${name}` });
  }
  return bucket;
}

/** get-bucket-info's view: a bucket whose metadata is still propagating is not found yet. */
export function bucketForInfo(ctx: Ctx, regionID: string, name: string): Bucket {
  ctx.transitions.observe(KIND.bucket, name);
  const bucket = requireBucket(ctx, regionID, name);
  // Keep the counted observation although the answer is a 900 (else the bucket would never appear).
  if (bucket.metadataState === "propagating") throw noSuchBucket(name, { commitState: true });
  return bucket;
}

export interface CreateBucketInput {
  readonly bucket: string;
  readonly ACL: string;
  readonly storageType: string;
  readonly AZPolicy: string;
  readonly isEncrypted: boolean;
  readonly cmkUUID?: string | undefined;
  readonly projectID?: string | undefined;
  readonly labels: readonly Tag[];
  readonly objectLock: boolean;
}

export function createBucket(ctx: Ctx, region: RegionRecord, input: CreateBucketInput): Bucket {
  const name = requireBucketName(input.bucket);
  if (input.AZPolicy === "multi-az" && !region.isMultiZones) {
    throw new InvalidParameterError(`AZPolicy multi-az needs a region with several availability zones; ${region.regionID} has one`);
  }
  if (input.cmkUUID !== undefined && !input.isEncrypted) throw new InvalidParameterError("cmkUUID may only be given with isEncrypted true");
  const projectID = normalizeProjectId(input.projectID);
  const tagSet = input.labels.length > 0 ? requireTagSet("labels", input.labels) : [];
  const state = serviceState(ctx, region.regionID);
  if (state !== "true") {
    throw new EmulatorError(ZOS_ERRORS.serviceNotActivated, `object storage is not activated in region ${region.regionID} (state ${state})`, {
      description: "您尚未在该资源池开通对象存储服务",
    });
  }
  const existing = buckets(ctx).locate(name);
  if (existing) {
    if ((existing.data.owner ?? ACCOUNT.ID) === ACCOUNT.ID) {
      throw new EmulatorError(ctx.unknownCodes.pick("bucket-owned-by-you"), `BucketAlreadyOwnedByYou: you already own bucket ${name} (region ${existing.region})`, {
        description: `桶 ${name} 已存在且属于您`,
      });
    }
    throw new EmulatorError(ctx.unknownCodes.pick("bucket-name-taken"), `BucketAlreadyExists: bucket name ${name} is taken; bucket names are unique across all regions and accounts`, {
      description: `桶名 ${name} 已被占用`,
    });
  }
  const owned = buckets(ctx).all().filter((entry) => (entry.data.owner ?? ACCOUNT.ID) === ACCOUNT.ID).length;
  if (owned >= BUCKET_QUOTA) throw new QuotaExceededError(`TooManyBuckets: an account may own at most ${BUCKET_QUOTA} buckets`);
  const record: Bucket = {
    bucket: name,
    ACL: input.ACL,
    storageType: input.storageType,
    AZPolicy: input.AZPolicy,
    isEncrypted: input.isEncrypted,
    cmkUUID: input.isEncrypted ? (input.cmkUUID ?? ctx.ids.uuid()) : null,
    versioning: input.objectLock ? "Enabled" : "",
    tagSet,
    projectID,
    objectCount: 0,
    ctime: ctx.now,
    mtime: ctx.now,
    owner: ACCOUNT.ID,
    aclGrants: null,
    logging: null,
    objectLockEnabled: input.objectLock,
    objects: [],
    metadataState: "propagating",
  };
  buckets(ctx).insert(region.regionID, name, record);
  ctx.transitions.schedule(KIND.bucket, { regionId: region.regionID, id: name }, {
    via: "propagating",
    to: "ready",
    failTo: "ready",
    field: "metadataState",
    timing: METADATA_TIMING,
  });
  return record;
}

export function putVersioning(ctx: Ctx, regionID: string, name: string, status: "Enabled" | "Suspended"): void {
  const bucket = requireBucket(ctx, regionID, name);
  if (status === "Suspended" && bucket.objectLockEnabled) {
    throw new EmulatorError(ZOS_ERRORS.invalidBucketState, `InvalidBucketState: versioning cannot be suspended on bucket ${name}: object lock is enabled`, {
      description: "开启对象锁定的桶不能暂停版本控制",
    });
  }
  save(ctx, regionID, bucket, { versioning: status });
}

export function putTagging(ctx: Ctx, regionID: string, name: string, tags: readonly Tag[]): void {
  const bucket = requireBucket(ctx, regionID, name);
  save(ctx, regionID, bucket, { tagSet: requireTagSet("tagging.tagSet", tags) });
}

export function deleteTagging(ctx: Ctx, regionID: string, name: string): void {
  save(ctx, regionID, requireBucket(ctx, regionID, name), { tagSet: [] });
}

export function tagSetOf(bucket: Bucket): Array<{ key: string; value: string }> {
  if (bucket.tagSet.length === 0) {
    throw new EmulatorError(ZOS_ERRORS.noSuchTagSet, "NoSuchTagSetError: The TagSet does not exist", { description: `桶 ${bucket.bucket} 未设置标签` });
  }
  return bucket.tagSet;
}

export function grantsOf(bucket: Bucket): BucketAclGrant[] {
  return bucket.aclGrants ?? cannedGrants(bucket.ACL);
}

/** Either a canned ACL or explicit grants; the record keeps the canned name the grants amount to. */
export function putAcl(ctx: Ctx, regionID: string, name: string, acl: { canned: string } | { grants: BucketAclGrant[] }): void {
  const bucket = requireBucket(ctx, regionID, name);
  if ("canned" in acl) save(ctx, regionID, bucket, { ACL: acl.canned, aclGrants: null });
  else save(ctx, regionID, bucket, { ACL: cannedAclOf(acl.grants), aclGrants: acl.grants });
}

/** Logs go to a bucket of the same account in the same region (it may be the bucket itself). */
export function putLogging(ctx: Ctx, regionID: string, name: string, logging: BucketLogging | null): void {
  const bucket = requireBucket(ctx, regionID, name);
  if (logging) {
    if (!buckets(ctx).get(regionID, logging.targetBucket)) {
      throw new InvalidParameterError(`targetBucket ${logging.targetBucket} does not exist in region ${regionID}`, { code: ZOS_ERRORS.noSuchBucket });
    }
    requireBucket(ctx, regionID, logging.targetBucket);
  }
  save(ctx, regionID, bucket, { logging });
}

export function deleteBucket(ctx: Ctx, regionID: string, name: string): void {
  const bucket = requireBucket(ctx, regionID, name);
  if (bucket.objects.length > 0) {
    const markers = bucket.objects.filter((o) => o.isDeleteMarker).length;
    throw new EmulatorError(
      ctx.unknownCodes.pick("bucket-not-empty"),
      `BucketNotEmpty: bucket ${name} is not empty (${bucket.objects.length - markers} object versions, ${markers} delete markers); delete them first`,
      { description: `桶 ${name} 不为空，请先删除桶内所有对象` },
    );
  }
  buckets(ctx).delete(regionID, name);
}

export interface BucketListFilter {
  /** Regions to list (`regionID=public` lists every region). */
  readonly regionIDs: readonly string[];
  /** Comma-separated project ids, compared after normalisation (`""` = default project "0"). */
  readonly projectIDs?: readonly string[] | undefined;
}

export function listBuckets(ctx: Pick<EngineContext, "store">, filter: BucketListFilter): Array<{ regionID: string; bucket: Bucket }> {
  const projects = filter.projectIDs?.map((p) => normalizeProjectId(p));
  return buckets(ctx)
    .all()
    .filter((entry) => filter.regionIDs.includes(entry.region))
    .map((entry) => ({ regionID: entry.region, bucket: normalize(entry.data) }))
    .filter(({ bucket }) => bucket.owner === ACCOUNT.ID && (!projects || projects.includes(bucket.projectID)))
    .sort((a, b) => (a.bucket.bucket < b.bucket.bucket ? -1 : a.bucket.bucket > b.bucket.bucket ? 1 : 0));
}

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
export function listObjects(bucket: Bucket, query: { prefix: string; marker: string; delimiter: string; maxKeys: number }): ObjectListing {
  const contents: BucketObjectVersion[] = [];
  const prefixes: string[] = [];
  let last = "";
  let isTruncated = false;
  for (const [key, latest] of latestByKey(bucket.objects)) {
    if (latest.isDeleteMarker || !key.startsWith(query.prefix) || key <= query.marker) continue;
    const cut = query.delimiter ? key.indexOf(query.delimiter, query.prefix.length) : -1;
    const common = cut >= 0 ? key.slice(0, cut + query.delimiter.length) : undefined;
    if (common !== undefined && prefixes.includes(common)) continue;
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
export function listObjectVersions(bucket: Bucket, query: { prefix: string; keyMarker: string }): VersionListing {
  const byKey = new Map<string, BucketObjectVersion[]>();
  for (const o of bucket.objects) {
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

/**
 * S3 DeleteObjects semantics: with a versionID that exact version (or delete marker) goes; without
 * one, a never-versioned bucket loses the object, an Enabled bucket gets a delete marker and a
 * Suspended bucket replaces the `null` version by a `null` delete marker. Missing keys still count
 * as deleted.
 */
export function deleteObjects(ctx: Ctx, regionID: string, name: string, targets: ReadonlyArray<{ key: string; versionID?: string | undefined }>): DeletedObject[] {
  const bucket = requireBucket(ctx, regionID, name);
  let objects = [...bucket.objects];
  const deleted: DeletedObject[] = [];
  for (const { key, versionID } of targets) {
    if (versionID) {
      const target = objects.find((o) => o.key === key && o.versionID === versionID);
      objects = objects.filter((o) => o !== target);
      deleted.push({ key, versionID, deleteMarker: target?.isDeleteMarker ?? false, deleteMarkerVersionID: target?.isDeleteMarker ? versionID : "" });
      continue;
    }
    if (bucket.versioning === "") {
      objects = objects.filter((o) => o.key !== key);
      deleted.push({ key, versionID: "", deleteMarker: false, deleteMarkerVersionID: "" });
      continue;
    }
    const markerVersion = bucket.versioning === "Enabled" ? ctx.ids.chars("0123456789abcdefghijklmnopqrstuvwxyz", 32) : "null";
    if (markerVersion === "null") objects = objects.filter((o) => !(o.key === key && o.versionID === "null"));
    objects.push({ key, versionID: markerVersion, isDeleteMarker: true, size: 0, ETag: "", lastModified: ctx.now, storageClass: bucket.storageType });
    deleted.push({ key, versionID: "", deleteMarker: true, deleteMarkerVersionID: markerVersion });
  }
  save(ctx, regionID, bucket, { objects });
  return deleted;
}
