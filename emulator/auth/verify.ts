/**
 * EOP signature verification (spec A.10), a pure function: headers, raw query, raw body, the time and
 * a key lookup in; the verified access key out, or an AuthError. The signing maths are the emulator's
 * own (eop-signing.ts), pinned by the shared vectors independently of the provider's signer.
 */
import { timingSafeEqual } from "node:crypto";
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

/** Verifies one request; returns the access key or throws an AuthError. */
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
  const secretKey = input.lookupSecret(parsed.accessKey);
  if (secretKey === undefined) throw new AuthError("Openapi.Auth.AccessKeyNotFound", `access key ${parsed.accessKey} does not exist`, 401);

  checkDate(eopDate, input.now, input.windowMinutes);

  const headerBlock = parsed.signedHeaders.map((name) => {
    const value = name === REQUEST_ID_HEADER ? requestId : name === DATE_HEADER ? eopDate : input.header(name);
    if (value === undefined) throw new AuthError("Openapi.Auth.MissingHeader", `signed header ${name} is missing`, 401);
    return [name, value] as const;
  });
  const bodyHash = bodyDigest(input.body);
  const provided = Buffer.from(parsed.signature, "utf8");
  for (const query of signedQueryCandidates(input.rawQuery)) {
    const expected = Buffer.from(expectedSignature(secretKey, parsed.accessKey, eopDate, stringToSign(headerBlock, query, bodyHash)), "utf8");
    if (expected.length === provided.length && timingSafeEqual(expected, provided)) return { accessKey: parsed.accessKey };
  }
  throw new AuthError("Openapi.Auth.SignatureDoesNotMatch", "the request signature does not match the signature computed by the server", 403);
}

function requireHeader(input: VerifyInput, name: string): string {
  const value = input.header(name);
  if (value === undefined || value === "") throw new AuthError("Openapi.Auth.MissingHeader", `header ${name} is required`, 401);
  return value;
}

/**
 * The clock value is Beijing time per the gateway doc; CTyun's own SDKs format the machine's local
 * time (Python `datetime.now()`, Go `time.Now()`) with a literal Z, which on a UTC machine is UTC:
 * accept either reading (spec A.10.5).
 */
function checkDate(eopDate: string, now: number, windowMinutes: number | null): void {
  const asBeijing = eopDateInstant(eopDate, BEIJING_UTC_OFFSET_MINUTES);
  const asUtc = eopDateInstant(eopDate, 0);
  if (asBeijing === undefined || asUtc === undefined) throw new AuthError("Openapi.Auth.InvalidDate", `eop-date ${eopDate} is not yyyyMMddTHHmmssZ`, 401);
  if (windowMinutes === null) return;
  const window = windowMinutes * 60_000;
  if (Math.abs(now - asBeijing) <= window || Math.abs(now - asUtc) <= window) return;
  throw new AuthError("Openapi.Auth.RequestExpired", `eop-date ${eopDate} is outside the ±${windowMinutes} min window`, 403);
}
