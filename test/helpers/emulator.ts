/**
 * Test harness for everything that talks to the CTyun emulator.
 *
 *   describe("vpc", () => {
 *     const emu = useEmulator();                        // one emulator per suite, reset before each test
 *     it("creates", async () => {
 *       const res = await emu.post("/v4/vpc/create", { regionID: REGION, name: "a", CIDR: "10.0.0.0/16" });
 *       assert.equal(res.envelope().statusCode, 800);
 *       emu.clock.advance(5_000);                       // emulator time; nothing really sleeps
 *       assert.deepEqual(await emu.control.counts(), { CreateVpc: 1 });
 *     });
 *   });
 *
 * Requests are signed with the demo credentials (provider/client/signer.ts) at the fake clock's
 * time. `transport: "http"` (default) uses a real socket on an ephemeral port; `"in-process"` calls
 * `app.handle()` directly.
 */
import * as http from "node:http";
import { canonicalQuery, type QueryPair } from "../../provider/client/canonical";
import { formatEopDate, signRequest } from "../../provider/client/signer";
import { createEmulator, DEMO_ACCESS_KEY, DEMO_SECRET_KEY, startEmulator } from "../../emulator/index";
import type { EmulatorApp, EmulatorOptions, EmulatorState, FaultRuleInput, RequestLogEntry, RunningEmulator, TimingSpec } from "../../emulator/index";

/** 2024-06-01T00:00:00Z: every suite's emulator time starts here after each reset. */
export const DEFAULT_START_TIME = Date.UTC(2024, 5, 1, 0, 0, 0);
export const REGION_HUADONG1 = "bb9fdb42056f11eda1610242ac110002";
export const REGION_HUABEI2 = "81f7728662dd11ec810800155d307d5b";

export interface FakeClock {
  now(): number;
  advance(ms: number): void;
  set(ms: number): void;
}

export function fakeClock(start = DEFAULT_START_TIME): FakeClock {
  let current = start;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (ms) => {
      current = ms;
    },
  };
}

export interface Credentials {
  readonly accessKey: string;
  readonly secretKey: string;
}

export interface CallOptions {
  /** Pairs keep their order (repeated keys allowed); the URL query is the Go canonical form. */
  readonly query?: readonly QueryPair[] | Readonly<Record<string, string>>;
  /** Objects are sent as compact JSON; strings as-is. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** false = unsigned; default: the demo credentials. */
  readonly sign?: false | Credentials;
  /** Overrides the signed `eop-date` (default: the fake clock, Beijing time). */
  readonly eopDate?: string;
  readonly requestId?: string;
}

export interface CtyunEnvelope<T = unknown> {
  statusCode: number;
  errorCode: string;
  error: string;
  message: string;
  description: string;
  returnObj: T;
}

export interface CallResult {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  json<T = unknown>(): T;
  /** The parsed CTyun envelope (`returnObj` typed by the caller). */
  envelope<T = any>(): CtyunEnvelope<T>;
}

export interface ControlClient {
  reset(): Promise<void>;
  state(): Promise<EmulatorState>;
  requests(): Promise<RequestLogEntry[]>;
  counts(): Promise<Record<string, number>>;
  clearRequests(): Promise<void>;
  transitions(): Promise<{ profile: string; kinds: Record<string, TimingSpec> }>;
  setTiming(kind: string, spec: TimingSpec): Promise<void>;
  setProfile(profile: "fast" | "realistic"): Promise<void>;
  addFault(rule: FaultRuleInput): Promise<string>;
  faults(): Promise<Array<FaultRuleInput & { id: string; remaining: number | null; hits: number }>>;
  removeFault(id: string): Promise<void>;
  clearFaults(): Promise<void>;
  resource<T = Record<string, unknown>>(kind: string, id: string): Promise<{ kind: string; id: string; region: string; data: T } | undefined>;
  patchResource(kind: string, id: string, patch: Readonly<Record<string, unknown>>): Promise<void>;
  deleteResource(kind: string, id: string): Promise<void>;
  /** Any control-plane call, for what the typed methods do not cover. */
  raw(method: string, path: string, body?: unknown): Promise<CallResult>;
}

export interface HarnessOptions {
  readonly transport?: "http" | "in-process";
  /** Passed to the emulator; the harness supplies `clock` unless you do. */
  readonly emulator?: EmulatorOptions;
  readonly startTime?: number;
  readonly credentials?: Credentials;
}

export interface EmulatorHarness {
  readonly clock: FakeClock;
  /** Base URL (http transport only). */
  readonly url: string;
  readonly app: EmulatorApp;
  readonly control: ControlClient;
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  get(path: string, query?: CallOptions["query"], options?: Omit<CallOptions, "query">): Promise<CallResult>;
  post(path: string, body?: unknown, options?: Omit<CallOptions, "body">): Promise<CallResult>;
}

/** Registers mocha hooks: start before the suite, reset (state and clock) before each test, close after. */
export function useEmulator(options: HarnessOptions = {}): EmulatorHarness {
  const harness = new Harness(options);
  before(() => harness.start());
  beforeEach(() => harness.reset());
  after(() => harness.stop());
  return harness;
}

/** The same harness without mocha hooks (call start/reset/stop yourself). */
export class Harness implements EmulatorHarness {
  readonly clock: FakeClock;
  readonly control: ControlClient;
  private running: RunningEmulator | undefined;
  private inProcess: EmulatorApp | undefined;
  private readonly agent = new http.Agent({ keepAlive: true });

  constructor(private readonly options: HarnessOptions = {}) {
    this.clock = fakeClock(options.startTime ?? DEFAULT_START_TIME);
    this.control = controlClient((method, path, body) => this.send(method, path, body === undefined ? {} : { body }, false));
  }

