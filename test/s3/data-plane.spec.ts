/**
 * The emulator's ZOS S3 data plane driven by a real S3 client (AWS SDK for JavaScript v3): uploads of
 * 0 B, 1 KiB and 50 MiB (multipart, streamed), ranged reads, metadata and tags, copies, listings of
 * 1,000+ keys, versioning, conditional writes, presigned URLs and SigV4 refusals with S3's XML errors.
 */
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3ServiceException,
  type S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { REGION_HUADONG1, useEmulator } from "../helpers/emulator";
import { createBucket, s3Client, zosAccess, type ZosAccess } from "../helpers/s3";

async function refusal(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return { name: error.name, status: error.$metadata.httpStatusCode, message: error.message };
    throw error;
  }
  throw new Error("expected the request to be refused");
}

const text = async (body: unknown): Promise<string> => (body as { transformToString(): Promise<string> }).transformToString();
const md5 = (data: Buffer): string => createHash("md5").update(data).digest("hex");

describe("ZOS S3 data plane (AWS SDK v3)", function () {
  this.timeout(120_000);
  const emu = useEmulator();
  let access: ZosAccess;
  let s3: S3Client;

  beforeEach(async () => {
    access = await zosAccess(emu);
    s3 = s3Client(emu, access);
    await createBucket(emu, "data");
  });

  it("get-endpoint names the data plane on the emulator's own URL and get-keys its key pair", () => {
    assert.equal(access.endpoint, `${emu.url}/_s3`);
    assert.match(access.accessKeyId, /^[A-Z0-9]{20}$/);
    assert.match(access.secretAccessKey, /^[A-Z0-9]{40}$/);
  });

  it("puts and gets 0 B and 1 KiB objects with metadata, content type and cache control", async () => {
    const kib = randomBytes(1024);
    const put = await s3.send(new PutObjectCommand({ Bucket: "data", Key: "dir/one.bin", Body: kib, ContentType: "application/x-test", CacheControl: "max-age=60", Metadata: { owner: "team-a" } }));
    assert.equal(put.ETag, `"${md5(kib)}"`);
    const empty = await s3.send(new PutObjectCommand({ Bucket: "data", Key: "empty", Body: "" }));
    assert.equal(empty.ETag, `"${md5(Buffer.alloc(0))}"`);

    const got = await s3.send(new GetObjectCommand({ Bucket: "data", Key: "dir/one.bin" }));
    assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), kib);
    assert.deepEqual([got.ContentType, got.CacheControl, got.Metadata, got.ContentLength], ["application/x-test", "max-age=60", { owner: "team-a" }, 1024]);
    const head = await s3.send(new HeadObjectCommand({ Bucket: "data", Key: "empty" }));
    assert.deepEqual([head.ContentLength, head.ETag], [0, `"${md5(Buffer.alloc(0))}"`]);
    assert.equal(await text((await s3.send(new GetObjectCommand({ Bucket: "data", Key: "empty" }))).Body), "");
  });

  it("answers byte ranges with 206 and refuses unsatisfiable ones with InvalidRange", async () => {
    await s3.send(new PutObjectCommand({ Bucket: "data", Key: "abc", Body: "abcdefghij" }));
    const ranged = await s3.send(new GetObjectCommand({ Bucket: "data", Key: "abc", Range: "bytes=2-4" }));
    assert.deepEqual([await text(ranged.Body), ranged.ContentRange, ranged.$metadata.httpStatusCode], ["cde", "bytes 2-4/10", 206]);
    assert.equal(await text((await s3.send(new GetObjectCommand({ Bucket: "data", Key: "abc", Range: "bytes=-3" }))).Body), "hij");
    const refused = await refusal(s3.send(new GetObjectCommand({ Bucket: "data", Key: "abc", Range: "bytes=20-30" })));
    assert.deepEqual([refused.name, refused.status], ["InvalidRange", 416]);
  });

  it("uploads 50 MiB in parts from a stream (lib-storage Upload) and reads it back intact", async () => {
    const part = randomBytes(1024 * 1024);
    const whole = createHash("md5");
    const chunks = Array.from({ length: 50 }, (_, i) => Buffer.concat([Buffer.from([i]), part.subarray(1)]));
    for (const c of chunks) whole.update(c);
    const upload = new Upload({ client: s3, params: { Bucket: "data", Key: "big.bin", Body: Readable.from(chunks) }, partSize: 8 * 1024 * 1024, queueSize: 2 });
    const done = await upload.done();
    assert.match(done.ETag ?? "", /^"[0-9a-f]{32}-7"$/);
    const got = await s3.send(new GetObjectCommand({ Bucket: "data", Key: "big.bin" }));
    assert.equal(got.ContentLength, 50 * 1024 * 1024);
    const read = createHash("md5");
    for await (const chunk of got.Body as Readable) read.update(chunk as Buffer);
    assert.equal(read.digest("hex"), whole.digest("hex"));
    const tail = await s3.send(new GetObjectCommand({ Bucket: "data", Key: "big.bin", Range: `bytes=${49 * 1024 * 1024}-${49 * 1024 * 1024 + 3}` }));
    assert.deepEqual(Buffer.from(await tail.Body!.transformToByteArray()), chunks[49]!.subarray(0, 4));
  });

  it("lists 1,000+ keys page by page with continuation tokens, prefixes and delimiters", async () => {
    const keys = Array.from({ length: 1005 }, (_, i) => `logs/${String(i).padStart(4, "0")}.txt`);
    for (let i = 0; i < keys.length; i += 25) await Promise.all(keys.slice(i, i + 25).map((Key) => s3.send(new PutObjectCommand({ Bucket: "data", Key, Body: "x" }))));
    await s3.send(new PutObjectCommand({ Bucket: "data", Key: "top.txt", Body: "t" }));
    const first = await s3.send(new ListObjectsV2Command({ Bucket: "data", Prefix: "logs/" }));
    assert.deepEqual([first.KeyCount, first.IsTruncated], [1000, true]);
    const second = await s3.send(new ListObjectsV2Command({ Bucket: "data", Prefix: "logs/", ContinuationToken: first.NextContinuationToken }));
    assert.deepEqual([second.KeyCount, second.IsTruncated, second.Contents!.map((c) => c.Key)], [5, false, keys.slice(1000)]);
    const grouped = await s3.send(new ListObjectsV2Command({ Bucket: "data", Delimiter: "/" }));
    assert.deepEqual([grouped.CommonPrefixes, grouped.Contents!.map((c) => c.Key)], [[{ Prefix: "logs/" }], ["top.txt"]]);
    // The EOP list-objects sees the same store.
    const eop = (await emu.get("/v4/oss/list-objects", { regionID: REGION_HUADONG1, bucket: "data", delimiter: "/" })).envelope<{ commonPrefixes: unknown[]; contents: Array<{ key: string }> }>().returnObj;
    assert.deepEqual([eop.commonPrefixes, eop.contents.map((c) => c.key)], [[{ prefix: "logs/" }], ["top.txt"]]);
  });

  it("copies objects, keeps or replaces metadata, and tags objects", async () => {
    await s3.send(new PutObjectCommand({ Bucket: "data", Key: "src", Body: "payload", Metadata: { a: "1" }, Tagging: "env=dev&team=x" }));
    await s3.send(new CopyObjectCommand({ Bucket: "data", Key: "same-meta", CopySource: "data/src" }));
    await s3.send(new CopyObjectCommand({ Bucket: "data", Key: "new-meta", CopySource: "data/src", MetadataDirective: "REPLACE", Metadata: { b: "2" } }));
    assert.deepEqual((await s3.send(new HeadObjectCommand({ Bucket: "data", Key: "same-meta" }))).Metadata, { a: "1" });
    const replaced = await s3.send(new GetObjectCommand({ Bucket: "data", Key: "new-meta" }));
    assert.deepEqual([replaced.Metadata, await text(replaced.Body)], [{ b: "2" }, "payload"]);
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket: "data", Key: "same-meta" }))).TagSet, [{ Key: "env", Value: "dev" }, { Key: "team", Value: "x" }]);
    await s3.send(new PutObjectTaggingCommand({ Bucket: "data", Key: "src", Tagging: { TagSet: [{ Key: "k", Value: "v" }] } }));
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket: "data", Key: "src" }))).TagSet, [{ Key: "k", Value: "v" }]);
    const self = await refusal(s3.send(new CopyObjectCommand({ Bucket: "data", Key: "src", CopySource: "data/src" })));
    assert.deepEqual([self.name, self.status], ["InvalidRequest", 400]);
  });

  it("deletes one and many objects; a missing key is deleted too", async () => {
    for (const Key of ["a", "b", "c"]) await s3.send(new PutObjectCommand({ Bucket: "data", Key, Body: Key }));
    await s3.send(new DeleteObjectCommand({ Bucket: "data", Key: "a" }));
    const many = await s3.send(new DeleteObjectsCommand({ Bucket: "data", Delete: { Objects: [{ Key: "b" }, { Key: "c" }, { Key: "nope" }] } }));
    assert.deepEqual(many.Deleted!.map((d) => d.Key), ["b", "c", "nope"]);
    assert.equal((await s3.send(new ListObjectsV2Command({ Bucket: "data" }))).KeyCount, 0);
    const gone = await refusal(s3.send(new GetObjectCommand({ Bucket: "data", Key: "a" })));
    assert.deepEqual([gone.name, gone.status], ["NoSuchKey", 404]);
    assert.equal(emu.app.context.store.blobs.size("x"), 0);
  });

  it("keeps every version in a versioned bucket; a delete leaves a marker; old versions stay readable", async () => {
    await emu.post("/v4/oss/put-bucket-versioning", { regionID: REGION_HUADONG1, bucket: "data", versioningConfiguration: { status: "Enabled" } });
    const v1 = await s3.send(new PutObjectCommand({ Bucket: "data", Key: "doc", Body: "one" }));
    const v2 = await s3.send(new PutObjectCommand({ Bucket: "data", Key: "doc", Body: "two" }));
    assert.ok(v1.VersionId && v2.VersionId && v1.VersionId !== v2.VersionId);
    const removed = await s3.send(new DeleteObjectCommand({ Bucket: "data", Key: "doc" }));
    assert.equal(removed.DeleteMarker, true);
    assert.equal((await refusal(s3.send(new GetObjectCommand({ Bucket: "data", Key: "doc" })))).name, "NoSuchKey");
    assert.equal(await text((await s3.send(new GetObjectCommand({ Bucket: "data", Key: "doc", VersionId: v1.VersionId }))).Body), "one");
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: "data" }));
    assert.deepEqual(versions.Versions!.map((v) => [v.VersionId, v.IsLatest]), [[v2.VersionId, false], [v1.VersionId, false]]);
    assert.deepEqual(versions.DeleteMarkers!.map((m) => [m.VersionId, m.IsLatest]), [[removed.VersionId, true]]);
  });

  it("honours If-None-Match: * and If-Match on writes (what state locking needs) and on reads", async () => {
    const first = await s3.send(new PutObjectCommand({ Bucket: "data", Key: "lock", Body: "a", IfNoneMatch: "*" }));
    const taken = await refusal(s3.send(new PutObjectCommand({ Bucket: "data", Key: "lock", Body: "b", IfNoneMatch: "*" })));
    assert.deepEqual([taken.name, taken.status], ["PreconditionFailed", 412]);
    const stale = await refusal(s3.send(new PutObjectCommand({ Bucket: "data", Key: "lock", Body: "c", IfMatch: '"0000"' })));
    assert.deepEqual([stale.name, stale.status], ["PreconditionFailed", 412]);
    await s3.send(new PutObjectCommand({ Bucket: "data", Key: "lock", Body: "d", IfMatch: first.ETag }));
    assert.equal(await text((await s3.send(new GetObjectCommand({ Bucket: "data", Key: "lock" }))).Body), "d");
    const notModified = await refusal(s3.send(new GetObjectCommand({ Bucket: "data", Key: "lock", IfNoneMatch: `"${md5(Buffer.from("d"))}"` })));
    assert.equal(notModified.status, 304);
  });

  it("serves presigned GET and PUT URLs until they expire (AccessDenied: Request has expired)", async () => {
    await s3.send(new PutObjectCommand({ Bucket: "data", Key: "shared.txt", Body: "hello" }));
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: "data", Key: "shared.txt" }), { expiresIn: 60, signingDate: new Date(emu.clock.now()) });
    const ok = await fetch(url);
    assert.deepEqual([ok.status, await ok.text()], [200, "hello"]);
    const putUrl = await getSignedUrl(s3, new PutObjectCommand({ Bucket: "data", Key: "up.txt" }), { expiresIn: 60, signingDate: new Date(emu.clock.now()) });
    assert.equal((await fetch(putUrl, { method: "PUT", body: "uploaded" })).status, 200);
    assert.equal(await text((await s3.send(new GetObjectCommand({ Bucket: "data", Key: "up.txt" }))).Body), "uploaded");
    emu.clock.advance(61_000);
    const expired = await fetch(url);
    const body = await expired.text();
    assert.equal(expired.status, 403);
    assert.match(body, /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
  });

  it("refuses a wrong secret (SignatureDoesNotMatch), an unknown key (InvalidAccessKeyId) and anonymous reads of private objects", async () => {
    await s3.send(new PutObjectCommand({ Bucket: "data", Key: "private", Body: "p" }));
    const wrongSecret = await refusal(s3Client(emu, access, { secretAccessKey: "x".repeat(40) }).send(new GetObjectCommand({ Bucket: "data", Key: "private" })));
    assert.deepEqual([wrongSecret.name, wrongSecret.status], ["SignatureDoesNotMatch", 403]);
    const unknown = await refusal(s3Client(emu, access, { accessKeyId: "AKIAUNKNOWN000000000" }).send(new GetObjectCommand({ Bucket: "data", Key: "private" })));
    assert.deepEqual([unknown.name, unknown.status], ["InvalidAccessKeyId", 403]);
    const anonymous = await fetch(`${access.endpoint}/data/private`);
    assert.equal(anonymous.status, 403);
    assert.match(await anonymous.text(), /<Code>AccessDenied<\/Code>/);
    const missingBucket = await refusal(s3.send(new GetObjectCommand({ Bucket: "nope-bucket", Key: "x" })));
    assert.deepEqual([missingBucket.name, missingBucket.status], ["NoSuchBucket", 404]);
  });
});
