/**
 * BucketObject under the generic resource contract: lost PUT answers, a deployment killed mid-upload,
 * two stacks writing one key, take-over of an unrecorded upload, adoption — through the emulator's
 * S3 data plane (its fault rules apply there as on the EOP gateway).
 */
import { DeleteObjectCommand, HeadObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import type { ProviderTestbed } from "../helpers/providers";
import { describeResourceContract } from "../helpers/resource-contract";
import { createBucket, s3Client, zosAccess } from "../helpers/s3";

const BUCKET = "contract-objects";

async function s3(bed: ProviderTestbed) {
  return s3Client(bed.emu, await zosAccess(bed.emu));
}

describeResourceContract({
  kind: "BucketObject",
  idOutput: "objectId",
  createOperation: "S3PutObject",
  createPath: `/_s3/${BUCKET}/notes.txt`,
  createMethod: "PUT",
  async inputs(bed) {
    const buckets = (await bed.emu.control.state()).resources["bucket"] ?? [];
    if (buckets.length === 0) await createBucket(bed.emu, BUCKET);
    return { bucket: BUCKET, key: "notes.txt", content: "hello", tags: { v: "1" }, contentType: "text/plain" };
  },
  updates: [{ tags: { v: "2" } }, { contentType: "text/markdown" }, { cacheControl: "no-cache" }],
  replacements: [{ key: "renamed.txt" }],
  async exists(bed, id) {
    const key = id.slice(BUCKET.length + 1);
    return (await s3(bed)).send(new HeadObjectCommand({ Bucket: BUCKET, Key: key })).then(
      () => true,
      () => false,
    );
  },
  async removeOutOfBand(bed, id) {
    await (await s3(bed)).send(new DeleteObjectCommand({ Bucket: BUCKET, Key: id.slice(BUCKET.length + 1) }));
  },
  async count(bed) {
    const buckets = (await bed.emu.control.state()).resources["bucket"] ?? [];
    if (buckets.length === 0) return 0;
    return (await (await s3(bed)).send(new ListObjectsV2Command({ Bucket: BUCKET }))).KeyCount ?? 0;
  },
});
