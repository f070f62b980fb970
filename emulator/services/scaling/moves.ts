/**
 * Moving existing VMs into and out of a group by hand (api-notes/scaling.md §2.1, rule 8): move-in
 * takes running VMs of the group's VPC that are in no group, up to maxCount; move-out lets members
 * go on as ordinary VMs (by VM id), move-out-release releases them (by association id). Each is one
 * activity (execution mode 3 or 4), refused while another runs (TF waits for that first; inferred),
 * and moves the desired count with the members, so the group does not undo it.
 */
import type { EngineContext } from "../../engine/context";
import { InvalidParameterError } from "../../errors";
import type { RegionRecord } from "../catalog/records";
import { ActivityLog } from "./activity-log";
import { ScalingActivities } from "./activities";
import { ScalingGroups } from "./groups";
import { registerTargets } from "./load-balancers";
import { GroupMembers } from "./members";
import { SCALING_GROUP_KIND, SCALING_MEMBER_KIND, type ScalingGroupRecord, type ScalingMemberRecord } from "./records";
import { activityInProgress, beijingTime, scalingError, EXECUTION_MODE, HEALTH_STATUS, MAX_COUNT_EXCEEDED, MEMBER_STATUS, nextId } from "./vocabulary";

export class GroupMoves {
  private readonly log: ActivityLog;
  private readonly members: GroupMembers;

  constructor(private readonly ctx: EngineContext) {
    this.log = new ActivityLog(ctx);
    this.members = new GroupMembers(ctx);
  }

  /** Returns the new members' association ids. */
  moveIn(region: RegionRecord, groupID: number, instanceIDs: readonly string[]): number[] {
    const regionId = region.regionID;
    const group = this.idle(regionId, groupID);
    if (instanceIDs.length === 0 || new Set(instanceIDs).size !== instanceIDs.length) throw new InvalidParameterError("instanceUUIDList must name one or more distinct instances");
    const ecs = this.ctx.backend("ecs");
    const everyMember = this.ctx.store.collection<ScalingMemberRecord>(SCALING_MEMBER_KIND).find(regionId);
    const vms = instanceIDs.map((instanceID) => {
      const vm = ecs.require(regionId, instanceID);
      if (vm.vpcID !== group.vpcID) throw new InvalidParameterError(`instance ${instanceID} is in vpc ${vm.vpcID}, not the group's ${group.vpcID}`);
      if (vm.instanceStatus !== "running") throw new InvalidParameterError(`instance ${instanceID} is ${vm.instanceStatus}; only running instances can be moved in`);
      const other = everyMember.find((m) => m.instanceID === instanceID);
      if (other) throw new InvalidParameterError(`instance ${instanceID} is already in scaling group ${other.groupID}`);
      return vm;
    });
    const active = this.members.active(regionId, groupID).length;
    if (active + vms.length > group.maxCount) {
      throw scalingError(MAX_COUNT_EXCEEDED, `moving ${vms.length} instance(s) into scaling group ${groupID} would exceed its maxCount ${group.maxCount} (it has ${active})`, "超过伸缩组最大云主机数");
    }
    const activity = this.log.start(regionId, group, EXECUTION_MODE.moveIn, active);
    const now = beijingTime(this.ctx.clock());
    const ids = vms.map((vm) => {
      const id = nextId(this.ctx, "member");
      this.ctx.store.collection<ScalingMemberRecord>(SCALING_MEMBER_KIND).insert(regionId, String(id), {
        id,
        groupID,
        instanceID: vm.instanceID,
        instanceName: vm.displayName,
        azName: vm.azName,
        configID: 0,
        configName: "",
        activeID: activity.activeID,
        executionMode: EXECUTION_MODE.moveIn,
        status: MEMBER_STATUS.inService,
        healthStatus: HEALTH_STATUS.normal,
        protectStatus: 2,
        projectIDEcs: group.projectID,
        createDate: now,
        joinDate: now,
        launched: false,
        orderID: "",
      });
      this.log.addInstance(regionId, activity.activeID, vm.instanceID, vm.displayName);
      for (const failure of registerTargets(this.ctx, regionId, vm.instanceID, group.lbList)) this.log.fail(regionId, activity.activeID, failure);
      return id;
    });
    this.setExpected(regionId, group, active + vms.length);
    this.log.finishIfSettled(regionId, activity.activeID);
    return ids;
  }

  /** move-out (VM ids; the VMs stay) and move-out-release (association ids; the VMs are released). */
  moveOut(region: RegionRecord, groupID: number, pick: { instanceIDs: readonly string[] } | { memberIDs: readonly number[] }): void {
    const regionId = region.regionID;
    const group = this.idle(regionId, groupID);
    const all = this.members.of(regionId, groupID);
    const wanted = "instanceIDs" in pick ? pick.instanceIDs : pick.memberIDs;
    if (wanted.length === 0 || new Set<unknown>(wanted).size !== wanted.length) throw new InvalidParameterError("instanceIDList must name one or more distinct members");
    const leaving = wanted.map((key: string | number) => {
      const member = all.find((m) => (typeof key === "string" ? m.instanceID === key : m.id === key));
      if (!member) throw new InvalidParameterError(`${String(key)} is not a member of scaling group ${groupID}`);
      if (member.status !== MEMBER_STATUS.inService) throw new InvalidParameterError(`instance ${member.instanceID} is still moving in or out`);
      return member;
    });
    const active = this.members.active(regionId, groupID).length;
    if (active - leaving.length < group.minCount) throw new InvalidParameterError(`scaling group ${groupID} would have fewer than its minCount ${group.minCount} instances`);
    const activity = this.log.start(regionId, group, EXECUTION_MODE.moveOut, active);
    for (const member of leaving) this.members.leave(regionId, group, member, activity, "instanceIDs" in pick ? "keep" : "release");
    this.setExpected(regionId, group, active - leaving.length);
    this.log.finishIfSettled(regionId, activity.activeID);
  }

  private idle(regionId: string, groupID: number): ScalingGroupRecord {
    const group = new ScalingGroups(this.ctx).requireLive(regionId, groupID);
    const running = new ScalingActivities(this.ctx).running(regionId, groupID);
    if (running) throw activityInProgress(groupID, running.activeID);
    return group;
  }

  private setExpected(regionId: string, group: ScalingGroupRecord, count: number): void {
    this.ctx.store.collection<ScalingGroupRecord>(SCALING_GROUP_KIND).update(regionId, String(group.groupID), { expectedCount: Math.min(Math.max(count, group.minCount), group.maxCount) });
  }
}
