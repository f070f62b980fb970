/**
 * What the reliability suites (fault matrix, random kills) measured, as JSON in
 * `artifacts/reliability/<suite>.json`, and the markdown table the README shows
 * (`npm run reliability:table` renders it from the last run's files into README.md).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../tools/demo/engine";

export const REPORT_DIR = join(REPO_ROOT, "artifacts", "reliability");

/** One row: one scenario run against its own emulator. */
export interface ReportRow {
  /** "quickstart", "web-tier". */
  readonly example: string;
  /** The profile or kill run, e.g. "throttle", "kill 3 (whole tree, after 42 calls)". */
  readonly scenario: string;
  /** What was injected, in words. */
  readonly injected: string;
  /** The seed of the emulator's ids and fault draws. */
  readonly seed: string;
  /** Engine operations run: "2 up, 1 destroy". */
  readonly runs: string;
  /** Faults that fired, by kind (request-log faults, plus failed orders, jobs and boots). */
  readonly faults: Readonly<Record<string, number>>;
  /** Records beyond the declared ones after the converged up. */
  readonly duplicates: number;
  /** Records left after destroy. */
  readonly orphans: number;
  /** "converged", "n/a: …", or "FAILED: …". */
  readonly result: string;
  readonly seconds: number;
  /** The error each injected cloud failure produced: "Eip quickstart: order … ended in status 5 …". */
  readonly errors?: Readonly<Record<string, string>>;
}

export interface SuiteReport {
  readonly suite: "fault-matrix" | "random-kills";
  readonly generatedAt: string;
  readonly rows: readonly ReportRow[];
}

export function writeReport(report: SuiteReport): string {
  mkdirSync(REPORT_DIR, { recursive: true });
  const file = join(REPORT_DIR, `${report.suite}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
  return file;
}

export function readReport(suite: SuiteReport["suite"]): SuiteReport | undefined {
  const file = join(REPORT_DIR, `${suite}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as SuiteReport) : undefined;
}

function faultText(faults: Readonly<Record<string, number>>): string {
  const parts = Object.entries(faults)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`);
  return parts.length > 0 ? parts.join(", ") : "none";
}

/** The markdown table of one suite's rows. */
export function renderTable(report: SuiteReport): string {
  const lines = [
    "| Example | Scenario | Injected | Runs | Faults that fired | Duplicates | Orphans | Result |",
    "|---|---|---|---|---|---|---|---|",
    ...report.rows.map((row) =>
      `| ${row.example} | ${row.scenario} | ${row.injected} | ${row.runs} | ${faultText(row.faults)} | ${row.duplicates} | ${row.orphans} | ${row.result} (${Math.round(row.seconds)} s) |`.replace(/\n/g, " "),
    ),
  ];
  return lines.join("\n");
}

export const TABLE_START = (suite: SuiteReport["suite"]) => `<!-- reliability:${suite}:start -->`;
export const TABLE_END = (suite: SuiteReport["suite"]) => `<!-- reliability:${suite}:end -->`;

/** The README text with one suite's table replaced (between its markers). */
export function withTable(readme: string, report: SuiteReport): string {
  const start = readme.indexOf(TABLE_START(report.suite));
  const end = readme.indexOf(TABLE_END(report.suite));
  if (start < 0 || end < start) throw new Error(`README.md has no ${TABLE_START(report.suite)} … ${TABLE_END(report.suite)} markers`);
  const body = `${TABLE_START(report.suite)}\n${renderTable(report)}\n\n_Run of ${report.generatedAt.slice(0, 10)}; seeds in \`artifacts/reliability/${report.suite}.json\`._\n`;
  return readme.slice(0, start) + body + readme.slice(end);
}

/** The table rows between one suite's markers in the README: [example, scenario] pairs. */
export function tableScenarios(readme: string, suite: SuiteReport["suite"]): Array<[string, string]> {
  const start = readme.indexOf(TABLE_START(suite));
  const end = readme.indexOf(TABLE_END(suite));
  if (start < 0 || end < start) return [];
  return readme
    .slice(start, end)
    .split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| Example") && !line.startsWith("|---"))
    .map((line) => {
      const cells = line.split("|").map((cell) => cell.trim());
      return [cells[1] ?? "", cells[2] ?? ""];
    });
}
