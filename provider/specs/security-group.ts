/**
 * SecurityGroup (spec D.3): name and description update in place; VPC, region and project
 * replace. Synchronous calls; delete retries while instances (or other groups' rules) still use
 * the group, then waits until it is gone. The platform's default rules are not managed here.
 */
import { z } from "zod";
import {
  CreateSecurityGroup,
  DeleteSecurityGroup,
  DescribeSecurityGroupAttribute,
  ModifySecurityGroupAttribute,
  SECURITY_GROUP_NOT_FOUND,
} from "../client/operations/security-group";
import type { HandlerContext } from "../lifecycle/context";
import { ctyunName, description, prefixedId, projectId, regionId } from "../lifecycle/fields";
import { defineResource } from "../lifecycle/spec";
import { retryWhileHeld } from "../lifecycle/waits";

const inputs = z.object({
  vpcId: prefixedId("vpc"),
  name: ctyunName(32),
  description: description(),
  regionId,
  projectId: projectId.optional(),
});

type SecurityGroupInputs = z.output<typeof inputs>;

export interface SecurityGroupOutputs {
  securityGroupId: string;
  /** How many VMs use the group. */
  vmNum: number;
}

const project = (projectID: string | undefined) => (projectID ? { projectID } : {});

async function describe(ctx: HandlerContext, regionID: string, securityGroupID: string, projectID: string | undefined) {
  return ctx.client.send(DescribeSecurityGroupAttribute, { regionID, securityGroupID, direction: "all", ...project(projectID) });
}

function outputsOf(group: Awaited<ReturnType<typeof describe>>): SecurityGroupOutputs {
  return { securityGroupId: group.id, vmNum: group.vmNum };
}

export const securityGroupSpec = defineResource({
  type: "SecurityGroup",
  inputs,
  outputs: { securityGroupId: true, vmNum: true },
  createOnly: ["vpcId", "regionId", "projectId"],
  settingDefaults: { regionId: "regionId", projectId: "projectId" },
  autoName: { property: "name", maxLength: 32, mustStartWithLetter: true },
  notFoundCodes: [SECURITY_GROUP_NOT_FOUND],
  timeouts: { create: 5 * 60_000, update: 5 * 60_000, delete: 10 * 60_000 },
  idOutput: "securityGroupId",

  async create(ctx, args: SecurityGroupInputs) {
    const created = await ctx.client.send(CreateSecurityGroup, {
      clientToken: ctx.clientToken,
      regionID: args.regionId,
      vpcID: args.vpcId,
      name: args.name,
      description: args.description,
      ...project(args.projectId),
    });
    ctx.created(created.securityGroupID, { securityGroupId: created.securityGroupID });
    // A group just made is used by no VM (inferred: vmNum counts the VMs attached to it). A replayed
    // create may name a group made long ago: that one is read.
    if (!ctx.replaying) return { id: created.securityGroupID, outputs: { securityGroupId: created.securityGroupID, vmNum: 0 } };
    return { id: created.securityGroupID, outputs: outputsOf(await describe(ctx, args.regionId, created.securityGroupID, args.projectId)) };
  },

  async read(ctx, id, state) {
    const group = await describe(ctx, state["regionId"] as string, id, state["projectId"] as string | undefined);
    return {
      inputs: { vpcId: group.vpcID, name: group.securityGroupName, description: group.description ?? "" },
      outputs: outputsOf(group),
    };
  },

  async update(ctx, id, _olds, news: SecurityGroupInputs, changed) {
    if (changed.includes("name") || changed.includes("description")) {
      await ctx.client.send(ModifySecurityGroupAttribute, {
        regionID: news.regionId,
        securityGroupID: id,
        name: news.name,
        description: news.description,
        enabled: true,
        ...project(news.projectId),
      });
    }
    return outputsOf(await describe(ctx, news.regionId, id, news.projectId));
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    const projectID = state["projectId"] as string | undefined;
    await retryWhileHeld(
      ctx,
      `security group ${id} to be unused`,
      () => ctx.client.send(DeleteSecurityGroup, { regionID, securityGroupID: id, ...project(projectID) }),
      async () => {
        const group = await describe(ctx, regionID, id, projectID).catch(() => undefined);
        return group && group.vmNum > 0 ? [`${group.vmNum} VM${group.vmNum === 1 ? "" : "s"}`] : [];
      },
    );
    // The cloud answered the delete (and any order it placed finished): no read is spent on the not-found.
  },
});
