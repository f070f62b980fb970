/**
 * A bounded, in-memory record of every piece of asynchronous work (order, job, transition): when it
 * started, when its timing said it would be done, when the emulator settled it, and when a client
 * first looked at its subject afterwards. Benchmarks read it (GET /_emulator/work) to measure how
 * long a client takes to notice finished work; nothing in the emulator's behaviour depends on it.
 */
import type { PendingItem, PendingType } from "./pending";

export interface WorkLogEntry {
  readonly type: PendingType;
  readonly subjectKind: string;
  readonly subjectId: string;
  /** Timing kind (`order`, `boot`, …). */
  readonly timing: string;
  readonly startedAt: number;
  /** When a `delay` timing makes it done; null for poll-counted or immediate work. */
  readonly dueAt: number | null;
  /** When the emulator applied the outcome (lazily: at the first request after `dueAt`). */
  settledAt: number | null;
  outcome: "success" | "fail" | null;
  /** The first observation of the subject (a read that polls it) at or after settling. */
  observedAt: number | null;
}

export class WorkLog {
  private entries: WorkLogEntry[] = [];
  /** Open entries by subject (`kind/id`): settled ones wait here for their first observation. */
  private readonly open = new Map<string, WorkLogEntry[]>();

  constructor(private readonly limit: number) {}

  started(item: PendingItem): void {
    const entry: WorkLogEntry = {
      type: item.type,
      subjectKind: item.subjectKind,
      subjectId: item.subjectId,
      timing: item.timing,
      startedAt: item.createdAt,
      dueAt: item.dueAt,
      settledAt: null,
      outcome: null,
      observedAt: null,
    };
    this.entries.push(entry);
    if (this.entries.length >= 2 * this.limit) this.entries = this.entries.slice(-this.limit);
    const key = subjectKey(item.subjectKind, item.subjectId);
    this.open.set(key, [...(this.open.get(key) ?? []), entry]);
    // Subjects nobody looks at again would stay open for ever: forget the oldest (Maps keep insertion order).
    for (const stale of this.open.keys()) {
      if (this.open.size <= this.limit) break;
      this.open.delete(stale);
    }
  }

  settled(item: PendingItem, now: number): void {
    const entry = (this.open.get(subjectKey(item.subjectKind, item.subjectId)) ?? []).find((e) => e.settledAt === null && e.type === item.type);
    if (!entry) return;
    entry.settledAt = now;
    entry.outcome = item.outcome;
  }

  /**
   * A read of the subject: settled entries not seen before record `now`. True when the read looked
   * at work in flight or just finished (the read was a poll).
   */
  observed(subjectKind: string, subjectId: string, now: number, inFlight: boolean): boolean {
    const key = subjectKey(subjectKind, subjectId);
    const list = this.open.get(key);
    if (!list) return inFlight;
    let polled = inFlight;
    const left = list.filter((entry) => {
      if (entry.settledAt === null) return true;
      entry.observedAt = now;
      polled = true;
      return false;
    });
    if (left.length > 0) this.open.set(key, left);
    else this.open.delete(key);
    return polled;
  }

  /** The newest `limit` entries, oldest first. */
  list(): readonly WorkLogEntry[] {
    return this.entries.length > this.limit ? this.entries.slice(-this.limit) : this.entries;
  }

  clear(): void {
    this.entries = [];
    this.open.clear();
  }
}

function subjectKey(kind: string, id: string): string {
  return `${kind}/${id}`;
}
