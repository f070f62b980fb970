/**
 * The single request pipeline: validate input → serialize → retry loop → (per attempt) wait for the
 * adaptive rate limit → sign → send → parse envelope → validate `returnObj`. Every API call of the
 * library goes through `send`.
 *
 * Transient failures (throttling, 5xx, resets, timeouts: classify.ts) of calls that are safe to
 * repeat are retried: until the call's `deadline` when it has one (a resource's calls carry their
 * step's timeout), else up to `maxAttempts`.
 */
import { canonicalQuery, type QueryPair } from "./canonical";
import { certainlyNotProcessed, classify } from "./classify";
import { mintClientToken } from "./client-token";
import { systemDeps, type RuntimeDeps } from "./deps";
import { endpointFor } from "./endpoints";
import { describeIssues, envelopeSchema, errorCodeOf, isSuccess } from "./envelope";
import {
  CtyunHttpError,
  CtyunServiceError,
  InvalidRequestError,
  describeFailure,
  failureCode,
  hasKind,
  isCtyunError,
  ResponseShapeError,
  type CtyunError,
  type RequestMeta,
} from "./errors";
import type { Operation, RequestOf, ResultOf } from "./operation";
import { processRateLimiter, type AdaptiveRateLimiter } from "./rate-limiter";
import { DEFAULT_RETRY, decideRetry, parseRetryAfter, RetryBudget, type RetryOptions } from "./retry";
import { BEIJING_OFFSET_MINUTES, formatEopDate, signCanonical } from "./signer";
import { createTransport, DEFAULT_TRANSPORT, type Transport, type TransportOptions } from "./transport";

export interface Credentials {
  readonly accessKey: string;
  readonly secretKey: string;
}

/** One line per attempt, for debugging. Carries no header values and no bodies. */
export interface AttemptEvent {
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly attempt: number;
  readonly requestId: string;
  readonly outcome: "ok" | "error";
  readonly errorCode?: string;
  readonly retryInMs?: number;
  /** How long the adaptive rate limit held this attempt back before it was sent. */
  readonly heldBackMs?: number;
  readonly durationMs: number;
}

export interface ClientOptions {
  /** Read lazily at each attempt, so a missing key fails the call, not the construction. */
  readonly credentials: Credentials | (() => Credentials);
  /** One base URL for every service (the emulator); unset means the real CTyun hosts. */
  readonly endpoint?: string | undefined;
  readonly retry?: Partial<RetryOptions>;
  /**
   * The adaptive client-side rate limit (rate-limiter.ts). Default: the one shared by every client
   * on the same clock — per process in production. `false`: none.
   */
  readonly rateLimiter?: AdaptiveRateLimiter | false;
  readonly transport?: Partial<TransportOptions> | Transport;
  readonly deps?: Partial<RuntimeDeps>;
  /** UTC offset of the `eop-date` clock; Beijing (480) unless a gateway wants otherwise. */
  readonly eopDateOffsetMinutes?: number;
  readonly userAgent?: string;
  readonly onAttempt?: (event: AttemptEvent) => void;
  /** Where `endpoint` came from (a config key, a variable), named when a call cannot reach it. */
  readonly endpointSource?: string;
}

export interface SendOptions {
  readonly signal?: AbortSignal;
  /**
   * Epoch ms the call must be done by. With it, transient failures are retried until then (each
   * wait, `Retry-After` included, clamped to the time left) instead of up to `maxAttempts`. An
   * attempt under way is not cut short at the deadline: its answer may be a create's only trace.
   */
  readonly deadline?: number | undefined;
  /** What the deadline is, for the message when it runs out: "the 5m create timeout". */
  readonly deadlineName?: string | undefined;
  /** Told of each wait: before a retry's backoff, and after the rate limit held an attempt back. */
  readonly onDelay?: ((event: DelayEvent) => void) | undefined;
  /**
   * Who makes the call, appended to the user agent (`resource/Vpc`): what a cloud's request log,
   * or the emulator's, can attribute calls by. No values, only the kind of caller.
   */
  readonly caller?: string | undefined;
}

