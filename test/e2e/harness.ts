/**
 * End-to-end tests with the real Pulumi engine: the `pulumi` CLI (through the Automation API or
 * spawned directly), its Node.js language host, and the dynamic-provider process the CLI starts,
 * which reaches a CTyun emulator over HTTP.
 *
 *   describeE2E("network-only example", (e2e) => {
 *     it("creates", async () => {
 *       const stack = await e2e().exampleStack("network-only", "dev", { vpcCidr: "10.0.0.0/16" });
 *       await stack.up();
 *     });
 *   });
 *
 * Each suite gets its own emulator process (ephemeral port, in-memory, fast timing), its own
 * `file://` backend, `PULUMI_HOME` and stack settings in a temporary directory, so suites never share
 * state. Without an engine (a fresh clone: no `.tools/pulumi/bin`, no `pulumi` on PATH) the suites
 * are skipped with a message, unless CTYUN_E2E_REQUIRED=1 (CI), which makes them fail.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalWorkspace, PulumiCommand, type InlineProgramArgs, type LocalWorkspaceOptions, type Stack } from "@pulumi/pulumi/automation";
import { engineEnv, locateEngine, REPO_ROOT, type EngineLocation } from "../../tools/demo/engine";
import { EmulatorControl, startEmulatorProcess, type EmulatorProcess, type StoredRecord } from "../../tools/demo/emulator-process";

export const E2E_PASSPHRASE = "ctyun-e2e";
/** The emulator's demo key pair (emulator/credentials.ts): the strings no state may contain in plain text. */
export const ACCESS_KEY = "emulatordemoaccesskey00000000001";
export const SECRET_KEY = "emulatordemosecretkey00000000001";
export const REGION_ID = "bb9fdb42056f11eda1610242ac110002";
export const AZ_NAME = "cn-huadong1-jsnj1A-public-ctcloud";

export type ExampleName = "quickstart" | "network-only" | "web-tier" | "static-site" | "web-lb" | "fleet";

/** Stack settings: plain strings, or `{value, secret: true}`. Keys without a namespace are the project's. */
export type StackSettings = Record<string, string | { value: string; secret?: boolean }>;

/** Where each example's program is, and which Pulumi.yaml describes it. */
export const EXAMPLES: Readonly<Record<ExampleName, { program: string; projectFile: string }>> = {
  quickstart: { program: join(REPO_ROOT, "examples", "quickstart"), projectFile: join(REPO_ROOT, "Pulumi.yaml") },
  "network-only": { program: join(REPO_ROOT, "examples", "network-only"), projectFile: join(REPO_ROOT, "examples", "network-only", "Pulumi.yaml") },
  "web-tier": { program: join(REPO_ROOT, "examples", "web-tier"), projectFile: join(REPO_ROOT, "examples", "web-tier", "Pulumi.yaml") },
  "static-site": { program: join(REPO_ROOT, "examples", "static-site"), projectFile: join(REPO_ROOT, "examples", "static-site", "Pulumi.yaml") },
  "web-lb": { program: join(REPO_ROOT, "examples", "web-lb"), projectFile: join(REPO_ROOT, "examples", "web-lb", "Pulumi.yaml") },
  fleet: { program: join(REPO_ROOT, "examples", "fleet"), projectFile: join(REPO_ROOT, "examples", "fleet", "Pulumi.yaml") },
};

let skipNoticeShown = false;

