/**
 * Billed changes one order at a time: CTyun answers `Openapi.Order.Inprogress` (an official code,
 * TF internal/common/error_code.go) with `returnObj.masterOrderID` while another order of the same
 * resource runs. Shared by the order-backed specs that wait such orders out (Eip, NatGateway, Bandwidth).
 */
import { hasKind, isServiceError, type CtyunServiceError } from "../client/errors";
import { waitForOrder } from "../client/orders";
import { ORDER_IN_PROGRESS } from "../client/operations/eip";
import type { HandlerContext } from "../lifecycle/context";

/** How many times an operation waits for someone else's order before giving up. */
const MAX_ORDER_ROUNDS = 5;

/** The order a 900 `Openapi.Order.Inprogress` names, if that is what `error` is. */
export function runningOrderOf(error: unknown): string | undefined {
  if (!isServiceError(error, ORDER_IN_PROGRESS)) return undefined;
  const id = ((error as CtyunServiceError).returnObj as { masterOrderID?: unknown } | null)?.masterOrderID;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/**
 * Places an order with `place` (which may decide nothing is needed and return undefined) and waits
 * for it. When the cloud answers that another order of the same resource is still running, waits
 * for that one (its failure is not ours) and calls `place` again, so `place` sees the resource as it
 * is then.
 */
export async function placeOrderAndWait(
  ctx: HandlerContext,
  what: string,
  kind: "order" | "refund",
  place: () => Promise<{ masterOrderID: string } | undefined>,
): Promise<void> {
  for (let round = 1; ; round++) {
    let placed: { masterOrderID: string } | undefined;
    try {
      placed = await place();
    } catch (error) {
      const running = runningOrderOf(error);
      if (running === undefined || round >= MAX_ORDER_ROUNDS) throw error;
      ctx.progress(`${what}: another order is still running (${running}); waiting for it first`);
      await waitForOrder(ctx.client, running, "refund", ctx.waitTiming(`order ${running}`)).catch((waitError: unknown) => {
        if (!hasKind(waitError, "order-failed")) throw waitError;
      });
      continue;
    }
    if (placed === undefined) return;
    await waitForOrder(ctx.client, placed.masterOrderID, kind, ctx.waitTiming(`${what} (order ${placed.masterOrderID})`));
    return;
  }
}

