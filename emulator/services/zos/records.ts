/**
 * The ZOS service's records (buckets with their objects, per-region activation) and its constants:
 * the emulated account, error codes and enums (spec D.10). Only this service writes them.
 */

/**
 * Buckets, by name. Names are unique across all regions (and accounts), so `locate(name)` finds a
 * bucket wherever it lives.
 */
export const BUCKET_KIND = "bucket";

/** Per-region activation of object storage: `GET /v4/oss/get-oss-service-status` reads it. */
export const ZOS_SERVICE_KIND = "zosService";

/** The documented states (spec C.3): only "true" lets buckets be created. */
export const SERVICE_STATES = ["true", "false", "processing", "frozen"] as const;
export type ServiceState = (typeof SERVICE_STATES)[number];

/**
 * One per region, id = regionID. Tests switch a region off with
 * `PATCH /_emulator/resources/zosService/<regionID>` `{"state": "false"}`.
 */
export interface ZosServiceRecord {
  regionID: string;
  state: ServiceState;
}

/** The one account the emulator serves (all access keys belong to it). */
export const ACCOUNT = {
  ID: "7b2d6c1e9f4a4e0b8c3d5a6f1e2b3c4d",
  displayName: "emulator-account",
} as const;

export const ACL_VALUES = ["private", "public-read", "public-read-write"] as const;
export type CannedAcl = (typeof ACL_VALUES)[number];
export const STORAGE_TYPES = ["STANDARD", "STANDARD_IA", "GLACIER"] as const;
export const AZ_POLICIES = ["single-az", "multi-az"] as const;
export const PERMISSIONS = ["FULL_CONTROL", "READ", "WRITE", "READ_ACP", "WRITE_ACP"] as const;

export const ALL_USERS_URI = "http://acs.amazonaws.com/groups/global/AllUsers";
export const AUTHENTICATED_USERS_URI = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
export const LOG_DELIVERY_URI = "http://acs.amazonaws.com/groups/s3/LogDelivery";
export const GROUP_URIS: readonly string[] = [ALL_USERS_URI, AUTHENTICATED_USERS_URI, LOG_DELIVERY_URI];

/** Tag limits (COVERAGE.md): 10 per bucket as the TF validator says; S3 key/value lengths. */
export const MAX_TAGS = 10;
export const MAX_TAG_KEY_LENGTH = 128;
export const MAX_TAG_VALUE_LENGTH = 256;
/** list-objects `maxKeys` default and ceiling; also the delete-objects batch limit and list-object-versions page. */
export const MAX_KEYS = 1000;

/** Error codes. `oss.resource.noSuchBucket` is real (TF `common.OpenapiOssNoSuchBucket`); the rest are invented (the bucket name and not-empty codes are drawn from unknown-codes.ts). */
export const ZOS_ERRORS = {
  noSuchBucket: "oss.resource.noSuchBucket",
  noSuchTagSet: "oss.resource.noSuchTagSet",
  accessDenied: "oss.resource.accessDenied",
  invalidBucketState: "oss.resource.invalidBucketState",
  invalidBucketName: "oss.parameter.invalidBucketName",
  serviceNotActivated: "oss.service.notActivated",
} as const;

/** One grant of a bucket ACL, in get-bucket-acl's wire shape (`URI` null when absent). */
export interface BucketAclGrant {
  grantee: { type: "CanonicalUser" | "Group"; ID?: string; displayName?: string; emailAddress?: string; URI: string | null };
  permission: "FULL_CONTROL" | "READ" | "WRITE" | "READ_ACP" | "WRITE_ACP";
}

/** A bucket's access-log delivery (put-bucket-logging's `loggingEnabled`). */
export interface BucketLogging {
  targetBucket: string;
  targetPrefix: string;
  targetGrants: unknown[];
}

/** A piece of an object's bytes: a blob in the store (one for a simple upload, one per part). */
export interface ObjectBodySegment {
  readonly blob: string;
  readonly size: number;
}

/** Standard headers an object keeps from its upload and answers on GET/HEAD. */
export const STORED_OBJECT_HEADERS = ["cache-control", "content-disposition", "content-encoding", "content-language", "expires"] as const;

/** What an upload sets besides the bytes (PutObject headers, CreateMultipartUpload, CopyObject). */
export interface ObjectAttributes {
  contentType?: string;
  /** {@link STORED_OBJECT_HEADERS} as sent. */
  headers?: Record<string, string>;
  /** `x-amz-meta-*` without the prefix, names lower-case. */
  metadata?: Record<string, string>;
  tags?: Array<{ key: string; value: string }>;
  /** Canned object ACL (`x-amz-acl`); absent = private. */
  acl?: string;
}

/**
 * One object version or delete marker in a bucket. Objects are written through the S3 data plane
 * (`/_s3`, s3/); tests may still patch metadata-only objects in with `PATCH /_emulator/resources/bucket/<name>`
 * `{objects: [{key, size?, versionID?, isDeleteMarker?}]}` (missing fields are filled in when read; the
 * body of such an object reads as `size` zero bytes).
 */
export interface BucketObjectVersion extends ObjectAttributes {
  key: string;
  /** `"null"` for objects written while versioning was never enabled or suspended (S3 semantics). */
  versionID: string;
  isDeleteMarker: boolean;
  size: number;
  ETag: string;
  /** Epoch milliseconds. */
  lastModified: number;
  storageClass: string;
  /** Where the bytes are; absent for patched-in objects. */
  body?: ObjectBodySegment[];
  /** Parts of a multipart upload (the `-N` of its ETag). */
  partCount?: number;
  checksum?: { algorithm: string; value: string };
}

/** In-progress multipart uploads, by upload id (stored in the bucket's region). */
export const MULTIPART_UPLOAD_KIND = "zosMultipartUpload";

export interface UploadedPart {
  partNumber: number;
  ETag: string;
  size: number;
  blob: string;
  lastModified: number;
}

export interface MultipartUploadRecord extends ObjectAttributes {
  uploadId: string;
  bucket: string;
  key: string;
  storageClass: string;
  initiated: number;
  parts: UploadedPart[];
}

/** A bucket; its id is its name. */
export interface BucketRecord {
  bucket: string;
  /** The canned ACL the grants amount to (`private`, `public-read`, `public-read-write`). */
  ACL: string;
  storageType: string;
  AZPolicy: string;
  isEncrypted: boolean;
  cmkUUID: string | null;
  versioning: "Enabled" | "Suspended" | "";
  tagSet: Array<{ key: string; value: string }>;
  projectID: string;
  /** Object versions stored (delete markers excluded), kept equal to `objects` by the ZOS service. */
  objectCount: number;
  ctime: number;
  mtime: number;
  /** The owning account's uid; any other value makes the name one held by another account. */
  owner?: string;
  /** Grants set through put-bucket-acl `accessControlPolicy`; null = the grants of the canned `ACL`. */
  aclGrants?: BucketAclGrant[] | null;
  logging?: BucketLogging | null;
  /** Created with `otherBucketInfo.ObjectLockEnabledForBucket` (versioning then stays enabled). */
  objectLockEnabled?: boolean;
  /** Object versions and delete markers, oldest first. */
  objects?: BucketObjectVersion[];
  /** `propagating` right after create: get-bucket-info does not see the bucket yet (timing `bucketMetadata`). */
  metadataState?: "propagating" | "ready";
}
