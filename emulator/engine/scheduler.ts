/**
 * Drives pending work forward lazily: nothing runs in the background. Before every API request the
 * pipeline calls `advanceDue(now)`; read handlers call `observe(kind, id)` for the thing being polled.
 * Each pending type (order, job, transition) registers one resolver that applies the outcome.
 */
import type { PendingItem, PendingQueue, PendingType } from "./pending";
import type { TimingTable } from "./timing";
import type { WorkLog } from "./work-log";

export type Resolver = (item: PendingItem) => void;

export interface StartInput {
  readonly type: PendingType;
  readonly subjectKind: string;
  readonly subjectId: string;
  /** A timing kind registered in the TimingTable (`order`, `power`, …). */
  readonly timing: string;
  readonly data: unknown;
}

export class Scheduler {
  private readonly resolvers = new Map<PendingType, Resolver>();
  /** Set while a request runs (`watchPolls`): whether it observed work in flight or just finished. */
  private polled: boolean | undefined;

  constructor(
    readonly queue: PendingQueue,
    private readonly timing: TimingTable,
    private readonly clock: () => number = Date.now,
    /** Records each item's start, settlement and first observation (for benchmarks). */
    readonly workLog?: WorkLog,
  ) {}

  onResolve(type: PendingType, resolver: Resolver): void {
    this.resolvers.set(type, resolver);
  }

  /** Plans and enqueues one item; resolves it on the spot when its timing is `immediate`. */
  start(input: StartInput, now: number): PendingItem {
    const plan = this.timing.plan(input.timing, now);
    const item: PendingItem = {
      id: pendingId(input.type, input.subjectKind, input.subjectId),
      ...input,
      outcome: plan.outcome,
      dueAt: plan.dueAt,
      pollsNeeded: plan.pollsNeeded,
      pollsSeen: 0,
      data: plan.reason === null ? input.data : { ...(input.data as object), failureReason: plan.reason },
      createdAt: now,
    };
    this.workLog?.started(item);
    if (plan.immediate) {
      this.resolve(item);
    } else {
      this.queue.add(item);
    }
    return item;
  }

  /** Resolves every item whose deadline has passed. Resolvers may start new items; those wait their turn. */
  advanceDue(now: number): number {
    let resolved = 0;
    for (const item of this.queue.due(now)) {
      if (this.queue.remove(item.id)) {
        this.resolve(item);
        resolved++;
      }
    }
    return resolved;
  }

  /**
   * Counts one observation (a poll) of a subject. Poll-driven items resolve when enough earlier
   * observations have been seen, so the first `count` polls still show the in-progress state.
   */
  observe(subjectKind: string, subjectId: string): void {
    let inFlight = false;
    for (const item of this.queue.forSubject(subjectKind, subjectId)) {
      if (item.pollsNeeded === null) {
        inFlight = true;
        continue;
      }
      if (item.pollsSeen >= item.pollsNeeded) {
        if (this.queue.remove(item.id)) this.resolve(item);
      } else {
        inFlight = true;
        this.queue.recordPoll(item.id);
      }
    }
    const polled = this.workLog ? this.workLog.observed(subjectKind, subjectId, this.clock(), inFlight) : inFlight;
    if (polled && this.polled !== undefined) this.polled = true;
  }

  /**
   * Runs `fn` (one request's handler, synchronous) and tells whether it was a poll: it observed
   * work still in flight, or finished since the subject was last observed.
   */
  watchPolls<T>(fn: () => T): { value: T; polled: boolean } {
    this.polled = false;
    try {
      const value = fn();
      return { value, polled: this.polled };
    } finally {
      this.polled = undefined;
    }
  }

  /** Drops unfinished work of one subject (e.g. a newer transition supersedes an older one). */
  cancel(type: PendingType, subjectKind: string, subjectId: string): boolean {
    return this.queue.remove(pendingId(type, subjectKind, subjectId));
  }

  private resolve(item: PendingItem): void {
    const resolver = this.resolvers.get(item.type);
    if (!resolver) throw new Error(`no resolver registered for pending type ${item.type}`);
    resolver(item);
    this.workLog?.settled(item, this.clock());
  }
}

/** One pending item per (type, subject): ids are derived, so no id generator is involved. */
export function pendingId(type: PendingType, subjectKind: string, subjectId: string): string {
  return `${type}/${subjectKind}/${subjectId}`;
}
