/**
 * The object operations BucketObject uses, over ZosS3Client: upload (one PutObject, or a multipart
 * upload whose parts are read one at a time from the file, with progress), head, tags, canned ACL
 * and delete. Each part is held in memory alone (`PART_BYTES`), never the whole file.
 */
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { isS3Error, type ZosS3Client } from "./client";
import { escapeXmlText } from "./xml";

/** Files at least this large go up in parts of this size (S3's minimum part is 5 MiB). */
export const PART_BYTES = 8 * 1024 * 1024;

export interface ObjectHeaders {
  readonly contentType?: string | undefined;
  readonly cacheControl?: string | undefined;
  readonly contentEncoding?: string | undefined;
  readonly contentDisposition?: string | undefined;
  readonly metadata?: Readonly<Record<string, string>> | undefined;
  readonly tags?: Readonly<Record<string, string>> | undefined;
  readonly acl?: string | undefined;
  readonly storageClass?: string | undefined;
}

export interface UploadResult {
  readonly etag: string;
  readonly versionId: string | undefined;
  readonly size: number;
}

function uploadHeaders(h: ObjectHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  if (h.contentType) out["content-type"] = h.contentType;
  if (h.cacheControl) out["cache-control"] = h.cacheControl;
  if (h.contentEncoding) out["content-encoding"] = h.contentEncoding;
  if (h.contentDisposition) out["content-disposition"] = h.contentDisposition;
  if (h.acl) out["x-amz-acl"] = h.acl;
  if (h.storageClass) out["x-amz-storage-class"] = h.storageClass;
  for (const [k, v] of Object.entries(h.metadata ?? {})) out[`x-amz-meta-${k.toLowerCase()}`] = v;
  const tags = Object.entries(h.tags ?? {});
  if (tags.length > 0) out["x-amz-tagging"] = tags.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  return out;
}

const header = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
const md5Base64 = (data: Buffer): string => createHash("md5").update(data).digest("base64");

export async function putBuffer(s3: ZosS3Client, bucket: string, key: string, body: Buffer, h: ObjectHeaders): Promise<UploadResult> {
  const res = await s3.send({ operation: "PutObject", method: "PUT", bucket, key, body, headers: { ...uploadHeaders(h), "content-md5": md5Base64(body) } });
  return { etag: header(res.headers.etag) ?? "", versionId: header(res.headers["x-amz-version-id"]), size: body.length };
}

