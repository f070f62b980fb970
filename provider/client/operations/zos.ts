/**
 * ZOS object-storage management operations (zos host, `/v4/oss/*`, spec D.10). Region travels as
 * `regionID` (query for GET, body for POST). None takes a clientToken: create-bucket is not
 * idempotent (a repeat answers "already owned by you"); puts set absolute values and may repeat.
 */
import { z } from "zod";
import { defineOperation } from "../operation";

const bucketQuery = z.object({ bucket: z.string().min(1), regionID: z.string().min(1) });
/** Write operations answer an empty (or absent) returnObj. */
const nothing = z.unknown();

export const ACL_VALUES = ["private", "public-read", "public-read-write"] as const;
export type CannedAcl = (typeof ACL_VALUES)[number];
export const STORAGE_TYPES = ["STANDARD", "STANDARD_IA", "GLACIER"] as const;
export const AZ_POLICIES = ["single-az", "multi-az"] as const;

export const GetOssServiceStatus = defineOperation({
  name: "GetOssServiceStatus",
  service: "zos",
  method: "GET",
  path: "/v4/oss/get-oss-service-status",
  input: z.object({ regionID: z.string().min(1) }),
  // "true" = activated; also "false", "processing", "frozen" (spec C.3).
  output: z.looseObject({ state: z.union([z.string(), z.boolean()]).transform(String) }),
  idempotent: true,
});

const tag = z.object({ key: z.string(), value: z.string() });

export const CreateBucket = defineOperation({
  name: "CreateBucket",
  service: "zos",
  method: "POST",
  path: "/v4/oss/create-bucket",
  input: z.object({
    regionID: z.string().min(1),
    bucket: z.string().min(1),
    ACL: z.enum(ACL_VALUES),
    storageType: z.enum(STORAGE_TYPES),
    AZPolicy: z.enum(AZ_POLICIES),
    isEncrypted: z.boolean(),
    projectID: z.string().optional(),
    cmkUUID: z.string().optional(),
    labels: z.array(tag).optional(),
  }),
  output: nothing,
  // No clientToken: a repeat after a lost answer gets `bucketAlreadyOwnedByYou` (the handler resolves it).
  idempotent: false,
});

export const GetBucketInfo = defineOperation({
  name: "GetBucketInfo",
  service: "zos",
  method: "GET",
  path: "/v4/oss/get-bucket-info",
  input: bucketQuery,
  output: z.looseObject({
    bucket: z.string().optional(),
    projectID: z.string().nullish(),
    /** null (or "") when the bucket is not encrypted. */
    cmkUUID: z.string().nullish(),
    storageType: z.string(),
    AZPolicy: z.string(),
    /** `2006-01-02 15:04:05.000000Z` (UTC). */
    ctime: z.string().nullish(),
    mtime: z.string().nullish(),
    usage: z.looseObject({ numObjects: z.number().nullish(), size: z.number().nullish() }).nullish(),
  }),
  idempotent: true,
});

export const PutBucketVersioning = defineOperation({
  name: "PutBucketVersioning",
  service: "zos",
  method: "POST",
  path: "/v4/oss/put-bucket-versioning",
  input: bucketQuery.extend({ versioningConfiguration: z.object({ status: z.enum(["Enabled", "Suspended"]) }) }),
  output: nothing,
  idempotent: true,
});

export const GetBucketVersioning = defineOperation({
  name: "GetBucketVersioning",
  service: "zos",
  method: "GET",
  path: "/v4/oss/get-bucket-versioning",
  input: bucketQuery,
  /** "Enabled", "Suspended", or empty/absent for a bucket never versioned. */
  output: z.looseObject({ status: z.string().nullish() }),
  idempotent: true,
});

export const PutBucketTagging = defineOperation({
  name: "PutBucketTagging",
  service: "zos",
  method: "POST",
  path: "/v4/oss/put-bucket-tagging",
  input: bucketQuery.extend({ tagging: z.object({ tagSet: z.array(tag).min(1) }) }),
  output: nothing,
  // Replaces the whole set: repeating it is harmless.
  idempotent: true,
});

