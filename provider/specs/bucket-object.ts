/**
 * BucketObject: one object in a ZOS bucket, written through the S3 data endpoint (as CTyun's
 * Terraform provider does: `resource_ctyun_zos_bucket_object.go`). Its bytes come from `content` or
 * a local file (`source`); `sourceHash` (their MD5, computed in check) is what the diff compares, so
 * an unchanged file is never uploaded again. Content and headers update by uploading again (S3 has
 * no partial update); tags and the ACL update in place; bucket, key and region replace.
 */
import { createHash } from "node:crypto";
import { openSync, readSync, closeSync, statSync } from "node:fs";
import { z } from "zod";
import { isS3Error, type ZosS3Client } from "../client/s3/client";
import { deleteObject, getTags, headObject, putAcl, putBuffer, putFile, putTags, type ObjectHeaders } from "../client/s3/objects";
import { isServiceError } from "../client/errors";
import { DeleteObjects, ListObjectVersions, NO_SUCH_BUCKET } from "../client/operations/zos";
import type { HandlerContext } from "../lifecycle/context";
import { regionId } from "../lifecycle/fields";
import { defineResource } from "../lifecycle/spec";
import { zosS3 } from "./zos-s3";

export const OBJECT_ACLS = ["private", "public-read", "public-read-write"] as const;
const STORAGE_TYPES = ["STANDARD", "STANDARD_IA", "GLACIER"] as const;
const stringMap = z.record(z.string(), z.string());

const inputs = z.object({
  bucket: z.string().min(3, "must name the bucket (3-63 characters)").max(63, "must name the bucket (3-63 characters)"),
  key: z.string().min(1, "must not be empty").refine((k) => Buffer.byteLength(k) <= 1024, "must be at most 1024 bytes in UTF-8"),
  content: z.string().optional(),
  source: z.string().min(1, "must be a file path").optional(),
  sourceHash: z.string().optional(),
  contentType: z.string().optional(),
  cacheControl: z.string().optional(),
  contentEncoding: z.string().optional(),
  contentDisposition: z.string().optional(),
  metadata: stringMap.refine((m) => Object.keys(m).every((k) => /^[A-Za-z0-9_-]+$/.test(k)), "metadata names may hold letters, digits, '-' and '_' only").default({}),
  tags: stringMap.refine((t) => Object.keys(t).length <= 10, "at most 10 tags per object").default({}),
  acl: z.enum(OBJECT_ACLS).default("private"),
  storageType: z.enum(STORAGE_TYPES).optional(),
  forceDestroy: z.boolean().default(false),
  regionId,
});

type BucketObjectInputs = z.output<typeof inputs>;

export interface BucketObjectOutputs {
  /** `<bucket>/<key>`. */
  objectId: string;
  etag: string;
  versionId: string | undefined;
  size: number;
}

