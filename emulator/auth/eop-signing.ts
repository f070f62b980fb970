/**
 * The gateway side of CTyun's EOP signature (spec A.3, A.4, A.10), written for the emulator alone:
 * reading the query the client sent, the canonical query strings a legitimate client may have signed,
 * the string to sign, the HMAC-SHA256 key chain and the `eop-date` clock value. The shared vectors in
 * test/fixtures/eop-signing-vectors.json pin it, independently of the provider's signer.
 */
import { createHash, createHmac } from "node:crypto";

/** One decoded query parameter, in the order received. */
export type QueryPair = readonly [key: string, value: string];

/**
 * Decodes a raw query like Go's `url.ParseQuery`: `&`-separated, `+` is a space, `%XX` are UTF-8
 * bytes. Undefined when an escape is malformed.
 */
export function parseQuery(raw: string): QueryPair[] | undefined {
  const pairs: QueryPair[] = [];
  for (const field of raw.split("&")) {
    if (field === "") continue;
    const at = field.indexOf("=");
    const [key, value] = at < 0 ? [field, ""] : [field.slice(0, at), field.slice(at + 1)];
    const decodedKey = decodeComponent(key);
    const decodedValue = decodeComponent(value);
    if (decodedKey === undefined || decodedValue === undefined) return undefined;
    pairs.push([decodedKey, decodedValue]);
  }
  return pairs;
}

function decodeComponent(text: string): string | undefined {
  try {
    return decodeURIComponent(text.split("+").join(" "));
  } catch {
    return undefined;
  }
}

/** Percent-encodes every UTF-8 byte except `A-Z a-z 0-9 - _ . ~`; `space` as given (`+` or `%20`). */
function escapeBytes(text: string, space: "+" | "%20"): string {
  const bytes = Buffer.from(text, "utf8");
  let out = "";
  for (const byte of bytes) {
    const unreserved = (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x2d || byte === 0x5f || byte === 0x2e || byte === 0x7e;
    if (unreserved) out += String.fromCharCode(byte);
    else if (byte === 0x20) out += space;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Keys in UTF-8 byte order; the values of one key keep their received order (a stable sort). */
function sortByKey(pairs: readonly QueryPair[]): QueryPair[] {
  return pairs
    .map((pair, index) => ({ pair, index, key: Buffer.from(pair[0], "utf8") }))
    .sort((a, b) => Buffer.compare(a.key, b.key) || a.index - b.index)
    .map(({ pair }) => pair);
}

type Canonicalizer = (pairs: readonly QueryPair[]) => string;

const join = (pairs: readonly QueryPair[], encodeKey: (k: string) => string, encodeValue: (v: string) => string): string =>
  sortByKey(pairs)
    .map(([key, value]) => `${encodeKey(key)}=${encodeValue(value)}`)
    .join("&");

/** Go `url.Values.Encode()` (CTyun's Go SDK and Terraform provider): both sides escaped, space `+`. */
const goEncoding: Canonicalizer = (pairs) => join(pairs, (k) => escapeBytes(k, "+"), (v) => escapeBytes(v, "+"));
/** The gateway document and CTyun's Python SDK v2 (`quote(value, safe='')`): raw keys, values with `%20`. */
const rfc3986Values: Canonicalizer = (pairs) => join(pairs, (k) => k, (v) => escapeBytes(v, "%20"));
/** Older Python samples: nothing escaped. */
const unescaped: Canonicalizer = (pairs) => join(pairs, (k) => k, (v) => v);

/**
 * Every canonical query a legitimate client may have signed for this raw query: the raw string as
 * received first (the official SDKs sign the string they send), then the re-encodings above.
 */
export function signedQueryCandidates(rawQuery: string): string[] {
  const candidates = new Set<string>([rawQuery]);
  const pairs = parseQuery(rawQuery);
  if (pairs) for (const canonicalize of [goEncoding, rfc3986Values, unescaped]) candidates.add(canonicalize(pairs));
  return [...candidates];
}

/** Lower-case hex SHA-256 of the body bytes exactly as received. */
export function bodyDigest(body: Uint8Array): string {
  return createHash("sha256").update(body).digest("hex");
}

/** `name:value\n` per signed header (names lower-cased, sorted), a blank line, the query, the body digest. */
export function stringToSign(headers: ReadonlyArray<readonly [string, string]>, canonicalQuery: string, digest: string): string {
  const lines = headers.map(([name, value]) => [name.toLowerCase(), value] as const).sort(([a], [b]) => (a === b ? 0 : a < b ? -1 : 1));
  return `${lines.map(([name, value]) => `${name}:${value}\n`).join("")}\n${canonicalQuery}\n${digest}`;
}

/** HMAC-SHA256 chain: secret → eop-date → access key → the date's first 8 characters → the string to sign. */
export function expectedSignature(secretKey: string, accessKey: string, eopDate: string, toSign: string): string {
  const step = (key: string | Buffer, data: string): Buffer => createHmac("sha256", key).update(data, "utf8").digest();
  const signingKey = step(step(step(secretKey, eopDate), accessKey), eopDate.slice(0, 8));
  return step(signingKey, toSign).toString("base64");
}

/** UTC+8: what the gateway document says `eop-date` is in. */
export const BEIJING_UTC_OFFSET_MINUTES = 480;

/**
 * `yyyyMMddTHHmmssZ` read as wall-clock time at `offsetMinutes` east of UTC (the `Z` is literal, not a
 * zone). Undefined unless every field is a real calendar value.
 */
export function eopDateInstant(value: string, offsetMinutes: number): number | undefined {
  const fields = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(value)?.slice(1).map(Number);
  if (!fields) return undefined;
  const [year, month, day, hour, minute, second] = fields as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const wallClock = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(wallClock).getUTCDate() !== day) return undefined;
  return wallClock - offsetMinutes * 60_000;
}
