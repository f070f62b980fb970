/**
 * The resource contract, once, for every resource: check (validate, default, auto-name), diff
 * (explicit changes, replaces only for create-only inputs), create (one clientToken per logical
 * create, partial failures keep the id), read (props and inputs, not-found removes), update,
 * delete (not-found is success), timeouts, adoption.
 */
import { randomBytes } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { z } from "zod";
import { isServiceError } from "../client/errors";
import { resolveSettings, type Settings, type StackConfig } from "../config";
import { createContext, type RuntimeOptions } from "./context";
import { parseDuration } from "./durations";
import { timeoutsInput } from "./fields";
import { beginCreate, endCreate, finishCreate, readEntry, type CreateToken } from "./journal";
import type { AnyResourceSpec, CheckFailure, Props, Timeouts } from "./spec";
import { containsUnknown } from "./unknowns";

/** Keys every resource accepts besides its own inputs. */
export const COMMON_INPUTS = ["pulumiName", "timeouts", "adoptId"] as const;
const PROVIDER_KEY = "__provider";
/** Inputs that never cause an update or a replacement. */
const INERT_INPUTS = new Set<string>(["pulumiName", "adoptId", PROVIDER_KEY]);

export interface CheckResult {
  readonly inputs: Props;
  readonly failures: CheckFailure[];
}

export interface DiffResult {
  readonly changes: boolean;
  readonly replaces: string[];
  readonly deleteBeforeReplace: boolean;
}

