/** COVERAGE.md must list exactly the registered routes (method, path, operation, host). */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createEmulator } from "../../emulator/index";

interface Row {
  method: string;
  path: string;
  operation: string;
  service: string;
}

function documentedRows(): Row[] {
  const text = readFileSync(join(__dirname, "../../emulator/COVERAGE.md"), "utf8");
  const rows: Row[] = [];
  for (const line of text.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    // | GET | /v4/... | Operation | host | notes |
    if (cells.length >= 6 && /^(GET|POST|PUT|DELETE|PATCH)$/.test(cells[1]!) && cells[2]!.startsWith("/")) {
      rows.push({ method: cells[1]!, path: cells[2]!, operation: cells[3]!, service: cells[4]! });
    }
  }
  return rows;
}

const key = (row: Row): string => `${row.method} ${row.path} ${row.operation} ${row.service}`;

describe("emulator COVERAGE.md", () => {
  it("documents exactly the registered routes", () => {
    const app = createEmulator();
    try {
      const registered = app.routes().map(key).sort();
      const documented = documentedRows().map(key).sort();
      assert.ok(registered.length >= 8, "the core and catalog routes are registered");
      assert.deepEqual(documented, registered, "COVERAGE.md table ≠ registered routes (add/remove rows)");
    } finally {
      app.close();
    }
  });
});
