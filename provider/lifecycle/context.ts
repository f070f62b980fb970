/**
 * What a resource handler gets for one lifecycle call: the settings, a lazily built client (missing
 * credentials fail at the first request, not earlier), the deadline of this step, waiter timing
 * that respects it, progress lines, and the hook that turns later failures into partial creates.
 *
 * The client it hands out gives every call the step's deadline (throttling and other transient
 * failures are waited out until then, not failed after a few attempts) and reports those waits as
 * progress lines, at most one every ten seconds per resource.
 */
import { createHash } from "node:crypto";
import { createClient, withSendDefaults, type CtyunClient, type DelayEvent } from "../client/client";
import { mintClientToken } from "../client/client-token";
import type { RuntimeDeps } from "../client/deps";
import { humanDuration } from "../client/human-duration";
import type { WaitTiming } from "../client/orders";
import { requireCredentials, type Settings } from "../config";
import { formatDuration } from "./durations";
import { withRegionHints } from "./region-hint";

export interface HandlerContext {
  readonly type: string;
  /** The Pulumi logical name, for messages. */
  readonly name: string;
  readonly settings: Settings;
  readonly deps: RuntimeDeps;
  /**
   * Built on first use; throws CtyunConfigError when credentials are missing. Its calls carry the
   * step's deadline: transient failures are retried until then, and the waits reported.
   */
  readonly client: CtyunClient;
  /** Epoch ms by which this lifecycle step must be done. */
  readonly deadline: number;
  /** The create's idempotency token (one per logical create, reused after a crash). */
  readonly clientToken: string;
  /**
   * True when this create repeats an earlier attempt whose answer never arrived: what that attempt
   * made (a name now taken, say) may be this create's own.
   */
  readonly replaying: boolean;
  /** Timing for a waiter: the time left until the deadline, polled at the configured pace. */
  waitTiming(what: string): WaitTiming;
  /** A short progress line on stderr: `ctyun:Vpc web: <message>`. */
  progress(message: string): void;
  /** The cloud assigned an id: from now on a failure must not lose the resource. */
  created(id: string, outputs?: object): void;
  /**
   * A write sent outside `client` (the S3 data plane) succeeded, or failed without an answer: a
   * create's recovery counts it as it counts the client's writes (something may exist now).
   */
  wrote(outcome: "done" | "unknown"): void;
}

export interface RuntimeOptions {
  readonly deps: RuntimeDeps;
  /** Poll pacing for waiters (the real cloud: seconds; tests on virtual time: anything). */
  readonly pollMinDelayMs: number;
  readonly pollMaxDelayMs: number;
  /** Where progress lines go (stderr by default: the engine shows it as diagnostics). */
  readonly log: (line: string) => void;
}

const clients = new Map<string, { readonly client: CtyunClient; readonly deps: RuntimeDeps }>();

/**
 * One client per endpoint and key pair per process, so retries share one budget and connections
 * (and every client of the process one adaptive rate limit: rate-limiter.ts).
 */
export function clientFor(settings: Settings, deps: RuntimeDeps): CtyunClient {
  const credentials = requireCredentials(settings);
  const key = createHash("sha256")
    .update([settings.endpoint ?? "", credentials.accessKey, credentials.secretKey].join("\u0000"))
    .digest("hex");
  const cached = clients.get(key);
  // The client's own deps are a merged copy, so the cache remembers which deps it was built from.
  if (cached && cached.deps === deps) return cached.client;
  cached?.client.close();
  const client = withRegionHints(createClient({ credentials, endpoint: settings.endpoint, endpointSource: settings.endpointSource, deps }));
  clients.set(key, { client, deps });
  return client;
}

/** @internal Drops cached clients (tests that swap endpoints or dependencies). */
export function resetClients(): void {
  for (const { client } of clients.values()) client.close();
  clients.clear();
}

export interface ContextInit {
  readonly type: string;
  readonly name: string;
  readonly settings: Settings;
  readonly runtime: RuntimeOptions;
  readonly timeoutMs: number;
  /** Which timeout `timeoutMs` is, for messages: "create" → "the 5m create timeout". */
  readonly step?: string;
  readonly clientToken?: string;
  readonly replaying?: boolean;
  readonly onCreated?: (id: string, outputs: Record<string, unknown>) => void;
}