export const GetBucketTagging = defineOperation({
  name: "GetBucketTagging",
  service: "zos",
  method: "GET",
  path: "/v4/oss/get-bucket-tagging",
  input: bucketQuery,
  output: z.looseObject({ tagSet: z.array(z.looseObject({ key: z.string(), value: z.string().nullish() })).nullish() }),
  idempotent: true,
});

export const DeleteBucketTagging = defineOperation({
  name: "DeleteBucketTagging",
  service: "zos",
  method: "POST",
  path: "/v4/oss/delete-bucket-tagging",
  input: bucketQuery,
  output: nothing,
  idempotent: true,
});

const grantee = z.looseObject({
  type: z.string(),
  ID: z.string().nullish(),
  displayName: z.string().nullish(),
  emailAddress: z.string().nullish(),
  URI: z.string().nullish(),
});
const grant = z.looseObject({ grantee, permission: z.string() });
export type AclGrant = z.output<typeof grant>;

export const PutBucketAcl = defineOperation({
  name: "PutBucketAcl",
  service: "zos",
  method: "POST",
  path: "/v4/oss/put-bucket-acl",
  input: bucketQuery.extend({
    // Canned values the put accepts (its doc): public write takes explicit grants.
    ACL: z.enum(["private", "public-read"]).optional(),
    accessControlPolicy: z
      .object({
        owner: z.object({ ID: z.string(), displayName: z.string().optional() }).optional(),
        grants: z.array(z.object({ grantee: z.object({ type: z.string(), ID: z.string().optional(), URI: z.string().optional() }), permission: z.string() })),
      })
      .optional(),
  }),
  output: nothing,
  idempotent: true,
});

export const GetBucketAcl = defineOperation({
  name: "GetBucketAcl",
  service: "zos",
  method: "GET",
  path: "/v4/oss/get-bucket-acl",
  input: bucketQuery,
  output: z.looseObject({
    owner: z.looseObject({ ID: z.string().nullish(), displayName: z.string().nullish() }).nullish(),
    grants: z.array(grant).nullish().transform((v) => v ?? []),
  }),
  idempotent: true,
});

const logging = z.object({ targetBucket: z.string().min(1), targetPrefix: z.string(), targetGrants: z.array(z.unknown()).optional() });

export const PutBucketLogging = defineOperation({
  name: "PutBucketLogging",
  service: "zos",
  method: "POST",
  path: "/v4/oss/put-bucket-logging",
  input: bucketQuery.extend({ bucketLoggingStatus: z.object({ loggingEnabled: logging }) }),
  output: nothing,
  idempotent: true,
});

export const GetBucketLogging = defineOperation({
  name: "GetBucketLogging",
  service: "zos",
  method: "GET",
  path: "/v4/oss/get-bucket-logging",
  input: bucketQuery,
  output: z.looseObject({ loggingEnabled: z.looseObject({ targetBucket: z.string(), targetPrefix: z.string().nullish() }).nullish() }),
  idempotent: true,
});

export const DeleteBucketLogging = defineOperation({
  name: "DeleteBucketLogging",
  service: "zos",
  method: "POST",
  path: "/v4/oss/delete-bucket-logging",
  input: bucketQuery,
  output: nothing,
  idempotent: true,
});

export const ListBuckets = defineOperation({
  name: "ListBuckets",
  service: "zos",
  method: "GET",
  path: "/v4/oss/list-buckets",
  input: z.object({ regionID: z.string().min(1), projectID: z.string().optional(), pageNo: z.number().int().min(1).optional(), pageSize: z.number().int().min(1).max(50).optional() }),
  output: z.looseObject({
    bucketList: z
      .array(z.looseObject({ bucket: z.string(), regionID: z.string().nullish(), isEncrypted: z.boolean().nullish(), cmkUUID: z.string().nullish(), creationDate: z.string().nullish() }))
      .nullish()
      .transform((v) => v ?? []),
    totalCount: z.number().int().nullish(),
  }),
  idempotent: true,
});

export const DeleteBucket = defineOperation({
  name: "DeleteBucket",
  service: "zos",
  method: "POST",
  path: "/v4/oss/delete-bucket",
  input: bucketQuery,
  output: nothing,
  // A repeat of a delete that went through answers noSuchBucket, which callers treat as done.
  idempotent: true,
});

