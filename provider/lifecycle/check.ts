/**
 * `check`: validate, fill defaults and auto-name, in named steps. Failures name the top-level
 * property and the rule; a secret input's failure names no property at all, because the engine
 * prints the value of the property a failure names (even a secret one).
 */
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { CONFIG_KEYS, ENV_VARS, type Settings } from "../config";
import { changedCreateOnly } from "./compare";
import { parseDuration } from "./durations";
import { timeoutsInput } from "./fields";
import type { AnyResourceSpec, CheckFailure, Props } from "./spec";
import { containsUnknown } from "./unknowns";

const PROVIDER_KEY = "__provider";
/** Keys the resource classes add besides the resource's own inputs. */
const COMMON_KEYS = ["pulumiName", "pulumiScope", "timeouts", "adoptId"];

export interface CheckResult {
  readonly inputs: Props;
  readonly failures: CheckFailure[];
}

export interface CheckEnvironment {
  /** The inputs journaled by an earlier, unrecorded create of this resource (its generated names). */
  journaled(logicalName: string, scope: string | undefined): Readonly<Props> | undefined;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "is invalid";
  const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
  return `${where}${issue.message}`;
}

function shapeOf(spec: AnyResourceSpec): Record<string, z.ZodType> {
  return spec.inputs.shape as Record<string, z.ZodType>;
}

/** `<logical>-<7 hex>` shaped to the cloud's rules. */
export function generateAutoName(spec: AnyResourceSpec, logicalName: string, random: () => string = () => randomBytes(4).toString("hex").slice(0, 7)): string | undefined {
  const rule = spec.autoName;
  if (!rule) return undefined;
  const separator = rule.separator ?? "-";
  const escapedSeparator = separator === "-" ? "\\-" : separator;
  const source = rule.lowercase ? logicalName.toLowerCase() : logicalName;
  let base = source.replace(new RegExp(`[^${rule.allowedCharacters ?? "0-9a-zA-Z\\u4e00-\\u9fa5_-"}]`, "g"), separator);
  if (rule.allowedCharacters !== undefined) base = base.replace(new RegExp(`^[${escapedSeparator}]+`), "");
  if (rule.mustStartWithLetter && !/^[a-zA-Z\u4e00-\u9fa5]/.test(base)) base = `r${separator}${base}`;
  const suffix = `${separator}${random()}`;
  const size = (text: string): number => (rule.lengthUnit === "bytes" ? Buffer.byteLength(text, "utf8") : [...text].length);
  let chars = [...base];
  while (chars.length > 1 && size(chars.join("") + suffix) > rule.maxLength) chars = chars.slice(0, -1);
  base = chars.join("").replace(new RegExp(`[${escapedSeparator}_]+$`), "");
  return `${base}${suffix}`;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" && !containsUnknown(value) ? value : undefined;
}

/** Inputs the resource does not have. */
function unknownProperties(spec: AnyResourceSpec, news: Props): CheckFailure[] {
  const shape = shapeOf(spec);
  return Object.keys(news)
    .filter((key) => key !== PROVIDER_KEY && !(key in shape) && !COMMON_KEYS.includes(key))
    // An empty key would make the engine print a failure about nothing: say what it is instead.
    .map((property) => (property === "" ? { property, reason: `an input with an empty name ("") is not an input of ctyun:${spec.type}` } : { property, reason: `is not an input of ctyun:${spec.type}` }));
}

/** Unset inputs the stack settings provide (`ctyun:regionId`, …). */
function withSettingDefaults(spec: AnyResourceSpec, news: Props, settings: Settings): Props {
  const raw: Props = { ...news };
  for (const [key, setting] of Object.entries(spec.settingDefaults ?? {}) as Array<[string, keyof Settings]>) {
    if (raw[key] === undefined && settings[setting] !== undefined) raw[key] = settings[setting];
  }
  return raw;
}

/**
 * The generated name of an unnamed resource: the one it already has, else the one an earlier,
 * unrecorded create journaled (so the rerun finds what that create made), else a new one.
 */
function autoNamed(spec: AnyResourceSpec, olds: Props, news: Props, env: CheckEnvironment): string | undefined {
  const property = spec.autoName?.property;
  const logicalName = stringOf(news["pulumiName"]);
  if (!property) return undefined;
  const journaled = logicalName ? env.journaled(logicalName, stringOf(news["pulumiScope"]))?.[property] : undefined;
  return (olds[property] as string | undefined) ?? (journaled as string | undefined) ?? (logicalName ? generateAutoName(spec, logicalName) : undefined);
}

interface Validated {
  readonly inputs: Props;
  readonly unknown: Set<string>;
  readonly failures: CheckFailure[];
}

