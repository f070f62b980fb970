/**
 * The node:http adapter: hands mounted paths (the S3 data plane, which streams its own bodies) their
 * socket as is; otherwise reads the body (never keeping more than the size limit), calls
 * `app.handle`, writes the answer, or destroys the socket when a fault asks for a dropped response.
 * Requests node:http cannot parse (malformed request line or headers, headers too large) get a
 * CTyun envelope too, written here because they never reach the pipeline.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { randomUUID } from "node:crypto";
import type { EmulatorRequest, EmulatorResponse } from "./types";
import { failureEnvelope, JSON_CONTENT_TYPE } from "../wire";

export interface Handler {
  handle(request: EmulatorRequest): Promise<EmulatorResponse>;
  /** Streams requests a raw mount claims (app.ts); undefined leaves the request to `handle`. */
  serveRaw?(req: IncomingMessage, res: ServerResponse): Promise<void> | undefined;
}

export interface ListeningServer {
  readonly server: Server;
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface ListenOptions {
  readonly onError: (error: unknown) => void;
  /** Bodies larger than this are counted and dropped, not buffered (the pipeline answers 413). */
  readonly maxBodyBytes: number;
}

export function listen(app: Handler, host: string, port: number, options: ListenOptions): Promise<ListeningServer> {
  const server = createServer((req, res) => {
    const raw = app.serveRaw?.(req, res);
    (raw ?? serve(app, req, res, options.maxBodyBytes)).catch((error: unknown) => {
      options.onError(error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("internal emulator error");
    });
  });
  server.keepAliveTimeout = 5_000;
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => answerUnparsable(error, socket));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address() as AddressInfo;
      resolve({
        server,
        host,
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/**
 * The body, or how big it was when it is over `limit`. A declared `content-length` over the limit is
 * believed without reading; otherwise bytes past the limit are read and thrown away (the client gets
 * its answer once it has sent everything, instead of a connection reset mid-upload).
 */
async function readBody(req: IncomingMessage, limit: number): Promise<{ body: Buffer; oversized?: number }> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return { body: Buffer.alloc(0), oversized: declared };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
    else chunks.length = 0;
  }
  return size > limit ? { body: Buffer.alloc(0), oversized: size } : { body: Buffer.concat(chunks) };
}

async function serve(app: Handler, req: IncomingMessage, res: ServerResponse, maxBodyBytes: number): Promise<void> {
  let read: Awaited<ReturnType<typeof readBody>>;
  try {
    read = await readBody(req, maxBodyBytes);
  } catch {
    // The body never arrived whole: the client went away, or node:http's parser refused it mid-body
    // (a broken chunk), which answerUnparsable has already answered. Either way it is the client's
    // doing, not an emulator failure, and there is no request left to answer.
    req.socket.destroy();
    return;
  }
  const { body, oversized } = read;
  const response = await app.handle({
    method: req.method ?? "GET",
    url: req.url ?? "/",
    headers: req.headers,
    body,
    ...(oversized === undefined ? {} : { oversizedBody: oversized }),
  });
  if (response.drop) {
    req.socket.destroy();
    return;
  }
  // An unread body cannot be followed by another request on this connection: close it after the answer.
  const close = oversized !== undefined && !req.complete ? { connection: "close" } : {};
  res.writeHead(response.status, { ...response.headers, ...close, "content-length": Buffer.byteLength(response.body) });
  res.end(response.body);
}

/** node:http's parser refused the request: answer with an envelope (400, or 431 for oversized headers) and close. */
function answerUnparsable(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || (error.code === "ECONNRESET" && socket.destroyed)) {
    socket.destroy();
    return;
  }
  const headersTooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const [status, reason, code, message] = headersTooLarge
    ? [431, "Request Header Fields Too Large", "Openapi.Request.HeaderTooLarge", "the request's headers are too large"]
    : [400, "Bad Request", "Openapi.Request.Malformed", `the request could not be parsed as HTTP/1.1 (${error.code ?? "parse error"})`];
  const body = JSON.stringify(failureEnvelope({ code, message, description: headersTooLarge ? "请求头过大" : "请求格式错误" }));
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: ${JSON_CONTENT_TYPE}\r\nctyun-eop-request-id: ${randomUUID()}\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
