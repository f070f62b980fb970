/**
 * Runs the matched route's handler inside one SQLite transaction, after advancing whatever async
 * work is due, and wraps its result in a success envelope. Failures roll back unless the error asks
 * to keep the state (`commitState`).
 */
import { InternalError, InvalidParameterError, isEmulatorError, type EmulatorError } from "../errors";
import type { EngineContext } from "../engine/context";
import type { IdempotencyLedger } from "../engine/idempotency";
import type { Scheduler } from "../engine/scheduler";
import type { Middleware } from "../http/middleware";
import type { RequestContext } from "../http/request-context";
import { QueryParams } from "../services/query-params";
import type { OperationContext } from "../services/types";
import { envelopeResponse, successEnvelope } from "../wire";

export function dispatch(options: {
  readonly context: EngineContext;
  readonly scheduler: Scheduler;
  readonly ledger: IdempotencyLedger;
}): Middleware {
  return async function dispatchMiddleware(ctx, next) {
    const route = ctx.route;
    if (!route) return next();
    const core = options.context;
    const operation = operationContext(ctx, route.operation, core, options.ledger);
    const result = core.store.transaction((): { ok: true; value: unknown } | { ok: false; error: EmulatorError } => {
      options.scheduler.advanceDue(core.clock());
      try {
        const value = route.handler(operation);
        if (value instanceof Promise) throw new InternalError(`handler of ${route.operation} returned a Promise; handlers must be synchronous`);
        return { ok: true, value };
      } catch (error) {
        if (isEmulatorError(error) && error.commitState) return { ok: false, error };
        throw error;
      }
    });
    if (!result.ok) throw result.error;
    const envelope = successEnvelope(result.value);
    ctx.outcome = { statusCode: envelope.statusCode, errorCode: envelope.errorCode };
    return envelopeResponse(200, envelope);
  };
}

function operationContext(ctx: RequestContext, operation: string, core: EngineContext, ledger: IdempotencyLedger): OperationContext {
  const body = withoutNulls(parseBody(ctx));
  const query = ctx.method === "GET" ? QueryParams.parse(ctx.rawQuery).withJsonBody(body) : QueryParams.parse(ctx.rawQuery);
  return {
    ...core,
    requestId: ctx.requestId,
    operation,
    method: ctx.method,
    path: ctx.path,
    query,
    body,
    accessKey: ctx.accessKey,
    now: core.clock(),
    input() {
      if (ctx.method === "GET") return query.toObject();
      if (body === null || typeof body !== "object" || Array.isArray(body)) throw new InvalidParameterError("the request body must be a JSON object");
      return body as Record<string, unknown>;
    },
    idempotent(params, produce, idempotencyOptions) {
      const token = idempotencyOptions?.token ?? (typeof params["clientToken"] === "string" ? params["clientToken"] : undefined);
      return ledger.run(operation, token, params, produce);
    },
  };
}

/**
 * Official clients send `null` for every optional field they leave unset (CTyun's Python SDK v2
 * serialises every model attribute; newer Go ctecs sends `"force": null`), so a null member means
 * "absent" everywhere: object members whose value is null are dropped, recursively.
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) if (member !== null) out[key] = withoutNulls(member);
  return out;
}

function parseBody(ctx: RequestContext): unknown {
  if (ctx.body.length === 0) return {};
  try {
    return JSON.parse(ctx.body.toString("utf8")) as unknown;
  } catch {
    throw new InvalidParameterError("the request body is not valid JSON");
  }
}
