import assert from "node:assert/strict";
import { describeResourceContract } from "../helpers/resource-contract";
import { useProviderTestbed, type LoadedProvider, type Props } from "../helpers/providers";
import { REGION_HUABEI2, REGION_HUADONG1 } from "../helpers/emulator";

describeResourceContract({
  kind: "Bucket",
  idOutput: "bucketName",
  recordKind: "bucket",
  createOperation: "CreateBucket",
  createPath: "/v4/oss/create-bucket",
  inputs: async () => ({ bucket: "contract-bucket", tags: { team: "data" } }),
  updates: [
    { acl: "public-read" },
    { acl: "public-read-write" },
    { versioning: true },
    { tags: { team: "web", env: "prod" } },
    { tags: {} },
    { versioning: false },
    { acl: "private" },
    { forceDestroy: true },
  ],
  replacements: [{ bucket: "renamed-bucket" }, { storageType: "GLACIER" }, { azPolicy: "multi-az" }, { isEncrypted: true }, { regionId: REGION_HUABEI2 }],
  drift: { patch: { ACL: "public-read" }, inputs: { acl: "public-read" } },
});

describe("Bucket: specifics", () => {
  const bed = useProviderTestbed();

  async function createdBucket(inputs: Props, name = "bucket"): Promise<{ provider: LoadedProvider; id: string; outs: Props; inputs: Props }> {
    const provider = await bed.provider("Bucket");
    const created = await bed.create("Bucket", inputs, name);
    return { provider, ...created };
  }

  it("returns the bucket's computed outputs; encryption gives the KMS key", async () => {
    const { id, outs } = await createdBucket({ bucket: "data-lake", isEncrypted: true });
    assert.equal(id, "data-lake");
    assert.match(outs["cmkUuid"], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(
      { ...outs, cmkUuid: "k", __provider: undefined },
      {
        pulumiName: "bucket",
        bucket: "data-lake",
        acl: "private",
        storageType: "STANDARD",
        azPolicy: "single-az",
        isEncrypted: true,
        versioning: false,
        tags: {},
        forceDestroy: false,
        regionId: REGION_HUADONG1,
        bucketName: "data-lake",
        cmkUuid: "k",
        creationDate: "2024-06-01T00:00:00Z",
        endpoint: `${bed.emu.url}/_s3`,
        bucketDomainName: `data-lake.${new URL(bed.emu.url).host}`,
        __provider: undefined,
      },
    );
    const plain = await bed.create("Bucket", { bucket: "plain-lake" });
    assert.equal(plain.outs["cmkUuid"], undefined);
  });

  it("creates through the /v4/oss gateway at once (the service status is asked only on a refusal), polling (not sleeping) until the bucket is visible", async () => {
    await bed.emu.control.setTiming("bucketMetadata", { mode: "polls", count: 3 });
    await bed.create("Bucket", { bucket: "eventual", versioning: true, tags: { a: "1" } });
    const operations = (await bed.emu.control.requests()).map((r) => r.operation);
    assert.deepEqual(operations.slice(0, 1), ["CreateBucket"]);
    assert.ok(!operations.includes("GetOssServiceStatus") && !operations.includes("GetBucketAcl"), "a bucket just made has what was written: not read back");
    assert.equal(operations.filter((o) => o === "GetBucketInfo").length, 4, "three misses while the metadata propagates, then the answer");
    assert.ok(operations.includes("PutBucketVersioning") && operations.includes("PutBucketTagging"));
    assert.ok(bed.sleeps.length === 3 && bed.sleeps.every((ms) => ms <= 5_000), `short virtual polls only, no fixed 30 s sleep: ${bed.sleeps}`);
    const record = await bed.emu.control.resource<{ tagSet: unknown[]; versioning: string }>("bucket", "eventual");
    assert.deepEqual([record!.data.tagSet, record!.data.versioning], [[{ key: "a", value: "1" }], "Enabled"], "the create marker tag is gone");
  });

  it("fails clearly where object storage is not activated: create-bucket is refused, the service state says why", async () => {
    await bed.emu.control.patchResource("zosService", REGION_HUADONG1, { state: "false" });
    const provider = await bed.provider("Bucket");
    const checked = await provider.check({}, { pulumiName: "inactive", bucket: "inactive-bucket" });
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), {
      message: `object storage (ZOS) cannot be used in region ${REGION_HUADONG1}: the service is not activated (service state "false"). Activate object storage for this region in the CTyun console, then run \`pulumi up\` again.`,
    });
    assert.deepEqual(await bed.emu.control.counts(), { CreateBucket: 1, GetOssServiceStatus: 1 });
  });

  it("explains a name held by another bucket of the account or by another account", async () => {
    const provider = await bed.provider("Bucket");
    await bed.create("Bucket", { bucket: "taken-name", regionId: REGION_HUABEI2 }, "first");
    const checked = await provider.check({}, { pulumiName: "second", bucket: "taken-name" });
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), {
      message: new RegExp(
        '^bucket name "taken-name" is already used by another bucket of this account \\(bucket names are unique across all regions; the cloud said [\\w.]+: .*taken-name.*\\): ' +
          'choose another name, or take that bucket under management with adoptId "taken-name" \\(and bucket "taken-name"\\)$',
      ),
    });
    await bed.emu.control.patchResource("bucket", "taken-name", { owner: "another-account" });
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), {
      message: /^could not create bucket "taken-name" \([\w.]+: .+\)\. Bucket names are unique across all CTyun accounts and regions: if another account holds the name, choose another$/,
    });
    assert.equal((await bed.emu.control.resource<{ owner: string }>("bucket", "taken-name"))!.region, REGION_HUABEI2);
  });

  it("reads back ACL, versioning and tags changed out of band, and the update puts them back", async () => {
    const { provider, id, outs, inputs } = await createdBucket({ bucket: "drifting", acl: "public-read", versioning: true, tags: { team: "data" } });
    // Changed behind Pulumi's back, through the API (the ACL as explicit grants).
    const owner = "7b2d6c1e9f4a4e0b8c3d5a6f1e2b3c4d";
    const all = (permission: string) => ({ grantee: { type: "Group", URI: "http://acs.amazonaws.com/groups/global/AllUsers" }, permission });
    await bed.emu.post("/v4/oss/put-bucket-acl", { bucket: id, regionID: REGION_HUADONG1, accessControlPolicy: { grants: [{ grantee: { type: "CanonicalUser", ID: owner }, permission: "FULL_CONTROL" }, all("READ"), all("WRITE")] } });
    await bed.emu.post("/v4/oss/put-bucket-versioning", { bucket: id, regionID: REGION_HUADONG1, versioningConfiguration: { status: "Suspended" } });
    await bed.emu.post("/v4/oss/delete-bucket-tagging", { bucket: id, regionID: REGION_HUADONG1 });

    const read = await provider.read(id, outs);
    assert.deepEqual([read.inputs!["acl"], read.inputs!["versioning"], read.inputs!["tags"]], ["public-read-write", false, {}]);
    const diff = await provider.diff(id, read.props!, inputs);
    assert.deepEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });

    await bed.emu.control.clearRequests();
    await provider.update(id, read.props!, inputs);
    const writes = (await bed.emu.control.requests()).map((r) => r.operation ?? "").filter((o) => o.startsWith("Put") || o.startsWith("Delete"));
    assert.deepEqual(writes, ["PutBucketTagging", "PutBucketVersioning", "PutBucketAcl"]);
    const again = await provider.read(id, read.props!);
    assert.deepEqual([again.inputs!["acl"], again.inputs!["versioning"], again.inputs!["tags"]], ["public-read", true, { team: "data" }]);
  });

  it("writes nothing to the cloud when only forceDestroy changes", async () => {
    const { provider, id, outs, inputs } = await createdBucket({ bucket: "quiet-update" });
    await bed.emu.control.clearRequests();
    const news = (await provider.check(inputs, { ...inputs, forceDestroy: true })).inputs;
    await provider.update(id, outs, news);
    const operations = (await bed.emu.control.requests()).map((r) => r.operation ?? "");
    assert.ok(operations.includes("GetBucketAcl"), "the settings were compared with the cloud");
    assert.deepEqual(operations.filter((o) => !o.startsWith("Get")), []);
  });

  it("deletes the old bucket first when a replacement keeps the name", async () => {
    const provider = await bed.provider("Bucket");
    const olds = { bucket: "same-name", storageType: "STANDARD", acl: "private", azPolicy: "single-az", isEncrypted: false, versioning: false, tags: {}, forceDestroy: false, regionId: REGION_HUADONG1 };
    assert.deepEqual(await provider.diff("same-name", olds, { ...olds, storageType: "GLACIER" }), { changes: true, replaces: ["storageType"], deleteBeforeReplace: true });
    assert.deepEqual(await provider.diff("same-name", olds, { ...olds, bucket: "new-name", storageType: "GLACIER" }), {
      changes: true,
      replaces: ["bucket", "storageType"],
      deleteBeforeReplace: false,
    });
    assert.deepEqual(await provider.diff("same-name", olds, { ...olds, regionId: REGION_HUABEI2 }), { changes: true, replaces: ["regionId"], deleteBeforeReplace: true });
  });

  it("refuses to delete a bucket holding objects unless forceDestroy", async () => {
    const { provider, id, outs } = await createdBucket({ bucket: "keeps-data" });
    await bed.emu.control.patchResource("bucket", id, { objects: [{ key: "report.csv", size: 10 }] });
    await assert.rejects(provider.delete(id, outs), {
      message:
        "bucket keeps-data is not empty (BucketNotEmpty: bucket keeps-data is not empty (1 object versions, 0 delete markers); delete them first). Delete its objects first, or set forceDestroy: true on the resource and run `pulumi up` before deleting it, to let Pulumi delete every object version (this cannot be undone).",
    });
    assert.ok(await bed.emu.control.resource("bucket", id), "the bucket and its object are still there");
    const counts = await bed.emu.control.counts();
    assert.equal(counts["ListObjectVersions"], 1, "one listing tells why delete-bucket was refused (its code is undocumented)");
  });

  it("with forceDestroy deletes every object version and delete marker, then the bucket", async () => {
    const { provider, id, outs, inputs } = await createdBucket({ bucket: "scratch", versioning: true });
    const objects = [
      ...Array.from({ length: 1200 }, (_, i) => ({ key: `logs/${String(i).padStart(5, "0")}`, versionID: `v${i}`, size: 5 })),
      { key: "logs/00000", versionID: "v-new", size: 6 },
      { key: "gone.txt", versionID: "m1", isDeleteMarker: true },
    ];
    await bed.emu.control.patchResource("bucket", id, { objects });
    const news = (await provider.check(inputs, { ...inputs, forceDestroy: true })).inputs;
    const updated = await provider.update(id, outs, news);
    await provider.delete(id, updated.outs);
    assert.equal(await bed.emu.control.resource("bucket", id), undefined);
    const counts = await bed.emu.control.counts();
    assert.deepEqual([counts["ListObjectVersions"], counts["DeleteObjects"], counts["DeleteBucket"]], [3, 3, 1], "two pages of keys (1000 + 201), then an empty listing");
    assert.ok(bed.logs.some((line) => line === "ctyun:Bucket bucket: forceDestroy: deleted 1202 object versions and delete markers of bucket scratch"), bed.logs.join("\n"));
  });

  it("keeps a bucket whose create failed after the cloud made it, and the next update finishes it", async () => {
    const provider = await bed.provider("Bucket");
    await bed.emu.control.addFault({ path: "/v4/oss/put-bucket-tagging", kind: "http", status: 503 });
    const checked = await provider.check({}, { pulumiName: "half", bucket: "half-made", tags: { env: "prod" } });
    let partial: { id?: string; properties?: Props; reasons?: string[] } = {};
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), (error: typeof partial) => {
      partial = error;
      return true;
    });
    assert.equal(partial.id, "half-made");
    assert.equal(partial.properties!["bucketName"], "half-made");
    assert.match(partial.reasons![0]!, /^ctyun:Bucket half was created but is not ready: it exists as half-made — PutBucketTagging failed: HTTP 503 .*\. It is recorded in the stack; the next `pulumi up` resumes it\.$/);
    const marker = (await bed.emu.control.resource<{ tagSet: Array<{ key: string }> }>("bucket", "half-made"))!.data.tagSet.map((t) => t.key);
    assert.deepEqual(marker, ["pulumi-ctyun-create-token"], "the marker is still on the half-made bucket");

    assert.match(partial.reasons![0]!, /\d+ attempts in 5m; gave up: the 5m create timeout ran out\)/, "tagging was retried for the whole create timeout");
    await bed.emu.control.clearFaults();
    // The next `pulumi up` calls update with the old inputs' outputs and unchanged inputs.
    const resumed = await provider.update("half-made", partial.properties!, checked.inputs);
    assert.equal(resumed.outs["endpoint"], `${bed.emu.url}/_s3`);
    const read = await provider.read("half-made", resumed.outs);
    assert.deepEqual(read.inputs!["tags"], { env: "prod" });
    assert.deepEqual((await bed.emu.control.resource<{ tagSet: unknown[] }>("bucket", "half-made"))!.data.tagSet, [{ key: "env", value: "prod" }]);
  });

  it("refuses to adopt a bucket whose create-only settings differ", async () => {
    await bed.create("Bucket", { bucket: "archive", storageType: "GLACIER" }, "original");
    const provider = await bed.provider("Bucket");
    const checked = await provider.check({}, { pulumiName: "adopter", bucket: "archive", adoptId: "archive" });
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), {
      message: 'ctyun:Bucket adopter: cannot adopt archive: storageType is "GLACIER" in the cloud; these cannot change in place, so set them to the cloud\'s values',
    });
  });

  describe("auto-naming", () => {
    const cases: Array<[string, RegExp]> = [
      ["web", /^web-[0-9a-f]{7}$/],
      ["My_App.Site", /^my-app-site-[0-9a-f]{7}$/],
      ["网站", /^r-[0-9a-f]{7}$/],
      ["_hidden", /^hidden-[0-9a-f]{7}$/],
      ["2024-logs", /^r-2024-logs-[0-9a-f]{7}$/],
      ["a".repeat(80), new RegExp(`^${"a".repeat(55)}-[0-9a-f]{7}$`)],
    ];
    for (const [logical, shape] of cases) {
      it(`names ${JSON.stringify(logical.length > 20 ? `${logical.slice(0, 6)}…` : logical)} within the bucket rules, stably`, async () => {
        const provider = await bed.provider("Bucket");
        const first = await provider.check({}, { pulumiName: logical });
        assert.deepEqual(first.failures, []);
        assert.match(first.inputs["bucket"], shape);
        const again = await provider.check(first.inputs, { pulumiName: logical });
        assert.equal(again.inputs["bucket"], first.inputs["bucket"]);
      });
    }
  });

  describe("check", () => {
    const tooMany = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, "v"]));
    const invalid: Array<[string, Props, string, string]> = [
      ["a short name", { bucket: "ab" }, "bucket", "must be 3-63 characters long (got 2)"],
      ["a long name", { bucket: "b".repeat(64) }, "bucket", "must be 3-63 characters long (got 64)"],
      ["upper-case", { bucket: "My-Bucket" }, "bucket", "must be lower-case: S3-compatible storage does not allow upper-case bucket names"],
      ["an underscore", { bucket: "my_bucket" }, "bucket", "may contain only lower-case letters, digits, '.' and '-'"],
      ["a leading dash", { bucket: "-bucket" }, "bucket", "must start and end with a letter or digit"],
      ["adjacent dots", { bucket: "my..bucket" }, "bucket", "must not contain '..', '.-' or '-.'"],
      ["an IP-like name", { bucket: "10.0.0.1" }, "bucket", "must not look like an IP address"],
      ["an unknown ACL", { acl: "public" }, "acl", 'must be "private", "public-read" or "public-read-write"'],
      ["a lower-case storage type", { storageType: "standard" }, "storageType", 'must be "STANDARD", "STANDARD_IA" (infrequent access) or "GLACIER" (archive)'],
      ["an unknown AZ policy", { azPolicy: "multi" }, "azPolicy", 'must be "single-az" or "multi-az"'],
      ["versioning as a string", { versioning: "yes" }, "versioning", "Invalid input: expected boolean, received string"],
      ["eleven tags", { tags: tooMany }, "tags", "must hold at most 10 tags (got 11)"],
      ["the reserved tag key", { tags: { "pulumi-ctyun-create-token": "x" } }, "tags", "tag key pulumi-ctyun-create-token is reserved for pulumi-ctyun"],
      ["a long tag value", { tags: { k: "v".repeat(257) } }, "tags", 'the value of tag "k" must be at most 256 characters long'],
      ["a tag value that is a number", { tags: { k: 5 } }, "tags", "k: Invalid input: expected string, received number"],
      ["forceDestroy as a string", { forceDestroy: "true" }, "forceDestroy", "Invalid input: expected boolean, received string"],
      ["a malformed region", { regionId: "cn-east-1" }, "regionId", "must be a CTyun regionID: 32 hexadecimal characters"],
      ["a malformed project", { projectId: "proj" }, "projectId", 'must be "" (default project), "0" or 32 lower-case letters and digits'],
      ["a property Bucket does not have", { name: "x" }, "name", "is not an input of ctyun:Bucket"],
    ];
    for (const [title, news, property, reason] of invalid) {
      it(`rejects ${title} without calling the cloud`, async () => {
        const provider = await bed.provider("Bucket");
        const { failures } = await provider.check({}, { pulumiName: "checked", bucket: "valid-bucket", ...news });
        assert.deepEqual(failures, [{ property, reason }]);
        assert.deepEqual(await bed.emu.control.requests(), []);
      });
    }

    it("fills the defaults and tolerates unknown values during preview", async () => {
      const provider = await bed.provider("Bucket");
      const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
      const { inputs, failures } = await provider.check({}, { pulumiName: "preview", bucket: unknown, tags: unknown });
      assert.deepEqual(failures, []);
      assert.deepEqual(inputs, {
        pulumiName: "preview",
        bucket: unknown,
        acl: "private",
        storageType: "STANDARD",
        azPolicy: "single-az",
        isEncrypted: false,
        versioning: false,
        tags: unknown,
        forceDestroy: false,
        regionId: REGION_HUADONG1,
      });
      assert.deepEqual(await bed.emu.control.requests(), []);
    });
  });
});
