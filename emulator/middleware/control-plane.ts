/** Sends `/_emulator/*` to the control plane, ahead of faults and authentication (test use only). */
import type { Middleware } from "../http/middleware";
import type { RequestContext } from "../http/request-context";
import type { EmulatorResponse } from "../http/types";

export const CONTROL_PREFIX = "/_emulator/";

export function controlPlane(options: { readonly handle: (ctx: RequestContext) => Promise<EmulatorResponse> | EmulatorResponse }): Middleware {
  return async function controlPlaneMiddleware(ctx, next) {
    if (!ctx.path.startsWith(CONTROL_PREFIX)) return next();
    return options.handle(ctx);
  };
}
