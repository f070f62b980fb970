/**
 * The CTyun emulator as a separate process (the `ctyun-emulator` CLI from `emulator/dist/cli.js`, the ctyun-emulator workspace package),
 * as the demo runs it in the background and the end-to-end tests per suite, plus a small client for
 * its control plane (`/_emulator/*`). The Pulumi dynamic-provider process reaches it over HTTP
 * through `ctyun:endpoint`, exactly like it would reach the real cloud.
 */
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "./engine";

export const EMULATOR_CLI = join(REPO_ROOT, "emulator", "dist", "cli.js");

/**
 * Record kinds that are the emulator's own catalog and settings, not resources anybody created:
 * every kind a fresh emulator seeds (test/unit/emulator-control.spec.ts checks that).
 */
export const CATALOG_KINDS: ReadonlySet<string> = new Set(["region", "flavor", "image", "zosService", "hostPool"]);

export interface EmulatorProcessOptions {
  /** Persistent state in `DIR/ctyun-emulator.db`; omitted = in memory. */
  readonly dataDir?: string;
  readonly profile: "fast" | "realistic";
  /** 0 (default) = an ephemeral port. */
  readonly port?: number;
  /** stdout and stderr of the emulator go here (appended). */
  readonly logFile: string;
  /** Survive the parent (the demo); else the emulator dies with its parent's process group. */
  readonly detached?: boolean;
  readonly extraArgs?: readonly string[];
  /** How long to wait for "listening on …" (default 30 s). */
  readonly startTimeoutMs?: number;
}

export interface EmulatorProcess {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

/**
 * Starts the emulator CLI and resolves once it prints `listening on http://HOST:PORT` (read from its
 * log file, so a detached emulator works the same way). Rejects with the log's tail if it exits.
 */
export async function startEmulatorProcess(options: EmulatorProcessOptions): Promise<EmulatorProcess> {
  if (!existsSync(EMULATOR_CLI)) throw new Error(`${EMULATOR_CLI} is missing: run \`npm run build\` (or \`npm install\`) first`);
  mkdirSync(dirname(options.logFile), { recursive: true });
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const args = [
    EMULATOR_CLI,
    "--port",
    String(options.port ?? 0),
    "--profile",
    options.profile,
    ...(options.dataDir ? ["--data-dir", options.dataDir] : ["--in-memory"]),
    ...(options.extraArgs ?? []),
  ];
  const start = readLength(options.logFile);
  const fd = openSync(options.logFile, "a");
  let exited: number | null | undefined;
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, detached: options.detached ?? false, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  child.on("exit", (code) => (exited = code));
  if (options.detached) child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new Error("could not start the emulator process");
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  for (;;) {
    const match = /listening on (http:\/\/\S+)/.exec(readFrom(options.logFile, start));
    if (match?.[1]) {
      const url = match[1];
      return { url, pid, stop: () => stopProcess(pid) };
    }
    if (exited !== undefined) throw new Error(`the emulator exited (code ${exited}) before listening:\n${tail(options.logFile)}`);
    if (Date.now() > deadline) {
      await stopProcess(pid);
      throw new Error(`the emulator did not start within ${(options.startTimeoutMs ?? 30_000) / 1000}s:\n${tail(options.logFile)}`);
    }
    await sleep(50);
  }
}

function readLength(file: string): number {
  try {
    return readFileSync(file).length;
  } catch {
    return 0;
  }
}

function readFrom(file: string, offset: number): string {
  try {
    return readFileSync(file).subarray(offset).toString("utf8");
  } catch {
    return "";
  }
}

/** SIGTERM (the emulator closes its database cleanly), then SIGKILL after `graceMs`. */
export async function stopProcess(pid: number, graceMs = 10_000): Promise<void> {
  if (!processAlive(pid)) return;
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (processAlive(pid)) {
    if (Date.now() > deadline) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Already gone.
      }
      return;
    }
    await sleep(50);
  }
}

// ---------------------------------------------------------------------------------------------
// Control plane

export interface TimingSpec {
  readonly mode: "immediate" | "polls" | "delay" | "fail";
  readonly count?: number;
  readonly ms?: number;
  readonly times?: number;
  readonly polls?: number;
  readonly reason?: string;
}

export interface StoredRecord<T = Record<string, unknown>> {
  readonly kind: string;
  readonly id: string;
  readonly region: string;
  readonly data: T;
}

export interface EmulatorStateDump {
  readonly resources: Record<string, StoredRecord[]>;
  readonly orders: unknown[];
  readonly jobs: unknown[];
  readonly pending: unknown[];
  readonly actionErrors: unknown[];
}