export interface E2EContext {
  readonly engine: EngineLocation;
  readonly pulumiCommand: PulumiCommand;
  /** The suite's temporary directory (backend, PULUMI_HOME, projects, logs). */
  readonly dir: string;
  readonly stateDir: string;
  readonly homeDir: string;
  readonly emulator: EmulatorProcess;
  readonly control: EmulatorControl;
  /** The environment of every pulumi run of this suite. */
  readonly env: Record<string, string>;
  /** Provider settings every stack gets (the secret key as a secret). */
  providerConfig(): Record<string, { value: string; secret?: boolean }>;
  /** A work-dir stack running one of the examples, configured for the emulator. */
  exampleStack(example: ExampleName, stackName: string, config?: StackSettings): Promise<Stack>;
  /** A work-dir stack for a program directory (Pulumi.yaml written to a scratch project dir). */
  programStack(projectName: string, programDir: string, stackName: string, config?: StackSettings): Promise<Stack>;
  /** An inline-program stack (the program runs in this process; the provider in the CLI's). */
  inlineStack(projectName: string, stackName: string, program: InlineProgramArgs["program"], config?: StackSettings): Promise<Stack>;
  /** A flavor or image id of the emulator's catalog in REGION_ID, by name. */
  catalogId(kind: "flavor" | "image", name: string): Promise<string>;
  /** The emulator's resources (catalog kinds left out). */
  resources(): Promise<Record<string, StoredRecord[]>>;
  /**
   * Another emulator process for this suite (in memory, fast timing, ids and fault draws from
   * `seed`), stopped with the suite: independent cells of one suite run side by side, each against
   * its own. Point a stack at it with `{"ctyun:endpoint": emulator.url}`.
   */
  startEmulator(name: string, seed: string): Promise<{ emulator: EmulatorProcess; control: EmulatorControl }>;
}

/** Timings of this process's engine operations, printed after the run. */
export const timings: Array<{ suite: string; step: string; ms: number }> = [];

/** Times `fn` under `step` (the engine's wall-clock seconds are what we measure). */
export async function timed<T>(suite: string, step: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await fn();
  } finally {
    timings.push({ suite, step, ms: Date.now() - started });
  }
}

/**
 * A mocha `describe` whose tests run against the real engine. `body` receives a getter for the
 * suite's context (valid inside hooks and tests).
 */
export function describeE2E(title: string, body: (e2e: () => E2EContext) => void, options: { timeoutMs?: number } = {}): void {
  describe(`e2e: ${title}`, function () {
    this.timeout(options.timeoutMs ?? 10 * 60_000);
    let context: E2EContext | undefined;
    let cleanup: (() => Promise<void>) | undefined;

    before(async function () {
      const engine = locateEngine();
      if (!engine) {
        const message =
          "no Pulumi engine: neither `pulumi` + `pulumi-language-nodejs` on PATH nor .tools/pulumi/bin. " +
          "Build it with `bash tools/engine/ensure-engine.sh` (or run `npm run test:e2e`).";
        if (process.env["CTYUN_E2E_REQUIRED"] === "1") throw new Error(`CTYUN_E2E_REQUIRED=1 but ${message}`);
        if (!skipNoticeShown) {
          skipNoticeShown = true;
          process.stdout.write(`\n  [e2e] skipping the end-to-end tests: ${message}\n\n`);
        }
        this.skip();
      }
      const created = await createContext(title, engine);
      context = created.context;
      cleanup = created.cleanup;
    });

    after(async () => {
      await cleanup?.();
    });

    body(() => {
      if (!context) throw new Error("the e2e context exists only inside hooks and tests of describeE2E");
      return context;
    });
  });
}

