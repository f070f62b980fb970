/**
 * Bucket-level S3 operations on the ZOS object store: ListBuckets, HeadBucket, GetBucketLocation,
 * GetBucketVersioning, ListObjects (v1 and v2: prefix, delimiter, markers, continuation tokens,
 * `encoding-type=url`), ListObjectVersions and DeleteObjects. Buckets themselves are created and
 * configured through the EOP API (`/v4/oss/*`), as on ZOS.
 */
import { ZosBackend } from "../backend";
import { listObjects } from "../objects";
import { ACCOUNT, MAX_KEYS, type BucketObjectVersion } from "../records";
import { publiclyReadable } from "./attributes";
import { s3Errors } from "./errors";
import { isoDate, readSmallBody, xmlReply, type HandlerEnv, type Reply, type S3Request } from "./http";
import { ObjectStore } from "./object-store";
import { childText, escapeXml, parseXml, S3_NAMESPACE, xmlDocument, type XmlObject } from "./xml";

const owner = { ID: ACCOUNT.ID, DisplayName: ACCOUNT.displayName };

export function listBuckets(request: S3Request, env: HandlerEnv): Reply {
  if (!request.caller) throw s3Errors.accessDenied();
  const regions = env.host.context.backend("catalog").regions().map((r) => r.regionID);
  const buckets = env.host.transaction(() => new ZosBackend(env.host.context).list({ regionIDs: regions }));
  return xmlReply(xmlDocument("ListAllMyBucketsResult", { Owner: owner, Buckets: { Bucket: buckets.map(({ bucket }) => ({ Name: bucket.bucket, CreationDate: isoDate(bucket.ctime) })) } }, S3_NAMESPACE));
}

function readableBucket(request: S3Request, env: HandlerEnv) {
  const where = env.host.transaction(() => new ObjectStore(env.host.context).bucket(request.bucket));
  if (!request.caller && !publiclyReadable(where.bucket)) throw s3Errors.accessDenied();
  return where;
}

export function headBucket(request: S3Request, env: HandlerEnv): Reply {
  const where = readableBucket(request, env);
  return { status: 200, headers: { "x-amz-bucket-region": where.regionID } };
}

export function getBucketLocation(request: S3Request, env: HandlerEnv): Reply {
  const where = readableBucket(request, env);
  return xmlReply(xmlDocument("LocationConstraint", {}).replace("<LocationConstraint></LocationConstraint>", `<LocationConstraint xmlns="${S3_NAMESPACE}">${escapeXml(where.regionID)}</LocationConstraint>`));
}

export function getBucketVersioning(request: S3Request, env: HandlerEnv): Reply {
  const { bucket } = readableBucket(request, env);
  return xmlReply(xmlDocument("VersioningConfiguration", bucket.versioning ? { Status: bucket.versioning } : {}, S3_NAMESPACE));
}

function maxKeysOf(request: S3Request): number {
  const text = request.query.get("max-keys");
  if (text === undefined) return MAX_KEYS;
  if (!/^\d+$/.test(text)) throw s3Errors.invalidArgument("Provided max-keys not an integer or within integer range", "max-keys", text);
  return Math.min(Number(text), MAX_KEYS);
}

function objectEntry(o: BucketObjectVersion, encode: (s: string) => string, withOwner: boolean): XmlObject {
  return { Key: encode(o.key), LastModified: isoDate(o.lastModified), ETag: o.ETag, Size: o.size, StorageClass: o.storageClass, ...(withOwner ? { Owner: owner } : {}) };
}

/** ListObjects (v1) and ListObjectsV2 (`list-type=2`). */
export function listObjectsHandler(request: S3Request, env: HandlerEnv): Reply {
  const where = readableBucket(request, env);
  const v2 = request.query.get("list-type") === "2";
  const encodingType = request.query.get("encoding-type");
  if (encodingType !== undefined && encodingType !== "url") throw s3Errors.invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", encodingType);
  const encode = (s: string): string => (encodingType === "url" ? encodeURIComponent(s).replace(/%2F/g, "/") : s);
  const prefix = request.query.get("prefix") ?? "";
  const delimiter = request.query.get("delimiter") ?? "";
  const maxKeys = maxKeysOf(request);
  const token = request.query.get("continuation-token");
  let marker = v2 ? (request.query.get("start-after") ?? "") : (request.query.get("marker") ?? "");
  if (v2 && token !== undefined) {
    const decoded = Buffer.from(token, "base64url").toString("utf8");
    if (!decoded.startsWith("k:")) throw s3Errors.invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
    marker = decoded.slice(2) > marker ? decoded.slice(2) : marker;
  }
  const listing = maxKeys === 0
    ? { contents: [], commonPrefixes: [], isTruncated: false, nextMarker: "" }
    : listObjects(where.bucket.objects, { prefix, marker, delimiter, maxKeys });
  const common = {
    Name: request.bucket,
    Prefix: encode(prefix),
    ...(delimiter ? { Delimiter: encode(delimiter) } : {}),
    MaxKeys: maxKeys,
    ...(encodingType ? { EncodingType: encodingType } : {}),
    IsTruncated: listing.isTruncated,
  };
  const contents = listing.contents.map((o) => objectEntry(o, encode, !v2 || request.query.get("fetch-owner") === "true"));
  const prefixes = listing.commonPrefixes.map((p) => ({ Prefix: encode(p) }));
  if (v2) {
    return xmlReply(xmlDocument("ListBucketResult", {
      ...common,
      KeyCount: contents.length + prefixes.length,
      ...(token !== undefined ? { ContinuationToken: token } : {}),
      ...(listing.isTruncated ? { NextContinuationToken: Buffer.from(`k:${listing.nextMarker}`).toString("base64url") } : {}),
      ...(request.query.has("start-after") ? { StartAfter: encode(request.query.get("start-after")!) } : {}),
      Contents: contents,
      CommonPrefixes: prefixes,
    }, S3_NAMESPACE));
  }
  return xmlReply(xmlDocument("ListBucketResult", {
    ...common,
    Marker: encode(marker),
    ...(listing.isTruncated && delimiter ? { NextMarker: encode(listing.nextMarker) } : {}),
    Contents: contents,
    CommonPrefixes: prefixes,
  }, S3_NAMESPACE));
}