/** A call waits: for a retry, or (already) for the rate limit. */
export interface DelayEvent {
  readonly operation: string;
  /**
   * - `throttled`: the cloud refused the attempt to slow the caller down; it is retried;
   * - `transient`: another failure worth repeating (5xx, reset, timeout); it is retried;
   * - `rate-limit`: the adaptive rate limit held the next attempt back (the cloud throttled
   *   recently); told once the hold is over, just before the attempt is sent.
   */
  readonly reason: "throttled" | "transient" | "rate-limit";
  /** The attempt that failed (retries), or the one about to be sent (rate limit). */
  readonly attempt: number;
  readonly delayMs: number;
  /** The failure being retried, as `describeFailure` names it (`HTTP 429 Openapi.Throttling`). */
  readonly failure?: string;
  /** Time left until the deadline, when the call has one. */
  readonly remainingMs?: number;
  /** True when the shared retry budget is spent and the retry waits the longest backoff. */
  readonly slowed?: boolean;
}

export interface CtyunClient {
  send<O extends Operation>(operation: O, input: RequestOf<O>, options?: SendOptions): Promise<ResultOf<O>>;
  readonly deps: RuntimeDeps;
  readonly endpoint: string | undefined;
  close(): void;
}

/**
 * The same client with options every `send` gets unless it passes its own: how a resource's
 * handler gives each call its step's deadline and progress sink without every call saying so.
 */
export function withSendDefaults(client: CtyunClient, defaults: SendOptions): CtyunClient {
  return {
    send: (operation, input, options = {}) => client.send(operation, input, { ...defaults, ...options }),
    deps: client.deps,
    endpoint: client.endpoint,
    close: () => client.close(),
  };
}

const DEFAULT_USER_AGENT = "pulumi-ctyun (+https://github.com/pulumi-ctyun) Mozilla/5.0 (compatible; Node.js)";

function isTransport(value: unknown): value is Transport {
  return typeof value === "object" && value !== null && typeof (value as Transport).send === "function";
}

