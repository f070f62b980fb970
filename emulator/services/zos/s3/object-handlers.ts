/**
 * PutObject, GetObject/HeadObject (Range, conditional headers), DeleteObject and CopyObject. Bodies
 * stream: an upload goes into a blob as it arrives and becomes the object only when the whole body
 * checked out; a download reads the blob chunk by chunk.
 */
import type { Bucket } from "../backend";
import type { BucketObjectVersion } from "../records";
import { attributesFrom, objectHeaders, requireReader, requireWriter } from "./attributes";
import { receiveBody } from "./body";
import { S3Error, s3Errors } from "./errors";
import { etagMatches, httpDate, isoDate, xmlReply, type HandlerEnv, type Reply, type S3Request } from "./http";
import { newBlobId, ObjectStore, type Located } from "./object-store";
import { xmlDocument } from "./xml";

/** Conditional writes (S3 If-None-Match: * and If-Match on PutObject / CompleteMultipartUpload). */
export function checkWriteConditions(request: S3Request, store: ObjectStore, where: Located): void {
  const ifNoneMatch = request.header("if-none-match");
  const ifMatch = request.header("if-match");
  if (ifNoneMatch === undefined && ifMatch === undefined) return;
  const latest = store.latest(where.bucket, request.key);
  const current = latest && !latest.isDeleteMarker ? latest : undefined;
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== "*") throw s3Errors.notImplemented("If-None-Match other than * on a write");
    if (current) throw s3Errors.preconditionFailed("If-None-Match");
  }
  if (ifMatch !== undefined) {
    if (!current) throw s3Errors.noSuchKey(request.key);
    if (!etagMatches(ifMatch, current.ETag)) throw s3Errors.preconditionFailed("If-Match");
  }
}

function versionHeader(bucket: Bucket, version: BucketObjectVersion): Record<string, string> {
  return bucket.versioning === "" ? {} : { "x-amz-version-id": version.versionID };
}

