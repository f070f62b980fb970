/**
 * Bucket (spec D.10): a ZOS object-storage bucket. ACL, versioning and tags update in place and are
 * read back (refresh sees drift in all three); name, storage type, AZ policy, encryption, region
 * and project replace, the old bucket first when the name stays (names are global).
 *
 * Create checks that object storage is activated in the region, creates the bucket, applies
 * versioning and tags, then polls get-bucket-info until the new bucket's metadata has propagated
 * (instead of the Terraform provider's fixed 30 s sleep). create-bucket takes no clientToken, so the
 * bucket is created with a marker tag holding this create's journaled token: a repeated create that
 * is refused (whatever the code) checks the marker to tell its own earlier attempt (a lost answer,
 * a crashed run) from somebody else's bucket. Converging the tags removes the marker; by then the
 * create journal holds the bucket's name, so a rerun reads it instead of creating it.
 *
 * A new bucket is in list-buckets at once but reaches get-bucket-info a moment later: read waits
 * for such a bucket rather than reporting it gone.
 *
 * Delete refuses a bucket that still holds objects unless `forceDestroy`, which deletes every object
 * version and delete marker through the gateway's list-object-versions/delete-objects first.
 */
import { z } from "zod";
import { hasKind, isServiceError, type CtyunServiceError } from "../client/errors";
import { waitUntil } from "../client/waiter";
import {
  ACL_VALUES,
  ALL_USERS_URI,
  AZ_POLICIES,
  CreateBucket,
  DeleteBucket,
  DeleteBucketTagging,
  DeleteObjects,
  GetBucketAcl,
  GetBucketInfo,
  GetBucketTagging,
  GetBucketVersioning,
  GetOssServiceStatus,
  GetZosEndpoint,
  ListBuckets,
  ListObjectVersions,
  NO_SUCH_BUCKET,
  NO_SUCH_TAG_SET_TEXT,
  NOT_FOUND_BUCKET_TEXT,
  PutBucketAcl,
  PutBucketTagging,
  PutBucketVersioning,
  STORAGE_TYPES,
  type AclGrant,
  type CannedAcl,
} from "../client/operations/zos";
import { catalogCall } from "../lifecycle/catalog-cache";
import type { HandlerContext } from "../lifecycle/context";
import { projectId, regionId } from "../lifecycle/fields";
import { defineResource } from "../lifecycle/spec";

export const MAX_TAGS = 10;
/** The tag a new bucket carries until create has converged its tags (see the file comment). */
export const CREATE_MARKER_TAG = "pulumi-ctyun-create-token";
/** The longest pause between create-bucket requests that got no answer. */
const CREATE_RETRY_MAX_MS = 10_000;
const DELETE_BATCH = 1000;

/**
 * The create-bucket rules (3–63 characters of `a-z 0-9 . -`, letter or digit at both ends, no `..`,
 * `.-` or `-.`, not an IP address), lower-case only as S3-compatible stores require.
 */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `must be 3-63 characters long (got ${name.length})`;
  if (/[A-Z]/.test(name)) return "must be lower-case: S3-compatible storage does not allow upper-case bucket names";
  if (!/^[a-z0-9.-]+$/.test(name)) return "may contain only lower-case letters, digits, '.' and '-'";
  if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) return "must start and end with a letter or digit";
  if (/\.\.|\.-|-\./.test(name)) return "must not contain '..', '.-' or '-.'";
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return "must not look like an IP address";
  return undefined;
}

