/**
 * `clientToken` idempotency (spec C.5): the same token for the same operation with the same
 * parameters within 24 h replays the first result and creates nothing; different parameters are a
 * conflict. Only successful results are recorded: a failed request rolls back with its transaction.
 */
import { createHash } from "node:crypto";
import { ClientTokenConflictError } from "../errors";
import type { Store } from "../store/store";

export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

interface LedgerRow {
  fingerprint: string;
  response: string;
  created_at: number;
}

export class IdempotencyLedger {
  constructor(
    private readonly store: Store,
    private readonly clock: () => number,
  ) {}

  /**
   * Runs `produce` once per (operation, token). `params` are the request parameters; `clientToken`
   * itself is left out of the comparison. Without a token this is just `produce()`.
   */
  run<T>(operation: string, token: string | undefined, params: unknown, produce: () => T): T {
    if (token === undefined || token === "") return produce();
    const now = this.clock();
    const fingerprint = fingerprintOf(params);
    const row = this.store
      .statement("SELECT fingerprint, response, created_at FROM idempotency WHERE operation = ? AND token = ?")
      .get(operation, token) as LedgerRow | undefined;
    if (row && now - row.created_at < IDEMPOTENCY_WINDOW_MS) {
      if (row.fingerprint !== fingerprint) throw new ClientTokenConflictError(token, operation);
      return JSON.parse(row.response) as T;
    }
    const result = produce();
    this.store
      .statement(
        "INSERT INTO idempotency (operation, token, fingerprint, response, created_at) VALUES (?, ?, ?, ?, ?) " +
          "ON CONFLICT (operation, token) DO UPDATE SET fingerprint = excluded.fingerprint, response = excluded.response, created_at = excluded.created_at",
      )
      .run(operation, token, fingerprint, JSON.stringify(result ?? null), now);
    return result;
  }
}

/** SHA-256 of the parameters as canonical JSON (sorted keys), without `clientToken`. */
export function fingerprintOf(params: unknown): string {
  const withoutToken =
    params !== null && typeof params === "object" && !Array.isArray(params)
      ? Object.fromEntries(Object.entries(params as Record<string, unknown>).filter(([key]) => key !== "clientToken"))
      : params;
  return createHash("sha256").update(canonicalJson(withoutToken)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
