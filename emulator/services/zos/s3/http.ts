/**
 * The data plane's request and reply shapes: what a handler reads (bucket, key, query, headers, the
 * body stream, the verified caller) and what it answers (status, headers, an XML string or a byte
 * stream). The server (server.ts) turns a reply into bytes on the socket.
 */
import type { IncomingMessage } from "node:http";
import type { RawRequestHost } from "../../types";
import { decodeAwsChunked } from "./chunked";
import { S3Error, s3Errors } from "./errors";
import { queryPairs, sha256Hex, type Caller } from "./sigv4";

export class S3Request {
  readonly method: string;
  readonly rawPath: string;
  readonly rawQuery: string;
  readonly query: Map<string, string>;
  /** Empty for service-level requests (ListBuckets). */
  readonly bucket: string;
  /** Empty for bucket-level requests. */
  readonly key: string;
  caller: Caller | undefined;

  constructor(
    readonly incoming: IncomingMessage,
    prefix: string,
  ) {
    this.method = (incoming.method ?? "GET").toUpperCase();
    const url = incoming.url ?? "/";
    const question = url.indexOf("?");
    this.rawPath = question < 0 ? url : url.slice(0, question);
    this.rawQuery = question < 0 ? "" : url.slice(question + 1);
    this.query = new Map(queryPairs(this.rawQuery));
    const rest = this.rawPath.slice(prefix.length).replace(/^\//, "");
    const slash = rest.indexOf("/");
    this.bucket = decodePath(slash < 0 ? rest : rest.slice(0, slash));
    this.key = slash < 0 ? "" : decodePath(rest.slice(slash + 1));
  }

  /** A header as sent (bound, so it can be passed around). */
  readonly header = (name: string): string | undefined => {
    const value = this.incoming.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(",") : value;
  };

  has(subresource: string): boolean {
    return this.query.has(subresource);
  }

  get stream(): AsyncIterable<Buffer> {
    return this.incoming as AsyncIterable<Buffer>;
  }

  /** `/bucket/key` as S3 names the resource in error documents. */
  get resource(): string {
    return `/${this.bucket}${this.key ? `/${this.key}` : ""}`;
  }
}

function decodePath(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export interface Reply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  /** An XML document, or the bytes of an object. */
  readonly body?: string | Iterable<Buffer> | undefined;
}

export interface HandlerEnv {
  readonly host: RawRequestHost;
  readonly requestId: string;
}

export type S3Handler = (request: S3Request, env: HandlerEnv) => Promise<Reply> | Reply;

export const xmlReply = (body: string, headers: Record<string, string> = {}, status = 200): Reply => ({
  status,
  headers: { "content-type": "application/xml", ...headers },
  body,
});

/** RFC 7231 date (`Last-Modified`). */
export const httpDate = (ms: number): string => new Date(ms).toUTCString();
export const isoDate = (ms: number): string => new Date(ms).toISOString();

/** Reads a small request document (XML of DeleteObjects, Tagging, CompleteMultipartUpload). */
export async function readSmallBody(request: S3Request, limit = 2 * 1024 * 1024): Promise<string> {
  const payloadHash = request.caller?.payloadHash ?? "UNSIGNED-PAYLOAD";
  const signed = payloadHash.startsWith("STREAMING-AWS4") ? request.caller : undefined;
  const source = payloadHash.startsWith("STREAMING-") ? decodeAwsChunked(request.stream, new Map(), { signedBy: signed }) : request.stream;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.length;
    if (size > limit) throw s3Errors.malformedXml();
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  if (/^[0-9a-f]{64}$/.test(payloadHash) && sha256Hex(body) !== payloadHash) {
    throw new S3Error("XAmzContentSHA256Mismatch", 400, "The provided 'x-amz-content-sha256' header does not match what was computed.");
  }
  return body.toString("utf8");
}

/** ETag comparison of conditional headers: quotes and `W/` ignored, `*` matches any. */
export function etagMatches(condition: string, etag: string): boolean {
  const bare = (t: string): string => t.trim().replace(/^W\//, "").replace(/^"|"$/g, "");
  return condition.split(",").some((c) => c.trim() === "*" || bare(c) === bare(etag));
}
