/**
 * ScalingGroup (emulator/api-notes/scaling.md §2): VMs kept between a minimum and a maximum, launched
 * from ScalingConfigs into a VPC's subnets, optionally registered with ELB target groups.
 *
 * - create: group/create (no clientToken; group names are unique per region, so a repeat is refused
 *   and a group of this name in this VPC is taken over only when this create's earlier attempt may
 *   have made it). A new group is enabled and launches its desired count at once: create waits until
 *   every VM is in service (a failed scaling activity fails it, with the cloud's reason, as a partial
 *   create), then applies delete protection, or disables the group if asked.
 * - update: subnets and load balancers change only while the group is disabled (TF's rule): an
 *   enabled group is disabled for that change and enabled again. Counts go in one group/update (the
 *   bounds are checked together), then protection and status; an enabled group is waited for.
 * - delete: refused while delete protection is on; otherwise group/delete with force, then waits
 *   until the group is gone and every VM it launched is released.
 */
import { z } from "zod";
import { isServiceError } from "../client/errors";
import {
  CreateScalingGroup,
  DeleteScalingGroup,
  DisableScalingGroup,
  DisableScalingGroupProtection,
  EnableScalingGroup,
  EnableScalingGroupProtection,
  UpdateScalingGroup,
  type ScalingGroupInfo,
  type ScalingMemberInfo,
} from "../client/operations/scaling";
import type { HandlerContext } from "../lifecycle/context";
import { prefixedId, projectId, regionId } from "../lifecycle/fields";
import { mayBeOwnEarlierWork } from "../lifecycle/ownership";
import { defineResource, type CheckFailure, type Props } from "../lifecycle/spec";
import { waitUntilGone } from "../lifecycle/waits";
import { allGroups, findGroup, membersOf } from "./scaling-reads";
import {
  AZ_STRATEGIES,
  HEALTH_MODES,
  loadBalancersOf,
  MOVE_OUT_STRATEGIES,
  nameOf,
  sortedMembers,
  waitForCapacity,
  waitForReleasedVms,
  type LoadBalancerBinding,
} from "./scaling-group-state";

/** py v4_scaling_group_create: minCount 0–50, maxCount up to 2^31-1, healthPeriod 300–10080 s; TF: 1–5 subnets, ≤ 10 configs. */
export const SCALING_LIMITS = { minCount: 50, maxCount: 2_147_483_647, healthPeriod: { min: 300, max: 10_080 }, subnets: 5, configs: 10 } as const;

function whole(min: number, max: number, what = "") {
  const rule = `must be a whole number from ${min} to ${max}${what}`;
  return z.number({ error: rule }).refine((n) => Number.isInteger(n) && n >= min && n <= max, rule);
}

function unique(what: string) {
  return (list: readonly unknown[], ctx: z.RefinementCtx): void => {
    if (new Set(list).size !== list.length) ctx.addIssue({ code: "custom", message: `must not list a ${what} twice` });
  };
}

const inputs = z.object({
  name: z.string().refine((name) => name.trim() !== "" && [...name].length <= 64, "must be 1-64 characters"),
  vpcId: prefixedId("vpc"),
  subnetIds: z.array(prefixedId("subnet")).min(1, "must list at least one subnet").max(SCALING_LIMITS.subnets, `must list at most ${SCALING_LIMITS.subnets} subnets`).superRefine(unique("subnet")),
  securityGroupIds: z.array(prefixedId("sg")).max(10, "must list at most 10 security groups").superRefine(unique("security group")).optional(),
  configIds: z
    .array(z.string().regex(/^\d+$/, "must hold ScalingConfig ids (digits), e.g. config.configId"))
    .min(1, "must list at least one scaling config")
    .max(SCALING_LIMITS.configs, `must list at most ${SCALING_LIMITS.configs} scaling configs`)
    .superRefine(unique("scaling config")),
  minCount: whole(0, SCALING_LIMITS.minCount).default(0),
  maxCount: whole(0, SCALING_LIMITS.maxCount),
  desiredCount: whole(0, SCALING_LIMITS.maxCount).optional(),
  healthMode: z.enum(["server", "lb"], { error: 'must be "server" or "lb"' }).default("server"),
  healthPeriod: whole(SCALING_LIMITS.healthPeriod.min, SCALING_LIMITS.healthPeriod.max, " seconds").default(SCALING_LIMITS.healthPeriod.min),
  moveOutStrategy: z.enum(["earlier_config", "later_config", "earlier_vm", "later_vm"], { error: "must be earlier_config, later_config, earlier_vm or later_vm" }).default("earlier_vm"),
  azStrategy: z.enum(["uniform_distribution", "priority_distribution"], { error: "must be uniform_distribution or priority_distribution" }).default("uniform_distribution"),
  loadBalancers: z
    .array(
      z.strictObject({
        loadBalancerId: z.string().min(1, "must not be empty"),
        targetGroupId: z.string().min(1, "must not be empty"),
        port: whole(1, 65535),
        weight: whole(1, 256).default(100),
      }),
    )
    .optional(),
  enabled: z.boolean().default(true),
  deleteProtection: z.boolean().default(false),
  regionId,
  projectId: projectId.optional(),
});

