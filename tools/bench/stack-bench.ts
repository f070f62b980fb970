/**
 * `npm run bench:stack`: whole stacks through the real engine (the `pulumi` CLI, its Node.js
 * language host, the dynamic-provider process) against the emulator with its realistic timing.
 *
 * For each stack and phase (up, no-op preview, no-op up, refresh, destroy): wall time; the
 * critical-path lower bound (the longest chain of the dependency graph, each resource weighted by
 * the cloud's own time for it in the emulator's timing table); API calls per resource type, polls
 * apart (the emulator's request log: the provider names the type in its user agent, and marks
 * reads of work in flight); the lag between the emulator finishing a piece of work and the provider
 * noticing (its work log); state bytes per resource; peak RSS and CPU time of the CLI, the program
 * and the provider process. Repeated runs: median and spread. Prints a table, writes
 * artifacts/bench/stack.json and a chart PNG (chromium through playwright-core, when present).
 *
 * The programs run as a user's project: copied into a project outside the repository that has the
 * packed library installed (user-project.ts), so the state holds what a user's would. `--in-repo`
 * runs them from the repository instead, where the library is a link and its providers are
 * serialized as code.
 *
 * The engine runs at most P resource steps at once (`--parallel`, default 4 × CPUs as the CLI's),
 * every CTyun create holds its slot while the cloud works, and deletes run in layers one after
 * another: each phase is also measured against the engine's bound (bounds.ts).
 *
 *   npm run bench:stack -- [--runs 3] [--stacks quickstart,web-tier,gen-50,gen-200] [--with-500] [--in-repo] [--parallel P] [--timeline up,destroy]
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";
import { engineEnv, locateEngine, REPO_ROOT } from "../demo/engine";
import { startEmulatorProcess } from "../demo/emulator-process";
import { criticalPath, engineBound, kindOf, type StateResource } from "./bounds";
import { TERRAFORM_CALLS, terraformCalls } from "./terraform-calls";
import { installPackedLibrary, type UserProject } from "./user-project";

const ACCESS_KEY = "emulatordemoaccesskey00000000001";
const SECRET_KEY = "emulatordemosecretkey00000000001";
const REGION_ID = "bb9fdb42056f11eda1610242ac110002";
const AZ_NAME = "cn-huadong1-jsnj1A-public-ctcloud";
const PUBLIC_KEY = readFileSync(join(REPO_ROOT, "examples", "quickstart", "demo-key.pub"), "utf8").trim();

/** CTyun's Terraform provider on the quickstart's 13 resources, measured against the emulator (issue 17). */
const TERRAFORM_QUICKSTART = { create: { calls: 58, polls: 8 }, refresh: { calls: 17, polls: 0 }, destroy: { calls: 45, polls: null as number | null, seconds: 15.5 } };

type Phase = "up" | "preview" | "noopUp" | "refresh" | "destroy";
const PHASES: readonly Phase[] = ["up", "preview", "noopUp", "refresh", "destroy"];

interface StackDef {
  readonly name: string;
  readonly program: string;
  readonly config: Record<string, { value: string; secret?: boolean }>;
}

function stacks(with500: boolean, only: string[] | undefined): StackDef[] {
  const gen = (size: number): StackDef => ({ name: `gen-${size}`, program: join(REPO_ROOT, "tools", "bench", "generated-stack"), config: { size: { value: String(size) }, publicKey: { value: PUBLIC_KEY } } });
  const all: StackDef[] = [
    { name: "quickstart", program: join(REPO_ROOT, "examples", "quickstart"), config: {} },
    { name: "web-tier", program: join(REPO_ROOT, "examples", "web-tier"), config: { webPassword: { value: "Bench-Passw0rd!", secret: true }, webCount: { value: "3" } } },
    gen(50),
    gen(200),
    ...(with500 ? [gen(500)] : []),
  ];
  return only ? all.filter((s) => only.includes(s.name)) : all;
}

// --- processes ----------------------------------------------------------------------------------

type ProcessRole = "cli" | "program" | "provider";
interface Usage {
  peakRssMb: Record<ProcessRole, number>;
  cpuSeconds: Record<ProcessRole, number>;
}

