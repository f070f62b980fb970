/**
 * What a ScalingGroup is in the cloud beyond its record: its VMs (members), whether it has reached
 * its desired count, and the wire forms of its enumerations. A group reaches its count through
 * scaling activities the cloud runs: waiting means polling the members and the newest activity
 * until every member is in service, their number is the desired count and no activity runs.
 */
import { DescribeInstance, INSTANCE_NOT_FOUND } from "../client/operations/ecs";
import { ListScalingGroupLoadBalancers, type ScalingGroupInfo, type ScalingMemberInfo } from "../client/operations/scaling";
import type { HandlerContext } from "../lifecycle/context";
import { waitForState, waitUntilGone } from "../lifecycle/waits";
import { findGroup, latestActivity, membersOf } from "./scaling-reads";

export const HEALTH_MODES = { server: 1, lb: 2 } as const;
export const MOVE_OUT_STRATEGIES = { earlier_config: 1, later_config: 2, earlier_vm: 3, later_vm: 4 } as const;
export const AZ_STRATEGIES = { uniform_distribution: 1, priority_distribution: 2 } as const;
/** Member status 1: in service (2 moving in, 3 moving out). */
const IN_SERVICE = 1;
/** Activity result 0: running (1 succeeded, 2 failed). */
const RUNNING = 0;
const FAILED = 2;
/** Execution mode 3: moved in by hand (such VMs are not the group's to release). */
const MOVED_IN = 3;

export function nameOf<T extends Record<string, number>>(table: T, code: number | null | undefined): keyof T & string {
  return (Object.keys(table).find((key) => table[key] === code) ?? Object.keys(table)[0]!) as keyof T & string;
}

export interface LoadBalancerBinding {
  readonly loadBalancerId: string;
  readonly targetGroupId: string;
  readonly port: number;
  readonly weight: number;
}

export async function loadBalancersOf(ctx: HandlerContext, regionID: string, groupId: string): Promise<LoadBalancerBinding[]> {
  const listed = await ctx.client.send(ListScalingGroupLoadBalancers, { regionID, groupID: Number(groupId), pageNo: 1, pageSize: 100 });
  return listed.loadBalancers.map((lb) => ({ loadBalancerId: lb.lbID, targetGroupId: lb.hostGroupID, port: lb.port, weight: lb.weight }));
}

/** The count the group works towards: its desired count within its bounds. */
export function targetOf(group: ScalingGroupInfo): number {
  return Math.min(Math.max(group.expectedCount ?? group.minCount, group.minCount), group.maxCount);
}

/** Members by association id: the order they joined in. */
export function sortedMembers(members: readonly ScalingMemberInfo[]): ScalingMemberInfo[] {
  return [...members].sort((a, b) => a.id - b.id);
}

interface Capacity {
  readonly group: ScalingGroupInfo | undefined;
  readonly members: ScalingMemberInfo[];
  readonly running: boolean;
  readonly failure: string | undefined;
}

/**
 * Waits until the group's members are all in service, as many as its desired count, with no activity
 * running; fails when the newest activity failed (the cloud's reason) and nothing else runs.
 */
export async function waitForCapacity(ctx: HandlerContext, regionID: string, groupId: string): Promise<{ group: ScalingGroupInfo; members: ScalingMemberInfo[] }> {
  const settled = await waitForState<Capacity>(
    ctx,
    `scaling group ${groupId} to reach its desired count`,
    async () => {
      const group = await findGroup(ctx, regionID, groupId);
      if (!group) return { group, members: [], running: false, failure: undefined };
      const members = await membersOf(ctx, regionID, groupId);
      const latest = await latestActivity(ctx, regionID, groupId);
      return { group, members, running: latest?.executionResult === RUNNING, failure: latest?.executionResult === FAILED ? (latest.failReason ?? "no reason given") : undefined };
    },
    (s) => s.group !== undefined && !s.running && s.members.length === targetOf(s.group) && s.members.every((m) => m.status === IN_SERVICE),
    (s) => (s.group ? `${s.members.filter((m) => m.status === IN_SERVICE).length} of ${targetOf(s.group)} VMs in service${s.running ? ", an activity runs" : ""}` : "not listed"),
    (s) => (s.group === undefined ? "the group is gone" : !s.running && s.failure !== undefined ? `its scaling activity failed: ${s.failure}` : undefined),
  );
  return { group: settled.group as ScalingGroupInfo, members: settled.members };
}

/** Waits until each VM the group launched is gone (a released VM: instance-details says not found). */
export async function waitForReleasedVms(ctx: HandlerContext, regionID: string, members: readonly ScalingMemberInfo[]): Promise<void> {
  for (const member of members.filter((m) => m.executionMode !== MOVED_IN)) {
    await waitUntilGone(
      ctx,
      `VM ${member.instanceID} released by the group`,
      async () => Boolean(await ctx.client.send(DescribeInstance, { regionID, instanceID: member.instanceID })),
      [INSTANCE_NOT_FOUND],
    );
  }
}
