/** Key pairs (spec D.11): import, generate, details, delete, attach/detach to VMs. */
import assert from "node:assert/strict";
import { createPublicKey } from "node:crypto";
import { ID_PATTERNS } from "../../emulator/store/ids";
import { REGION_HUABEI2, REGION_HUADONG1, useEmulator } from "../helpers/emulator";
import {
  ED25519,
  RSA_1024,
  RSA_1024_MD5,
  RSA_2048,
  RSA_2048_MD5,
  WINDOWS,
  createInstance,
  createNetwork,
  details,
  failure,
  flavorId,
  importKeyPair,
  ok,
} from "./fixtures/ecs";

interface KeyPairRow {
  keyPairID: string;
  keyPairName: string;
  publicKey: string;
  fingerPrint: string;
  projectID: string;
  keyPairDescription: string;
}
interface Listing {
  currentCount: number;
  totalCount: number;
  totalPage: number;
  results: KeyPairRow[];
}

describe("emulator key pairs", () => {
  const emu = useEmulator({ transport: "in-process" });
  const post = (op: string, body: Record<string, unknown>, regionID = REGION_HUADONG1) => emu.post(`/v4/ecs/keypair/${op}`, { regionID, ...body });
  const list = async (body: Record<string, unknown>, regionID = REGION_HUADONG1) => ok((await post("details", body, regionID)).envelope<Listing>());

  describe("POST /v4/ecs/keypair/import-keypair", () => {
    it("imports an RSA key, keeps it byte-for-byte and reports ssh-keygen's MD5 fingerprint", async () => {
      const publicKey = `${RSA_2048}  `;
      const imported = ok((await post("import-keypair", { keyPairName: "deploy", publicKey })).envelope());
      // keyPairID too: the Go SDK's import response reads it (the Python model omits it).
      assert.deepEqual(imported, { publicKey, keyPairName: "deploy", fingerPrint: RSA_2048_MD5, keyPairDescription: "", keyPairID: imported["keyPairID"] });
      assert.match(imported["keyPairID"] as string, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const listed = await list({ keyPairName: "deploy", queryContent: "", pageNo: 1, pageSize: 1 });
      assert.deepEqual([listed.currentCount, listed.totalCount, listed.totalPage], [1, 1, 1]);
      const row = listed.results[0]!;
      assert.match(row.keyPairID, ID_PATTERNS.uuid);
      assert.deepEqual({ ...row, keyPairID: "" }, { keyPairID: "", keyPairName: "deploy", publicKey, fingerPrint: RSA_2048_MD5, projectID: "0", keyPairDescription: "", bindInstanceNum: 0, labelList: [] });
      ok((await post("import-keypair", { keyPairName: "small", publicKey: RSA_1024.replace(/ test@example$/, "") })).envelope());
      assert.equal((await list({ keyPairName: "small" })).results[0]!.fingerPrint, RSA_1024_MD5, "the comment does not change the fingerprint");
    });

    it("keeps names unique per region: a second import is Openapi.Name.Duplicated, another region is fine", async () => {
      await importKeyPair(emu, "shared");
      failure((await post("import-keypair", { keyPairName: "shared", publicKey: RSA_1024 })).envelope(), "Openapi.Name.Duplicated", "a key pair named shared already exists in this region");
      ok((await post("import-keypair", { keyPairName: "shared", publicKey: RSA_1024 }, REGION_HUABEI2)).envelope());
      assert.equal((await list({ keyPairName: "shared" })).results[0]!.fingerPrint, RSA_2048_MD5, "the first key is untouched");
    });

    it("refuses bad names and keys with exact reasons (table)", async () => {
      const blob = RSA_2048.split(" ")[1]!;
      const cases: Array<[string, Record<string, unknown>, string]> = [
        ["one character", { keyPairName: "k" }, "keyPairName must be 2-63 characters long"],
        ["64 characters", { keyPairName: "k".repeat(64) }, "keyPairName must be 2-63 characters long"],
        ["leading digit", { keyPairName: "1key" }, "keyPairName must start with a letter, contain only letters, digits and '-', and not end with '-'"],
        ["trailing dash", { keyPairName: "key-" }, "keyPairName must start with a letter, contain only letters, digits and '-', and not end with '-'"],
        ["underscore", { keyPairName: "my_key" }, "keyPairName must start with a letter, contain only letters, digits and '-', and not end with '-'"],
        ["empty key", { publicKey: "" }, "publicKey must not be empty"],
        ["ed25519 key", { publicKey: ED25519 }, "publicKey must be an RSA key (ssh-rsa); ssh-ed25519 keys are not supported"],
        ["PEM instead of OpenSSH", { publicKey: "-----BEGIN PUBLIC KEY-----" }, "publicKey must be an OpenSSH public key line: ssh-rsa <base64 key> [comment]"],
        ["broken base64", { publicKey: `ssh-rsa ${blob.slice(0, -3)}x== c` }, "publicKey has a malformed base64 key"],
        ["truncated blob", { publicKey: `ssh-rsa ${Buffer.from(blob, "base64").subarray(0, 40).toString("base64")}` }, "publicKey has a key blob that is not a well-formed ssh-rsa key"],
        ["longer than 1024 characters", { publicKey: `${RSA_2048} ${"c".repeat(700)}` }, "publicKey must be at most 1024 characters long"],
        ["two lines", { publicKey: `${RSA_2048}\n${RSA_1024}` }, "publicKey must be a single line"],
      ];
      for (const [label, change, message] of cases) {
        const envelope = (await post("import-keypair", { keyPairName: "valid-name", publicKey: RSA_2048, ...change })).envelope();
        assert.deepEqual({ label, errorCode: envelope.errorCode, message: envelope.message }, { label, errorCode: "Openapi.Parameter.Invalid", message });
      }
      assert.equal((await list({})).totalCount, 0);
    });
  });

  describe("POST /v4/ecs/keypair/create-keypair", () => {
    it("generates a key pair, returns the private key once (both name spellings), and never lists it", async () => {
      const created = ok((await post("create-keypair", { keyPairName: "generated" })).envelope<{ publicKey: string; privateKey: string; keyPairName: string; fingerPrint: string; keyPairID: string }>());
      assert.deepEqual(Object.keys(created).sort(), ["fingerPrint", "keyPairDescription", "keyPairID", "keyPairName", "privateKey", "publicKey"]);
      assert.match(created.privateKey, /^-----BEGIN RSA PRIVATE KEY-----\n/);
      const derived = createPublicKey(created.privateKey).export({ format: "jwk" });
      const listed = (await list({ keyPairName: "generated" })).results[0]!;
      assert.equal(listed.publicKey, created.publicKey);
      assert.equal(listed.fingerPrint, created.fingerPrint);
      assert.equal(listed.keyPairID, created.keyPairID);
      const blob = Buffer.from(created.publicKey.split(" ")[1]!, "base64");
      assert.ok(blob.includes(Buffer.from(derived.n!, "base64url")), "the public key belongs to the private key");
      assert.ok(!JSON.stringify(await emu.control.state()).includes("PRIVATE KEY"), "the private key is not stored");
      const old = ok((await post("create-keypair", { keypairName: "old-sdk" })).envelope<{ keyPairName: string }>());
      assert.equal(old.keyPairName, "old-sdk");
      failure((await post("create-keypair", {})).envelope(), "Openapi.Parameter.Invalid", "keyPairName is required");
      failure((await post("create-keypair", { keyPairName: "generated" })).envelope(), "Openapi.Name.Duplicated", "a key pair named generated already exists in this region");
    });
  });

  describe("POST /v4/ecs/keypair/details", () => {
    it("matches keyPairName exactly and queryContent fuzzily (name or id), with paging and project filter", async () => {
      const alpha = await importKeyPair(emu, "alpha-key");
      await importKeyPair(emu, "alpha-key-2", RSA_1024);
      ok((await post("import-keypair", { keyPairName: "beta", publicKey: RSA_2048, projectID: "0123456789abcdef0123456789abcdef" })).envelope());
      assert.deepEqual((await list({ keyPairName: "alpha-key" })).results.map((k) => k.keyPairName), ["alpha-key"]);
      assert.deepEqual((await list({ queryContent: "ALPHA" })).results.map((k) => k.keyPairName), ["alpha-key", "alpha-key-2"]);
      assert.deepEqual((await list({ queryContent: alpha.slice(0, 13) })).results.map((k) => k.keyPairID), [alpha]);
      const page = await list({ pageNo: 2, pageSize: 2 });
      assert.deepEqual([page.currentCount, page.totalCount, page.totalPage, page.results[0]!.keyPairName], [1, 3, 2, "beta"]);
      assert.deepEqual((await list({ projectID: "0123456789abcdef0123456789abcdef" })).results.map((k) => k.keyPairName), ["beta"]);
      assert.deepEqual(await list({ keyPairName: "missing" }), { currentCount: 0, totalCount: 0, totalPage: 0, results: [] });
    });
  });

  describe("binding to VMs and deleting", () => {
    it("attaches (replacing a bound key), detaches, and refuses Windows VMs and transitional states", async () => {
      const net = await createNetwork(emu);
      await importKeyPair(emu, "first");
      await importKeyPair(emu, "second", RSA_1024);
      const vm = await createInstance(emu, net);
      assert.deepEqual(ok((await emu.post("/v4/ecs/keypair/attach-instance", { regionID: REGION_HUADONG1, keyPairName: "first", instanceID: vm })).envelope()), { instanceID: vm });
      assert.equal(ok(await details(emu, vm)).keypairName, "first");
      ok((await post("attach-instance", { keyPairName: "second", instanceID: vm })).envelope());
      assert.equal(ok(await details(emu, vm)).keypairName, "second", "attach replaces the bound key pair (API doc)");
      failure((await post("detach-instance", { keyPairName: "first", instanceID: vm })).envelope(), "Openapi.Parameter.Invalid", `key pair first is not bound to instance ${vm} (it has second)`);
      ok((await post("detach-instance", { keyPairName: "second", instanceID: vm })).envelope());
      assert.equal(ok(await details(emu, vm)).keypairName, "");
      failure((await post("attach-instance", { keyPairName: "nope", instanceID: vm })).envelope(), "Ecs.KeyPair.NotFound", "key pair nope not found");
      failure((await post("attach-instance", { keyPairName: "first", instanceID: "00000000-0000-4000-8000-0000000000cc" })).envelope(), "Ecs.Instance.NotFound", "instance 00000000-0000-4000-8000-0000000000cc not found");
      ok((await emu.post("/v4/ecs/stop-instance", { regionID: REGION_HUADONG1, instanceID: vm })).envelope());
      failure((await post("attach-instance", { keyPairName: "first", instanceID: vm })).envelope(), "Ecs.Instance.StatusInvalid", `instance ${vm} is stopping; this operation needs it running or stopped`);
      const windows = await createInstance(emu, net, { imageID: WINDOWS, instanceName: "win-1", flavorID: flavorId("s7.xlarge.2") });
      failure((await post("attach-instance", { keyPairName: "first", instanceID: windows })).envelope(), "Openapi.Parameter.Invalid", `instance ${windows} runs Windows, which does not support key pairs`);
    });

    it("deletes by name (Ecs.KeyPair.NotFound when unknown); a VM using it keeps showing its name", async () => {
      const net = await createNetwork(emu);
      const keyPairID = await importKeyPair(emu, "used");
      const vm = await createInstance(emu, net, { keyPairID, userPassword: undefined });
      assert.deepEqual(ok((await post("delete", { keyPairName: "used" })).envelope()), { keyPairName: "used" });
      assert.equal((await list({ keyPairName: "used" })).totalCount, 0);
      assert.equal(ok(await details(emu, vm)).keypairName, "used");
      failure((await post("delete", { keyPairName: "used" })).envelope(), "Ecs.KeyPair.NotFound", "key pair used not found");
      ok((await post("detach-instance", { keyPairName: "used", instanceID: vm })).envelope());
    });
  });
});
