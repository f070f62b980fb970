/**
 * Issue 16, with the real engine: `pulumi up` of the quickstart killed at seeded random moments,
 * ten times, each against its own emulator process (ids from the seed). A moment is "once the
 * emulator has answered N API calls", N drawn from the seed over the calls an undisturbed `up` makes
 * (measured first, by a calibration run); the mode alternates between the whole process tree (a
 * crashed machine, a killed CI job) and the CLI's process group only (a closed terminal: the
 * language host and the provider process live on and finish what they were doing, unrecorded).
 *
 * Four more kills hit runs that write their checkpoint only when they end (PULUMI_SKIP_CHECKPOINTS,
 * offered by the README for large stacks), so the stack records nothing of the killed run: only the
 * create journal knows what it bought.
 *
 * Each run is then recovered the way the README says (`pulumi cancel`, `pulumi refresh
 * --clear-pending-creates`, `pulumi up`) and must: converge in that one `up`, leave the emulator
 * holding exactly the declared records (zero duplicates), show no change in a preview, and leave
 * nothing after `pulumi destroy`.
 *
 * Runs go side by side (CTYUN_E2E_CONCURRENCY, default 4). The table goes to
 * artifacts/reliability/random-kills.json (`npm run reliability:table` puts it in the README).
 * Rerun one: `CTYUN_KILL_SEED=<seed> CTYUN_KILL_RUNS=<n> npx mocha test/e2e/random-kills.spec.ts`.
 */
