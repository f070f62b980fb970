/**
 * The create journal: what makes a create safe to repeat after the deployment died.
 *
 * Pulumi records a resource only when create returns. A create cut short (the CLI killed, the
 * machine gone, an answer lost) leaves a cloud resource the engine never heard of, and the rerun
 * would buy a second one. So before the cloud hears of a create, an entry is written for the
 * resource's owner — backend, organization, stack, project and URN, so no other stack ever reads
 * it — holding the create's `clientToken` and the non-secret inputs it was made with; as soon as
 * the cloud names the resource, its id is added. A rerun finds the entry and resolves it before
 * ordering anything new (lifecycle.ts): a known id is read and taken over; an unknown outcome is
 * replayed with the same token and the original inputs, which the cloud answers with the original.
 *
 * An entry is removed only when its resource is recorded in state (a later call for that id) or
 * proven absent (read finds nothing, or the first attempt was refused outright). Secret inputs are
 * never written: only a salted fingerprint of them.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export interface JournalEntry {
  readonly version: 2;
  readonly clientToken: string;
  /** Who owns the create, for people reading the file: the URN (or type and logical name). */
  readonly owner: string;
  /** The create's inputs, secret ones left out: a rerun replays exactly this create. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** sha256(token + secret inputs): tells whether a secret changed since. */
  readonly secretsFingerprint: string;
  readonly createdAt: number;
  /** The cloud id, written as soon as the cloud names the resource. */
  readonly resourceId?: string;
}

/** CTyun keeps tokens 24 h: an entry without an id cannot be replayed after that. */
export const TOKEN_TTL_MS = 23 * 3_600_000;

let directoryOverride: string | undefined;

/** @internal Tests point the journal at a temporary directory. */
export function setJournalDirectory(dir: string | undefined): void {
  directoryOverride = dir;
}

export function journalDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (directoryOverride) return directoryOverride;
  if (env["CTYUN_JOURNAL_DIR"]) return env["CTYUN_JOURNAL_DIR"];
  return join(env["PULUMI_HOME"] || join(homedir(), ".pulumi"), "ctyun", "create-journal");
}

/** Where one owner's entry lives. */
export interface JournalKey {
  readonly file: string;
  readonly owner: string;
}

/**
 * The entry of one resource. `scope` is the owner identity the resource class computed in the
 * program (a hash of backend, organization and URN); resources created by programs that predate it
 * fall back to the project and stack the engine puts in the environment.
 */
export function journalKey(type: string, logicalName: string, scope: string | undefined, env: NodeJS.ProcessEnv = process.env): JournalKey {
  const parts = scope
    ? ["v2", scope]
    : ["v1", env["PULUMI_NODEJS_PROJECT"] ?? env["PULUMI_PROJECT"] ?? "", env["PULUMI_NODEJS_STACK"] ?? env["PULUMI_STACK"] ?? "", type, logicalName];
  const digest = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  return { file: join(journalDirectory(env), `${digest}.json`), owner: `${type} ${logicalName}` };
}

export function readEntry(key: JournalKey): JournalEntry | undefined {
  try {
    const entry = JSON.parse(readFileSync(key.file, "utf8")) as Partial<JournalEntry>;
    if (entry.version !== 2 || typeof entry.clientToken !== "string" || typeof entry.createdAt !== "number" || typeof entry.inputs !== "object") return undefined;
    return entry as JournalEntry;
  } catch {
    return undefined;
  }
}

/** An entry whose token can still be replayed, or that names a resource. */
export function isLive(entry: JournalEntry, now: number): boolean {
  return entry.resourceId !== undefined || now - entry.createdAt <= TOKEN_TTL_MS;
}

/**
 * Writes atomically. A create must not go ahead unjournaled (a crash would then buy twice), but a
 * read-only or full disk should not make every create impossible either: failures are reported to
 * `warn` and the create goes on, idempotent within this process only.
 */
export function writeEntry(key: JournalKey, entry: JournalEntry, warn: (message: string) => void): void {
  try {
    mkdirSync(journalDirectory(), { recursive: true, mode: 0o700 });
    writeFileSync(`${key.file}.tmp`, JSON.stringify(entry), { mode: 0o600 });
    renameSync(`${key.file}.tmp`, key.file);
  } catch (error) {
    warn(`could not write the create journal (${(error as Error).message}): if this deployment dies mid-create, the rerun cannot find what it made`);
  }
}

export function removeEntry(key: JournalKey): void {
  try {
    rmSync(key.file, { force: true });
  } catch {
    // Nothing to undo.
  }
}

/** The resource `id` is recorded in state (or gone): its entry has done its job. */
export function settleEntry(key: JournalKey, id: string): void {
  if (readEntry(key)?.resourceId === id) removeEntry(key);
}
