/**
 * Multipart upload: CreateMultipartUpload, UploadPart (streamed into one blob per part),
 * CompleteMultipartUpload (the object's body is the named parts' blobs in order; S3's ETag
 * `md5(part md5s)-N`), AbortMultipartUpload, ListParts and ListMultipartUploads.
 */
import { createHash } from "node:crypto";
import { attributesFrom, requireWriter } from "./attributes";
import { MAX_UPLOAD_BYTES, receiveBody } from "./body";
import { S3Error, s3Errors } from "./errors";
import { readSmallBody, isoDate, xmlReply, type HandlerEnv, type Reply, type S3Request } from "./http";
import { checkWriteConditions } from "./object-handlers";
import { newBlobId, ObjectStore } from "./object-store";
import { childText, parseXml, S3_NAMESPACE, xmlDocument } from "./xml";

/** S3: parts are 5 MiB at least, except the last; 1–10,000 of them. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
const MAX_PARTS = 10_000;

export function createMultipartUpload(request: S3Request, env: HandlerEnv): Reply {
  const attributes = attributesFrom(request);
  const upload = env.host.transaction(() => {
    const store = new ObjectStore(env.host.context);
    const where = store.bucket(request.bucket);
    requireWriter(request, where.bucket);
    return store.createUpload(where, { ...attributes, bucket: request.bucket, key: request.key, storageClass: request.header("x-amz-storage-class") ?? where.bucket.storageType });
  });
  return xmlReply(xmlDocument("InitiateMultipartUploadResult", { Bucket: upload.bucket, Key: upload.key, UploadId: upload.uploadId }, S3_NAMESPACE));
}

function partNumberOf(request: S3Request): number {
  const text = request.query.get("partNumber") ?? "";
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > MAX_PARTS) throw s3Errors.invalidArgument(`Part number must be an integer between 1 and ${MAX_PARTS}, inclusive`, "partNumber", text);
  return n;
}

export async function uploadPart(request: S3Request, env: HandlerEnv): Promise<Reply> {
  const partNumber = partNumberOf(request);
  const uploadId = request.query.get("uploadId")!;
  env.host.transaction(() => {
    const store = new ObjectStore(env.host.context);
    store.upload(store.bucket(request.bucket), request.key, uploadId);
  });
  const blob = newBlobId();
  const writer = env.host.context.store.blobs.writer(blob);
  try {
    const received = await receiveBody(request, request.caller, writer);
    const ETag = `"${received.md5.toString("hex")}"`;
    env.host.transaction(() => {
      const store = new ObjectStore(env.host.context);
      store.putPart(store.bucket(request.bucket), request.key, uploadId, { partNumber, ETag, size: received.size, blob, lastModified: env.host.context.clock() });
    });
    const checksum = received.checksum ? { [`x-amz-checksum-${received.checksum.algorithm}`]: received.checksum.value } : {};
    return { status: 200, headers: { etag: ETag, ...checksum } };
  } catch (error) {
    writer.discard();
    throw error;
  }
}

export async function completeMultipartUpload(request: S3Request, env: HandlerEnv): Promise<Reply> {
  const uploadId = request.query.get("uploadId")!;
  const document = parseXml(await readSmallBody(request));
  if (document?.name !== "CompleteMultipartUpload") throw s3Errors.malformedXml();
  const named = document.children.filter((c) => c.name === "Part").map((p) => ({ partNumber: Number(childText(p, "PartNumber")), etag: (childText(p, "ETag") ?? "").replace(/"/g, "") }));
  if (named.length === 0) throw s3Errors.malformedXml();
  return env.host.transaction(() => {
    const store = new ObjectStore(env.host.context);
    const where = store.bucket(request.bucket);
    const upload = store.upload(where, request.key, uploadId);
    checkWriteConditions(request, store, where);
    const chosen = named.map((want, index) => {
      if (index > 0 && want.partNumber <= named[index - 1]!.partNumber) throw new S3Error("InvalidPartOrder", 400, "The list of parts was not in ascending order. The parts list must be specified in order by part number.");
      const part = upload.parts.find((p) => p.partNumber === want.partNumber);
      if (!part || part.ETag.replace(/"/g, "") !== want.etag) {
        throw new S3Error("InvalidPart", 400, "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.", { UploadId: uploadId, PartNumber: String(want.partNumber), ETag: want.etag });
      }
      return part;
    });
    chosen.slice(0, -1).forEach((part) => {
      if (part.size < MIN_PART_BYTES) throw new S3Error("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed object size.", { PartNumber: String(part.partNumber), ProposedSize: String(part.size), MinSizeAllowed: String(MIN_PART_BYTES) });
    });
    const size = chosen.reduce((sum, p) => sum + p.size, 0);
    if (size > MAX_UPLOAD_BYTES * 1000) throw s3Errors.entityTooLarge(size, MAX_UPLOAD_BYTES * 1000);
    const digest = createHash("md5").update(Buffer.concat(chosen.map((p) => Buffer.from(p.ETag.replace(/"/g, ""), "hex")))).digest("hex");
    const { uploadId: _u, initiated: _i, parts: _p, bucket: _b, ...attributes } = upload;
    const version = store.put(where, {
      ...attributes,
      key: request.key,
      size,
      ETag: `"${digest}-${chosen.length}"`,
      body: chosen.filter((p) => p.size > 0).map((p) => ({ blob: p.blob, size: p.size })),
      partCount: chosen.length,
    });
    store.finishUpload(where, upload, new Set(chosen.map((p) => p.blob)));
    const headers = where.bucket.versioning === "" ? {} : { "x-amz-version-id": version.versionID };
    const location = `/${request.bucket}/${request.key}`;
    return xmlReply(xmlDocument("CompleteMultipartUploadResult", { Location: location, Bucket: request.bucket, Key: request.key, ETag: version.ETag }, S3_NAMESPACE), headers);
  });
}

export function abortMultipartUpload(request: S3Request, env: HandlerEnv): Reply {
  env.host.transaction(() => {
    const store = new ObjectStore(env.host.context);
    const where = store.bucket(request.bucket);
    store.finishUpload(where, store.upload(where, request.key, request.query.get("uploadId")!), new Set());
  });
  return { status: 204 };
}

export function listParts(request: S3Request, env: HandlerEnv): Reply {
  const uploadId = request.query.get("uploadId")!;
  const upload = env.host.transaction(() => {
    const store = new ObjectStore(env.host.context);
    return store.upload(store.bucket(request.bucket), request.key, uploadId);
  });
  const marker = Number(request.query.get("part-number-marker") ?? "0");
  const maxParts = Math.min(1000, Number(request.query.get("max-parts") ?? "1000") || 1000);
  const after = upload.parts.filter((p) => p.partNumber > marker);
  const page = after.slice(0, maxParts);
  return xmlReply(
    xmlDocument("ListPartsResult", {
      Bucket: upload.bucket, Key: upload.key, UploadId: uploadId, StorageClass: upload.storageClass,
      PartNumberMarker: marker, NextPartNumberMarker: page.length > 0 ? page[page.length - 1]!.partNumber : marker,
      MaxParts: maxParts, IsTruncated: after.length > page.length,
      Part: page.map((p) => ({ PartNumber: p.partNumber, LastModified: isoDate(p.lastModified), ETag: p.ETag, Size: p.size })),
    }, S3_NAMESPACE),
  );
}

export function listMultipartUploads(request: S3Request, env: HandlerEnv): Reply {
  const prefix = request.query.get("prefix") ?? "";
  const uploads = env.host.transaction(() => {
    const store = new ObjectStore(env.host.context);
    return store.uploadsOf(store.bucket(request.bucket));
  }).filter((u) => u.key.startsWith(prefix)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.initiated - b.initiated));
  return xmlReply(
    xmlDocument("ListMultipartUploadsResult", {
      Bucket: request.bucket, Prefix: prefix, MaxUploads: 1000, IsTruncated: false,
      Upload: uploads.map((u) => ({ Key: u.key, UploadId: u.uploadId, Initiated: isoDate(u.initiated), StorageClass: u.storageClass })),
    }, S3_NAMESPACE),
  );
}
