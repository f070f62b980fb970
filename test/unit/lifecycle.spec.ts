import assert from "node:assert/strict";
import { check, diff, generateAutoName, changedInputs, Lifecycle } from "../../provider/lifecycle/lifecycle";
import { CtyunServiceError } from "../../provider/client/errors";
import { keyPairSpec } from "../../provider/specs/key-pair";
import { vpcSpec } from "../../provider/specs/vpc";
import { resolveSettings } from "../../provider/config";
import { UNKNOWN } from "../../provider/lifecycle/unknowns";
import { parseDuration } from "../../provider/lifecycle/durations";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isLive, journalKey, readEntry, removeEntry, setJournalDirectory, settleEntry, TOKEN_TTL_MS, writeEntry, type JournalEntry } from "../../provider/lifecycle/journal";

const REGION = "bb9fdb42056f11eda1610242ac110002";
const settings = resolveSettings({ regionId: REGION }, {});
const now = Date.UTC(2026, 10, 27);
/** No earlier, unrecorded create to take generated names from. */
const fresh = { journaled: () => undefined };

describe("generic lifecycle: check", () => {
  it("fills defaults, the stack region and a stable auto-name", () => {
    const { inputs, failures } = check(vpcSpec.erased, {}, { pulumiName: "web", cidr: "10.0.0.0/16", __provider: "p" }, settings, fresh);
    assert.deepEqual(failures, []);
    assert.match(String(inputs["name"]), /^web-[0-9a-f]{7}$/);
    assert.deepEqual({ ...inputs, name: "x" }, { __provider: "p", pulumiName: "web", name: "x", cidr: "10.0.0.0/16", description: "", enableIpv6: false, regionId: REGION });
    const again = check(vpcSpec.erased, inputs, { pulumiName: "web", cidr: "10.0.0.0/16" }, settings, fresh);
    assert.equal(again.inputs["name"], inputs["name"], "the auto-name is reused from the old inputs");
  });

  it("moves a generated name with a replacement, keeps it otherwise, and never renames an explicit name", () => {
    const first = check(vpcSpec.erased, {}, { pulumiName: "web", cidr: "10.0.0.0/16" }, settings, fresh).inputs;
    const updated = check(vpcSpec.erased, first, { pulumiName: "web", cidr: "10.0.0.0/16", description: "x" }, settings, fresh).inputs;
    assert.equal(updated["name"], first["name"], "an in-place update keeps the generated name");
    const replaced = check(vpcSpec.erased, first, { pulumiName: "web", cidr: "10.1.0.0/16" }, settings, fresh).inputs;
    assert.match(String(replaced["name"]), /^web-[0-9a-f]{7}$/);
    assert.notEqual(replaced["name"], first["name"], "a replacement gets a fresh generated name (create-before-delete cannot collide)");
    const explicit = check(vpcSpec.erased, { ...first, name: "mine" }, { pulumiName: "web", name: "mine", cidr: "10.1.0.0/16" }, settings, fresh).inputs;
    assert.equal(explicit["name"], "mine");
  });

  it("does not invent a name when adopting: the cloud's name is taken at create", () => {
    const { inputs, failures } = check(vpcSpec.erased, {}, { pulumiName: "web", cidr: "10.0.0.0/16", adoptId: "vpc-abcdefghij" }, settings, fresh);
    assert.deepEqual(failures, []);
    assert.equal(inputs["name"], undefined);
    assert.equal(inputs["adoptId"], "vpc-abcdefghij");
  });

  it("shapes auto-names to the cloud's rules", () => {
    assert.equal(generateAutoName(vpcSpec.erased, "my.app/vpc", () => "abcdef0"), "my-app-vpc-abcdef0");
    assert.equal(generateAutoName(vpcSpec.erased, "1st", () => "abcdef0"), "r-1st-abcdef0");
    assert.equal(generateAutoName(vpcSpec.erased, "a".repeat(40), () => "abcdef0"), `${"a".repeat(24)}-abcdef0`);
    assert.equal(String(generateAutoName(vpcSpec.erased, "a".repeat(40))).length, 32);
    assert.equal(generateAutoName(vpcSpec.erased, "网络网络网络网络网络网络网络网络网络网络", () => "abcdef0"), "网络网络网络网络网络网络网络网络网络网络-abcdef0", "VPC names count characters");
    const byBytes = { ...vpcSpec.erased, autoName: { property: "name", maxLength: 32, lengthUnit: "bytes" as const, mustStartWithLetter: true } };
    assert.equal(generateAutoName(byBytes, "网络网络网络网络网络网络网络网络网络网络", () => "abcdef0"), "网络网络网络网络-abcdef0", "subnet names count bytes: 8×3 + 8 = 32");
  });

  const invalid: Array<[string, Record<string, unknown>, string, string]> = [
    ["CIDR not in network form", { cidr: "10.0.0.1/16" }, "cidr", "must be in network form: did you mean 10.0.0.0/16?"],
    ["CIDR prefix too long", { cidr: "10.0.0.0/29" }, "cidr", "must have a prefix length between /8 and /28"],
    ["CIDR garbage", { cidr: "10.0.0/16" }, "cidr", "must be an IPv4 CIDR block like 192.168.0.0/16"],
    ["name too short", { cidr: "10.0.0.0/16", name: "a" }, "name", "must be 2-32 characters long (got 1)"],
    ["name starting with a digit", { cidr: "10.0.0.0/16", name: "1abc" }, "name", "must start with a letter or Chinese character and contain only letters, digits, Chinese characters, '_' and '-'"],
    ["description starting with http:", { cidr: "10.0.0.0/16", description: "http://x" }, "description", "must not start with http: or https:"],
    ["enableIpv6 not a boolean", { cidr: "10.0.0.0/16", enableIpv6: "yes" }, "enableIpv6", "Invalid input: expected boolean, received string"],
    ["malformed region", { cidr: "10.0.0.0/16", regionId: "cn-east-1" }, "regionId", "must be a CTyun regionID: 32 hexadecimal characters"],
    ["unknown property", { cidr: "10.0.0.0/16", cidrBlock: "x" }, "cidrBlock", "is not an input of ctyun:Vpc"],
    ["bad timeout", { cidr: "10.0.0.0/16", timeouts: { create: "ten minutes" } }, "timeouts", 'create: must be a duration like "90s", "10m" or "1h30m"'],
    ["unknown timeout step", { cidr: "10.0.0.0/16", timeouts: { read: "1m" } }, "timeouts", 'Unrecognized key: "read"'],
  ];
  for (const [title, news, property, reason] of invalid) {
    it(`rejects ${title}`, () => {
      const { failures } = check(vpcSpec.erased, {}, { pulumiName: "v", ...news }, settings, fresh);
      assert.deepEqual(failures, [{ property, reason }]);
    });
  }

  it("names both ways to set a missing region", () => {
    const { failures } = check(vpcSpec.erased, {}, { pulumiName: "v", cidr: "10.0.0.0/16" }, resolveSettings({}, {}), fresh);
    assert.deepEqual(failures, [{ property: "regionId", reason: "is required: set it on the resource, or set the stack default (ctyun:regionId)" }]);
  });

  it("passes unknown placeholders through without validating them", () => {
    const { inputs, failures } = check(vpcSpec.erased, {}, { pulumiName: "v", cidr: UNKNOWN, name: UNKNOWN }, settings, fresh);
    assert.deepEqual(failures, []);
    assert.equal(inputs["cidr"], UNKNOWN);
  });
});

