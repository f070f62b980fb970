/**
 * Retry policy in three small parts: the decision (attempt limit, idempotency, budget), the backoff
 * (full jitter with a cap) and the server hint (`Retry-After`, clamped).
 */
import { certainlyNotProcessed, classify, isRetryableClass } from "./classify";
import { hasKind } from "./errors";
import type { Idempotency } from "./operation";

export interface RetryOptions {
  /** Total attempts including the first. */
  readonly maxAttempts: number;
  /** Backoff base: the first retry waits up to this long. */
  readonly baseDelayMs: number;
  /** No computed backoff exceeds this. */
  readonly maxDelayMs: number;
  /** A server's Retry-After is honoured up to this long, never beyond. */
  readonly maxRetryAfterMs: number;
  /** Retry budget capacity (tokens); each retry spends some, each success refunds one. */
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
    const cost = hasKind(error, "timeout") ? TIMEOUT_RETRY_COST : RETRY_COST;
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

export type RetryDecision = { readonly retry: true; readonly delayMs: number } | { readonly retry: false; readonly reason: string };

export interface DecideInput {
  readonly error: unknown;
  /** Attempts made so far (1 after the first failure). */
  readonly attempt: number;
  readonly idempotent: Idempotency;
  readonly options: RetryOptions;
  readonly budget: RetryBudget;
  readonly random: () => number;
}

export function decideRetry(input: DecideInput): RetryDecision {
  const { error, attempt, options } = input;
  const cls = classify(error);
  if (!isRetryableClass(cls)) return { retry: false, reason: `not retryable (${cls})` };
  if (input.idempotent === false && !certainlyNotProcessed(error)) {
    return { retry: false, reason: "not idempotent and the request may have been processed" };
  }
  if (attempt >= options.maxAttempts) return { retry: false, reason: `attempt limit (${options.maxAttempts}) reached` };
  if (input.budget.tryAcquire(error) === undefined) return { retry: false, reason: "retry budget exhausted" };
  let delayMs = backoffDelay(attempt, options, input.random);
  const hinted = hasKind(error, "http") ? error.retryAfterMs : undefined;
  if (hinted !== undefined) delayMs = Math.min(Math.max(hinted, delayMs), options.maxRetryAfterMs);
  return { retry: true, delayMs };
}
