/**
 * Wire rules shared by the client signer and the emulator's signature verifier: the canonical query
 * string and the body hash of CTyun's EOP signature (spec A.3, A.4). Both sides are pinned by the
 * external vectors in test/fixtures/eop-signing-vectors.json, so they cannot drift together.
 */
import { createHash } from "node:crypto";

/** One query parameter. Order matters only between values of the same key. */
export type QueryPair = readonly [key: string, value: string];

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/**
 * Go's `url.QueryEscape`: unreserved bytes stay, space becomes `+`, every other UTF-8 byte becomes
 * `%XX` with upper-case hex.
 */
export function queryEscape(value: string): string {
  let out = "";
  for (const ch of value) {
    if (ch === " ") {
      out += "+";
    } else if (UNRESERVED.test(ch)) {
      out += ch;
    } else {
      for (const byte of Buffer.from(ch, "utf8")) {
        out += "%" + byte.toString(16).toUpperCase().padStart(2, "0");
      }
    }
  }
  return out;
}

/** RFC 3986 percent-encoding (space as `%20`), the gateway document's variant for values. */
export function rfc3986Escape(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** Groups pairs by key, keys in byte order, values of one key in insertion order. */
function sortedGroups(pairs: readonly QueryPair[]): Array<[string, string[]]> {
  const groups = new Map<string, string[]>();
  for (const [key, value] of pairs) {
    const values = groups.get(key);
    if (values) values.push(value);
    else groups.set(key, [value]);
  }
  return [...groups.entries()].sort(([a], [b]) => compareUtf8(a, b));
}

/**
 * The canonical query exactly as Go's `url.Values.Encode()` builds it. The official SDK uses this
 * very string as the URL's raw query, and so do we: the URL and the signature cannot disagree.
 */
export function canonicalQuery(pairs: readonly QueryPair[]): string {
  const parts: string[] = [];
  for (const [key, values] of sortedGroups(pairs)) {
    for (const value of values) parts.push(`${queryEscape(key)}=${queryEscape(value)}`);
  }
  return parts.join("&");
}

/** The gateway document's variant: keys unescaped, values RFC 3986 encoded (space `%20`). */
export function canonicalQueryRfc3986(pairs: readonly QueryPair[]): string {
  const parts: string[] = [];
  for (const [key, values] of sortedGroups(pairs)) {
    for (const value of values) parts.push(`${key}=${rfc3986Escape(value)}`);
  }
  return parts.join("&");
}

/**
 * Parses a raw query string into pairs, decoding `+` as space and `%XX` as UTF-8 (Go's
 * `url.ParseQuery`). Returns undefined when the string has a malformed escape.
 */
export function parseQuery(raw: string): QueryPair[] | undefined {
  if (raw === "") return [];
  const pairs: QueryPair[] = [];
  for (const part of raw.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? "" : part.slice(eq + 1);
    try {
      pairs.push([decodeURIComponent(rawKey.replace(/\+/g, " ")), decodeURIComponent(rawValue.replace(/\+/g, " "))]);
    } catch {
      return undefined;
    }
  }
  return pairs;
}

/** Lower-case hex SHA-256 of the body bytes exactly as sent; an absent body hashes the empty string. */
export function sha256Hex(body: string | Uint8Array): string {
  return createHash("sha256").update(body).digest("hex");
}
