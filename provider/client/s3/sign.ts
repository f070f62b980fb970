/**
 * AWS Signature Version 4 for ZOS's S3 data endpoint (header form): the canonical request over the
 * method, the path as sent, the sorted query and the signed headers, with the payload's SHA-256 (or
 * `UNSIGNED-PAYLOAD`). Region `us-east-1`, as CTyun's Terraform provider signs for ZOS.
 */
import { createHash, createHmac } from "node:crypto";

export const ZOS_SIGNING_REGION = "us-east-1";

export interface S3Credentials {
  readonly accessKey: string;
  readonly secretKey: string;
}

const hmac = (key: Buffer | string, data: string): Buffer => createHmac("sha256", key).update(data, "utf8").digest();
export const sha256Hex = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");

/** RFC 3986 encoding (AWS `UriEncode`); `/` kept in paths. */
export function encodeS3(text: string, keepSlash = false): string {
  const encoded = encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return keepSlash ? encoded.replace(/%2F/g, "/") : encoded;
}

export function canonicalQueryString(query: Readonly<Record<string, string>>): string {
  return Object.entries(query)
    .map(([k, v]) => [encodeS3(k), encodeS3(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

function amzDateOf(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/**
 * Adds `x-amz-date`, `x-amz-content-sha256` and `authorization` to `headers` (lower-case names,
 * `host` included) for a request to `path` (already encoded) with `query`.
 */
export function signS3(request: { method: string; path: string; query: Readonly<Record<string, string>>; headers: Record<string, string>; payloadHash: string }, credentials: S3Credentials, now: number): void {
  const amzDate = amzDateOf(now);
  const date = amzDate.slice(0, 8);
  request.headers["x-amz-date"] = amzDate;
  request.headers["x-amz-content-sha256"] = request.payloadHash;
  const names = Object.keys(request.headers).map((n) => n.toLowerCase()).sort();
  const canonicalHeaders = names.map((n) => `${n}:${String(request.headers[n]).trim().replace(/\s+/g, " ")}\n`).join("");
  const canonical = [request.method, request.path, canonicalQueryString(request.query), canonicalHeaders, names.join(";"), request.payloadHash].join("\n");
  const scope = `${date}/${ZOS_SIGNING_REGION}/s3/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonical)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretKey}`, date), ZOS_SIGNING_REGION), "s3"), "aws4_request");
  const signature = createHmac("sha256", key).update(stringToSign).digest("hex");
  request.headers["authorization"] = `AWS4-HMAC-SHA256 Credential=${credentials.accessKey}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`;
}
