/** Records every API request (control-plane calls excepted) with its outcome and duration. */
import { performance } from "node:perf_hooks";
import type { RequestLog } from "../control/request-log";
import type { Middleware } from "../http/middleware";
import { CONTROL_PREFIX } from "./control-plane";

export function requestLog(options: { readonly log: RequestLog; readonly clock: () => number; readonly accessLog?: ((line: string) => void) | undefined }): Middleware {
  return async function requestLogMiddleware(ctx, next) {
    if (ctx.path.startsWith(CONTROL_PREFIX)) return next();
    const at = options.clock();
    const started = performance.now();
    const response = await next();
    const entry = {
      method: ctx.method,
      path: ctx.path,
      operation: ctx.route?.operation ?? null,
      status: response.drop ? 0 : response.status,
      statusCode: response.drop ? null : (ctx.outcome?.statusCode ?? null),
      errorCode: response.drop ? null : (ctx.outcome?.errorCode ?? null),
      requestId: ctx.requestId,
      fault: ctx.fault ?? null,
      at,
      ms: Math.round((performance.now() - started) * 1000) / 1000,
      userAgent: ctx.header("user-agent") ?? null,
      poll: ctx.poll,
    };
    options.log.add(entry);
    options.accessLog?.(
      `${entry.method} ${entry.path} ${entry.operation ?? "-"} ${entry.status} ${entry.statusCode ?? "-"} ${entry.errorCode ?? "-"} ${entry.ms}ms${entry.fault ? ` fault=${entry.fault}` : ""}`,
    );
    return response;
  };
}
