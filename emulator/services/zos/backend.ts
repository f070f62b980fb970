/**
 * ZOS buckets (spec D.10): activation per region, globally unique names, the bucket's settings (ACL,
 * versioning, tags, logging), its objects (no upload API; see records.ts and objects.ts) and the
 * refusal to delete a bucket that still holds any object version or delete marker. Other services
 * use this as `ctx.backend("zos")`.
 */
import type { EngineContext } from "../../engine/context";
import { EmulatorError, InvalidParameterError, NotFoundError, QuotaExceededError } from "../../errors";
import type { RegionRecord } from "../catalog/records";
import { normalizeProjectId } from "../shared/rules";
import { normalize, type Bucket } from "./normalize";
import { deleteObjects, type DeletedObject } from "./objects";
import {
  ACCOUNT,
  BUCKET_KIND,
  MULTIPART_UPLOAD_KIND,
  ZOS_ERRORS,
  ZOS_SERVICE_KIND,
  type BucketAclGrant,
  type BucketLogging,
  type BucketRecord,
  type MultipartUploadRecord,
  type ServiceState,
  type ZosServiceRecord,
} from "./records";
import { cannedAclOf, cannedGrants, requireBucketName, requireTagSet, type Tag } from "./rules";

export type { Bucket } from "./normalize";

declare module "../../engine/backends" {
  interface Backends {
    zos: ZosBackend;
  }
}

/** Decision (COVERAGE.md): S3's default of 100 buckets per account, across all regions. */
export const BUCKET_QUOTA = 100;
/** Timing kind: how long a new bucket stays invisible to get-bucket-info. */
export const METADATA_TIMING = "bucketMetadata";

