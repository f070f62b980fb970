/**
 * Issue 16: one `pulumi up` converges under throttling, 5xx and resets. A VPC, a subnet, a
 * security group, a bucket and a key pair are created through the serialized providers, in
 * dependency order with independent resources in parallel (as the engine runs them), while the
 * emulator throttles 30% of calls, answers 10% with HTTP 503 and resets 5% — its fault draws seeded,
 * so a failure reproduces. Every create must converge within its own timeout, and the emulator
 * must hold exactly one record of each (a retried create never buys twice).
 *
 * `CTYUN_PRINT_FIGURES=1` prints what it took: calls, faults and virtual time per round;
 * `CTYUN_FAULT_SEED=<text>` draws another fault sequence.
 */
import assert from "node:assert/strict";
import type { RequestLogEntry } from "../../emulator/index";
import { useProviderTestbed, type ProviderTestbed } from "../helpers/providers";
import { RSA_2048 } from "../emulator/fixtures/ecs";

const KINDS = { vpc: "vpc", subnet: "subnet", securityGroup: "securityGroup", bucket: "bucket", keyPair: "keyPair" } as const;

/** The profile measured against the quickstart with the real engine (about one failed `up` in two before). */
async function mixedFaults(bed: ProviderTestbed): Promise<void> {
  await bed.emu.control.addFault({ path: "*", kind: "throttle", probability: 0.3, retryAfterSeconds: 1 });
  await bed.emu.control.addFault({ path: "*", kind: "http", status: 503, probability: 0.1 });
  await bed.emu.control.addFault({ path: "*", kind: "reset", probability: 0.05 });
}

async function recordCounts(bed: ProviderTestbed): Promise<Record<keyof typeof KINDS, number>> {
  const { resources } = await bed.emu.control.state();
  const count = (kind: string) => (resources[kind] ?? []).length;
  return { vpc: count(KINDS.vpc), subnet: count(KINDS.subnet), securityGroup: count(KINDS.securityGroup), bucket: count(KINDS.bucket), keyPair: count(KINDS.keyPair) };
}

function faultTally(log: readonly RequestLogEntry[]): Record<string, number> {
  const tally: Record<string, number> = { calls: log.length };
  for (const entry of log) if (entry.fault) tally[entry.fault] = (tally[entry.fault] ?? 0) + 1;
  return tally;
}

function figures(round: string, log: readonly RequestLogEntry[], virtualMs: number, lines: readonly string[]): void {
  if (process.env["CTYUN_PRINT_FIGURES"] !== "1") return;
  const tally = faultTally(log);
  // eslint-disable-next-line no-console
  console.log(
    `      ${round}: ${tally["calls"]} calls (${tally["throttle"] ?? 0} throttled, ${tally["http"] ?? 0} HTTP 503, ${tally["reset"] ?? 0} reset), ` +
      `${(virtualMs / 1000).toFixed(1)} s of virtual time, ${lines.length} progress lines`,
  );
}

/** The five resources, created as the engine would: the VPC, bucket and key pair at once, then the VPC's dependants at once. */
async function upFive(bed: ProviderTestbed, round: number): Promise<Record<string, string>> {
  const [vpc, bucket, key] = await Promise.all([
    bed.create("Vpc", { cidr: `10.${round}.0.0/16` }, `net-${round}`),
    bed.create("Bucket", { bucket: `reliable-${round}`, versioning: true, tags: { round: String(round) } }, `data-${round}`),
    bed.create("KeyPair", { publicKey: RSA_2048 }, `deployer-${round}`),
  ]);
  const [subnet, group] = await Promise.all([
    bed.create("Subnet", { vpcId: vpc.id, cidr: `10.${round}.1.0/24` }, `app-${round}`),
    bed.create("SecurityGroup", { vpcId: vpc.id, description: "web" }, `web-${round}`),
  ]);
  return { vpc: vpc.id, subnet: subnet.id, securityGroup: group.id, bucket: bucket.id, keyPair: key.id };
}