/** Children of every thread (a Go process, the CLI, starts its children from any of them). */
function children(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
      try {
        return readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}

function tree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...children(out[i]!));
  return out;
}

function roleOf(pid: number): ProcessRole | undefined {
  let cmd = "";
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return undefined;
  }
  if (/dynamic-provider|pulumi-resource-pulumi-nodejs/.test(cmd)) return "provider";
  if (/pulumi-language-nodejs|@pulumi[/\\]pulumi[/\\]cmd[/\\]run|run-plugin|ts-node/.test(cmd)) return "program";
  if (/(^|\/)pulumi\s/.test(cmd)) return "cli";
  return undefined;
}

/** Samples the CLI's process tree every 100 ms until `done` resolves. */
function sampleUsage(rootPid: number, done: Promise<unknown>): Promise<Usage> {
  const ticks = 100; // USER_HZ on Linux
  const peak: Record<ProcessRole, number> = { cli: 0, program: 0, provider: 0 };
  const cpuByPid = new Map<number, { role: ProcessRole; seconds: number }>();
  let finished = false;
  void done.finally(() => (finished = true));
  return new Promise((resolve) => {
    const sample = (): void => {
      const rss: Record<ProcessRole, number> = { cli: 0, program: 0, provider: 0 };
      for (const pid of tree(rootPid)) {
        const role = roleOf(pid);
        if (!role) continue;
        try {
          const status = readFileSync(`/proc/${pid}/status`, "utf8");
          rss[role] += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
          const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
          const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
          cpuByPid.set(pid, { role, seconds: (Number(fields[11]) + Number(fields[12])) / ticks });
        } catch {
          // exited between the listing and the read
        }
      }
      for (const role of Object.keys(rss) as ProcessRole[]) peak[role] = Math.max(peak[role], rss[role]);
      if (finished) {
        const cpu: Record<ProcessRole, number> = { cli: 0, program: 0, provider: 0 };
        for (const { role, seconds } of cpuByPid.values()) cpu[role] += seconds;
        resolve({ peakRssMb: peak, cpuSeconds: cpu });
      } else setTimeout(sample, 100);
    };
    sample();
  });
}

// --- emulator logs ---------------------------------------------------------------------------------

interface LoggedRequest {
  operation: string | null;
  /** Emulator clock (epoch ms, the wall clock under the realistic profile) when it arrived. */
  at: number;
  ms: number;
  userAgent: string | null;
  poll: boolean;
}
interface WorkEntry {
  timing: string;
  dueAt: number | null;
  observedAt: number | null;
}

