/**
 * Persisted queue of unfinished asynchronous work. The row remembers the plan decided at start
 * (outcome, due time or polls needed), so restarts and profile changes do not alter work in flight.
 */
import type { Store } from "../store/store";

export type PendingType = "order" | "job" | "transition";

export interface PendingItem {
  readonly id: string;
  readonly type: PendingType;
  readonly subjectKind: string;
  readonly subjectId: string;
  readonly timing: string;
  readonly outcome: "success" | "fail";
  readonly dueAt: number | null;
  readonly pollsNeeded: number | null;
  readonly pollsSeen: number;
  readonly data: unknown;
  readonly createdAt: number;
}

interface PendingRow {
  id: string;
  type: PendingType;
  subject_kind: string;
  subject_id: string;
  timing: string;
  outcome: "success" | "fail";
  due_at: number | null;
  polls_needed: number | null;
  polls_seen: number;
  data: string;
  created_at: number;
}

const COLUMNS = "id, type, subject_kind, subject_id, timing, outcome, due_at, polls_needed, polls_seen, data, created_at";

export class PendingQueue {
  constructor(private readonly store: Store) {}

  add(item: Omit<PendingItem, "pollsSeen">): void {
    this.store
      .statement(`INSERT OR REPLACE INTO pending (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`)
      .run(item.id, item.type, item.subjectKind, item.subjectId, item.timing, item.outcome, item.dueAt, item.pollsNeeded, JSON.stringify(item.data), item.createdAt);
  }

  /** Items whose time has come, oldest deadline first. */
  due(now: number): PendingItem[] {
    const rows = this.store.statement(`SELECT ${COLUMNS} FROM pending WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at, rowid`).all(now) as PendingRow[];
    return rows.map(fromRow);
  }

  forSubject(subjectKind: string, subjectId: string): PendingItem[] {
    const rows = this.store.statement(`SELECT ${COLUMNS} FROM pending WHERE subject_kind = ? AND subject_id = ? ORDER BY rowid`).all(subjectKind, subjectId) as PendingRow[];
    return rows.map(fromRow);
  }

  get(id: string): PendingItem | undefined {
    const row = this.store.statement(`SELECT ${COLUMNS} FROM pending WHERE id = ?`).get(id) as PendingRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  all(): PendingItem[] {
    return (this.store.statement(`SELECT ${COLUMNS} FROM pending ORDER BY rowid`).all() as PendingRow[]).map(fromRow);
  }

  recordPoll(id: string): void {
    this.store.statement("UPDATE pending SET polls_seen = polls_seen + 1 WHERE id = ?").run(id);
  }

  /** Removes the row; false when another path already resolved it. */
  remove(id: string): boolean {
    return this.store.statement("DELETE FROM pending WHERE id = ?").run(id).changes > 0;
  }
}

function fromRow(row: PendingRow): PendingItem {
  return {
    id: row.id,
    type: row.type,
    subjectKind: row.subject_kind,
    subjectId: row.subject_id,
    timing: row.timing,
    outcome: row.outcome,
    dueAt: row.due_at,
    pollsNeeded: row.polls_needed,
    pollsSeen: row.polls_seen,
    data: JSON.parse(row.data) as unknown,
    createdAt: row.created_at,
  };
}
