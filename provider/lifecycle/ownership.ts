/**
 * Whether something in the cloud that blocks a create (a name taken, a binding already in place)
 * may be this very create's own earlier work: only then may create take it over. Anything else
 * belongs to somebody else — another stack of the same project, say — and taking it over would let
 * that stack's destroy delete what this one manages.
 */
import { isCtyunError } from "../client/errors";
import type { HandlerContext } from "./context";

/**
 * True when this create repeats an attempt whose answer never arrived (a rerun after a crash), or
 * when the client sent the refused request again after an attempt that may have reached the cloud
 * (a 5xx, a reset, a read timeout). Retries after throttles alone do not count: a throttled attempt
 * was refused before it did anything.
 */
export function mayBeOwnEarlierWork(ctx: HandlerContext, refusal?: unknown): boolean {
  return ctx.replaying || (isCtyunError(refusal) && refusal.mayRepeatEarlierAttempt);
}
