/**
 * What a route handler works with: the engine context (store, engines, other services' backends,
 * who holds what) plus the request and `clientToken` idempotency. Built by the dispatch middleware.
 */
import { EngineContext, type EngineParts } from "../engine/context";
import type { IdempotencyLedger } from "../engine/idempotency";
import type { Params } from "./params";

export interface RequestInfo {
  readonly requestId: string;
  /** The route's operation name, e.g. `CreateVpc`. */
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  /** The verified access key (undefined when signature checks are off and none was sent). */
  readonly accessKey: string | undefined;
  /** The `Host` header as sent (undefined in-process): answers that name the emulator's own URL use it. */
  readonly host?: string | undefined;
  /** The request's parameters (services/params.ts). */
  readonly params: Params;
}

export class OperationContext extends EngineContext {
  readonly params: Params;
  /** Emulator time at the start of the request (epoch ms). */
  readonly now: number;

  constructor(
    parts: EngineParts,
    readonly request: RequestInfo,
    private readonly ledger: IdempotencyLedger,
  ) {
    super(parts);
    this.params = request.params;
    this.now = parts.clock();
  }

  /**
   * `clientToken` idempotency: runs `produce` once per (operation, token) and replays its result for
   * 24 h when the same parameters come again; different parameters throw `Openapi.ClientToken.Conflict`.
   * The token is the request's `clientToken`; without one this is just `produce()`.
   */
  idempotent<T>(produce: () => T): T {
    const token = this.params["clientToken"];
    return this.ledger.run(this.request.operation, typeof token === "string" ? token : undefined, this.params, produce);
  }
}
