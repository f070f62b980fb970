/**
 * ZOS bucket operations (spec D.10; zos host, `/v4/oss/*`): parse, call the backend, shape the
 * returnObj with the JSON types of the generated Go structs (`ctzos/zos_*_api.go`). Write operations
 * answer `returnObj: {}`.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { InvalidParameterError } from "../../errors";
import { defineRoute } from "../route";
import { paginate, readPaging } from "../shared/paging";
import { REGION_KIND, requireRegion, type RegionRecord } from "../shared/region";
import type { BucketObjectVersion } from "../shared/records";
import type { RouteDefinition } from "../types";
import {
  bucketForInfo,
  createBucket,
  deleteBucket,
  deleteObjects,
  deleteTagging,
  grantsOf,
  listBuckets,
  listObjects,
  listObjectVersions,
  putAcl,
  putLogging,
  putTagging,
  putVersioning,
  requireBucket,
  serviceState,
  tagSetOf,
  type Bucket,
} from "./backend";
import { ACCOUNT, ACL_VALUES, AZ_POLICIES, MAX_KEYS, PERMISSIONS, STORAGE_TYPES } from "./records";
import { requireGrants } from "./rules";

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const tag = z.object({ key: z.string(), value: z.string().default("") });
const bucketParams = z.object({ bucket: z.string().min(1, "bucket is required") });

const createSchema = z.object({
  bucket: z.string().min(1, "bucket is required"),
  ACL: z.enum(ACL_VALUES).default("private"),
  storageType: z.enum(STORAGE_TYPES).default("STANDARD"),
  AZPolicy: z.enum(AZ_POLICIES).default("single-az"),
  isEncrypted: z.boolean().nullish().transform((v) => v ?? false),
  cmkUUID: z.string().regex(UUID, "cmkUUID must be a KMS key UUID").optional(),
  projectID: z.string().optional(),
  labels: z.array(tag).nullish(),
  otherBucketInfo: z.object({ ObjectLockEnabledForBucket: z.boolean().nullish() }).nullish(),
});

const versioningSchema = bucketParams.extend({
  versioningConfiguration: z.object({ status: z.enum(["Enabled", "Suspended"]) }),
});

const taggingSchema = bucketParams.extend({ tagging: z.object({ tagSet: z.array(tag) }) });

const grantSchema = z.object({
  grantee: z.object({
    type: z.string(),
    ID: z.string().optional(),
    displayName: z.string().optional(),
    emailAddress: z.string().optional(),
    URI: z.string().nullish(),
  }),
  permission: z.enum(PERMISSIONS),
});

const aclSchema = bucketParams.extend({
  // The put-bucket-acl doc allows only these two canned values; public write needs explicit grants.
  ACL: z.enum(["private", "public-read"], "ACL must be private or public-read (grant public write through accessControlPolicy)").nullish(),
  accessControlPolicy: z
    .object({ owner: z.object({ ID: z.string().optional(), displayName: z.string().optional() }).nullish(), grants: z.array(grantSchema) })
    .nullish(),
});

const loggingSchema = bucketParams.extend({
  bucketLoggingStatus: z.object({
    loggingEnabled: z
      .object({
        targetBucket: z.string().min(1, "targetBucket is required"),
        targetPrefix: z.string().max(1024, "targetPrefix must be at most 1024 characters long").default(""),
        targetGrants: z.array(z.unknown()).nullish(),
      })
      .nullish(),
  }),
});

const listObjectsSchema = bucketParams.extend({
  prefix: z.string().default(""),
  marker: z.string().default(""),
  delimiter: z.string().default(""),
  maxKeys: z
    .string()
    .regex(/^\d*$/, "maxKeys must be a non-negative integer")
    .optional()
    .transform((v) => (v === undefined || v === "" || v === "0" ? MAX_KEYS : Math.min(Number(v), MAX_KEYS))),
});

const listVersionsSchema = bucketParams.extend({ prefix: z.string().default(""), keyMarker: z.string().default("") });

const deleteObjectsSchema = bucketParams.extend({
  delete: z.object({
    objects: z
      .array(z.object({ key: z.string().min(1, "key is required"), versionID: z.string().optional() }))
      .min(1, "delete.objects must name 1-1000 objects")
      .max(MAX_KEYS, "delete.objects must name 1-1000 objects"),
    quiet: z.boolean().nullish(),
  }),
});

/** `2024-06-01 00:00:00.000000Z`: the layout TF parses `ctime` with (`utils.Layout4`). */
export function rgwTime(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace(/\.(\d{3})Z$/, ".$1000Z");
}