/** Each input against its rule; unknown values (preview) pass through unchecked. */
function validateInputs(spec: AnyResourceSpec, raw: Props, adopting: boolean): Validated {
  const inputs: Props = {};
  const unknown = new Set<string>();
  const failures: CheckFailure[] = [];
  for (const [key, schema] of Object.entries(shapeOf(spec))) {
    const value = raw[key];
    if (containsUnknown(value)) {
      unknown.add(key);
      inputs[key] = value;
      continue;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      if (parsed.data !== undefined) inputs[key] = parsed.data;
    } else if (value === undefined && adopting && key === spec.autoName?.property) {
      // Filled from the adopted resource.
    } else if (value === undefined) {
      const setting = spec.settingDefaults?.[key];
      failures.push({ property: key, reason: setting ? `is required: set it on the resource, or set the stack default (ctyun:${setting})` : "is required" });
    } else {
      failures.push({ property: key, reason: firstIssue(parsed.error) });
    }
  }
  return { inputs, unknown, failures };
}

/** `timeouts` and `adoptId`, which every resource takes. */
function validateCommon(news: Props, inputs: Props): CheckFailure[] {
  const failures: CheckFailure[] = [];
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
          if (text !== undefined && parseDuration(text) === undefined) failures.push({ property: key, reason: `${step}: must be a duration like "90s", "10m" or "1h30m"` });
        }
      }
    }
  }
  return failures;
}

/** Defaults that depend on other inputs, for inputs left unset. */
function applyDefaults(spec: AnyResourceSpec, inputs: Props, unknown: ReadonlySet<string>): void {
  if (!spec.defaults) return;
  const given = (key: string): boolean => !unknown.has(key) && inputs[key] !== undefined;
  for (const [key, value] of Object.entries(spec.defaults(inputs, given))) {
    if (inputs[key] === undefined && !unknown.has(key) && value !== undefined) inputs[key] = value;
  }
}

/**
 * Failures of values the stack settings supplied name the setting, not the property: the program
 * never set it, and the engine would print the property's value as `<nil>`.
 */
function nameTheSetting(spec: AnyResourceSpec, news: Props, failures: CheckFailure[]): CheckFailure[] {
  return failures.map((f) => {
    const setting = spec.settingDefaults?.[f.property];
    if (!setting || news[f.property] !== undefined || f.reason.startsWith("is required")) return f;
    return { property: "", reason: `${f.property} (from stack config ${CONFIG_KEYS[setting]} or ${ENV_VARS[setting]}): ${f.reason}` };
  });
}

/** The endpoint must be a URL: `127.0.0.1:8600` without `http://` would fail every call later. */
function endpointProblem(settings: Settings): CheckFailure[] {
  const endpoint = settings.endpoint;
  if (endpoint === undefined || /^https?:\/\/[^/\s]+/i.test(endpoint)) return [];
  return [{ property: "", reason: `the endpoint ${JSON.stringify(endpoint)} (from ${settings.endpointSource}) must be a URL with its scheme, e.g. http://127.0.0.1:8600` }];
}

/** Failures of secret inputs name no property: the engine would print the value beside it. */
function hideSecretValues(spec: AnyResourceSpec, failures: CheckFailure[]): CheckFailure[] {
  const secret = new Set<string>(spec.secretInputs ?? []);
  return failures.map((f) => (secret.has(f.property) ? { property: "", reason: `${f.property}: ${f.reason} (the value is secret and not shown)` } : f));
}

export function check(spec: AnyResourceSpec, olds: Props, news: Props, settings: Settings, env: CheckEnvironment): CheckResult {
  const failures = unknownProperties(spec, news);
  const raw = withSettingDefaults(spec, news, settings);
  const autoName = spec.autoName?.property;
  const adopting = stringOf(news["adoptId"]) !== undefined;
  // Adopting without a name takes the cloud's name (filled in at create), rather than inventing one.
  const generated = autoName !== undefined && raw[autoName] === undefined && !adopting;
  if (generated) raw[autoName] = autoNamed(spec, olds, news, env);

  const validated = validateInputs(spec, raw, adopting);
  const inputs = validated.inputs;
  failures.push(...validated.failures);
  if (news[PROVIDER_KEY] !== undefined) inputs[PROVIDER_KEY] = news[PROVIDER_KEY];
  for (const key of ["pulumiName", "pulumiScope"]) if (typeof news[key] === "string") inputs[key] = news[key];
  failures.push(...validateCommon(news, inputs));
  applyDefaults(spec, inputs, validated.unknown);

  const logicalName = stringOf(news["pulumiName"]);
  if (generated && logicalName && olds[autoName] !== undefined && inputs[autoName] === olds[autoName] && changedCreateOnly(spec, olds, inputs, autoName).length > 0) {
    // A generated name moves with a replacement, so the new resource can exist beside the old one
    // (create-before-delete) even where names must be unique.
    inputs[autoName] = generateAutoName(spec, logicalName);
  }
  if (spec.crossCheck) {
    const failed = new Set(failures.map((f) => f.property));
    const known = (key: string): boolean => !validated.unknown.has(key) && !failed.has(key) && inputs[key] !== undefined;
    const given = (key: string): boolean => raw[key] !== undefined;
    failures.push(...spec.crossCheck(inputs, known, olds, given));
  }
  return { inputs, failures: [...endpointProblem(settings), ...hideSecretValues(spec, nameTheSetting(spec, news, failures))] };
}
