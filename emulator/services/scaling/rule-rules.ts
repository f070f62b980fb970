/**
 * What a scaling rule must say, by type (py v4_scaling_rule_create field docs, TF
 * scaling_rule_create_api.go): the adjustment for alarm/scheduled/periodic rules, the time for
 * scheduled and periodic ones, the cycle and days for periodic ones, the alarm or the target.
 */
import { InvalidParameterError } from "../../errors";
import type { ScalingRuleRecord, ScalingTargetRecord, ScalingTriggerRecord } from "./records";
import { parseBeijingTime } from "./vocabulary";

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
export const TARGET_METRICS = ["cpu_util", "network_incoming_bytes_rate_inband", "network_outing_bytes_rate_inband"] as const;

export interface RuleInput {
  readonly name: string;
  /** 1 alarm, 2 scheduled, 3 periodic, 4 target tracking. */
  readonly type: number;
  readonly operateUnit?: number | undefined;
  readonly operateCount?: number | undefined;
  readonly action?: number | undefined;
  readonly cycle?: number | undefined;
  readonly day?: readonly number[] | undefined;
  readonly effectiveFrom?: string | undefined;
  readonly effectiveTill?: string | undefined;
  readonly executionTime?: string | undefined;
  readonly cooldown?: number | undefined;
  readonly triggerObj?: ScalingTriggerRecord | undefined;
  readonly targetObj?: ScalingTargetRecord | undefined;
}

type RuleFields = Pick<
  ScalingRuleRecord,
  "name" | "ruleType" | "action" | "operateUnit" | "operateCount" | "cooldown" | "cycle" | "day" | "executionTime" | "effectiveFrom" | "effectiveTill" | "triggerObj" | "targetObj"
>;

function need<T>(value: T | undefined, rule: string): T {
  if (value === undefined || value === "") throw new InvalidParameterError(rule);
  return value;
}

function time(field: string, text: string): number {
  const ms = parseBeijingTime(text);
  if (ms === undefined) throw new InvalidParameterError(`${field} must be a time like 2024-06-01 08:00:00 (%Y-%m-%d %H:%M:%S)`);
  return ms;
}

/** The rule's fields as stored; `executionTime` of a scheduled rule must lie after `notBefore` when given (inferred). */
export function checkRule(input: RuleInput, notBefore: number | undefined): RuleFields {
  const name = input.name;
  if (name.trim() === "" || [...name].length > 64) throw new InvalidParameterError("name must be 1-64 characters");
  if (![1, 2, 3, 4].includes(input.type)) throw new InvalidParameterError(`type must be 1 (alarm), 2 (scheduled), 3 (periodic) or 4 (target tracking) (got ${input.type})`);
  const fields: RuleFields = {
    name,
    ruleType: input.type,
    action: 0,
    operateUnit: 0,
    operateCount: 0,
    cooldown: 0,
    cycle: 0,
    day: [],
    executionTime: "",
    effectiveFrom: "",
    effectiveTill: "",
    triggerObj: null,
    targetObj: null,
  };
  if (input.type !== 4) Object.assign(fields, adjustment(input));
  if (input.type === 1 || input.type === 4) {
    const cooldown = need(input.cooldown, `cooldown is required for ${input.type === 1 ? "alarm" : "target tracking"} rules`);
    if (!Number.isInteger(cooldown) || cooldown < 0) throw new InvalidParameterError("cooldown must be a whole number of seconds");
    fields.cooldown = cooldown;
  }
  if (input.type === 1) fields.triggerObj = trigger(need(input.triggerObj, "triggerObj is required for alarm rules"));
  if (input.type === 4) fields.targetObj = target(need(input.targetObj, "targetObj is required for target tracking rules"));
  if (input.type === 2 || input.type === 3) {
    fields.executionTime = need(input.executionTime, "executionTime is required for scheduled and periodic rules");
    const at = time("executionTime", fields.executionTime);
    if (input.type === 2 && notBefore !== undefined && at <= notBefore) throw new InvalidParameterError("executionTime of a scheduled rule must be in the future");
  }
  if (input.type === 3) Object.assign(fields, cycle(input));
  return fields;
}

