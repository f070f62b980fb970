/**
 * Installs what the official-client conformance run needs, under `.tools/conformance/` (gitignored):
 * a Python venv with CTyun's Python SDK v2 packages from PyPI (pinned in python/requirements.txt), and
 * the Go scenario program built against CTyun's Go SDK modules from the Go module proxy.
 *
 * ctecs v1.0.8 does not compile as published: query_snapshot_statistics.go and
 * ecs_snapshot_statistics.go both declare EcsSnapshotStatisticsApi and its types (v1.0.7, the last
 * version before, is no longer served by the proxy). The build copies the module from the module
 * cache into `.tools/conformance/go/ctecs-v1.0.8-patched`, deletes query_snapshot_statistics.go (the
 * one-file patch; no operation we drive lives in it) and points a `replace` directive at the copy in
 * the build's own go.mod. Nothing of theirs is committed.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, chmodSync, statSync } from "node:fs";
import { join } from "node:path";

export const REPO_ROOT = join(__dirname, "..", "..");
export const TOOLS_DIR = join(REPO_ROOT, ".tools", "conformance");
const PYTHON_SOURCES = join(__dirname, "python");
const GO_SOURCES = join(__dirname, "go");
const CTECS_MODULE = "github.com/ctyun-it/ctyun-sdk-go/ctyun-sdk-endpoint/ctecs";
/** The file removed from ctecs v1.0.8 (see the header). */
export const CTECS_DUPLICATE_FILE = "query_snapshot_statistics.go";

function run(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  return execFileSync(command, args, { cwd: options.cwd, env: options.env ?? process.env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
}

function digest(paths: readonly string[]): string {
  const hash = createHash("sha256");
  for (const path of paths) hash.update(path).update(readFileSync(path));
  return hash.digest("hex");
}

function upToDate(stampFile: string, stamp: string): boolean {
  return existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp;
}

/** The venv's python, with the five SDK packages installed exactly as pinned. */
export function ensurePythonSdks(): string {
  const venv = join(TOOLS_DIR, "venv");
  const python = join(venv, "bin", "python");
  const requirements = join(PYTHON_SOURCES, "requirements.txt");
  const stampFile = join(venv, ".requirements-digest");
  const stamp = digest([requirements]);
  if (existsSync(python) && upToDate(stampFile, stamp)) return python;
  rmSync(venv, { recursive: true, force: true });
  mkdirSync(TOOLS_DIR, { recursive: true });
  run("python3", ["-m", "venv", venv]);
  run(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "-r", requirements]);
  writeFileSync(stampFile, stamp);
  return python;
}

/** The built Go scenario program. */
export function ensureGoProgram(): string {
  const buildDir = join(TOOLS_DIR, "go");
  const binary = join(buildDir, "conformance");
  const sources = readdirSync(GO_SOURCES)
    .filter((name) => name.endsWith(".go") || name === "go.mod" || name === "go.sum")
    .sort();
  const stampFile = join(buildDir, ".sources-digest");
  const stamp = digest([...sources.map((name) => join(GO_SOURCES, name)), __filename]);
  if (existsSync(binary) && upToDate(stampFile, stamp)) return binary;
  rmSync(buildDir, { recursive: true, force: true });
  mkdirSync(buildDir, { recursive: true });
  for (const name of sources) cpSync(join(GO_SOURCES, name), join(buildDir, name));
  const env = { ...process.env, GOFLAGS: "-mod=mod", GOTOOLCHAIN: "local" };
  run("go", ["mod", "download", "all"], { cwd: buildDir, env });
  const moduleDir = run("go", ["list", "-m", "-f", "{{.Dir}}", CTECS_MODULE], { cwd: buildDir, env }).trim();
  const patched = join(buildDir, "ctecs-v1.0.8-patched");
  cpSync(moduleDir, patched, { recursive: true });
  makeWritable(patched);
  rmSync(join(patched, CTECS_DUPLICATE_FILE));
  run("go", ["mod", "edit", `-replace=${CTECS_MODULE}=./ctecs-v1.0.8-patched`], { cwd: buildDir, env });
  run("go", ["build", "-o", binary, "."], { cwd: buildDir, env });
  writeFileSync(stampFile, stamp);
  return binary;
}

/** The module cache is read-only; the copy must be writable to delete a file and to clean up later. */
function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) makeWritable(path);
    else chmodSync(path, 0o644);
  }
}