/** Uploads a file: one PutObject under `PART_BYTES`, else a multipart upload (aborted on failure). */
export async function putFile(s3: ZosS3Client, bucket: string, key: string, path: string, h: ObjectHeaders, progress: (line: string) => void): Promise<UploadResult> {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    if (size < PART_BYTES) {
      const body = Buffer.alloc(size);
      await file.read(body, 0, size, 0);
      return await putBuffer(s3, bucket, key, body, h);
    }
    const created = await s3.send({ operation: "CreateMultipartUpload", method: "POST", bucket, key, query: { uploads: "" }, headers: uploadHeaders(h) });
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(created.body)?.[1];
    if (!uploadId) throw new Error(`CreateMultipartUpload for ${bucket}/${key} answered no UploadId`);
    const parts: string[] = [];
    const count = Math.ceil(size / PART_BYTES);
    try {
      const buffer = Buffer.alloc(PART_BYTES);
      for (let n = 1; n <= count; n++) {
        const { bytesRead } = await file.read(buffer, 0, PART_BYTES, (n - 1) * PART_BYTES);
        const part = buffer.subarray(0, bytesRead);
        const res = await s3.send({ operation: "UploadPart", method: "PUT", bucket, key, query: { partNumber: String(n), uploadId }, body: part, headers: { "content-md5": md5Base64(part) } });
        parts.push(header(res.headers.etag) ?? "");
        progress(`uploaded part ${n}/${count} of ${key} (${Math.round((Math.min(n * PART_BYTES, size) / size) * 100)}% of ${(size / 1048576).toFixed(1)} MiB)`);
      }
      const xml = `<CompleteMultipartUpload>${parts.map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${escapeXmlText(etag)}</ETag></Part>`).join("")}</CompleteMultipartUpload>`;
      const done = await s3.send({ operation: "CompleteMultipartUpload", method: "POST", bucket, key, query: { uploadId }, body: xml, headers: { "content-type": "application/xml" } });
      const etag = /<ETag>([^<]+)<\/ETag>/.exec(done.body)?.[1]?.replace(/&quot;/g, '"') ?? "";
      return { etag, versionId: header(done.headers["x-amz-version-id"]), size };
    } catch (error) {
      await s3.send({ operation: "AbortMultipartUpload", method: "DELETE", bucket, key, query: { uploadId } }).catch(() => undefined);
      throw error;
    }
  } finally {
    await file.close();
  }
}

export interface HeadResult {
  readonly etag: string;
  readonly versionId: string | undefined;
  readonly size: number;
  readonly contentType: string | undefined;
  readonly cacheControl: string | undefined;
  readonly contentEncoding: string | undefined;
  readonly contentDisposition: string | undefined;
  readonly metadata: Record<string, string>;
}

/** HeadObject; undefined when the key has no current object. */
export async function headObject(s3: ZosS3Client, bucket: string, key: string): Promise<HeadResult | undefined> {
  try {
    const res = await s3.send({ operation: "HeadObject", method: "HEAD", bucket, key });
    const metadata: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) if (name.startsWith("x-amz-meta-") && value !== undefined) metadata[name.slice(11)] = header(value)!;
    return {
      etag: header(res.headers.etag) ?? "",
      versionId: header(res.headers["x-amz-version-id"]),
      size: Number(header(res.headers["content-length"]) ?? "0"),
      contentType: header(res.headers["content-type"]),
      cacheControl: header(res.headers["cache-control"]),
      contentEncoding: header(res.headers["content-encoding"]),
      contentDisposition: header(res.headers["content-disposition"]),
      metadata,
    };
  } catch (error) {
    if (isS3Error(error) && error.status === 404) return undefined;
    throw error;
  }
}

export async function getTags(s3: ZosS3Client, bucket: string, key: string): Promise<Record<string, string>> {
  const res = await s3.send({ operation: "GetObjectTagging", method: "GET", bucket, key, query: { tagging: "" } });
  const tags: Record<string, string> = {};
  for (const m of res.body.matchAll(/<Tag><Key>([\s\S]*?)<\/Key><Value>([\s\S]*?)<\/Value><\/Tag>/g)) tags[unescape(m[1]!)] = unescape(m[2]!);
  return tags;
}

function unescape(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}

export async function putTags(s3: ZosS3Client, bucket: string, key: string, tags: Readonly<Record<string, string>>): Promise<void> {
  const entries = Object.entries(tags);
  if (entries.length === 0) {
    await s3.send({ operation: "DeleteObjectTagging", method: "DELETE", bucket, key, query: { tagging: "" } });
    return;
  }
  const xml = `<Tagging><TagSet>${entries.map(([k, v]) => `<Tag><Key>${escapeXmlText(k)}</Key><Value>${escapeXmlText(v)}</Value></Tag>`).join("")}</TagSet></Tagging>`;
  const body = Buffer.from(xml);
  await s3.send({ operation: "PutObjectTagging", method: "PUT", bucket, key, query: { tagging: "" }, body, headers: { "content-md5": md5Base64(body), "content-type": "application/xml" } });
}

export async function putAcl(s3: ZosS3Client, bucket: string, key: string, acl: string): Promise<void> {
  await s3.send({ operation: "PutObjectAcl", method: "PUT", bucket, key, query: { acl: "" }, headers: { "x-amz-acl": acl } });
}

/** DeleteObject (of one version when `versionId` is given); a missing key is not an error in S3. */
export async function deleteObject(s3: ZosS3Client, bucket: string, key: string, versionId?: string): Promise<void> {
  await s3.send({ operation: "DeleteObject", method: "DELETE", bucket, key, ...(versionId ? { query: { versionId } } : {}) });
}
