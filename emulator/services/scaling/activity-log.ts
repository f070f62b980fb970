/**
 * Scaling activities as records (api-notes/scaling.md §4): one per change of a group's VM count,
 * `running (0) → succeeded (1) | failed (2)`, with the counts before and after, the VMs it moved,
 * and why it failed. An activity ends once none of the VMs it moves is still moving in or out.
 */
import type { EngineContext } from "../../engine/context";
import { SCALING_ACTIVITY_KIND, SCALING_MEMBER_KIND, type ScalingActivityRecord, type ScalingGroupRecord, type ScalingMemberRecord } from "./records";
import { ACTIVITY_RESULT, beijingTime, MEMBER_STATUS, nextId } from "./vocabulary";

/** What an executed rule adds to its activity. */
export interface RuleOutcome {
  readonly ruleID: number;
  /** The change the rule asked for, and the change the group's bounds allowed. */
  readonly expectDelta: number;
  readonly realDelta: number;
}

const DESCRIPTIONS: Readonly<Record<number, string>> = {
  1: "an automatic policy (schedule or alarm) changed the desired count",
  2: "a policy was executed by hand",
  3: "instances were moved in",
  4: "instances were moved out",
  5: "the new group reaches its desired count",
  6: "the group's counts changed",
  7: "an unhealthy instance is replaced",
  8: "an unhealthy instance is removed",
};

export class ActivityLog {
  constructor(private readonly ctx: EngineContext) {}

  private get activities() {
    return this.ctx.store.collection<ScalingActivityRecord>(SCALING_ACTIVITY_KIND);
  }

  find(regionId: string, activeID: number): ScalingActivityRecord | undefined {
    return this.activities.get(regionId, String(activeID));
  }

  /** The group's activities, newest first. */
  of(regionId: string, groupID: number): ScalingActivityRecord[] {
    return this.activities.find(regionId, (activity) => activity.groupID === groupID).reverse();
  }

  running(regionId: string, groupID: number): ScalingActivityRecord | undefined {
    return this.activities.findOne(regionId, (activity) => activity.groupID === groupID && activity.executionResult === ACTIVITY_RESULT.running);
  }

  start(regionId: string, group: ScalingGroupRecord, executionMode: number, beforeCount: number, rule?: RuleOutcome): ScalingActivityRecord {
    const activeID = nextId(this.ctx, "activity");
    const now = beijingTime(this.ctx.clock());
    return this.activities.insert(regionId, String(activeID), {
      activeID,
      groupID: group.groupID,
      ruleID: rule ? String(rule.ruleID) : "",
      executionMode,
      executionResult: ACTIVITY_RESULT.running,
      executionDate: now,
      startTime: now,
      endTime: "",
      beforeCount,
      afterCount: beforeCount,
      ruleExpectDelta: rule?.expectDelta ?? 0,
      ruleRealDelta: rule?.realDelta ?? 0,
      failReason: "",
      ruleFailReason: "",
      description: DESCRIPTIONS[executionMode] ?? "",
      instanceList: [],
    });
  }

  addInstance(regionId: string, activeID: number, instanceID: string, instanceName: string): void {
    this.activities.update(regionId, String(activeID), (activity) => ({ ...activity, instanceList: [...activity.instanceList, { instanceID, instanceName }] }));
  }

  /** Adds a reason; an activity with any reason ends failed. */
  fail(regionId: string, activeID: number, reason: string): void {
    this.activities.update(regionId, String(activeID), (activity) => ({ ...activity, failReason: activity.failReason ? `${activity.failReason}; ${reason}` : reason }));
  }

  /** Ends the activity when none of its VMs is still moving; returns true when it has ended (now or before). */
  finishIfSettled(regionId: string, activeID: number): boolean {
    const activity = this.find(regionId, activeID);
    if (!activity || activity.executionResult !== ACTIVITY_RESULT.running) return true;
    const members = this.ctx.store.collection<ScalingMemberRecord>(SCALING_MEMBER_KIND).find(regionId, (m) => m.groupID === activity.groupID);
    if (members.some((m) => m.activeID === activeID && m.status !== MEMBER_STATUS.inService)) return false;
    this.activities.update(regionId, String(activeID), {
      executionResult: activity.failReason ? ACTIVITY_RESULT.failed : ACTIVITY_RESULT.succeeded,
      endTime: beijingTime(this.ctx.clock()),
      afterCount: members.filter((m) => m.status !== MEMBER_STATUS.movingOut).length,
    });
    return true;
  }
}
