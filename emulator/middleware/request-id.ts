/** Takes the client's `ctyun-eop-request-id` (or mints one) and echoes it on every response. */
import { randomUUID } from "node:crypto";
import type { Middleware } from "../http/middleware";

export const REQUEST_ID_RESPONSE_HEADER = "ctyun-eop-request-id";

export function requestId(options: { readonly generate?: () => string } = {}): Middleware {
  const generate = options.generate ?? randomUUID;
  return async function requestIdMiddleware(ctx, next) {
    ctx.requestId = ctx.header("ctyun-eop-request-id") || generate();
    const response = await next();
    return { ...response, headers: { ...response.headers, [REQUEST_ID_RESPONSE_HEADER]: ctx.requestId } };
  };
}
