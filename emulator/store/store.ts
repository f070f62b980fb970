/**
 * The resource store: JSON documents in one SQLite table, addressed by (kind, id) and owned by one
 * region each. Services use typed collections (`store.collection<Vpc>("vpc")`); the control plane
 * uses the untyped helpers below. Every request runs inside `store.transaction`.
 */
import type Database from "better-sqlite3";
import { BlobStore } from "./blobs";
import { Collection, type StatementSource, type StoredResource } from "./collection";

export type { StoredResource } from "./collection";

interface ResourceRow {
  kind: string;
  id: string;
  region: string;
  data: string;
}

export class Store implements StatementSource {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly collections = new Map<string, Collection<unknown>>();
  private seq: number;
  /** Byte bodies (object storage), written and read in chunks outside request transactions. */
  readonly blobs: BlobStore;

  constructor(readonly db: Database.Database) {
    this.blobs = new BlobStore(this);
    const row = this.statement("SELECT coalesce(max(seq), 0) AS seq FROM resources").get() as { seq: number };
    this.seq = row.seq;
  }

  /** A typed view of one resource kind. Kinds `order` and `job` are reserved for the async engine. */
  collection<T>(kind: string): Collection<T> {
    let collection = this.collections.get(kind);
    if (!collection) {
      collection = new Collection<unknown>(this, kind);
      this.collections.set(kind, collection);
    }
    return collection as Collection<T>;
  }

  /** Runs `fn` atomically. Nested calls become savepoints, so an inner failure can be contained. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Prepared statements are cached: preparing costs more than running them. */
  statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  /** True when any resource of any kind already uses this id (ids are unique across kinds). */
  idExists(id: string): boolean {
    return this.statement("SELECT 1 FROM resources WHERE id = ? LIMIT 1").get(id) !== undefined;
  }

  getResource(kind: string, id: string): StoredResource | undefined {
    const row = this.statement("SELECT kind, id, region, data FROM resources WHERE kind = ? AND id = ?").get(kind, id) as
      | ResourceRow
      | undefined;
    return row ? toStored(row) : undefined;
  }

  /** Shallow-merges `patch` into the stored document (control plane drift simulation). */
  patchResource(kind: string, id: string, patch: Readonly<Record<string, unknown>>): StoredResource | undefined {
    const current = this.getResource(kind, id);
    if (!current) return undefined;
    const data = { ...(current.data as Record<string, unknown>), ...patch };
    this.statement("UPDATE resources SET data = ? WHERE kind = ? AND id = ?").run(JSON.stringify(data), kind, id);
    return { ...current, data };
  }

  deleteResource(kind: string, id: string): boolean {
    return this.statement("DELETE FROM resources WHERE kind = ? AND id = ?").run(kind, id).changes > 0;
  }

  /** Every resource grouped by kind, in insertion order. */
  dump(): Record<string, StoredResource[]> {
    const rows = this.statement("SELECT kind, id, region, data FROM resources ORDER BY kind, seq").all() as ResourceRow[];
    const out: Record<string, StoredResource[]> = {};
    for (const row of rows) (out[row.kind] ??= []).push(toStored(row));
    return out;
  }

  /** Drops all state (resources, pending work, idempotency records, blobs); the schema stays. */
  clear(): void {
    this.transaction(() => {
      this.db.exec("DELETE FROM resources; DELETE FROM pending; DELETE FROM idempotency; DELETE FROM blobs;");
    });
    this.seq = 0;
  }

  close(): void {
    this.statements.clear();
    if (this.db.open) this.db.close();
  }
}

export function toStored(row: ResourceRow): StoredResource {
  return { kind: row.kind, id: row.id, region: row.region, data: JSON.parse(row.data) as unknown };
}
