/**
 * Waits shared by resource handlers, all on the one generic poller: until a resource is gone, while
 * dependants still hold a resource, until a status is reached.
 */
import { hasKind, hasServiceCode, isServiceError } from "../client/errors";
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
        if (hasServiceCode(error, notFoundCodes)) return false;
        throw error;
      }
    },
    accept: (exists) => (exists ? { state: "retry", observed: "still exists" } : { state: "success", value: undefined }),
    deps: ctx.deps,
    ...ctx.waitTiming(`${what} to be deleted`),
  });
}

/**
 * Runs a delete (or another call a dependency can block), repeating it while `holders()` — read
 * from the cloud, not guessed from the refusal's code, which CTyun does not document — still
 * lists something in the way (a VPC whose last subnet is being deleted), until the step's
 * deadline. A refusal with nothing in the way is tried once more (what held it may have just
 * gone; `onceMore: false` leaves that to the caller), then ends the call; so does any failure that
 * is not the cloud's refusal (the client already retried what was safe to retry).
 */
export async function retryWhileHeld<T>(
  ctx: HandlerContext,
  what: string,
  call: () => Promise<T>,
  holders: () => Promise<readonly string[]>,
  options: { readonly onceMore?: boolean } = {},
): Promise<T> {
  const unheldAllowed = options.onceMore === false ? 0 : 1;
  type Outcome = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown; readonly held: readonly string[] };
  let lastRefusal: { error: unknown; held: readonly string[] } | undefined;
  let unheldRefusals = 0;
  return waitUntil<Outcome, T>({
    waitingFor: what,
    poll: async () => {
      try {
        return { ok: true, value: await call() };
      } catch (error) {
        if (!isServiceError(error)) return { ok: false, error, held: [] };
        const held = await holders();
        lastRefusal = { error, held };
        if (held.length === 0) unheldRefusals++;
        return { ok: false, error, held };
      }
    },
    accept: (outcome) => {
      if (outcome.ok) return { state: "success", value: outcome.value };
      if (!isServiceError(outcome.error) || (outcome.held.length === 0 && unheldRefusals > unheldAllowed)) return { state: "failure", error: outcome.error as Error };
      return { state: "retry", observed: outcome.held.length > 0 ? `held by ${outcome.held.join(", ")}` : "refused with nothing in the way; once more" };
    },
    deps: ctx.deps,
    ...ctx.waitTiming(what),
  }).catch((error: unknown) => {
    if (!hasKind(error, "waiter-timeout") || !lastRefusal) throw error;
    const refusal = lastRefusal.error as Error;
    refusal.message = `${refusal.message}; still held by ${lastRefusal.held.join(", ")} when the timeout ran out`;
    throw refusal;
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
