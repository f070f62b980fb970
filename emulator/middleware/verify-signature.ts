/** Rejects requests whose EOP signature does not verify (spec A.10); a no-op when verification is off. */
import { parseAuthorization, verifyEopSignature } from "../auth/verify";
import type { Middleware } from "../http/middleware";

export function verifySignature(options: {
  readonly enabled: boolean;
  readonly windowMinutes: number;
  readonly credentials: ReadonlyMap<string, string>;
  readonly clock: () => number;
}): Middleware {
  return async function verifySignatureMiddleware(ctx, next) {
    if (!options.enabled) {
      // Still note who claims to call, for handlers that care (e.g. idempotency per account).
      const claimed = ctx.header("eop-authorization");
      ctx.accessKey = claimed === undefined ? undefined : parseAuthorization(claimed)?.accessKey;
      return next();
    }
    const { accessKey } = verifyEopSignature({
      header: (name) => ctx.header(name),
      rawQuery: ctx.rawQuery,
      body: ctx.body,
      lookupSecret: (ak) => options.credentials.get(ak),
      now: options.clock(),
      windowMinutes: options.windowMinutes,
    });
    ctx.accessKey = accessKey;
    return next();
  };
}