async function control<T>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${url}/_emulator/${path}`, { method, ...(body ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}) });
  return (await response.json()) as T;
}

interface PhaseCalls {
  calls: number;
  polls: number;
  byType: Record<string, { calls: number; polls: number }>;
}

/** The resource type that made a call (the provider names it in its user agent), or the program. */
function callerType(r: LoggedRequest): string {
  return /resource\/(\w+)/.exec(r.userAgent ?? "")?.[1] ?? "(program)";
}

function tally(requests: readonly LoggedRequest[]): PhaseCalls {
  const byType: Record<string, { calls: number; polls: number }> = {};
  let calls = 0;
  let polls = 0;
  for (const r of requests) {
    const type = callerType(r);
    const slot = (byType[type] ??= { calls: 0, polls: 0 });
    if (r.poll) {
      polls++;
      slot.polls++;
    } else {
      calls++;
      slot.calls++;
    }
  }
  return { calls, polls, byType };
}

// --- one run ------------------------------------------------------------------------------------------

/** Where a phase's wall time went: before its first API call, between its first and last, after. */
interface ApiWindow {
  startup: number;
  span: number;
  tail: number;
}

function apiWindow(requests: readonly LoggedRequest[], started: number, ended: number): ApiWindow | null {
  if (requests.length === 0) return null;
  const first = Math.min(...requests.map((r) => r.at));
  const last = Math.max(...requests.map((r) => r.at + r.ms));
  return { startup: (first - started) / 1000, span: (last - first) / 1000, tail: (ended - last) / 1000 };
}

/** Every API call of a phase, with its time since the phase started (`--timeline up,destroy`). */
function printTimeline(title: string, requests: readonly LoggedRequest[], started: number): void {
  const lines = requests.map((r) => {
    const type = callerType(r);
    return `  ${((r.at - started) / 1000).toFixed(2).padStart(7)} s  +${String(r.ms).padStart(4)} ms  ${type.padEnd(18)} ${r.operation ?? "?"}${r.poll ? " (poll)" : ""}`;
  });
  process.stdout.write(`${title}:\n${lines.join("\n")}\n`);
}

interface PhaseResult {
  seconds: number;
  window: ApiWindow | null;
  calls: PhaseCalls;
  lagMs: { median: number | null; max: number | null; count: number };
  usage: Usage;
}
interface RunResult {
  resources: number;
  /** Resources per type (the class name). */
  typeCounts: Record<string, number>;
  stateBytesPerResource: number;
  criticalPathSeconds: { create: number; delete: number };
  engineBoundSeconds: { create: number; delete: number };
  phases: Record<Phase, PhaseResult>;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function runPulumi(binDir: string, args: string[], cwd: string, env: Record<string, string>): { pid: number; done: Promise<string> } {
  const child = spawn(join(binDir, "pulumi"), args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const done = new Promise<string>((resolve, reject) =>
    child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`pulumi ${args.join(" ")} exited ${code}:\n${output.split("\n").filter((l) => /error/i.test(l)).slice(0, 20).join("\n")}\n${output.slice(-1500)}`)))),
  );
  return { pid: child.pid!, done };
}

/** How every stack is run: the engine's parallelism, and the phases whose calls are printed. */
interface BenchSettings {
  readonly parallel: number;
  readonly timeline: readonly string[];
}

async function runStack(def: StackDef, run: number, { parallel, timeline }: BenchSettings): Promise<RunResult> {
  const engine = locateEngine();
  if (!engine) throw new Error("no Pulumi engine: run `bash tools/engine/ensure-engine.sh`");
  const dir = mkdtempSync(join(tmpdir(), `ctyun-bench-${def.name}-`));
  const stateDir = join(dir, "state");
  const homeDir = join(dir, "home");
  const projectDir = join(dir, "project");
  for (const d of [stateDir, homeDir, projectDir]) mkdirSync(d, { recursive: true });
  const emulator = await startEmulatorProcess({ profile: "realistic", logFile: join(dir, "emulator.log") });
  try {
    const env = { ...engineEnv({ engine, stateDir, homeDir, passphrase: "bench", transpileOnly: true }), PULUMI_PARALLEL: String(parallel) };
    const project = `bench-${def.name}`;
    writeFileSync(join(projectDir, "Pulumi.yaml"), `name: ${project}\nruntime: nodejs\nmain: ${def.program}\n`);
    const pulumiCommand = await PulumiCommand.get({ root: engine.root, skipVersionCheck: true });
    const stack = await LocalWorkspace.createOrSelectStack({ stackName: "bench", workDir: projectDir }, { pulumiCommand, envVars: env, secretsProvider: "passphrase" });
    await stack.setAllConfig({
      "ctyun:endpoint": { value: emulator.url },
      "ctyun:regionId": { value: REGION_ID },
      "ctyun:azName": { value: AZ_NAME },
      "ctyun:accessKey": { value: ACCESS_KEY, secret: true },
      "ctyun:secretKey": { value: SECRET_KEY, secret: true },
      ...def.config,
    });
    const timing = await control<{ kinds: Record<string, { mode: string; ms?: number }> }>(emulator.url, "GET", "transitions");
    const ms = (kind: string): number => (timing.kinds[kind]?.mode === "delay" ? (timing.kinds[kind]?.ms ?? 0) : 0);
    const commands: Record<Phase, string[]> = {
      up: ["up", "--yes", "--skip-preview"],
      preview: ["preview"],
      noopUp: ["up", "--yes", "--skip-preview"],
      refresh: ["refresh", "--yes", "--skip-preview"],
      destroy: ["destroy", "--yes", "--skip-preview"],
    };
    const phases = {} as Record<Phase, PhaseResult>;
    let resources: StateResource[] = [];
    let stateBytes = 0;
    for (const phase of PHASES) {
      await control(emulator.url, "DELETE", "requests");
      const workBefore = (await control<{ work: WorkEntry[] }>(emulator.url, "GET", "work")).work.length;
      const started = Date.now();
      const child = runPulumi(engine.binDir, [...commands[phase], "--stack", "bench", "--non-interactive", "--color", "never"], projectDir, env);
      const usage = sampleUsage(child.pid, child.done.catch(() => undefined));
      await child.done;
      const ended = Date.now();
      const seconds = (ended - started) / 1000;
      const requests = (await control<{ requests: LoggedRequest[] }>(emulator.url, "GET", "requests")).requests;
      const work = (await control<{ work: WorkEntry[] }>(emulator.url, "GET", "work")).work.slice(workBefore);
      const lags = work.filter((w) => w.dueAt !== null && w.observedAt !== null).map((w) => w.observedAt! - w.dueAt!);
      if (timeline.includes(phase)) printTimeline(`${def.name} run ${run} ${phase}`, requests, started);
      phases[phase] = { seconds, window: apiWindow(requests, started, ended), calls: tally(requests), lagMs: { median: median(lags), max: lags.length ? Math.max(...lags) : null, count: lags.length }, usage: await usage };
      if (phase === "up") {
        const exported = (await stack.exportStack()).deployment as { resources?: StateResource[] };
        resources = (exported.resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"));
        stateBytes = statefileBytes(stateDir);
        if (resources.length === 0) throw new Error(`${def.name}: up made no resources:\n${(await child.done).slice(-2000)}`);
      }
    }
    // The 1-minute load average as the run ends: other work on the machine shows in every timing.
    process.stdout.write(`  ${def.name} run ${run}: up ${phases.up.seconds.toFixed(1)} s, destroy ${phases.destroy.seconds.toFixed(1)} s, state ${Math.round(stateBytes / Math.max(1, resources.length))} B/resource, load ${loadavg()[0]!.toFixed(2)}\n`);
    return {
      resources: resources.length,
      typeCounts: resources.reduce<Record<string, number>>((counts, r) => {
        const kind = kindOf(r.type);
        counts[kind] = (counts[kind] ?? 0) + 1;
        return counts;
      }, {}),
      stateBytesPerResource: resources.length ? Math.round(stateBytes / resources.length) : 0,
      criticalPathSeconds: { create: criticalPath(resources, "create", ms) / 1000, delete: criticalPath(resources, "delete", ms) / 1000 },
      engineBoundSeconds: { create: engineBound(resources, "create", ms, parallel) / 1000, delete: engineBound(resources, "delete", ms, parallel) / 1000 },
      phases,
    };
  } finally {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The stack's checkpoint file as stored (secrets encrypted). */
function statefileBytes(stateDir: string): number {
  const stacksDir = join(stateDir, ".pulumi", "stacks");
  let total = 0;
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".json")) total = Math.max(total, readFileSync(path).length);
    }
  };
  if (existsSync(stacksDir)) walk(stacksDir);
  return total;
}

// --- summary ------------------------------------------------------------------------------------------

interface StackSummary {
  stack: string;
  runs: number;
  resources: number;
  typeCounts: Record<string, number>;
  stateBytesPerResource: number;
  criticalPathSeconds: { create: number; delete: number };
  engineBoundSeconds: { create: number; delete: number };
  phases: Record<Phase, { seconds: { median: number; min: number; max: number }; window: ApiWindow | null; calls: number; polls: number; byType: PhaseCalls["byType"]; lagMs: PhaseResult["lagMs"]; usage: Usage }>;
  ratios: {
    upOverCriticalPath: number | null;
    upRawOverCriticalPath: number | null;
    destroyOverCriticalPath: number | null;
    /** The destroy's API span (its first call to its last answer) over its critical path: the engine's start-up and finish taken off. */
    destroySpanOverCriticalPath: number | null;
    /** The up's API span over the engine's bound (its parallelism). */
    upSpanOverEngineBound: number | null;
    /** The destroy's API span over the engine's bound (its delete layers and parallelism). */
    destroySpanOverEngineBound: number | null;
  };
}

function summarize(name: string, runs: RunResult[]): StackSummary {
  const last = runs[runs.length - 1]!;
  const phases = {} as StackSummary["phases"];
  for (const phase of PHASES) {
    const times = runs.map((r) => r.phases[phase].seconds);
    const p = last.phases[phase];
    phases[phase] = {
      seconds: { median: median(times)!, min: Math.min(...times), max: Math.max(...times) },
      window: medianWindow(runs.map((r) => r.phases[phase].window)),
      calls: p.calls.calls,
      polls: p.calls.polls,
      byType: p.calls.byType,
      lagMs: p.lagMs,
      usage: {
        peakRssMb: maxOf(runs.map((r) => r.phases[phase].usage.peakRssMb)),
        cpuSeconds: maxOf(runs.map((r) => r.phases[phase].usage.cpuSeconds)),
      },
    };
  }
  const cp = last.criticalPathSeconds;
  return {
    stack: name,
    runs: runs.length,
    resources: last.resources,
    typeCounts: last.typeCounts,
    stateBytesPerResource: last.stateBytesPerResource,
    criticalPathSeconds: cp,
    engineBoundSeconds: last.engineBoundSeconds,
    phases,
    ratios: {
      // Issue 17's measure: the engine's fixed start-up (a no-op up) taken off.
      upOverCriticalPath: cp.create > 0 ? (phases.up.seconds.median - phases.noopUp.seconds.min) / cp.create : null,
      upRawOverCriticalPath: cp.create > 0 ? phases.up.seconds.median / cp.create : null,
      destroyOverCriticalPath: cp.delete > 0 ? phases.destroy.seconds.median / cp.delete : null,
      destroySpanOverCriticalPath: cp.delete > 0 && phases.destroy.window ? phases.destroy.window.span / cp.delete : null,
      upSpanOverEngineBound: last.engineBoundSeconds.create > 0 && phases.up.window ? phases.up.window.span / last.engineBoundSeconds.create : null,
      destroySpanOverEngineBound: last.engineBoundSeconds.delete > 0 && phases.destroy.window ? phases.destroy.window.span / last.engineBoundSeconds.delete : null,
    },
  };
}

function medianWindow(windows: ReadonlyArray<ApiWindow | null>): ApiWindow | null {
  const present = windows.filter((w): w is ApiWindow => w !== null);
  if (present.length === 0) return null;
  const pick = (key: keyof ApiWindow) => Math.round(median(present.map((w) => w[key]))! * 10) / 10;
  return { startup: pick("startup"), span: pick("span"), tail: pick("tail") };
}

function maxOf(values: ReadonlyArray<Record<ProcessRole, number>>): Record<ProcessRole, number> {
  const out: Record<ProcessRole, number> = { cli: 0, program: 0, provider: 0 };
  for (const v of values) for (const role of Object.keys(out) as ProcessRole[]) out[role] = Math.round(Math.max(out[role], v[role]) * 10) / 10;
  return out;
}

function table(summaries: readonly StackSummary[]): string {
  const rows: string[][] = [["stack", "res", "phase", "wall s (median [min–max])", "before/API/after s", "crit. path s", "engine bound s", "ratio (raw; API span)", "API span / engine bound", "calls", "polls", "lag ms (median/max)", "peak RSS MB cli/prog/prov", "CPU s cli/prog/prov"]];
  for (const s of summaries) {
    for (const phase of PHASES) {
      const p = s.phases[phase];
      // Bounds and ratios exist for up and destroy only.
      const pick = <T,>(up: T, destroy: T): T | null => (phase === "up" ? up : phase === "destroy" ? destroy : null);
      const fixed = (value: number | null, digits: number) => (value === null ? "" : value.toFixed(digits));
      const ratio = pick(s.ratios.upOverCriticalPath, s.ratios.destroyOverCriticalPath);
      const detail = pick(s.ratios.upRawOverCriticalPath, s.ratios.destroySpanOverCriticalPath);
      rows.push([
        phase === "up" ? s.stack : "",
        phase === "up" ? String(s.resources) : "",
        phase,
        `${p.seconds.median.toFixed(1)} [${p.seconds.min.toFixed(1)}–${p.seconds.max.toFixed(1)}]`,
        p.window ? `${p.window.startup.toFixed(1)}/${p.window.span.toFixed(1)}/${p.window.tail.toFixed(1)}` : "",
        fixed(pick(s.criticalPathSeconds.create, s.criticalPathSeconds.delete), 1),
        fixed(pick(s.engineBoundSeconds.create, s.engineBoundSeconds.delete), 1),
        ratio === null ? "" : `${ratio.toFixed(2)}${detail !== null ? ` (${phase === "up" ? "raw " : "span "}${detail.toFixed(2)})` : ""}`,
        fixed(pick(s.ratios.upSpanOverEngineBound, s.ratios.destroySpanOverEngineBound), 2),
        String(p.calls),
        String(p.polls),
        p.lagMs.count ? `${p.lagMs.median}/${p.lagMs.max}` : "",
        `${p.usage.peakRssMb.cli.toFixed(0)}/${p.usage.peakRssMb.program.toFixed(0)}/${p.usage.peakRssMb.provider.toFixed(0)}`,
        `${p.usage.cpuSeconds.cli.toFixed(1)}/${p.usage.cpuSeconds.program.toFixed(1)}/${p.usage.cpuSeconds.provider.toFixed(1)}`,
      ]);
    }
    rows.push(["", "", `state ${s.stateBytesPerResource} B/resource`, ...rows[0]!.slice(3).map(() => "")]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd()).join("\n");
}

function chartHtml(summaries: readonly StackSummary[]): string {
  const bars = summaries.flatMap((s) => [
    { label: `${s.stack} up`, wall: s.phases.up.seconds.median - s.phases.noopUp.seconds.min, bound: s.criticalPathSeconds.create },
    { label: `${s.stack} destroy`, wall: s.phases.destroy.seconds.median, bound: s.criticalPathSeconds.delete },
  ]);
  const max = Math.max(1, ...bars.map((b) => Math.max(b.wall, b.bound)));
  const rowH = 28;
  const width = 900;
  const scale = (v: number) => (v / max) * (width - 330);
  const svg = bars
    .map((b, i) => {
      const y = 40 + i * rowH;
      return `<text x="0" y="${y + 14}" font-size="12">${b.label}</text>` +
        `<rect x="200" y="${y}" width="${scale(b.wall).toFixed(1)}" height="10" fill="#3b6ea5"/>` +
        `<rect x="200" y="${y + 11}" width="${scale(b.bound).toFixed(1)}" height="8" fill="#c9822b"/>` +
        `<text x="${(205 + scale(Math.max(b.wall, b.bound))).toFixed(1)}" y="${y + 14}" font-size="11">${b.wall.toFixed(1)} s / ${b.bound.toFixed(1)} s</text>`;
    })
    .join("");
  return `<!doctype html><html><body style="margin:10px;font-family:sans-serif"><svg width="${width}" height="${60 + bars.length * rowH}">` +
    `<text x="0" y="16" font-size="14" font-weight="bold">pulumi-ctyun: wall time (blue; up minus the fastest no-op up) vs critical-path bound (orange), median of runs</text>${svg}</svg></body></html>`;
}

/** Per resource type: our non-poll calls per resource in each phase beside Terraform's, from its source. */
function versusTerraform(s: StackSummary): string {
  const per = (phase: Phase, kind: string) => ((s.phases[phase].byType[kind]?.calls ?? 0) / (s.typeCounts[kind] ?? 1)).toFixed(1).replace(/\.0$/, "");
  return Object.keys(s.typeCounts)
    .filter((kind) => TERRAFORM_CALLS[kind] !== undefined)
    .map((kind) => `${kind} ${per("up", kind)}/${terraformCalls(kind, "create")}, ${per("refresh", kind)}/${terraformCalls(kind, "read")}, ${per("destroy", kind)}/${terraformCalls(kind, "delete")}`)
    .join("; ");
}

async function screenshot(html: string, file: string): Promise<string> {
  const chromiumPath = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
  if (!existsSync(chromiumPath)) return `no chart PNG: no chromium at ${chromiumPath} (apt-get install chromium)`;
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  try {
    const page = await browser.newPage({ viewport: { width: 940, height: 600 } });
    await page.setContent(html);
    await page.screenshot({ path: file, fullPage: true });
    return `chart: ${file}`;
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const runs = Number(option("--runs") ?? 3);
  const only = option("--stacks")?.split(",");
  const inRepo = args.includes("--in-repo");
  // The engine's own default is 4 × GOMAXPROCS (the CPUs); PULUMI_PARALLEL or --parallel override it.
  const settings: BenchSettings = {
    parallel: Number(option("--parallel") ?? process.env["PULUMI_PARALLEL"] ?? 4 * availableParallelism()),
    timeline: option("--timeline")?.split(",") ?? [],
  };
  let defs = stacks(args.includes("--with-500"), only);
  let userProject: UserProject | undefined;
  if (!inRepo) {
    const started = Date.now();
    userProject = installPackedLibrary();
    defs = defs.map((def) => ({ ...def, program: userProject!.addProgram(def.name, def.program) }));
    process.stdout.write(`programs run from ${userProject.dir} (npm pack + npm install: ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  } else process.stdout.write(`programs run from the repository (the library is a link: providers serialized as code)\n`);
  try {
    await benchmark(defs, inRepo, runs, settings);
  } finally {
    userProject?.dispose();
  }
}

