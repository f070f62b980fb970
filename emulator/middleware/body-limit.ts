/**
 * Refuses request bodies over the size limit (settings `maxBodyBytes`, default 1 MiB) before anything
 * else looks at them: HTTP 413 with an envelope, for every path. The socket adapter has already
 * stopped keeping such a body; an in-process caller's is measured here.
 */
import { EmulatorError } from "../errors";
import type { Middleware } from "../http/middleware";

export const BODY_TOO_LARGE_CODE = "Openapi.Request.EntityTooLarge";

export function bodyLimit(options: { readonly maxBodyBytes: number }): Middleware {
  return async function bodyLimitMiddleware(ctx, next) {
    const size = ctx.oversizedBody ?? ctx.body.length;
    if (size > options.maxBodyBytes) {
      throw new EmulatorError(BODY_TOO_LARGE_CODE, `the request body (${size} bytes) is larger than the ${options.maxBodyBytes}-byte limit`, {
        description: "请求体过大",
        httpStatus: 413,
      });
    }
    return next();
  };
}
