/**
 * CTyun's own clients as conformance suites: the official Python SDK v2 packages (PyPI) and Go SDK
 * modules (Go module proxy), unmodified, drive every emulated operation they have through our scenario
 * programs (python/scenarios.py, go/*.go) against an emulator on an ephemeral port. Every call must get
 * the expected envelope and (Python) an answer that carries every field the SDK's response model
 * declares, with the declared JSON type; Go decodes into its typed structs. The per-operation outcome
 * must equal the table in emulator/COVERAGE.md (regenerate it with CONFORMANCE_WRITE_TABLE=1).
 *
 * Installs into .tools/conformance on first run (venv + pip, go mod download + build); later runs
 * reuse it. Set CTYUN_CONFORMANCE=skip to skip where there is no Python/Go or registry access.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY, startEmulator, type RunningEmulator } from "../../emulator/index";
import { REGION_HUADONG1 } from "../helpers/emulator";
import { parseResults, renderTable, summarize, tableIn, withTable, type CallResult } from "./results";
import { ensureGoProgram, ensurePythonSdks, REPO_ROOT, TOOLS_DIR } from "./toolchain";

const run = promisify(execFile);
const COVERAGE = join(REPO_ROOT, "emulator", "COVERAGE.md");
/**
 * Both SDKs sign with the host's local clock plus a literal Z (Python `datetime.now()`, Go
 * `time.Now()`); the gateway, and the emulator, want Beijing time: run them as on a host in China.
 */
const SDK_ENV = { ...process.env, TZ: "Asia/Shanghai" };

(process.env["CTYUN_CONFORMANCE"] === "skip" ? describe.skip : describe)("conformance: CTyun's official SDKs against the emulator", function () {
  this.timeout(15 * 60_000);
  let emulator: RunningEmulator;
  const results: CallResult[] = [];
  const failures = (client: string): string[] =>
    results.filter((r) => r.client === client && !r.ok).map((r) => `${r.scenario} ${r.function ?? ""} ${r.note ?? ""}: ${r.problems.join("; ")}`);

  before(async () => {
    mkdirSync(TOOLS_DIR, { recursive: true });
    // The SDKs sign with the real clock (local time with a literal Z, SDK_ENV), so real time here;
    // undocumented error codes are drawn from their sets, as by default.
    emulator = await startEmulator({ port: 0, profile: "fast" });
  });
  after(() => emulator?.close());

  it("CTyun's Python SDK v2 drives every operation it has, unchanged, and parses every answer", async () => {
    const python = ensurePythonSdks();
    const out = join(TOOLS_DIR, "python-results.jsonl");
    await run(python, [join(__dirname, "python", "scenarios.py"), emulator.url, DEMO_ACCESS_KEY, DEMO_SECRET_KEY, REGION_HUADONG1, out], { cwd: join(__dirname, "python"), env: SDK_ENV }).catch((error: Error) => error);
    results.push(...parseResults(readFileSync(out, "utf8")));
    assert.ok(results.filter((r) => r.client === "python-sdk").length > 100, "the scenarios ran");
    assert.deepEqual(failures("python-sdk"), []);
  });

  it("CTyun's Go SDK (ctvpc, ctecs, ctebs, ctimage) drives every operation it has for these services", async () => {
    const binary = ensureGoProgram();
    const out = join(TOOLS_DIR, "go-results.jsonl");
    await run(binary, [new URL(emulator.url).host, DEMO_ACCESS_KEY, DEMO_SECRET_KEY, REGION_HUADONG1, out], { env: SDK_ENV }).catch((error: Error) => error);
    results.push(...parseResults(readFileSync(out, "utf8")));
    assert.ok(results.filter((r) => r.client === "go-sdk").length > 100, "the scenarios ran");
    assert.deepEqual(failures("go-sdk"), []);
  });

  it("matches the per-operation table in emulator/COVERAGE.md", () => {
    const table = renderTable(summarize(emulator.app.routes(), results));
    writeFileSync(join(TOOLS_DIR, "official-clients-table.md"), table + "\n");
    const coverage = readFileSync(COVERAGE, "utf8");
    if (process.env["CONFORMANCE_WRITE_TABLE"] === "1") writeFileSync(COVERAGE, withTable(coverage, table));
    else assert.equal(tableIn(coverage), table, "COVERAGE.md is stale: rerun with CONFORMANCE_WRITE_TABLE=1");
  });
});