const bucketName = z.string().superRefine((name, ctx) => {
  const problem = bucketNameProblem(name);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const tags = z
  .record(z.string(), z.string())
  .superRefine((map, ctx) => {
    const keys = Object.keys(map);
    if (keys.length > MAX_TAGS) ctx.addIssue({ code: "custom", message: `must hold at most ${MAX_TAGS} tags (got ${keys.length})` });
    for (const key of keys) {
      const length = [...key].length;
      if (length < 1 || length > 128) ctx.addIssue({ code: "custom", message: `tag key ${JSON.stringify(key)} must be 1-128 characters long` });
      else if (key === CREATE_MARKER_TAG) ctx.addIssue({ code: "custom", message: `tag key ${CREATE_MARKER_TAG} is reserved for pulumi-ctyun` });
      else if ([...(map[key] ?? "")].length > 256) ctx.addIssue({ code: "custom", message: `the value of tag ${JSON.stringify(key)} must be at most 256 characters long` });
    }
  })
  .default({});

const inputs = z.object({
  bucket: bucketName,
  acl: z.enum(ACL_VALUES, { error: 'must be "private", "public-read" or "public-read-write"' }).default("private"),
  storageType: z.enum(STORAGE_TYPES, { error: 'must be "STANDARD", "STANDARD_IA" (infrequent access) or "GLACIER" (archive)' }).default("STANDARD"),
  azPolicy: z.enum(AZ_POLICIES, { error: 'must be "single-az" or "multi-az"' }).default("single-az"),
  isEncrypted: z.boolean().default(false),
  versioning: z.boolean().default(false),
  tags,
  forceDestroy: z.boolean().default(false),
  regionId,
  projectId: projectId.optional(),
});

type BucketInputs = z.output<typeof inputs>;

export interface BucketOutputs {
  bucketName: string;
  /** The KMS key encrypting the bucket, when `isEncrypted`. */
  cmkUuid: string | undefined;
  /** RFC 3339, UTC. */
  creationDate: string | undefined;
  endpoint: string | undefined;
  bucketDomainName: string | undefined;
}

/** What a bucket's settings are in the cloud right now. */
interface Settings {
  readonly acl: CannedAcl;
  readonly ownerId: string | undefined;
  readonly versioning: boolean;
  /** Every tag, the create marker included. */
  readonly tags: Readonly<Record<string, string>>;
}

type Desired = Pick<BucketInputs, "acl" | "versioning" | "tags">;

/** `oss.resource.noSuchBucket`, or (as TF checks) "not found bucket" in the message or description. */
export function isBucketNotFound(error: unknown): error is CtyunServiceError {
  if (!isServiceError(error)) return false;
  return error.errorCode === NO_SUCH_BUCKET || `${error.serviceMessage} ${error.description}`.includes(NOT_FOUND_BUCKET_TEXT);
}

/** The canned ACL a grant list amounts to (the Terraform provider's `utils.ParseAcl`). */
export function cannedAclOf(grants: readonly AclGrant[]): CannedAcl {
  const toAll = new Set(grants.filter((g) => g.grantee.URI === ALL_USERS_URI).map((g) => g.permission));
  if (toAll.has("FULL_CONTROL") || (toAll.has("READ") && toAll.has("WRITE"))) return "public-read-write";
  return toAll.has("READ") ? "public-read" : "private";
}

/** get-bucket-info's `2006-01-02 15:04:05.000000Z` as RFC 3339 (the TF provider's `create_time`). */
export function creationDate(ctime: string | null | undefined): string | undefined {
  if (!ctime) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?Z$/.exec(ctime);
  return m ? `${m[1]}T${m[2]}Z` : ctime;
}

function sameTags(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}

async function readTags(ctx: HandlerContext, regionID: string, bucket: string): Promise<Record<string, string>> {
  try {
    const { tagSet } = await ctx.client.send(GetBucketTagging, { bucket, regionID });
    return Object.fromEntries((tagSet ?? []).map(({ key, value }) => [key, value ?? ""]));
  } catch (error) {
    if (isServiceError(error) && error.serviceMessage.includes(NO_SUCH_TAG_SET_TEXT)) return {};
    throw error;
  }
}

async function readSettings(ctx: HandlerContext, regionID: string, bucket: string): Promise<Settings> {
  const [acl, versioning, tagMap] = await Promise.all([
    ctx.client.send(GetBucketAcl, { bucket, regionID }),
    ctx.client.send(GetBucketVersioning, { bucket, regionID }),
    readTags(ctx, regionID, bucket),
  ]);
  return { acl: cannedAclOf(acl.grants), ownerId: acl.owner?.ID ?? undefined, versioning: versioning.status === "Enabled", tags: tagMap };
}

/** Writes what differs between the cloud and `desired` (tags, then versioning, then the ACL). */
async function converge(ctx: HandlerContext, regionID: string, bucket: string, desired: Desired, live: Settings): Promise<void> {
  if (!sameTags(live.tags, desired.tags)) {
    const tagSet = Object.entries(desired.tags).map(([key, value]) => ({ key, value }));
    if (tagSet.length > 0) await ctx.client.send(PutBucketTagging, { bucket, regionID, tagging: { tagSet } });
    else await ctx.client.send(DeleteBucketTagging, { bucket, regionID });
  }
  if (desired.versioning !== live.versioning) {
    await ctx.client.send(PutBucketVersioning, { bucket, regionID, versioningConfiguration: { status: desired.versioning ? "Enabled" : "Suspended" } });
  }
  if (desired.acl !== live.acl) {
    if (desired.acl === "public-read-write") {
      // put-bucket-acl takes only private/public-read as canned values: public write is explicit grants.
      const owner = live.ownerId;
      if (!owner) throw new Error(`cannot grant public write on bucket ${bucket}: get-bucket-acl did not name the bucket's owner`);
      await ctx.client.send(PutBucketAcl, {
        bucket,
        regionID,
        accessControlPolicy: {
          owner: { ID: owner },
          grants: [
            { grantee: { type: "CanonicalUser", ID: owner }, permission: "FULL_CONTROL" },
            { grantee: { type: "Group", URI: ALL_USERS_URI }, permission: "READ" },
            { grantee: { type: "Group", URI: ALL_USERS_URI }, permission: "WRITE" },
          ],
        },
      });
    } else {
      await ctx.client.send(PutBucketAcl, { bucket, regionID, ACL: desired.acl });
    }
  }
}

interface Described {
  readonly info: Awaited<ReturnType<typeof getInfo>>;
  readonly settings: Settings;
  readonly endpoint: string | undefined;
}

function getInfo(ctx: HandlerContext, regionID: string, bucket: string) {
  return ctx.client.send(GetBucketInfo, { bucket, regionID });
}

/** The region's object-storage endpoint (a catalog answer: asked once per provider process). */
async function endpointOf(ctx: HandlerContext, regionID: string): Promise<string | undefined> {
  return (await catalogCall(ctx, GetZosEndpoint, { regionID })).internetEndpoint[0];
}

/**
 * A bucket this create just made and converged: its settings are what was written, so only what
 * the cloud adds (get-bucket-info: creation time, encryption key) is read, once it is visible.
 */
async function describeMade(ctx: HandlerContext, regionID: string, bucket: string, settings: Settings): Promise<Described> {
  const [info, endpoint] = await Promise.all([
    waitUntil({
      waitingFor: `bucket ${bucket} to be visible in get-bucket-info`,
      poll: () => getInfo(ctx, regionID, bucket).catch((error: unknown) => (isBucketNotFound(error) ? undefined : Promise.reject(error))),
      accept: (found) => (found ? { state: "success", value: found } : { state: "retry", observed: "not found bucket (metadata still propagating)" }),
      deps: ctx.deps,
      ...ctx.waitTiming(`bucket ${bucket} to become visible`),
    }),
    endpointOf(ctx, regionID),
  ]);
  return { info, settings, endpoint };
}

/** Everything read reports, or undefined when get-bucket-info does not know the bucket (yet, or any more). */
async function describe(ctx: HandlerContext, regionID: string, bucket: string): Promise<Described | undefined> {
  try {
    const info = await getInfo(ctx, regionID, bucket);
    const [settings, endpoint] = await Promise.all([readSettings(ctx, regionID, bucket), endpointOf(ctx, regionID)]);
    return { info, settings, endpoint };
  } catch (error) {
    if (isBucketNotFound(error)) return undefined;
    throw error;
  }
}

/** True when the account's bucket list for the region (or `public`: every region) holds `bucket` (it does at once, unlike get-bucket-info). */
export async function isListed(ctx: HandlerContext, regionID: string, bucket: string): Promise<boolean> {
  for (let pageNo = 1; ; pageNo++) {
    const page = await ctx.client.send(ListBuckets, { regionID, pageNo, pageSize: 50 });
    if (page.bucketList.some((b) => b.bucket === bucket)) return true;
    if (page.bucketList.length < 50) return false;
  }
}

/**
 * The bucket as read reports it; undefined only when it does not exist. A bucket created a moment
 * ago is listed before get-bucket-info knows it: that one is waited for, not reported gone.
 */
async function describeExisting(ctx: HandlerContext, regionID: string, bucket: string): Promise<Described | undefined> {
  const found = await describe(ctx, regionID, bucket);
  if (found || !(await isListed(ctx, regionID, bucket))) return found;
  return describeWhenVisible(ctx, regionID, bucket);
}

/** A new bucket is answered by get-bucket-info only once its metadata has propagated: poll until then. */
async function describeWhenVisible(ctx: HandlerContext, regionID: string, bucket: string): Promise<Described> {
  return waitUntil({
    waitingFor: `bucket ${bucket} to be visible in get-bucket-info`,
    poll: () => describe(ctx, regionID, bucket),
    accept: (found) => (found ? { state: "success", value: found } : { state: "retry", observed: "not found bucket (metadata still propagating)" }),
    deps: ctx.deps,
    ...ctx.waitTiming(`bucket ${bucket} to become visible`),
  });
}

/** The host of an endpoint answered as a bare host name (the cloud) or as a URL (the emulator's `http://host:port/_s3`). */
function endpointHost(endpoint: string): string {
  return endpoint.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/\/.*$/, "");
}

function outputsOf(bucket: string, described: Described): BucketOutputs {
  return {
    bucketName: bucket,
    cmkUuid: described.info.cmkUUID || undefined,
    creationDate: creationDate(described.info.ctime),
    endpoint: described.endpoint,
    bucketDomainName: described.endpoint ? `${bucket}.${endpointHost(described.endpoint)}` : undefined,
  };
}

async function requireActivated(ctx: HandlerContext, regionID: string): Promise<void> {
  const { state } = await catalogCall(ctx, GetOssServiceStatus, { regionID });
  if (state === "true") return;
  const why = state === "processing" ? "its activation is still in progress" : state === "frozen" ? "the service is frozen (check the account)" : "the service is not activated";
  throw new Error(
    `object storage (ZOS) cannot be used in region ${regionID}: ${why} (service state "${state}"). ` +
      "Activate object storage for this region in the CTyun console, then run `pulumi up` again.",
  );
}

/** True when the bucket carries this create's marker: an earlier attempt of this very create made it. */
async function madeByThisCreate(ctx: HandlerContext, regionID: string, bucket: string): Promise<boolean> {
  try {
    return (await readTags(ctx, regionID, bucket))[CREATE_MARKER_TAG] === ctx.clientToken;
  } catch (error) {
    if (isBucketNotFound(error)) return false;
    throw error;
  }
}

/** No answer came back: the create may or may not have happened. */
function isAmbiguous(error: unknown): boolean {
  return hasKind(error, "network") || hasKind(error, "timeout") || hasKind(error, "http");
}

/** Why create-bucket was refused, in the user's terms (the cloud's own words kept). */
async function refusal(ctx: HandlerContext, regionID: string, bucket: string, error: CtyunServiceError): Promise<Error> {
  const cloud = `${error.errorCode}: ${error.serviceMessage}`;
  // `public` lists the account's buckets of every region (names are unique across regions).
  if (await isListed(ctx, "public", bucket).catch(() => false)) {
    return new Error(
      `bucket name "${bucket}" is already used by another bucket of this account (bucket names are unique across all regions; the cloud said ${cloud}): ` +
        `choose another name, or take that bucket under management with adoptId "${bucket}" (and bucket "${bucket}")`,
      { cause: error },
    );
  }
  return new Error(`could not create bucket "${bucket}" (${cloud}). Bucket names are unique across all CTyun accounts and regions: if another account holds the name, choose another`, {
    cause: error,
  });
}

async function createBucket(ctx: HandlerContext, args: BucketInputs): Promise<void> {
  const regionID = args.regionId;
  const request = {
    regionID,
    bucket: args.bucket,
    ACL: args.acl,
    storageType: args.storageType,
    AZPolicy: args.azPolicy,
    isEncrypted: args.isEncrypted,
    ...(args.projectId ? { projectID: args.projectId } : {}),
    labels: [{ key: CREATE_MARKER_TAG, value: ctx.clientToken }],
  };
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.client.send(CreateBucket, request);
      return;
    } catch (error) {
      if (isServiceError(error)) {
        // Whatever the refusal's code: a bucket of this name carrying this create's marker is the
        // one an earlier attempt of this very create made (its answer lost, or its run killed).
        // Object storage not activated in the region is the refusal to explain first.
        await requireActivated(ctx, regionID);
        if (await madeByThisCreate(ctx, regionID, args.bucket)) return;
        throw await refusal(ctx, regionID, args.bucket, error);
      }
      // create-bucket takes no clientToken, so the client does not repeat it: asking again is safe
      // here because the marker tells this create's bucket apart. Until the step's deadline.
      const pause = Math.min(CREATE_RETRY_MAX_MS, 1_000 * attempt);
      if (!isAmbiguous(error) || ctx.deps.now() + pause >= ctx.deadline) throw error;
      ctx.progress(`create-bucket ${args.bucket} got no answer (${(error as Error).message}); asking again`);
      await ctx.deps.sleep(pause);
    }
  }
}