function safeName(text: string): string {
  return text.replace(/[^a-zA-Z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).toLowerCase();
}

async function createContext(title: string, engine: EngineLocation): Promise<{ context: E2EContext; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), `ctyun-e2e-${safeName(title)}-`));
  const stateDir = join(dir, "state");
  const homeDir = join(dir, "home");
  for (const d of [stateDir, homeDir, join(dir, "projects")]) mkdirSync(d, { recursive: true });
  const emulator = await startEmulatorProcess({ profile: "fast", logFile: join(dir, "emulator.log") });
  const control = new EmulatorControl(emulator.url);
  // The program is type-checked by `npm run typecheck`; ts-node only transpiles here (faster).
  const env = engineEnv({ engine, stateDir, homeDir, passphrase: E2E_PASSPHRASE, transpileOnly: true, extra: { CTYUN_E2E: "1" } });
  const pulumiCommand = await PulumiCommand.get({ root: engine.root, skipVersionCheck: true });
  const workspaceOptions = (): LocalWorkspaceOptions => ({ pulumiCommand, envVars: env, secretsProvider: "passphrase" });

  const providerConfig = () => ({
    "ctyun:endpoint": { value: emulator.url },
    "ctyun:regionId": { value: REGION_ID },
    "ctyun:azName": { value: AZ_NAME },
    // Both as secrets: the engine records the whole stack configuration in the state (the inputs of
    // the default pulumi-nodejs provider), so a plain access key would be there in clear text.
    "ctyun:accessKey": { value: ACCESS_KEY, secret: true },
    "ctyun:secretKey": { value: SECRET_KEY, secret: true },
  });

  async function configure(stack: Stack, config: StackSettings): Promise<Stack> {
    const all: Record<string, { value: string; secret?: boolean }> = providerConfig();
    for (const [key, value] of Object.entries(config)) all[key] = typeof value === "string" ? { value } : value;
    await stack.setAllConfig(all);
    return stack;
  }

  async function programStack(projectName: string, programDir: string, stackName: string, config: StackSettings = {}): Promise<Stack> {
    const projectDir = join(dir, "projects", `${projectName}-${stackName}`);
    mkdirSync(projectDir, { recursive: true });
    // The program stays where it is (its imports resolve from the repository's node_modules); the
    // project file and stack settings live in the scratch directory.
    writeFileSync(join(projectDir, "Pulumi.yaml"), `name: ${projectName}\nruntime: nodejs\nmain: ${programDir}\n`);
    const stack = await LocalWorkspace.createOrSelectStack({ stackName, workDir: projectDir }, workspaceOptions());
    return configure(stack, config);
  }

  const context: E2EContext = {
    engine,
    pulumiCommand,
    dir,
    stateDir,
    homeDir,
    emulator,
    control,
    env,
    providerConfig,
    programStack,
    async exampleStack(example, stackName, config = {}) {
      const { program, projectFile } = EXAMPLES[example];
      const text = readFileSync(projectFile, "utf8");
      const name = /^name:\s*(\S+)\s*$/m.exec(text)?.[1];
      if (!name || !/^runtime:\s*nodejs\s*$/m.test(text)) throw new Error(`${projectFile} must name the project and use runtime nodejs`);
      return programStack(name, program, stackName, config);
    },
    async inlineStack(projectName, stackName, program, config = {}) {
      // No projectSettings: the project's `main` defaults to process.cwd() (the repository), where
      // the provider process finds @pulumi/pulumi and pulumi-ctyun. The work dir (Pulumi.yaml and
      // stack settings) is the suite's, not a fresh /tmp/automation-* nobody removes.
      const workDir = join(dir, "inline", `${projectName}-${stackName}`);
      mkdirSync(workDir, { recursive: true });
      const stack = await LocalWorkspace.createOrSelectStack({ projectName, stackName, program }, { ...workspaceOptions(), workDir });
      return configure(stack, config);
    },
    resources: () => control.resources(),
    catalogId: (kind, name) => control.catalogId(kind, REGION_ID, name),
    async startEmulator(name, seed) {
      const extra = await startEmulatorProcess({ profile: "fast", logFile: join(dir, `emulator-${safeName(name)}.log`), extraArgs: ["--seed", seed] });
      extraEmulators.push(extra);
      return { emulator: extra, control: new EmulatorControl(extra.url) };
    },
  };
  const extraEmulators: EmulatorProcess[] = [];

  const cleanup = async (): Promise<void> => {
    await Promise.all([emulator, ...extraEmulators].map((e) => e.stop()));
    if (process.env["CTYUN_E2E_KEEP"] === "1") process.stdout.write(`  [e2e] kept ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  };
  return { context, cleanup };
}

/**
 * Every file of the `file://` backend (checkpoints, backups, history), concatenated: what is really
 * stored, secrets encrypted. (`stack.exportStack()` runs `pulumi stack export --show-secrets`, so
 * its text holds every secret decrypted: useless for leak checks.)
 */
export function storedBackendText(stateDir: string): string {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [readFileSync(join(dir, entry.name), "utf8")]));
  return walk(stateDir).join("\n");
}

