/**
 * Maps a failed attempt to a retry class using constant lists, so the retry decision reads as a
 * table rather than scattered conditions.
 */
import { isCtyunError, type CtyunError, type CtyunHttpError, type CtyunNetworkError, type CtyunServiceError } from "./errors";

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
  if (!isCtyunError(error)) return "unknown";
  const e = error as CtyunError;
  switch (e.kind) {
    case "service":
      return THROTTLING_ERROR_CODES.includes((e as CtyunServiceError).errorCode) ? "throttling" : "client";
    case "http": {
      const status = (e as CtyunHttpError).status;
      if (THROTTLING_HTTP_STATUSES.includes(status)) return "throttling";
      if (TRANSIENT_HTTP_STATUSES.includes(status)) return "transient";
      return status >= 500 ? "server" : "client";
    }
    case "network":
      return TRANSIENT_NETWORK_CODES.includes((e as CtyunNetworkError).code) ? "transient" : "unknown";
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
  if (!isCtyunError(error)) return false;
  if (classify(error) === "throttling") return true;
  if (error.kind === "network") return (error as CtyunNetworkError).notSent;
  if (error.kind === "timeout") return (error as { phase?: string }).phase === "connect";
  return false;
}
