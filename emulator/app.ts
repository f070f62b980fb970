/**
 * One emulator instance: the store and engines (core.ts), the registered services and the request
 * pipeline. `handle()` is the whole API without a socket; http/node-server.ts is a thin shell over it.
 *
 * Pipeline: request id → request log → error serializer → control plane → faults → signature →
 * dispatch (route, in one transaction) → not implemented.
 */
import { createControlPlane } from "./control/routes";
import { FaultRegistry } from "./control/faults";
import { RequestLog } from "./control/request-log";
import { createCore, type Core } from "./core";
import type { EngineContext } from "./engine/context";
import { compose } from "./http/middleware";
import { RequestContext } from "./http/request-context";
import { RouteTable } from "./http/router";
import type { EmulatorRequest, EmulatorResponse } from "./http/types";
import { controlPlane } from "./middleware/control-plane";
import { dispatch } from "./middleware/dispatch";
import { errorSerializer } from "./middleware/error-serializer";
import { bodyLimit } from "./middleware/body-limit";
import { faultInjection } from "./middleware/faults";
import { notImplemented } from "./middleware/not-implemented";
import { requestId } from "./middleware/request-id";
import { requestLog } from "./middleware/request-log";
import { verifySignature } from "./middleware/verify-signature";
import { SERVICE_MODULES } from "./services";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RawHttpHandler, RawRequestHost, ServiceHost, ServiceModule, ServiceRegistrar } from "./services/types";
import type { EmulatorSettings } from "./settings";
import { openDatabase } from "./store/database";
import { Store } from "./store/store";

export interface RouteSummary {
  readonly method: string;
  readonly path: string;
  readonly operation: string;
  readonly service: ServiceHost;
}

export interface EmulatorState {
  /** Every resource by kind (orders and jobs are listed separately). */
  readonly resources: Record<string, Array<{ id: string; region: string; data: unknown }>>;
  readonly orders: unknown[];
  readonly jobs: unknown[];
  /** Unfinished orders, jobs and transitions. */
  readonly pending: unknown[];
  /** Failures of transition `then` actions (service bugs). */
  readonly actionErrors: readonly string[];
}

export interface EmulatorApp {
  handle(request: EmulatorRequest): Promise<EmulatorResponse>;
  /**
   * Serves a request a service mounted a raw handler for (the S3 data plane under `/_s3`), streaming;
   * undefined when no mount claims the path (then buffer it and call `handle`).
   */
  serveRaw(req: IncomingMessage, res: ServerResponse): Promise<void> | undefined;
  routes(): RouteSummary[];
  /** All state, logs, faults and timing back to how the instance started. */
  reset(): void;
  state(): EmulatorState;
  close(): void;
  readonly settings: EmulatorSettings;
  /** Direct access for tests and tooling; services get the same object per request. */
  readonly context: EngineContext;
}

export function createApp(settings: EmulatorSettings): EmulatorApp {
  const { db } = openDatabase(settings.location);
  const store = new Store(db);
  try {
    return assemble(settings, store);
  } catch (error) {
    store.close();
    throw error;
  }
}