/** Thrown once the cloud has an id: the engine records the resource instead of leaking it. */
export class PartialCreateError extends Error {
  override readonly name = "PartialCreateError";
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Props,
    readonly reasons: string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

function shapeOf(spec: AnyResourceSpec): Record<string, z.ZodType> {
  return spec.inputs.shape as Record<string, z.ZodType>;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "is invalid";
  const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
  return `${where}${issue.message}`;
}

/** `<logical>-<7 hex>` shaped to the cloud's rules. */
export function generateAutoName(spec: AnyResourceSpec, logicalName: string, random: () => string = () => randomBytes(4).toString("hex").slice(0, 7)): string | undefined {
  const rule = spec.autoName;
  if (!rule) return undefined;
  const separator = rule.separator ?? "-";
  const source = rule.lowercase ? logicalName.toLowerCase() : logicalName;
  let base = source.replace(new RegExp(`[^${rule.allowedCharacters ?? "0-9a-zA-Z\\u4e00-\\u9fa5_-"}]`, "g"), separator);
  if (rule.allowedCharacters !== undefined) base = base.replace(new RegExp(`^[${separator === "-" ? "\\-" : separator}]+`), "");
  if (rule.mustStartWithLetter && !/^[a-zA-Z\u4e00-\u9fa5]/.test(base)) base = `r${separator}${base}`;
  const suffix = `${separator}${random()}`;
  const size = (text: string): number => (rule.lengthUnit === "bytes" ? Buffer.byteLength(text, "utf8") : [...text].length);
  let chars = [...base];
  while (chars.length > 1 && size(chars.join("") + suffix) > rule.maxLength) chars = chars.slice(0, -1);
  base = chars.join("").replace(new RegExp(`[${separator === "-" ? "\\-" : separator}_]+$`), "");
  return `${base}${suffix}`;
}

export function check(spec: AnyResourceSpec, olds: Props, news: Props, settings: Settings, now: number): CheckResult {
  const shape = shapeOf(spec);
  const failures: CheckFailure[] = [];
  const inputs: Props = {};
  for (const key of Object.keys(news)) {
    if (key === PROVIDER_KEY || key in shape || (COMMON_INPUTS as readonly string[]).includes(key)) continue;
    failures.push({ property: key, reason: `is not an input of ctyun:${spec.type}` });
  }
  if (news[PROVIDER_KEY] !== undefined) inputs[PROVIDER_KEY] = news[PROVIDER_KEY];
  const logicalName = typeof news["pulumiName"] === "string" ? (news["pulumiName"] as string) : undefined;
  if (logicalName !== undefined) inputs["pulumiName"] = logicalName;

  const raw: Props = { ...news };
  for (const [key, setting] of Object.entries(spec.settingDefaults ?? {}) as Array<[string, keyof Settings]>) {
    if (raw[key] === undefined && settings[setting] !== undefined) raw[key] = settings[setting];
  }
  const autoName = spec.autoName?.property;
  const adopting = typeof news["adoptId"] === "string" && news["adoptId"] !== "" && !containsUnknown(news["adoptId"]);
  // Adopting without a name takes the cloud's name (filled in at create), rather than inventing one.
  const autoNamed = autoName !== undefined && raw[autoName] === undefined && !adopting;
  if (autoNamed) {
    const journaled = logicalName ? readEntry(spec.type, logicalName, now)?.autoNames[autoName] : undefined;
    raw[autoName] = olds[autoName] ?? journaled ?? (logicalName ? generateAutoName(spec, logicalName) : undefined);
  }

  const unknownKeys = new Set<string>();
  for (const [key, schema] of Object.entries(shape)) {
    const value = raw[key];
    if (containsUnknown(value)) {
      unknownKeys.add(key);
      inputs[key] = value;
      continue;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      if (parsed.data !== undefined) inputs[key] = parsed.data;
    } else if (value === undefined && adopting && key === autoName) {
      // Filled from the adopted resource.
    } else if (value === undefined) {
      const setting = spec.settingDefaults?.[key];
      failures.push({ property: key, reason: setting ? `is required: set it on the resource, or set the stack default (ctyun:${setting})` : "is required" });
    } else {
      failures.push({ property: key, reason: firstIssue(parsed.error) });
    }
  }
  for (const key of ["timeouts", "adoptId"] as const) {
    const value = news[key];
    if (value === undefined) continue;
    inputs[key] = value;
    if (containsUnknown(value)) continue;
    if (key === "adoptId" && (typeof value !== "string" || value === "")) failures.push({ property: key, reason: "must be a non-empty cloud id" });
    if (key === "timeouts") {
      const parsed = timeoutsInput.safeParse(value);
      if (!parsed.success) failures.push({ property: key, reason: firstIssue(parsed.error) });
      else {
        for (const [step, text] of Object.entries(parsed.data)) {
          if (text !== undefined && parseDuration(text) === undefined) {
            failures.push({ property: key, reason: `${step}: must be a duration like "90s", "10m" or "1h30m"` });
          }
        }
      }
    }
  }
  if (spec.defaults) {
    const given = (key: string): boolean => !unknownKeys.has(key) && inputs[key] !== undefined;
    for (const [key, value] of Object.entries(spec.defaults(inputs as never, given as never))) {
      if (inputs[key] === undefined && !unknownKeys.has(key) && value !== undefined) inputs[key] = value;
    }
  }
  if (autoNamed && logicalName && olds[autoName] !== undefined && inputs[autoName] === olds[autoName] && replacesCreateOnly(spec, olds, inputs, autoName)) {
    // A generated name moves with a replacement, so the new resource can exist beside the old one
    // (create-before-delete) even where names must be unique.
    inputs[autoName] = generateAutoName(spec, logicalName);
  }
  const failed = new Set(failures.map((f) => f.property));
  if (spec.crossCheck) {
    const known = (key: string): boolean => !unknownKeys.has(key) && !failed.has(key) && inputs[key] !== undefined;
    const given = (key: string): boolean => raw[key] !== undefined;
    failures.push(...spec.crossCheck(inputs as never, known as never, olds, given as never));
  }
  return { inputs, failures };
}

/** True when a known create-only input (other than `except`) differs between old and new inputs. */
function replacesCreateOnly(spec: AnyResourceSpec, olds: Props, news: Props, except: string): boolean {
  return (spec.createOnly as readonly string[]).some(
    (key) =>
      key !== except &&
      !containsUnknown(news[key]) &&
      !isDeepStrictEqual(normalizeForCompare(spec, key, olds[key] ?? undefined), normalizeForCompare(spec, key, news[key] ?? undefined)),
  );
}

function normalizeForCompare(spec: AnyResourceSpec, key: string, value: unknown): unknown {
  if (Array.isArray(value) && (spec.unorderedInputs as readonly string[] | undefined)?.includes(key)) {
    return [...value].map((v) => JSON.stringify(v)).sort();
  }
  return value;
}

/** The inputs whose values differ between the previous outputs and the new inputs. */
export function changedInputs(spec: AnyResourceSpec, olds: Props, news: Props): string[] {
  const keys = new Set([...Object.keys(shapeOf(spec)), "timeouts"]);
  const changed: string[] = [];
  for (const key of keys) {
    if (INERT_INPUTS.has(key)) continue;
    const next = news[key];
    if (containsUnknown(next)) {
      changed.push(key);
      continue;
    }
    if (!isDeepStrictEqual(normalizeForCompare(spec, key, olds[key] ?? undefined), normalizeForCompare(spec, key, next ?? undefined))) changed.push(key);
  }
  return changed;
}

export function diff(spec: AnyResourceSpec, olds: Props, news: Props): DiffResult {
  const changed = changedInputs(spec, olds, news);
  const createOnly = spec.createOnly as readonly string[];
  const replaces = changed.filter((key) => createOnly.includes(key));
  const deleteBeforeReplace = replaces.length > 0 && (spec.deleteBeforeReplace?.(olds, news as never, replaces) ?? false);
  return { changes: changed.length > 0, replaces, deleteBeforeReplace };
}

/** The resource's own inputs (and the common ones) picked from a state or input bag. */
export function pickInputs(spec: AnyResourceSpec, bag: Props): Props {
  const out: Props = {};
  for (const key of [...Object.keys(shapeOf(spec)), ...COMMON_INPUTS, PROVIDER_KEY]) {
    if (bag[key] !== undefined) out[key] = bag[key];
  }
  return out;
}

export function effectiveTimeouts(spec: AnyResourceSpec, inputs: Props): Timeouts {
  const given = (inputs["timeouts"] ?? {}) as Partial<Record<keyof Timeouts, string>>;
  const pick = (step: keyof Timeouts): number => (given[step] !== undefined ? parseDuration(given[step] as string) : undefined) ?? spec.timeouts[step];
  return { create: pick("create"), update: pick("update"), delete: pick("delete") };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A provider's methods for one spec, given the stack config captured by `configure`. */
export class Lifecycle {
  constructor(
    private readonly spec: AnyResourceSpec,
    private readonly runtime: RuntimeOptions,
  ) {}

  private settings(config: StackConfig | undefined): Settings {
    return resolveSettings(config ?? {});
  }

  private context(inputs: Props, config: StackConfig | undefined, step: keyof Timeouts, extra: { clientToken?: string; onCreated?: (id: string, outputs: Props) => void } = {}) {
    return createContext({
      type: this.spec.type,
      name: typeof inputs["pulumiName"] === "string" ? (inputs["pulumiName"] as string) : this.spec.type,
      settings: this.settings(config),
      runtime: this.runtime,
      timeoutMs: effectiveTimeouts(this.spec, inputs)[step],
      ...extra,
    });
  }

  async check(olds: Props, news: Props, config?: StackConfig): Promise<{ inputs: Props; failures: CheckFailure[] }> {
    return check(this.spec, olds ?? {}, news ?? {}, this.settings(config), this.runtime.deps.now());
  }

  async diff(_id: string, olds: Props, news: Props): Promise<DiffResult> {
    return diff(this.spec, olds ?? {}, news ?? {});
  }

  async create(inputs: Props, config?: StackConfig): Promise<{ id: string; outs: Props }> {
    const spec = this.spec;
    const logicalName = typeof inputs["pulumiName"] === "string" ? (inputs["pulumiName"] as string) : undefined;
    if (typeof inputs["adoptId"] === "string") return this.adopt(inputs["adoptId"], inputs, config);
    const own = pickInputs(spec, inputs);
    // The token answers "same create?": step timeouts do not change what is created.
    delete own["__provider"];
    delete own["timeouts"];
    const autoNames: Record<string, string> = {};
    const autoProperty = spec.autoName?.property;
    if (autoProperty && typeof inputs[autoProperty] === "string") autoNames[autoProperty] = inputs[autoProperty] as string;
    const now = () => this.runtime.deps.now();
    const token = logicalName ? beginCreate(spec.type, logicalName, own, autoNames, now()) : undefined;
    try {
      return await this.createOnce(inputs, config, token, logicalName);
    } catch (error) {
      // A replayed token whose resource has since been deleted names nothing: start afresh, once.
      if (!token?.reused || !logicalName || !isServiceError(error, ...spec.notFoundCodes)) throw error;
      endCreate(spec.type, logicalName);
      const fresh = beginCreate(spec.type, logicalName, own, autoNames, now());
      return this.createOnce(inputs, config, fresh, logicalName);
    }
  }

  private async createOnce(inputs: Props, config: StackConfig | undefined, token: CreateToken | undefined, logicalName: string | undefined): Promise<{ id: string; outs: Props }> {
    const spec = this.spec;
    const clientToken = token?.clientToken;
    let createdId: string | undefined;
    let partial: Props = {};
    const ctx = this.context(inputs, config, "create", {
      ...(clientToken ? { clientToken } : {}),
      onCreated: (id, outputs) => {
        createdId = id;
        partial = { ...partial, ...outputs };
      },
    });
    try {
      const { id, outputs } = await spec.create(ctx, inputs as never);
      if (logicalName) finishCreate(spec.type, logicalName, id, this.runtime.deps.now());
      return { id, outs: { ...inputs, ...outputs } };
    } catch (error) {
      // A replayed token named a resource that is gone: nothing was created, the caller starts afresh.
      if (token?.reused && isServiceError(error, ...spec.notFoundCodes)) throw error;
      if (createdId !== undefined) {
        if (logicalName) finishCreate(spec.type, logicalName, createdId, this.runtime.deps.now());
        const reason = message(error);
        throw new PartialCreateError(
          `ctyun:${spec.type} ${ctx.name} was created as ${createdId} but is not ready: ${reason}. The next \`pulumi up\` resumes it.`,
          createdId,
          { ...inputs, ...partial, [spec.idOutput]: createdId },
          [reason],
          { cause: error },
        );
      }
      // Keep the journal when the outcome is unknown (no answer), so a rerun reuses the token.
      if (!isAmbiguous(error) && !isServiceError(error, ...spec.notFoundCodes) && logicalName) endCreate(spec.type, logicalName);
      throw error;
    }
  }

  /** Takes an existing cloud resource under management: read it, refuse create-only mismatches, converge. */
  private async adopt(adoptId: string, desired: Props, config: StackConfig | undefined): Promise<{ id: string; outs: Props }> {
    const spec = this.spec;
    let inputs = desired;
    const ctx = this.context(inputs, config, "create");
    const found = await spec.read(ctx, adoptId, inputs);
    if (!found) throw new Error(`ctyun:${spec.type} ${ctx.name}: cannot adopt ${adoptId}: it does not exist`);
    const autoName = spec.autoName?.property;
    if (autoName && inputs[autoName] === undefined && found.inputs[autoName] !== undefined) inputs = { ...inputs, [autoName]: found.inputs[autoName] };
    const mismatches = (spec.createOnly as readonly string[]).filter(
      (key) => key in found.inputs && inputs[key] !== undefined && !isDeepStrictEqual(normalizeForCompare(spec, key, found.inputs[key]), normalizeForCompare(spec, key, inputs[key])),
    );
    if (mismatches.length > 0) {
      const detail = mismatches.map((k) => `${k} is ${JSON.stringify(found.inputs[k])} in the cloud`).join(", ");
      throw new Error(`ctyun:${spec.type} ${ctx.name}: cannot adopt ${adoptId}: ${detail}; these cannot change in place, so set them to the cloud's values`);
    }
    const current = { ...inputs, ...found.inputs, ...found.outputs };
    const changed = changedInputs(spec, current, inputs);
    const outputs = await spec.update(ctx, adoptId, current, inputs as never, changed);
    return { id: adoptId, outs: { ...inputs, ...outputs } };
  }

  async read(id: string, props: Props, config?: StackConfig): Promise<{ id?: string; props?: Props; inputs?: Props }> {
    const spec = this.spec;
    const ctx = this.context(props, config, "update");
    let found: Awaited<ReturnType<AnyResourceSpec["read"]>>;
    try {
      found = await spec.read(ctx, id, props);
    } catch (error) {
      if (!isServiceError(error, ...spec.notFoundCodes)) throw error;
      found = undefined;
    }
    if (!found) {
      this.forgetCreate(props);
      return {};
    }
    const inputs = { ...pickInputs(spec, props), ...found.inputs };
    return { id, props: { ...props, ...found.inputs, ...found.outputs }, inputs };
  }

  async update(id: string, olds: Props, news: Props, config?: StackConfig): Promise<{ outs: Props }> {
    const ctx = this.context(news, config, "update");
    const changed = changedInputs(this.spec, olds, news);
    const outputs = await this.spec.update(ctx, id, olds, news as never, changed);
    return { outs: { ...news, ...outputs } };
  }

  async delete(id: string, props: Props, config?: StackConfig): Promise<void> {
    const ctx = this.context(props, config, "delete");
    try {
      await this.spec.delete(ctx, id, props);
    } catch (error) {
      if (!isServiceError(error, ...this.spec.notFoundCodes)) throw error;
    }
    this.forgetCreate(props);
  }

  /** The resource is gone: a later create of the same name must not replay its token. */
  private forgetCreate(props: Props): void {
    if (typeof props["pulumiName"] === "string") endCreate(this.spec.type, props["pulumiName"]);
  }
}

/** No answer came back: the create may or may not have happened. */
function isAmbiguous(error: unknown): boolean {
  const kind = (error as { kind?: string } | undefined)?.kind;
  return kind === "network" || kind === "timeout" || kind === "http" || kind === "waiter-timeout" || kind === "aborted";
}
