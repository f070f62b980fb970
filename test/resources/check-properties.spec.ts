/**
 * Hostile input never breaks check (issue 16): fast-check properties over every resource's check,
 * through the serialized provider as the engine runs it.
 *
 * 1. For every resource spec, any inputs at all (the resource's own keys, the common ones and strangers, with values of every
 *    type: unicode, lone surrogates, huge strings, NaN, nested objects…): check never throws; each
 *    failure names the property it is about (or, for secrets and stack settings, names it in the
 *    reason) with a non-empty reason; inputs it passes, passed to check again (as the engine does on
 *    the next run, with these as the old inputs), pass unchanged.
 * 2. Inputs near the edges of each field's rule (lengths at the limits, CIDRs at the prefix bounds,
 *    sizes and bandwidths at their bounds, names in Chinese…): when check passes them, the emulator
 *    accepts the create (and the delete) — check is never laxer than the cloud. (What check cannot
 *    know, such as a subnet inside its VPC's CIDR, is left out: the create says that itself.)
 *
 * `CTYUN_CHECK_SEED` draws other cases.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import type { z } from "zod";
import { bucketObjectSpec } from "../../provider/specs/bucket-object";
import { bucketSpec } from "../../provider/specs/bucket";
import { diskAttachmentSpec } from "../../provider/specs/disk-attachment";
import { diskSpec } from "../../provider/specs/disk";
import { eipAssociationSpec } from "../../provider/specs/eip-association";
import { eipSpec } from "../../provider/specs/eip";
import { instanceSpec } from "../../provider/specs/instance";
import { keyPairSpec } from "../../provider/specs/key-pair";
import { securityGroupRuleSpec } from "../../provider/specs/security-group-rule";
import { securityGroupSpec } from "../../provider/specs/security-group";
import { subnetSpec } from "../../provider/specs/subnet";
import { vpcSpec } from "../../provider/specs/vpc";
import { useProviderTestbed, type LoadedProvider, type Props } from "../helpers/providers";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const SEED = Number(process.env["CTYUN_CHECK_SEED"] ?? "1616");
type AnySpec = { readonly type: string; readonly inputs: z.ZodObject };
/** Every resource spec (provider/specs/<kind>.ts, found by what it exports, as the runtime finds them). */
const SPECS: AnySpec[] = readdirSync(join(__dirname, "..", "..", "provider", "specs"))
  .filter((file) => file.endsWith(".ts"))
  .flatMap((file) => Object.values(require(join(__dirname, "..", "..", "provider", "specs", file)) as Record<string, unknown>))
  .filter((value): value is AnySpec => typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string" && typeof (value as { create?: unknown }).create === "function")
  .sort((a, b) => a.type.localeCompare(b.type));
const COMMON = ["pulumiName", "timeouts", "adoptId"];

function keysOf(spec: { inputs: z.ZodObject }): string[] {
  return Object.keys(spec.inputs.shape);
}

const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom("", " ", "名字", "😀", "\ud800", "\u0000", "\u202E", "a".repeat(10_000), "vpc-", "sg-abcde12345", "10.0.0.0/8", "0.0.0.0/0", "::/0", "80-90", "1h", "-1", "NaN", "__proto__", "constructor"),
);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileText,
    fc.integer(),
    fc.double(),
    fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53 + 1, Number.MAX_VALUE, Number.POSITIVE_INFINITY, Number.NaN, 0.5),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(hostileText, tie("value"), { maxKeys: 3 }),
  ),
})).value;

function hostileInputs(keys: readonly string[]): fc.Arbitrary<Props> {
  return fc.dictionary(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...keys, ...COMMON) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), hostileValue, { maxKeys: keys.length + 2 });
}