/** ListObjectVersions: every version and delete marker, key ascending, newest first per key. */
export function listObjectVersionsHandler(request: S3Request, env: HandlerEnv): Reply {
  const where = readableBucket(request, env);
  const prefix = request.query.get("prefix") ?? "";
  const keyMarker = request.query.get("key-marker") ?? "";
  const versionMarker = request.query.get("version-id-marker") ?? "";
  const maxKeys = maxKeysOf(request);
  const entries = where.bucket.objects
    .map((o, index) => ({ o, index }))
    .filter(({ o }) => o.key.startsWith(prefix))
    .sort((a, b) => (a.o.key < b.o.key ? -1 : a.o.key > b.o.key ? 1 : b.index - a.index));
  const latestIndex = new Map<string, number>();
  for (const { o, index } of entries) if (!latestIndex.has(o.key)) latestIndex.set(o.key, index);
  let start = entries.findIndex(({ o }) => o.key > keyMarker);
  if (keyMarker && versionMarker) {
    const at = entries.findIndex(({ o }) => o.key === keyMarker && o.versionID === versionMarker);
    if (at >= 0) start = at + 1;
  }
  const rest = start < 0 ? [] : entries.slice(start);
  const page = rest.slice(0, maxKeys);
  const last = page[page.length - 1]?.o;
  const body = page
    .map(({ o, index }) => {
      const common = `<Key>${escapeXml(o.key)}</Key><VersionId>${escapeXml(o.versionID)}</VersionId><IsLatest>${latestIndex.get(o.key) === index}</IsLatest><LastModified>${isoDate(o.lastModified)}</LastModified><Owner><ID>${owner.ID}</ID><DisplayName>${owner.DisplayName}</DisplayName></Owner>`;
      return o.isDeleteMarker
        ? `<DeleteMarker>${common}</DeleteMarker>`
        : `<Version>${common}<ETag>${escapeXml(o.ETag)}</ETag><Size>${o.size}</Size><StorageClass>${escapeXml(o.storageClass)}</StorageClass></Version>`;
    })
    .join("");
  const truncated = rest.length > page.length;
  const head = xmlDocument("ListVersionsResult", {
    Name: request.bucket, Prefix: prefix, KeyMarker: keyMarker, VersionIdMarker: versionMarker, MaxKeys: maxKeys, IsTruncated: truncated,
    ...(truncated && last ? { NextKeyMarker: last.key, NextVersionIdMarker: last.versionID } : {}),
  }, S3_NAMESPACE);
  return xmlReply(head.replace(/<\/ListVersionsResult>$/, `${body}</ListVersionsResult>`));
}

export async function deleteObjectsHandler(request: S3Request, env: HandlerEnv): Promise<Reply> {
  const document = parseXml(await readSmallBody(request));
  if (document?.name !== "Delete") throw s3Errors.malformedXml();
  const quiet = childText(document, "Quiet") === "true";
  const targets = document.children.filter((c) => c.name === "Object").map((o) => ({ key: childText(o, "Key") ?? "", versionID: childText(o, "VersionId") }));
  if (targets.length === 0 || targets.length > MAX_KEYS || targets.some((t) => t.key === "")) throw s3Errors.malformedXml();
  const deleted = env.host.transaction(() => {
    const store = new ObjectStore(env.host.context);
    const where = store.bucket(request.bucket);
    if (!request.caller) throw s3Errors.accessDenied();
    return store.delete(where, targets);
  });
  const entries = quiet ? [] : deleted.map((d) => ({
    Key: d.key,
    ...(d.versionID ? { VersionId: d.versionID } : {}),
    ...(d.deleteMarker ? { DeleteMarker: true, DeleteMarkerVersionId: d.deleteMarkerVersionID } : {}),
  }));
  return xmlReply(xmlDocument("DeleteResult", { Deleted: entries }, S3_NAMESPACE));
}
