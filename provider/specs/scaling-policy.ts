/**
 * ScalingPolicy (emulator/api-notes/scaling.md §3): a rule of a ScalingGroup that moves its desired
 * count — when an alarm fires (`alarm`), once at a time (`scheduled`), or on days of a cycle
 * (`periodic`) — by a count, a percentage, or to a value.
 *
 * - create: rule/create (no clientToken; rule names are unique in a group, so a repeat is refused and
 *   a rule of this name and type is taken over only when this create's earlier attempt may have made
 *   it); a new rule is enabled, and stopped at once if asked.
 * - update: TF's docs have rules changed while disabled: an enabled rule is stopped, updated and
 *   started again. `enabled` alone is start/stop.
 * - read/delete: the group's rule list decides (a group that is gone took its rules with it).
 */
import { z } from "zod";
import { isServiceError } from "../client/errors";
import { CreateScalingRule, DeleteScalingRule, StartScalingRule, StopScalingRule, UpdateScalingRule, type ScalingRuleInfo } from "../client/operations/scaling";
import type { HandlerContext } from "../lifecycle/context";
import { regionId } from "../lifecycle/fields";
import { mayBeOwnEarlierWork } from "../lifecycle/ownership";
import { defineResource, type CheckFailure, type Props } from "../lifecycle/spec";
import { nameOf } from "./scaling-group-state";
import { findGroup, rulesOf } from "./scaling-reads";

/** Seconds an alarm policy waits between firings when the program sets none (ours; the API requires one). */
export const DEFAULT_COOLDOWN = 300;
export const POLICY_TYPES = { alarm: 1, scheduled: 2, periodic: 3 } as const;
export const POLICY_ACTIONS = { increase: 1, decrease: 2, set: 3 } as const;
export const POLICY_UNITS = { count: 1, percent: 2 } as const;
export const POLICY_CYCLES = { monthly: 1, weekly: 2, daily: 3 } as const;
/** py v4_scaling_rule_create triggerObj.metricName. */
export const ALARM_METRICS = [
  "cpu_util",
  "mem_util",
  "network_incoming_bytes_rate_inband",
  "network_outing_bytes_rate_inband",
  "disk_read_bytes_rate",
  "disk_write_bytes_rate",
  "disk_read_requests_rate",
  "disk_write_requests_rate",
] as const;

/** `%Y-%m-%d %H:%M:%S` (Beijing time), the rule API's format. */
const TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;
const time = z.string().regex(TIME, 'must be a Beijing time like "2024-06-01 08:00:00"');

function whole(min: number, max = Number.MAX_SAFE_INTEGER, unit = "") {
  const rule = `must be a whole number${max === Number.MAX_SAFE_INTEGER ? ` of at least ${min}` : ` from ${min} to ${max}`}${unit}`;
  return z.number({ error: rule }).refine((n) => Number.isInteger(n) && n >= min && n <= max, rule);
}

const keys = <T extends object>(table: T) => Object.keys(table) as [keyof T & string, ...Array<keyof T & string>];

const inputs = z.object({
  name: z.string().refine((name) => name.trim() !== "" && [...name].length <= 64, "must be 1-64 characters"),
  groupId: z.string().regex(/^\d+$/, "must be a ScalingGroup id (digits), e.g. group.groupId"),
  type: z.enum(keys(POLICY_TYPES), { error: 'must be "alarm", "scheduled" or "periodic"' }),
  action: z.enum(keys(POLICY_ACTIONS), { error: 'must be "increase", "decrease" or "set"' }),
  count: whole(0),
  unit: z.enum(keys(POLICY_UNITS), { error: 'must be "count" or "percent"' }).default("count"),
  executionTime: time.optional(),
  cycle: z.enum(keys(POLICY_CYCLES), { error: 'must be "monthly", "weekly" or "daily"' }).optional(),
  days: z.array(whole(1, 31)).optional(),
  effectiveFrom: time.optional(),
  effectiveTill: time.optional(),
  cooldown: whole(0, Number.MAX_SAFE_INTEGER, " seconds").optional(),
  alarm: z
    .strictObject({
      metricName: z.enum(ALARM_METRICS, { error: `must be one of ${ALARM_METRICS.join(", ")}` }),
      statistics: z.enum(["avg", "max", "min"], { error: 'must be "avg", "max" or "min"' }).default("avg"),
      comparisonOperator: z.enum(["ge", "gt", "le", "lt"], { error: 'must be "ge", "gt", "le" or "lt"' }),
      threshold: z.number({ error: "must be a whole number" }).refine(Number.isInteger, "must be a whole number"),
      period: z.string().regex(/^[1-9]\d*m$/, 'must be a number of minutes like "5m"').default("5m"),
      evaluationCount: whole(1).default(1),
    })
    .optional(),
  enabled: z.boolean().default(true),
  regionId,
});

type PolicyInputs = z.output<typeof inputs>;

export interface ScalingPolicyOutputs {
  policyId: string;
  /** `enabled` or `disabled`. */
  status: string;
}

