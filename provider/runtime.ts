/**
 * `pulumi-ctyun/runtime`: the entry every serialized provider shim requires by package name.
 *
 * COMPATIBILITY CONTRACT: resources created by any released version call
 * `dispatch(kind, method, args, config)` with these meanings. Keep the signature, the kind names and
 * the method names working forever; add, never rename.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { systemDeps, type RuntimeDeps } from "./client/deps";
import { setProcessDeps } from "./client/process-deps";
import type { StackConfig } from "./config";
import { clearCatalogCache } from "./lifecycle/catalog-cache";
import { resetClients, type RuntimeOptions } from "./lifecycle/context";
import { setJournalDirectory } from "./lifecycle/journal";
import { Lifecycle } from "./lifecycle/lifecycle";
import type { AnyResourceSpec } from "./lifecycle/spec";

/** `SecurityGroupRule` → `security-group-rule`: where a kind's spec lives (`provider/specs/<file>.ts`). */
export function specFileOf(kind: string): string {
  return kind.replace(/(?<=[a-z0-9])([A-Z])/g, "-$1").toLowerCase();
}

/** The spec of a kind, from `./specs/<kebab-case kind>`, loaded on first use. */
function loadSpec(kind: string): AnyResourceSpec | undefined {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(kind)) return undefined;
  let module: Record<string, unknown>;
  try {
    module = require(`./specs/${specFileOf(kind)}`) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const defined = Object.values(module).find((value): value is { type: string; erased: AnyResourceSpec } => {
    return typeof value === "object" && value !== null && (value as { type?: unknown }).type === kind && "erased" in value;
  });
  return defined?.erased;
}

export type LifecycleMethod = "check" | "diff" | "create" | "read" | "update" | "delete";

const DEFAULT_RUNTIME: RuntimeOptions = {
  deps: systemDeps,
  pollMinDelayMs: 1_000,
  pollMaxDelayMs: 10_000,
  log: (line) => process.stderr.write(`${line}\n`),
};

let runtime: RuntimeOptions = DEFAULT_RUNTIME;
const lifecycles = new Map<string, Lifecycle>();

function lifecycleFor(kind: string): Lifecycle {
  let lifecycle = lifecycles.get(kind);
  if (!lifecycle) {
    const spec = loadSpec(kind);
    if (!spec) throw new Error(`pulumi-ctyun: unknown resource kind "${kind}"; is the installed pulumi-ctyun older than the one that created it?`);
    lifecycle = new Lifecycle(spec, runtime);
    lifecycles.set(kind, lifecycle);
  }
  return lifecycle;
}

export async function dispatch(kind: string, method: LifecycleMethod, args: unknown[], config?: StackConfig): Promise<unknown> {
  try {
    return forEngine(await call(kind, method, args, config));
  } catch (error) {
    // A partial create's properties reach the engine the same way (ErrorResourceInitFailed).
    if (error && typeof error === "object" && "properties" in error) Object.assign(error, { properties: forEngine(error.properties) });
    throw error;
  }
}

/**
 * The dynamic-provider server converts results with protobuf `Struct.fromJavaScript`, which throws
 * "Unexpected struct type." on `undefined` (an optional output that is unset): such object entries
 * are dropped (as in JSON), array items become null.
 */
function forEngine(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : forEngine(item)));
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = forEngine(item);
  return out;
}

async function call(kind: string, method: LifecycleMethod, args: unknown[], config?: StackConfig): Promise<unknown> {
  const lifecycle = lifecycleFor(kind);
  const a = args as [never, never, never];
  switch (method) {
    case "check":
      return lifecycle.check(a[0], a[1], config);
    case "diff":
      return lifecycle.diff(a[0], a[1], a[2]);
    case "create":
      return lifecycle.create(a[0], config);
    case "read":
      return lifecycle.read(a[0], a[1], config);
    case "update":
      return lifecycle.update(a[0], a[1], a[2], config);
    case "delete":
      return lifecycle.delete(a[0], a[1], config);
    default:
      throw new Error(`pulumi-ctyun: unknown lifecycle method "${String(method)}"`);
  }
}

/** The resource kinds this version knows. */
export function kinds(): string[] {
  const pascal = (file: string): string => file.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase());
  return readdirSync(join(__dirname, "specs"))
    .filter((file) => /\.(js|ts)$/.test(file) && !file.endsWith(".d.ts"))
    .map((file) => pascal(file.replace(/\.(js|ts)$/, "")))
    .filter((kind) => loadSpec(kind) !== undefined)
    .sort();
}

/**
 * @internal For tests: virtual time and fast polling for every provider in this process, a journal
 * directory of their own, and captured progress lines. `undefined` restores the defaults.
 */
export function configureRuntime(options: { deps?: Partial<RuntimeDeps>; pollMinDelayMs?: number; pollMaxDelayMs?: number; log?: (line: string) => void; journalDir?: string } | undefined): void {
  runtime = options
    ? {
        deps: { ...systemDeps, ...options.deps },
        pollMinDelayMs: options.pollMinDelayMs ?? DEFAULT_RUNTIME.pollMinDelayMs,
        pollMaxDelayMs: options.pollMaxDelayMs ?? DEFAULT_RUNTIME.pollMaxDelayMs,
        log: options.log ?? DEFAULT_RUNTIME.log,
      }
    : DEFAULT_RUNTIME;
  setJournalDirectory(options?.journalDir);
  setProcessDeps(options ? runtime.deps : undefined);
  lifecycles.clear();
  resetClients();
  clearCatalogCache();
}