/** The stack's checkpoint as stored by the backend (secrets encrypted). */
export function storedCheckpoint(stateDir: string, project: string, stack: string): { resources: StateResource[] } {
  const file = join(stateDir, ".pulumi", "stacks", project, `${stack}.json`);
  const checkpoint = JSON.parse(readFileSync(file, "utf8")) as { checkpoint: { latest?: { resources?: StateResource[] } } };
  return { resources: (checkpoint.checkpoint.latest?.resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/")) };
}

/** The stack's checkpoint as JSON text (what `pulumi stack export --show-secrets` prints: secrets decrypted). */
export async function exportedState(stack: Stack): Promise<{ text: string; resources: StateResource[] }> {
  const deployment = await stack.exportStack();
  const resources = ((deployment.deployment as { resources?: StateResource[] }).resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
  return { text: JSON.stringify(deployment), resources };
}

export interface StateResource {
  readonly urn: string;
  readonly type: string;
  readonly id?: string;
  readonly inputs?: Record<string, unknown>;
  readonly outputs?: Record<string, unknown>;
  readonly initErrors?: string[];
}

/** The resource of `type` (e.g. "Vpc") and logical name in a checkpoint. */
export function stateResource(resources: readonly StateResource[], type: string, name: string): StateResource {
  const found = resources.find((r) => r.type === `pulumi-nodejs:dynamic/ctyun:${type}` && r.urn.endsWith(`::${name}`));
  if (!found) throw new Error(`no ${type} "${name}" in the stack's state (have: ${resources.map((r) => r.urn.split("::").slice(-2).join(" ")).join(", ")})`);
  return found;
}

/** Counts of an engine run's resource changes, e.g. {create: 3, same: 1}. */
export function changes(summary: { resourceChanges?: Record<string, number> }): Record<string, number> {
  return { ...(summary.resourceChanges ?? {}) };
}

/**
 * Runs the CLI itself (not through the Automation API) in a process group of its own, so a test
 * can kill the CLI with its language host and provider processes, as a crash or a killed CI job would.
 */
export function spawnPulumi(
  e2e: E2EContext,
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = e2e.env,
): { pid: number; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> } {
  const child = spawn(join(e2e.engine.binDir, "pulumi"), [...args], { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, output }));
  });
  if (child.pid === undefined) throw new Error("could not start pulumi");
  return { pid: child.pid, done };
}

/** `pid` and all its descendants (from /proc), parents first. Linux only. */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // The process ended meanwhile.
    }
  }
  const tree: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift() as number;
    tree.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return tree;
}

/** The command line of a process ("" once it is gone). */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return "";
  }
}

/** Polls `probe` every 100 ms until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The files in `dir` (none when it does not exist). */
export function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

// One table of every timed engine operation, after the whole run.
after(() => {
  if (timings.length === 0) return;
  const lines = timings.map((t) => `  ${t.suite.padEnd(28)} ${t.step.padEnd(44)} ${(t.ms / 1000).toFixed(1).padStart(6)}s`);
  const total = timings.reduce((sum, t) => sum + t.ms, 0);
  process.stdout.write(`\n  [e2e] engine operations (wall clock)\n${lines.join("\n")}\n  ${"total".padEnd(73)} ${(total / 1000).toFixed(1).padStart(6)}s\n`);
});

export type KillMode = "process tree" | "CLI process group";

/**
 * Starts `pulumi up` on `stack` and kills it as `mode` says once `ready()` holds. The whole process
 * tree is what a crashed machine or a killed CI job loses; only the CLI's process group is what a
 * closed terminal loses: the engine starts plugins in process groups of their own, so the language
 * host and the dynamic-provider process live on. Returns the processes still running.
 */
