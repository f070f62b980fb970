/**
 * Applies fault rules before authentication: throttling (429 + Retry-After), an HTTP error status,
 * a reset connection, a delay, or a response dropped after the state change was committed.
 */
import { EmulatorError, isEmulatorError, ThrottledError } from "../errors";
import type { FaultRegistry } from "../control/faults";
import type { Middleware } from "../http/middleware";

/** Envelope codes for `http` faults by status (invented, see COVERAGE.md). */
export const HTTP_FAULT_CODES: Readonly<Record<number, string>> = {
  500: "Openapi.InternalError",
  502: "Openapi.BadGateway",
  503: "Openapi.ServiceUnavailable",
  504: "Openapi.GatewayTimeout",
};

export function faultInjection(options: {
  readonly faults: FaultRegistry;
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}): Middleware {
  return async function faultInjectionMiddleware(ctx, next) {
    const rule = options.faults.take(ctx.method, ctx.path, options.random);
    if (!rule) return next();
    ctx.fault = rule.kind;
    switch (rule.kind) {
      case "throttle":
        throw new ThrottledError(rule.retryAfterSeconds ?? 1);
      case "http": {
        const status = rule.status ?? 503;
        throw new EmulatorError(rule.errorCode ?? HTTP_FAULT_CODES[status] ?? "Openapi.Http.Error", `injected HTTP ${status}`, {
          description: "服务暂时不可用",
          httpStatus: status,
        });
      }
      case "reset":
        return { status: 0, headers: {}, body: "", drop: true };
      case "delay":
        await options.sleep(rule.ms ?? 1000);
        return next();
      case "commit-then-drop": {
        // The answer is lost whatever it was: a failure envelope is dropped as well (its writes, if any, stay).
        try {
          return { ...(await next()), drop: true };
        } catch (error) {
          if (!isEmulatorError(error)) throw error;
          return { status: 0, headers: {}, body: "", drop: true };
        }
      }
    }
  };
}
