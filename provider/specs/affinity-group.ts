/**
 * AffinityGroup (emulator/api-notes/affinity-group.md): a 云主机组 whose policy decides how its
 * VMs are spread over physical hosts (strict or soft anti-affinity, strict or soft affinity).
 *
 * - create: affinity-group/create. It takes no clientToken and names need not be unique, so the
 *   client never repeats it; when this create's own earlier attempt may have made the group (a
 *   rerun after a lost answer), the one group of this name and policy is taken over instead.
 * - read: affinity-group/list by exact id (absence: an empty page).
 * - update: the name (affinity-group-update); the policy never changes (replaces).
 * - delete: refused by the cloud while VMs are in the group; retried while the list of its
 *   members (list-instance, read, not the refusal's code) says VMs are still leaving.
 */
import { z } from "zod";
import { isServiceError } from "../client/errors";
import {
  AFFINITY_POLICY_TYPES,
  CreateAffinityGroup,
  DeleteAffinityGroup,
  ListAffinityGroups,
  UpdateAffinityGroup,
  type AffinityGroupInfo,
  type AffinityPolicy,
} from "../client/operations/affinity-group";
import { ListAffinityGroupInstances } from "../client/operations/affinity-group-members";
import type { HandlerContext } from "../lifecycle/context";
import { regionId } from "../lifecycle/fields";
import { mayBeOwnEarlierWork } from "../lifecycle/ownership";
import { defineResource } from "../lifecycle/spec";
import { retryWhileHeld, waitUntilGone } from "../lifecycle/waits";

const POLICIES = Object.keys(AFFINITY_POLICY_TYPES) as [AffinityPolicy, ...AffinityPolicy[]];
const NAME = /^[\u4e00-\u9fa5a-zA-Z0-9_.-]+$/;

const inputs = z.object({
  name: z.string().superRefine((value, ctx) => {
    const n = [...value].length;
    if (n < 1 || n > 64) ctx.addIssue({ code: "custom", message: `must be 1-64 characters long (got ${n})` });
    else if (!NAME.test(value)) ctx.addIssue({ code: "custom", message: "may contain only Chinese characters, letters, digits, '_', '-' and '.'" });
  }),
  policy: z.enum(POLICIES, { error: `must be one of ${POLICIES.map((p) => `"${p}"`).join(", ")}` }),
  regionId,
});

type GroupInputs = z.output<typeof inputs>;

export interface AffinityGroupOutputs {
  affinityGroupId: string;
  createdTime: string | undefined;
}

export async function findGroup(ctx: HandlerContext, regionID: string, id: string): Promise<AffinityGroupInfo | undefined> {
  const { results } = await ctx.client.send(ListAffinityGroups, { regionID, affinityGroupID: id, pageNo: 1, pageSize: 10 });
  return results.find((g) => g.affinityGroupID === id);
}

function policyOf(group: AffinityGroupInfo): AffinityPolicy | undefined {
  const type = group.affinityGroupPolicy?.policyType;
  return POLICIES.find((p) => AFFINITY_POLICY_TYPES[p] === type) ?? (group.affinityGroupPolicy?.policyTypeName as AffinityPolicy | undefined);
}

/** Groups named exactly `name` with `policy` (the list matches names as substrings). */
async function groupsNamed(ctx: HandlerContext, regionID: string, name: string, policy: AffinityPolicy): Promise<AffinityGroupInfo[]> {
  const { results } = await ctx.client.send(ListAffinityGroups, { regionID, queryContent: name, pageNo: 1, pageSize: 50 });
  return results.filter((g) => g.affinityGroupName === name && policyOf(g) === policy);
}

async function members(ctx: HandlerContext, regionID: string, id: string): Promise<string[]> {
  const { results } = await ctx.client.send(ListAffinityGroupInstances, { regionID, affinityGroupID: id, pageNo: 1, pageSize: 50 });
  return results.map((vm) => vm.instanceID);
}

const outputsOf = (g: AffinityGroupInfo): AffinityGroupOutputs => ({ affinityGroupId: g.affinityGroupID, createdTime: g.createdTime ?? undefined });

export const affinityGroupSpec = defineResource({
  type: "AffinityGroup",
  inputs,
  outputs: { affinityGroupId: true, createdTime: true },
  createOnly: ["policy", "regionId"],
  settingDefaults: { regionId: "regionId" },
  autoName: { property: "name", maxLength: 64, allowedCharacters: "0-9a-zA-Z_.-" },
  notFoundCodes: [],
  timeouts: { create: 2 * 60_000, update: 2 * 60_000, delete: 10 * 60_000 },
  idOutput: "affinityGroupId",

  async create(ctx, args: GroupInputs) {
    const regionID = args.regionId;
    if (mayBeOwnEarlierWork(ctx)) {
      // An earlier attempt's answer never arrived: the group it may have made is the one of this name.
      const earlier = await groupsNamed(ctx, regionID, args.name, args.policy);
      if (earlier.length > 1) {
        throw new Error(`${earlier.length} affinity groups are named ${args.name} with policy ${args.policy} (${earlier.map((g) => g.affinityGroupID).join(", ")}): adopt the one this resource made with adoptId`);
      }
      if (earlier[0]) {
        ctx.progress(`found affinity group ${earlier[0].affinityGroupID}, made by an earlier attempt of this create`);
        ctx.created(earlier[0].affinityGroupID, { affinityGroupId: earlier[0].affinityGroupID });
        return { id: earlier[0].affinityGroupID, outputs: outputsOf(earlier[0]) };
      }
    }
    const made = await ctx.client.send(CreateAffinityGroup, { regionID, affinityGroupName: args.name, policyType: AFFINITY_POLICY_TYPES[args.policy] });
    const id = made.affinityGroupID;
    ctx.created(id, { affinityGroupId: id });
    const group = await findGroup(ctx, regionID, id);
    return { id, outputs: group ? outputsOf(group) : { affinityGroupId: id, createdTime: undefined } };
  },

  async read(ctx, id, state) {
    const group = await findGroup(ctx, state["regionId"] as string, id);
    if (!group) return undefined;
    const policy = policyOf(group);
    return { inputs: { name: group.affinityGroupName, ...(policy ? { policy } : {}) }, outputs: outputsOf(group) };
  },

  async update(ctx, id, _olds, news: GroupInputs) {
    const current = await findGroup(ctx, news.regionId, id);
    if (!current) throw new Error(`affinity group ${id} no longer exists in region ${news.regionId}`);
    if (current.affinityGroupName !== news.name) await ctx.client.send(UpdateAffinityGroup, { regionID: news.regionId, affinityGroupID: id, affinityGroupName: news.name });
    return outputsOf((await findGroup(ctx, news.regionId, id)) ?? current);
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    if (!(await findGroup(ctx, regionID, id))) return;
    await retryWhileHeld(
      ctx,
      `affinity group ${id} to be deleted`,
      async () => {
        try {
          await ctx.client.send(DeleteAffinityGroup, { regionID, affinityGroupID: id });
        } catch (error) {
          if (isServiceError(error) && !(await findGroup(ctx, regionID, id))) return;
          throw error;
        }
      },
      async () => ((await findGroup(ctx, regionID, id)) ? (await members(ctx, regionID, id)).map((vm) => `instance ${vm}`) : []),
    );
    await waitUntilGone(ctx, `affinity group ${id}`, async () => (await findGroup(ctx, regionID, id)) !== undefined, []);
  },
});
