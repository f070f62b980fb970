/** ZOS bucket operations (spec D.10): exact envelopes, codes, JSON types and state changes. */
import assert from "node:assert/strict";
import { REGION_HUABEI2, REGION_HUADONG1, useEmulator, type CtyunEnvelope } from "../helpers/emulator";

const REGION_XINAN1 = "3c5ee1fa8f3d11ee9b6a0242ac110005";
const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
const OWNER_ID = "7b2d6c1e9f4a4e0b8c3d5a6f1e2b3c4d";
const OWNER_GRANT = { grantee: { type: "CanonicalUser", ID: OWNER_ID, displayName: "emulator-account", URI: null }, permission: "FULL_CONTROL" };

describe("emulator: ZOS buckets", () => {
  const emu = useEmulator();

  /** Most tests want strong read-after-write; the propagation test turns the delay back on. */
  beforeEach(() => emu.control.setTiming("bucketMetadata", { mode: "immediate" }));

  async function ok<T = any>(res: Promise<{ envelope<U>(): CtyunEnvelope<U> }>): Promise<T> {
    const envelope = (await res).envelope<T>();
    assert.equal(envelope.statusCode, 800, JSON.stringify(envelope));
    return envelope.returnObj;
  }

  async function fails(res: Promise<{ status: number; envelope(): CtyunEnvelope }>, errorCode: string, message?: string | RegExp): Promise<CtyunEnvelope> {
    const response = await res;
    assert.equal(response.status, 200);
    const envelope = response.envelope();
    assert.equal(envelope.statusCode, 900, JSON.stringify(envelope));
    assert.equal(envelope.errorCode, errorCode, JSON.stringify(envelope));
    if (typeof message === "string") assert.equal(envelope.message, message);
    else if (message) assert.match(envelope.message, message);
    assert.equal(typeof envelope.description, "string");
    return envelope;
  }

  const create = (bucket: string, body: Record<string, unknown> = {}) =>
    emu.post("/v4/oss/create-bucket", { regionID: REGION_HUADONG1, bucket, isEncrypted: false, labels: null, otherBucketInfo: null, ...body });
  const get = (path: string, bucket: string, region = REGION_HUADONG1, extra: Record<string, string> = {}) => emu.get(`/v4/oss/${path}`, { bucket, regionID: region, ...extra });
  const post = (path: string, bucket: string, body: Record<string, unknown> = {}, region = REGION_HUADONG1) => emu.post(`/v4/oss/${path}`, { bucket, regionID: region, ...body });

  describe("GET /v4/oss/get-oss-service-status", () => {
    it('answers state "true" (a string) in every region, and the state a test sets', async () => {
      for (const region of [REGION_HUADONG1, REGION_HUABEI2, REGION_XINAN1]) {
        assert.deepEqual(await ok(emu.get("/v4/oss/get-oss-service-status", { regionID: region })), { state: "true" });
      }
      await emu.control.patchResource("zosService", REGION_HUABEI2, { state: "frozen" });
      assert.deepEqual(await ok(emu.get("/v4/oss/get-oss-service-status", { regionID: REGION_HUABEI2 })), { state: "frozen" });
      await fails(emu.get("/v4/oss/get-oss-service-status", { regionID: "0000000000000000000000000000abcd" }), "Unknown.Region.RegionIDError");
    });

    it("refuses create-bucket where object storage is not activated", async () => {
      await emu.control.patchResource("zosService", REGION_HUABEI2, { state: "false" });
      await fails(create("inactive-region", { regionID: REGION_HUABEI2 }), "oss.service.notActivated", `object storage is not activated in region ${REGION_HUABEI2} (state false)`);
      assert.equal(await emu.control.resource("bucket", "inactive-region"), undefined);
    });
  });

  describe("POST /v4/oss/create-bucket and GET /v4/oss/get-bucket-info", () => {
    it("creates a bucket and returns every documented field with its JSON type", async () => {
      assert.deepEqual(await ok(create("photos-2024", { ACL: "public-read", storageType: "STANDARD_IA", AZPolicy: "multi-az" })), {});
      const info = await ok(get("get-bucket-info", "photos-2024"));
      const usage = { size: 0, sizeActual: 0, sizeKb: 0, sizeKbActual: 0, sizeKbUtilized: 0, numObjects: 0, numMultiparts: 0 };
      assert.deepEqual(info, {
        bucket: "photos-2024",
        projectID: "0",
        projectId: "0",
        cmkUUID: null,
        storageType: "STANDARD_IA",
        AZPolicy: "multi-az",
        bucketQuota: { enabled: false, maxSize: -1, maxObjects: -1, checkOnRaw: false, maxSizeKb: 0 },
        tenant: OWNER_ID,
        ctime: "2024-06-01 00:00:00.000000Z",
        mtime: "2024-06-01 00:00:00.000000Z",
        bucketPreviewFlag: 0,
        placementRule: "multi-az-placement",
        owner: OWNER_ID,
        usage: {
          ...usage,
          sizeUtilized: 0,
          earlydelGlacierSize: 0,
          earlydelIaSize: 0,
          storageTypeStandard: { ...usage, sizeUtillized: 0 },
          storageTypeIa: { ...usage, sizeUtillized: 0 },
          storageTypeGlacier: { ...usage, sizeUtillized: 0 },
        },
        numShards: 11,
        tagMap: {},
        indexType: "Normal",
        explicitPlacement: { dataExtraPool: "", dataPool: "", indexPool: "" },
        zonegroup: REGION_HUADONG1,
      });
    });

    it("defaults ACL private, STANDARD, single-az, unencrypted; generates a cmkUUID for encryption or keeps the given one", async () => {
      await ok(emu.post("/v4/oss/create-bucket", { regionID: REGION_HUADONG1, bucket: "plain-bucket" }));
      const plain = await ok(get("get-bucket-info", "plain-bucket"));
      assert.deepEqual([plain.storageType, plain.AZPolicy, plain.cmkUUID], ["STANDARD", "single-az", null]);
      assert.deepEqual(await ok(get("get-bucket-acl", "plain-bucket")), { owner: { displayName: "emulator-account", ID: OWNER_ID }, grants: [OWNER_GRANT] });

      await ok(create("secret-bucket", { isEncrypted: true }));
      assert.match((await ok(get("get-bucket-info", "secret-bucket"))).cmkUUID, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const key = "0f8e2b1c-3d4a-4b5c-8d6e-7f8091a2b3c4";
      await ok(create("byok-bucket", { isEncrypted: true, cmkUUID: key }));
      assert.equal((await ok(get("get-bucket-info", "byok-bucket"))).cmkUUID, key);
      await fails(create("bad-byok", { isEncrypted: false, cmkUUID: key }), "Openapi.Parameter.Invalid", "cmkUUID may only be given with isEncrypted true");
    });

    it("hides a new bucket from get-bucket-info until its metadata has propagated (timing bucketMetadata)", async () => {
      await emu.control.setTiming("bucketMetadata", { mode: "polls", count: 1 });
      await ok(create("fresh-bucket"));
      await fails(get("get-bucket-info", "fresh-bucket"), "oss.resource.noSuchBucket", "not found bucket fresh-bucket");
      assert.equal((await ok(get("get-bucket-info", "fresh-bucket"))).bucket, "fresh-bucket");
      // The bucket itself exists at once: its settings can be written and read meanwhile.
      await ok(create("other-fresh"));
      await ok(post("put-bucket-versioning", "other-fresh", { versioningConfiguration: { status: "Enabled" } }));
      assert.deepEqual(await ok(get("get-bucket-versioning", "other-fresh")), { status: "Enabled" });
    });

    it("answers a missing bucket with oss.resource.noSuchBucket and 'not found bucket' in message and description", async () => {
      const envelope = await fails(get("get-bucket-info", "no-such-bucket"), "oss.resource.noSuchBucket", "not found bucket no-such-bucket");
      assert.deepEqual(envelope, {
        statusCode: 900,
        errorCode: "oss.resource.noSuchBucket",
        error: "Oss.Resource.NoSuchBucket",
        message: "not found bucket no-such-bucket",
        description: "not found bucket: 桶 no-such-bucket 不存在",
        returnObj: null,
      });
      await ok(create("lives-in-huadong"));
      await fails(get("get-bucket-info", "lives-in-huadong", REGION_HUABEI2), "oss.resource.noSuchBucket", "not found bucket lives-in-huadong");
      await fails(emu.get("/v4/oss/get-bucket-info", { regionID: REGION_HUADONG1 }), "Openapi.Parameter.Invalid", "bucket: Invalid input: expected string, received undefined");
    });

    const badNames: Array<[string, string]> = [
      ["ab", "bucket must be 3-63 characters long (got 2)"],
      ["a".repeat(64), "bucket must be 3-63 characters long (got 64)"],
      ["My-Bucket", "bucket must not contain upper-case letters"],
      ["my_bucket", "bucket may contain only lower-case letters, digits, '.' and '-'"],
      ["-bucket", "bucket must start and end with a letter or digit"],
      ["bucket.", "bucket must start and end with a letter or digit"],
      ["my..bucket", "bucket must not contain '..', '.-' or '-.'"],
      ["my.-bucket", "bucket must not contain '..', '.-' or '-.'"],
      ["192.168.5.4", "bucket must not be formatted as an IP address"],
    ];
    for (const [name, message] of badNames) {
      it(`refuses the bucket name ${JSON.stringify(name.length > 20 ? `${name.slice(0, 8)}…(${name.length})` : name)}`, async () => {
        await fails(create(name), "oss.parameter.invalidBucketName", message);
      });
    }

    it("accepts dots, digits first and 63 characters", async () => {
      for (const name of ["logs.example.com", "1st-bucket", "a".repeat(63), "a--b"]) await ok(create(name));
    });

    it("validates the enums and the AZ policy against the region", async () => {
      await fails(create("bad-acl", { ACL: "public" }), "Openapi.Parameter.Invalid", 'ACL: Invalid option: expected one of "private"|"public-read"|"public-read-write"');
      await fails(create("bad-type", { storageType: "standard" }), "Openapi.Parameter.Invalid", 'storageType: Invalid option: expected one of "STANDARD"|"STANDARD_IA"|"GLACIER"');
      await fails(create("bad-az", { AZPolicy: "MULTI-AZ" }), "Openapi.Parameter.Invalid", 'AZPolicy: Invalid option: expected one of "single-az"|"multi-az"');
      await fails(create("single-az-region", { regionID: REGION_XINAN1, AZPolicy: "multi-az" }), "Openapi.Parameter.Invalid", `AZPolicy multi-az needs a region with several availability zones; ${REGION_XINAN1} has one`);
      await fails(create("bad-project", { projectID: "proj" }), "Openapi.Parameter.Invalid", "projectID must be empty, 0 or 32 lower-case letters and digits");
      assert.deepEqual((await emu.control.state()).resources["bucket"] ?? [], []);
    });

    it("keeps bucket names unique across regions and accounts", async () => {
      await ok(create("global-name"));
      await fails(create("global-name"), "oss.resource.bucketAlreadyOwnedByYou", `BucketAlreadyOwnedByYou: you already own bucket global-name (region ${REGION_HUADONG1})`);
      await fails(create("global-name", { regionID: REGION_HUABEI2 }), "oss.resource.bucketAlreadyOwnedByYou", `BucketAlreadyOwnedByYou: you already own bucket global-name (region ${REGION_HUADONG1})`);
      // The name now belongs to another account.
      await emu.control.patchResource("bucket", "global-name", { owner: "another-tenant" });
      await fails(create("global-name", { regionID: REGION_HUABEI2 }), "oss.resource.bucketAlreadyExists", "BucketAlreadyExists: bucket name global-name is taken; bucket names are unique across all regions and accounts");
      await fails(get("get-bucket-info", "global-name"), "oss.resource.accessDenied", "AccessDenied: bucket global-name belongs to another account");
      await fails(post("delete-bucket", "global-name"), "oss.resource.accessDenied");
      assert.deepEqual((await ok(emu.get("/v4/oss/list-buckets", { regionID: REGION_HUADONG1 }))).bucketList, []);
    });

    it("loses the answer of a repeated create under commit-then-drop, the conflict envelope included", async () => {
      await emu.control.addFault({ path: "/v4/oss/create-bucket", kind: "commit-then-drop", times: 2 });
      await assert.rejects(create("dropped-answers"));
      await assert.rejects(create("dropped-answers"));
      await fails(create("dropped-answers"), "oss.resource.bucketAlreadyOwnedByYou");
      const log = (await emu.control.requests()).filter((r) => r.operation === "CreateBucket");
      assert.deepEqual(log.map((r) => [r.status, r.fault]), [[0, "commit-then-drop"], [0, "commit-then-drop"], [200, null]]);
      assert.equal((await emu.control.state()).resources["bucket"]?.length, 1);
    });

    it("turns labels into the bucket's tags and object lock into enabled versioning", async () => {
      await ok(create("labelled", { labels: [{ key: "team", value: "data" }], otherBucketInfo: { ObjectLockEnabledForBucket: true } }));
      assert.deepEqual(await ok(get("get-bucket-tagging", "labelled")), { tagSet: [{ key: "team", value: "data" }] });
      assert.deepEqual((await ok(get("get-bucket-info", "labelled"))).tagMap, { team: "data" });
      assert.deepEqual(await ok(get("get-bucket-versioning", "labelled")), { status: "Enabled" });
      await fails(
        post("put-bucket-versioning", "labelled", { versioningConfiguration: { status: "Suspended" } }),
        "oss.resource.invalidBucketState",
        "InvalidBucketState: versioning cannot be suspended on bucket labelled: object lock is enabled",
      );
    });
  });

  describe("versioning", () => {
    it('answers status "" for a never-versioned bucket, then what was put', async () => {
      await ok(create("versioned"));
      assert.deepEqual(await ok(get("get-bucket-versioning", "versioned")), { status: "" });
      assert.deepEqual(await ok(post("put-bucket-versioning", "versioned", { versioningConfiguration: { status: "Enabled" } })), {});
      assert.deepEqual(await ok(get("get-bucket-versioning", "versioned")), { status: "Enabled" });
      await ok(post("put-bucket-versioning", "versioned", { versioningConfiguration: { status: "Suspended" } }));
      assert.deepEqual(await ok(get("get-bucket-versioning", "versioned")), { status: "Suspended" });
      await fails(post("put-bucket-versioning", "versioned", { versioningConfiguration: { status: "Disabled" } }), "Openapi.Parameter.Invalid", 'versioningConfiguration.status: Invalid option: expected one of "Enabled"|"Suspended"');
      await fails(post("put-bucket-versioning", "missing", { versioningConfiguration: { status: "Enabled" } }), "oss.resource.noSuchBucket", "not found bucket missing");
    });
  });

  describe("tagging", () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));

    it("answers NoSuchTagSetError without tags, stores a put set, and deletes it", async () => {
      await ok(create("tagged"));
      await fails(get("get-bucket-tagging", "tagged"), "oss.resource.noSuchTagSet", "NoSuchTagSetError: The TagSet does not exist");
      await ok(post("put-bucket-tagging", "tagged", { tagging: { tagSet: [{ key: "env", value: "prod" }, { key: "owner", value: "数据组" }] } }));
      assert.deepEqual(await ok(get("get-bucket-tagging", "tagged")), { tagSet: [{ key: "env", value: "prod" }, { key: "owner", value: "数据组" }] });
      await ok(post("put-bucket-tagging", "tagged", { tagging: { tagSet: tags(10) } }));
      assert.deepEqual((await ok(get("get-bucket-tagging", "tagged"))).tagSet, tags(10), "put replaces the whole set");
      assert.deepEqual(await ok(post("delete-bucket-tagging", "tagged")), {});
      await fails(get("get-bucket-tagging", "tagged"), "oss.resource.noSuchTagSet", "NoSuchTagSetError: The TagSet does not exist");
    });

    it("enforces the tag limits", async () => {
      await ok(create("limits"));
      const put = (tagSet: unknown) => post("put-bucket-tagging", "limits", { tagging: { tagSet } });
      await fails(put(tags(11)), "Openapi.Parameter.Invalid", "tagging.tagSet holds 11 tags; at most 10 are allowed");
      await fails(put([]), "Openapi.Parameter.Invalid", "tagging.tagSet must hold 1-10 tags (remove all tags with delete-bucket-tagging)");
      await fails(put([{ key: "a", value: "1" }, { key: "a", value: "2" }]), "Openapi.Parameter.Invalid", "tagging.tagSet: tag key a appears twice");
      await fails(put([{ key: "k".repeat(129), value: "" }]), "Openapi.Parameter.Invalid", "tagging.tagSet: tag keys must be 1-128 characters long");
      await fails(put([{ key: "", value: "x" }]), "Openapi.Parameter.Invalid", "tagging.tagSet: tag keys must be 1-128 characters long");
      await fails(put([{ key: "k", value: "v".repeat(257) }]), "Openapi.Parameter.Invalid", "tagging.tagSet: tag values must be at most 256 characters long");
      await fails(create("too-many-labels", { labels: tags(11) }), "Openapi.Parameter.Invalid", "labels holds 11 tags; at most 10 are allowed");
      await fails(get("get-bucket-tagging", "limits"), "oss.resource.noSuchTagSet");
    });
  });

  describe("ACL", () => {
    it("sets canned ACLs and explicit grants, and reads grants back", async () => {
      await ok(create("acl-bucket", { ACL: "public-read-write" }));
      const all = (permission: string) => ({ grantee: { type: "Group", URI: ALL_USERS }, permission });
      assert.deepEqual((await ok(get("get-bucket-acl", "acl-bucket"))).grants, [OWNER_GRANT, all("READ"), all("WRITE")]);
      await ok(post("put-bucket-acl", "acl-bucket", { ACL: "public-read", accessControlPolicy: null }));
      assert.deepEqual((await ok(get("get-bucket-acl", "acl-bucket"))).grants, [OWNER_GRANT, all("READ")]);
      assert.equal((await emu.control.resource<{ ACL: string }>("bucket", "acl-bucket"))!.data.ACL, "public-read");
      await ok(post("put-bucket-acl", "acl-bucket", { accessControlPolicy: { owner: { ID: OWNER_ID }, grants: [OWNER_GRANT, all("READ"), all("WRITE")] } }));
      assert.deepEqual((await ok(get("get-bucket-acl", "acl-bucket"))).grants, [OWNER_GRANT, all("READ"), all("WRITE")]);
      assert.equal((await emu.control.resource<{ ACL: string }>("bucket", "acl-bucket"))!.data.ACL, "public-read-write");
    });

    it("refuses public-read-write as a canned put, both or neither form, and unknown groups", async () => {
      await ok(create("acl-rules"));
      await fails(post("put-bucket-acl", "acl-rules", { ACL: "public-read-write" }), "Openapi.Parameter.Invalid", "ACL: ACL must be private or public-read (grant public write through accessControlPolicy)");
      await fails(post("put-bucket-acl", "acl-rules", {}), "Openapi.Parameter.Invalid", "give exactly one of ACL and accessControlPolicy");
      await fails(post("put-bucket-acl", "acl-rules", { ACL: "private", accessControlPolicy: { grants: [] } }), "Openapi.Parameter.Invalid", "give exactly one of ACL and accessControlPolicy");
      await fails(
        post("put-bucket-acl", "acl-rules", { accessControlPolicy: { grants: [{ grantee: { type: "Group", URI: "http://example.com/everyone" }, permission: "READ" }] } }),
        "Openapi.Parameter.Invalid",
        "accessControlPolicy.grants.0.grantee.URI must be one of http://acs.amazonaws.com/groups/global/AllUsers, http://acs.amazonaws.com/groups/global/AuthenticatedUsers, http://acs.amazonaws.com/groups/s3/LogDelivery",
      );
      await fails(
        post("put-bucket-acl", "acl-rules", { accessControlPolicy: { grants: [{ grantee: { type: "CanonicalUser" }, permission: "READ" }] } }),
        "Openapi.Parameter.Invalid",
        "accessControlPolicy.grants.0.grantee.ID is required for type CanonicalUser",
      );
      assert.deepEqual((await ok(get("get-bucket-acl", "acl-rules"))).grants, [OWNER_GRANT]);
    });
  });

  describe("logging", () => {
    it("answers loggingEnabled null (never a null returnObj), stores a target of the same region, and deletes it", async () => {
      await ok(create("app-bucket"));
      await ok(create("log-bucket"));
      await ok(create("far-bucket", { regionID: REGION_HUABEI2 }));
      assert.deepEqual(await ok(get("get-bucket-logging", "app-bucket")), { loggingEnabled: null });
      const status = (targetBucket: string) => ({ bucketLoggingStatus: { loggingEnabled: { targetBucket, targetPrefix: "logs/app-", targetGrants: null } } });
      await ok(post("put-bucket-logging", "app-bucket", status("log-bucket")));
      assert.deepEqual(await ok(get("get-bucket-logging", "app-bucket")), { loggingEnabled: { targetBucket: "log-bucket", targetPrefix: "logs/app-", targetGrants: [] } });
      await fails(post("put-bucket-logging", "app-bucket", status("far-bucket")), "oss.resource.noSuchBucket", `targetBucket far-bucket does not exist in region ${REGION_HUADONG1}`);
      assert.deepEqual(await ok(post("delete-bucket-logging", "app-bucket")), {});
      assert.deepEqual(await ok(get("get-bucket-logging", "app-bucket")), { loggingEnabled: null });
    });
  });

  describe("GET /v4/oss/list-buckets", () => {
    it("lists the account's buckets of a region (or every region with regionID=public) with paging and a project filter", async () => {
      const project = "a".repeat(32);
      await ok(create("list-a"));
      await ok(create("list-b", { projectID: project, isEncrypted: true }));
      await ok(create("list-c"));
      await ok(create("list-far", { regionID: REGION_HUABEI2 }));
      const page1 = await ok(emu.get("/v4/oss/list-buckets", { regionID: REGION_HUADONG1, pageNo: "1", pageSize: "2" }));
      assert.deepEqual(page1.bucketList.map((b: { bucket: string }) => b.bucket), ["list-a", "list-b"]);
      assert.deepEqual(
        { bucketTotal: page1.bucketTotal, totalCount: page1.totalCount, currentCount: page1.currentCount, pageNo: page1.pageNo, pageSize: page1.pageSize },
        { bucketTotal: 3, totalCount: 3, currentCount: 2, pageNo: 1, pageSize: 2 },
      );
      assert.deepEqual(page1.bucketList[0], {
        bucket: "list-a",
        regionID: REGION_HUADONG1,
        regionName: "华东1",
        projectID: "0",
        storageType: "STANDARD",
        isEncrypted: false,
        cmkUUID: "",
        AZPolicy: "single-az",
        creationDate: "2024-06-01T00:00:00.000Z",
      });
      assert.equal(page1.bucketList[1].isEncrypted, true);
      assert.match(page1.bucketList[1].cmkUUID, /^[0-9a-f-]{36}$/);
      const page2 = await ok(emu.get("/v4/oss/list-buckets", { regionID: REGION_HUADONG1, pageNo: "2", pageSize: "2" }));
      assert.deepEqual(page2.bucketList.map((b: { bucket: string }) => b.bucket), ["list-c"]);
      const byProject = await ok(emu.get("/v4/oss/list-buckets", { regionID: REGION_HUADONG1, projectID: `0,${project}` }));
      assert.equal(byProject.totalCount, 3);
      const onlyProject = await ok(emu.get("/v4/oss/list-buckets", { regionID: REGION_HUADONG1, projectID: project }));
      assert.deepEqual(onlyProject.bucketList.map((b: { bucket: string }) => b.bucket), ["list-b"]);
      const everywhere = await ok(emu.get("/v4/oss/list-buckets", { regionID: "public", pageSize: "50" }));
      assert.deepEqual(everywhere.bucketList.map((b: { bucket: string; regionID: string }) => `${b.bucket}@${b.regionID.slice(0, 4)}`), ["list-a@bb9f", "list-b@bb9f", "list-c@bb9f", "list-far@81f7"]);
      await fails(emu.get("/v4/oss/list-buckets", { regionID: REGION_HUADONG1, pageSize: "51" }), "Openapi.Parameter.Invalid", "pageSize must not exceed 50");
    });
  });

  describe("objects and POST /v4/oss/delete-bucket", () => {
    it("deletes an empty bucket, after which it is gone everywhere", async () => {
      await ok(create("short-lived"));
      assert.deepEqual(await ok(post("delete-bucket", "short-lived")), {});
      await fails(get("get-bucket-info", "short-lived"), "oss.resource.noSuchBucket", "not found bucket short-lived");
      await fails(post("delete-bucket", "short-lived"), "oss.resource.noSuchBucket", "not found bucket short-lived");
      await ok(create("short-lived", { regionID: REGION_HUABEI2 }));
    });

    it("refuses to delete a bucket holding objects, lists them, and deletes the bucket once they are deleted", async () => {
      await ok(create("full-bucket"));
      await emu.control.patchResource("bucket", "full-bucket", { objects: [{ key: "docs/a.txt", size: 3 }, { key: "docs/b.txt", size: 2048 }, { key: "top.bin", size: 10 }] });
      await fails(post("delete-bucket", "full-bucket"), "oss.resource.bucketNotEmpty", "BucketNotEmpty: bucket full-bucket is not empty (3 object versions, 0 delete markers); delete them first");
      const info = await ok(get("get-bucket-info", "full-bucket"));
      assert.deepEqual([info.usage.numObjects, info.usage.size, info.usage.sizeKb], [3, 2061, 3]);

      const listing = await ok(get("list-objects", "full-bucket", REGION_HUADONG1, { delimiter: "/" }));
      assert.deepEqual(listing.commonPrefixes, [{ prefix: "docs/" }]);
      assert.deepEqual(listing.contents, [
        { key: "top.bin", ETag: listing.contents[0].ETag, lastModified: "2024-06-01T00:00:00.000Z", size: 10, storageClass: "STANDARD", owner: { displayName: "emulator-account", ID: OWNER_ID }, type: "Normal" },
      ]);
      assert.match(listing.contents[0].ETag, /^"[0-9a-f]{32}"$/);
      assert.deepEqual({ ...listing, contents: [], commonPrefixes: [] }, { name: "full-bucket", prefix: "", marker: "", delimiter: "/", maxKeys: 1000, encodingType: "", isTruncated: false, nextMarker: "", contents: [], commonPrefixes: [] });

      const page = await ok(get("list-objects", "full-bucket", REGION_HUADONG1, { maxKeys: "2" }));
      assert.deepEqual([page.contents.map((o: { key: string }) => o.key), page.isTruncated, page.nextMarker], [["docs/a.txt", "docs/b.txt"], true, "docs/b.txt"]);
      const rest = await ok(get("list-objects", "full-bucket", REGION_HUADONG1, { marker: "docs/b.txt", prefix: "" }));
      assert.deepEqual([rest.contents.map((o: { key: string }) => o.key), rest.isTruncated], [["top.bin"], false]);

      const deleted = await ok(post("delete-objects", "full-bucket", { delete: { objects: [{ key: "docs/a.txt" }, { key: "docs/b.txt" }, { key: "top.bin" }], quiet: false } }));
      assert.deepEqual(deleted, {
        deleted: ["docs/a.txt", "docs/b.txt", "top.bin"].map((key) => ({ key, versionID: "", deleteMarker: false, deleteMarkerVersionID: "" })),
        requestCharged: "",
        errors: [],
      });
      assert.deepEqual((await ok(get("list-objects", "full-bucket"))).contents, []);
      await ok(post("delete-bucket", "full-bucket"));
      assert.equal(await emu.control.resource("bucket", "full-bucket"), undefined);
    });

    it("materialises a patched objectCount as synthetic objects", async () => {
      await ok(create("counted"));
      await emu.control.patchResource("bucket", "counted", { objectCount: 3 });
      const listing = await ok(get("list-objects", "counted"));
      assert.deepEqual(listing.contents.map((o: { key: string; size: number }) => `${o.key}:${o.size}`), ["object-000001:1024", "object-000002:1024", "object-000003:1024"]);
      await ok(post("delete-objects", "counted", { delete: { objects: [{ key: "object-000002" }], quiet: true } }));
      const after = await emu.control.resource<{ objectCount: number; objects: unknown[] }>("bucket", "counted");
      assert.deepEqual([after!.data.objectCount, after!.data.objects.length], [2, 2]);
      await fails(post("delete-bucket", "counted"), "oss.resource.bucketNotEmpty", "BucketNotEmpty: bucket counted is not empty (2 object versions, 0 delete markers); delete them first");
    });

    it("keeps versions and delete markers in a versioned bucket until each version is deleted", async () => {
      await ok(create("history"));
      await ok(post("put-bucket-versioning", "history", { versioningConfiguration: { status: "Enabled" } }));
      await emu.control.patchResource("bucket", "history", { objects: [{ key: "a.txt", versionID: "v1", size: 1 }, { key: "a.txt", versionID: "v2", size: 2 }, { key: "b.txt", versionID: "v3", size: 3 }] });
      const { deleted } = await ok(post("delete-objects", "history", { delete: { objects: [{ key: "a.txt" }] } }));
      assert.equal(deleted[0].deleteMarker, true);
      assert.match(deleted[0].deleteMarkerVersionID, /^[0-9a-z]{32}$/);
      assert.deepEqual((await ok(get("list-objects", "history"))).contents.map((o: { key: string }) => o.key), ["b.txt"], "a.txt is hidden by its delete marker");

      const versions = await ok(get("list-object-versions", "history"));
      assert.equal(typeof versions.keys[0].versions, "string", "versions is a JSON string, as documented");
      assert.deepEqual(
        versions.keys.map((k: { key: string; versions: string }) => ({ key: k.key, versions: JSON.parse(k.versions).map((v: { versionID: string; isLatest: boolean }) => `${v.versionID}${v.isLatest ? "*" : ""}`) })),
        [{ key: "a.txt", versions: ["v2", "v1"] }, { key: "b.txt", versions: ["v3*"] }],
      );
      assert.deepEqual(versions.deleteMarkers, [
        { key: "a.txt", versionID: deleted[0].deleteMarkerVersionID, isLatest: true, lastModified: "2024-06-01T00:00:00.000Z", owner: { displayName: "emulator-account", ID: OWNER_ID } },
      ]);
      assert.deepEqual([versions.keyMarker, versions.nextKeyMarker], ["", null]);
      await fails(post("delete-bucket", "history"), "oss.resource.bucketNotEmpty", "BucketNotEmpty: bucket history is not empty (3 object versions, 1 delete markers); delete them first");

      const all = [
        { key: "a.txt", versionID: "v1" },
        { key: "a.txt", versionID: "v2" },
        { key: "a.txt", versionID: deleted[0].deleteMarkerVersionID },
        { key: "b.txt", versionID: "v3" },
      ];
      const result = await ok(post("delete-objects", "history", { delete: { objects: all, quiet: true } }));
      assert.deepEqual(result, { deleted: [], requestCharged: "", errors: [] });
      assert.deepEqual(await ok(get("list-object-versions", "history")), { keyMarker: "", nextKeyMarker: null, keys: [], deleteMarkers: [] });
      await ok(post("delete-bucket", "history"));
    });

    it("pages list-object-versions by key and skips a key equal to the prefix", async () => {
      await ok(create("many-keys"));
      const objects = Array.from({ length: 1001 }, (_, i) => ({ key: `k/${String(i).padStart(4, "0")}` }));
      await emu.control.patchResource("bucket", "many-keys", { objects: [...objects, { key: "k/" }] });
      const first = await ok(get("list-object-versions", "many-keys", REGION_HUADONG1, { prefix: "k/" }));
      assert.equal(first.keys.length, 1000);
      assert.equal(first.nextKeyMarker, "k/0999");
      const second = await ok(get("list-object-versions", "many-keys", REGION_HUADONG1, { prefix: "k/", keyMarker: "k/0999" }));
      assert.deepEqual([second.keys.map((k: { key: string }) => k.key), second.nextKeyMarker], [["k/1000"], null]);
      await fails(post("delete-objects", "many-keys", { delete: { objects: objects.slice(0, 1001) } }), "Openapi.Parameter.Invalid", "delete.objects: delete.objects must name 1-1000 objects");
    });

    it("suspended versioning replaces the null version by a null delete marker", async () => {
      await ok(create("suspended"));
      await ok(post("put-bucket-versioning", "suspended", { versioningConfiguration: { status: "Suspended" } }));
      await emu.control.patchResource("bucket", "suspended", { objects: [{ key: "x", versionID: "old1" }, { key: "x" }] });
      const { deleted } = await ok(post("delete-objects", "suspended", { delete: { objects: [{ key: "x" }] } }));
      assert.deepEqual(deleted, [{ key: "x", versionID: "", deleteMarker: true, deleteMarkerVersionID: "null" }]);
      const stored = (await emu.control.resource<{ objects: Array<{ versionID: string; isDeleteMarker: boolean }> }>("bucket", "suspended"))!.data.objects;
      assert.deepEqual(stored.map((o) => `${o.versionID}${o.isDeleteMarker ? "(marker)" : ""}`), ["old1", "null(marker)"]);
    });
  });

  describe("S3-compatible access details", () => {
    it("GET /v4/oss/get-keys answers an array; GET /v4/oss/get-endpoint the data plane on the emulator's own URL", async () => {
      const keys = await ok(emu.get("/v4/oss/get-keys", { regionID: REGION_HUADONG1 }));
      assert.ok(Array.isArray(keys));
      assert.equal(keys.length, 1);
      assert.deepEqual({ ...keys[0], accessKey: keys[0].accessKey.length, secretKey: keys[0].secretKey.length }, { accessKey: 20, secretKey: 40, regionName: "公共资源池", regionID: "public" });
      assert.match(keys[0].accessKey, /^[A-Z0-9]{20}$/);
      assert.deepEqual(await ok(emu.get("/v4/oss/get-endpoint", { regionID: REGION_HUABEI2 })), {
        internetEndpoint: [`${emu.url}/_s3`],
        intranetEndpoint: [`${emu.url}/_s3`],
        ipv6Endpoint: [],
      });
    });
  });
});
