/**
 * The resource contract, once, for every resource: check (check.ts), diff (explicit changes,
 * replaces only for create-only inputs), create (create.ts: found before bought, partial failures
 * keep the id), read (props and inputs, not-found removes), update, delete (not-found is success),
 * timeouts, adoption.
 */
import { mintClientToken } from "../client/client-token";
import { isServiceError } from "../client/errors";
import { resolveSettings, type Settings, type StackConfig } from "../config";
import { check, type CheckResult } from "./check";
import { changedInputs, createOnlyMismatches } from "./compare";
import { createContext, type HandlerContext, type RuntimeOptions } from "./context";
import { CreateProtocol, type CreateResult } from "./create";
import { parseDuration } from "./durations";
import { journalKey, readEntry, settleEntry, type JournalKey } from "./journal";
import type { AnyResourceSpec, Props, Timeouts } from "./spec";

export { check, generateAutoName } from "./check";
export { changedInputs } from "./compare";
export { PartialCreateError } from "./create";

/** Keys every resource accepts besides its own inputs. */
export const COMMON_INPUTS = ["pulumiName", "pulumiScope", "timeouts", "adoptId"] as const;
const PROVIDER_KEY = "__provider";

export interface DiffResult {
  readonly changes: boolean;
  readonly replaces: string[];
  readonly deleteBeforeReplace: boolean;
}

export function diff(spec: AnyResourceSpec, olds: Props, news: Props): DiffResult {
  const changed = changedInputs(spec, olds, news);
  const createOnly = spec.createOnly as readonly string[];
  const replaces = changed.filter((key) => createOnly.includes(key));
  const deleteBeforeReplace = replaces.length > 0 && (spec.deleteBeforeReplace?.(olds, news, replaces) ?? false);
  return { changes: changed.length > 0, replaces, deleteBeforeReplace };
}

/** The resource's own inputs (and the common ones) picked from a state or input bag. */
export function pickInputs(spec: AnyResourceSpec, bag: Props): Props {
  const out: Props = {};
  for (const key of [...Object.keys(spec.inputs.shape as object), ...COMMON_INPUTS, PROVIDER_KEY]) {
    if (bag[key] !== undefined) out[key] = bag[key];
  }
  return out;
}

export function effectiveTimeouts(spec: AnyResourceSpec, inputs: Props): Timeouts {
  const given = (inputs["timeouts"] ?? {}) as Partial<Record<keyof Timeouts, string>>;
  const pick = (step: keyof Timeouts): number => (given[step] !== undefined ? parseDuration(given[step] as string) : undefined) ?? spec.timeouts[step];
  return { create: pick("create"), update: pick("update"), delete: pick("delete") };
}