export async function putObject(request: S3Request, env: HandlerEnv): Promise<Reply> {
  const blobs = env.host.context.store.blobs;
  const attributes = attributesFrom(request);
  env.host.transaction(() => {
    const store = new ObjectStore(env.host.context);
    const where = store.bucket(request.bucket);
    requireWriter(request, where.bucket);
    checkWriteConditions(request, store, where);
  });
  const blob = newBlobId();
  const writer = blobs.writer(blob);
  try {
    const received = await receiveBody(request, request.caller, writer);
    const { where, version } = env.host.transaction(() => {
      const store = new ObjectStore(env.host.context);
      const where = store.bucket(request.bucket);
      checkWriteConditions(request, store, where);
      const storageClass = request.header("x-amz-storage-class");
      const version = store.put(where, {
        ...attributes,
        key: request.key,
        size: received.size,
        ETag: `"${received.md5.toString("hex")}"`,
        body: received.size > 0 ? [{ blob, size: received.size }] : [],
        ...(storageClass ? { storageClass } : {}),
        ...(received.checksum ? { checksum: received.checksum } : {}),
      });
      return { where, version };
    });
    if (received.size === 0) blobs.delete(blob);
    const checksum = received.checksum ? { [`x-amz-checksum-${received.checksum.algorithm}`]: received.checksum.value } : {};
    return { status: 200, headers: { etag: version.ETag, ...versionHeader(where.bucket, version), ...checksum } };
  } catch (error) {
    writer.discard();
    throw error;
  }
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n`; undefined = the whole object (absent or not a single range). */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? "");
  if (!m || (m[1] === "" && m[2] === "")) return undefined;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    return { start: Math.max(0, size - suffix), end: size };
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size : Math.min(size, Number(m[2]) + 1);
  if (start >= size || end <= start) throw new S3Error("InvalidRange", 416, "The requested range is not satisfiable", { RangeRequested: header!, ActualObjectSize: String(size) }, { "content-range": `bytes */${size}` });
  return { start, end };
}

/** S3's precedence of If-Match / If-Unmodified-Since (412) and If-None-Match / If-Modified-Since (304). */
function readConditions(request: S3Request, version: BucketObjectVersion): number | undefined {
  const seconds = Math.floor(version.lastModified / 1000) * 1000;
  const ifMatch = request.header("if-match");
  const ifNoneMatch = request.header("if-none-match");
  const since = Date.parse(request.header("if-modified-since") ?? "");
  const unmodifiedSince = Date.parse(request.header("if-unmodified-since") ?? "");
  if (ifMatch !== undefined ? !etagMatches(ifMatch, version.ETag) : !Number.isNaN(unmodifiedSince) && seconds > unmodifiedSince) return 412;
  if (ifNoneMatch !== undefined ? etagMatches(ifNoneMatch, version.ETag) : !Number.isNaN(since) && seconds <= since) return 304;
  return undefined;
}

function* objectBytes(env: HandlerEnv, version: BucketObjectVersion, start: number, end: number): Generator<Buffer> {
  if (!version.body) {
    // A metadata-only object patched in by a test reads as zeros.
    for (let at = start; at < end; at += 65536) yield Buffer.alloc(Math.min(65536, end - at));
    return;
  }
  let offset = 0;
  for (const segment of version.body) {
    const from = Math.max(start, offset), to = Math.min(end, offset + segment.size);
    if (from < to) yield* env.host.context.store.blobs.read(segment.blob, from - offset, to - offset);
    offset += segment.size;
  }
}

const RESPONSE_OVERRIDES = ["content-type", "content-language", "expires", "cache-control", "content-disposition", "content-encoding"] as const;

export function getObject(request: S3Request, env: HandlerEnv): Reply {
  const versionId = request.query.get("versionId");
  const { bucket, version } = env.host.transaction(() => {
    const store = new ObjectStore(env.host.context);
    const where = store.bucket(request.bucket);
    try {
      return { bucket: where.bucket, version: store.find(where.bucket, request.key, versionId) };
    } catch (error) {
      // Anonymous callers learn nothing about keys of a bucket they may not list.
      requireReader(request, where.bucket);
      throw error;
    }
  });
  if (version.isDeleteMarker) throw new S3Error("MethodNotAllowed", 405, "The specified method is not allowed against this resource.", {}, { "x-amz-delete-marker": "true", "x-amz-version-id": version.versionID, "last-modified": httpDate(version.lastModified) });
  requireReader(request, bucket, version);
  const headers = objectHeaders(bucket, version);
  const conditional = readConditions(request, version);
  if (conditional === 412) throw s3Errors.preconditionFailed(request.header("if-match") !== undefined ? "If-Match" : "If-Unmodified-Since");
  if (conditional === 304) return { status: 304, headers: { etag: version.ETag, "last-modified": headers["last-modified"]! } };
  if (request.caller) for (const name of RESPONSE_OVERRIDES) {
    const override = request.query.get(`response-${name}`);
    if (override !== undefined) headers[name] = override;
  }
  const range = parseRange(request.header("range"), version.size);
  const start = range?.start ?? 0, end = range?.end ?? version.size;
  headers["content-length"] = String(end - start);
  if (range) headers["content-range"] = `bytes ${start}-${end - 1}/${version.size}`;
  const body = request.method === "HEAD" ? undefined : objectBytes(env, version, start, end);
  return { status: range ? 206 : 200, headers, body };
}

export function deleteObject(request: S3Request, env: HandlerEnv): Reply {
  const versionId = request.query.get("versionId");
  const { bucket, deleted } = env.host.transaction(() => {
    const store = new ObjectStore(env.host.context);
    const where = store.bucket(request.bucket);
    requireWriter(request, where.bucket);
    return { bucket: where.bucket, deleted: store.delete(where, [{ key: request.key, versionID: versionId }])[0]! };
  });
  const headers: Record<string, string> = {};
  if (deleted.deleteMarker) headers["x-amz-delete-marker"] = "true";
  if (bucket.versioning !== "" || versionId !== undefined) headers["x-amz-version-id"] = versionId ?? deleted.deleteMarkerVersionID;
  return { status: 204, headers };
}

/** `x-amz-copy-source`: `[/]bucket/key[?versionId=…]`, URL-encoded. */
function copySource(request: S3Request): { bucket: string; key: string; versionId: string | undefined } {
  const raw = request.header("x-amz-copy-source") ?? "";
  const [path = "", query = ""] = raw.split("?");
  const decoded = decodeURIComponent(path).replace(/^\//, "");
  const slash = decoded.indexOf("/");
  if (slash <= 0 || slash === decoded.length - 1) throw s3Errors.invalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey", "x-amz-copy-source", raw);
  const versionId = new URLSearchParams(query).get("versionId") ?? undefined;
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1), versionId };
}

export function copyObject(request: S3Request, env: HandlerEnv): Reply {
  const source = copySource(request);
  const replaceMetadata = request.header("x-amz-metadata-directive") === "REPLACE";
  const replaceTags = request.header("x-amz-tagging-directive") === "REPLACE";
  const attributes = attributesFrom(request);
  const blobs = env.host.context.store.blobs;
  const copied: string[] = [];
  try {
    return env.host.transaction(() => {
      const store = new ObjectStore(env.host.context);
      const from = store.bucket(source.bucket);
      const original = store.find(from.bucket, source.key, source.versionId);
      if (original.isDeleteMarker) throw s3Errors.invalidRequest("The source of a copy request may not specifically refer to a delete marker by version id.");
      const ifMatch = request.header("x-amz-copy-source-if-match"), ifNoneMatch = request.header("x-amz-copy-source-if-none-match");
      if (ifMatch !== undefined && !etagMatches(ifMatch, original.ETag)) throw s3Errors.preconditionFailed("x-amz-copy-source-If-Match");
      if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, original.ETag)) throw s3Errors.preconditionFailed("x-amz-copy-source-If-None-Match");
      const storageClass = request.header("x-amz-storage-class");
      if (source.bucket === request.bucket && source.key === request.key && !replaceMetadata && !storageClass && source.versionId === undefined) {
        throw s3Errors.invalidRequest("This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
      }
      const to = source.bucket === request.bucket ? from : store.bucket(request.bucket);
      const body = (original.body ?? []).map((segment) => {
        const blob = newBlobId();
        blobs.copy(segment.blob, blob);
        copied.push(blob);
        return { blob, size: segment.size };
      });
      const { versionID: _v, isDeleteMarker: _d, lastModified: _l, acl: _a, ...kept } = original;
      const version = store.put(to, {
        ...kept,
        ...(replaceMetadata ? { contentType: attributes.contentType, headers: attributes.headers, metadata: attributes.metadata } : {}),
        tags: (replaceTags ? attributes.tags : original.tags) ?? [],
        ...(attributes.acl ? { acl: attributes.acl } : {}),
        key: request.key,
        ...(original.body ? { body } : {}),
        ...(storageClass ? { storageClass } : {}),
      });
      const headers: Record<string, string> = { ...versionHeader(to.bucket, version) };
      if (source.versionId !== undefined || from.bucket.versioning !== "") headers["x-amz-copy-source-version-id"] = original.versionID;
      return xmlReply(xmlDocument("CopyObjectResult", { LastModified: isoDate(version.lastModified), ETag: version.ETag }), headers);
    });
  } catch (error) {
    for (const blob of copied) blobs.delete(blob);
    throw error;
  }
}