import assert from "node:assert/strict";
import { appendFileSync, existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { commandLine, describeE2E, eventually, killDuringUp, pool, recoverAfterKill, removeTornSidecars, timed, type E2EContext, type KillMode } from "./harness";
import { DECLARED } from "./fault-profiles";
import { writeReport, type ReportRow } from "./reliability-report";
import type { EmulatorControl } from "../../tools/demo/emulator-process";

const SUITE = "random kills";
const SEED = process.env["CTYUN_KILL_SEED"] ?? "issue-16-kills";
const RUNS = Number(process.env["CTYUN_KILL_RUNS"] ?? "10");
/** Further kills of runs that write their checkpoint only at the end (PULUMI_SKIP_CHECKPOINTS). */
const END_ONLY_RUNS = Number(process.env["CTYUN_KILL_END_ONLY_RUNS"] ?? "4");
const ONLY = (process.env["CTYUN_KILL_ONLY"] ?? "").split(",").filter((n) => n !== "").map(Number);
const CONCURRENCY = Number(process.env["CTYUN_E2E_CONCURRENCY"] ?? "4");
const DECLARED_RECORDS = DECLARED.quickstart;

/** mulberry32 over a string hash: the same seed draws the same kill moments on every machine. */
function seededRandom(seed: string): () => number {
  let state = 0;
  for (const char of seed) state = (Math.imul(state ^ char.charCodeAt(0), 2654435761) + 1) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface KillPlan {
  readonly index: number;
  readonly mode: KillMode;
  /** Kill once the emulator has answered this many API calls. */
  readonly afterCalls: number;
  /**
   * The run writes its checkpoint only when it ends (PULUMI_SKIP_CHECKPOINTS=true, which the README
   * offers for large stacks): a kill leaves the stack as it was before the run, recording nothing.
   */
  readonly checkpointAtEndOnly: boolean;
}

/**
 * `runs` moments spread over the whole `up`: run i draws from the i-th of `runs` slices of its first
 * 95% of calls (a kill in the last few calls could come after the `up` has ended: the poll is 100 ms).
 */
function spreadMoments(calibratedCalls: number, runs: number, seed: string): number[] {
  const random = seededRandom(seed);
  const totalCalls = Math.floor(calibratedCalls * 0.95);
  return Array.from({ length: runs }, (_, index) => {
    const from = Math.floor((index / runs) * totalCalls);
    const to = Math.max(from + 1, Math.floor(((index + 1) / runs) * totalCalls) - 1);
    return Math.max(1, from + Math.floor(random() * (to - from)));
  });
}

/** Kill `index` (1-based): its mode alternates within each group, and the last END_ONLY_RUNS write their checkpoint at the end only. */
function killKind(index: number): Pick<KillPlan, "mode" | "checkpointAtEndOnly"> {
  const checkpointAtEndOnly = index > RUNS;
  const slot = checkpointAtEndOnly ? index - RUNS - 1 : index - 1;
  return { mode: slot % 2 === 0 ? "process tree" : "CLI process group", checkpointAtEndOnly };
}

/** Kills 1..RUNS with per-step checkpoints, then END_ONLY_RUNS more with the checkpoint at the end only. */
function plans(calibratedCalls: number): KillPlan[] {
  const moments = [...spreadMoments(calibratedCalls, RUNS, SEED), ...spreadMoments(calibratedCalls, END_ONLY_RUNS, `${SEED}:end-only`)];
  return moments.map((afterCalls, i) => ({ index: i + 1, afterCalls, ...killKind(i + 1) }));
}

function countByKind(resources: Record<string, unknown[]>): Record<string, number> {
  return Object.fromEntries(Object.entries(resources).map(([kind, records]) => [kind, records.length]).filter(([, n]) => (n as number) > 0));
}

const sameCounts = (a: Record<string, number>, b: Readonly<Record<string, number>>) =>
  JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());

async function apiCalls(control: EmulatorControl): Promise<number> {
  return (await control.requests()).length;
}

/** Waits until `control`'s emulator has had no API call for `quietMs` (orphaned providers are done). */
async function quiet(control: EmulatorControl, quietMs = 3_000): Promise<void> {
  let last = -1;
  let since = Date.now();
  await eventually(
    "the API to fall silent",
    async () => {
      const count = await apiCalls(control);
      if (count !== last) [last, since] = [count, Date.now()];
      return Date.now() - since > quietMs ? true : undefined;
    },
    180_000,
  );
}

async function quickstart(e2e: E2EContext, name: string, seed: string): Promise<{ stack: Stack; control: EmulatorControl; stop: () => Promise<void> }> {
  const { emulator, control } = await e2e.startEmulator(name, seed);
  const stack = await e2e.exampleStack("quickstart", name, { "ctyun:endpoint": emulator.url });
  return { stack, control, stop: () => emulator.stop() };
}

/** What the engine said with a torn checkpoint sidecar, and after the recovery removed it. */
interface TornSidecarCheck {
  readonly refusal: string;
  readonly removed: readonly string[];
  readonly resourcesBefore: number;
  readonly resourcesAfter: number;
}

/**
 * The moment a kill can tear, made on purpose: the checkpoint's sidecar truncated the way the file
 * backend leaves it when killed between rewriting it and renaming the new checkpoint into place.
 */
async function tearCheckpointSidecar(e2e: E2EContext, stack: Stack): Promise<TornSidecarCheck> {
  const stacks = join(e2e.stateDir, ".pulumi", "stacks");
  const sidecar = readdirSync(stacks)
    .map((project) => join(stacks, project, `${stack.name}.json.attrs`))
    .find((path) => existsSync(path));
  assert.ok(sidecar, "the file backend keeps a sidecar beside the checkpoint");
  const resourcesBefore = resourceCount(await stack.exportStack());
  writeFileSync(sidecar, "");
  const refusal = await stack.exportStack().then(
    () => "",
    (error: unknown) => String(error),
  );
  const removed = removeTornSidecars(e2e.stateDir);
  return { refusal, removed, resourcesBefore, resourcesAfter: resourceCount(await stack.exportStack()) };
}

const resourceCount = (state: { deployment: unknown }) => ((state.deployment as { resources?: unknown[] }).resources ?? []).length;

let tornSidecar: TornSidecarCheck | undefined;

/** An undisturbed `up` and `destroy`: how many API calls the `up` makes (where the kills are drawn). */
async function calibrate(e2e: E2EContext): Promise<{ calls: number; row: ReportRow }> {
  const started = Date.now();
  const seed = `${SEED}:calibration`;
  const { stack, control, stop } = await quickstart(e2e, "k-calibration", seed);
  try {
    await timed(SUITE, "calibration up", () => stack.up());
    const calls = await apiCalls(control);
    const counts = countByKind(await control.resources());
    assert.ok(sameCounts(counts, DECLARED_RECORDS), `the undisturbed up made ${JSON.stringify(counts)}`);
    tornSidecar = await tearCheckpointSidecar(e2e, stack);
    await timed(SUITE, "calibration destroy", () => stack.destroy());
    assert.deepEqual(countByKind(await control.resources()), {}, "the undisturbed destroy left nothing");
    const row: ReportRow = { example: "quickstart", scenario: "no kill (calibration)", injected: `none: the up makes ${calls} API calls`, seed, runs: "1 up, 1 destroy", faults: {}, duplicates: 0, orphans: 0, result: "converged", seconds: (Date.now() - started) / 1000 };
    return { calls, row };
  } finally {
    await stop();
  }
}

interface KillResult extends ReportRow {
  readonly problems: readonly string[];
}

async function runKill(e2e: E2EContext, plan: KillPlan): Promise<KillResult> {
  const started = Date.now();
  const seed = `${SEED}:${plan.index}`;
  const name = `k-${plan.index}`;
  const problems: string[] = [];
  const log = join(e2e.dir, `${name}.log`);
  const output = { onOutput: (text: string) => appendFileSync(log, text) };
  let duplicates = 0;
  let orphans = 0;
  let killedAt = 0;
  let survivorsCount = 0;
  let runs = "1 up (killed)";
  let tornSidecars = 0;
  const { stack, control, stop } = await quickstart(e2e, name, seed);
  if (plan.checkpointAtEndOnly) stack.workspace.envVars["PULUMI_SKIP_CHECKPOINTS"] = "true";
  try {
    const { survivors } = await killDuringUp(e2e, stack, plan.mode, async () => (await apiCalls(control)) >= plan.afterCalls);
    killedAt = await apiCalls(control);
    survivorsCount = survivors.length;
    if (plan.mode === "process tree" && survivors.length > 0) problems.push(`processes outlived the whole-tree kill: ${survivors.map(commandLine).join("; ")}`);
    // A closed terminal leaves the provider running: let it finish what it started, then end it.
    await quiet(control);
    for (const pid of survivors) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Gone by now.
      }
    }
    const { changes: rerun, tornSidecars: torn } = await recoverAfterKill(e2e, stack, `${SUITE} ${plan.index}`);
    tornSidecars = torn;
    runs = `1 up (killed),${torn > 0 ? " torn checkpoint sidecar removed," : ""} cancel, refresh, 1 up`;
    const counts = countByKind(await control.resources());
    duplicates = Object.entries(counts).reduce((sum, [kind, n]) => sum + Math.max(0, n - (DECLARED_RECORDS[kind] ?? 0)), 0);
    if (!sameCounts(counts, DECLARED_RECORDS)) problems.push(`after the rerun (${JSON.stringify(rerun)}) the emulator holds ${JSON.stringify(counts)}, not the declared ${JSON.stringify(DECLARED_RECORDS)}`);
    runs += ", 1 preview";
    try {
      await timed(SUITE, `${name} preview`, () => stack.preview({ expectNoChanges: true, ...output }));
    } catch (error) {
      problems.push(`the preview after the rerun shows changes: ${String(error).slice(0, 1_000)}`);
    }
    runs += ", 1 destroy";
    await timed(SUITE, `${name} destroy`, () => stack.destroy(output));
    const left = countByKind(await control.resources());
    orphans = Object.values(left).reduce((sum, n) => sum + n, 0);
    if (orphans > 0) problems.push(`destroy left ${JSON.stringify(left)}`);
  } catch (error) {
    problems.push(`the run broke: ${String(error).slice(0, 2_000)}`);
  } finally {
    await stop();
  }
  const what = plan.mode === "process tree" ? "whole tree" : `CLI only, ${survivorsCount} plugin processes lived on`;
  return {
    example: "quickstart",
    scenario: `kill ${plan.index}`,
    injected: `SIGKILL (${what}) after ${plan.afterCalls} API calls${plan.checkpointAtEndOnly ? ", checkpoint written only at the end (PULUMI_SKIP_CHECKPOINTS)" : ""}`,
    seed,
    runs,
    faults: { "API calls answered when killed": killedAt, "torn checkpoint sidecars": tornSidecars },
    duplicates,
    orphans,
    result: problems.length === 0 ? "converged" : `FAILED: ${problems[0]}`,
    seconds: (Date.now() - started) / 1000,
    problems,
  };
}

