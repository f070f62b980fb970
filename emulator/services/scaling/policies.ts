/**
 * Scaling rules (policies, api-notes/scaling.md §3): alarm (1), scheduled (2), periodic (3) and target
 * tracking (4), enabled or disabled, executed by hand or when due. Executing one moves the group's
 * desired count (by a count, a percentage, or to a value), clipped to [minCount, maxCount]
 * (`ruleExpectDelta` vs `ruleRealDelta`), and starts an activity.
 */
import type { EngineContext } from "../../engine/context";
import { EmulatorError, InvalidParameterError } from "../../errors";
import type { RegionRecord } from "../catalog/records";
import { ScalingActivities } from "./activities";
import { checkRule, type RuleInput } from "./rule-rules";
import { SCALING_GROUP_KIND, SCALING_RULE_KIND, type ScalingGroupRecord, type ScalingRuleRecord } from "./records";
import { ScalingGroups } from "./groups";
import { activityInProgress, beijingTime, EXECUTION_MODE, GROUP_STATUS, groupStatusInvalid, nextId, RULE_NAME_DUPLICATED, RULE_STATUS, ruleNotFound, type Change } from "./vocabulary";
import { dueOccurrence } from "./schedule";

export class ScalingRules {
  constructor(private readonly ctx: EngineContext) {}

  private get rules() {
    return this.ctx.store.collection<ScalingRuleRecord>(SCALING_RULE_KIND);
  }

  of(regionId: string, groupID: number): ScalingRuleRecord[] {
    new ScalingGroups(this.ctx).require(regionId, groupID);
    return this.rules.find(regionId, (rule) => rule.groupID === groupID);
  }

  require(regionId: string, groupID: number, ruleID: number): ScalingRuleRecord {
    new ScalingGroups(this.ctx).require(regionId, groupID);
    const rule = this.rules.get(regionId, String(ruleID));
    if (!rule || rule.groupID !== groupID) throw ruleNotFound(this.ctx, ruleID, groupID);
    return rule;
  }

  /** A new rule is enabled (TF sends no status on create; inferred). */
  create(regionId: string, groupID: number, input: RuleInput): ScalingRuleRecord {
    const group = new ScalingGroups(this.ctx).requireLive(regionId, groupID);
    this.assertNameFree(regionId, groupID, input.name, undefined);
    const now = this.ctx.clock();
    const ruleID = nextId(this.ctx, "rule");
    const fields = checkRule(input, now);
    return this.rules.insert(regionId, String(ruleID), {
      ruleID,
      groupID,
      ...fields,
      status: RULE_STATUS.enabled,
      projectIDEcs: group.projectID,
      createDate: beijingTime(now),
      updateDate: beijingTime(now),
      // Schedules count from now; alarms and targets have not fired yet (no cooldown to wait out).
      handledUntil: fields.ruleType === 2 || fields.ruleType === 3 ? now : 0,
    });
  }

  /** Any field but the type; accepted whether the rule is enabled or not (TF's docs ask for disabled; inferred). */
  update(regionId: string, groupID: number, ruleID: number, change: Change<RuleInput>): ScalingRuleRecord {
    const current = this.require(regionId, groupID, ruleID);
    const name = change.name ?? current.name;
    this.assertNameFree(regionId, groupID, name, ruleID);
    const merged: RuleInput = {
      name,
      type: current.ruleType,
      operateUnit: change.operateUnit ?? current.operateUnit,
      operateCount: change.operateCount ?? current.operateCount,
      action: change.action ?? current.action,
      cycle: change.cycle ?? current.cycle,
      day: change.day ?? current.day,
      executionTime: change.executionTime ?? current.executionTime,
      effectiveFrom: change.effectiveFrom ?? current.effectiveFrom,
      effectiveTill: change.effectiveTill ?? current.effectiveTill,
      cooldown: change.cooldown ?? current.cooldown,
      triggerObj: change.triggerObj ?? current.triggerObj ?? undefined,
      targetObj: change.targetObj ?? current.targetObj ?? undefined,
    };
    const now = this.ctx.clock();
    // A new schedule counts from now: occurrences of the old one that were missed do not fire.
    const rescheduled = change.executionTime !== undefined || change.cycle !== undefined || change.day !== undefined;
    return this.rules.update(regionId, String(ruleID), { ...checkRule(merged, change.executionTime !== undefined ? now : undefined), updateDate: beijingTime(now), ...(rescheduled ? { handledUntil: now } : {}) })!;
  }

  delete(regionId: string, groupID: number, ruleID: number): void {
    this.require(regionId, groupID, ruleID);
    this.rules.delete(regionId, String(ruleID));
  }

  /** Idempotent. A re-enabled schedule does not catch up on what it missed while disabled. */
  setStatus(regionId: string, groupID: number, ruleID: number, status: number): void {
    const rule = this.require(regionId, groupID, ruleID);
    if (rule.status === status) return;
    const now = this.ctx.clock();
    this.rules.update(regionId, String(ruleID), { status, updateDate: beijingTime(now), ...(status === RULE_STATUS.enabled && rule.ruleType !== 1 && rule.ruleType !== 4 ? { handledUntil: now } : {}) });
  }