type GroupInputs = z.output<typeof inputs>;

export interface ScalingGroupOutputs {
  groupId: string;
  /** `enabled` or `disabled`. */
  status: string;
  /** The desired count in the cloud (policies and VMs moved in by hand change it too). */
  currentDesiredCount: number;
  /** How many VMs the group has. */
  instanceCount: number;
  /** Its VMs' ids, in the order they joined. */
  instanceIds: string[];
}

const project = (projectID: string | undefined) => (projectID ? { projectID } : {});

function outputsOf(group: ScalingGroupInfo, members: readonly ScalingMemberInfo[]): ScalingGroupOutputs {
  return {
    groupId: String(group.groupID),
    status: group.status === 1 ? "enabled" : "disabled",
    currentDesiredCount: group.expectedCount ?? group.minCount,
    instanceCount: members.length,
    instanceIds: sortedMembers(members).map((m) => m.instanceID),
  };
}

function wireLoadBalancers(bindings: readonly LoadBalancerBinding[] | undefined) {
  return (bindings ?? []).map((lb) => ({ port: lb.port, weight: lb.weight, hostGroupID: lb.targetGroupId, lbID: lb.loadBalancerId }));
}

function sameBindings(a: readonly LoadBalancerBinding[] | undefined, b: readonly LoadBalancerBinding[]): boolean {
  const key = (lb: LoadBalancerBinding): string => `${lb.loadBalancerId}/${lb.targetGroupId}/${lb.port}/${lb.weight}`;
  return JSON.stringify((a ?? []).map(key).sort()) === JSON.stringify(b.map(key).sort());
}

/** The state's order first (a set to the cloud). */
function inStateOrder(ids: readonly string[], state: unknown): string[] {
  const order = Array.isArray(state) ? (state as string[]) : [];
  const rank = (id: string): number => (order.includes(id) ? order.indexOf(id) : Number.MAX_SAFE_INTEGER);
  return [...ids].sort((a, b) => rank(a) - rank(b));
}

async function currentOutputs(ctx: HandlerContext, regionID: string, id: string): Promise<ScalingGroupOutputs> {
  const group = await findGroup(ctx, regionID, id);
  if (!group) throw new Error(`scaling group ${id} is not listed in region ${regionID} any more`);
  return outputsOf(group, await membersOf(ctx, regionID, id));
}

/** The group-wide settings, as both group/create and group/update take them. */
function settings(args: GroupInputs) {
  return {
    name: args.name,
    minCount: args.minCount,
    maxCount: args.maxCount,
    healthMode: HEALTH_MODES[args.healthMode],
    healthPeriod: args.healthPeriod,
    moveOutStrategy: MOVE_OUT_STRATEGIES[args.moveOutStrategy],
    configList: args.configIds.map(Number),
    azStrategy: AZ_STRATEGIES[args.azStrategy],
  };
}

