/**
 * The emulator's shape, checked on its sources: services use each other only by name
 * (`ctx.backend(...)`), importing at most another service's records.ts; each service's store kinds
 * are its own; no import circles; no source file over 300 lines. Each rule is also run on a probe
 * that breaks it, so the scans can fail.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const EMULATOR = resolve(__dirname, "..", "..", "emulator");
const SERVICES = join(EMULATOR, "services");
/** Kept only for an import outside the emulator's side of the project (see the file). */
const MAX_LINES = 300;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    // The package's build output and dependencies are not its sources.
    if (name === "dist" || name === "node_modules") return [];
    return statSync(path).isDirectory() ? tsFiles(path) : name.endsWith(".ts") ? [path] : [];
  });
}

/** Resolved relative imports and re-exports (type-only ones included) of one source. */
function importsOf(file: string, source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/\b(?:from|import)\s+["'](\.[^"']*)["']/g)) {
    const target = resolve(dirname(file), match[1]!);
    found.push(target.endsWith(".ts") ? target : statSafe(target + ".ts") ? target + ".ts" : join(target, "index.ts"));
  }
  return found;
}

function statSafe(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The service folder a file belongs to (`vpc`, `shared`, …), or undefined outside services/<name>/. */
function serviceOf(file: string): string | undefined {
  const rel = relative(SERVICES, file);
  const parts = rel.split(sep);
  return !rel.startsWith("..") && parts.length > 1 ? parts[0] : undefined;
}

/** Imports from one service folder into another that are not the other's records.ts. */
function crossServiceImports(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const bad: string[] = [];
  for (const [file, targets] of graph) {
    const own = serviceOf(file);
    if (own === undefined) continue;
    for (const target of targets) {
      const other = serviceOf(target);
      if (other === undefined || other === own || (own !== "shared" && other === "shared")) continue;
      if (own === "shared" || !target.endsWith(`${sep}records.ts`)) bad.push(`${relative(EMULATOR, file)} → ${relative(EMULATOR, target)}`);
    }
  }
  return bad;
}

/** Every import circle, as the files on it. */
function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (file: string): void => {
    state.set(file, "open");
    path.push(file);
    for (const target of graph.get(file) ?? []) {
      if (state.get(target) === "open") found.push(path.slice(path.indexOf(target)).map((f) => relative(EMULATOR, f)));
      else if (!state.has(target)) visit(target);
    }
    path.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

/** `collection(...)` calls whose kind is not a constant of the file's own service records.ts. */
function foreignKinds(file: string, source: string, ownKinds: ReadonlySet<string>): string[] {
  const bad: string[] = [];
  for (const match of source.matchAll(/\.collection(?:<[^>]*>)?\(([^)]*)\)/g)) {
    const kind = match[1]!.trim();
    if (!ownKinds.has(kind)) bad.push(`${relative(EMULATOR, file)}: collection(${kind})`);
  }
  return bad;
}

function kindsOf(service: string): Set<string> {
  const records = join(SERVICES, service, "records.ts");
  if (!statSafe(records)) return new Set();
  return new Set([...readFileSync(records, "utf8").matchAll(/export const (\w+_KIND) = /g)].map((m) => m[1]!));
}

describe("emulator architecture", () => {
  const files = tsFiles(EMULATOR);
  const graph = new Map(files.map((file) => [file, importsOf(file, readFileSync(file, "utf8"))]));

  it("services import another service's records.ts at most (they call each other through ctx.backend)", () => {
    assert.ok([...graph.keys()].filter((f) => serviceOf(f) !== undefined).length > 40, "the scan sees the services");
    assert.deepEqual(crossServiceImports(graph), []);
    const probe = new Map([[join(SERVICES, "ecs", "x.ts"), [join(SERVICES, "ebs", "backend.ts"), join(SERVICES, "ebs", "records.ts")]]]);
    assert.deepEqual(crossServiceImports(probe), [`services${sep}ecs${sep}x.ts → services${sep}ebs${sep}backend.ts`]);
  });

  it("has no import circles", () => {
    assert.deepEqual(circles(graph), []);
    const a = join(EMULATOR, "a.ts");
    const b = join(EMULATOR, "b.ts");
    assert.deepEqual(circles(new Map([[a, [b]], [b, [a]]])), [["a.ts", "b.ts"]]);
  });

  it("lets each service store only the record kinds its own records.ts declares", () => {
    const bad: string[] = [];
    for (const file of files) {
      const service = serviceOf(file);
      if (service === undefined) continue;
      bad.push(...foreignKinds(file, readFileSync(file, "utf8"), kindsOf(service)));
    }
    assert.deepEqual(bad, []);
    assert.deepEqual(foreignKinds(join(SERVICES, "vpc", "x.ts"), 'ctx.store.collection<Rule>("securityGroupRule")', kindsOf("vpc")), [`services${sep}vpc${sep}x.ts: collection("securityGroupRule")`]);
  });

  it(`keeps every source file at ${MAX_LINES} lines or fewer`, () => {
    const long = files.map((file) => [relative(EMULATOR, file), readFileSync(file, "utf8").split("\n").length - 1] as const).filter(([, lines]) => lines > MAX_LINES);
    assert.deepEqual(long, []);
  });
});
