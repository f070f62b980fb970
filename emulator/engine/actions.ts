/**
 * Named completion actions. Orders, jobs and transitions outlive the request (and the process), so
 * they refer to what must happen on completion by name; services register the functions at startup.
 */
import type { EngineContext } from "./context";
import type { JobRecord } from "./jobs";
import type { OrderRecord } from "./orders";
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
