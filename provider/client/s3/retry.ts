/**
 * When an S3 call is tried again: throttling (503 SlowDown, 429) and transient failures (5xx, a
 * reset or dropped connection, a timeout) are retried until the resource step's deadline, with the
 * EOP client's backoff and `Retry-After` rules (../retry.ts); anything else fails at once. Every
 * operation BucketObject sends is safe to repeat: PUT/DELETE/HEAD/GET are idempotent, a repeated
 * CreateMultipartUpload leaves an unused upload at worst, and a repeated CompleteMultipartUpload
 * is settled by its caller (objects.ts).
 */
import { TRANSIENT_HTTP_STATUSES, TRANSIENT_NETWORK_CODES } from "../classify";
import { backoffDelay, DEFAULT_RETRY } from "../retry";

/** S3's codes for "slow down" (S3 API reference, error responses). */
const THROTTLING_CODES = ["SlowDown", "Throttling", "RequestLimitExceeded", "TooManyRequests"];
const TRANSIENT_CODES = ["InternalError", "ServiceUnavailable", "RequestTimeout"];

export interface S3RetryOptions {
  /** Epoch ms the call must be done by; without one, `DEFAULT_RETRY.maxAttempts` bound it. */
  readonly deadline?: number | undefined;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /** Told before each wait (progress lines). */
  readonly onRetry?: ((event: { operation: string; attempt: number; delayMs: number; failure: string; throttled: boolean }) => void) | undefined;
}

export type S3FailureClass = "throttling" | "transient" | "final";

/** Classifies a failed attempt: an S3 error answer (`code`, `status`) or a socket error (`code`). */
export function classifyS3Failure(error: { code?: unknown; status?: unknown }): S3FailureClass {
  const code = typeof error.code === "string" ? error.code : undefined;
  const status = typeof error.status === "number" ? error.status : undefined;
  if (status === undefined) return code !== undefined && TRANSIENT_NETWORK_CODES.includes(code) ? "transient" : "final";
  if (status === 429 || (code !== undefined && THROTTLING_CODES.includes(code))) return "throttling";
  if (TRANSIENT_HTTP_STATUSES.includes(status) || (code !== undefined && TRANSIENT_CODES.includes(code))) return "transient";
  return "final";
}

/** Milliseconds to wait before the next attempt, or undefined to give up. */
export function s3RetryDelay(error: { code?: unknown; status?: unknown; retryAfterMs?: number | undefined }, attempt: number, options: S3RetryOptions): number | undefined {
  if (classifyS3Failure(error) === "final") return undefined;
  const remaining = options.deadline === undefined ? undefined : options.deadline - options.now();
  if (remaining === undefined ? attempt >= DEFAULT_RETRY.maxAttempts : remaining <= 0) return undefined;
  let delay = backoffDelay(attempt, DEFAULT_RETRY, options.random);
  if (error.retryAfterMs !== undefined) delay = Math.min(Math.max(delay, error.retryAfterMs), DEFAULT_RETRY.maxRetryAfterMs);
  return remaining === undefined ? delay : Math.min(delay, remaining);
}