describeE2E(
  "random kills: pulumi up of the quickstart killed at fourteen seeded moments (four with the checkpoint written only at the end), recovered the documented way",
  (e2e) => {
    const results = new Map<number, KillResult>();
    let calibration: { calls: number; row: ReportRow } | undefined;
    let planned: KillPlan[] = [];

    before(async function () {
      const started = Date.now();
      calibration = await calibrate(e2e());
      planned = plans(calibration.calls).filter((plan) => ONLY.length === 0 || ONLY.includes(plan.index));
      const rows = await pool(planned, CONCURRENCY, (plan) => runKill(e2e(), plan));
      rows.forEach((row, i) => results.set((planned[i] as KillPlan).index, row));
      process.stdout.write(`\n  [e2e] random kills: ${rows.length} kills in ${Math.round((Date.now() - started) / 1000)} s (seed ${SEED}, an undisturbed up makes ${calibration.calls} calls)\n`);
      if (ONLY.length === 0) writeReport({ suite: "random-kills", generatedAt: new Date().toISOString(), rows: [calibration.row, ...rows.map(({ problems: _problems, ...row }) => row)] });
    });

    it("draws kill moments over the whole up, alternating whole-tree and CLI-only kills", () => {
      assert.ok(calibration && calibration.calls > 20, `an undisturbed up makes ${calibration?.calls} calls`);
      const all = plans(calibration.calls);
      assert.equal(all.length, RUNS + END_ONLY_RUNS);
      for (const group of [all.filter((plan) => !plan.checkpointAtEndOnly), all.filter((plan) => plan.checkpointAtEndOnly)]) {
        assert.ok(group.every((plan, i) => i === 0 || plan.afterCalls > (group[i - 1] as KillPlan).afterCalls), "moments grow through the up");
        assert.ok((group[group.length - 1] as KillPlan).afterCalls < calibration.calls, "the last moment is before the up ends");
      }
    });

    it("a checkpoint sidecar torn by a kill is refused by the engine, and the recovery's removal makes the stack load whole", () => {
      assert.ok(tornSidecar, "the calibration run tore its sidecar");
      assert.match(tornSidecar.refusal, /failed to load checkpoint: EOF/);
      assert.equal(tornSidecar.removed.length, 1);
      assert.match(tornSidecar.removed[0] ?? "", /k-calibration\.json\.attrs$/);
      assert.ok(tornSidecar.resourcesBefore > 10, `the stack had ${tornSidecar.resourcesBefore} resources`);
      assert.equal(tornSidecar.resourcesAfter, tornSidecar.resourcesBefore, "the checkpoint itself was whole");
    });

    for (let index = 1; index <= RUNS + END_ONLY_RUNS; index++) {
      if (ONLY.length > 0 && !ONLY.includes(index)) continue;
      const kind = killKind(index);
      const what = `${kind.mode === "process tree" ? "whole tree" : "CLI only"}${kind.checkpointAtEndOnly ? ", checkpoint only at the end" : ""}`;
      it(`kill ${index} (${what}): the rerun converges, no duplicate, nothing left after destroy`, () => {
        const result = results.get(index);
        assert.ok(result, "the run happened");
        assert.deepEqual(result.problems, [], `${result.injected} (seed ${result.seed}; rerun: CTYUN_KILL_SEED=${SEED} CTYUN_KILL_ONLY=${index} npx mocha test/e2e/random-kills.spec.ts)`);
        assert.equal(result.duplicates, 0);
        assert.equal(result.orphans, 0);
      });
    }
  },
  { timeoutMs: 30 * 60_000 },
);
