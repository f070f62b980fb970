/**
 * The client's error family. One class per failure kind, each with a literal `name`, structured
 * fields and the original `cause`. Messages name the operation, the error code and the request id
 * and never contain a credential or a request body.
 *
 * Pulumi programs often load two copies of a library (the program's and the provider process's),
 * so `instanceof` is unreliable across copies: use `isCtyunError` and the `kind` field instead.
 */

import { humanDuration } from "./human-duration";

const BRAND = Symbol.for("pulumi-ctyun.CtyunError");

export type CtyunErrorKind =
  | "service"
  | "http"
  | "network"
  | "timeout"
  | "response-shape"
  | "invalid-request"
  | "order-failed"
  | "job-failed"
  | "waiter-timeout"
  | "aborted"
  | "config";

/** Where a request ended up: the operation, the last request id and how many attempts were made. */
export interface RequestMeta {
  readonly operation: string;
  readonly requestId?: string;
  readonly attempts?: number;
}

export abstract class CtyunError extends Error {
  abstract readonly kind: CtyunErrorKind;
  readonly operation: string | undefined;
  requestId: string | undefined;
  attempts: number | undefined;
  /** Why a retryable failure was not retried (the deadline, attempt limit, retry budget, not idempotent). */
  retryRefusedReason: string | undefined;
  /**
   * True when an earlier attempt of the same call failed in a way that may have reached the cloud
   * (a 5xx, a reset, a read timeout): what this attempt was refused for may be that attempt's work.
   * Throttled and never-sent attempts do not count.
   */
  mayRepeatEarlierAttempt: boolean;
  /** How long the call went on, first attempt to giving up (set when it was retried). */
  retriedForMs: number | undefined;

  /** The message without the request-metadata suffix. */
  private baseMessage: string;

  protected constructor(message: string, meta: Partial<RequestMeta> = {}, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.baseMessage = message;
    this.operation = meta.operation;
    this.requestId = meta.requestId;
    this.attempts = meta.attempts;
    this.retryRefusedReason = undefined;
    this.mayRepeatEarlierAttempt = false;
    this.retriedForMs = undefined;
    Object.defineProperty(this, BRAND, { value: true });
    Object.defineProperty(this, "baseMessage", { enumerable: false });
    this.message = message + suffix(meta);
  }

  /** Adds what the caller knows and the failure did not say (the URL tried, where it came from). */
  addDetail(detail: string): void {
    this.baseMessage = `${this.baseMessage} (${detail})`;
    this.message = this.baseMessage + suffix({ ...(this.attempts ? { attempts: this.attempts } : {}), ...(this.requestId ? { requestId: this.requestId } : {}) });
  }

  /** Records which attempt failed last (the pipeline knows it only after the error exists). */
  recordAttempt(attempts: number, requestId: string | undefined): void {
    this.attempts = attempts;
    this.requestId ??= requestId;
    this.message = this.baseMessage + suffix(this);
  }

  /** Records that a retried call stopped here, why, and after how long (named in the message). */
  recordGiveUp(reason: string, retriedForMs: number): void {
    this.retryRefusedReason = reason;
    this.retriedForMs = retriedForMs;
    this.message = this.baseMessage + suffix(this);
  }

}