/** action 1 increase / 2 decrease / 3 set to; unit 1 count / 2 percent (not with "set to"). */
function adjustment(input: RuleInput): Pick<RuleFields, "action" | "operateUnit" | "operateCount"> {
  const action = need(input.action, "action is required (1 increase, 2 decrease, 3 set to)");
  const operateUnit = need(input.operateUnit, "operateUnit is required (1 count, 2 percent)");
  const operateCount = need(input.operateCount, "operateCount is required");
  if (![1, 2, 3].includes(action)) throw new InvalidParameterError(`action must be 1 (increase), 2 (decrease) or 3 (set to) (got ${action})`);
  if (![1, 2].includes(operateUnit)) throw new InvalidParameterError(`operateUnit must be 1 (count) or 2 (percent) (got ${operateUnit})`);
  if (action === 3 && operateUnit === 2) throw new InvalidParameterError("action 3 (set to) takes a count (operateUnit 1)");
  if (!Number.isInteger(operateCount) || operateCount < (action === 3 ? 0 : 1)) throw new InvalidParameterError(`operateCount must be a whole number of at least ${action === 3 ? 0 : 1}`);
  return { action, operateUnit, operateCount };
}

/** cycle 1 monthly (days 1–31), 2 weekly (days 1–7), 3 daily (no days); effectiveFrom before effectiveTill. */
function cycle(input: RuleInput): Pick<RuleFields, "cycle" | "day" | "effectiveFrom" | "effectiveTill"> {
  const value = need(input.cycle, "cycle is required for periodic rules (1 monthly, 2 weekly, 3 daily)");
  if (![1, 2, 3].includes(value)) throw new InvalidParameterError(`cycle must be 1 (monthly), 2 (weekly) or 3 (daily) (got ${value})`);
  const days = [...(input.day ?? [])];
  if (value === 3 && days.length > 0) throw new InvalidParameterError("day applies to monthly and weekly cycles only");
  if (value !== 3) {
    const max = value === 1 ? 31 : 7;
    if (days.length === 0) throw new InvalidParameterError(`day is required for a ${value === 1 ? "monthly" : "weekly"} cycle`);
    if (days.some((d) => !Number.isInteger(d) || d < 1 || d > max)) throw new InvalidParameterError(`day must hold whole numbers from 1 to ${max}`);
    if (new Set(days).size !== days.length) throw new InvalidParameterError("day must not repeat a day");
  }
  const effectiveFrom = need(input.effectiveFrom, "effectiveFrom is required for periodic rules");
  const effectiveTill = need(input.effectiveTill, "effectiveTill is required for periodic rules");
  if (time("effectiveFrom", effectiveFrom) >= time("effectiveTill", effectiveTill)) throw new InvalidParameterError("effectiveFrom must be before effectiveTill");
  return { cycle: value, day: days.sort((a, b) => a - b), effectiveFrom, effectiveTill };
}

function trigger(value: ScalingTriggerRecord): ScalingTriggerRecord {
  if (!(ALARM_METRICS as readonly string[]).includes(value.metricName)) throw new InvalidParameterError(`triggerObj.metricName must be one of ${ALARM_METRICS.join(", ")}`);
  if (!["avg", "max", "min"].includes(value.statistics)) throw new InvalidParameterError("triggerObj.statistics must be avg, max or min");
  if (!["ge", "le", "gt", "lt"].includes(value.comparisonOperator)) throw new InvalidParameterError("triggerObj.comparisonOperator must be ge, le, gt or lt");
  if (!/^[1-9]\d*m$/.test(value.period)) throw new InvalidParameterError('triggerObj.period must be a number of minutes like "5m"');
  if (!Number.isInteger(value.evaluationCount) || value.evaluationCount < 1) throw new InvalidParameterError("triggerObj.evaluationCount must be at least 1");
  if (value.name.trim() === "") throw new InvalidParameterError("triggerObj.name is required");
  return { name: value.name, metricName: value.metricName, statistics: value.statistics, comparisonOperator: value.comparisonOperator, threshold: value.threshold, period: value.period, evaluationCount: value.evaluationCount };
}

function target(value: ScalingTargetRecord): ScalingTargetRecord {
  if (!(TARGET_METRICS as readonly string[]).includes(value.metricName)) throw new InvalidParameterError(`targetObj.metricName must be one of ${TARGET_METRICS.join(", ")}`);
  const max = value.metricName === "cpu_util" ? 100 : 99_999_999;
  if (!Number.isInteger(value.targetValue) || value.targetValue < 1 || value.targetValue > max) throw new InvalidParameterError(`targetObj.targetValue must be 1-${max}`);
  for (const field of ["scaleOutEvaluationCount", "scaleInEvaluationCount"] as const) {
    if (!Number.isInteger(value[field]) || value[field] < 1 || value[field] > 100) throw new InvalidParameterError(`targetObj.${field} must be 1-100`);
  }
  if (!Number.isInteger(value.operateRange) || value.operateRange < 10 || value.operateRange > 20) throw new InvalidParameterError("targetObj.operateRange must be 10-20 (percent)");
  return { ...value, disableScaleIn: value.disableScaleIn };
}
