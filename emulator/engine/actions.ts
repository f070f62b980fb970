/**
 * Named completion actions. Orders, jobs and transitions outlive the request (and the process), so
 * they refer to what must happen on completion by name; services register the functions at startup.
 */
import type { EngineContext } from "./context";
import type { JobRecord } from "./jobs";
import type { OrderRecord } from "./orders";
import type { PendingItem } from "./pending";
import type { TransitionSubject } from "./transitions";

export type OrderAction = (ctx: EngineContext, order: OrderRecord) => void;
export type JobAction = (ctx: EngineContext, job: JobRecord) => void;
export type TransitionAction = (ctx: EngineContext, subject: TransitionSubject) => void;

interface ActionTypes {
  order: OrderAction;
  job: JobAction;
  transition: TransitionAction;
}

export type ActionType = keyof ActionTypes;

export class ActionRegistry {
  private readonly actions: { [K in ActionType]: Map<string, ActionTypes[K]> } = {
    order: new Map(),
    job: new Map(),
    transition: new Map(),
  };

  register<K extends ActionType>(type: K, name: string, action: ActionTypes[K]): void {
    const table = this.actions[type] as Map<string, ActionTypes[K]>;
    if (table.has(name)) throw new Error(`${type} action "${name}" is already registered`);
    table.set(name, action);
  }

  get<K extends ActionType>(type: K, name: string): ActionTypes[K] | undefined {
    return (this.actions[type] as Map<string, ActionTypes[K]>).get(name);
  }

  /** Fails fast when a service places work naming an action nobody registered (a bug, not a 900). */
  require(type: ActionType, name: string | undefined): void {
    if (name !== undefined && !this.actions[type].has(name)) {
      throw new Error(`${type} action "${name}" is not registered; register it with api.${type}Action()`);
    }
  }

  /**
   * Settles an order or job whose timing came due: unless the timing failed it, its `action` runs;
   * if that failed (or the timing did), its `failAction` runs. Returns the failure reason, or null.
   */
  settle<K extends "order" | "job">(
    type: K,
    ctx: EngineContext,
    item: PendingItem,
    subject: Parameters<ActionTypes[K]>[1],
    action: string | null,
    failAction: string | null,
  ): string | null {
    const run = (name: string): string | null => runContained(ctx, () => (this.get(type, name) as (c: EngineContext, s: typeof subject) => void)(ctx, subject));
    let failure = item.outcome === "fail" ? failureReasonOf(item) : null;
    if (failure === null && action !== null) failure = run(action);
    if (failure !== null && failAction !== null) run(failAction);
    return failure;
  }

  names(type: ActionType): string[] {
    return [...this.actions[type].keys()].sort();
  }
}

/**
 * Runs an action inside a savepoint: if it throws, only its own writes are undone and the caller
 * records the failure on the order/job instead of failing the unrelated request that advanced it.
 */
export function runContained(ctx: EngineContext, body: () => void): string | null {
  try {
    ctx.store.transaction(body);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The reason a failing timing gave for failing the work ("failed" when it gave none). */
export function failureReasonOf(item: PendingItem): string {
  const data = item.data as { failureReason?: unknown } | null;
  return typeof data?.failureReason === "string" ? data.failureReason : "failed";
}