export function isCtyunError(value: unknown): value is CtyunError {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** ` (request id R, 31 attempts in 4m59s; gave up: the 5m create timeout ran out)`, or the parts known. */
interface SuffixParts {
  readonly requestId?: string | undefined;
  readonly attempts?: number | undefined;
  readonly retriedForMs?: number | undefined;
  readonly retryRefusedReason?: string | undefined;
}

function suffix(meta: SuffixParts): string {
  const parts: string[] = [];
  if (meta.requestId) parts.push(`request id ${meta.requestId}`);
  if (meta.attempts && meta.attempts > 1) parts.push(`${meta.attempts} attempts${meta.retriedForMs !== undefined ? ` in ${humanDuration(meta.retriedForMs)}` : ""}`);
  const gaveUp = meta.attempts && meta.attempts > 1 && meta.retryRefusedReason ? `; gave up: ${meta.retryRefusedReason}` : "";
  return parts.length ? ` (${parts.join(", ")}${gaveUp})` : "";
}

/** The gateway answered with a business failure: `statusCode` other than 800. */
export class CtyunServiceError extends CtyunError {
  override readonly name = "CtyunServiceError";
  readonly kind = "service" as const;
  constructor(
    readonly statusCode: string,
    readonly errorCode: string,
    readonly serviceMessage: string,
    readonly description: string,
    /** The envelope's `returnObj`, which CTyun fills even on some failures (e.g. an order in progress). */
    readonly returnObj: unknown,
    readonly httpStatus: number,
    meta: RequestMeta,
  ) {
    const detail = [serviceMessage, description].filter((s) => s && s.length > 0).join(" / ");
    super(`${meta.operation} failed: ${errorCode}${detail ? `: ${detail}` : ""}`, meta);
  }
}

/** A non-2xx HTTP status (the gateway itself refused, or a proxy failed). */
export class CtyunHttpError extends CtyunError {
  override readonly name = "CtyunHttpError";
  readonly kind = "http" as const;
  constructor(
    readonly status: number,
    /** The error code from a JSON envelope in the body, when there is one. */
    readonly errorCode: string | undefined,
    readonly retryAfterMs: number | undefined,
    meta: RequestMeta,
    detail?: string,
  ) {
    super(`${meta.operation} failed: HTTP ${status}${errorCode ? ` ${errorCode}` : ""}${detail ? `: ${detail}` : ""}`, meta);
  }
}

/** The connection failed or broke (reset, refused, DNS). `code` is Node's error code. */
export class CtyunNetworkError extends CtyunError {
  override readonly name = "CtyunNetworkError";
  readonly kind = "network" as const;
  constructor(
    readonly code: string,
    /** True when the request certainly never reached the server (connection refused or not made). */
    readonly notSent: boolean,
    meta: RequestMeta,
    cause: unknown,
  ) {
    super(`${meta.operation} failed: network error ${code}`, meta, { cause });
  }
}

/** An attempt exceeded its connect or read timeout. */
export class CtyunTimeoutError extends CtyunError {
  override readonly name = "CtyunTimeoutError";
  readonly kind = "timeout" as const;
  constructor(
    readonly phase: "connect" | "read",
    readonly timeoutMs: number,
    meta: RequestMeta,
    cause?: unknown,
  ) {
    super(`${meta.operation} failed: ${phase} timeout after ${timeoutMs} ms`, meta, { cause });
  }
}

/** The response was not the documented shape (not JSON, no envelope, or `returnObj` mismatched). */
export class ResponseShapeError extends CtyunError {
  override readonly name = "ResponseShapeError";
  readonly kind = "response-shape" as const;
  constructor(
    readonly issues: readonly string[],
    meta: RequestMeta,
  ) {
    super(`${meta.operation} returned an unexpected response: ${issues.slice(0, 5).join("; ")}`, meta);
  }
}

/** Our own request failed validation before anything was sent (a bug in the caller). */
export class InvalidRequestError extends CtyunError {
  override readonly name = "InvalidRequestError";
  readonly kind = "invalid-request" as const;
  constructor(
    readonly issues: readonly string[],
    meta: RequestMeta,
  ) {
    super(`${meta.operation} was not sent, its input is invalid: ${issues.slice(0, 5).join("; ")}`, meta);
  }
}

/** A billing order ended in a status other than finished. */
export class OrderFailedError extends CtyunError {
  override readonly name = "OrderFailedError";
  readonly kind = "order-failed" as const;
  constructor(
    readonly masterOrderId: string,
    readonly orderStatus: string,
    readonly resourceIds: readonly string[],
  ) {
    // The order query carries no reason (its official model has only the status and the ids).
    super(`order ${masterOrderId} ended in status ${orderStatus} (${describeOrderStatus(orderStatus)}; CTyun's order query gives no reason: see the order in the console's order center)`, {
      operation: "QueryOrder",
    });
  }
}

/** An asynchronous job (attach, detach) ended in failure. */
export class JobFailedError extends CtyunError {
  override readonly name = "JobFailedError";
  readonly kind = "job-failed" as const;
  constructor(
    readonly jobId: string,
    readonly jobStatus: string,
    /** The cloud's reason (`fields.failReason`), when it gave one. */
    readonly failReason?: string,
  ) {
    super(`job ${jobId} failed (status ${jobStatus}${failReason ? `: ${failReason}` : ""})`, { operation: "QueryJob" });
  }
}

/** A waiter gave up at its deadline. `observed` counts what each poll saw. */
export class WaiterTimeoutError extends CtyunError {
  override readonly name = "WaiterTimeoutError";
  readonly kind = "waiter-timeout" as const;
  constructor(
    readonly waitingFor: string,
    readonly elapsedMs: number,
    readonly observed: Readonly<Record<string, number>>,
    readonly lastError?: unknown,
  ) {
    const seen = Object.entries(observed)
      .map(([state, count]) => `${state} x${count}`)
      .join(", ");
    super(`timed out after ${Math.round(elapsedMs / 1000)}s waiting for ${waitingFor}${seen ? ` (observed: ${seen})` : ""}`, {
      operation: "Wait",
    });
  }
}

/** The caller aborted a request or a wait. */
export class CtyunAbortedError extends CtyunError {
  override readonly name = "CtyunAbortedError";
  readonly kind = "aborted" as const;
  constructor(what: string, cause?: unknown) {
    super(`${what} was aborted`, {}, { cause });
  }
}

/** Configuration is missing or invalid (credentials, region, endpoint). */
export class CtyunConfigError extends CtyunError {
  override readonly name = "CtyunConfigError";
  readonly kind = "config" as const;
  constructor(message: string) {
    super(message);
  }
}

/** Every concrete error of the family, discriminated by `kind`. */
export type AnyCtyunError =
  | CtyunServiceError
  | CtyunHttpError
  | CtyunNetworkError
  | CtyunTimeoutError
  | ResponseShapeError
  | InvalidRequestError
  | OrderFailedError
  | JobFailedError
  | WaiterTimeoutError
  | CtyunAbortedError
  | CtyunConfigError;

/** The error as the discriminated union, or undefined for anything that is not ours. */
export function asCtyunError(value: unknown): AnyCtyunError | undefined {
  return isCtyunError(value) ? (value as AnyCtyunError) : undefined;
}

/** True when `value` is our error of this kind (works across copies of the library). */
export function hasKind<K extends CtyunErrorKind>(value: unknown, kind: K): value is Extract<AnyCtyunError, { kind: K }> {
  return asCtyunError(value)?.kind === kind;
}

/**
 * The short name a failure goes by in logs and progress lines: the service's error code, the HTTP
 * status (with its envelope's code), Node's network code, the timeout phase, else the kind.
 */
export function failureCode(value: unknown): string {
  const error = asCtyunError(value);
  if (!error) return "unknown";
  switch (error.kind) {
    case "service":
      return error.errorCode;
    case "http":
      return error.errorCode ? `${error.status} ${error.errorCode}` : String(error.status);
    case "network":
      return error.code;
    case "timeout":
      return `${error.phase}-timeout`;
    default:
      return error.kind;
  }
}

/**
 * The failure as a progress line names it: `HTTP 429 Openapi.Throttling`, `HTTP 503`, `ECONNRESET`,
 * `read timeout`, or the service's error code.
 */
export function describeFailure(value: unknown): string {
  const error = asCtyunError(value);
  if (error?.kind === "http") return `HTTP ${failureCode(error)}`;
  if (error?.kind === "timeout") return `${error.phase} timeout`;
  return failureCode(value);
}

/** True when `error` is a service error with one of the given codes. */
export function isServiceError(error: unknown, ...codes: string[]): error is CtyunServiceError {
  const e = asCtyunError(error);
  return e?.kind === "service" && (codes.length === 0 || codes.includes(e.errorCode));
}

const ORDER_STATUS_NAMES: Readonly<Record<string, string>> = {
  "-2": "pending withdrawal",
  "-1": "unknown",
  "0": "error",
  "1": "waiting for payment",
  "2": "paid",
  "3": "finished",
  "4": "cancelled",
  "5": "provisioning failed",
  "7": "paying",
  "8": "pending review",
  "9": "review passed",
  "10": "review rejected",
  "11": "withdrawn",
  "12": "unsubscribing",
  "13": "unsubscribed",
  "14": "provisioning",
  "15": "change removed",
  "16": "auto-withdrawing",
  "17": "withdrawing",
  "18": "terminating",
  "22": "payment failed",
  "999": "deleted",
};

export function describeOrderStatus(status: string): string {
  return ORDER_STATUS_NAMES[status] ?? "unrecognised status";
}
