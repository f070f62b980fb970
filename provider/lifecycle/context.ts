/**
 * What a resource handler gets for one lifecycle call: the settings, a lazily built client (missing
 * credentials fail at the first request, not earlier), the deadline of this step, waiter timing
 * that respects it, progress lines, and the hook that turns later failures into partial creates.
 */
import { createHash } from "node:crypto";
import { createClient, type CtyunClient } from "../client/client";
import { mintClientToken } from "../client/client-token";
import type { RuntimeDeps } from "../client/deps";
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
  /** Built on first use; throws CtyunConfigError when credentials are missing. */
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
}

export interface RuntimeOptions {
  readonly deps: RuntimeDeps;
  /** Poll pacing for waiters (the real cloud: seconds; tests on virtual time: anything). */
  readonly pollMinDelayMs: number;
  readonly pollMaxDelayMs: number;
  /** Where progress lines go (stderr by default: the engine shows it as diagnostics). */
  readonly log: (line: string) => void;
}

const clients = new Map<string, CtyunClient>();

/** One client per endpoint and key pair per process, so retries share one budget and connections. */
export function clientFor(settings: Settings, deps: RuntimeDeps): CtyunClient {
  const credentials = requireCredentials(settings);
  const key = createHash("sha256")
    .update([settings.endpoint ?? "", credentials.accessKey, credentials.secretKey].join("\u0000"))
    .digest("hex");
  let client = clients.get(key);
  if (!client || client.deps !== deps) {
    client = withRegionHints(createClient({ credentials, endpoint: settings.endpoint, endpointSource: settings.endpointSource, deps }));
    clients.set(key, client);
  }
  return client;
}

/** @internal Drops cached clients (tests that swap endpoints or dependencies). */
export function resetClients(): void {
  for (const client of clients.values()) client.close();
  clients.clear();
}

export interface ContextInit {
  readonly type: string;
  readonly name: string;
  readonly settings: Settings;
  readonly runtime: RuntimeOptions;
  readonly timeoutMs: number;
  readonly clientToken?: string;
  readonly replaying?: boolean;
  readonly onCreated?: (id: string, outputs: Record<string, unknown>) => void;
}

const PROGRESS_EVERY_MS = 10_000;

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
      client ??= clientFor(init.settings, runtime.deps);
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
  };
}
