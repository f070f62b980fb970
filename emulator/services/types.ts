/**
 * The contract between the emulator core and its services. A service module exports
 * `register(api: ServiceRegistrar)`; routes parse and shape, backends own the rules, the core does
 * envelopes, errors, auth, transactions, orders, jobs, transitions and idempotency.
 */
import type { EngineContext } from "../engine/context";
import type { JobAction, OrderAction, TransitionAction } from "../engine/actions";
import type { TimingDefaults } from "../engine/timing";
import type { QueryParams } from "./query-params";

/** The CTyun product host a route belongs to (spec B.1); one emulator URL serves them all. */
export type ServiceHost = "ctecs" | "ctvpc" | "ebs" | "ctimage" | "zos";

export interface OperationContext extends EngineContext {
  readonly requestId: string;
  /** The route's operation name, e.g. `CreateVpc`. */
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly query: QueryParams;
  /** The JSON body (`{}` when empty); an unparsable body is rejected before the handler runs. */
  readonly body: unknown;
  /** The verified access key (undefined when signature checks are off and none was sent). */
  readonly accessKey: string | undefined;
  /** Emulator time at the start of the request (epoch ms). */
  readonly now: number;
  /**
   * The operation's parameters as one object: the query (first value per key, strings) for GET, the
   * JSON body for POST. Validate it with `parseInput(schema, ctx.input())`.
   */
  input(): Record<string, unknown>;
  /**
   * `clientToken` idempotency: runs `produce` once per (operation, token) and replays its result for
   * 24 h when called again with the same parameters; different parameters throw
   * `Openapi.ClientToken.Conflict`. The token is `params.clientToken` unless given explicitly.
   */
  idempotent<T>(params: Readonly<Record<string, unknown>>, produce: () => T, options?: { readonly token?: string }): T;
}

/**
 * Returns the `returnObj` of a success envelope. Must be synchronous: it runs inside the request's
 * SQLite transaction. Throw an EmulatorError for a 900.
 */
export type OperationHandler = (ctx: OperationContext) => unknown;

export interface RouteDefinition {
  readonly method: "GET" | "POST";
  readonly path: string;
  /** PascalCase, unique; names the operation in the request log and COVERAGE.md. */
  readonly operation: string;
  readonly service: ServiceHost;
  readonly handler: OperationHandler;
}

export interface ServiceRegistrar {
  route(route: RouteDefinition): void;
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
