import assert from "node:assert/strict";
import { describeResourceContract } from "../helpers/resource-contract";
import { useProviderTestbed } from "../helpers/providers";
import { REGION_HUABEI2, REGION_HUADONG1 } from "../helpers/emulator";
import { ED25519, RSA_1024, RSA_2048, RSA_2048_MD5 } from "../emulator/fixtures/ecs";

describeResourceContract({
  kind: "KeyPair",
  idOutput: "keyPairId",
  recordKind: "keyPair",
  createOperation: "ImportKeyPair",
  createPath: "/v4/ecs/keypair/import-keypair",
  // An explicit name: adoption must match it (every input is create-only).
  inputs: async () => ({ name: "contract-key", publicKey: RSA_2048 }),
  updates: [],
  replacements: [{ publicKey: RSA_1024 }, { name: "other-key" }, { regionId: REGION_HUABEI2 }, { projectId: "0123456789abcdef0123456789abcdef" }],
  drift: { patch: { publicKey: RSA_1024 }, inputs: { publicKey: RSA_1024 } },
});

describe("KeyPair: specifics", () => {
  const bed = useProviderTestbed();

  it("auto-names within the key pair rules and reports ssh-keygen's MD5 fingerprint", async () => {
    const { id, outs } = await bed.create("KeyPair", { publicKey: RSA_2048 }, "my_deploy.key");
    assert.match(outs["name"], /^my-deploy-key-[0-9a-f]{7}$/);
    assert.equal(outs["fingerPrint"], RSA_2048_MD5);
    assert.equal(outs["keyPairId"], id);
    assert.equal(outs["publicKey"], RSA_2048);
  });

  it("deletes before replacing when the name stays (names are unique), not when it changes", async () => {
    const provider = await bed.provider("KeyPair");
    const { id, outs, inputs } = await bed.create("KeyPair", { name: "rotating", publicKey: RSA_2048 });
    const sameName = await provider.check(inputs, { ...inputs, publicKey: RSA_1024 });
    assert.deepEqual(await provider.diff(id, outs, sameName.inputs), { changes: true, replaces: ["publicKey"], deleteBeforeReplace: true });
    const renamed = await provider.check(inputs, { ...inputs, name: "rotated", publicKey: RSA_1024 });
    assert.deepEqual(await provider.diff(id, outs, renamed.inputs), { changes: true, replaces: ["name", "publicKey"], deleteBeforeReplace: false });
    // The replacement the engine then runs: delete, then create with the same name.
    await provider.delete(id, outs);
    const replacement = await provider.create(sameName.inputs);
    assert.notEqual(replacement.id, id);
    assert.equal(replacement.outs["publicKey"], RSA_1024);
  });

  it("refuses a key pair of its name made by somebody else, even with the very same key, and names adoptId", async () => {
    const existing = await bed.create("KeyPair", { name: "taken", publicKey: RSA_2048 }, "first");
    const provider = await bed.provider("KeyPair");
    const same = await provider.check({}, { pulumiName: "second", name: "taken", publicKey: RSA_2048 });
    await assert.rejects(provider.create({ ...same.inputs, __provider: provider.text }), {
      message: `a key pair named taken already exists in region ${REGION_HUADONG1}: choose another name, or take the existing one under management with adoptId`,
    });
    const adopted = await bed.create("KeyPair", { name: "taken", publicKey: RSA_2048, adoptId: existing.id }, "second");
    assert.equal(adopted.id, existing.id);
    const checked = await provider.check({}, { pulumiName: "third", name: "taken", publicKey: RSA_1024 });
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), {
      message: `a key pair named taken already exists in region ${REGION_HUADONG1} with a different public key: choose another name, or take the existing one under management with adoptId`,
    });
  });

  it("never deletes a key pair that merely took over the name", async () => {
    const provider = await bed.provider("KeyPair");
    const { id, outs } = await bed.create("KeyPair", { name: "reused", publicKey: RSA_2048 });
    await bed.emu.control.deleteResource("keyPair", id);
    ok(await bed.emu.post("/v4/ecs/keypair/import-keypair", { regionID: REGION_HUADONG1, keyPairName: "reused", publicKey: RSA_1024 }));
    assert.deepEqual(await provider.read(id, outs), {}, "ours is gone");
    await provider.delete(id, outs);
    const counts = await bed.emu.control.counts();
    assert.equal(counts["DeleteKeyPair"], undefined, "the other key pair was left alone");
  });

  it("fails check before any request (table), naming the rule", async () => {
    const provider = await bed.provider("KeyPair");
    const table: Array<[Record<string, unknown>, string, string]> = [
      [{ name: "k" }, "name", "must be 2-63 characters long"],
      [{ name: "9lives" }, "name", "must start with a letter, contain only letters, digits and '-', and not end with '-'"],
      [{ name: "key_pair" }, "name", "must start with a letter, contain only letters, digits and '-', and not end with '-'"],
      [{ publicKey: "" }, "publicKey", "must not be empty"],
      [{ publicKey: ED25519 }, "publicKey", "must be an RSA key (ssh-rsa); ssh-ed25519 keys are not supported"],
      [{ publicKey: `${RSA_2048} ${"x".repeat(700)}` }, "publicKey", "must be at most 1024 characters long"],
      [{ publicKey: "ssh-rsa AAAA" }, "publicKey", "has a key blob that is not a well-formed ssh-rsa key"],
      [{ regionId: "huadong1" }, "regionId", "must be a CTyun regionID: 32 hexadecimal characters"],
    ];
    for (const [change, property, reason] of table) {
      const { failures } = await provider.check({}, { pulumiName: "bad", name: "good-name", publicKey: RSA_2048, ...change });
      assert.deepEqual(failures, [{ property, reason }], JSON.stringify(change));
    }
    assert.deepEqual(await bed.emu.control.requests(), []);
  });
});

function ok(result: { envelope(): { statusCode: number } }): void {
  assert.equal(result.envelope().statusCode, 800);
}
