/**
 * Waits shared by resource handlers, all on the one generic poller: until a resource is gone, while
 * a dependency conflict clears, until a status is reached.
 */
import { isServiceError } from "../client/errors";
import { waitUntil } from "../client/waiter";
import type { HandlerContext } from "./context";

/**
 * Polls `probe` (true while the resource still exists) until it is gone; a not-found error from the
 * probe also means gone.
 */
export async function waitUntilGone(ctx: HandlerContext, what: string, probe: () => Promise<boolean>, notFoundCodes: readonly string[]): Promise<void> {
  await waitUntil({
    waitingFor: `${what} to be deleted`,
    poll: async () => {
      try {
        return await probe();
      } catch (error) {
        if (isServiceError(error, ...notFoundCodes)) return false;
        throw error;
      }
    },
    accept: (exists) => (exists ? { state: "retry", observed: "still exists" } : { state: "success", value: undefined }),
    deps: ctx.deps,
    ...ctx.waitTiming(`${what} to be deleted`),
  });
}

/**
 * Runs `call`, repeating it while it fails with one of `conflictCodes` (e.g. a VPC whose last
 * subnet is still being deleted), until the step's deadline. Any other failure ends it at once:
 * the client already retried what was safe to retry, and a write is not repeated blindly.
 */
export async function retryWhileConflicting<T>(ctx: HandlerContext, what: string, conflictCodes: readonly string[], call: () => Promise<T>): Promise<T> {
  type Outcome = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown; readonly conflict: boolean };
  let lastConflict: unknown;
  return waitUntil<Outcome, T>({
    waitingFor: what,
    poll: async () => {
      try {
        return { ok: true, value: await call() };
      } catch (error) {
        const conflict = isServiceError(error, ...conflictCodes);
        if (conflict) lastConflict = error;
        return { ok: false, error, conflict };
      }
    },
    accept: (outcome) => {
      if (outcome.ok) return { state: "success", value: outcome.value };
      if (!outcome.conflict) return { state: "failure", error: outcome.error as Error };
      return { state: "retry", observed: (outcome.error as { errorCode?: string }).errorCode ?? "conflict" };
    },
    deps: ctx.deps,
    ...ctx.waitTiming(what),
  }).catch((error: unknown) => {
    if ((error as { kind?: string }).kind === "waiter-timeout" && lastConflict) throw lastConflict;
    throw error;
  });
}

/** Polls `read` until `isDone` holds for what it returns, failing early when `isFailed` does. */
export async function waitForState<T>(
  ctx: HandlerContext,
  what: string,
  read: () => Promise<T>,
  isDone: (value: T) => boolean,
  describe: (value: T) => string,
  isFailed?: (value: T) => string | undefined,
): Promise<T> {
  return waitUntil({
    waitingFor: what,
    poll: read,
    accept: (value) => {
      if (isDone(value)) return { state: "success", value };
      const failure = isFailed?.(value);
      if (failure) return { state: "failure", error: new Error(`${what}: ${failure}`) };
      return { state: "retry", observed: describe(value) };
    },
    deps: ctx.deps,
    ...ctx.waitTiming(what),
  });
}
