/**
 * What backends and completion actions work with: the store, ids, the clock, the three async engines,
 * the other services' backends (by name) and the registry of who holds what. Request handlers get a
 * subclass with the request (services/operation-context.ts).
 */
import type { IdGenerator } from "../store/ids";
import type { Store } from "../store/store";
import type { UnknownCodes } from "../unknown-codes";
import type { BackendName, BackendRegistry, Backends } from "./backends";
import type { DependantRegistry, Dependants } from "./dependants";
import type { JobEngine } from "./jobs";
import type { OrderEngine } from "./orders";
import type { TransitionEngine } from "./transitions";

export interface EngineParts {
  readonly store: Store;
  readonly ids: IdGenerator;
  /** Emulator time in epoch milliseconds (injected; tests drive it). */
  readonly clock: () => number;
  readonly orders: OrderEngine;
  readonly jobs: JobEngine;
  readonly transitions: TransitionEngine;
  /** Codes for situations whose real CTyun code is unknown, drawn from documented sets. */
  readonly unknownCodes: UnknownCodes;
  readonly backends: BackendRegistry<EngineContext>;
  readonly dependants: DependantRegistry<EngineContext>;
}

export class EngineContext {
  readonly store: Store;
  readonly ids: IdGenerator;
  readonly clock: () => number;
  readonly orders: OrderEngine;
  readonly jobs: JobEngine;
  readonly transitions: TransitionEngine;
  readonly unknownCodes: UnknownCodes;

  constructor(protected readonly parts: EngineParts) {
    this.store = parts.store;
    this.ids = parts.ids;
    this.clock = parts.clock;
    this.orders = parts.orders;
    this.jobs = parts.jobs;
    this.transitions = parts.transitions;
    this.unknownCodes = parts.unknownCodes;
  }

  /** Another service's backend: the only way services use each other (engine/backends.ts). */
  backend<K extends BackendName>(name: K): Backends[K] {
    return this.parts.backends.create(name, this);
  }

  /**
   * A backend that may not be registered (a service developed separately, e.g. ELB for auto
   * scaling): undefined when absent. Its type is unknown here: the caller checks the methods it
   * needs, in one place, and says what it does without it.
   */
  optionalBackend(name: string): unknown {
    return this.parts.backends.has(name) ? this.parts.backends.create(name as BackendName, this) : undefined;
  }

  /** Other services' records that hold `kind/id`, one group per holding kind (engine/dependants.ts). */
  dependantsOf(kind: string, regionId: string, id: string): Dependants[] {
    return this.parts.dependants.of(this, kind, regionId, id);
  }

  /** Tells every holder of `kind/id` that it is going away, so they let go of it. */
  releaseDependants(kind: string, regionId: string, id: string): void {
    this.parts.dependants.release(this, kind, regionId, id);
  }
}
