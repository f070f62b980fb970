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

  /** Fails fast when a service places work naming an action nobody registered (a bug, not a 900). */
  require(type: ActionType, name: string | undefined): void {
    if (name !== undefined && !this.actions[type].has(name)) {
      throw new Error(`${type} action "${name}" is not registered; register it with api.${type}Action()`);
    }
  }

  /**
   * Runs an action inside a savepoint: if it throws, only its own writes are undone and the caller
   * records the failure on the order/job instead of failing the unrelated request that advanced it.
   */
  run<K extends ActionType>(type: K, name: string, ctx: EngineContext, subject: Parameters<ActionTypes[K]>[1]): string | null {
    const action = (this.actions[type] as Map<string, (c: EngineContext, s: typeof subject) => void>).get(name);
    if (!action) return `${type} action "${name}" is not registered`;
    try {
      ctx.store.transaction(() => action(ctx, subject));
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
}
