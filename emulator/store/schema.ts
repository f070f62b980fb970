/**
 * The SQLite schema and its version. A database written by a newer emulator is refused with a clear
 * message instead of being misread; older versions are migrated forward step by step.
 */
import type Database from "better-sqlite3";

export const SCHEMA_VERSION = 2;

/** Migration N turns a version N-1 database into version N (index 0 creates version 1). */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE resources (
    kind   TEXT NOT NULL,
    id     TEXT NOT NULL,
    region TEXT NOT NULL,
    data   TEXT NOT NULL,
    seq    INTEGER NOT NULL,
    PRIMARY KEY (kind, id)
  ) WITHOUT ROWID;
  CREATE INDEX resources_by_region ON resources (kind, region, seq);
  CREATE INDEX resources_by_id ON resources (id);

  -- Work the async engine still has to finish: orders, jobs and status transitions.
  CREATE TABLE pending (
    id           TEXT PRIMARY KEY,
    type         TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    timing       TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    due_at       INTEGER,
    polls_needed INTEGER,
    polls_seen   INTEGER NOT NULL DEFAULT 0,
    data         TEXT NOT NULL,
    created_at   INTEGER NOT NULL
  );
  CREATE INDEX pending_due ON pending (due_at) WHERE due_at IS NOT NULL;
  CREATE INDEX pending_subject ON pending (subject_kind, subject_id);

  CREATE TABLE idempotency (
    operation   TEXT NOT NULL,
    token       TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    response    TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (operation, token)
  );
  `,
  // 2: object bodies (ZOS data plane), stored as fixed-size chunks so uploads and ranged reads stream.
  `
  CREATE TABLE blobs (
    id   TEXT NOT NULL,
    seq  INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (id, seq)
  ) WITHOUT ROWID;
  `,
];

export class SchemaVersionError extends Error {
  override readonly name = "SchemaVersionError";
  constructor(found: number, location: string) {
    super(
      `The emulator database ${location} has schema version ${found}, newer than this emulator supports ` +
        `(${SCHEMA_VERSION}). Upgrade ctyun-emulator or start with a fresh --data-dir.`,
    );
  }
}

export function readSchemaVersion(db: Database.Database): number | undefined {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (!hasMeta) return undefined;
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  return row ? Number(row.value) : undefined;
}

/** Creates or migrates the schema; returns true when the database was created from scratch. */
export function ensureSchema(db: Database.Database, location: string): boolean {
  const found = readSchemaVersion(db);
  if (found !== undefined && (!Number.isInteger(found) || found > SCHEMA_VERSION)) throw new SchemaVersionError(found, location);
  const from = found ?? 0;
  if (from === SCHEMA_VERSION) return false;
  db.transaction(() => {
    db.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    for (let version = from + 1; version <= SCHEMA_VERSION; version++) db.exec(MIGRATIONS[version - 1]!);
    db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(
      String(SCHEMA_VERSION),
    );
  })();
  return from === 0;
}