  /** rule/execute: the group must be enabled and idle (inferred, as TF waits for activities before acting). */
  execute(region: RegionRecord, groupID: number, ruleID: number): void {
    const rule = this.require(region.regionID, groupID, ruleID);
    const group = new ScalingGroups(this.ctx).requireLive(region.regionID, groupID);
    if (group.status !== GROUP_STATUS.enabled) throw groupStatusInvalid(`scaling group ${groupID} is disabled: enable it to execute its rules`);
    const running = new ScalingActivities(this.ctx).running(region.regionID, groupID);
    if (running) throw activityInProgress(groupID, running.activeID);
    if (rule.ruleType === 4) throw new InvalidParameterError("a target tracking rule adjusts the group by itself and cannot be executed");
    this.apply(region, group, rule, EXECUTION_MODE.manualPolicy, rule.action, rule.operateCount);
  }

  /**
   * Fires the group's rules that are due: schedules whose time has come (once per occurrence, on the
   * first scaling call at or after it — the emulator runs nothing in the background), alarms whose
   * metric crosses the threshold and target rules off target, each after its cooldown.
   */
  fireDue(region: RegionRecord, group: ScalingGroupRecord): void {
    if (group.deleting || group.status !== GROUP_STATUS.enabled) return;
    const now = this.ctx.clock();
    for (const rule of this.rules.find(region.regionID, (r) => r.groupID === group.groupID && r.status === RULE_STATUS.enabled)) {
      const current = this.ctx.store.collection<ScalingGroupRecord>(SCALING_GROUP_KIND).get(region.regionID, String(group.groupID))!;
      if (rule.ruleType === 2 || rule.ruleType === 3) {
        if (dueOccurrence(rule, now) === undefined) continue;
        this.rules.update(region.regionID, String(rule.ruleID), { handledUntil: now });
        this.apply(region, current, rule, EXECUTION_MODE.automaticPolicy, rule.action, rule.operateCount);
        continue;
      }
      const metric = current.metrics?.[(rule.triggerObj ?? rule.targetObj)?.metricName ?? ""];
      if (metric === undefined || now - rule.handledUntil < rule.cooldown * 1000) continue;
      const step = rule.ruleType === 1 ? (breaches(rule, metric) ? rule.action : 0) : targetStep(rule, metric);
      if (step === 0 || new ScalingActivities(this.ctx).running(region.regionID, group.groupID)) continue;
      this.rules.update(region.regionID, String(rule.ruleID), { handledUntil: now });
      this.apply(region, current, rule, EXECUTION_MODE.automaticPolicy, step, rule.ruleType === 1 ? rule.operateCount : 1);
    }
  }

  /** Moves the desired count by the rule's adjustment (clipped to the bounds) and starts the activity. */
  private apply(region: RegionRecord, group: ScalingGroupRecord, rule: ScalingRuleRecord, mode: number, action: number, count: number): void {
    const current = group.expectedCount;
    const amount = rule.ruleType === 4 || rule.operateUnit === 1 ? count : Math.ceil((current * count) / 100);
    const wanted = action === 1 ? current + amount : action === 2 ? current - amount : count;
    const clipped = Math.min(Math.max(wanted, group.minCount), group.maxCount);
    this.ctx.store.collection<ScalingGroupRecord>(SCALING_GROUP_KIND).update(region.regionID, String(group.groupID), { expectedCount: clipped });
    new ScalingActivities(this.ctx).converge(region, group.groupID, mode, { ruleID: rule.ruleID, expectDelta: wanted - current, realDelta: clipped - current });
  }

  private assertNameFree(regionId: string, groupID: number, name: string, except: number | undefined): void {
    if (this.rules.findOne(regionId, (rule) => rule.groupID === groupID && rule.name === name && rule.ruleID !== except)) {
      throw new EmulatorError(RULE_NAME_DUPLICATED, `scaling group ${groupID} already has a rule named ${name}`, { description: "伸缩策略名称已存在" });
    }
  }
}

function breaches(rule: ScalingRuleRecord, value: number): boolean {
  const threshold = rule.triggerObj?.threshold ?? 0;
  switch (rule.triggerObj?.comparisonOperator) {
    case "ge":
      return value >= threshold;
    case "gt":
      return value > threshold;
    case "le":
      return value <= threshold;
    default:
      return value < threshold;
  }
}

/** Target tracking: one VM out above the target, one in below target × (1 − range %) unless scale-in is off. */
function targetStep(rule: ScalingRuleRecord, value: number): number {
  const target = rule.targetObj;
  if (!target) return 0;
  if (value > target.targetValue) return 1;
  if (!target.disableScaleIn && value < target.targetValue * (1 - target.operateRange / 100)) return 2;
  return 0;
}