async function createGroup(ctx: HandlerContext, args: GroupInputs): Promise<string> {
  const lbs = wireLoadBalancers(args.loadBalancers);
  try {
    const created = await ctx.client.send(CreateScalingGroup, {
      regionID: args.regionId,
      ...settings(args),
      vpcID: args.vpcId,
      subnetIDList: args.subnetIds,
      securityGroupIDList: args.securityGroupIds ?? [],
      recoveryMode: 1,
      useLb: lbs.length > 0 ? 1 : 2,
      ...(lbs.length > 0 ? { lbList: lbs } : {}),
      expectedCount: args.desiredCount ?? args.minCount,
      ...project(args.projectId),
    });
    return String(created.groupID);
  } catch (error) {
    // Whatever the refusal's code: a group of this name in this VPC may be this create's own earlier attempt.
    if (!isServiceError(error)) throw error;
    const existing = (await allGroups(ctx, args.regionId)).find((group) => group.name === args.name);
    if (!existing) throw error;
    if (existing.vpcID !== args.vpcId || !mayBeOwnEarlierWork(ctx, error)) {
      throw new Error(`a scaling group named ${args.name} already exists in region ${args.regionId} (${existing.groupID}): choose another name, or take it under management with adoptId`, { cause: error });
    }
    ctx.progress(`scaling group ${args.name} exists (an earlier attempt of this create made it); taking it over`);
    return String(existing.groupID);
  }
}

async function setProtection(ctx: HandlerContext, regionID: string, id: string, on: boolean): Promise<void> {
  await ctx.client.send(on ? EnableScalingGroupProtection : DisableScalingGroupProtection, { regionID, groupID: Number(id) });
}

async function setEnabled(ctx: HandlerContext, regionID: string, id: string, on: boolean): Promise<void> {
  await ctx.client.send(on ? EnableScalingGroup : DisableScalingGroup, { regionID, groupID: Number(id) });
}

