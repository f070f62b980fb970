/**
 * What backends and completion actions work with: the store, ids, the clock and the three async
 * engines. Request handlers get this plus the request (see services/types.ts OperationContext).
 */
import type { IdGenerator } from "../store/ids";
import type { UnknownCodes } from "../unknown-codes";
import type { Store } from "../store/store";
import type { JobEngine } from "./jobs";
import type { OrderEngine } from "./orders";
import type { TransitionEngine } from "./transitions";

export interface EngineContext {
  readonly store: Store;
  readonly ids: IdGenerator;
  /** Emulator time in epoch milliseconds (injected; tests drive it). */
  readonly clock: () => number;
  readonly orders: OrderEngine;
  readonly jobs: JobEngine;
  readonly transitions: TransitionEngine;
  /** Codes for situations whose real CTyun code is unknown, drawn from documented sets. */
  readonly unknownCodes: UnknownCodes;
}
