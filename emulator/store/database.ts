/** Opens the SQLite file (WAL) or an in-memory database and brings its schema up to date. */
import type Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ensureSchema } from "./schema";

export const DATABASE_FILE_NAME = "ctyun-emulator.db";

export type StoreLocation = { readonly kind: "memory" } | { readonly kind: "directory"; readonly dir: string };

export function databasePath(location: StoreLocation): string {
  return location.kind === "memory" ? ":memory:" : join(location.dir, DATABASE_FILE_NAME);
}

/**
 * better-sqlite3 is an optional dependency: only the emulator needs it, and a program that talks to
 * the real cloud must install even where its native build is impossible.
 */
function sqlite(): typeof Database {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require("better-sqlite3") as typeof Database;
  } catch (error) {
    throw new Error(
      "The CTyun emulator needs better-sqlite3 (an optional dependency of pulumi-ctyun), which is not installed or did not build: run `npm install better-sqlite3@12`.",
      { cause: error },
    );
  }
}

export function openDatabase(location: StoreLocation): { db: Database.Database; created: boolean } {
  if (location.kind === "directory") mkdirSync(location.dir, { recursive: true });
  const path = databasePath(location);
  const Sqlite = sqlite();
  const db = new Sqlite(path);
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
