/**
 * Assembles the stateful core of one emulator instance: store, ids, timing, the scheduler and the
 * order/job/transition engines, the idempotency ledger, and the registries services fill at startup
 * (named actions, backends, who holds what). No HTTP here.
 */
import { ActionRegistry } from "./engine/actions";
import { BackendRegistry } from "./engine/backends";
import { EngineContext, type EngineParts } from "./engine/context";
import { DependantRegistry } from "./engine/dependants";
import { IdempotencyLedger } from "./engine/idempotency";
import { JobEngine } from "./engine/jobs";
import { OrderEngine } from "./engine/orders";
import { PendingQueue } from "./engine/pending";
import { Scheduler } from "./engine/scheduler";
import { TimingTable } from "./engine/timing";
import { TransitionEngine } from "./engine/transitions";
import { WorkLog } from "./engine/work-log";
import type { EmulatorSettings } from "./settings";
import { IdGenerator } from "./store/ids";
import { randomSource, type RandomSource } from "./store/random";
import type { Store } from "./store/store";
import { UnknownCodes } from "./unknown-codes";

export interface Core {
  /** What completion actions and tooling see; request handlers get it plus the request. */
  readonly context: EngineContext;
  /** The parts the context is made of (each request's context is built from them). */
  readonly parts: EngineParts;
  readonly store: Store;
  readonly ids: IdGenerator;
  readonly timing: TimingTable;
  readonly scheduler: Scheduler;
  readonly actions: ActionRegistry;
  readonly ledger: IdempotencyLedger;
  readonly transitions: TransitionEngine;
  /** Random source for fault probabilities (re-seeded by `reseed`). */
  readonly faultRandom: RandomSource;
  /** Back to the startup random sequences (used by reset). */
  reseed(): void;
}

export function createCore(settings: EmulatorSettings, store: Store): Core {
  const clock = settings.clock;
  const ids = new IdGenerator(randomSource(settings.seed, "ids"), (id) => store.idExists(id));
  const timing = new TimingTable(settings.profile);
  const scheduler = new Scheduler(new PendingQueue(store), timing, clock, new WorkLog(settings.requestLogLimit));
  const actions = new ActionRegistry();
  const orders = new OrderEngine(store, ids, scheduler, clock, (name) => actions.require("order", name));
  const jobs = new JobEngine(store, ids, scheduler, clock, (name) => actions.require("job", name));
  const transitions = new TransitionEngine(store, scheduler, clock, (name) => actions.require("transition", name));
  const unknownCodes = new UnknownCodes(randomSource(settings.seed, "unknown-codes"), settings.unknownCodes);
  const parts: EngineParts = {
    store,
    ids,
    clock,
    orders,
    jobs,
    transitions,
    unknownCodes,
    backends: new BackendRegistry<EngineContext>(),
    dependants: new DependantRegistry<EngineContext>(),
  };
  const context = new EngineContext(parts);
  // Finished work runs the services' named actions in the finished context: wired only now that it exists.
  scheduler.onResolve("order", (item) => orders.settle(item, (name, order) => actions.run("order", name, context, order)));
  scheduler.onResolve("job", (item) => jobs.settle(item, (name, job) => actions.run("job", name, context, job)));
  scheduler.onResolve("transition", (item) => transitions.settle(item, (name, subject) => actions.run("transition", name, context, subject)));

  let faultRandom = settings.random ?? randomSource(settings.seed, "faults");
  return {
    context,
    parts,
    store,
    ids,
    timing,
    scheduler,
    actions,
    ledger: new IdempotencyLedger(store, clock),
    transitions,
    faultRandom: () => faultRandom(),
    reseed() {
      ids.reseed(randomSource(settings.seed, "ids"));
      unknownCodes.reseed(randomSource(settings.seed, "unknown-codes"));
      if (!settings.random) faultRandom = randomSource(settings.seed, "faults");
    },
  };
}