function outputsOf(rule: ScalingRuleInfo): ScalingPolicyOutputs {
  return { policyId: String(rule.ruleID), status: rule.status === 1 ? "enabled" : "disabled" };
}

/** The fields of the rule API for the policy's type (the others are left out). */
function wireFields(args: PolicyInputs) {
  return {
    name: args.name,
    action: POLICY_ACTIONS[args.action],
    operateUnit: POLICY_UNITS[args.unit],
    operateCount: args.count,
    ...(args.type !== "alarm" && args.executionTime !== undefined ? { executionTime: args.executionTime } : {}),
    ...(args.type === "periodic"
      ? { cycle: POLICY_CYCLES[args.cycle ?? "daily"], ...(args.cycle !== "daily" ? { day: args.days ?? [] } : {}), effectiveFrom: args.effectiveFrom, effectiveTill: args.effectiveTill }
      : {}),
    ...(args.type === "alarm" && args.alarm ? { cooldown: args.cooldown ?? DEFAULT_COOLDOWN, triggerObj: { name: args.name, ...args.alarm } } : {}),
  };
}

/** The cloud's values of the inputs. */
function inputsOf(rule: ScalingRuleInfo, state: Props): Partial<PolicyInputs> {
  const type = nameOf(POLICY_TYPES, rule.ruleType);
  const trigger = rule.triggerObj;
  return {
    name: rule.name,
    type,
    action: nameOf(POLICY_ACTIONS, rule.action),
    count: rule.operateCount ?? 0,
    unit: nameOf(POLICY_UNITS, rule.operateUnit),
    ...(type !== "alarm" ? { executionTime: rule.executionTime ?? "" } : {}),
    ...(type === "periodic"
      ? {
          cycle: nameOf(POLICY_CYCLES, rule.cycle),
          ...(rule.cycle !== POLICY_CYCLES.daily || state["days"] !== undefined ? { days: rule.day ?? [] } : {}),
          effectiveFrom: rule.effectiveFrom ?? "",
          effectiveTill: rule.effectiveTill ?? "",
        }
      : {}),
    ...(type === "alarm" && trigger
      ? {
          cooldown: rule.cooldown ?? 0,
          alarm: {
            metricName: trigger.metricName as (typeof ALARM_METRICS)[number],
            statistics: trigger.statistics as "avg",
            comparisonOperator: trigger.comparisonOperator as "ge",
            threshold: trigger.threshold,
            period: trigger.period,
            evaluationCount: trigger.evaluationCount,
          },
        }
      : {}),
    enabled: rule.status === 1,
  };
}

/** The rule, or undefined when the group's list lacks it (or the group is gone). */
async function findRule(ctx: HandlerContext, regionID: string, groupId: string, id: string): Promise<ScalingRuleInfo | undefined> {
  try {
    return (await rulesOf(ctx, regionID, groupId)).find((rule) => String(rule.ruleID) === id);
  } catch (error) {
    // Refused, whatever the code: the group (and with it the rule) may be gone.
    if (isServiceError(error) && !(await findGroup(ctx, regionID, groupId))) return undefined;
    throw error;
  }
}

async function requireRule(ctx: HandlerContext, regionID: string, groupId: string, id: string): Promise<ScalingRuleInfo> {
  const rule = await findRule(ctx, regionID, groupId, id);
  if (!rule) throw new Error(`scaling policy ${id} no longer exists in scaling group ${groupId}`);
  return rule;
}

async function setEnabled(ctx: HandlerContext, regionID: string, groupId: string, id: string, on: boolean): Promise<void> {
  await ctx.client.send(on ? StartScalingRule : StopScalingRule, { regionID, groupID: Number(groupId), ruleID: Number(id) });
}

