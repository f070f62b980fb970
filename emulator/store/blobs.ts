/**
 * Byte bodies in SQLite, cut into fixed-size chunks (the last one shorter). An upload is written
 * chunk by chunk as it arrives, so memory holds one chunk, not the whole body; a ranged read touches
 * only the chunks it needs. Each write is its own tiny statement (no request transaction spans an
 * upload): a body becomes visible only when a service stores its id in a record.
 */
import type Database from "better-sqlite3";

/** Chunk size: large enough to keep rows few, small enough to stay a bounded buffer. */
export const BLOB_CHUNK_BYTES = 1024 * 1024;

interface Statements {
  statement(sql: string): Database.Statement;
}

/** Collects bytes and stores every full chunk at once; `finish` stores the rest. */
export class BlobWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private seq = 0;
  private written = 0;

  constructor(
    private readonly store: BlobStore,
    readonly id: string,
  ) {}

  write(data: Buffer): void {
    let rest = data;
    while (rest.length > 0) {
      const take = Math.min(rest.length, BLOB_CHUNK_BYTES - this.pendingBytes);
      this.pending.push(rest.subarray(0, take));
      this.pendingBytes += take;
      rest = rest.subarray(take);
      if (this.pendingBytes === BLOB_CHUNK_BYTES) this.flush();
    }
  }

  /** Stores what is left; returns the body's size. */
  finish(): number {
    if (this.pendingBytes > 0) this.flush();
    return this.written;
  }

  /** Drops what was written (a failed or refused upload). */
  discard(): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.store.delete(this.id);
  }

  private flush(): void {
    const chunk = Buffer.concat(this.pending, this.pendingBytes);
    this.store.putChunk(this.id, this.seq, chunk);
    this.seq += 1;
    this.written += chunk.length;
    this.pending = [];
    this.pendingBytes = 0;
  }
}

export class BlobStore {
  constructor(private readonly statements: Statements) {}

  writer(id: string): BlobWriter {
    this.delete(id);
    return new BlobWriter(this, id);
  }

  putChunk(id: string, seq: number, data: Buffer): void {
    this.statements.statement("INSERT INTO blobs (id, seq, data) VALUES (?, ?, ?)").run(id, seq, data);
  }

  /** The bytes `[start, end)` of a body, chunk by chunk (a body that went away meanwhile ends early). */
  *read(id: string, start: number, end: number): Generator<Buffer> {
    if (end <= start) return;
    const first = Math.floor(start / BLOB_CHUNK_BYTES);
    const last = Math.floor((end - 1) / BLOB_CHUNK_BYTES);
    const select = this.statements.statement("SELECT data FROM blobs WHERE id = ? AND seq = ?");
    for (let seq = first; seq <= last; seq++) {
      const row = select.get(id, seq) as { data: Buffer } | undefined;
      if (!row) return;
      const offset = seq * BLOB_CHUNK_BYTES;
      yield row.data.subarray(Math.max(0, start - offset), Math.min(row.data.length, end - offset));
    }
  }

  /** A second body with the same bytes (copies own their bodies, so deleting one leaves the other). */
  copy(from: string, to: string): void {
    this.delete(to);
    this.statements.statement("INSERT INTO blobs (id, seq, data) SELECT ?, seq, data FROM blobs WHERE id = ?").run(to, from);
  }

  delete(id: string): void {
    this.statements.statement("DELETE FROM blobs WHERE id = ?").run(id);
  }

  /** Bytes stored under `id` (tests and usage reports). */
  size(id: string): number {
    const row = this.statements.statement("SELECT coalesce(sum(length(data)), 0) AS n FROM blobs WHERE id = ?").get(id) as { n: number };
    return row.n;
  }
}