export async function killDuringUp(e2e: E2EContext, stack: Stack, mode: KillMode, ready: () => Promise<boolean>): Promise<{ survivors: number[] }> {
  // The stack's own environment over the suite's (a run may set its own, such as PULUMI_SKIP_CHECKPOINTS).
  const run = spawnPulumi(e2e, ["up", "--yes", "--skip-preview", "--non-interactive", "--stack", stack.name], stack.workspace.workDir, { ...e2e.env, ...stack.workspace.envVars });
  await eventually("the moment to kill pulumi up", async () => ((await ready()) ? true : undefined));
  const tree = processTree(run.pid);
  if (mode === "process tree") {
    for (const pid of tree) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  } else {
    process.kill(-run.pid, "SIGKILL");
  }
  const ended = await run.done;
  if (ended.signal !== "SIGKILL") throw new Error(`pulumi up ended by itself before the kill:\n${ended.output}`);
  const alive = () => tree.filter((pid) => commandLine(pid) !== "");
  // A killed process lingers a moment until the kernel reaps it: give the whole-tree kill that moment.
  if (mode === "process tree") await eventually("the killed processes to go", async () => (alive().length === 0 ? true : undefined), 5_000).catch(() => undefined);
  return { survivors: alive() };
}

/** True once `operation` is in the emulator's request log. */
export async function seen(e2e: E2EContext, ...operations: string[]): Promise<boolean> {
  const log = new Set((await e2e.control.requests()).map((r) => r.operation));
  return operations.every((operation) => log.has(operation));
}

/** Waits until the emulator has had no request for `quietMs` (an orphaned provider finished). */
export async function quiet(e2e: E2EContext, quietMs = 3_000): Promise<void> {
  let last = -1;
  let since = Date.now();
  await eventually("the API to fall silent", async () => {
    const count = (await e2e.control.requests()).length;
    if (count !== last) [last, since] = [count, Date.now()];
    return Date.now() - since > quietMs ? true : undefined;
  });
}

/** The engine's pending operations: [type, logical name]. */
export async function pendingOperations(stack: Stack): Promise<Array<[string, string | undefined]>> {
  const deployment = (await stack.exportStack()).deployment as { pending_operations?: Array<{ type: string; resource: { urn: string } }> };
  return (deployment.pending_operations ?? []).map((op) => [op.type, op.resource.urn.split("::").pop()]);
}

/**
 * The README's recovery after a killed `pulumi up`: `pulumi cancel` (the dead run's lock),
 * `pulumi refresh --clear-pending-creates`, `pulumi up`, after removing a torn checkpoint sidecar.
 * Returns the rerun's resource changes and how many sidecars were torn.
 */
export async function recoverAfterKill(e2e: E2EContext, stack: Stack, suite: string): Promise<{ changes: Record<string, number>; tornSidecars: number }> {
  const tornSidecars = removeTornSidecars(e2e.stateDir).length;
  await assertRejectsLocked(stack);
  await timed(suite, "cancel (stale lock)", () => stack.cancel());
  const refresh = await timed(suite, "refresh --clear-pending-creates", () => stack.refresh({ clearPendingCreates: true }));
  if (refresh.summary.result !== "succeeded") throw new Error(`refresh ${refresh.summary.result}`);
  if ((await pendingOperations(stack)).length > 0) throw new Error("pending operations left after refresh --clear-pending-creates");
  const up = await timed(suite, "up (rerun)", () => stack.up());
  return { changes: changes(up.summary), tornSidecars };
}

/**
 * The file backend writes a checkpoint atomically (a temporary file renamed over the old one), but
 * the metadata sidecar `<file>.attrs` is truncated and rewritten in place just before that rename.
 * A kill in between leaves an empty sidecar and Pulumi refuses the stack ("failed to load
 * checkpoint: EOF") although the checkpoint itself is whole. The sidecar holds only content type
 * and checksum, and the backend reads a missing one as defaults, so the README's recovery starts by
 * deleting a sidecar that is not JSON. Returns the sidecars removed.
 */
export function removeTornSidecars(stateDir: string): string[] {
  const removed: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith(".attrs") && !isJson(readFileSync(path, "utf8"))) {
        rmSync(path);
        removed.push(path);
      }
    }
  };
  const root = join(stateDir, ".pulumi");
  if (existsSync(root)) visit(root);
  return removed;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

async function assertRejectsLocked(stack: Stack): Promise<void> {
  try {
    await stack.refresh();
  } catch (error) {
    if (/the stack is currently locked/.test(String(error))) return;
    throw error;
  }
  throw new Error("the killed run left no lock behind");
}

/** Runs `task` over `items`, at most `limit` at a time; results in the items' order. */
export async function pool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
