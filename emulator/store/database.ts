/** Opens the SQLite file (WAL) or an in-memory database and brings its schema up to date. */
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ensureSchema } from "./schema";

export const DATABASE_FILE_NAME = "ctyun-emulator.db";

export type StoreLocation = { readonly kind: "memory" } | { readonly kind: "directory"; readonly dir: string };

export function databasePath(location: StoreLocation): string {
  return location.kind === "memory" ? ":memory:" : join(location.dir, DATABASE_FILE_NAME);
}

export function openDatabase(location: StoreLocation): { db: Database.Database; created: boolean } {
  if (location.kind === "directory") mkdirSync(location.dir, { recursive: true });
  const path = databasePath(location);
  const db = new Database(path);
  try {
    if (location.kind === "directory") {
      db.pragma("journal_mode = WAL");
      // NORMAL is durable across application crashes in WAL mode, which is all an emulator needs.
      db.pragma("synchronous = NORMAL");
    }
    const created = ensureSchema(db, path);
    return { db, created };
  } catch (error) {
    db.close();
    throw error;
  }
}
