/**
 * ZOS bucket operations (spec D.10; zos host, `/v4/oss/*`): parse, call the backend, shape the
 * returnObj with the JSON types of the generated Go structs (`ctzos/zos_*_api.go`). Write operations
 * answer `returnObj: {}`. Objects, keys and endpoints are in object-routes.ts.
 */
import { z } from "zod";
import { InvalidParameterError } from "../../errors";
import { defineRoute } from "../route";
import { paginate, readPaging } from "../shared/paging";
import type { RouteDefinition } from "../types";
import { ZosBackend } from "./backend";
import { ACCOUNT, ACL_VALUES, AZ_POLICIES, PERMISSIONS, STORAGE_TYPES } from "./records";
import { requireGrants } from "./rules";
import { bucketParams } from "./object-routes";
import { infoView, iso, owner } from "./views";

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const tag = z.object({ key: z.string(), value: z.string().default("") });

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

const serviceStatus = defineRoute({
  method: "GET", path: "/v4/oss/get-oss-service-status", operation: "GetOssServiceStatus", service: "zos",
  input: z.object({}),
  handle(ctx, { region }) {
    return { state: new ZosBackend(ctx).serviceState(region.regionID) };
  },
});

const create = defineRoute({
  method: "POST", path: "/v4/oss/create-bucket", operation: "CreateBucket", service: "zos",
  input: createSchema,
  handle(ctx, { input, region }) {
    new ZosBackend(ctx).create(region, {
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
    return infoView(region, new ZosBackend(ctx).forInfo(region.regionID, input.bucket));
  },
});

const setVersioning = defineRoute({
  method: "POST", path: "/v4/oss/put-bucket-versioning", operation: "PutBucketVersioning", service: "zos",
  input: versioningSchema,
  handle(ctx, { input, region }) {
    new ZosBackend(ctx).putVersioning(region.regionID, input.bucket, input.versioningConfiguration.status);
    return {};
  },
});

const getVersioning = defineRoute({
  method: "GET", path: "/v4/oss/get-bucket-versioning", operation: "GetBucketVersioning", service: "zos",
  input: bucketParams,
  handle(ctx, { input, region }) {
    return { status: new ZosBackend(ctx).require(region.regionID, input.bucket).versioning };
  },
});

const setTagging = defineRoute({
  method: "POST", path: "/v4/oss/put-bucket-tagging", operation: "PutBucketTagging", service: "zos",
  input: taggingSchema,
  handle(ctx, { input, region }) {
    new ZosBackend(ctx).putTagging(region.regionID, input.bucket, input.tagging.tagSet);
    return {};
  },
});

const getTagging = defineRoute({
  method: "GET", path: "/v4/oss/get-bucket-tagging", operation: "GetBucketTagging", service: "zos",
  input: bucketParams,
  handle(ctx, { input, region }) {
    const backend = new ZosBackend(ctx);
    return { tagSet: backend.tagSetOf(backend.require(region.regionID, input.bucket)) };
  },
});

const removeTagging = defineRoute({
  method: "POST", path: "/v4/oss/delete-bucket-tagging", operation: "DeleteBucketTagging", service: "zos",
  input: bucketParams,
  handle(ctx, { input, region }) {
    new ZosBackend(ctx).deleteTagging(region.regionID, input.bucket);
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
      new ZosBackend(ctx).putAcl(region.regionID, input.bucket, { grants: requireGrants(policy.grants) });
    } else {
      new ZosBackend(ctx).putAcl(region.regionID, input.bucket, { canned: input.ACL! });
    }
    return {};
  },
});

const getAcl = defineRoute({
  method: "GET", path: "/v4/oss/get-bucket-acl", operation: "GetBucketAcl", service: "zos",
  input: bucketParams,
  handle(ctx, { input, region }) {
    const backend = new ZosBackend(ctx);
    return { owner, grants: backend.grantsOf(backend.require(region.regionID, input.bucket)) };
  },
});

const setLogging = defineRoute({
  method: "POST", path: "/v4/oss/put-bucket-logging", operation: "PutBucketLogging", service: "zos",
  input: loggingSchema,
  handle(ctx, { input, region }) {
    const enabled = input.bucketLoggingStatus.loggingEnabled;
    new ZosBackend(ctx).putLogging(region.regionID, input.bucket, enabled ? { targetBucket: enabled.targetBucket, targetPrefix: enabled.targetPrefix, targetGrants: enabled.targetGrants ?? [] } : null);
    return {};
  },
});

const getLogging = defineRoute({
  method: "GET", path: "/v4/oss/get-bucket-logging", operation: "GetBucketLogging", service: "zos",
  input: bucketParams,
  handle(ctx, { input, region }) {
    // Never a null returnObj: TF dereferences it (spec C.3).
    return { loggingEnabled: new ZosBackend(ctx).require(region.regionID, input.bucket).logging };
  },
});

const removeLogging = defineRoute({
  method: "POST", path: "/v4/oss/delete-bucket-logging", operation: "DeleteBucketLogging", service: "zos",
  input: bucketParams,
  handle(ctx, { input, region }) {
    new ZosBackend(ctx).putLogging(region.regionID, input.bucket, null);
    return {};
  },
});

// `regionID=public` lists the buckets of every public resource pool (the list doc): read here, not by the framework.
const list = defineRoute({
  method: "GET", path: "/v4/oss/list-buckets", operation: "ListBuckets", service: "zos", region: "none",
  input: z.object({ regionID: z.unknown(), projectID: z.string().optional() }),
  handle(ctx, { input, params }) {
    const catalog = ctx.backend("catalog");
    const all = catalog.regions();
    const regions = input.regionID === "public" ? all : [catalog.requireRegion(input.regionID)];
    const paging = readPaging(params);
    const page = paginate(
      new ZosBackend(ctx).list({ regionIDs: regions.map((r) => r.regionID), projectIDs: input.projectID ? input.projectID.split(",").map((p) => p.trim()) : undefined }),
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
    new ZosBackend(ctx).delete(region.regionID, input.bucket);
    return {};
  },
});

/** Derived, stable credentials of the account's S3-compatible endpoint (not EOP keys). */
export const ZOS_BUCKET_ROUTES: readonly RouteDefinition[] = [
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
];
