/** Koa/Hono-style middleware: each gets the context and a `next` that runs the rest of the chain. */
import type { RequestContext } from "./request-context";
import type { EmulatorResponse } from "./types";

export type Next = () => Promise<EmulatorResponse>;
export type Middleware = (ctx: RequestContext, next: Next) => Promise<EmulatorResponse>;

/** Chains middleware in order; `terminal` answers when every middleware called `next`. */
export function compose(chain: readonly Middleware[], terminal: (ctx: RequestContext) => Promise<EmulatorResponse>): (ctx: RequestContext) => Promise<EmulatorResponse> {
  return (ctx) => {
    const run = (index: number): Promise<EmulatorResponse> => {
      const middleware = chain[index];
      if (!middleware) return terminal(ctx);
      return middleware(ctx, () => run(index + 1));
    };
    return run(0);
  };
}