const iso = (ms: number): string => new Date(ms).toISOString();
const owner = { displayName: ACCOUNT.displayName, ID: ACCOUNT.ID };

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

function infoView(region: RegionRecord, bucket: Bucket): Record<string, unknown> {
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

const serviceStatus = defineRoute({
  method: "GET", path: "/v4/oss/get-oss-service-status", operation: "GetOssServiceStatus", service: "zos",
  input: z.object({}),
  handle(ctx, { region }) {
    return { state: serviceState(ctx, region.regionID) };
  },
});

const create = defineRoute({
  method: "POST", path: "/v4/oss/create-bucket", operation: "CreateBucket", service: "zos",
  input: createSchema,
  handle(ctx, { input, region }) {
    createBucket(ctx, region, {
      bucket: input.bucket,
      ACL: input.ACL,
      storageType: input.storageType,
      AZPolicy: input.AZPolicy,
      isEncrypted: input.isEncrypted,
      cmkUUID: input.cmkUUID,
      projectID: input.projectID,
      labels: input.labels ?? [],
      objectLock: input.otherBucketInfo?.ObjectLockEnabledForBucket === true,
    });
    return {};
  },
});

const info = defineRoute({
  method: "GET", path: "/v4/oss/get-bucket-info", operation: "GetBucketInfo", service: "zos",
  input: bucketParams,
  handle(ctx, { input, region }) {
    return infoView(region, bucketForInfo(ctx, region.regionID, input.bucket));
  },
});

const setVersioning = defineRoute({
  method: "POST", path: "/v4/oss/put-bucket-versioning", operation: "PutBucketVersioning", service: "zos",
  input: versioningSchema,
  handle(ctx, { input, region }) {
    putVersioning(ctx, region.regionID, input.bucket, input.versioningConfiguration.status);
    return {};
  },
});

const getVersioning = defineRoute({
  method: "GET", path: "/v4/oss/get-bucket-versioning", operation: "GetBucketVersioning", service: "zos",
  input: bucketParams,
  handle(ctx, { input, region }) {
    return { status: requireBucket(ctx, region.regionID, input.bucket).versioning };
  },
});

const setTagging = defineRoute({
  method: "POST", path: "/v4/oss/put-bucket-tagging", operation: "PutBucketTagging", service: "zos",
  input: taggingSchema,
  handle(ctx, { input, region }) {
    putTagging(ctx, region.regionID, input.bucket, input.tagging.tagSet);
    return {};
  },
});

const getTagging = defineRoute({
  method: "GET", path: "/v4/oss/get-bucket-tagging", operation: "GetBucketTagging", service: "zos",
  input: bucketParams,
  handle(ctx, { input, region }) {
    return { tagSet: tagSetOf(requireBucket(ctx, region.regionID, input.bucket)) };
  },
});

const removeTagging = defineRoute({
  method: "POST", path: "/v4/oss/delete-bucket-tagging", operation: "DeleteBucketTagging", service: "zos",
  input: bucketParams,
  handle(ctx, { input, region }) {
    deleteTagging(ctx, region.regionID, input.bucket);
    return {};
  },
});

const setAcl = defineRoute({
  method: "POST", path: "/v4/oss/put-bucket-acl", operation: "PutBucketAcl", service: "zos",
  input: aclSchema,
  handle(ctx, { input, region }) {
    const policy = input.accessControlPolicy;
    if ((input.ACL ? 1 : 0) + (policy ? 1 : 0) !== 1) throw new InvalidParameterError("give exactly one of ACL and accessControlPolicy");
    if (policy) {
      if (policy.owner?.ID && policy.owner.ID !== ACCOUNT.ID) throw new InvalidParameterError("accessControlPolicy.owner.ID must be the bucket owner's ID");
      putAcl(ctx, region.regionID, input.bucket, { grants: requireGrants(policy.grants) });
    } else {
      putAcl(ctx, region.regionID, input.bucket, { canned: input.ACL! });
    }
    return {};
  },
});

const getAcl = defineRoute({
  method: "GET", path: "/v4/oss/get-bucket-acl", operation: "GetBucketAcl", service: "zos",
  input: bucketParams,
  handle(ctx, { input, region }) {
    return { owner, grants: grantsOf(requireBucket(ctx, region.regionID, input.bucket)) };
  },
});

const setLogging = defineRoute({
  method: "POST", path: "/v4/oss/put-bucket-logging", operation: "PutBucketLogging", service: "zos",
  input: loggingSchema,
  handle(ctx, { input, region }) {
    const enabled = input.bucketLoggingStatus.loggingEnabled;
    putLogging(ctx, region.regionID, input.bucket, enabled ? { targetBucket: enabled.targetBucket, targetPrefix: enabled.targetPrefix, targetGrants: enabled.targetGrants ?? [] } : null);
    return {};
  },
});

const getLogging = defineRoute({
  method: "GET", path: "/v4/oss/get-bucket-logging", operation: "GetBucketLogging", service: "zos",
  input: bucketParams,
  handle(ctx, { input, region }) {
    // Never a null returnObj: TF dereferences it (spec C.3).
    return { loggingEnabled: requireBucket(ctx, region.regionID, input.bucket).logging };
  },
});

const removeLogging = defineRoute({
  method: "POST", path: "/v4/oss/delete-bucket-logging", operation: "DeleteBucketLogging", service: "zos",
  input: bucketParams,
  handle(ctx, { input, region }) {
    putLogging(ctx, region.regionID, input.bucket, null);
    return {};
  },
});

// `regionID=public` lists the buckets of every public resource pool (the list doc): read here, not by the framework.
const list = defineRoute({
  method: "GET", path: "/v4/oss/list-buckets", operation: "ListBuckets", service: "zos", region: "none",
  input: z.object({ regionID: z.unknown(), projectID: z.string().optional() }),
  handle(ctx, { input, params }) {
    const all = ctx.store.collection<RegionRecord>(REGION_KIND).all().map((entry) => entry.data);
    const regions = input.regionID === "public" ? all : [requireRegion(ctx, input.regionID)];
    const paging = readPaging(params);
    const page = paginate(
      listBuckets(ctx, { regionIDs: regions.map((r) => r.regionID), projectIDs: input.projectID ? input.projectID.split(",").map((p) => p.trim()) : undefined }),
      paging,
    );
    const nameOf = (regionID: string): string => all.find((r) => r.regionID === regionID)?.regionName ?? "";
    return {
      bucketList: page.items.map(({ regionID, bucket }) => ({
        bucket: bucket.bucket,
        regionID,
        regionName: nameOf(regionID),
        projectID: bucket.projectID,
        storageType: bucket.storageType,
        isEncrypted: bucket.isEncrypted,
        cmkUUID: bucket.cmkUUID ?? "",
        AZPolicy: bucket.AZPolicy,
        creationDate: iso(bucket.ctime),
      })),
      bucketTotal: page.totalCount,
      totalCount: page.totalCount,
      currentCount: page.currentCount,
      pageNo: paging.pageNo,
      pageSize: paging.pageSize,
    };
  },
});

const remove = defineRoute({
  method: "POST", path: "/v4/oss/delete-bucket", operation: "DeleteBucket", service: "zos",
  input: bucketParams,
  handle(ctx, { input, region }) {
    deleteBucket(ctx, region.regionID, input.bucket);
    return {};
  },
});

/** Derived, stable credentials of the account's S3-compatible endpoint (not EOP keys). */
function s3Key(kind: "access" | "secret", length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  const digest = createHash("sha256").update(`zos/${kind}/${ACCOUNT.ID}`).digest();
  return [...digest, ...createHash("sha256").update(digest).digest()].slice(0, length).map((b) => alphabet[b % alphabet.length]).join("");
}

const keys = defineRoute({
  method: "GET", path: "/v4/oss/get-keys", operation: "GetZosKeys", service: "zos",
  input: z.object({}),
  // One key pair valid in every public pool (TF picks the entry for its region or "public").
  handle: () => [{ accessKey: s3Key("access", 20), secretKey: s3Key("secret", 40), regionName: "公共资源池", regionID: "public" }],
});

const endpoint = defineRoute({
  method: "GET", path: "/v4/oss/get-endpoint", operation: "GetZosEndpoint", service: "zos",
  input: z.object({}),
  handle(_ctx, { region }) {
    const host = `${region.regionID.slice(0, 8)}.zos.ctyun.cn`;
    return { internetEndpoint: [host], intranetEndpoint: [`${region.regionID.slice(0, 8)}-internal.zos.ctyun.cn`], ipv6Endpoint: [] };
  },
});

function objectView(o: BucketObjectVersion): Record<string, unknown> {
  return { key: o.key, ETag: o.ETag, lastModified: iso(o.lastModified), size: o.size, storageClass: o.storageClass, owner, type: "Normal" };
}

const objects = defineRoute({
  method: "GET", path: "/v4/oss/list-objects", operation: "ListObjects", service: "zos",
  input: listObjectsSchema,
  handle(ctx, { input, region }) {
    const listing = listObjects(requireBucket(ctx, region.regionID, input.bucket), input);
    return {
      name: input.bucket,
      prefix: input.prefix,
      marker: input.marker,
      delimiter: input.delimiter,
      maxKeys: input.maxKeys,
      encodingType: "",
      isTruncated: listing.isTruncated,
      nextMarker: listing.nextMarker,
      contents: listing.contents.map(objectView),
      commonPrefixes: listing.commonPrefixes.map((prefix) => ({ prefix })),
    };
  },
});

const versions = defineRoute({
  method: "GET", path: "/v4/oss/list-object-versions", operation: "ListObjectVersions", service: "zos",
  input: listVersionsSchema,
  handle(ctx, { input, region }) {
    const listing = listObjectVersions(requireBucket(ctx, region.regionID, input.bucket), input);
    return {
      keyMarker: input.keyMarker,
      nextKeyMarker: listing.nextKeyMarker,
      // `versions` is a string in the documented struct: a JSON array, newest first (COVERAGE.md).
      keys: listing.keys.map(({ key, versions: list }) => ({
        key,
        versions: JSON.stringify(list.map((v) => ({ versionID: v.versionID, isLatest: v.isLatest, size: v.size, ETag: v.ETag, lastModified: iso(v.lastModified), storageClass: v.storageClass }))),
      })),
      deleteMarkers: listing.deleteMarkers.map((m) => ({ key: m.key, versionID: m.versionID, isLatest: m.isLatest, lastModified: iso(m.lastModified), owner })),
    };
  },
});

const removeObjects = defineRoute({
  method: "POST", path: "/v4/oss/delete-objects", operation: "DeleteObjects", service: "zos",
  input: deleteObjectsSchema,
  handle(ctx, { input, region }) {
    const deleted = deleteObjects(ctx, region.regionID, input.bucket, input.delete.objects);
    return { deleted: input.delete.quiet ? [] : deleted, requestCharged: "", errors: [] };
  },
});

export const ZOS_ROUTES: readonly RouteDefinition[] = [
  serviceStatus,
  create,
  info,
  setVersioning,
  getVersioning,
  setTagging,
  getTagging,
  removeTagging,
  setAcl,
  getAcl,
  setLogging,
  getLogging,
  removeLogging,
  list,
  remove,
  keys,
  endpoint,
  objects,
  versions,
  removeObjects,
];
