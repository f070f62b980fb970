/**
 * A typed, region-scoped view of one resource kind. Looking an id up in the wrong region finds
 * nothing, as on the real cloud. Documents are plain JSON: store only what the API returns or needs.
 */
import type Database from "better-sqlite3";

/** One stored document with its address. */
export interface StoredResource<T = unknown> {
  readonly kind: string;
  readonly id: string;
  readonly region: string;
  readonly data: T;
}

/** What a collection needs of the store: cached statements and the insertion counter. */
export interface StatementSource {
  statement(sql: string): Database.Statement;
  nextSeq(): number;
}

interface Row {
  id: string;
  region: string;
  data: string;
}

export class Collection<T> {
  constructor(
    private readonly store: StatementSource,
    readonly kind: string,
  ) {}

  get(region: string, id: string): T | undefined {
    const row = this.store.statement("SELECT data FROM resources WHERE kind = ? AND id = ? AND region = ?").get(this.kind, id, region) as
      | { data: string }
      | undefined;
    return row ? (JSON.parse(row.data) as T) : undefined;
  }

  /** Looks an id up regardless of region (orders are queried without `regionID`, spec C.5). */
  locate(id: string): StoredResource<T> | undefined {
    const row = this.store.statement("SELECT id, region, data FROM resources WHERE kind = ? AND id = ?").get(this.kind, id) as Row | undefined;
    return row ? this.toStored(row) : undefined;
  }

  has(region: string, id: string): boolean {
    return this.store.statement("SELECT 1 FROM resources WHERE kind = ? AND id = ? AND region = ?").get(this.kind, id, region) !== undefined;
  }

  /** Documents of one region in insertion order, optionally filtered. */
  find(region: string, predicate?: (item: T) => boolean): T[] {
    const rows = this.store.statement("SELECT data FROM resources WHERE kind = ? AND region = ? ORDER BY seq").all(this.kind, region) as Array<{
      data: string;
    }>;
    const items = rows.map((row) => JSON.parse(row.data) as T);
    return predicate ? items.filter(predicate) : items;
  }

  findOne(region: string, predicate: (item: T) => boolean): T | undefined {
    return this.find(region, predicate)[0];
  }

  count(region: string, predicate?: (item: T) => boolean): number {
    if (!predicate) {
      const row = this.store.statement("SELECT count(*) AS n FROM resources WHERE kind = ? AND region = ?").get(this.kind, region) as { n: number };
      return row.n;
    }
    return this.find(region, predicate).length;
  }

  /** Every document of this kind across all regions. */
  all(): Array<StoredResource<T>> {
    const rows = this.store.statement("SELECT id, region, data FROM resources WHERE kind = ? ORDER BY seq").all(this.kind) as Row[];
    return rows.map((row) => this.toStored(row));
  }

  /** Adds a document; throws if the id is already used by this kind (a bug in the caller). */
  insert(region: string, id: string, data: T): T {
    if (this.store.statement("SELECT 1 FROM resources WHERE kind = ? AND id = ?").get(this.kind, id) !== undefined) {
      throw new Error(`${this.kind} ${id} already exists`);
    }
    this.store
      .statement("INSERT INTO resources (kind, id, region, data, seq) VALUES (?, ?, ?, ?, ?)")
      .run(this.kind, id, region, JSON.stringify(data), this.store.nextSeq());
    return data;
  }

  /**
   * Replaces a document with `change(current)` or merges a partial into it. Returns the new document,
   * or undefined when it does not exist in that region.
   */
  update(region: string, id: string, change: Partial<T> | ((current: T) => T)): T | undefined {
    const current = this.get(region, id);
    if (current === undefined) return undefined;
    const next = typeof change === "function" ? change(current) : { ...current, ...change };
    this.store.statement("UPDATE resources SET data = ? WHERE kind = ? AND id = ?").run(JSON.stringify(next), this.kind, id);
    return next;
  }

  delete(region: string, id: string): boolean {
    return this.store.statement("DELETE FROM resources WHERE kind = ? AND id = ? AND region = ?").run(this.kind, id, region).changes > 0;
  }

  private toStored(row: Row): StoredResource<T> {
    return { kind: this.kind, id: row.id, region: row.region, data: JSON.parse(row.data) as T };
  }
}