  async start(): Promise<void> {
    // Codes CTyun has not documented are pinned to each set's first member here, so emulator specs
    // can assert whole envelopes; the provider's tests (providers.ts), test/emulator/unknown-codes.spec.ts
    // and the conformance run draw them, so nothing passes by matching one invented string.
    const emulatorOptions: EmulatorOptions = { clock: this.clock.now, unknownCodes: "first", ...this.options.emulator };
    if (this.options.transport === "in-process") this.inProcess = createEmulator(emulatorOptions);
    else this.running = await startEmulator(emulatorOptions);
  }

  async reset(): Promise<void> {
    this.clock.set(this.options.startTime ?? DEFAULT_START_TIME);
    await this.control.reset();
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    await this.running?.close();
    this.inProcess?.close();
    this.running = undefined;
    this.inProcess = undefined;
  }

  get url(): string {
    if (!this.running) throw new Error("the emulator is not listening (not started, or in-process transport)");
    return this.running.url;
  }

  get app(): EmulatorApp {
    const app = this.inProcess ?? this.running?.app;
    if (!app) throw new Error("the emulator is not started");
    return app;
  }

  call(method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
    return this.send(method, path, options, true);
  }

  get(path: string, query?: CallOptions["query"], options: Omit<CallOptions, "query"> = {}): Promise<CallResult> {
    return this.call("GET", path, query === undefined ? options : { ...options, query });
  }

  post(path: string, body?: unknown, options: Omit<CallOptions, "body"> = {}): Promise<CallResult> {
    return this.call("POST", path, body === undefined ? options : { ...options, body });
  }

  private async send(method: string, path: string, options: CallOptions, signByDefault: boolean): Promise<CallResult> {
    const pairs: QueryPair[] = Array.isArray(options.query)
      ? [...(options.query as readonly QueryPair[])]
      : Object.entries((options.query ?? {}) as Record<string, string>);
    const query = canonicalQuery(pairs);
    const body = options.body === undefined ? "" : typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    const headers: Record<string, string> = {};
    if (body !== "") headers["content-type"] = "application/json";
    const credentials = options.sign === false || !signByDefault ? undefined : (options.sign ?? this.options.credentials ?? { accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY });
    if (credentials) {
      Object.assign(
        headers,
        signRequest({
          ...credentials,
          query: pairs,
          body,
          eopDate: options.eopDate ?? formatEopDate(new Date(this.clock.now())),
          ...(options.requestId !== undefined ? { requestId: options.requestId } : {}),
        }),
      );
    } else if (options.requestId !== undefined) {
      headers["ctyun-eop-request-id"] = options.requestId;
    }
    Object.assign(headers, options.headers);
    const url = query === "" ? path : `${path}?${query}`;
    if (this.inProcess || !this.running) {
      const response = await this.app.handle({ method, url, headers, body });
      if (response.drop) throw Object.assign(new Error("connection dropped by the emulator"), { code: "ECONNRESET" });
      return result(response.status, response.headers, response.body);
    }
    return this.httpRequest(method, url, headers, body);
  }

  private httpRequest(method: string, url: string, headers: Record<string, string>, body: string): Promise<CallResult> {
    const target = new URL(url, this.url);
    return new Promise((resolve, reject) => {
      const request = http.request(target, { method, headers, agent: this.agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const flat: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
          }
          resolve(result(response.statusCode ?? 0, flat, Buffer.concat(chunks).toString("utf8")));
        });
      });
      request.on("error", reject);
      request.end(body);
    });
  }
}

function result(status: number, headers: Readonly<Record<string, string>>, body: string): CallResult {
  return {
    status,
    headers,
    body,
    json: <T>() => JSON.parse(body) as T,
    envelope: <T>() => JSON.parse(body) as CtyunEnvelope<T>,
  };
}

function controlClient(raw: (method: string, path: string, body?: unknown) => Promise<CallResult>): ControlClient {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await raw(method, `/_emulator/${path}`, body);
    if (response.status !== 200) throw new Error(`control plane ${method} ${path} failed: HTTP ${response.status} ${response.body}`);
    return response.json<T>();
  };
  return {
    reset: async () => void (await call("POST", "reset")),
    state: () => call<EmulatorState>("GET", "state"),
    requests: async () => (await call<{ requests: RequestLogEntry[] }>("GET", "requests")).requests,
    counts: async () => (await call<{ counts: Record<string, number> }>("GET", "requests/counts")).counts,
    clearRequests: async () => void (await call("DELETE", "requests")),
    transitions: () => call("GET", "transitions"),
    setTiming: async (kind, spec) => void (await call("PUT", `transitions/${encodeURIComponent(kind)}`, spec)),
    setProfile: async (profile) => void (await call("PUT", "transitions", { profile })),
    addFault: async (rule) => (await call<{ id: string }>("POST", "faults", rule)).id,
    faults: async () => (await call<{ faults: Array<FaultRuleInput & { id: string; remaining: number | null; hits: number }> }>("GET", "faults")).faults,
    removeFault: async (id) => void (await call("DELETE", `faults/${encodeURIComponent(id)}`)),
    clearFaults: async () => void (await call("DELETE", "faults")),
    resource: async <T>(kind: string, id: string) => {
      const response = await raw("GET", `/_emulator/resources/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`);
      if (response.status === 404) return undefined;
      if (response.status !== 200) throw new Error(`control plane resource lookup failed: HTTP ${response.status}`);
      return response.json<{ kind: string; id: string; region: string; data: T }>();
    },
    patchResource: async (kind, id, patch) => void (await call("PATCH", `resources/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`, patch)),
    deleteResource: async (kind, id) => void (await call("DELETE", `resources/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`)),
    raw,
  };
}
