/**
 * What every lookup shares: the settings and client of the program (the stack's `ctyun:*` config
 * and the `CTYUN_*` environment, as the resources use), following every page of a list, client-side
 * name filtering, single-result helpers that say what they found, and the `…Output` form.
 */
import * as pulumi from "@pulumi/pulumi";
import { processDeps } from "../client/process-deps";
import { CONFIG_KEYS, resolveSettings, type SettingName, type Settings, type StackConfig } from "../config";
import { clientFor } from "../lifecycle/context";
import { withSendDefaults, type CtyunClient } from "../client/client";

/** Options every lookup takes. */
export interface LookupOptions {
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId` / `CTYUN_REGION_ID`. */
  readonly regionId?: string;
}

/** The program's settings: the `ctyun:*` stack configuration, then the environment. */
export function programSettings(): Settings {
  const config = new pulumi.Config("ctyun");
  const stack: StackConfig = {};
  for (const name of Object.keys(CONFIG_KEYS) as SettingName[]) {
    const value = config.get(name);
    if (value !== undefined && value !== "") stack[name] = value;
  }
  return resolveSettings(stack);
}

export interface LookupContext {
  /** The process-wide client for these settings. */
  readonly client: CtyunClient;
  /** The program's settings. */
  readonly settings: Settings;
  /** The region to look in. */
  readonly regionId: string;
}

/**
 * How long one lookup keeps retrying throttling and transient failures (a resource's default
 * create timeout). Without a deadline the client gives up after four attempts, and a lookup that
 * fails fails the whole `pulumi preview` or `pulumi up` (found by the engine-level fault matrix:
 * a 30% throttled cloud failed a preview's flavor lookup).
 */
export const LOOKUP_TIMEOUT_MS = 5 * 60_000;

/** The program's client whose calls retry until the lookup's deadline (LOOKUP_TIMEOUT_MS from now). */
export function lookupClient(settings: Settings): CtyunClient {
  const deps = processDeps();
  return withSendDefaults(clientFor(settings, deps), { deadline: deps.now() + LOOKUP_TIMEOUT_MS, deadlineName: "the 5m lookup timeout" });
}

/** The client and region a lookup runs with. */
export function lookupContext(options: LookupOptions, what: string): LookupContext {
  const settings = programSettings();
  const regionId = options.regionId ?? settings.regionId;
  if (!regionId) throw new Error(`${what}: no region: pass regionId, or set the stack default (pulumi config set ctyun:regionId <regionID>) or CTYUN_REGION_ID`);
  return { client: lookupClient(settings), settings, regionId };
}

/** Every row of a paged list: pages are fetched until one comes back short (or the total is reached). */
export async function allPages<Row>(pageSize: number, fetchPage: (pageNo: number) => Promise<{ rows: readonly Row[]; total?: number | null | undefined }>): Promise<Row[]> {
  const rows: Row[] = [];
  for (let pageNo = 1; ; pageNo++) {
    const page = await fetchPage(pageNo);
    rows.push(...page.rows);
    if (page.rows.length < pageSize || (typeof page.total === "number" && rows.length >= page.total)) return rows;
  }
}

/** Items whose name matches `nameRegex` (all of them when it is unset). */
export function matchingName<T>(items: readonly T[], nameRegex: string | undefined, nameOf: (item: T) => string): T[] {
  if (nameRegex === undefined) return [...items];
  let pattern: RegExp;
  try {
    pattern = new RegExp(nameRegex);
  } catch (error) {
    throw new Error(`nameRegex ${JSON.stringify(nameRegex)} is not a valid regular expression: ${(error as Error).message}`);
  }
  return items.filter((item) => pattern.test(nameOf(item)));
}

/**
 * The one item a single-result lookup asks for; fails saying what was searched and, when several
 * match, up to five of them.
 */
export function exactlyOne<T>(what: string, criteria: string, items: readonly T[], describe: (item: T) => string): T {
  const [first] = items;
  if (items.length === 1 && first !== undefined) return first;
  if (items.length === 0) throw new Error(`no ${what} matches ${criteria}`);
  const shown = items.slice(0, 5).map((item) => `  - ${describe(item)}`);
  const more = items.length > 5 ? `\n  … and ${items.length - 5} more` : "";
  throw new Error(`${items.length} ${what}s match ${criteria}; narrow the filters to one of:\n${shown.join("\n")}${more}`);
}

/** Describes the filters that were set, for messages: `name ~ /web/, vpcId vpc-1`. */
export function criteriaOf(args: object): string {
  const parts = Object.entries(args)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => (key === "nameRegex" ? `name ~ /${String(value)}/` : `${key} ${JSON.stringify(value)}`));
  return parts.length > 0 ? parts.join(", ") : "no filters";
}

/** `pulumi.Input` all the way down an argument object, as the `…Output` forms take it. */
export type InputArgs<T> = { readonly [K in keyof T]: pulumi.Input<T[K]> };

/** The `…Output` form of a lookup: inputs may be outputs of other resources; the result is an Output. */
export function outputForm<Args extends object, Result>(lookup: (args: Args) => Promise<Result>): (args?: InputArgs<Args>) => pulumi.Output<Result> {
  return (args) => pulumi.output(args ?? ({} as InputArgs<Args>)).apply((plain) => lookup(plain as unknown as Args));
}