describe("check over hostile inputs (fast-check): never throws, fails clearly, passes only what passes again", function () {
  this.timeout(120_000);
  const bed = useProviderTestbed();

  for (const spec of SPECS) {
    it(`ctyun:${spec.type}`, async () => {
      const provider = await bed.provider(spec.type);
      const keys = keysOf(spec);
      const known = new Set([...keys, ...COMMON]);
      await fc.assert(
        fc.asyncProperty(hostileInputs(keys), async (raw) => {
          const news = { pulumiName: "hostile", ...raw };
          let result: Awaited<ReturnType<LoadedProvider["check"]>>;
          try {
            result = await provider.check({}, news);
          } catch (error) {
            throw new Error(`check threw on ${JSON.stringify(news).slice(0, 300)}: ${String(error)}`);
          }
          for (const failure of result.failures) {
            assert.equal(typeof failure.reason, "string");
            assert.ok(failure.reason.trim().length > 0, "a failure with no reason");
            if (failure.property === "") {
              const named = [...known].some((key) => failure.reason.startsWith(key) || failure.reason.includes(` ${key}`)) || failure.reason.startsWith("an input with an empty name");
              assert.ok(named, `a failure naming no field: ${failure.reason}`);
            } else {
              assert.ok(known.has(failure.property) || failure.property in news, `a failure about ${failure.property}, not an input`);
            }
          }
          if (result.failures.length === 0) {
            const again = await provider.check(result.inputs, result.inputs);
            assert.deepEqual(again.failures, [], `inputs check passed fail on the next check: ${JSON.stringify(result.inputs).slice(0, 300)}`);
            assert.deepEqual(again.inputs, result.inputs, "check of passed inputs changes them");
          }
        }),
        { seed: SEED, numRuns: 150, endOnFailure: true },
      );
    });
  }
});

/** Field values at and around the edges of each rule. */
const nameAt = (lengths: number[]) =>
  fc.tuple(fc.constantFrom(...lengths), fc.constantFrom("a", "名", "Z", "_", "-", "1"), fc.constantFrom("a", "名", "k")).map(([n, body, head]) => (head + body.repeat(Math.max(0, n - 1))).slice(0, n));
const descriptionAt = fc.oneof(fc.constant(""), fc.constantFrom(127, 128, 129).map((n) => "d".repeat(n)), fc.constantFrom("说明", "http://x", "a\nb", "😀"));

interface EdgeCase {
  readonly kind: string;
  /** Inputs given the ids of what it depends on. */
  readonly inputs: (deps: Deps) => fc.Arbitrary<Props>;
}

interface Deps {
  readonly vpcId: string;
  readonly securityGroupId: string;
}

const PUBLIC_KEY = readFileSync(join(__dirname, "..", "..", "examples", "quickstart", "demo-key.pub"), "utf8").trim();

