/**
 * EOP signature verification (spec A.10), a pure function: headers, raw query, raw body, the time and
 * a key lookup in; the verified access key out, or an AuthError. The signing maths are the emulator's
 * own (eop-signing.ts), pinned by the shared vectors independently of the provider's signer.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { AuthError } from "../errors";
import { BEIJING_UTC_OFFSET_MINUTES, bodyDigest, eopDateInstant, expectedSignature, signedQueryCandidates, stringToSign } from "./eop-signing";

export const REQUEST_ID_HEADER = "ctyun-eop-request-id";
export const DATE_HEADER = "eop-date";
export const AUTHORIZATION_HEADER = "eop-authorization";

export interface VerifyInput {
  /** Case-insensitive header lookup (names are passed lower-case). */
  readonly header: (lowerCaseName: string) => string | undefined;
  /** The query exactly as received, without `?`. */
  readonly rawQuery: string;
  readonly body: Buffer;
  readonly lookupSecret: (accessKey: string) => string | undefined;
  /** Emulator time in epoch ms; the date check is skipped when `windowMinutes` is null. */
  readonly now: number;
  readonly windowMinutes: number | null;
}

export interface ParsedAuthorization {
  readonly accessKey: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** `<AK> Headers=a;b Signature=<b64>`; tolerant of extra spaces, strict about the three parts. */
export function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const match = /^\s*(\S+)\s+Headers=(\S+)\s+Signature=(\S+)\s*$/.exec(value);
  if (!match) return undefined;
  const signedHeaders = match[2]!.split(";").map((name) => name.trim().toLowerCase()).filter((name) => name !== "");
  return { accessKey: match[1]!, signedHeaders, signature: match[3]! };
}

/**
 * Stands in for the secret of an access key nobody has: the signature is computed and compared all
 * the same, so an unknown key gets exactly the answer of a wrong signature (same code, status,
 * message, and about the same time) and the gateway is no oracle for which access keys exist.
 */
const NO_SUCH_KEY_SECRET = randomBytes(16).toString("hex");

export const SIGNATURE_MISMATCH_MESSAGE = "the request signature does not match the signature computed by the server";

/**
 * Verifies one request; returns the access key or throws an AuthError. Order: headers present →
 * authorization well-formed → date → signed headers present → signature (an unknown access key is a
 * signature that does not match).
 */
export function verifyEopSignature(input: VerifyInput): { readonly accessKey: string } {
  const authorization = requireHeader(input, AUTHORIZATION_HEADER);
  const requestId = requireHeader(input, REQUEST_ID_HEADER);
  const eopDate = requireHeader(input, DATE_HEADER);

  const parsed = parseAuthorization(authorization);
  if (!parsed) throw new AuthError("Openapi.Auth.MalformedAuthorization", "Eop-Authorization must look like '<AK> Headers=<h1;h2> Signature=<base64>'", 401);
  for (const required of [REQUEST_ID_HEADER, DATE_HEADER]) {
    if (!parsed.signedHeaders.includes(required)) {
      throw new AuthError("Openapi.Auth.MalformedAuthorization", `Eop-Authorization Headers= must include ${required}`, 401);
    }
  }
  checkDate(eopDate, input.now, input.windowMinutes);

  const headerBlock = parsed.signedHeaders.map((name) => {
    const value = name === REQUEST_ID_HEADER ? requestId : name === DATE_HEADER ? eopDate : input.header(name);
    if (value === undefined) throw new AuthError("Openapi.Auth.MissingHeader", `signed header ${name} is missing`, 401);
    return [name, value] as const;
  });
  const known = input.lookupSecret(parsed.accessKey);
  const secretKey = known ?? NO_SUCH_KEY_SECRET;
  const bodyHash = bodyDigest(input.body);
  const provided = Buffer.from(parsed.signature, "utf8");
  let matched = false;
  for (const query of signedQueryCandidates(input.rawQuery)) {
    const expected = Buffer.from(expectedSignature(secretKey, parsed.accessKey, eopDate, stringToSign(headerBlock, query, bodyHash)), "utf8");
    if (expected.length === provided.length && timingSafeEqual(expected, provided)) matched = true;
  }
  if (matched && known !== undefined) return { accessKey: parsed.accessKey };
  throw new AuthError("Openapi.Auth.SignatureDoesNotMatch", SIGNATURE_MISMATCH_MESSAGE, 403);
}

function requireHeader(input: VerifyInput, name: string): string {
  const value = input.header(name);
  if (value === undefined || value === "") throw new AuthError("Openapi.Auth.MissingHeader", `header ${name} is required`, 401);
  return value;
}

/**
 * `eop-date` is Beijing time (UTC+8) within ±`windowMinutes` of the gateway's clock (gateway doc:
 * Beijing time, valid 15 minutes). CTyun's SDKs format the host's local clock with a literal Z
 * (Python SDK v2 `datetime.now().strftime('%Y%m%dT%H%M%SZ')`, Go SDK `time.Now().Format(
 * "20060102T150405Z")`), which is Beijing time on the hosts in China they are written for; on a host
 * in another zone they send that zone's time, which the gateway's rule refuses, and so do we. The
 * message says so when the date reads right as UTC.
 */
function checkDate(eopDate: string, now: number, windowMinutes: number | null): void {
  const asBeijing = eopDateInstant(eopDate, BEIJING_UTC_OFFSET_MINUTES);
  if (asBeijing === undefined) throw new AuthError("Openapi.Auth.InvalidDate", `eop-date ${eopDate} is not yyyyMMddTHHmmssZ`, 401);
  if (windowMinutes === null) return;
  const window = windowMinutes * 60_000;
  if (Math.abs(now - asBeijing) <= window) return;
  const minutes = Math.round((asBeijing - now) / 60_000);
  const off = `${Math.abs(minutes)} min ${minutes > 0 ? "ahead of" : "behind"}`;
  const asUtc = eopDateInstant(eopDate, 0) as number;
  const hint = Math.abs(now - asUtc) <= window ? " (it is UTC: eop-date must be Beijing time, UTC+8; CTyun's SDKs send the host's local time, so run them with TZ=Asia/Shanghai)" : "";
  throw new AuthError("Openapi.Auth.RequestExpired", `eop-date ${eopDate} read as Beijing time (UTC+8) is ${off} the gateway's clock, outside the ±${windowMinutes} min window${hint}`, 403);
}
