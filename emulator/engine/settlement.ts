/**
 * How the order, job and transition engines hand finished work to the named actions services
 * registered, without knowing the actions or the context they run in: core.ts wires both together
 * once the context exists.
 */
import type { PendingItem } from "./pending";

/** Runs the named action on the subject in a savepoint; returns the failure message, or null. */
export type RunAction<S> = (name: string, subject: S) => string | null;

/** Throws (a service bug, not a 900) when work names an action nobody registered. */
export type RequireAction = (name: string | undefined) => void;

/** The reason a failing timing gave for failing the work ("failed" when it gave none). */
export function failureReasonOf(item: PendingItem): string {
  const data = item.data as { failureReason?: unknown } | null;
  return typeof data?.failureReason === "string" ? data.failureReason : "failed";
}

/**
 * Settles an order or job whose timing came due: unless the timing failed it, its `action` runs;
 * if that failed (or the timing did), its `failAction` runs. Returns the failure reason, or null.
 */
export function settleWork<S>(item: PendingItem, subject: S, action: string | null, failAction: string | null, run: RunAction<S>): string | null {
  let failure = item.outcome === "fail" ? failureReasonOf(item) : null;
  if (failure === null && action !== null) failure = run(action, subject);
  if (failure !== null && failAction !== null) run(failAction, subject);
  return failure;
}
