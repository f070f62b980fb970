/**
 * CTyun EOP request signing (spec A). Pure functions: the clock and the request id are inputs, so
 * every signature is reproducible from its arguments and pinned by the shared vectors.
 */
import { createHmac, randomUUID } from "node:crypto";
import { canonicalQuery, sha256Hex, type QueryPair } from "./canonical";

export const SIGNED_HEADERS = ["ctyun-eop-request-id", "eop-date"] as const;

/** Beijing time: the gateway reads `eop-date` as UTC+8 wall-clock time with a literal `Z`. */
export const BEIJING_OFFSET_MINUTES = 8 * 60;

export interface SignRequestInput {
  readonly accessKey: string;
  readonly secretKey: string;
  /** Query parameters in the order the caller holds them; the canonical form sorts them. */
  readonly query: readonly QueryPair[];
  /** The exact body string that will be sent ("" for none). */
  readonly body: string;
  /** A fresh id per HTTP attempt; defaults to a random UUID. */
  readonly requestId?: string;
  /** `yyyyMMddTHHmmssZ`; defaults to `formatEopDate(now())`. */
  readonly eopDate?: string;
  /** Clock used when `eopDate` is not given. */
  readonly now?: () => Date;
}

export interface SignedHeaders {
  readonly "ctyun-eop-request-id": string;
  readonly "eop-date": string;
  readonly "eop-authorization": string;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** Formats an instant as `yyyyMMdd'T'HHmmss'Z'` in the given UTC offset (Beijing by default). */
export function formatEopDate(instant: Date, offsetMinutes: number = BEIJING_OFFSET_MINUTES): string {
  const t = new Date(instant.getTime() + offsetMinutes * 60_000);
  return (
    `${pad(t.getUTCFullYear(), 4)}${pad(t.getUTCMonth() + 1)}${pad(t.getUTCDate())}` +
    `T${pad(t.getUTCHours())}${pad(t.getUTCMinutes())}${pad(t.getUTCSeconds())}Z`
  );
}

/** Reads an `eop-date` value as wall-clock time in the given offset; undefined when malformed. */
export function parseEopDate(value: string, offsetMinutes: number = BEIJING_OFFSET_MINUTES): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const date = new Date(utc);
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  return new Date(utc - offsetMinutes * 60_000);
}

/**
 * The string to sign: the signed header block (`name:value\n`, names lower-case and sorted), an empty
 * line, the canonical query, a newline and the body hash.
 */
export function stringToSign(headers: ReadonlyArray<readonly [string, string]>, query: string, bodyHash: string): string {
  const block = [...headers]
    .map(([name, value]) => [name.toLowerCase(), value] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}:${value}\n`)
    .join("");
  return `${block}\n${query}\n${bodyHash}`;
}

function hmac(key: string | Buffer, message: string): Buffer {
  return createHmac("sha256", key).update(message, "utf8").digest();
}

/** Derives the signing key (SK → date → AK → day) and returns the Base64 signature of `toSign`. */
export function computeSignature(secretKey: string, accessKey: string, eopDate: string, toSign: string): string {
  const kTime = hmac(secretKey, eopDate);
  const kAk = hmac(kTime, accessKey);
  const kDate = hmac(kAk, eopDate.slice(0, 8));
  return hmac(kDate, toSign).toString("base64");
}

export function authorizationHeader(accessKey: string, signature: string, headerNames: readonly string[] = SIGNED_HEADERS): string {
  return `${accessKey} Headers=${headerNames.join(";")} Signature=${signature}`;
}

export interface SignCanonicalInput {
  readonly accessKey: string;
  readonly secretKey: string;
  /** The query exactly as it appears in the URL (already canonical). */
  readonly canonicalQuery: string;
  readonly body: string;
  readonly requestId: string;
  readonly eopDate: string;
}

/** Signs with a query string that is already canonical: the pipeline's path, where URL and signature share one string. */
export function signCanonical(input: SignCanonicalInput): SignedHeaders {
  const toSign = stringToSign(
    [
      ["ctyun-eop-request-id", input.requestId],
      ["eop-date", input.eopDate],
    ],
    input.canonicalQuery,
    sha256Hex(input.body),
  );
  return {
    "ctyun-eop-request-id": input.requestId,
    "eop-date": input.eopDate,
    "eop-authorization": authorizationHeader(input.accessKey, computeSignature(input.secretKey, input.accessKey, input.eopDate, toSign)),
  };
}

/** Signs one HTTP attempt and returns the three EOP headers (lower-case names). */
export function signRequest(input: SignRequestInput): SignedHeaders {
  return signCanonical({
    accessKey: input.accessKey,
    secretKey: input.secretKey,
    canonicalQuery: canonicalQuery(input.query),
    body: input.body,
    requestId: input.requestId ?? randomUUID(),
    eopDate: input.eopDate ?? formatEopDate((input.now ?? (() => new Date()))()),
  });
}
