/**
 * Waiting for CTyun billing orders and jobs: acceptors over the generic poller.
 */
import type { CtyunClient } from "./client";
import { JobFailedError, OrderFailedError } from "./errors";
import { QueryJob, QueryOrder } from "./operations/async";
import { DEFAULT_MIN_DELAY_MS, waitUntil, type Acceptance } from "./waiter";

/** Order statuses that mean "still on its way" for a create or modify order. */
export const ORDER_PENDING_STATUSES: readonly string[] = ["1", "2", "7", "8", "9", "14"];
export const ORDER_FINISHED_STATUS = "3";
/** A refund (unsubscribe) order also passes through "unsubscribing" and may end as "unsubscribed". */
export const REFUND_PENDING_STATUSES: readonly string[] = [...ORDER_PENDING_STATUSES, "12", "18"];
export const REFUND_FINISHED_STATUSES: readonly string[] = [ORDER_FINISHED_STATUS, "13"];

/** After "finished", CTyun may publish the resource ids a moment later: poll this many extra times. */
const EMPTY_ID_LIST_GRACE_POLLS = 3;

export interface WaitTiming {
  readonly maxWaitMs: number;
  /** When the awaited work can first be done (orders and jobs: one step after they start). */
  readonly firstPollAfterMs?: number;
  readonly minDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly signal?: AbortSignal;
  readonly onRetry?: (observed: string, elapsedMs: number) => void;
}

export interface OrderResult {
  readonly masterOrderId: string;
  readonly resourceIds: readonly string[];
}

/** Waits for a create/modify order (`kind: "order"`) or an unsubscribe order (`kind: "refund"`). */
export function waitForOrder(client: CtyunClient, masterOrderId: string, kind: "order" | "refund", timing: WaitTiming): Promise<OrderResult> {
  const pending = kind === "order" ? ORDER_PENDING_STATUSES : REFUND_PENDING_STATUSES;
  const finished = kind === "order" ? [ORDER_FINISHED_STATUS] : REFUND_FINISHED_STATUSES;
  let emptyFinishedPolls = 0;
  return waitUntil({
    waitingFor: `${kind === "order" ? "order" : "unsubscribe order"} ${masterOrderId} to finish`,
    poll: (signal) => client.send(QueryOrder, { masterOrderID: masterOrderId }, signal ? { signal } : {}),
    accept: (order): Acceptance<OrderResult> => {
      if (finished.includes(order.orderStatus)) {
        if (kind === "order" && order.instanceIDList.length === 0 && emptyFinishedPolls < EMPTY_ID_LIST_GRACE_POLLS) {
          emptyFinishedPolls++;
          return { state: "retry", observed: "finished without resource ids" };
        }
        return { state: "success", value: { masterOrderId, resourceIds: order.instanceIDList } };
      }
      if (pending.includes(order.orderStatus)) return { state: "retry", observed: `status ${order.orderStatus}` };
      return { state: "failure", error: new OrderFailedError(masterOrderId, order.orderStatus, order.instanceIDList) };
    },
    deps: client.deps,
    ...timing,
    // Work just placed is never done at once: the first poll comes one step later.
    firstPollAfterMs: timing.firstPollAfterMs ?? timing.minDelayMs ?? DEFAULT_MIN_DELAY_MS,
  });
}

/** Waits for an asynchronous job (disk attach/detach) to succeed. */
export function waitForJob(client: CtyunClient, jobId: string, regionId: string, timing: WaitTiming): Promise<string | undefined> {
  return waitUntil({
    waitingFor: `job ${jobId} to finish`,
    poll: (signal) => client.send(QueryJob, { jobID: jobId, regionID: regionId }, signal ? { signal } : {}),
    accept: (job): Acceptance<string | undefined> => {
      if (job.status === 1) return { state: "success", value: job.resourceId ?? undefined };
      if (job.status === 0) return { state: "retry", observed: job.jobStatus ?? "executing" };
      return { state: "failure", error: new JobFailedError(jobId, job.jobStatus ?? String(job.status), job.fields?.["failReason"] || undefined) };
    },
    deps: client.deps,
    ...timing,
    // Work just placed is never done at once: the first poll comes one step later.
    firstPollAfterMs: timing.firstPollAfterMs ?? timing.minDelayMs ?? DEFAULT_MIN_DELAY_MS,
  });
}
