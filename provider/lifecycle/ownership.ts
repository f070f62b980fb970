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
 * when the refused request was sent more than once (the client retried after an unanswered attempt).
 */
export function mayBeOwnEarlierWork(ctx: HandlerContext, refusal?: unknown): boolean {
  return ctx.replaying || (isCtyunError(refusal) && (refusal.attempts ?? 1) > 1);
}
