/**
 * AWS Signature Version 4 as S3 checks it (AWS S3 API reference, "Authenticating Requests (AWS
 * Signature Version 4)"): the Authorization header form and the presigned-URL (query) form. The
 * canonical URI is the path exactly as sent (S3 does not normalise or double-encode it); the
 * canonical query re-encodes every name and value (RFC 3986 unreserved characters kept). This is
 * the emulator's own code: it imports nothing from the provider.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { S3Error, s3Errors } from "./errors";

export const EMPTY_SHA256 = createHash("sha256").update("").digest("hex");
const ALGORITHM = "AWS4-HMAC-SHA256";
/** S3 accepts requests whose time is within 15 minutes of its own. */
const SKEW_MS = 15 * 60 * 1000;
const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

export interface SignedRequestView {
  readonly method: string;
  /** Path as sent, percent-encoded. */
  readonly rawPath: string;
  /** Query as sent, without `?`. */
  readonly rawQuery: string;
  header(name: string): string | undefined;
}

/** A verified caller: its key, and what streaming uploads need to check chunk signatures. */
export interface Caller {
  readonly accessKey: string;
  readonly signingKey: Buffer;
  /** `date/region/s3/aws4_request`. */
  readonly scope: string;
  readonly amzDate: string;
  readonly signature: string;
  /** `x-amz-content-sha256` (or `UNSIGNED-PAYLOAD` for presigned URLs). */
  readonly payloadHash: string;
  readonly presigned: boolean;
}

export const sha256Hex = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");
const hmac = (key: Buffer | string, data: string): Buffer => createHmac("sha256", key).update(data, "utf8").digest();

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), "aws4_request");
}

/** RFC 3986 encoding of every byte but the unreserved ones (AWS `UriEncode`). */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function queryPairs(rawQuery: string): Array<[string, string]> {
  if (rawQuery === "") return [];
  return rawQuery.split("&").filter((part) => part !== "").map((part) => {
    const eq = part.indexOf("=");
    return eq < 0 ? [decodeComponent(part), ""] : [decodeComponent(part.slice(0, eq)), decodeComponent(part.slice(eq + 1))];
  });
}

function canonicalQuery(rawQuery: string, without?: string): string {
  return queryPairs(rawQuery)
    .filter(([name]) => name !== without)
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");
}

function canonicalRequest(request: SignedRequestView, signedHeaders: string[], payloadHash: string, dropFromQuery?: string): string {
  const headers = signedHeaders.map((name) => `${name}:${(request.header(name) ?? "").trim().replace(/\s+/g, " ")}\n`).join("");
  return [request.method, request.rawPath || "/", canonicalQuery(request.rawQuery, dropFromQuery), headers, signedHeaders.join(";"), payloadHash].join("\n");
}

/** `20250101T000000Z` → epoch ms (undefined when malformed). */
export function parseAmzDate(text: string | undefined): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text ?? "");
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : undefined;
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

interface Parts {
  readonly accessKey: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: string[];
  readonly signature: string;
}

function parseCredential(credential: string, signedHeaders: string, signature: string, malformed: () => S3Error): Parts {
  const scope = credential.split("/");
  if (scope.length !== 5 || scope[4] !== "aws4_request" || !/^\d{8}$/.test(scope[1]!)) throw malformed();
  if (scope[3] !== "s3") throw malformed();
  return { accessKey: scope[0]!, date: scope[1]!, region: scope[2]!, service: scope[3]!, signedHeaders: signedHeaders.split(";").filter(Boolean), signature: signature.toLowerCase() };
}

function headerParts(authorization: string): Parts {
  const malformed = (): S3Error => new S3Error("AuthorizationHeaderMalformed", 400, "The authorization header is malformed; the Credential is mal-formed or the region is not recognised.");
  if (!authorization.startsWith(`${ALGORITHM} `)) {
    throw new S3Error("InvalidArgument", 400, "Unsupported Authorization Type", { ArgumentName: "Authorization", ArgumentValue: authorization.split(" ")[0] ?? "" });
  }
  const fields = new Map(
    authorization.slice(ALGORITHM.length + 1).split(",").map((part) => {
      const eq = part.indexOf("=");
      return [part.slice(0, eq).trim(), part.slice(eq + 1).trim()] as const;
    }),
  );
  const credential = fields.get("Credential"), signed = fields.get("SignedHeaders"), signature = fields.get("Signature");
  if (!credential || !signed || !signature) throw malformed();
  return parseCredential(credential, signed, signature, malformed);
}

/**
 * Verifies the request's signature; undefined for an anonymous request (no Authorization header and
 * no `X-Amz-Signature`), which only public resources answer.
 */