/** True when any object version or delete marker is left in the bucket. */
async function holdsObjects(ctx: HandlerContext, regionID: string, bucket: string): Promise<boolean> {
  const page = await ctx.client.send(ListObjectVersions, { bucket, regionID });
  return page.keys.length > 0 || page.deleteMarkers.length > 0;
}

/** Deletes every object version and delete marker, a page of keys at a time, until none is left. */
async function emptyBucket(ctx: HandlerContext, regionID: string, bucket: string): Promise<void> {
  let deleted = 0;
  for (;;) {
    const page = await ctx.client.send(ListObjectVersions, { bucket, regionID });
    const targets = [
      ...page.keys.flatMap(({ key, versions }) => versions.map(({ versionID }) => ({ key, versionID }))),
      ...page.deleteMarkers.map(({ key, versionID }) => ({ key, versionID })),
    ];
    if (targets.length === 0) return;
    for (let i = 0; i < targets.length; i += DELETE_BATCH) {
      const batch = targets.slice(i, i + DELETE_BATCH);
      const { errors } = await ctx.client.send(DeleteObjects, { bucket, regionID, delete: { objects: batch, quiet: true } });
      const first = errors[0];
      if (first) {
        throw new Error(`forceDestroy could not delete ${errors.length} object versions of bucket ${bucket}, e.g. ${first.key ?? "?"} (${first.code ?? "error"}: ${first.message ?? ""})`);
      }
      deleted += batch.length;
    }
    ctx.progress(`forceDestroy: deleted ${deleted} object versions and delete markers of bucket ${bucket}`);
    if (ctx.deps.now() >= ctx.deadline) throw new Error(`forceDestroy: the delete timeout ran out while emptying bucket ${bucket} (${deleted} object versions deleted so far); run the delete again`);
  }
}

