/**
 * Per-request state shared by the middleware: the parsed request line, case-insensitive headers, the
 * matched route and what the response turned out to be (for the request log).
 */
import type { RouteEntry } from "./router";
import type { EmulatorRequest } from "./types";

export interface Outcome {
  readonly statusCode: number | null;
  readonly errorCode: string | null;
}

export class RequestContext {
  readonly method: string;
  readonly path: string;
  /** Query exactly as received (no leading `?`); the signature may cover it byte for byte. */
  readonly rawQuery: string;
  readonly body: Buffer;
  /** Bytes of a body the transport did not keep because it was over the limit (see body-limit). */
  readonly oversizedBody: number | undefined;
  private readonly headers = new Map<string, string>();

  requestId = "";
  route: RouteEntry | undefined;
  accessKey: string | undefined;
  /** Envelope code of the answer, set where envelopes are built. */
  outcome: Outcome | undefined;
  /** Name of the fault applied to this request, if any. */
  fault: string | undefined;
  /** The request read asynchronous work still in flight or just finished (a poll). */
  poll = false;

  constructor(request: EmulatorRequest) {
    this.method = request.method.toUpperCase();
    const target = stripOrigin(request.url);
    const hash = target.indexOf("#");
    const withoutHash = hash < 0 ? target : target.slice(0, hash);
    const question = withoutHash.indexOf("?");
    this.path = question < 0 ? withoutHash : withoutHash.slice(0, question);
    this.rawQuery = question < 0 ? "" : withoutHash.slice(question + 1);
    this.body = request.body === undefined ? Buffer.alloc(0) : typeof request.body === "string" ? Buffer.from(request.body, "utf8") : request.body;
    this.oversizedBody = request.oversizedBody;
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      if (value === undefined) continue;
      // Repeated headers are joined as node:http does for most headers.
      this.headers.set(name.toLowerCase(), typeof value === "string" ? value : value.join(", "));
    }
  }

  /** Case-insensitive header lookup (spec A.1). */
  header(name: string): string | undefined {
    return this.headers.get(name.toLowerCase());
  }
}

function stripOrigin(url: string): string {
  const match = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/.exec(url);
  const rest = match ? url.slice(match[0].length) : url;
  return rest === "" || rest.startsWith("?") ? "/" + rest : rest;
}
