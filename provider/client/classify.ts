/**
 * Maps a failed attempt to a retry class using constant lists, so the retry decision reads as a
 * table rather than scattered conditions.
 */
import { asCtyunError } from "./errors";

export type FailureClass = "throttling" | "transient" | "client" | "server" | "unknown";

/**
 * Business codes that mean "slow down". CTyun documents none (spec C.4); these are the codes its
 * gateways are known or expected to use, and the emulator answers throttling with HTTP 429 anyway.
 */
export const THROTTLING_ERROR_CODES: readonly string[] = [
  "Openapi.Throttling",
  "Openapi.RequestLimit.Exceeded",
  "Throttling",
  "TooManyRequests",
];

export const TRANSIENT_HTTP_STATUSES: readonly number[] = [500, 502, 503, 504];
export const THROTTLING_HTTP_STATUSES: readonly number[] = [429];

/** Node socket errors worth another attempt. */
export const TRANSIENT_NETWORK_CODES: readonly string[] = [
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EAI_AGAIN",
  "ERR_SOCKET_CONNECTION_TIMEOUT",
];

export function classify(error: unknown): FailureClass {
  const e = asCtyunError(error);
  if (!e) return "unknown";
  switch (e.kind) {
    case "service":
      return THROTTLING_ERROR_CODES.includes(e.errorCode) ? "throttling" : "client";
    case "http":
      if (THROTTLING_HTTP_STATUSES.includes(e.status)) return "throttling";
      if (TRANSIENT_HTTP_STATUSES.includes(e.status)) return "transient";
      return e.status >= 500 ? "server" : "client";
    case "network":
      return TRANSIENT_NETWORK_CODES.includes(e.code) ? "transient" : "unknown";
    case "timeout":
      return "transient";
    default:
      return "client";
  }
}

export function isRetryableClass(cls: FailureClass): boolean {
  return cls === "throttling" || cls === "transient";
}

/**
 * True when the failed attempt certainly had no effect on the server: it was throttled (rejected
 * before processing) or never sent. Only such failures may be retried for non-idempotent calls.
 */
export function certainlyNotProcessed(error: unknown): boolean {
  const e = asCtyunError(error);
  if (!e) return false;
  if (classify(e) === "throttling") return true;
  if (e.kind === "network") return e.notSent;
  if (e.kind === "timeout") return e.phase === "connect";
  return false;
}

/**
 * False only when the failed call certainly changed nothing in the cloud: its last attempt was
 * refused (a service error, a throttle) or never sent, and no earlier attempt may have landed.
 */
export function mayHaveTakenEffect(error: unknown): boolean {
  const e = asCtyunError(error);
  if (!e) return true;
  if (e.mayRepeatEarlierAttempt) return true;
  return e.kind !== "service" && !certainlyNotProcessed(e);
}
