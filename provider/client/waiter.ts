/**
 * One generic poller for every asynchronous thing CTyun does (orders, jobs, power states, deletions).
 * Per-resource code supplies only `poll` and an acceptor that maps each observation to a state.
 */
import { classify, isRetryableClass } from "./classify";
import type { RuntimeDeps } from "./deps";
import { CtyunAbortedError, failureCode, WaiterTimeoutError } from "./errors";

export type Acceptance<R> =
  | { readonly state: "success"; readonly value: R }
  | { readonly state: "retry"; readonly observed: string }
  | { readonly state: "failure"; readonly error: Error };

export interface WaitOptions<T, R> {
  /** What is awaited, for messages: "order 3f2a… to complete". */
  readonly waitingFor: string;
  readonly poll: (signal?: AbortSignal) => Promise<T>;
  readonly accept: (observation: T) => Acceptance<R>;
  readonly deps: Pick<RuntimeDeps, "now" | "sleep" | "random">;
  /** Overall deadline, measured from the start of the wait. */
  readonly maxWaitMs: number;
  /**
   * When the awaited work can first be done: the first poll waits this long (work just started —
   * an order, a job — is never done at once, so an immediate poll is wasted). Default 0.
   */
  readonly firstPollAfterMs?: number;
  /** The step between polls while the wait is young (at most one poll per this many ms). */
  readonly minDelayMs?: number;
  /** Polls of a long wait spread out up to this. */
  readonly maxDelayMs?: number;
  readonly signal?: AbortSignal;
  /** Called after each poll that says "not yet"; used for progress lines. */
  readonly onRetry?: (observed: string, elapsedMs: number) => void;
}

export const DEFAULT_MIN_DELAY_MS = 1_000;
export const DEFAULT_MAX_DELAY_MS = 10_000;
/** For this long a wait polls every `minDelayMs` (completions are noticed within a step); then it spreads out. */
export const STEADY_POLLING_MS = 60_000;
/** Leave this much before the deadline for the final poll. */
const FINAL_POLL_MARGIN_MS = 100;

/**
 * Polls until the acceptor says success or failure, or the deadline passes. The first poll comes
 * `firstPollAfterMs` after the start; then one every `minDelayMs` for the first minute (so a
 * completion is noticed within one step, and never more than one poll per step), after which the
 * delays grow exponentially to `maxDelayMs` with jitter. A transient error during a poll
 * (throttling, 5xx, network) counts as "not yet" rather than a failure. The last poll happens just
 * before the deadline, so a wait never gives up one interval early.
 */
export async function waitUntil<T, R>(options: WaitOptions<T, R>): Promise<R> {
  const { deps } = options;
  const minDelay = options.minDelayMs ?? DEFAULT_MIN_DELAY_MS;
  const maxDelay = Math.max(minDelay, options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS);
  const started = deps.now();
  const deadline = started + options.maxWaitMs;
  const observed: Record<string, number> = {};
  let lastError: unknown;
  let spreadPolls = 0;
  const first = Math.min(options.firstPollAfterMs ?? 0, Math.max(0, options.maxWaitMs - FINAL_POLL_MARGIN_MS));
  if (first > 0) await deps.sleep(first, options.signal);

  for (;;) {
    if (options.signal?.aborted) throw new CtyunAbortedError(`waiting for ${options.waitingFor}`, options.signal.reason);
    let label = "";
    let observation: { value: T } | undefined;
    try {
      observation = { value: await options.poll(options.signal) };
    } catch (error) {
      // Only a failed poll may be transient; an acceptor's verdict below is final.
      if (!isRetryableClass(classify(error))) throw error;
      lastError = error;
      label = `error ${failureCode(error)}`;
    }
    if (observation) {
      const acceptance = options.accept(observation.value);
      if (acceptance.state === "success") return acceptance.value;
      if (acceptance.state === "failure") throw acceptance.error;
      label = acceptance.observed;
    }
    observed[label] = (observed[label] ?? 0) + 1;
    const now = deps.now();
    options.onRetry?.(label, now - started);
    if (now >= deadline - FINAL_POLL_MARGIN_MS) throw new WaiterTimeoutError(options.waitingFor, now - started, observed, lastError);
    // Steady steps while the wait is young; then exponential growth (per poll since the steady
    // phase ended) with full jitter above the step.
    if (now - started >= STEADY_POLLING_MS) spreadPolls++;
    const ceiling = Math.min(maxDelay, minDelay * 2 ** Math.min(spreadPolls, 30));
    const jittered = minDelay + Math.floor(deps.random() * (ceiling - minDelay + 1));
    const delay = Math.min(jittered, Math.max(0, deadline - FINAL_POLL_MARGIN_MS - now));
    await deps.sleep(delay, options.signal);
  }
}
