/**
 * BucketObject through the serialized provider against the emulator's S3 data plane: uploads from a
 * string and a file (multipart with progress lines), the content-hash diff (no upload when nothing
 * changed), tags and ACL in place, re-upload on content or header changes, refresh drift, an
 * existing object refused, delete (all versions with forceDestroy), and check failures.
 */
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, GetObjectTaggingCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { REGION_HUADONG1 } from "../helpers/emulator";
import { useProviderTestbed } from "../helpers/providers";
import { createBucket, s3Client, zosAccess } from "../helpers/s3";

describe("BucketObject", function () {
  this.timeout(60_000);
  const bed = useProviderTestbed();
  const dir = mkdtempSync(join(tmpdir(), "ctyun-bucket-object-"));

  beforeEach(() => createBucket(bed.emu, "site"));

  const counts = async (): Promise<Record<string, number>> => bed.emu.control.counts();
  async function s3() {
    return s3Client(bed.emu, await zosAccess(bed.emu));
  }

  it("uploads a string with its headers, metadata and tags; the diff compares the MD5, so an unchanged object is never uploaded again", async () => {
    const { id, outs, inputs } = await bed.create("BucketObject", { bucket: "site", key: "index.html", content: "<h1>hi</h1>", contentType: "text/html", cacheControl: "max-age=60", metadata: { build: "7" }, tags: { app: "web" } });
    const md5 = createHash("md5").update("<h1>hi</h1>").digest("hex");
    assert.equal(id, "site/index.html");
    assert.deepEqual([outs["etag"], outs["sourceHash"], outs["size"], outs["objectId"]], [`"${md5}"`, md5, 11, "site/index.html"]);
    const got = await (await s3()).send(new GetObjectCommand({ Bucket: "site", Key: "index.html" }));
    assert.deepEqual([got.ContentType, got.CacheControl, got.Metadata, await got.Body!.transformToString()], ["text/html", "max-age=60", { build: "7" }, "<h1>hi</h1>"]);

    const provider = await bed.provider("BucketObject");
    const again = await provider.check(inputs, { ...inputs, sourceHash: undefined });
    assert.deepEqual(await provider.diff(id, outs, again.inputs), { changes: false, replaces: [], deleteBeforeReplace: false });
    const changed = await provider.check(inputs, { ...inputs, sourceHash: undefined, content: "<h1>bye</h1>" });
    assert.deepEqual(await provider.diff(id, outs, changed.inputs), { changes: true, replaces: [], deleteBeforeReplace: false });
    await bed.emu.control.clearRequests();
    const updated = await provider.update(id, outs, changed.inputs);
    assert.equal(updated.outs["etag"], `"${createHash("md5").update("<h1>bye</h1>").digest("hex")}"`);
    assert.equal((await counts())["S3PutObject"], 1);
  });

  it("updates tags and the ACL in place without uploading", async () => {
    const { id, outs, inputs } = await bed.create("BucketObject", { bucket: "site", key: "a.txt", content: "a", tags: { v: "1" } });
    const provider = await bed.provider("BucketObject");
    const news = (await provider.check(inputs, { ...inputs, sourceHash: undefined, tags: { v: "2" }, acl: "public-read" })).inputs;
    await bed.emu.control.clearRequests();
    await provider.update(id, outs, news);
    const seen = await counts();
    assert.equal(seen["S3PutObject"], undefined);
    assert.deepEqual([seen["S3PutObjectTagging"], seen["S3PutObjectAcl"]], [1, 1]);
    assert.deepEqual((await (await s3()).send(new GetObjectTaggingCommand({ Bucket: "site", Key: "a.txt" }))).TagSet, [{ Key: "v", Value: "2" }]);
    const anonymous = await fetch(`${bed.emu.url}/_s3/site/a.txt`);
    assert.deepEqual([anonymous.status, await anonymous.text()], [200, "a"]);
  });

  it("uploads a 20 MiB file in 8 MiB parts with a progress line per part; an unchanged file diffs as no change", async () => {
    const path = join(dir, "big.bin");
    const data = randomBytes(20 * 1024 * 1024);
    writeFileSync(path, data);
    const { id, outs, inputs } = await bed.create("BucketObject", { bucket: "site", key: "big.bin", source: path });
    assert.match(outs["etag"], /^"[0-9a-f]{32}-3"$/);
    assert.equal(outs["sourceHash"], createHash("md5").update(data).digest("hex"));
    assert.deepEqual(bed.logs.filter((l) => l.includes("uploaded part")).map((l) => /part (\d)\/3/.exec(l)?.[1]), ["1", "2", "3"]);
    const provider = await bed.provider("BucketObject");
    assert.equal((await provider.diff(id, outs, (await provider.check(inputs, { ...inputs, sourceHash: undefined })).inputs)).changes, false);
    writeFileSync(path, Buffer.concat([data.subarray(1), Buffer.from([1])]));
    assert.equal((await provider.diff(id, outs, (await provider.check(inputs, { ...inputs, sourceHash: undefined })).inputs)).changes, true);
    const read = await provider.read(id, outs);
    assert.equal(read.inputs!["sourceHash"], outs["sourceHash"], "a multipart ETag unchanged since the upload keeps the recorded hash");
  });

  it("refresh reports content and tags changed behind its back", async () => {
    const { id, outs } = await bed.create("BucketObject", { bucket: "site", key: "drift.txt", content: "mine" });
    await (await s3()).send(new PutObjectCommand({ Bucket: "site", Key: "drift.txt", Body: "theirs", Tagging: "x=y" }));
    const read = await (await bed.provider("BucketObject")).read(id, outs);
    assert.equal(read.inputs!["sourceHash"], createHash("md5").update("theirs").digest("hex"));
    assert.deepEqual(read.inputs!["tags"], { x: "y" });
    await (await bed.provider("BucketObject")).delete(id, outs);
    assert.equal((await (await bed.provider("BucketObject")).read(id, outs)).props, undefined);
  });

  it("refuses to take over an object that already exists at the key (another stack's, say)", async () => {
    await (await s3()).send(new PutObjectCommand({ Bucket: "site", Key: "taken", Body: "x" }));
    await assert.rejects(bed.create("BucketObject", { bucket: "site", key: "taken", content: "y" }), /an object already exists at site\/taken: choose another key, or take the existing one under management with adoptId/);
  });

  it("deletes every version of its key with forceDestroy in a versioned bucket, only the current object without", async () => {
    await bed.emu.post("/v4/oss/put-bucket-versioning", { regionID: REGION_HUADONG1, bucket: "site", versioningConfiguration: { status: "Enabled" } });
    const provider = await bed.provider("BucketObject");
    const plain = await bed.create("BucketObject", { bucket: "site", key: "keep.txt", content: "1" });
    const forced = await bed.create("BucketObject", { bucket: "site", key: "gone.txt", content: "1", forceDestroy: true });
    const second = await provider.update(forced.id, forced.outs, (await provider.check(forced.inputs, { ...forced.inputs, sourceHash: undefined, content: "2" })).inputs);
    assert.notEqual(second.outs["versionId"], forced.outs["versionId"]);
    await provider.delete(plain.id, plain.outs);
    await provider.delete(forced.id, second.outs);
    const versions = (await bed.emu.get("/v4/oss/list-object-versions", { regionID: REGION_HUADONG1, bucket: "site" })).envelope<{ keys: Array<{ key: string }>; deleteMarkers: Array<{ key: string }> }>().returnObj;
    assert.deepEqual([versions.keys.map((k) => k.key), versions.deleteMarkers.map((m) => m.key)], [["keep.txt"], ["keep.txt"]]);
  });

  it("checks: exactly one of content and source; key length; at most 10 tags", async () => {
    const provider = await bed.provider("BucketObject");
    const base = { pulumiName: "o", bucket: "site", regionId: REGION_HUADONG1 };
    assert.deepEqual((await provider.check({}, { ...base, key: "k" })).failures, [{ property: "content", reason: "give exactly one of content and source" }]);
    assert.deepEqual((await provider.check({}, { ...base, key: "k", content: "a", source: "/x" })).failures.map((f) => f.reason), ["give exactly one of content and source"]);
    assert.match(JSON.stringify((await provider.check({}, { ...base, key: "k".repeat(1025), content: "a" })).failures), /at most 1024 bytes/);
    const tags = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`t${i}`, "v"]));
    assert.match(JSON.stringify((await provider.check({}, { ...base, key: "k", content: "a", tags })).failures), /at most 10 tags per object/);
  });
});
