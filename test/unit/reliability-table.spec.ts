/**
 * The README's reliability tables come from the e2e suites (`npm run reliability:table`): they must
 * list every cell of the fault matrix and every kill, so a profile added without a rerun shows here.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROFILE_NAMES } from "../e2e/fault-profiles";
import { renderTable, tableScenarios, withTable, type SuiteReport } from "../e2e/reliability-report";

const README = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");

describe("README reliability tables", () => {
  it("list every fault-matrix cell: both examples under each profile", () => {
    const rows = tableScenarios(README, "fault-matrix");
    const expected = ["quickstart", "web-tier"].flatMap((example) => PROFILE_NAMES.map((profile) => [example, profile]));
    assert.deepEqual(rows, expected);
  });

  it("list the calibration run and fourteen kills (the last four with the checkpoint at the end only), none failed", () => {
    const rows = tableScenarios(README, "random-kills");
    assert.deepEqual(rows.map(([, scenario]) => scenario), ["no kill (calibration)", ...Array.from({ length: 14 }, (_, i) => `kill ${i + 1}`)]);
    assert.equal(README.split("\n").filter((line) => /^\| quickstart \| kill 1[1-4] \|.*PULUMI_SKIP_CHECKPOINTS/.test(line)).length, 4);
    assert.doesNotMatch(README, /\| FAILED/);
  });

  it("renders a report between its markers, replacing the previous table", () => {
    const report: SuiteReport = {
      suite: "random-kills",
      generatedAt: "2025-01-02T03:04:05.000Z",
      rows: [{ example: "quickstart", scenario: "kill 1", injected: "SIGKILL", seed: "s:1", runs: "1 up", faults: { reset: 2, http: 0 }, duplicates: 0, orphans: 0, result: "converged", seconds: 41.6 }],
    };
    const text = withTable("a\n<!-- reliability:random-kills:start -->\nold\n<!-- reliability:random-kills:end -->\nb", report);
    assert.equal(
      text,
      "a\n<!-- reliability:random-kills:start -->\n" +
        renderTable(report) +
        "\n\n_Run of 2025-01-02; seeds in `artifacts/reliability/random-kills.json`._\n<!-- reliability:random-kills:end -->\nb",
    );
    assert.match(renderTable(report), /\| quickstart \| kill 1 \| SIGKILL \| 1 up \| 2 reset \| 0 \| 0 \| converged \(42 s\) \|/);
  });
});