/** GET fields become query pairs in schema order; absent values are left out, arrays repeat the key. */
function toQueryPairs(fields: unknown): QueryPair[] {
  const pairs: QueryPair[] = [];
  if (typeof fields !== "object" || fields === null) return pairs;
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) pairs.push([key, String(item)]);
  }
  return pairs;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function createClient(options: ClientOptions): CtyunClient {
  const deps: RuntimeDeps = { ...systemDeps, ...options.deps };
  const retry: RetryOptions = { ...DEFAULT_RETRY, ...options.retry };
  const transport = isTransport(options.transport) ? options.transport : createTransport({ ...DEFAULT_TRANSPORT, ...options.transport });
  const budget = new RetryBudget(retry.budget);
  const limiter = options.rateLimiter === false ? undefined : (options.rateLimiter ?? processRateLimiter(deps));
  const offset = options.eopDateOffsetMinutes ?? BEIJING_OFFSET_MINUTES;
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const credentials = typeof options.credentials === "function" ? options.credentials : () => options.credentials as Credentials;

  async function attemptOnce(
    operation: Operation,
    query: string,
    body: string | undefined,
    meta: { operation: string; requestId: string },
    signal: AbortSignal | undefined,
    caller: string | undefined,
  ): Promise<unknown> {
    const { accessKey, secretKey } = credentials();
    // Signed per attempt: a retry gets a fresh request id and date, never a replayed signature.
    const signed = signCanonical({
      accessKey,
      secretKey,
      canonicalQuery: query,
      body: body ?? "",
      requestId: meta.requestId,
      eopDate: formatEopDate(new Date(deps.now()), offset),
    });
    const headers: Record<string, string> = {
      ...signed,
      "user-agent": caller ? `${userAgent} ${caller}` : userAgent,
      accept: "application/json",
    };
    if (body !== undefined) headers["content-type"] = "application/json";
    const url = `${endpointFor(operation.service, options.endpoint)}${operation.path}${query ? `?${query}` : ""}`;
    let response: Awaited<ReturnType<Transport["send"]>>;
    try {
      response = await transport.send({ method: operation.method, url, headers, body, ...(signal ? { signal } : {}) }, meta);
    } catch (error) {
      if (hasKind(error, "network") || hasKind(error, "timeout")) error.addDetail(`calling ${url.split("?")[0]}; endpoint from ${options.endpointSource ?? (options.endpoint ? "the client options" : "the default CTyun hosts")}`);
      throw error;
    }
    const requestMeta: RequestMeta = { operation: operation.name, requestId: response.headers["ctyun-eop-request-id"] ?? meta.requestId };
    const json = parseJson(response.body);
    if (response.status < 200 || response.status >= 300) {
      const envelope = envelopeSchema.safeParse(json);
      const code = envelope.success ? errorCodeOf(envelope.data) : undefined;
      const detail = envelope.success ? [envelope.data.message, envelope.data.description].filter(Boolean).join(" / ") : undefined;
      throw new CtyunHttpError(response.status, code, parseRetryAfter(response.headers["retry-after"], deps.now()), requestMeta, detail || undefined);
    }
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success) {
      throw new ResponseShapeError(json === undefined ? ["body is not JSON"] : describeIssues(envelope.error), requestMeta);
    }
    if (!isSuccess(envelope.data)) {
      const e = envelope.data;
      throw new CtyunServiceError(e.statusCode, errorCodeOf(e), e.message, e.description, e.returnObj, response.status, requestMeta);
    }
    const result = operation.output.safeParse(envelope.data.returnObj);
    if (!result.success) throw new ResponseShapeError(describeIssues(result.error).map((i) => `returnObj.${i}`), requestMeta);
    return result.data;
  }

  async function send<O extends Operation>(operation: O, input: RequestOf<O>, sendOptions: SendOptions = {}): Promise<ResultOf<O>> {
    let fields = input as unknown;
    if (operation.idempotent === "clientToken" && typeof fields === "object" && fields !== null && !(fields as { clientToken?: unknown }).clientToken) {
      // One token for every attempt of this call; callers that retry across calls pass their own.
      fields = { ...(fields as object), clientToken: mintClientToken(deps) };
    }
    const parsed = operation.input.safeParse(fields);
    if (!parsed.success) throw new InvalidRequestError(describeIssues(parsed.error), { operation: operation.name });
    const query = operation.method === "GET" ? canonicalQuery(toQueryPairs(parsed.data)) : "";
    const body = operation.method === "POST" ? JSON.stringify(parsed.data ?? {}) : undefined;

    const { signal, deadline } = sendOptions;
    const started = deps.now();
    let mayHaveLanded = false;
    for (let attempt = 1; ; attempt++) {
      const heldBackMs = limiter ? await limiter.acquire(signal) : 0;
      if (heldBackMs > 0) sendOptions.onDelay?.({ operation: operation.name, reason: "rate-limit", attempt, delayMs: heldBackMs, ...remaining(deadline) });
      const requestId = deps.uuid();
      const sentAt = deps.now();
      const held = heldBackMs > 0 ? { heldBackMs } : {};
      try {
        const result = await attemptOnce(operation, query, body, { operation: operation.name, requestId }, signal, sendOptions.caller);
        limiter?.record(false, sentAt);
        budget.recordSuccess();
        options.onAttempt?.({ operation: operation.name, method: operation.method, path: operation.path, attempt, requestId, outcome: "ok", ...held, durationMs: deps.now() - sentAt });
        return result as ResultOf<O>;
      } catch (error) {
        // Only an answer tells the rate limit something; a reset or a timeout does not.
        if (hasKind(error, "http") || hasKind(error, "service")) limiter?.record(classify(error) === "throttling", sentAt);
        if (isCtyunError(error)) {
          (error as CtyunError).recordAttempt(attempt, requestId);
          (error as CtyunError).mayRepeatEarlierAttempt = mayHaveLanded;
        }
        const decision = hasKind(error, "aborted")
          ? ({ retry: false, reason: "aborted" } as const)
          : decideRetry({ error, attempt, idempotent: operation.idempotent, options: retry, budget, random: deps.random, deadline, now: deps.now() });
        options.onAttempt?.({
          operation: operation.name,
          method: operation.method,
          path: operation.path,
          attempt,
          requestId,
          outcome: "error",
          errorCode: failureCode(error),
          ...(decision.retry ? { retryInMs: decision.delayMs } : {}),
          ...held,
          durationMs: deps.now() - sentAt,
        });
        if (!decision.retry) {
          if (isCtyunError(error) && attempt > 1) {
            const reason = "outOfTime" in decision && decision.outOfTime ? `${sendOptions.deadlineName ?? "its deadline"} ran out` : decision.reason;
            (error as CtyunError).recordGiveUp(reason, deps.now() - started);
          }
          throw error;
        }
        if (!certainlyNotProcessed(error)) mayHaveLanded = true;
        sendOptions.onDelay?.({
          operation: operation.name,
          reason: decision.throttled ? "throttled" : "transient",
          attempt,
          delayMs: decision.delayMs,
          failure: describeFailure(error),
          ...remaining(deadline),
          ...(decision.slowed ? { slowed: true } : {}),
        });
        await deps.sleep(decision.delayMs, signal);
      }
    }
  }

  function remaining(deadline: number | undefined): { remainingMs?: number } {
    return deadline === undefined ? {} : { remainingMs: Math.max(0, deadline - deps.now()) };
  }

  return { send, deps, endpoint: options.endpoint, close: () => transport.close() };
}
