/**
 * Runs the matched route's handler inside one SQLite transaction, after advancing whatever async
 * work is due, and wraps its result in a success envelope. Failures roll back unless the error asks
 * to keep the state (`commitState`).
 */
import { InternalError, isEmulatorError, type EmulatorError } from "../errors";
import type { EngineParts } from "../engine/context";
import type { IdempotencyLedger } from "../engine/idempotency";
import type { Scheduler } from "../engine/scheduler";
import type { Middleware } from "../http/middleware";
import { OperationContext } from "../services/operation-context";
import { readParams } from "../services/params";
import { envelopeResponse, successEnvelope } from "../wire";

export function dispatch(options: { readonly parts: EngineParts; readonly scheduler: Scheduler; readonly ledger: IdempotencyLedger }): Middleware {
  return async function dispatchMiddleware(ctx, next) {
    const route = ctx.route;
    if (!route) return next();
    const operation = new OperationContext(
      options.parts,
      { requestId: ctx.requestId, operation: route.operation, method: ctx.method, path: ctx.path, accessKey: ctx.accessKey, host: ctx.header("host"), params: readParams(ctx.method, ctx.rawQuery, ctx.body) },
      options.ledger,
    );
    const { value: result, polled } = options.scheduler.watchPolls(() =>
      options.parts.store.transaction((): { ok: true; value: unknown } | { ok: false; error: EmulatorError } => {
        options.scheduler.advanceDue(operation.now);
        try {
          const value = route.handler(operation);
          if (value instanceof Promise) throw new InternalError(`handler of ${route.operation} returned a Promise; handlers must be synchronous`);
          return { ok: true, value };
        } catch (error) {
          if (isEmulatorError(error) && error.commitState) return { ok: false, error };
          throw error;
        }
      }),
    );
    ctx.poll = polled;
    if (!result.ok) throw result.error;
    const envelope = successEnvelope(result.value);
    ctx.outcome = { statusCode: envelope.statusCode, errorCode: envelope.errorCode };
    return envelopeResponse(200, envelope);
  };
}