async function benchmark(defs: readonly StackDef[], inRepo: boolean, runs: number, settings: BenchSettings): Promise<void> {
  const { parallel } = settings;
  const load = loadavg().map((l) => l.toFixed(2)).join(" ");
  process.stdout.write(`load average before: ${load}; engine parallelism ${parallel} (${availableParallelism()} CPUs)\n`);
  const summaries: StackSummary[] = [];
  for (const def of defs) {
    // The large stacks run once: their time is minutes, and the spread of three runs says little more.
    const count = def.name.startsWith("gen-") && def.name !== "gen-50" ? 1 : runs;
    const results: RunResult[] = [];
    try {
      for (let run = 1; run <= count; run++) results.push(await runStack(def, run, settings));
    } catch (error) {
      // One stack failing (a quota, say) still leaves the others' numbers.
      process.stdout.write(`  ${def.name} failed: ${(error as Error).message.slice(0, 2000)}\n`);
    }
    if (results.length > 0) summaries.push(summarize(def.name, results));
  }
  const loadAfter = loadavg().map((l) => l.toFixed(2)).join(" ");
  const out = join(REPO_ROOT, "artifacts", "bench");
  mkdirSync(out, { recursive: true });
  const report = { date: new Date().toISOString(), programsRunFrom: inRepo ? "repository" : "installed package", parallel, loadAverage: { before: load, after: loadAfter }, terraformQuickstart: TERRAFORM_QUICKSTART, stacks: summaries };
  writeFileSync(join(out, "stack.json"), JSON.stringify(report, null, 2));
  process.stdout.write(`\n${table(summaries)}\n`);
  process.stdout.write(
    `\nTerraform provider (ctyun-it/terraform-provider-ctyun), quickstart set, against the emulator (issue 17): create ${TERRAFORM_QUICKSTART.create.calls} calls (${TERRAFORM_QUICKSTART.create.polls} polls), refresh ${TERRAFORM_QUICKSTART.refresh.calls}, destroy ${TERRAFORM_QUICKSTART.destroy.calls} in ${TERRAFORM_QUICKSTART.destroy.seconds} s\n`,
  );
  for (const s of summaries) {
    const types = Object.entries(s.phases.up.byType).map(([t, c]) => `${t} ${c.calls}+${c.polls}p`).join(", ");
    process.stdout.write(`${s.stack} up calls by type (non-poll+polls): ${types}\n`);
    process.stdout.write(`${s.stack} non-poll calls per resource, ours/Terraform's (create, refresh, destroy): ${versusTerraform(s)}\n`);
  }
  process.stdout.write(`load average after: ${loadAfter}\nJSON: ${join(out, "stack.json")}\n`);
  writeFileSync(join(out, "stack.html"), chartHtml(summaries));
  process.stdout.write(`${await screenshot(chartHtml(summaries), join(out, "stack.png"))}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
