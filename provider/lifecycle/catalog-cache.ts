/**
 * Answers about the cloud's catalog (flavors, images, object-storage endpoints and service state),
 * shared by every resource of one provider process: a stack of twenty VMs asks for a flavor once,
 * not twenty times. Only answers, never failures, are kept; an answer is kept for `CATALOG_TTL_MS`
 * (a catalog changes on the scale of days: a flavor sold out meanwhile makes an order fail with
 * nothing bought, and the next `pulumi up` asks afresh). Keyed by endpoint, operation and input;
 * concurrent askers share one call in flight.
 */
import type { Operation, RequestOf, ResultOf } from "../client/operation";
import type { HandlerContext } from "./context";

export const CATALOG_TTL_MS = 10 * 60_000;

const answers = new Map<string, { readonly at: number; readonly value: Promise<unknown> }>();

export function catalogCall<O extends Operation>(ctx: HandlerContext, operation: O, input: RequestOf<O>): Promise<ResultOf<O>> {
  const key = `${ctx.client.endpoint ?? ""} ${operation.name} ${JSON.stringify(input)}`;
  const now = ctx.deps.now();
  const kept = answers.get(key);
  if (kept && now - kept.at >= 0 && now - kept.at < CATALOG_TTL_MS) return kept.value as Promise<ResultOf<O>>;
  const value = ctx.client.send(operation, input);
  answers.set(key, { at: now, value });
  value.catch(() => {
    if (answers.get(key)?.value === value) answers.delete(key);
  });
  return value;
}

/** @internal Forgets every answer (a new runtime configuration: tests, another emulator). */
export function clearCatalogCache(): void {
  answers.clear();
}