export const scalingPolicySpec = defineResource({
  type: "ScalingPolicy",
  inputs,
  outputs: { policyId: true, status: true },
  createOnly: ["groupId", "type", "regionId"],
  settingDefaults: { regionId: "regionId" },
  autoName: { property: "name", maxLength: 64 },
  unorderedInputs: ["days"],
  // Rules are found by listing the group's (read, delete): CTyun documents no scaling error code.
  notFoundCodes: [],
  timeouts: { create: 2 * 60_000, update: 2 * 60_000, delete: 2 * 60_000 },
  idOutput: "policyId",

  defaults(args, known) {
    return known("type") && args.type === "alarm" ? { cooldown: DEFAULT_COOLDOWN } : {};
  },

  crossCheck(args, known, _olds, given) {
    const failures: CheckFailure[] = [];
    if (!known("type")) return failures;
    const needs = (key: "executionTime" | "cycle" | "effectiveFrom" | "effectiveTill" | "alarm", why: string): void => {
      if (!given(key)) failures.push({ property: key, reason: `is required for ${why}` });
    };
    const refuses = (key: "executionTime" | "cycle" | "days" | "effectiveFrom" | "effectiveTill" | "alarm" | "cooldown", why: string): void => {
      if (given(key)) failures.push({ property: key, reason: `applies only to ${why}` });
    };
    if (args.type === "alarm") {
      needs("alarm", "alarm policies");
      for (const key of ["executionTime", "cycle", "days", "effectiveFrom", "effectiveTill"] as const) refuses(key, key === "executionTime" ? "scheduled and periodic policies" : "periodic policies");
    } else {
      needs("executionTime", `${args.type} policies`);
      refuses("alarm", "alarm policies");
      refuses("cooldown", "alarm policies");
    }
    if (args.type === "scheduled") for (const key of ["cycle", "days", "effectiveFrom", "effectiveTill"] as const) refuses(key, "periodic policies");
    if (args.type === "periodic") {
      needs("cycle", "periodic policies");
      needs("effectiveFrom", "periodic policies");
      needs("effectiveTill", "periodic policies");
      if (known("cycle")) {
        const max = args.cycle === "weekly" ? 7 : 31;
        if (args.cycle === "daily" && (args.days ?? []).length > 0) failures.push({ property: "days", reason: "applies only to monthly and weekly cycles" });
        else if (args.cycle !== "daily" && known("days") === false && !given("days")) failures.push({ property: "days", reason: `is required for a ${args.cycle} cycle` });
        else if (known("days") && args.cycle !== "daily" && (args.days!.length === 0 || args.days!.some((d) => d > max))) failures.push({ property: "days", reason: `must list days from 1 to ${max}` });
        else if (known("days") && new Set(args.days).size !== args.days!.length) failures.push({ property: "days", reason: "must not list a day twice" });
      }
      if (known("effectiveFrom") && known("effectiveTill") && args.effectiveFrom! >= args.effectiveTill!) failures.push({ property: "effectiveTill", reason: "must be after effectiveFrom" });
    }
    if (known("action") && known("unit") && args.action === "set" && args.unit === "percent") failures.push({ property: "unit", reason: '"percent" does not go with action "set" (set takes a count)' });
    if (known("action") && known("count") && args.action !== "set" && args.count === 0) failures.push({ property: "count", reason: "must be at least 1 to increase or decrease" });
    return failures;
  },

  async create(ctx, args: PolicyInputs) {
    let id: string;
    try {
      const created = await ctx.client.send(CreateScalingRule, { regionID: args.regionId, groupID: Number(args.groupId), type: POLICY_TYPES[args.type], ...wireFields(args) });
      id = String(created.ruleID);
    } catch (error) {
      // Whatever the refusal's code: a rule of this name and type may be this create's own earlier attempt.
      if (!isServiceError(error)) throw error;
      const existing = (await rulesOf(ctx, args.regionId, args.groupId).catch(() => [])).find((rule) => rule.name === args.name);
      if (!existing) throw error;
      if (existing.ruleType !== POLICY_TYPES[args.type] || !mayBeOwnEarlierWork(ctx, error)) {
        throw new Error(`scaling group ${args.groupId} already has a policy named ${args.name} (${existing.ruleID}): choose another name, or take it under management with adoptId`, { cause: error });
      }
      ctx.progress(`scaling policy ${args.name} exists (an earlier attempt of this create made it); taking it over`);
      id = String(existing.ruleID);
    }
    ctx.created(id, { policyId: id });
    if (!args.enabled) await setEnabled(ctx, args.regionId, args.groupId, id, false);
    return { id, outputs: outputsOf(await requireRule(ctx, args.regionId, args.groupId, id)) };
  },

  async read(ctx, id, state) {
    const rule = await findRule(ctx, state["regionId"] as string, state["groupId"] as string, id);
    if (!rule) return undefined;
    return { inputs: inputsOf(rule, state), outputs: outputsOf(rule) };
  },

  async update(ctx, id, _olds, news: PolicyInputs, changed) {
    const regionID = news.regionId;
    const rule = await requireRule(ctx, regionID, news.groupId, id);
    let enabled = rule.status === 1;
    const fieldsChanged = changed.length === 0 || changed.some((key) => key !== "enabled" && key !== "timeouts");
    if (fieldsChanged) {
      if (enabled) {
        await setEnabled(ctx, regionID, news.groupId, id, false);
        enabled = false;
      }
      await ctx.client.send(UpdateScalingRule, { regionID, groupID: Number(news.groupId), ruleID: Number(id), ...wireFields(news) });
    }
    if (news.enabled !== enabled) await setEnabled(ctx, regionID, news.groupId, id, news.enabled);
    return outputsOf(await requireRule(ctx, regionID, news.groupId, id));
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    const groupId = state["groupId"] as string;
    if (!(await findRule(ctx, regionID, groupId, id))) return;
    try {
      await ctx.client.send(DeleteScalingRule, { regionID, groupID: Number(groupId), ruleID: Number(id) });
    } catch (error) {
      // Refused, whatever the code: done if it went away meanwhile.
      if (!isServiceError(error) || (await findRule(ctx, regionID, groupId, id))) throw error;
    }
  },
});
