/**
 * Retry policy in three small parts: the decision (idempotency, then the call's deadline or attempt
 * limit, then the budget), the backoff (full jitter with a cap) and the server hint (`Retry-After`,
 * clamped to the cap and to the time left).
 *
 * A call with a deadline (every call a resource makes: its step's timeout) is retried until the
 * deadline, however many attempts that takes; `maxAttempts` only bounds calls without one.
 */
import { certainlyNotProcessed, classify, isRetryableClass } from "./classify";
import { hasKind } from "./errors";
import type { Idempotency } from "./operation";

export interface RetryOptions {
  /** Total attempts including the first, for calls without a deadline (with one, the deadline bounds them). */
  readonly maxAttempts: number;
  /** Backoff base: the first retry waits up to this long. */
  readonly baseDelayMs: number;
  /** No computed backoff exceeds this. */
  readonly maxDelayMs: number;
  /** A server's Retry-After is honoured up to this long, never beyond. */
  readonly maxRetryAfterMs: number;
  /**
   * Retry budget capacity (tokens); each retry spends some, each success refunds one. An empty
   * budget refuses retries of calls without a deadline, and slows those with one to the longest
   * backoff: many failures across calls mean an outage, which retries must not multiply.
   */
  readonly budget: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
  budget: 500,
};

const RETRY_COST = 5;
const TIMEOUT_RETRY_COST = 10;
/**
 * A throttle was refused at the gateway (cheap for the cloud), and the adaptive rate limit already
 * bounds what throttled callers send: it costs what a success refunds, so sustained throttling
 * alone neither drains nor refills the budget.
 */
const THROTTLE_RETRY_COST = 1;
const SUCCESS_REFUND = 1;

/**
 * A token bucket shared by every call of one client: when many calls fail at once (an outage), the
 * bucket empties and further retries are refused rather than multiplying the load.
 */
export class RetryBudget {
  private tokens: number;
  constructor(private readonly capacity: number) {
    this.tokens = capacity;
  }
  get available(): number {
    return this.tokens;
  }
  tryAcquire(error: unknown): number | undefined {
    const cost = hasKind(error, "timeout") ? TIMEOUT_RETRY_COST : classify(error) === "throttling" ? THROTTLE_RETRY_COST : RETRY_COST;
    if (this.tokens < cost) return undefined;
    this.tokens -= cost;
    return cost;
  }
  release(amount: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + amount);
  }
  recordSuccess(): void {
    this.release(SUCCESS_REFUND);
  }
}

/** Full jitter: uniform in [0, min(cap, base · 2^(retry-1))]. `retry` counts from 1. */
export function backoffDelay(retry: number, options: RetryOptions, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/** Parses `Retry-After` (delta seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export type RetryDecision =
  | {
      readonly retry: true;
      readonly delayMs: number;
      /** The cloud asked to slow down (as opposed to another transient failure). */
      readonly throttled: boolean;
      /** The shared retry budget is spent: this retry waits the longest backoff instead of failing. */
      readonly slowed: boolean;
    }
  | {
      readonly retry: false;
      readonly reason: string;
      /** True when the call's deadline, not the failure, ended the retries. */
      readonly outOfTime?: boolean;
    };

export interface DecideInput {
  readonly error: unknown;
  /** Attempts made so far (1 after the first failure). */
  readonly attempt: number;
  readonly idempotent: Idempotency;
  readonly options: RetryOptions;
  readonly budget: RetryBudget;
  readonly random: () => number;
  /** Epoch ms the call must be done by: retries go on until then, with no attempt limit. */
  readonly deadline?: number | undefined;
  /** The clock's time now (epoch ms); needed with a deadline. */
  readonly now?: number;
}

export function decideRetry(input: DecideInput): RetryDecision {
  const { error, attempt, options } = input;
  const cls = classify(error);
  if (!isRetryableClass(cls)) return { retry: false, reason: `not retryable (${cls})` };
  if (input.idempotent === false && !certainlyNotProcessed(error)) {
    return { retry: false, reason: "not idempotent and the request may have been processed" };
  }
  const remaining = input.deadline === undefined ? undefined : input.deadline - (input.now ?? 0);
  if (remaining === undefined && attempt >= options.maxAttempts) return { retry: false, reason: `attempt limit (${options.maxAttempts}) reached` };
  if (remaining !== undefined && remaining <= 0) return { retry: false, reason: "deadline reached", outOfTime: true };
  let delayMs: number;
  let slowed = false;
  if (input.budget.tryAcquire(error) !== undefined) {
    delayMs = backoffDelay(attempt, options, input.random);
  } else if (remaining === undefined) {
    return { retry: false, reason: "retry budget exhausted" };
  } else {
    // Equal jitter at the cap: the slowest pace, still spread so that callers do not synchronise.
    slowed = true;
    delayMs = Math.floor(options.maxDelayMs / 2 + input.random() * (options.maxDelayMs / 2));
  }
  const hinted = hasKind(error, "http") ? error.retryAfterMs : undefined;
  if (hinted !== undefined) delayMs = Math.min(Math.max(hinted, delayMs), options.maxRetryAfterMs);
  if (remaining !== undefined) delayMs = Math.min(delayMs, remaining);
  return { retry: true, delayMs, throttled: cls === "throttling", slowed };
}