const PROGRESS_EVERY_MS = 10_000;
/** A wait shorter than this (a blip retried at once) is worth a line only once it repeats. */
const REPORTED_WAIT_MS = 1_000;
const REPORTED_ATTEMPT = 3;

/**
 * Progress lines for a call's waits: `CreateVpc throttled by the cloud (HTTP 429 Openapi.Throttling),
 * waiting 2.1s (attempt 3, 4m10s of 5m left)`. At most one line per ten seconds, saying how many
 * waits went unreported meanwhile; a sub-second retry of a one-off blip gets none.
 */
function delayReporter(progress: (message: string) => void, now: () => number, budgetMs: number): (event: DelayEvent) => void {
  let lastReport: number | undefined;
  let unreported = 0;
  return (event) => {
    const at = now();
    const minor = event.delayMs < REPORTED_WAIT_MS && event.attempt < REPORTED_ATTEMPT;
    if (minor || (lastReport !== undefined && at - lastReport < PROGRESS_EVERY_MS)) {
      unreported++;
      return;
    }
    lastReport = at;
    const left = event.remainingMs === undefined ? "" : `, ${humanDuration(event.remainingMs)} of ${humanDuration(budgetMs)} left`;
    const more = unreported > 0 ? `; ${unreported} more wait${unreported === 1 ? "" : "s"} since the last line` : "";
    unreported = 0;
    const wait = humanDuration(event.delayMs);
    switch (event.reason) {
      case "throttled":
        progress(`${event.operation} throttled by the cloud (${event.failure}), waiting ${wait} (attempt ${event.attempt}${left}${more})`);
        break;
      case "transient":
        progress(
          `${event.operation} failed transiently (${event.failure}), retrying in ${wait} (attempt ${event.attempt}${left}${more})` +
            (event.slowed ? "; many calls are failing, so retries go at the slowest pace" : ""),
        );
        break;
      case "rate-limit":
        progress(`${event.operation} held back ${wait} by the client-side rate limit: the cloud throttled recent calls (attempt ${event.attempt}${left}${more})`);
        break;
    }
  };
}

export function createContext(init: ContextInit): HandlerContext {
  const { runtime } = init;
  const started = runtime.deps.now();
  const deadline = started + init.timeoutMs;
  let client: CtyunClient | undefined;
  const progress = (message: string): void => runtime.log(`ctyun:${init.type} ${init.name}: ${message}`);
  return {
    type: init.type,
    name: init.name,
    settings: init.settings,
    deps: runtime.deps,
    deadline,
    clientToken: init.clientToken ?? mintClientToken(runtime.deps),
    replaying: init.replaying ?? false,
    get client() {
      client ??= withSendDefaults(clientFor(init.settings, runtime.deps), {
        deadline,
        deadlineName: `the ${humanDuration(init.timeoutMs)}${init.step ? ` ${init.step}` : ""} timeout`,
        caller: `resource/${init.type}`,
        onDelay: delayReporter(progress, runtime.deps.now, init.timeoutMs),
      });
      return client;
    },
    waitTiming(what) {
      let lastReport = 0;
      return {
        maxWaitMs: Math.max(0, deadline - runtime.deps.now()),
        minDelayMs: runtime.pollMinDelayMs,
        maxDelayMs: runtime.pollMaxDelayMs,
        onRetry: (observed, elapsedMs) => {
          if (elapsedMs - lastReport < PROGRESS_EVERY_MS) return;
          lastReport = elapsedMs;
          progress(`waiting for ${what} (${observed}, ${formatDuration(Math.round(elapsedMs / 1000) * 1000)} of ${formatDuration(init.timeoutMs)})`);
        },
      };
    },
    progress,
    created(id, outputs = {}) {
      init.onCreated?.(id, { ...outputs });
    },
    wrote() {
      // Only a create's write tracker (create.ts) needs to know.
    },
  };
}
