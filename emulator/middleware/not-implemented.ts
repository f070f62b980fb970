/**
 * The end of the chain: no route matched, so say so explicitly (never a blank success). A path the
 * emulator knows under other methods is the caller's mistake (405); an unknown path is ours (501).
 */
import { MethodNotAllowedError, NotImplementedError } from "../errors";
import type { RequestContext } from "../http/request-context";
import type { RouteTable } from "../http/router";
import type { EmulatorResponse } from "../http/types";

export function notImplemented(options: { readonly routes: RouteTable }): (ctx: RequestContext) => Promise<EmulatorResponse> {
  return async function notImplementedTerminal(ctx) {
    const methods = options.routes.methodsFor(ctx.path);
    if (methods.length > 0) throw new MethodNotAllowedError(ctx.method, ctx.path, methods);
    throw new NotImplementedError(ctx.method, ctx.path);
  };
}
