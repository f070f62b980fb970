/**
 * Turns the official clients' result lines into one row per emulated operation (which clients drove it,
 * how many calls, how many failed) and renders the table COVERAGE.md carries between its markers.
 */
export interface CallResult {
  readonly client: "python-sdk" | "go-sdk";
  readonly package?: string;
  readonly function?: string;
  readonly method?: string;
  readonly path?: string;
  readonly scenario: string;
  readonly note?: string;
  readonly ok: boolean;
  readonly problems: readonly string[];
}

export interface RouteSummary {
  readonly method: string;
  readonly path: string;
  readonly operation: string;
}

export interface OperationRow {
  readonly method: string;
  readonly path: string;
  readonly operation: string;
  /** `client → calls/failed` per client that drove the operation. */
  readonly clients: Readonly<Record<string, { readonly functions: readonly string[]; readonly calls: number; readonly failed: number }>>;
}

export const TABLE_START = "<!-- official-clients:start -->";
export const TABLE_END = "<!-- official-clients:end -->";

export function parseResults(text: string): CallResult[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as CallResult);
}

export function summarize(routes: readonly RouteSummary[], results: readonly CallResult[]): OperationRow[] {
  return routes.map((route) => {
    const clients: Record<string, { functions: string[]; calls: number; failed: number }> = {};
    for (const result of results) {
      if (result.method?.toUpperCase() !== route.method || result.path !== route.path) continue;
      const entry = (clients[result.client] ??= { functions: [], calls: 0, failed: 0 });
      const name = `${result.package ?? ""}.${result.function ?? ""}`;
      if (!entry.functions.includes(name)) entry.functions.push(name);
      entry.calls += 1;
      if (!result.ok) entry.failed += 1;
    }
    return { method: route.method, path: route.path, operation: route.operation, clients };
  });
}

function cell(row: OperationRow, client: string): string {
  const entry = row.clients[client];
  if (!entry) return "—";
  const verdict = entry.failed === 0 ? "pass" : `**${entry.failed} failed**`;
  return `${verdict} (${entry.calls} calls: ${entry.functions.map((name) => `\`${name.split(".").pop()}\``).join(", ")})`;
}

/** The markdown table (deterministic: routes in registration order, call counts included). */
export function renderTable(rows: readonly OperationRow[]): string {
  // Operation first: the route table above it is the one whose rows start with the method.
  const lines = ["| Operation | Method | Path | Python SDK v2 | Go SDK |", "|---|---|---|---|---|"];
  for (const row of rows) lines.push(`| ${row.operation} | ${row.method} | ${row.path} | ${cell(row, "python-sdk")} | ${cell(row, "go-sdk")} |`);
  const driven = rows.filter((row) => Object.keys(row.clients).length > 0).length;
  const failing = rows.filter((row) => Object.values(row.clients).some((entry) => entry.failed > 0)).length;
  lines.push("", `${driven} of ${rows.length} operations driven by an official client; ${failing} with a failing call.`);
  return lines.join("\n");
}

export function tableIn(markdown: string): string | undefined {
  const start = markdown.indexOf(TABLE_START);
  const end = markdown.indexOf(TABLE_END);
  if (start < 0 || end < start) return undefined;
  return markdown.slice(start + TABLE_START.length, end).trim();
}

export function withTable(markdown: string, table: string): string {
  const start = markdown.indexOf(TABLE_START);
  const end = markdown.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`COVERAGE.md has no ${TABLE_START} … ${TABLE_END} section`);
  return `${markdown.slice(0, start + TABLE_START.length)}\n${table}\n${markdown.slice(end)}`;
}
