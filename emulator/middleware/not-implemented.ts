/** The end of the chain: no route matched, so say so explicitly (never a blank success). */
import { NotImplementedError } from "../errors";
import type { RequestContext } from "../http/request-context";
import type { RouteTable } from "../http/router";
import type { EmulatorResponse } from "../http/types";

export function notImplemented(options: { readonly routes: RouteTable }): (ctx: RequestContext) => Promise<EmulatorResponse> {
  return async function notImplementedTerminal(ctx) {
    const methods = options.routes.methodsFor(ctx.path);
    throw new NotImplementedError(ctx.method, ctx.path, methods.length > 0 ? ` (this path is emulated for ${methods.join(", ")})` : "");
  };
}