/** The inputs a spec takes from the stack settings (`regionId`, …), as the settings give them. */
function settingsFor(spec: AnyResourceSpec, settings: Settings): Props {
  const out: Props = {};
  for (const [key, setting] of Object.entries(spec.settingDefaults ?? {})) {
    const value = setting ? settings[setting] : undefined;
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function dropUndefined(bag: Props): Props {
  return Object.fromEntries(Object.entries(bag ?? {}).filter(([, value]) => value !== undefined && value !== null));
}

function stringInput(bag: Props | undefined, key: string): string | undefined {
  const value = bag?.[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The create journal entry of the resource these inputs or outputs belong to. */
export function journalKeyOf(spec: AnyResourceSpec, bag: Props | undefined): JournalKey | undefined {
  const logicalName = stringInput(bag, "pulumiName");
  return logicalName === undefined ? undefined : journalKey(spec.type, logicalName, stringInput(bag, "pulumiScope"));
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

  private context(
    inputs: Props,
    config: StackConfig | undefined,
    step: keyof Timeouts,
    extra: { clientToken?: string; replaying?: boolean; onCreated?: (id: string, outputs: Props) => void } = {},
  ): HandlerContext {
    return createContext({
      type: this.spec.type,
      name: stringInput(inputs, "pulumiName") ?? this.spec.type,
      settings: this.settings(config),
      runtime: this.runtime,
      timeoutMs: effectiveTimeouts(this.spec, inputs)[step],
      step,
      ...extra,
    });
  }

  async check(olds: Props, news: Props, config?: StackConfig): Promise<CheckResult> {
    const journaled = (logicalName: string, scope: string | undefined) => readEntry(journalKey(this.spec.type, logicalName, scope))?.inputs;
    return check(this.spec, olds ?? {}, news ?? {}, this.settings(config), { journaled });
  }

  async diff(id: string, olds: Props, news: Props): Promise<DiffResult> {
    this.recorded(id, olds);
    return diff(this.spec, olds ?? {}, news ?? {});
  }

  async create(inputs: Props, config?: StackConfig): Promise<CreateResult> {
    if (typeof inputs["adoptId"] === "string") return this.adopt(inputs["adoptId"], inputs, config);
    const spec = this.spec;
    const protocol = new CreateProtocol(
      {
        spec,
        context: (bag, clientToken, onCreated, replaying) =>
          this.context(bag, config, "create", { ...(clientToken !== undefined ? { clientToken } : {}), ...(onCreated ? { onCreated } : {}), ...(replaying ? { replaying } : {}) }),
        mintToken: () => mintClientToken(this.runtime.deps),
        now: () => this.runtime.deps.now(),
        ownInputs: (bag) => Object.fromEntries(Object.keys(spec.inputs.shape as object).filter((k) => bag[k] !== undefined).map((k) => [k, bag[k]])),
        lifecycleInputs: (bag) => Object.fromEntries([...COMMON_INPUTS, PROVIDER_KEY].filter((k) => k !== "adoptId" && bag[k] !== undefined).map((k) => [k, bag[k]])),
        readOrAbsent: (ctx, id, state) => this.readOrAbsent(ctx, id, state),
      },
      (line) => this.runtime.log(`ctyun:${spec.type} ${stringInput(inputs, "pulumiName") ?? ""}: ${line}`),
    );
    return protocol.run(inputs, journalKeyOf(spec, inputs));
  }

  private async readOrAbsent(ctx: HandlerContext, id: string, state: Props): Promise<{ inputs: Props; outputs: Props } | undefined> {
    try {
      return await this.spec.read(ctx, id, state);
    } catch (error) {
      if (isServiceError(error, ...this.spec.notFoundCodes)) return undefined;
      throw error;
    }
  }

  /** Takes an existing cloud resource under management: read it, refuse create-only mismatches, converge. */
  private async adopt(adoptId: string, desired: Props, config: StackConfig | undefined): Promise<CreateResult> {
    const spec = this.spec;
    let inputs = desired;
    const ctx = this.context(inputs, config, "create");
    const found = await spec.read(ctx, adoptId, inputs);
    if (!found) throw new Error(`ctyun:${spec.type} ${ctx.name}: cannot adopt ${adoptId}: it does not exist`);
    const autoName = spec.autoName?.property;
    if (autoName && inputs[autoName] === undefined && found.inputs[autoName] !== undefined) inputs = { ...inputs, [autoName]: found.inputs[autoName] };
    const mismatches = createOnlyMismatches(spec, found.inputs, inputs);
    if (mismatches.length > 0) {
      const detail = mismatches.map((k) => `${k} is ${JSON.stringify(found.inputs[k])} in the cloud`).join(", ");
      throw new Error(`ctyun:${spec.type} ${ctx.name}: cannot adopt ${adoptId}: ${detail}; these cannot change in place, so set them to the cloud's values`);
    }
    const current = { ...inputs, ...found.inputs, ...found.outputs };
    const outputs = await spec.update(ctx, adoptId, current, inputs, changedInputs(spec, current, inputs));
    return { id: adoptId, outs: { ...inputs, ...outputs } };
  }

  async read(id: string, stored: Props, config?: StackConfig): Promise<{ id?: string; props?: Props; inputs?: Props }> {
    const spec = this.spec;
    // A `get` of a resource this stack does not manage carries no region: the stack's default it is.
    const props = { ...settingsFor(spec, this.settings(config)), ...dropUndefined(stored) };
    const found = await this.readOrAbsent(this.context(props, config, "update"), id, props);
    this.recorded(id, props);
    if (!found) return {};
    const inputs = { ...pickInputs(spec, props), ...found.inputs };
    return { id, props: { ...props, ...found.inputs, ...found.outputs }, inputs };
  }

  async update(id: string, olds: Props, news: Props, config?: StackConfig): Promise<{ outs: Props }> {
    this.recorded(id, olds);
    const ctx = this.context(news, config, "update");
    const outputs = await this.spec.update(ctx, id, olds, news, changedInputs(this.spec, olds, news));
    return { outs: { ...news, ...outputs } };
  }

  async delete(id: string, props: Props, config?: StackConfig): Promise<void> {
    this.recorded(id, props);
    const ctx = this.context(props, config, "delete");
    try {
      await this.spec.delete(ctx, id, props);
    } catch (error) {
      if (!isServiceError(error, ...this.spec.notFoundCodes)) throw error;
    }
  }

  /** The engine holds `id` in state: the create journal's entry for it has done its job. */
  private recorded(id: string, bag: Props | undefined): void {
    const key = journalKeyOf(this.spec, bag);
    if (key && id) settleEntry(key, id);
  }
}
