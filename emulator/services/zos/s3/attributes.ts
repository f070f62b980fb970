/**
 * What an object keeps from its upload's headers (Content-Type, the standard headers, `x-amz-meta-*`,
 * `x-amz-tagging`, `x-amz-acl`) and how GET/HEAD answer them; who may read or write without a
 * signature (public ACLs).
 */
import type { Bucket } from "../backend";
import { STORED_OBJECT_HEADERS, type BucketObjectVersion, type ObjectAttributes } from "../records";
import { S3Error, s3Errors } from "./errors";
import { httpDate, type S3Request } from "./http";
import { queryPairs } from "./sigv4";

export const OBJECT_ACLS = ["private", "public-read", "public-read-write", "authenticated-read", "aws-exec-read", "bucket-owner-read", "bucket-owner-full-control"] as const;
/** S3's object tag limits. */
const MAX_OBJECT_TAGS = 10;

export function requireTags(tags: Array<{ key: string; value: string }>): Array<{ key: string; value: string }> {
  if (tags.length > MAX_OBJECT_TAGS) throw new S3Error("BadRequest", 400, `Object tags cannot be greater than ${MAX_OBJECT_TAGS}`);
  const seen = new Set<string>();
  for (const { key, value } of tags) {
    if ([...key].length < 1 || [...key].length > 128 || [...value].length > 256) throw new S3Error("InvalidTag", 400, "The TagKey you have provided is invalid (1-128 characters; values up to 256)");
    if (seen.has(key)) throw new S3Error("InvalidTag", 400, "Cannot provide multiple Tags with the same key");
    seen.add(key);
  }
  return tags;
}

export function requireAcl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!(OBJECT_ACLS as readonly string[]).includes(value)) throw s3Errors.invalidArgument(`x-amz-acl must be one of ${OBJECT_ACLS.join(", ")}`, "x-amz-acl", value);
  return value;
}

/** The attributes a PutObject / CreateMultipartUpload / CopyObject (REPLACE) sets. */
export function attributesFrom(request: S3Request): ObjectAttributes {
  const headers: Record<string, string> = {};
  for (const name of STORED_OBJECT_HEADERS) {
    let value = request.header(name);
    // aws-chunked is the transfer's encoding, not the object's.
    if (name === "content-encoding" && value !== undefined) value = value.split(",").map((v) => v.trim()).filter((v) => v !== "aws-chunked").join(", ");
    if (value) headers[name] = value;
  }
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.incoming.headers)) {
    if (name.startsWith("x-amz-meta-") && value !== undefined) metadata[name.slice("x-amz-meta-".length)] = Array.isArray(value) ? value.join(",") : value;
  }
  const tagging = request.header("x-amz-tagging");
  const acl = requireAcl(request.header("x-amz-acl"));
  return {
    contentType: request.header("content-type") ?? "binary/octet-stream",
    headers,
    metadata,
    tags: tagging ? requireTags(queryPairs(tagging).map(([key, value]) => ({ key, value }))) : [],
    ...(acl ? { acl } : {}),
  };
}

export function etagOf(version: BucketObjectVersion): string {
  return version.ETag;
}

/** GET/HEAD headers of a stored version. */
export function objectHeaders(bucket: Bucket, version: BucketObjectVersion): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": version.contentType ?? "binary/octet-stream",
    etag: version.ETag,
    "last-modified": httpDate(version.lastModified),
    "accept-ranges": "bytes",
    ...(version.headers ?? {}),
  };
  for (const [name, value] of Object.entries(version.metadata ?? {})) headers[`x-amz-meta-${name}`] = value;
  if ((version.tags ?? []).length > 0) headers["x-amz-tagging-count"] = String(version.tags!.length);
  if (bucket.versioning !== "" || version.versionID !== "null") headers["x-amz-version-id"] = version.versionID;
  if (version.storageClass !== "STANDARD") headers["x-amz-storage-class"] = version.storageClass;
  if (version.partCount !== undefined) headers["x-amz-mp-parts-count"] = String(version.partCount);
  return headers;
}

const PUBLIC_READ = new Set(["public-read", "public-read-write"]);

/** Anonymous reads: an object or bucket ACL granting AllUsers READ (ZOS, like other S3-compatible stores, reads a public-read bucket's objects as public: inferred). */
export function publiclyReadable(bucket: Bucket, version?: BucketObjectVersion): boolean {
  return PUBLIC_READ.has(bucket.ACL) || (version?.acl !== undefined && PUBLIC_READ.has(version.acl));
}

export function requireReader(request: S3Request, bucket: Bucket, version?: BucketObjectVersion): void {
  if (!request.caller && !publiclyReadable(bucket, version)) throw s3Errors.accessDenied();
}

/** Anonymous writes only into a bucket granting AllUsers WRITE (public-read-write). */
export function requireWriter(request: S3Request, bucket: Bucket): void {
  if (!request.caller && bucket.ACL !== "public-read-write") throw s3Errors.accessDenied();
}