describe("generic lifecycle: diff", () => {
  const olds = { __provider: "old", pulumiName: "v", vpcId: "vpc-abcdefghij", name: "a", cidr: "10.0.0.0/16", description: "", enableIpv6: false, regionId: REGION, subnetIds: [] };
  const base = { __provider: "new", pulumiName: "v", name: "a", cidr: "10.0.0.0/16", description: "", enableIpv6: false, regionId: REGION };

  it("reports no changes for identical inputs, ignoring __provider and outputs", () => {
    assert.deepEqual(diff(vpcSpec.erased, olds, base), { changes: false, replaces: [], deleteBeforeReplace: false });
  });
  it("updates name and description in place", () => {
    assert.deepEqual(diff(vpcSpec.erased, olds, { ...base, name: "b", description: "d" }), { changes: true, replaces: [], deleteBeforeReplace: false });
  });
  for (const [key, value] of [["cidr", "10.1.0.0/16"], ["enableIpv6", true], ["regionId", "81f7728662dd11ec810800155d307d5b"], ["projectId", "0"]] as const) {
    it(`replaces on ${key}`, () => {
      assert.deepEqual(diff(vpcSpec.erased, olds, { ...base, [key]: value }), { changes: true, replaces: [key], deleteBeforeReplace: false });
    });
  }
  it("treats an unknown value as a change (and a replace for create-only inputs)", () => {
    assert.deepEqual(diff(vpcSpec.erased, olds, { ...base, cidr: UNKNOWN }), { changes: true, replaces: ["cidr"], deleteBeforeReplace: false });
  });
  it("counts a timeouts change as an update, never a replace, and ignores adoptId", () => {
    assert.deepEqual(changedInputs(vpcSpec.erased, olds, { ...base, timeouts: { delete: "20m" }, adoptId: "vpc-x" }), ["timeouts"]);
  });
});

