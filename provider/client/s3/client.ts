/**
 * A small S3 client for ZOS's data endpoint: the few operations BucketObject needs (PutObject,
 * multipart upload, HeadObject, DeleteObject, object tagging and canned ACLs), signed with SigV4.
 * Hand-written instead of `@aws-sdk/client-s3` (several MB of dependencies) for a handful of calls.
 * Path style when the endpoint names a path (the emulator's `http://host:port/_s3`), virtual-hosted
 * (`https://<bucket>.<endpoint>`) for a bare host name, as CTyun's Terraform provider addresses ZOS.
 */
import * as http from "node:http";
import * as https from "node:https";
import { encodeS3, sha256Hex, signS3, type S3Credentials } from "./sign";

export interface S3ClientOptions {
  /** get-endpoint's answer: a host name (https) or a URL. */
  readonly endpoint: string;
  readonly credentials: S3Credentials;
  /** The clock SigV4 signs with (the runtime's, so tests can drive it). */
  readonly now: () => number;
}

export interface S3Response {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** An S3 refusal: S3's error code (`NoSuchKey`, `AccessDenied`, …), the HTTP status and message. */
export class S3RequestError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly operation: string,
  ) {
    super(`${operation} failed: HTTP ${status} ${code}: ${message}`);
    this.name = "S3RequestError";
  }
}

export interface S3Request {
  readonly operation: string;
  readonly method: "GET" | "PUT" | "POST" | "DELETE" | "HEAD";
  readonly bucket: string;
  readonly key?: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Buffer | string;
}

const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

function xmlText(body: string, name: string): string | undefined {
  return new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(body)?.[1];
}

export class ZosS3Client {
  private readonly base: URL;
  private readonly pathStyle: boolean;

  constructor(private readonly options: S3ClientOptions) {
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(options.endpoint) ? options.endpoint : `https://${options.endpoint}`;
    this.base = new URL(withScheme);
    this.pathStyle = this.base.pathname !== "/" && this.base.pathname !== "";
  }

  private target(bucket: string, key: string | undefined): { url: URL; path: string } {
    const keyPart = key === undefined ? "" : `/${encodeS3(key, true)}`;
    if (this.pathStyle) {
      const path = `${this.base.pathname.replace(/\/$/, "")}/${encodeS3(bucket)}${keyPart}`;
      return { url: new URL(`${this.base.protocol}//${this.base.host}${path}`), path };
    }
    const path = keyPart || "/";
    return { url: new URL(`${this.base.protocol}//${bucket}.${this.base.host}${path}`), path };
  }

  async send(request: S3Request): Promise<S3Response> {
    const { url, path } = this.target(request.bucket, request.key);
    const query = request.query ?? {};
    const body = typeof request.body === "string" ? Buffer.from(request.body, "utf8") : request.body;
    const headers: Record<string, string> = { host: url.host, ...Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])) };
    if (body) headers["content-length"] = String(body.length);
    signS3({ method: request.method, path, query, headers, payloadHash: sha256Hex(body ?? "") }, this.options.credentials, this.options.now());
    const search = Object.entries(query).map(([k, v]) => `${encodeS3(k)}=${encodeS3(v)}`).join("&");
    const response = await new Promise<S3Response>((resolve, reject) => {
      const transport = url.protocol === "https:" ? https : http;
      const req = transport.request(
        { method: request.method, host: url.hostname, port: url.port || undefined, path: `${path}${search ? `?${search}` : ""}`, headers, agent: url.protocol === "https:" ? agents.https : agents.http, timeout: 120_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`${request.operation}: no answer from ${url.host} within 120 s`)));
      req.on("error", reject);
      req.end(body);
    });
    if (response.status >= 300) {
      const code = xmlText(response.body, "Code") ?? (response.status === 404 ? "NotFound" : `HTTP${response.status}`);
      throw new S3RequestError(code, response.status, xmlText(response.body, "Message") ?? "", request.operation);
    }
    return response;
  }
}

export function isS3Error(error: unknown, ...codes: string[]): error is S3RequestError {
  return error instanceof S3RequestError && (codes.length === 0 || codes.includes(error.code));
}