export interface RequestRecord {
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  readonly operation: string;
  readonly status: number;
  readonly statusCode: number | null;
  readonly errorCode: string | null;
  readonly fault: string | null;
}

export interface FaultRule {
  readonly path: string;
  readonly method?: string;
  readonly kind: "throttle" | "http" | "reset" | "delay" | "commit-then-drop";
  readonly ms?: number;
  readonly times?: number;
  /** Fire on this share of matching calls (drawn from the emulator's seeded random source). */
  readonly probability?: number;
  readonly retryAfterSeconds?: number;
  readonly status?: number;
  readonly errorCode?: string;
}

/** A typed client for `/_emulator/*` (no signature: the control plane is for tests and demos). */
export class EmulatorControl {
  constructor(readonly url: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/_emulator${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`emulator control ${method} ${path}: HTTP ${response.status} ${text}`);
    return (text === "" ? undefined : JSON.parse(text)) as T;
  }

  async healthy(): Promise<boolean> {
    try {
      return (await this.call<{ ok: boolean }>("GET", "/health")).ok === true;
    } catch {
      return false;
    }
  }

  state(): Promise<EmulatorStateDump> {
    return this.call("GET", "/state");
  }

  /** Every stored record that is not catalog data, by kind (kinds with none are left out). */
  async resources(): Promise<Record<string, StoredRecord[]>> {
    const state = await this.state();
    const out: Record<string, StoredRecord[]> = {};
    for (const [kind, records] of Object.entries(state.resources)) {
      if (!CATALOG_KINDS.has(kind) && records.length > 0) out[kind] = records;
    }
    return out;
  }

  async requests(): Promise<RequestRecord[]> {
    return (await this.call<{ requests: RequestRecord[] }>("GET", "/requests")).requests;
  }

  async counts(): Promise<Record<string, number>> {
    return (await this.call<{ counts: Record<string, number> }>("GET", "/requests/counts")).counts;
  }

  async clearRequests(): Promise<void> {
    await this.call("DELETE", "/requests");
  }

  async setTiming(kind: string, spec: TimingSpec): Promise<void> {
    await this.call("PUT", `/transitions/${encodeURIComponent(kind)}`, spec);
  }

  /** The timing `kind` follows now (a `fail` with `times` reverts once its failures are used up). */
  async timing(kind: string): Promise<TimingSpec | undefined> {
    return (await this.call<{ kinds: Record<string, TimingSpec> }>("GET", "/transitions")).kinds[kind];
  }

  async setProfile(profile: "fast" | "realistic"): Promise<void> {
    await this.call("PUT", "/transitions", { profile });
  }

  async addFault(rule: FaultRule): Promise<string> {
    return (await this.call<{ id: string }>("POST", "/faults", rule)).id;
  }

  async clearFaults(): Promise<void> {
    await this.call("DELETE", "/faults");
  }

  async resource<T = Record<string, unknown>>(kind: string, id: string): Promise<StoredRecord<T> | undefined> {
    const response = await fetch(`${this.url}/_emulator/resources/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`);
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`emulator control GET resource ${kind}/${id}: HTTP ${response.status}`);
    return (await response.json()) as StoredRecord<T>;
  }

  /**
   * The id of a catalog entry by name: a flavor (`flavorName`, e.g. "s7.medium.2") or an image
   * (`imageName`, e.g. "Ubuntu Server 22.04 64位") of a region.
   */
  async catalogId(kind: "flavor" | "image", regionId: string, name: string): Promise<string> {
    const field = kind === "flavor" ? "flavorName" : "imageName";
    const records = (await this.state()).resources[kind] ?? [];
    const found = records.find((record) => record.region === regionId && record.data[field] === name);
    if (!found) throw new Error(`the emulator has no ${kind} "${name}" in region ${regionId}`);
    return found.id;
  }

  /** Changes a stored record behind the provider's back (drift). */
  async patchResource(kind: string, id: string, patch: Readonly<Record<string, unknown>>): Promise<void> {
    await this.call("PATCH", `/resources/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`, patch);
  }

  async deleteResource(kind: string, id: string): Promise<void> {
    await this.call("DELETE", `/resources/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`);
  }
}

/** "vpc 1, subnet 2" for messages; "nothing" when empty. */
export function describeResources(resources: Record<string, StoredRecord[]>): string {
  const parts = Object.entries(resources).map(([kind, records]) => `${kind} ${records.length}`);
  return parts.length > 0 ? parts.join(", ") : "nothing";
}