export function verifySigV4(request: SignedRequestView, now: number, lookupSecret: (accessKey: string) => string | undefined): Caller | undefined {
  const authorization = request.header("authorization");
  const query = new Map(queryPairs(request.rawQuery));
  const presigned = authorization === undefined && query.has("X-Amz-Signature");
  if (authorization === undefined && !presigned) return undefined;

  let parts: Parts, amzDate: string, payloadHash: string;
  if (presigned) {
    if (query.get("X-Amz-Algorithm") !== ALGORITHM) throw s3Errors.invalidArgument("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"", "X-Amz-Algorithm", query.get("X-Amz-Algorithm"));
    const malformed = (): S3Error => s3Errors.invalidArgument("Error parsing the X-Amz-Credential parameter; the region or service is not recognised.", "X-Amz-Credential", query.get("X-Amz-Credential"));
    parts = parseCredential(query.get("X-Amz-Credential") ?? "", query.get("X-Amz-SignedHeaders") ?? "", query.get("X-Amz-Signature") ?? "", malformed);
    amzDate = query.get("X-Amz-Date") ?? "";
    payloadHash = request.header("x-amz-content-sha256") ?? "UNSIGNED-PAYLOAD";
  } else {
    parts = headerParts(authorization!);
    amzDate = request.header("x-amz-date") ?? "";
    const claimed = request.header("x-amz-content-sha256");
    if (claimed === undefined) throw s3Errors.invalidRequest("Missing required header for this request: x-amz-content-sha256");
    payloadHash = claimed;
  }
  const secret = lookupSecret(parts.accessKey);
  if (secret === undefined) {
    throw new S3Error("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records.", { AWSAccessKeyId: parts.accessKey });
  }
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined || !amzDate.startsWith(parts.date)) {
    throw new S3Error("AccessDenied", 403, "AWS authentication requires a valid Date or x-amz-date header");
  }
  if (presigned) {
    const expires = Number(query.get("X-Amz-Expires"));
    if (!Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGN_SECONDS) {
      throw s3Errors.invalidArgument("X-Amz-Expires must be between 1 and 604800 seconds", "X-Amz-Expires", query.get("X-Amz-Expires"));
    }
    if (now > signedAt + expires * 1000) throw s3Errors.accessDenied("Request has expired");
    if (signedAt - now > SKEW_MS) throw s3Errors.accessDenied("Request is not valid yet");
  } else if (Math.abs(now - signedAt) > SKEW_MS) {
    throw new S3Error("RequestTimeTooSkewed", 403, "The difference between the request time and the current time is too large.", {
      RequestTime: amzDate,
      ServerTime: new Date(now).toISOString(),
      MaxAllowedSkewMilliseconds: String(SKEW_MS),
    });
  }
  if (!parts.signedHeaders.includes("host")) throw s3Errors.accessDenied("The host header must be signed");

  const canonical = canonicalRequest(request, parts.signedHeaders, payloadHash, presigned ? "X-Amz-Signature" : undefined);
  const scope = `${parts.date}/${parts.region}/${parts.service}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join("\n");
  const key = signingKey(secret, parts.date, parts.region, parts.service);
  const expected = createHmac("sha256", key).update(stringToSign).digest("hex");
  if (!sameHex(expected, parts.signature)) {
    throw new S3Error("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. Check your key and signing method.", {
      AWSAccessKeyId: parts.accessKey,
      StringToSign: stringToSign,
      SignatureProvided: parts.signature,
      CanonicalRequest: canonical,
    });
  }
  return { accessKey: parts.accessKey, signingKey: key, scope, amzDate, signature: parts.signature, payloadHash, presigned };
}

/** The signature of one aws-chunked chunk, chained from the previous one (seed: the request's). */
export function chunkSignature(caller: Caller, previous: string, chunkHash: string): string {
  const stringToSign = ["AWS4-HMAC-SHA256-PAYLOAD", caller.amzDate, caller.scope, previous, EMPTY_SHA256, chunkHash].join("\n");
  return createHmac("sha256", caller.signingKey).update(stringToSign).digest("hex");
}

/** The signature of the trailing headers of a signed streaming upload. */
export function trailerSignature(caller: Caller, previous: string, trailers: string): string {
  const stringToSign = ["AWS4-HMAC-SHA256-TRAILER", caller.amzDate, caller.scope, previous, sha256Hex(trailers)].join("\n");
  return createHmac("sha256", caller.signingKey).update(stringToSign).digest("hex");
}

export function signaturesMatch(expected: string, provided: string): boolean {
  return sameHex(expected, provided.toLowerCase());
}