const EDGES: readonly EdgeCase[] = [
  {
    kind: "Vpc",
    inputs: () =>
      fc.record({
        name: nameAt([1, 2, 32, 33]),
        cidr: fc.constantFrom("10.0.0.0/8", "10.0.0.0/7", "192.168.0.0/16", "192.168.0.0/28", "192.168.0.0/29", "172.16.0.0/12", "8.8.0.0/16", "10.0.0.1/8"),
        description: descriptionAt,
        enableIpv6: fc.boolean(),
      }),
  },
  {
    kind: "Subnet",
    inputs: ({ vpcId }) =>
      fc.record({
        vpcId: fc.constant(vpcId),
        name: nameAt([1, 2, 10, 11, 32, 33]),
        cidr: fc.constantFrom("192.168.1.0/24", "192.168.0.0/16", "192.168.0.0/15", "192.168.7.0/28", "192.168.7.0/29", "192.168.1.1/24"),
        description: descriptionAt,
      }),
  },
  { kind: "SecurityGroup", inputs: ({ vpcId }) => fc.record({ vpcId: fc.constant(vpcId), name: nameAt([1, 2, 32, 33]), description: descriptionAt }) },
  {
    kind: "SecurityGroupRule",
    inputs: ({ securityGroupId }) =>
      fc
        .record({
          direction: fc.constantFrom("ingress", "egress"),
          action: fc.constantFrom("accept", "drop"),
          priority: fc.constantFrom(0, 1, 100, 101, 50.5),
          protocol: fc.constantFrom("tcp", "udp", "icmp", "any"),
          etherType: fc.constantFrom("ipv4", "ipv6"),
          destCidrIp: fc.constantFrom(undefined, "0.0.0.0/0", "10.0.0.0/8", "::/0", "2001:db8::/32", "10.0.0.1/32"),
          range: fc.constantFrom(undefined, "1", "65535", "65536", "0", "22", "8000-9000", "9000-8000"),
          description: descriptionAt,
        })
        .map((r) => ({ securityGroupId, ...Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) })),
  },
  { kind: "KeyPair", inputs: () => fc.record({ name: nameAt([1, 2, 32, 33]).map((n) => n.replace(/名/g, "k")), publicKey: fc.constantFrom(PUBLIC_KEY, `${PUBLIC_KEY} `, "ssh-rsa AAAA", "") }) },
  { kind: "Eip", inputs: () => fc.record({ name: nameAt([1, 2, 32, 33]), bandwidth: fc.constantFrom(0, 1, 2, 300, 301, 1.5) }) },
  {
    kind: "Disk",
    inputs: () => fc.record({ name: nameAt([1, 2, 63, 64]), type: fc.constantFrom("sata", "sas", "ssd", "SSD", "fast-ssd"), size: fc.constantFrom(9, 10, 20, 32768, 32769, 20.5), mode: fc.constantFrom("vbd", "iscsi", "fcsan") }),
  },
  {
    kind: "Bucket",
    inputs: () =>
      fc.record({
        bucket: fc.constantFrom("ab", "abc", "a".repeat(63), "a".repeat(64), "Upper-case", "has_underscore", "-leading", "trailing-", "192.168.1.1", "a..b", "ok-name-1"),
        acl: fc.constantFrom("private", "public-read", "public-read-write"),
        storageType: fc.constantFrom("STANDARD", "STANDARD_IA", "GLACIER"),
        tags: fc.constantFrom({}, { a: "1" }, { "名": "值" }, Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, "v"]))),
      }),
  },
];

describe("check never laxer than the cloud: inputs it passes at the rules' edges, the emulator accepts", function () {
  this.timeout(300_000);
  const bed = useProviderTestbed();

  it("creates (then deletes) every edge case check passes, for every resource with a rule-heavy create", async () => {
    const vpc = await bed.create("Vpc", { cidr: "192.168.0.0/16" }, "edge-vpc");
    const group = await bed.create("SecurityGroup", { vpcId: vpc.id }, "edge-sg");
    const deps: Deps = { vpcId: vpc.id, securityGroupId: group.id };
    const tally: Record<string, { passed: number; refused: number }> = {};
    for (const edge of EDGES) {
      const provider = await bed.provider(edge.kind);
      const counts = (tally[edge.kind] = { passed: 0, refused: 0 });
      let n = 0;
      await fc.assert(
        fc.asyncProperty(edge.inputs(deps), async (inputs) => {
          n += 1;
          const checked = await provider.check({}, { pulumiName: `edge-${n}`, ...inputs });
          if (checked.failures.length > 0) {
            counts.refused += 1;
            return;
          }
          counts.passed += 1;
          let created: { id: string; outs: Props };
          try {
            created = await provider.create({ ...checked.inputs, __provider: provider.text });
          } catch (error) {
            throw new Error(`check passed ${JSON.stringify(inputs)} but the create failed: ${String(error)}`);
          }
          await provider.delete(created.id, { ...checked.inputs, ...created.outs });
        }),
        { seed: SEED, numRuns: 25, endOnFailure: true },
      );
      assert.ok(counts.passed > 0 && counts.refused > 0, `${edge.kind}: the edges hit both sides of the rules (${JSON.stringify(counts)})`);
    }
  });
});
