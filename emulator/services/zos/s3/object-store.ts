/**
 * The data plane's view of the ZOS object store: the same bucket records (and so the same objects)
 * the EOP routes list and delete, written through ZosBackend. S3 semantics: a new version per write
 * in an Enabled bucket, the single `null` version replaced otherwise; delete markers; in-progress
 * multipart uploads as their own records. Every method is synchronous and runs inside one request
 * transaction, so a conditional write's check and its write are atomic.
 */
import { randomUUID } from "node:crypto";
import type { EngineContext } from "../../../engine/context";
import { isEmulatorError } from "../../../errors";
import { ZosBackend, type Bucket } from "../backend";
import { deleteObjects, type DeletedObject } from "../objects";
import { MULTIPART_UPLOAD_KIND, type BucketObjectVersion, type MultipartUploadRecord, type UploadedPart } from "../records";
import { s3Errors } from "./errors";

const VERSION_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

export type NewVersion = Omit<BucketObjectVersion, "versionID" | "isDeleteMarker" | "lastModified" | "storageClass"> & { storageClass?: string | undefined };

export interface Located {
  readonly regionID: string;
  readonly bucket: Bucket;
}

export function newBlobId(): string {
  return randomUUID();
}

export class ObjectStore {
  private readonly zos: ZosBackend;

  constructor(private readonly ctx: EngineContext) {
    this.zos = new ZosBackend(ctx);
  }

  bucket(name: string): Located {
    try {
      const found = this.zos.locate(name);
      if (!found) throw s3Errors.noSuchBucket(name);
      return found;
    } catch (error) {
      if (isEmulatorError(error)) throw s3Errors.accessDenied();
      throw error;
    }
  }

  /** The newest entry of a key (possibly a delete marker). */
  latest(bucket: Bucket, key: string): BucketObjectVersion | undefined {
    for (let i = bucket.objects.length - 1; i >= 0; i--) if (bucket.objects[i]!.key === key) return bucket.objects[i];
    return undefined;
  }

  /** The entry GET/HEAD answer: a named version, or the latest; NoSuchKey/NoSuchVersion otherwise. */
  find(bucket: Bucket, key: string, versionId: string | undefined): BucketObjectVersion {
    if (versionId !== undefined) {
      const found = bucket.objects.find((o) => o.key === key && o.versionID === versionId);
      if (!found) throw s3Errors.noSuchVersion(key, versionId);
      return found;
    }
    const latest = this.latest(bucket, key);
    if (!latest) throw s3Errors.noSuchKey(key);
    if (latest.isDeleteMarker) throw s3Errors.noSuchKey(key, { "x-amz-delete-marker": "true", "x-amz-version-id": latest.versionID });
    return latest;
  }

  /** Stores a new current version of `key`. */
  put(where: Located, fields: NewVersion): BucketObjectVersion {
    const { bucket } = where;
    const versionID = bucket.versioning === "Enabled" ? this.ctx.ids.chars(VERSION_ALPHABET, 32) : "null";
    const version: BucketObjectVersion = {
      ...fields,
      versionID,
      isDeleteMarker: false,
      lastModified: this.ctx.clock(),
      storageClass: fields.storageClass ?? bucket.storageType,
    };
    const kept = versionID === "null" ? bucket.objects.filter((o) => !(o.key === fields.key && o.versionID === "null")) : bucket.objects;
    this.zos.save(where.regionID, bucket, { objects: [...kept, version] });
    return version;
  }

  /** Changes one stored version (tags, ACL) without making a new one. */
  amend(where: Located, target: BucketObjectVersion, change: Partial<BucketObjectVersion>): BucketObjectVersion {
    const next = { ...target, ...change };
    this.zos.save(where.regionID, where.bucket, { objects: where.bucket.objects.map((o) => (o.key === target.key && o.versionID === target.versionID ? next : o)) });
    return next;
  }

  delete(where: Located, targets: ReadonlyArray<{ key: string; versionID?: string | undefined }>): DeletedObject[] {
    const { bucket } = where;
    const { objects, deleted } = deleteObjects(bucket.objects, targets, { versioning: bucket.versioning, storageClass: bucket.storageType, now: this.ctx.clock(), ids: this.ctx.ids });
    this.zos.save(where.regionID, bucket, { objects });
    return deleted;
  }

  private get uploads() {
    return this.ctx.store.collection<MultipartUploadRecord>(MULTIPART_UPLOAD_KIND);
  }

  createUpload(where: Located, upload: Omit<MultipartUploadRecord, "uploadId" | "initiated" | "parts">): MultipartUploadRecord {
    const uploadId = this.ctx.ids.chars(VERSION_ALPHABET, 48);
    return this.uploads.insert(where.regionID, uploadId, { ...upload, uploadId, initiated: this.ctx.clock(), parts: [] });
  }

  upload(where: Located, key: string, uploadId: string): MultipartUploadRecord {
    const found = this.uploads.get(where.regionID, uploadId);
    if (!found || found.bucket !== where.bucket.bucket || found.key !== key) throw s3Errors.noSuchUpload(uploadId);
    return found;
  }

  uploadsOf(where: Located): MultipartUploadRecord[] {
    return this.uploads.find(where.regionID, (u) => u.bucket === where.bucket.bucket);
  }

  /** Records a part (replacing an earlier upload of the same number, whose bytes go). */
  putPart(where: Located, key: string, uploadId: string, part: UploadedPart): void {
    const upload = this.upload(where, key, uploadId);
    const replaced = upload.parts.find((p) => p.partNumber === part.partNumber);
    if (replaced) this.ctx.store.blobs.delete(replaced.blob);
    const parts = [...upload.parts.filter((p) => p.partNumber !== part.partNumber), part].sort((a, b) => a.partNumber - b.partNumber);
    this.uploads.update(where.regionID, uploadId, { parts });
  }

  /** Ends an upload; the bytes of parts not named in `keep` go. */
  finishUpload(where: Located, upload: MultipartUploadRecord, keep: ReadonlySet<string>): void {
    for (const part of upload.parts) if (!keep.has(part.blob)) this.ctx.store.blobs.delete(part.blob);
    this.uploads.delete(where.regionID, upload.uploadId);
  }
}