export function noSuchBucket(name: string, options: { commitState?: boolean } = {}): NotFoundError {
  // TF matches "not found bucket" in message or description (spec C.4); newer TF also the code.
  return new NotFoundError(ZOS_ERRORS.noSuchBucket, `not found bucket ${name}`, { description: `not found bucket: 桶 ${name} 不存在`, ...options });
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

export interface BucketListFilter {
  /** Regions to list (`regionID=public` lists every region). */
  readonly regionIDs: readonly string[];
  /** Comma-separated project ids, compared after normalisation (`""` = default project "0"). */
  readonly projectIDs?: readonly string[] | undefined;
}

export class ZosBackend {
  constructor(private readonly ctx: EngineContext) {}

  private get buckets() {
    return this.ctx.store.collection<BucketRecord>(BUCKET_KIND);
  }

  private get services() {
    return this.ctx.store.collection<ZosServiceRecord>(ZOS_SERVICE_KIND);
  }

  /** Seeder: object storage is activated in every region unless a test switches it off. */
  seedServiceStatus(): void {
    for (const { regionID } of this.ctx.backend("catalog").regions()) {
      if (!this.services.has(regionID, regionID)) this.services.insert(regionID, regionID, { regionID, state: "true" });
    }
  }

  serviceState(regionID: string): ServiceState {
    return this.services.get(regionID, regionID)?.state ?? "true";
  }

  /**
   * The bucket of this account in this region. A bucket of another account answers AccessDenied; one
   * in another region (or none) answers `oss.resource.noSuchBucket`.
   */
  require(regionID: string, name: string): Bucket {
    const found = this.buckets.get(regionID, name);
    if (!found) throw noSuchBucket(name);
    const bucket = normalize(found);
    if (bucket.owner !== ACCOUNT.ID) {
      throw new EmulatorError(ZOS_ERRORS.accessDenied, `AccessDenied: bucket ${name} belongs to another account`, { description: `无权访问桶 ${name}` });
    }
    return bucket;
  }

  /** get-bucket-info's view: a bucket whose metadata is still propagating is not found yet. */
  forInfo(regionID: string, name: string): Bucket {
    this.ctx.transitions.observe(BUCKET_KIND, name);
    const bucket = this.require(regionID, name);
    // Keep the counted observation although the answer is a 900 (else the bucket would never appear).
    if (bucket.metadataState === "propagating") throw noSuchBucket(name, { commitState: true });
    return bucket;
  }

  create(region: RegionRecord, input: CreateBucketInput): Bucket {
    const name = requireBucketName(input.bucket);
    if (input.AZPolicy === "multi-az" && !region.isMultiZones) {
      throw new InvalidParameterError(`AZPolicy multi-az needs a region with several availability zones; ${region.regionID} has one`);
    }
    if (input.cmkUUID !== undefined && !input.isEncrypted) throw new InvalidParameterError("cmkUUID may only be given with isEncrypted true");
    const projectID = normalizeProjectId(input.projectID);
    const tagSet = input.labels.length > 0 ? requireTagSet("labels", input.labels) : [];
    const state = this.serviceState(region.regionID);
    if (state !== "true") {
      throw new EmulatorError(ZOS_ERRORS.serviceNotActivated, `object storage is not activated in region ${region.regionID} (state ${state})`, {
        description: "您尚未在该资源池开通对象存储服务",
      });
    }
    this.refuseTakenName(name);
    const owned = this.buckets.all().filter((entry) => (entry.data.owner ?? ACCOUNT.ID) === ACCOUNT.ID).length;
    if (owned >= BUCKET_QUOTA) throw new QuotaExceededError(`TooManyBuckets: an account may own at most ${BUCKET_QUOTA} buckets`);
    const now = this.ctx.clock();
    const record: Bucket = {
      bucket: name,
      ACL: input.ACL,
      storageType: input.storageType,
      AZPolicy: input.AZPolicy,
      isEncrypted: input.isEncrypted,
      cmkUUID: input.isEncrypted ? (input.cmkUUID ?? this.ctx.ids.uuid()) : null,
      versioning: input.objectLock ? "Enabled" : "",
      tagSet,
      projectID,
      objectCount: 0,
      ctime: now,
      mtime: now,
      owner: ACCOUNT.ID,
      aclGrants: null,
      logging: null,
      objectLockEnabled: input.objectLock,
      objects: [],
      metadataState: "propagating",
    };
    this.buckets.insert(region.regionID, name, record);
    this.ctx.transitions.schedule(BUCKET_KIND, { regionId: region.regionID, id: name }, { via: "propagating", to: "ready", failTo: "ready", field: "metadataState", timing: METADATA_TIMING });
    return record;
  }

  private refuseTakenName(name: string): void {
    const existing = this.buckets.locate(name);
    if (!existing) return;
    if ((existing.data.owner ?? ACCOUNT.ID) === ACCOUNT.ID) {
      throw new EmulatorError(this.ctx.unknownCodes.pick("bucket-owned-by-you"), `BucketAlreadyOwnedByYou: you already own bucket ${name} (region ${existing.region})`, {
        description: `桶 ${name} 已存在且属于您`,
      });
    }
    throw new EmulatorError(this.ctx.unknownCodes.pick("bucket-name-taken"), `BucketAlreadyExists: bucket name ${name} is taken; bucket names are unique across all regions and accounts`, {
      description: `桶名 ${name} 已被占用`,
    });
  }

  putVersioning(regionID: string, name: string, status: "Enabled" | "Suspended"): void {
    const bucket = this.require(regionID, name);
    if (status === "Suspended" && bucket.objectLockEnabled) {
      throw new EmulatorError(ZOS_ERRORS.invalidBucketState, `InvalidBucketState: versioning cannot be suspended on bucket ${name}: object lock is enabled`, {
        description: "开启对象锁定的桶不能暂停版本控制",
      });
    }
    this.save(regionID, bucket, { versioning: status });
  }

  putTagging(regionID: string, name: string, tags: readonly Tag[]): void {
    const bucket = this.require(regionID, name);
    this.save(regionID, bucket, { tagSet: requireTagSet("tagging.tagSet", tags) });
  }

  deleteTagging(regionID: string, name: string): void {
    this.save(regionID, this.require(regionID, name), { tagSet: [] });
  }

  tagSetOf(bucket: Bucket): Array<{ key: string; value: string }> {
    if (bucket.tagSet.length === 0) {
      throw new EmulatorError(ZOS_ERRORS.noSuchTagSet, "NoSuchTagSetError: The TagSet does not exist", { description: `桶 ${bucket.bucket} 未设置标签` });
    }
    return bucket.tagSet;
  }

  grantsOf(bucket: Bucket): BucketAclGrant[] {
    return bucket.aclGrants ?? cannedGrants(bucket.ACL);
  }

  /** Either a canned ACL or explicit grants; the record keeps the canned name the grants amount to. */
  putAcl(regionID: string, name: string, acl: { canned: string } | { grants: BucketAclGrant[] }): void {
    const bucket = this.require(regionID, name);
    if ("canned" in acl) this.save(regionID, bucket, { ACL: acl.canned, aclGrants: null });
    else this.save(regionID, bucket, { ACL: cannedAclOf(acl.grants), aclGrants: acl.grants });
  }

  /** Logs go to a bucket of the same account in the same region (it may be the bucket itself). */
  putLogging(regionID: string, name: string, logging: BucketLogging | null): void {
    const bucket = this.require(regionID, name);
    if (logging) {
      if (!this.buckets.get(regionID, logging.targetBucket)) {
        throw new InvalidParameterError(`targetBucket ${logging.targetBucket} does not exist in region ${regionID}`, { code: ZOS_ERRORS.noSuchBucket });
      }
      this.require(regionID, logging.targetBucket);
    }
    this.save(regionID, bucket, { logging });
  }

  delete(regionID: string, name: string): void {
    const bucket = this.require(regionID, name);
    if (bucket.objects.length > 0) {
      const markers = bucket.objects.filter((o) => o.isDeleteMarker).length;
      throw new EmulatorError(
        this.ctx.unknownCodes.pick("bucket-not-empty"),
        `BucketNotEmpty: bucket ${name} is not empty (${bucket.objects.length - markers} object versions, ${markers} delete markers); delete them first`,
        { description: `桶 ${name} 不为空，请先删除桶内所有对象` },
      );
    }
    this.buckets.delete(regionID, name);
    // Multipart uploads still in progress go with the bucket (their parts' bytes too).
    const uploads = this.ctx.store.collection<MultipartUploadRecord>(MULTIPART_UPLOAD_KIND);
    for (const upload of uploads.find(regionID, (u) => u.bucket === name)) {
      for (const part of upload.parts) this.ctx.store.blobs.delete(part.blob);
      uploads.delete(regionID, upload.uploadId);
    }
  }

  list(filter: BucketListFilter): Array<{ regionID: string; bucket: Bucket }> {
    const projects = filter.projectIDs?.map((p) => normalizeProjectId(p));
    return this.buckets
      .all()
      .filter((entry) => filter.regionIDs.includes(entry.region))
      .map((entry) => ({ regionID: entry.region, bucket: normalize(entry.data) }))
      .filter(({ bucket }) => bucket.owner === ACCOUNT.ID && (!projects || projects.includes(bucket.projectID)))
      .sort((a, b) => (a.bucket.bucket < b.bucket.bucket ? -1 : a.bucket.bucket > b.bucket.bucket ? 1 : 0));
  }

  /** DeleteObjects (objects.ts) on the bucket's stored objects. */
  deleteObjects(regionID: string, name: string, targets: ReadonlyArray<{ key: string; versionID?: string | undefined }>): DeletedObject[] {
    const bucket = this.require(regionID, name);
    const { objects, deleted } = deleteObjects(bucket.objects, targets, { versioning: bucket.versioning, storageClass: bucket.storageType, now: this.ctx.clock(), ids: this.ctx.ids });
    this.save(regionID, bucket, { objects });
    return deleted;
  }

  /** Writes a change; `objectCount` is recounted from the objects (only a test's PATCH sets it by hand). */
  save(regionID: string, bucket: Bucket, change: Partial<Bucket>): Bucket {
    const next = normalize({ ...bucket, ...change, objectCount: 0, mtime: this.ctx.clock() });
    this.buckets.update(regionID, bucket.bucket, () => next);
    // Bodies of versions that went away go with them (every version owns its blobs).
    const kept = new Set(next.objects.flatMap((o) => (o.body ?? []).map((s) => s.blob)));
    for (const o of bucket.objects) for (const { blob } of o.body ?? []) if (!kept.has(blob)) this.ctx.store.blobs.delete(blob);
    return next;
  }

  /** A bucket of this account by name alone, wherever it lives (the data plane's URLs carry no region). */
  locate(name: string): { regionID: string; bucket: Bucket } | undefined {
    const found = this.buckets.locate(name);
    if (!found) return undefined;
    return { regionID: found.region, bucket: this.require(found.region, name) };
  }
}