describe("durations", () => {
  it("parses Go-style durations", () => {
    assert.deepEqual(["90s", "10m", "1h30m", "500ms", "1.5h", "0s", "10", "m"].map(parseDuration), [90_000, 600_000, 5_400_000, 500, 5_400_000, undefined, undefined, undefined]);
  });
});

describe("create journal", () => {
  const entry = (clientToken: string, extra: Partial<JournalEntry> = {}): JournalEntry => ({
    version: 2,
    clientToken,
    owner: "Vpc web",
    inputs: { name: "web-1234567", cidr: "10.0.0.0/16" },
    secretsFingerprint: "x",
    createdAt: now,
    ...extra,
  });
  const noWarnings = (message: string) => assert.fail(message);
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "ctyun-journal-"));
    setJournalDirectory(dir);
  });
  afterEach(() => setJournalDirectory(undefined));

  it("keeps one entry per owner: two stacks (or projects, or backends) of one logical name never share it", () => {
    const dev = journalKey("Vpc", "web", "scope-of-dev");
    const prod = journalKey("Vpc", "web", "scope-of-prod");
    assert.notEqual(dev.file, prod.file);
    writeEntry(dev, entry("token-dev"), noWarnings);
    assert.equal(readEntry(prod), undefined, "prod does not see dev's entry");
    writeEntry(prod, entry("token-prod"), noWarnings);
    assert.equal(readEntry(dev)?.clientToken, "token-dev");
    assert.equal(readEntry(prod)?.clientToken, "token-prod");
  });

  it("scopes programs without an owner scope by the engine's project and stack", () => {
    const a = journalKey("Vpc", "web", undefined, { PULUMI_NODEJS_PROJECT: "p", PULUMI_NODEJS_STACK: "dev" });
    const b = journalKey("Vpc", "web", undefined, { PULUMI_NODEJS_PROJECT: "p", PULUMI_NODEJS_STACK: "prod" });
    assert.notEqual(a.file, b.file);
  });

  it("is removed by settling only for the id it names", () => {
    const key = journalKey("Vpc", "web", "s");
    writeEntry(key, entry("t", { resourceId: "vpc-new0000001" }), noWarnings);
    settleEntry(key, "vpc-old0000001");
    assert.equal(readEntry(key)?.resourceId, "vpc-new0000001", "deleting the replaced resource keeps its successor's entry");
    settleEntry(key, "vpc-new0000001");
    assert.equal(readEntry(key), undefined);
    writeEntry(key, entry("t"), noWarnings);
    removeEntry(key);
    assert.equal(readEntry(key), undefined);
  });

  it("stops replaying a token the cloud has forgotten, but never forgets an entry that names a resource", () => {
    assert.equal(isLive(entry("t"), now + TOKEN_TTL_MS), true);
    assert.equal(isLive(entry("t"), now + TOKEN_TTL_MS + 1), false);
    assert.equal(isLive(entry("t", { resourceId: "vpc-abcdefghij" }), now + 30 * 24 * 3_600_000), true);
  });

  it("reports a journal it cannot write instead of failing the create", () => {
    const notADirectory = join(dir, "a-file");
    writeFileSync(notADirectory, "");
    setJournalDirectory(join(notADirectory, "journal"));
    const warnings: string[] = [];
    writeEntry(journalKey("Vpc", "web", "s"), entry("t"), (m) => warnings.push(m));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? "", /could not write the create journal/);
  });
});

describe("generic lifecycle: specs without a not-found code", () => {
  const refusal = () => new CtyunServiceError("900", "Openapi.Resource.InUse", "still in use", "", null, 200, { operation: "DeleteThing", attempts: 1 } as never);
  // A spec that, like KeyPair's and the ELB specs, declares no not-found code (it reads the cloud instead).
  const spec = {
    ...keyPairSpec.erased,
    notFoundCodes: [] as string[],
    read: async () => {
      throw refusal();
    },
    delete: async () => {
      throw refusal();
    },
  };
  const lifecycle = new Lifecycle(spec, { deps: { now: () => now, sleep: async () => undefined, random: () => 0.5, uuid: () => "00000000-0000-4000-8000-000000000001" }, pollMinDelayMs: 1, pollMaxDelayMs: 1, log: () => undefined });

  it("fails a delete the cloud refused instead of taking the refusal for 'already gone'", async () => {
    await assert.rejects(lifecycle.delete("thing-1", { regionId: REGION }), { errorCode: "Openapi.Resource.InUse" });
  });

  it("fails a read the cloud refused instead of dropping the resource from state", async () => {
    await assert.rejects(lifecycle.read("thing-1", { regionId: REGION }), { errorCode: "Openapi.Resource.InUse" });
  });
});