/** MD5 hex of a file, read in 1 MiB pieces. */
export function fileMd5(path: string): string {
  const hash = createHash("md5");
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(1024 * 1024);
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) hash.update(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

function headersOf(args: BucketObjectInputs): ObjectHeaders {
  return {
    contentType: args.contentType,
    cacheControl: args.cacheControl,
    contentEncoding: args.contentEncoding,
    contentDisposition: args.contentDisposition,
    metadata: args.metadata,
    tags: args.tags,
    acl: args.acl,
    storageClass: args.storageType,
  };
}

async function upload(ctx: HandlerContext, s3: ZosS3Client, args: BucketObjectInputs): Promise<BucketObjectOutputs> {
  const headers = headersOf(args);
  const done = args.source !== undefined
    ? await putFile(s3, args.bucket, args.key, args.source, headers, (line) => ctx.progress(line))
    : await putBuffer(s3, args.bucket, args.key, Buffer.from(args.content ?? "", "utf8"), headers);
  return { objectId: `${args.bucket}/${args.key}`, etag: done.etag, versionId: done.versionId, size: done.size };
}

const splitId = (id: string): { bucket: string; key: string } => ({ bucket: id.slice(0, id.indexOf("/")), key: id.slice(id.indexOf("/") + 1) });

/** Every version and delete marker of exactly `key` (list-object-versions pages by key). */
async function versionsOf(ctx: HandlerContext, regionID: string, bucket: string, key: string): Promise<string[]> {
  const ids: string[] = [];
  let keyMarker: string | undefined;
  for (;;) {
    // list-object-versions never lists the key equal to its prefix (its doc), so ask one character shorter.
    const page = await ctx.client.send(ListObjectVersions, { regionID, bucket, prefix: key.slice(0, -1), ...(keyMarker ? { keyMarker } : {}) });
    for (const entry of page.keys) if (entry.key === key) ids.push(...entry.versions.map((v) => v.versionID));
    ids.push(...page.deleteMarkers.filter((m) => m.key === key).map((m) => m.versionID));
    if (!page.nextKeyMarker || page.keys.every((k) => k.key > key)) return ids;
    keyMarker = page.nextKeyMarker;
  }
}

export const bucketObjectSpec = defineResource({
  type: "BucketObject",
  inputs,
  outputs: { objectId: true, etag: true, versionId: true, size: true },
  createOnly: ["bucket", "key", "regionId"],
  settingDefaults: { regionId: "regionId" },
  // Objects are found with HeadObject (404 = gone): no EOP not-found code is involved.
  notFoundCodes: [],
  timeouts: { create: 30 * 60_000, update: 30 * 60_000, delete: 5 * 60_000 },
  idOutput: "objectId",

  crossCheck(args, _known, _olds, given) {
    if (given("content") === given("source")) return [{ property: given("content") ? "source" : "content", reason: "give exactly one of content and source" }];
    return [];
  },

  defaults(args, known) {
    if (known("content") && args.content !== undefined) return { sourceHash: createHash("md5").update(args.content, "utf8").digest("hex") };
    if (known("source") && args.source !== undefined) {
      try {
        if (statSync(args.source).isFile()) return { sourceHash: fileMd5(args.source) };
      } catch {
        // A missing file fails the upload with its own message; the hash stays unset.
      }
    }
    return {};
  },

  async create(ctx, args: BucketObjectInputs) {
    const s3 = await zosS3(ctx, args.regionId);
    const existing = await headObject(s3, args.bucket, args.key);
    // An object already at this key is somebody's: another stack's, or this create's own earlier
    // attempt (a rerun after a crash), which alone may be taken over.
    if (existing && !ctx.replaying) {
      throw new Error(`an object already exists at ${args.bucket}/${args.key}: choose another key, or take the existing one under management with adoptId`);
    }
    const outputs = await upload(ctx, s3, args);
    ctx.created(outputs.objectId, outputs);
    return { id: outputs.objectId, outputs };
  },

  async read(ctx, id, state) {
    const { bucket, key } = splitId(id);
    const s3 = await zosS3(ctx, state["regionId"] as string);
    const head = await headObject(s3, bucket, key);
    if (!head) return undefined;
    const tags = await getTags(s3, bucket, key);
    // A simple upload's ETag is the MD5 of its bytes; a multipart one's is not, so it is compared with the state's.
    const plain = /^"?[0-9a-f]{32}"?$/.test(head.etag);
    const sourceHash = plain ? head.etag.replace(/"/g, "") : head.etag === state["etag"] ? (state["sourceHash"] as string | undefined) : `etag:${head.etag}`;
    return {
      inputs: {
        bucket, key, tags, metadata: head.metadata,
        ...(sourceHash !== undefined ? { sourceHash } : {}),
        ...(head.contentType !== undefined ? { contentType: head.contentType } : {}),
        ...(head.cacheControl !== undefined ? { cacheControl: head.cacheControl } : {}),
        ...(head.contentEncoding !== undefined ? { contentEncoding: head.contentEncoding } : {}),
        ...(head.contentDisposition !== undefined ? { contentDisposition: head.contentDisposition } : {}),
      },
      outputs: { objectId: id, etag: head.etag, versionId: head.versionId, size: head.size },
    };
  },

  async update(ctx, id, olds, news: BucketObjectInputs, changed) {
    const s3 = await zosS3(ctx, news.regionId);
    const onlyInPlace = changed.length > 0 && changed.every((c) => c === "tags" || c === "acl" || c === "forceDestroy");
    if (!onlyInPlace) return upload(ctx, s3, news);
    if (changed.includes("tags")) await putTags(s3, news.bucket, news.key, news.tags);
    if (changed.includes("acl")) await putAcl(s3, news.bucket, news.key, news.acl);
    const head = await headObject(s3, news.bucket, news.key);
    if (!head) throw new Error(`object ${id} no longer exists`);
    return { objectId: id, etag: head.etag, versionId: head.versionId, size: head.size ?? olds["size"] };
  },

  async delete(ctx, id, state) {
    const { bucket, key } = splitId(id);
    const regionID = state["regionId"] as string;
    const s3 = await zosS3(ctx, regionID);
    try {
      if (state["forceDestroy"] === true) {
        const versions = await versionsOf(ctx, regionID, bucket, key);
        if (versions.length > 0) {
          for (let i = 0; i < versions.length; i += 1000) {
            await ctx.client.send(DeleteObjects, { regionID, bucket, delete: { objects: versions.slice(i, i + 1000).map((versionID) => ({ key, versionID })), quiet: true } });
          }
          return;
        }
      }
      await deleteObject(s3, bucket, key);
    } catch (error) {
      // The bucket went first (or with it): nothing is left to delete.
      if (isS3Error(error, "NoSuchBucket") || (isServiceError(error) && error.errorCode === NO_SUCH_BUCKET)) return;
      throw error;
    }
  },
});
