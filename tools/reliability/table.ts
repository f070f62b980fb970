/**
 * Puts the reliability tables of the last e2e run into README.md's "Reliability" section:
 * `npm run reliability:table` after `npm run test:e2e` (or after test/e2e/fault-matrix.spec.ts and
 * test/e2e/random-kills.spec.ts alone). The suites write artifacts/reliability/<suite>.json; a
 * suite with no file keeps the table the README has.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readReport, withTable, type SuiteReport } from "../../test/e2e/reliability-report";
import { REPO_ROOT } from "../demo/engine";

const README = join(REPO_ROOT, "README.md");
let text = readFileSync(README, "utf8");
for (const suite of ["fault-matrix", "random-kills"] as const satisfies ReadonlyArray<SuiteReport["suite"]>) {
  const report = readReport(suite);
  if (!report) {
    process.stdout.write(`${suite}: no artifacts/reliability/${suite}.json (run its e2e suite first); table left as it is\n`);
    continue;
  }
  text = withTable(text, report);
  const failed = report.rows.filter((row) => row.result.startsWith("FAILED")).length;
  process.stdout.write(`${suite}: ${report.rows.length} rows of ${report.generatedAt}${failed > 0 ? `, ${failed} FAILED` : ""}\n`);
}
writeFileSync(README, text);
