/**
 * HTTP transport: axios with keep-alive agents, a connect timeout and a read timeout. It knows
 * nothing about signing, envelopes or retries; it sends bytes and returns status, headers and text.
 */
import * as http from "node:http";
import * as https from "node:https";
import type { Socket } from "node:net";
import axios, { type AxiosInstance } from "axios";
import { CtyunAbortedError, CtyunNetworkError, CtyunTimeoutError, type RequestMeta } from "./errors";

export interface TransportOptions {
  /** Time allowed to open the TCP (and TLS) connection. */
  readonly connectTimeoutMs: number;
  /** Time allowed without any response activity once connected. */
  readonly readTimeoutMs: number;
  readonly maxSockets: number;
}

export const DEFAULT_TRANSPORT: TransportOptions = {
  connectTimeoutMs: 10_000,
  readTimeoutMs: 60_000,
  maxSockets: 32,
};

export interface HttpRequest {
  readonly method: "GET" | "POST";
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

export interface Transport {
  send(request: HttpRequest, meta: RequestMeta): Promise<HttpResponse>;
  close(): void;
}

const CONNECT_TIMEOUT_CODE = "ERR_SOCKET_CONNECTION_TIMEOUT";

type CreateConnection = (options: unknown, callback?: unknown) => Socket;

/** Wraps an agent so that a socket which does not connect in time is destroyed with a marked error. */
function withConnectTimeout<A extends http.Agent>(agent: A, timeoutMs: number, secure: boolean): A {
  const target = agent as unknown as { createConnection: CreateConnection };
  const original = target.createConnection.bind(agent);
  target.createConnection = (options, callback) => {
    const socket = original(options, callback);
    const timer = setTimeout(() => {
      const error = Object.assign(new Error(`connect timeout after ${timeoutMs} ms`), { code: CONNECT_TIMEOUT_CODE });
      socket.destroy(error);
    }, timeoutMs);
    const clear = (): void => clearTimeout(timer);
    socket.once(secure ? "secureConnect" : "connect", clear);
    socket.once("close", clear);
    return socket;
  };
  return agent;
}

/** Node error codes that mean the request bytes never left this machine. */
export const NOT_SENT_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", CONNECT_TIMEOUT_CODE]);

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && code !== "ERR_BAD_RESPONSE" && code !== "ERR_NETWORK") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function createTransport(options: TransportOptions = DEFAULT_TRANSPORT): Transport {
  const httpAgent = withConnectTimeout(new http.Agent({ keepAlive: true, maxSockets: options.maxSockets }), options.connectTimeoutMs, false);
  const httpsAgent = withConnectTimeout(new https.Agent({ keepAlive: true, maxSockets: options.maxSockets }), options.connectTimeoutMs, true);
  const instance: AxiosInstance = axios.create({
    httpAgent,
    httpsAgent,
    timeout: options.readTimeoutMs,
    responseType: "text",
    // The body must go out byte-for-byte as signed and come back as raw text: no transforms.
    transformRequest: [(data: unknown) => data],
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    maxRedirects: 0,
    proxy: false,
    decompress: true,
  });

  return {
    async send(request, meta) {
      try {
        const response = await instance.request<string>({
          method: request.method,
          url: request.url,
          headers: request.headers,
          data: request.body,
          ...(request.signal ? { signal: request.signal } : {}),
        });
        const headers: Record<string, string | undefined> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value === undefined || value === null ? undefined : String(value);
        }
        return { status: response.status, headers, body: typeof response.data === "string" ? response.data : String(response.data ?? "") };
      } catch (error) {
        if (request.signal?.aborted) throw new CtyunAbortedError(meta.operation, error);
        const code = errorCode(error) ?? "UNKNOWN";
        if (code === CONNECT_TIMEOUT_CODE) throw new CtyunTimeoutError("connect", options.connectTimeoutMs, meta, error);
        if (code === "ECONNABORTED" && /timeout/i.test(String((error as Error).message))) {
          throw new CtyunTimeoutError("read", options.readTimeoutMs, meta, error);
        }
        throw new CtyunNetworkError(code, NOT_SENT_CODES.has(code), meta, error);
      }
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