export const scalingGroupSpec = defineResource({
  type: "ScalingGroup",
  inputs,
  outputs: { groupId: true, status: true, currentDesiredCount: true, instanceCount: true, instanceIds: true },
  createOnly: ["vpcId", "regionId", "projectId"],
  settingDefaults: { regionId: "regionId", projectId: "projectId" },
  autoName: { property: "name", maxLength: 64 },
  unorderedInputs: ["securityGroupIds", "loadBalancers"],
  // Groups are found by listing (read, delete): CTyun documents no scaling error code.
  notFoundCodes: [],
  timeouts: { create: 30 * 60_000, update: 30 * 60_000, delete: 30 * 60_000 },
  idOutput: "groupId",

  crossCheck(args, known, _olds, given) {
    const failures: CheckFailure[] = [];
    if (known("minCount") && known("maxCount") && args.maxCount! < args.minCount!) failures.push({ property: "maxCount", reason: `must be at least minCount (${args.minCount})` });
    if (known("desiredCount") && known("minCount") && known("maxCount") && (args.desiredCount! < args.minCount! || args.desiredCount! > args.maxCount!)) {
      failures.push({ property: "desiredCount", reason: `must be within minCount and maxCount (${args.minCount}-${args.maxCount})` });
    }
    const noLoadBalancers = !given("loadBalancers") || (known("loadBalancers") && args.loadBalancers!.length === 0);
    if (known("healthMode") && args.healthMode === "lb" && noLoadBalancers) {
      failures.push({ property: "healthMode", reason: '"lb" needs loadBalancers: the load balancers check the VMs\' health' });
    }
    if (known("loadBalancers") && new Set(args.loadBalancers!.map((lb) => `${lb.targetGroupId}/${lb.port}`)).size !== args.loadBalancers!.length) {
      failures.push({ property: "loadBalancers", reason: "must not name the same target group and port twice" });
    }
    return failures;
  },

  async create(ctx, args: GroupInputs) {
    const id = await createGroup(ctx, args);
    ctx.created(id, { groupId: id });
    if (args.deleteProtection) await setProtection(ctx, args.regionId, id, true);
    if (!args.enabled) await setEnabled(ctx, args.regionId, id, false);
    else await waitForCapacity(ctx, args.regionId, id);
    return { id, outputs: await currentOutputs(ctx, args.regionId, id) };
  },

  async read(ctx, id, state) {
    const regionID = state["regionId"] as string;
    const group = await findGroup(ctx, regionID, id);
    if (!group) return undefined;
    const members = await membersOf(ctx, regionID, id);
    const bindings = group.useLb === 1 ? await loadBalancersOf(ctx, regionID, id) : [];
    const read: Partial<GroupInputs> = {
      name: group.name,
      vpcId: group.vpcID,
      subnetIds: group.subnetIDList,
      configIds: group.configList.map(String),
      minCount: group.minCount,
      maxCount: group.maxCount,
      // Policies move the desired count: it is reported only when the program sets it.
      ...(state["desiredCount"] !== undefined ? { desiredCount: group.expectedCount ?? group.minCount } : {}),
      healthMode: nameOf(HEALTH_MODES, group.healthMode),
      healthPeriod: group.healthPeriod,
      moveOutStrategy: nameOf(MOVE_OUT_STRATEGIES, group.moveOutStrategy),
      // Single-zone regions report no strategy (py-sc): the program's value stands.
      ...(group.azStrategy ? { azStrategy: nameOf(AZ_STRATEGIES, group.azStrategy) } : {}),
      ...(group.securityGroupIDList.length > 0 || state["securityGroupIds"] !== undefined ? { securityGroupIds: inStateOrder(group.securityGroupIDList, state["securityGroupIds"]) } : {}),
      ...(bindings.length > 0 || state["loadBalancers"] !== undefined ? { loadBalancers: bindings } : {}),
      enabled: group.status === 1,
      deleteProtection: group.deleteProtection === true,
    };
    return { inputs: read, outputs: outputsOf(group, members) };
  },

  async update(ctx, id, _olds: Props, news: GroupInputs) {
    const regionID = news.regionId;
    const group = await findGroup(ctx, regionID, id);
    if (!group) throw new Error(`scaling group ${id} no longer exists in region ${regionID}`);
    const bindings = group.useLb === 1 ? await loadBalancersOf(ctx, regionID, id) : [];
    const subnetsChange = JSON.stringify(news.subnetIds) !== JSON.stringify(group.subnetIDList);
    const bindingsChange = !sameBindings(news.loadBalancers, bindings);
    let enabled = group.status === 1;
    if ((subnetsChange || bindingsChange) && enabled) {
      ctx.progress(`disabling scaling group ${id} to change its ${subnetsChange ? "subnets" : "load balancers"} (CTyun's rule); it is enabled again after`);
      await setEnabled(ctx, regionID, id, false);
      enabled = false;
    }
    const lbs = wireLoadBalancers(news.loadBalancers);
    await ctx.client.send(UpdateScalingGroup, {
      regionID,
      groupID: Number(id),
      ...settings(news),
      ...(news.desiredCount !== undefined ? { expectedCount: news.desiredCount } : {}),
      ...(news.securityGroupIds !== undefined ? { securityGroupIDList: news.securityGroupIds } : {}),
      ...(subnetsChange ? { subnetIDList: news.subnetIds } : {}),
      ...(bindingsChange ? { useLb: lbs.length > 0 ? 1 : 2, lbList: lbs.map(({ lbID, ...rest }) => ({ ...rest, id: lbID })) } : {}),
    });
    if (news.deleteProtection !== (group.deleteProtection === true)) await setProtection(ctx, regionID, id, news.deleteProtection);
    if (news.enabled !== enabled) await setEnabled(ctx, regionID, id, news.enabled);
    if (news.enabled) await waitForCapacity(ctx, regionID, id);
    return currentOutputs(ctx, regionID, id);
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    const group = await findGroup(ctx, regionID, id);
    if (!group) return;
    if (group.deleteProtection) {
      throw new Error(`scaling group ${group.name} (${id}) has delete protection on: set deleteProtection to false and run \`pulumi up\`, then delete it`);
    }
    const members = await membersOf(ctx, regionID, id);
    try {
      await ctx.client.send(DeleteScalingGroup, { regionID, groupID: Number(id), force: true });
    } catch (error) {
      // Refused, whatever the code: done if it went away meanwhile.
      if (!isServiceError(error) || (await findGroup(ctx, regionID, id))) throw error;
    }
    ctx.progress(`scaling group ${id} is releasing its ${members.length} VM(s)`);
    await waitUntilGone(ctx, `scaling group ${id}`, async () => (await findGroup(ctx, regionID, id)) !== undefined, []);
    await waitForReleasedVms(ctx, regionID, members);
  },
});