function assemble(settings: EmulatorSettings, store: Store): EmulatorApp {
  const core = createCore(settings, store);
  const routes = new RouteTable();
  const mounts: Array<{ prefix: string; handler: RawHttpHandler }> = [];
  const seeders = registerServices(core, routes, mounts, [...SERVICE_MODULES, ...settings.extraServices]);
  core.timing.applyStartupOverrides(settings.timing);
  const seed = (): void => store.transaction(() => seeders.forEach((seeder) => seeder(core.context)));
  seed();

  const log = new RequestLog(settings.requestLogLimit);
  const faults = new FaultRegistry();

  // Control-plane reads first finish work whose time has come, so dumps match the emulator clock.
  const settle = (): void => {
    store.transaction(() => core.scheduler.advanceDue(settings.clock()));
  };
  const state = (): EmulatorState => {
    settle();
    const { order = [], job = [], ...resources } = store.dump();
    return {
      resources,
      orders: order.map((entry) => entry.data),
      jobs: job.map((entry) => entry.data),
      pending: core.scheduler.queue.all(),
      actionErrors: [...core.transitions.actionErrors],
    };
  };
  const reset = (): void => {
    store.clear();
    core.reseed();
    core.timing.reset();
    log.clear();
    core.scheduler.workLog?.clear();
    faults.clear();
    core.transitions.actionErrors.length = 0;
    seed();
  };
  const services = () => ({ backends: core.parts.backends.names(), dependants: core.parts.dependants.relations() });
  const listRoutes = (): RouteSummary[] =>
    routes.list().map(({ method, path, operation, service }) => ({ method, path, operation, service }));

  const pipeline = compose(
    [
      requestId(),
      requestLog({ log, clock: settings.clock, accessLog: settings.accessLog }),
      errorSerializer({ onUnexpectedError: settings.onUnexpectedError }),
      bodyLimit({ maxBodyBytes: settings.maxBodyBytes }),
      controlPlane({ handle: createControlPlane({ reset, state, routes: listRoutes, services, requestLog: log, workLog: core.scheduler.workLog, faults, timing: core.timing, store }) }),
      faultInjection({ faults, random: core.faultRandom, sleep: settings.sleep }),
      verifySignature({
        enabled: settings.signature.verify,
        windowMinutes: settings.signature.windowMinutes,
        credentials: settings.credentials,
        clock: settings.clock,
      }),
      dispatch({ parts: core.parts, scheduler: core.scheduler, ledger: core.ledger }),
    ],
    notImplemented({ routes }),
  );

  const rawHost: RawRequestHost = {
    context: core.context,
    transaction: (fn) =>
      store.transaction(() => {
        core.scheduler.advanceDue(settings.clock());
        return fn();
      }),
    fault: (method, path) => faults.take(method, path, core.faultRandom),
    sleep: (ms) => settings.sleep(ms),
    log: (entry) => {
      log.add({ ...entry, statusCode: null, fault: entry.fault ?? null, at: settings.clock() - entry.ms, userAgent: null, poll: false });
      settings.accessLog?.(`${entry.method} ${entry.path} ${entry.operation ?? "-"} ${entry.status} - ${entry.errorCode ?? "-"} ${entry.ms}ms`);
    },
  };

  return {
    serveRaw(req, res) {
      const path = (req.url ?? "/").split("?")[0]!;
      const mount = mounts.find(({ prefix }) => path === prefix || path.startsWith(`${prefix}/`));
      return mount?.handler(req, res, rawHost);
    },
    handle(request) {
      const ctx = new RequestContext(request);
      ctx.route = routes.match(ctx.method, ctx.path);
      return pipeline(ctx);
    },
    routes: listRoutes,
    reset,
    state,
    close: () => store.close(),
    settings,
    context: core.context,
  };
}

function registerServices(
  core: Core,
  routes: RouteTable,
  mounts: Array<{ prefix: string; handler: RawHttpHandler }>,
  modules: readonly ServiceModule[],
): Array<(ctx: EngineContext) => void> {
  const seeders: Array<(ctx: EngineContext) => void> = [];
  const api: ServiceRegistrar = {
    mount: (prefix, handler) => {
      if (!/^\/_[a-z0-9]+$/.test(prefix) || prefix === "/_emulator") throw new Error(`mount prefix ${prefix} must be /_<name> and not the control plane`);
      mounts.push({ prefix, handler });
    },
    route: (route) => routes.add(route),
    backend: (name, factory) => core.parts.backends.register(name, factory),
    holds: (heldKind, spec) => core.parts.dependants.register(heldKind, spec),
    orderAction: (name, action) => core.actions.register("order", name, action),
    jobAction: (name, action) => core.actions.register("job", name, action),
    transitionAction: (name, action) => core.actions.register("transition", name, action),
    timing: (kind, defaults) => core.timing.register(kind, defaults),
    seed: (seeder) => seeders.push(seeder),
  };
  for (const module of modules) module.register(api);
  return seeders;
}