export const GetZosEndpoint = defineOperation({
  name: "GetZosEndpoint",
  service: "zos",
  method: "GET",
  path: "/v4/oss/get-endpoint",
  input: z.object({ regionID: z.string().min(1) }),
  output: z.looseObject({
    internetEndpoint: z.array(z.string()).nullish().transform((v) => v ?? []),
    intranetEndpoint: z.array(z.string()).nullish().transform((v) => v ?? []),
    ipv6Endpoint: z.array(z.string()).nullish().transform((v) => v ?? []),
  }),
  idempotent: true,
});

/** The access keys of the S3-compatible endpoint: secrets, never put into outputs or messages. */
export const GetZosKeys = defineOperation({
  name: "GetZosKeys",
  service: "zos",
  method: "GET",
  path: "/v4/oss/get-keys",
  input: z.object({ regionID: z.string().min(1) }),
  output: z.array(z.looseObject({ accessKey: z.string(), secretKey: z.string(), regionID: z.string().nullish(), regionName: z.string().nullish() })),
  idempotent: true,
});

export const ListObjects = defineOperation({
  name: "ListObjects",
  service: "zos",
  method: "GET",
  path: "/v4/oss/list-objects",
  input: bucketQuery.extend({ prefix: z.string().optional(), marker: z.string().optional(), delimiter: z.string().optional(), maxKeys: z.number().int().min(1).max(1000).optional() }),
  output: z.looseObject({
    contents: z.array(z.looseObject({ key: z.string(), size: z.number().nullish() })).nullish().transform((v) => v ?? []),
    isTruncated: z.boolean().nullish(),
    nextMarker: z.string().nullish(),
  }),
  idempotent: true,
});

/** A version entry; the documented struct types `versions` as a string, so it arrives JSON-encoded. */
const version = z.looseObject({ versionID: z.string() });
const versions = z.union([
  z.array(version),
  z.string().transform((text, issue) => {
    try {
      return z.array(version).parse(text === "" ? [] : JSON.parse(text));
    } catch {
      issue.addIssue({ code: "custom", message: "versions is not a JSON array of {versionID}" });
      return z.NEVER;
    }
  }),
]);

export const ListObjectVersions = defineOperation({
  name: "ListObjectVersions",
  service: "zos",
  method: "GET",
  path: "/v4/oss/list-object-versions",
  input: bucketQuery.extend({ keyMarker: z.string().optional(), prefix: z.string().optional() }),
  output: z.looseObject({
    keys: z.array(z.looseObject({ key: z.string(), versions: versions.nullish().transform((v) => v ?? []) })).nullish().transform((v) => v ?? []),
    deleteMarkers: z.array(z.looseObject({ key: z.string(), versionID: z.string() })).nullish().transform((v) => v ?? []),
    nextKeyMarker: z.string().nullish(),
  }),
  idempotent: true,
});

export const DeleteObjects = defineOperation({
  name: "DeleteObjects",
  service: "zos",
  method: "POST",
  path: "/v4/oss/delete-objects",
  input: bucketQuery.extend({
    delete: z.object({ objects: z.array(z.object({ key: z.string().min(1), versionID: z.string().optional() })).min(1).max(1000), quiet: z.boolean().optional() }),
  }),
  output: z.looseObject({
    errors: z.array(z.looseObject({ key: z.string().nullish(), versionID: z.string().nullish(), code: z.string().nullish(), message: z.string().nullish() })).nullish().transform((v) => v ?? []),
  }),
  // Without a versionID a versioned bucket gets one more delete marker per call: not safe to repeat.
  idempotent: false,
});

/** Real code (TF `common.OpenapiOssNoSuchBucket`); TF also matches "not found bucket" in the text. */
export const NO_SUCH_BUCKET = "oss.resource.noSuchBucket";
export const NOT_FOUND_BUCKET_TEXT = "not found bucket";
/** get-bucket-tagging on a bucket without tags: TF matches this text in the message (its code is undocumented). */
export const NO_SUCH_TAG_SET_TEXT = "NoSuchTagSetError";
export const ALL_USERS_URI = "http://acs.amazonaws.com/groups/global/AllUsers";