export const bucketSpec = defineResource({
  type: "Bucket",
  inputs,
  outputs: { bucketName: true, cmkUuid: true, creationDate: true, endpoint: true, bucketDomainName: true },
  createOnly: ["bucket", "storageType", "azPolicy", "isEncrypted", "regionId", "projectId"],
  settingDefaults: { regionId: "regionId", projectId: "projectId" },
  autoName: { property: "bucket", maxLength: 63, lowercase: true, allowedCharacters: "a-z0-9-", mustStartWithLetter: true },
  notFoundCodes: [NO_SUCH_BUCKET],
  timeouts: { create: 5 * 60_000, update: 5 * 60_000, delete: 30 * 60_000 },
  idOutput: "bucketName",
  // Names are global: a replacement that keeps the name can exist only once the old bucket is gone.
  deleteBeforeReplace: (olds, news) => olds["bucket"] === news.bucket,

  async create(ctx, args: BucketInputs) {
    // Asked only when create-bucket is refused: a bucket costs nothing, so no call is spent before.
    await createBucket(ctx, args);
    ctx.created(args.bucket, { bucketName: args.bucket });
    // A bucket this attempt made has what create-bucket was given: the ACL, this create's marker tag,
    // versioning off (inferred: versioning is a separate call, off until enabled). One an earlier
    // attempt made (replaying), or one made for public write (grants need the owner), is read.
    const fresh = !ctx.replaying && args.acl !== "public-read-write";
    const live: Settings = fresh
      ? { acl: args.acl, ownerId: undefined, versioning: false, tags: { [CREATE_MARKER_TAG]: ctx.clientToken } }
      : await readSettings(ctx, args.regionId, args.bucket);
    await converge(ctx, args.regionId, args.bucket, args, live);
    const settings: Settings = { acl: args.acl, ownerId: live.ownerId, versioning: args.versioning, tags: { ...args.tags } };
    return { id: args.bucket, outputs: outputsOf(args.bucket, await describeMade(ctx, args.regionId, args.bucket, settings)) };
  },

  async read(ctx, id, state) {
    const found = await describeExisting(ctx, state["regionId"] as string, id);
    if (!found) return undefined;
    const { info, settings } = found;
    const userTags = Object.fromEntries(Object.entries(settings.tags).filter(([key]) => key !== CREATE_MARKER_TAG));
    return {
      inputs: {
        bucket: id,
        acl: settings.acl,
        storageType: info.storageType as BucketInputs["storageType"],
        azPolicy: info.AZPolicy as BucketInputs["azPolicy"],
        isEncrypted: Boolean(info.cmkUUID),
        versioning: settings.versioning,
        tags: userTags,
      },
      outputs: outputsOf(id, found),
    };
  },

  async update(ctx, id, _olds, news: BucketInputs) {
    // Compared with the cloud, not the old state: this also resumes a partial create and converges an adoption.
    await converge(ctx, news.regionId, id, news, await readSettings(ctx, news.regionId, id));
    return outputsOf(id, await describeWhenVisible(ctx, news.regionId, id));
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    try {
      if (state["forceDestroy"] === true) await emptyBucket(ctx, regionID, id);
      await ctx.client.send(DeleteBucket, { bucket: id, regionID });
    } catch (error) {
      if (isBucketNotFound(error)) return;
      // Refused, whatever the code: objects left in it are the usual reason, and a listing tells.
      if (isServiceError(error) && (await holdsObjects(ctx, regionID, id).catch(() => false))) {
        throw new Error(
          `bucket ${id} is not empty (${error.serviceMessage}). Delete its objects first, or set forceDestroy: true on the resource ` +
            "and run `pulumi up` before deleting it, to let Pulumi delete every object version (this cannot be undone).",
          { cause: error },
        );
      }
      throw error;
    }
  },
});
