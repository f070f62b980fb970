/**
 * The create journal: what makes a create safe to repeat after the deployment died.
 *
 * CTyun creates are idempotent per `clientToken` for 24 hours. A token kept only in memory is lost
 * when `pulumi up` is killed mid-create, and the rerun would order a second resource. So, before the
 * create call, the token (and any generated name) is written to a small file keyed by project,
 * stack, resource type and logical name; a rerun with the same inputs sends the same token, and
 * the cloud answers with the original order instead of a new one.
 *
 * The entry outlives a successful create: the provider cannot know whether the engine recorded
 * the result (a killed CLI leaves its dynamic-provider process running, which finishes the create
 * on its own). It is removed when the resource is deleted or found gone, when the create fails
 * for certain, and when a replayed token turns out to name a resource that no longer exists.
 * Entries hold no secret: inputs are only fingerprinted (salted with the token).
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export interface JournalEntry {
  readonly clientToken: string;
  /** sha256(token + inputs): the token is reused only for the very same inputs. */
  readonly fingerprint: string;
  /** Generated names, reused by `check` so the rerun's inputs match the interrupted create. */
  readonly autoNames: Readonly<Record<string, string>>;
  readonly createdAt: number;
  /** The cloud id once the create finished (in this or an orphaned process). */
  readonly resourceId?: string;
}

/** CTyun keeps tokens 24 h; stop trusting an entry a little before that. */
export const JOURNAL_TTL_MS = 23 * 3_600_000;

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

function keyFile(type: string, logicalName: string, env: NodeJS.ProcessEnv = process.env): string {
  const scope = [env["PULUMI_NODEJS_PROJECT"] ?? env["PULUMI_PROJECT"] ?? "", env["PULUMI_NODEJS_STACK"] ?? env["PULUMI_STACK"] ?? "", type, logicalName];
  return join(journalDirectory(env), `${createHash("sha256").update(scope.join("\u0000")).digest("hex")}.json`);
}

/** A stable JSON form (sorted keys) so equal inputs always fingerprint alike. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function fingerprint(token: string, inputs: unknown): string {
  return createHash("sha256").update(token).update("\u0000").update(stableJson(inputs)).digest("hex");
}

export function readEntry(type: string, logicalName: string, now: number): JournalEntry | undefined {
  try {
    const entry = JSON.parse(readFileSync(keyFile(type, logicalName), "utf8")) as JournalEntry;
    if (typeof entry.clientToken !== "string" || now - entry.createdAt > JOURNAL_TTL_MS) return undefined;
    return entry;
  } catch {
    return undefined;
  }
}

export interface CreateToken {
  readonly clientToken: string;
  /** True when the token comes from an earlier, interrupted or unrecorded create. */
  readonly reused: boolean;
}

function write(file: string, entry: JournalEntry): void {
  try {
    mkdirSync(journalDirectory(), { recursive: true, mode: 0o700 });
    writeFileSync(`${file}.tmp`, JSON.stringify(entry), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  } catch {
    // Best effort: without the file the token is idempotent within this process only.
  }
}

/**
 * The token for this create: the journaled one when the same inputs were created (or attempted)
 * before, else a fresh one, written down before the cloud hears of it. Journal I/O failures
 * degrade to an in-memory token rather than failing the create.
 */
export function beginCreate(type: string, logicalName: string, inputs: unknown, autoNames: Record<string, string>, now: number): CreateToken {
  const previous = readEntry(type, logicalName, now);
  if (previous && previous.fingerprint === fingerprint(previous.clientToken, inputs)) return { clientToken: previous.clientToken, reused: true };
  const clientToken = randomUUID();
  write(keyFile(type, logicalName), { clientToken, fingerprint: fingerprint(clientToken, inputs), autoNames, createdAt: now });
  return { clientToken, reused: false };
}

/** Records the id a create produced; the entry stays so an unrecorded result is not bought twice. */
export function finishCreate(type: string, logicalName: string, resourceId: string, now: number): void {
  const entry = readEntry(type, logicalName, now);
  if (entry) write(keyFile(type, logicalName), { ...entry, resourceId });
}

export function endCreate(type: string, logicalName: string): void {
  try {
    rmSync(keyFile(type, logicalName), { force: true });
  } catch {
    // Nothing to undo.
  }
}
