/**
 * Resource status machines (ECS running→stopping→stopped, EBS attaching→in-use, …). `schedule()`
 * writes the transitional status at once, so the very next read shows it (spec D.7), and the target
 * status later according to the timing kind.
 */
import type { Store } from "../store/store";
import type { JsonObject } from "./json";
import type { PendingItem } from "./pending";
import type { Scheduler } from "./scheduler";
import type { RequireAction, RunAction } from "./settlement";

export interface ResourceRef {
  readonly regionId: string;
  readonly id: string;
}

export interface TransitionSpec {
  /** Status written now, e.g. `stopping`. */
  readonly via: string;
  /** Status written on success, e.g. `stopped`. */
  readonly to: string;
  /** Document field holding the status; default `status`. */
  readonly field?: string;
  /** Timing kind (`power`, `boot`, …); default `transition`. */
  readonly timing?: string;
  /** Status written on failure; default: the status before `via`. */
  readonly failTo?: string;
  /** Registered transition action run after `to` has been written. */
  readonly then?: string;
  readonly payload?: JsonObject;
}

/** What a transition action receives. */
export interface TransitionSubject {
  readonly kind: string;
  readonly regionId: string;
  readonly id: string;
  readonly from: string;
  readonly via: string;
  readonly to: string;
  readonly payload: JsonObject;
}

interface TransitionData {
  readonly regionId: string;
  readonly field: string;
  readonly from: string;
  readonly via: string;
  readonly to: string;
  readonly failTo: string | null;
  readonly then: string | null;
  readonly payload: JsonObject;
}

export interface PendingTransition {
  readonly kind: string;
  readonly id: string;
  readonly via: string;
  readonly to: string;
  readonly timing: string;
}

export class TransitionEngine {
  /** Failures of `then` actions (service bugs), shown by GET /_emulator/state; newest last. */
  readonly actionErrors: string[] = [];

  constructor(
    private readonly store: Store,
    private readonly scheduler: Scheduler,
    private readonly clock: () => number,
    private readonly requireAction: RequireAction,
  ) {}

  /**
   * Moves `kind/ref` to `via` now and to `to` later. A newer transition of the same resource replaces
   * an unfinished older one. Throws (a caller bug) when the resource does not exist.
   */
  schedule(kind: string, ref: ResourceRef, spec: TransitionSpec): void {
    this.requireAction(spec.then);
    const field = spec.field ?? "status";
    const collection = this.store.collection<Record<string, unknown>>(kind);
    const current = collection.get(ref.regionId, ref.id);
    if (!current) throw new Error(`cannot schedule a transition: ${kind} ${ref.id} does not exist in ${ref.regionId}`);
    this.scheduler.cancel("transition", kind, ref.id);
    collection.update(ref.regionId, ref.id, { [field]: spec.via });
    const data: TransitionData = {
      regionId: ref.regionId,
      field,
      from: String(current[field] ?? ""),
      via: spec.via,
      to: spec.to,
      failTo: spec.failTo ?? null,
      then: spec.then ?? null,
      payload: spec.payload ?? {},
    };
    this.scheduler.start({ type: "transition", subjectKind: kind, subjectId: ref.id, timing: spec.timing ?? "transition", data }, this.clock());
  }

  /** Counts one poll of the resource (call it from the resource's read/describe handler). */
  observe(kind: string, id: string): void {
    this.scheduler.observe(kind, id);
  }

  pending(kind: string, id: string): PendingTransition | undefined {
    const item = this.scheduler.queue.forSubject(kind, id).find((candidate) => candidate.type === "transition");
    if (!item) return undefined;
    const data = item.data as TransitionData;
    return { kind, id, via: data.via, to: data.to, timing: item.timing };
  }

  private recordError(message: string): void {
    this.actionErrors.push(message);
    if (this.actionErrors.length > 100) this.actionErrors.shift();
  }

  /** Applies the outcome of a transition whose timing came due (the scheduler's resolver for transitions). */
  settle(item: PendingItem, run: RunAction<TransitionSubject>): void {
    const data = item.data as TransitionData;
    const collection = this.store.collection<Record<string, unknown>>(item.subjectKind);
    const current = collection.get(data.regionId, item.subjectId);
    // Deleted, or changed by someone else meanwhile (e.g. a drift test): the transition is moot.
    if (!current || current[data.field] !== data.via) return;
    const success = item.outcome === "success";
    collection.update(data.regionId, item.subjectId, { [data.field]: success ? data.to : (data.failTo ?? data.from) });
    if (success && data.then !== null) {
      const then = data.then;
      const subject: TransitionSubject = {
        kind: item.subjectKind,
        regionId: data.regionId,
        id: item.subjectId,
        from: data.from,
        via: data.via,
        to: data.to,
        payload: data.payload,
      };
      const failure = run(then, subject);
      // Not rethrown: the request that happened to advance this transition is unrelated to it.
      if (failure !== null) this.recordError(`${item.subjectKind} ${item.subjectId}: transition action ${then} failed: ${failure}`);
    }
  }
}
