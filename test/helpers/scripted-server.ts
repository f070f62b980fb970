/**
 * A local HTTP server on an ephemeral port that answers from a script, one step per request, and
 * records every request it received. For testing the client's transport, retries and parsing
 * against real sockets without the emulator.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type Step =
  | { readonly status?: number; readonly headers?: Record<string, string>; readonly json?: unknown; readonly text?: string }
  | "reset"
  | "hang";

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

export interface ScriptedServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Steps to answer with, in order; when exhausted, `fallback` answers. */
  script(...steps: Step[]): void;
  fallback: Step;
  close(): Promise<void>;
}

export function ok(returnObj: unknown): Step {
  return { json: { statusCode: 800, errorCode: "SUCCESS", message: "success", description: "成功", returnObj } };
}

export function fail(errorCode: string, message = "failed", returnObj: unknown = null): Step {
  return { json: { statusCode: 900, errorCode, error: errorCode, message, description: "失败", returnObj } };
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  const queue: Step[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const state = { fallback: ok({}) as Step };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const step = queue.shift() ?? state.fallback;
      if (step === "reset") {
        req.socket.destroy();
        return;
      }
      if (step === "hang") return;
      const body = step.json !== undefined ? JSON.stringify(step.json) : (step.text ?? "");
      res.writeHead(step.status ?? 200, { "content-type": "application/json", ...step.headers });
      res.end(body);
    });
  });
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...steps) => {
      queue.push(...steps);
    },
    get fallback() {
      return state.fallback;
    },
    set fallback(step: Step) {
      state.fallback = step;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
