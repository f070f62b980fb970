/**
 * The node:http adapter: hands mounted paths (the S3 data plane) their socket as is; otherwise buffers
 * the body, calls `app.handle`, writes the answer, or destroys the socket when a fault asks for a
 * dropped response. Nothing else happens here.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { EmulatorRequest, EmulatorResponse } from "./types";

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

export function listen(app: Handler, host: string, port: number, onError: (error: unknown) => void): Promise<ListeningServer> {
  const server = createServer((req, res) => {
    const raw = app.serveRaw?.(req, res);
    (raw ?? serve(app, req, res)).catch((error: unknown) => {
      onError(error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("internal emulator error");
    });
  });
  server.keepAliveTimeout = 5_000;
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

async function serve(app: Handler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const response = await app.handle({
    method: req.method ?? "GET",
    url: req.url ?? "/",
    headers: req.headers,
    body: Buffer.concat(chunks),
  });
  if (response.drop) {
    req.socket.destroy();
    return;
  }
  res.writeHead(response.status, { ...response.headers, "content-length": Buffer.byteLength(response.body) });
  res.end(response.body);
}
