/**
 * The contract between the emulator core and its services. A service module exports
 * `register(api: ServiceRegistrar)` and, through it, declares everything the core needs to know:
 * its routes (with their input schemas), its backend (so other services can use it by name), which
 * other services' resources its records hold, its named completion actions, its timing kinds and
 * its seed data. The core does envelopes, errors, auth, transactions, parameter reading, regions,
 * orders, jobs, transitions and idempotency.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import type { JobAction, OrderAction, TransitionAction } from "../engine/actions";
import type { BackendName, Backends } from "../engine/backends";
import type { EngineContext } from "../engine/context";
import type { DependantSpec } from "../engine/dependants";
import type { TimingDefaults } from "../engine/timing";
import type { OperationContext } from "./operation-context";
import type { Params } from "./params";

export type { OperationContext } from "./operation-context";

/**
 * The CTyun product host a route belongs to (spec B.1); one emulator URL serves them all. The hosts
 * of the services so far are listed for completion; a new product's host needs no edit here.
 */
export type ServiceHost = "ctecs" | "ctvpc" | "ebs" | "ctimage" | "zos" | (string & {});

/**
 * How a route treats `regionID`: `required` (most APIs: missing → `Openapi.Parameter.Invalid`,
 * unknown → `Unknown.Region.RegionIDError`), `optional` (EBS: checked when sent) or `none` (the
 * route reads no region, or reads it its own way).
 */
export type RegionMode = "required" | "optional" | "none";
/** A region as the catalog service keeps it (services/catalog/records.ts). */
type RegionRecord = ReturnType<Backends["catalog"]["requireRegion"]>;
export type RegionOf<R extends RegionMode> = R extends "required" ? RegionRecord : R extends "optional" ? RegionRecord | undefined : undefined;

/** What a handler receives: the parsed input, the resolved region and the parameters as sent. */
export interface ParsedRequest<I, R extends RegionMode> {
  readonly input: I;
  readonly region: RegionOf<R>;
  /** The parameters as sent (nulls removed): for what a schema cannot say, e.g. paging (shared/paging.ts). */
  readonly params: Params;
}

/** A route as a service writes it (with `defineRoute`, services/route.ts). */
export interface RouteSpec<S extends z.ZodType, R extends RegionMode> {
  readonly method: "GET" | "POST";
  readonly path: string;
  /** PascalCase, unique; names the operation in the request log and COVERAGE.md. */
  readonly operation: string;
  readonly service: ServiceHost;
  /** Default `required`. */
  readonly region?: R;
  /** Parsed from the request's parameters; the first problem answers `Openapi.Parameter.Invalid`. */
  readonly input: S;
  /**
   * Returns the `returnObj` of a success envelope. Must be synchronous: it runs inside the request's
   * SQLite transaction. Throw an EmulatorError for a 900.
   */
  handle(ctx: OperationContext, request: ParsedRequest<z.output<S>, R>): unknown;
}

/** A route as the route table holds it. */
export interface RouteDefinition {
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly operation: string;
  readonly service: ServiceHost;
  readonly handler: (ctx: OperationContext) => unknown;
}

/** One line of the request log written by a mounted handler (control/request-log.ts). */
export interface RawRequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly operation: string | null;
  readonly status: number;
  readonly errorCode: string | null;
  readonly requestId: string;
  readonly ms: number;
}

/** What a mounted handler gets besides the socket: the engine, transactions and the request log. */
export interface RawRequestHost {
  readonly context: EngineContext;
  /** Runs `fn` in one SQLite transaction, after finishing async work that is due (as routes do). */
  transaction<T>(fn: () => T): T;
  log(entry: RawRequestLogEntry): void;
}

/**
 * A protocol that is not the EOP envelope (the ZOS S3 data plane): it reads and writes the socket
 * itself, so bodies stream instead of being buffered, and it does its own authentication.
 */
export type RawHttpHandler = (req: IncomingMessage, res: ServerResponse, host: RawRequestHost) => Promise<void>;

export interface ServiceRegistrar {
  /**
   * Serves every request whose path is `prefix` or starts with `prefix/` with `handler`, before the
   * EOP pipeline (no envelope, signature check, faults or buffering). Only over a socket.
   */
  mount(prefix: string, handler: RawHttpHandler): void;
  route(route: RouteDefinition): void;
  /** The service's backend, which other services reach with `ctx.backend(name)` (engine/backends.ts). */
  backend<K extends BackendName>(name: K, factory: (ctx: EngineContext) => Backends[K]): void;
  /** Records of this service hold resources of kind `heldKind` (engine/dependants.ts). */
  holds(heldKind: string, spec: DependantSpec<EngineContext>): void;
  /** A named action run when an order finishes (or fails, when used as `failAction`). */
  orderAction(name: string, action: OrderAction): void;
  /** A named action run when a job finishes (or fails, when used as `failAction`). */
  jobAction(name: string, action: JobAction): void;
  /** A named action run after a transition reached its target status (`then`). */
  transitionAction(name: string, action: TransitionAction): void;
  /** A new timing kind with defaults for each profile (e.g. `attach`). */
  timing(kind: string, defaults: TimingDefaults): void;
  /**
   * Fixed data the cloud "already has" (regions, public images…). Runs at every startup and after
   * every reset, so it must insert only what is missing.
   */
  seed(seeder: (ctx: EngineContext) => void): void;
}

export interface ServiceModule {
  register(api: ServiceRegistrar): void;
}
