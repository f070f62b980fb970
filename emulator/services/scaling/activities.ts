/**
 * How a group reaches its desired count (api-notes/scaling.md §4, inferred from the fields, TF's
 * waits and its acceptance test). A change (a new group, new counts, enabling, a policy) starts one
 * activity that launches or releases the difference; a change while an activity runs is taken up
 * when it ends. A disabled group starts none. A failed activity leaves the group where it got to,
 * until the next change. Nothing runs in the background: every scaling call that reads or changes a
 * group first makes one progress step (members.ts), so the activity takes as long as its VMs' orders
 * and boots (the ECS timings), polled by whoever waits on the group.
 */
import type { EngineContext } from "../../engine/context";
import type { RegionRecord } from "../catalog/records";
import { ActivityLog, type RuleOutcome } from "./activity-log";
import { addedEntries, deregisterTargets, registerTargets } from "./load-balancers";
import { GroupMembers } from "./members";
import { SCALING_ACTIVITY_KIND, SCALING_GROUP_KIND, SCALING_RULE_KIND, type ScalingActivityRecord, type ScalingGroupRecord, type ScalingRuleRecord } from "./records";
import { EXECUTION_MODE, GROUP_STATUS, MEMBER_STATUS } from "./vocabulary";

export class ScalingActivities {
  private readonly log: ActivityLog;
  private readonly members: GroupMembers;

  constructor(private readonly ctx: EngineContext) {
    this.log = new ActivityLog(ctx);
    this.members = new GroupMembers(ctx);
  }

  private get groups() {
    return this.ctx.store.collection<ScalingGroupRecord>(SCALING_GROUP_KIND);
  }

  running(regionId: string, groupID: number): ScalingActivityRecord | undefined {
    return this.log.running(regionId, groupID);
  }

  /**
   * Starts an activity towards the desired count when the group is enabled and idle; while another
   * runs, remembers the change for when it ends. A rule's execution is recorded even when it moves
   * nothing.
   */
  converge(region: RegionRecord, groupID: number, executionMode: number, rule?: RuleOutcome): void {
    const regionId = region.regionID;
    const group = this.groups.get(regionId, String(groupID));
    if (!group || group.deleting || group.status !== GROUP_STATUS.enabled) return;
    if (this.log.running(regionId, groupID)) {
      this.groups.update(regionId, String(groupID), { pendingMode: executionMode });
      return;
    }
    const active = this.members.active(regionId, groupID).length;
    const delta = Math.min(Math.max(group.expectedCount, group.minCount), group.maxCount) - active;
    if (delta === 0 && !rule) return;
    const activity = this.log.start(regionId, group, executionMode, active, rule);
    if (delta > 0) this.members.launch(region, group, activity, delta);
    if (delta < 0) this.members.shrink(group, regionId, activity, -delta);
    this.log.finishIfSettled(regionId, activity.activeID);
  }

  /**
   * One step of every piece of work of the group: members follow their VMs, finished activities end,
   * a change that waited starts, VMs deleted by hand are replaced (execution mode 7), and a group
   * being deleted releases its VMs and goes with the last of them.
   */
  progress(regionId: string, groupID: number): void {
    const group = this.groups.get(regionId, String(groupID));
    if (!group) return;
    const vanished = this.members.progress(regionId, group);
    const running = this.log.running(regionId, groupID);
    if (running) this.log.finishIfSettled(regionId, running.activeID);
    if (group.deleting) return this.continueDeleting(regionId, group);
    if (this.log.running(regionId, groupID)) return;
    const pending = this.groups.get(regionId, String(groupID))?.pendingMode ?? 0;
    const mode = pending !== 0 ? pending : vanished > 0 ? EXECUTION_MODE.healthReplacement : 0;
    if (mode === 0) return;
    this.groups.update(regionId, String(groupID), { pendingMode: 0 });
    this.converge(this.ctx.backend("catalog").requireRegion(regionId), groupID, mode);
  }

  /** Load balancer entries changed (only while disabled): members in service move to the new ones. */
  rebindLoadBalancers(regionId: string, before: ScalingGroupRecord, after: ScalingGroupRecord): void {
    const removed = addedEntries(after, before);
    const added = addedEntries(before, after);
    for (const member of this.members.of(regionId, before.groupID).filter((m) => m.status === MEMBER_STATUS.inService)) {
      deregisterTargets(this.ctx, regionId, member.instanceID, removed);
      registerTargets(this.ctx, regionId, member.instanceID, added);
    }
  }

  /** Releases every member that can go now (moving-in ones once they run); removes the group when none is left. */
  private continueDeleting(regionId: string, group: ScalingGroupRecord): void {
    const left = this.members.of(regionId, group.groupID);
    for (const member of left) if (member.status === MEMBER_STATUS.inService) this.members.leave(regionId, group, member, undefined);
    if (this.members.of(regionId, group.groupID).length > 0) return;
    const rules = this.ctx.store.collection<ScalingRuleRecord>(SCALING_RULE_KIND);
    for (const rule of rules.find(regionId, (r) => r.groupID === group.groupID)) rules.delete(regionId, String(rule.ruleID));
    const log = this.ctx.store.collection<ScalingActivityRecord>(SCALING_ACTIVITY_KIND);
    for (const activity of log.find(regionId, (a) => a.groupID === group.groupID)) log.delete(regionId, String(activity.activeID));
    this.groups.delete(regionId, String(group.groupID));
  }
}