describe("reliability: one up converges under 30% throttling + 10% HTTP 503 + 5% resets (seeded faults)", () => {
  const bed = useProviderTestbed({ emulator: { seed: process.env["CTYUN_FAULT_SEED"] ?? "issue-16" } });

  it("creates a VPC, subnet, security group, bucket and key pair, three times over: every create converges, no record is duplicated", async () => {
    await mixedFaults(bed);
    const rounds = 3;
    for (let round = 1; round <= rounds; round++) {
      const started = bed.emu.clock.now();
      const before = (await bed.emu.control.requests()).length;
      const linesBefore = bed.logs.length;
      const ids = await upFive(bed, round);
      const log = (await bed.emu.control.requests()).slice(before);
      figures(`round ${round}`, log, bed.emu.clock.now() - started, bed.logs.slice(linesBefore));
      assert.deepEqual(await recordCounts(bed), { vpc: round, subnet: round, securityGroup: round, bucket: round, keyPair: round }, `round ${round}: one record of each per round`);
      for (const [kind, id] of Object.entries(ids)) assert.ok(await bed.emu.control.resource(KINDS[kind as keyof typeof KINDS], id), `${kind} ${id} exists`);
    }
    const tally = faultTally(await bed.emu.control.requests());
    assert.ok((tally["throttle"] ?? 0) >= 10 && (tally["http"] ?? 0) >= 1 && (tally["reset"] ?? 0) >= 1, `the profile really fired: ${JSON.stringify(tally)}`);
    assert.ok(
      bed.logs.some((line) => / throttled by the cloud \(HTTP 429 Openapi\.Throttling\), waiting \S+ \(attempt \d+, \S+ of \S+ left/.test(line)),
      `a progress line says a call is waiting on throttling:\n${bed.logs.join("\n")}`,
    );
  });

  it("converges under an outage answering half of all calls with HTTP 503, with no duplicate", async () => {
    // create-bucket included: it takes no clientToken, so the client does not repeat it, but the
    // Bucket spec asks again until its deadline (its marker tag tells its own bucket apart).
    for (const path of ["/v4/vpc/*", "/v4/ecs/*", "/v4/oss/*"]) {
      await bed.emu.control.addFault({ path, kind: "http", status: 503, probability: 0.5 });
    }
    const started = bed.emu.clock.now();
    await upFive(bed, 5);
    const log = await bed.emu.control.requests();
    figures("50% HTTP 503", log, bed.emu.clock.now() - started, bed.logs);
    assert.deepEqual(await recordCounts(bed), { vpc: 1, subnet: 1, securityGroup: 1, bucket: 1, keyPair: 1 });
    assert.ok((faultTally(log)["http"] ?? 0) >= 10, "the outage really fired");
  });

  it("waits out a burst of throttling longer than four attempts on every create call, within the timeouts", async () => {
    // Each create path throttled eight times in a row: more than the old fixed four attempts.
    for (const path of ["/v4/vpc/create", "/v4/vpc/create-subnet", "/v4/vpc/create-security-group", "/v4/oss/create-bucket", "/v4/ecs/keypair/import-keypair"]) {
      await bed.emu.control.addFault({ path, kind: "throttle", times: 8, retryAfterSeconds: 2 });
    }
    const started = bed.emu.clock.now();
    await upFive(bed, 7);
    figures("burst of 8 throttles per create", await bed.emu.control.requests(), bed.emu.clock.now() - started, bed.logs);
    assert.deepEqual(await recordCounts(bed), { vpc: 1, subnet: 1, securityGroup: 1, bucket: 1, keyPair: 1 });
    const counts = await bed.emu.control.counts();
    assert.deepEqual(
      [counts["CreateVpc"], counts["CreateSubnet"], counts["CreateSecurityGroup"], counts["CreateBucket"], counts["ImportKeyPair"]],
      [9, 9, 9, 9, 9],
      "eight throttles and the call that went through, for each",
    );
    assert.deepEqual(await bed.emu.control.faults(), [], "every throttle was used up");
  });

  it("fails a create the cloud throttles for longer than its timeout, naming the attempts, the cause and the timeout", async () => {
    await bed.emu.control.addFault({ path: "/v4/ecs/keypair/import-keypair", kind: "throttle", retryAfterSeconds: 5 });
    const provider = await bed.provider("KeyPair");
    const checked = await provider.check({}, { pulumiName: "stuck", publicKey: RSA_2048, timeouts: { create: "1m" } });
    const started = bed.emu.clock.now();
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), (error: Error) => {
      assert.match(error.message, /ImportKeyPair failed: HTTP 429 Openapi\.Throttling: .*\(request id [0-9a-f-]+, \d+ attempts in 1m; gave up: the 1m create timeout ran out\)$/);
      assert.doesNotMatch(error.message, /may have received/, "every attempt was throttled: the cloud certainly made nothing");
      return true;
    });
    assert.equal(bed.emu.clock.now() - started <= 65_000, true, "it stopped at the one-minute timeout (plus the last rate-limit hold)");
    assert.equal((await recordCounts(bed)).keyPair, 0);
  });
});
