/**
 * Vpc (spec D.1): name and description update in place; CIDR, IPv6, region and project replace.
 * All calls are synchronous; delete retries while dependants are still going away, then waits
 * until the VPC is gone.
 */
import { z } from "zod";
import { CreateVpc, DeleteVpc, QueryVpc, UpdateVpc, VPC_NOT_FOUND } from "../client/operations/vpc";
import type { HandlerContext } from "../lifecycle/context";
import { ctyunName, description, ipv4Cidr, projectId, regionId } from "../lifecycle/fields";
import { defineResource } from "../lifecycle/spec";
import { NewQuerySecurityGroups } from "../client/operations/security-group";
import { retryWhileHeld } from "../lifecycle/waits";

const inputs = z.object({
  name: ctyunName(32),
  cidr: ipv4Cidr(8, 28),
  description: description(),
  enableIpv6: z.boolean().default(false),
  regionId,
  projectId: projectId.optional(),
});

type VpcInputs = z.output<typeof inputs>;

export interface VpcOutputs {
  vpcId: string;
  subnetIds: string[];
  ipv6Cidrs: string[];
}

const project = (projectID: string | undefined) => (projectID ? { projectID } : {});

async function query(ctx: HandlerContext, regionID: string, vpcID: string, projectID: string | undefined) {
  return ctx.client.send(QueryVpc, { regionID, vpcID, ...project(projectID) });
}

function outputsOf(vpc: Awaited<ReturnType<typeof query>>): VpcOutputs {
  return { vpcId: vpc.vpcID, subnetIds: vpc.subnetIDs ?? [], ipv6Cidrs: vpc.ipv6CIDRS ?? [] };
}

export const vpcSpec = defineResource({
  type: "Vpc",
  inputs,
  outputs: { vpcId: true, subnetIds: true, ipv6Cidrs: true },
  createOnly: ["cidr", "enableIpv6", "regionId", "projectId"],
  settingDefaults: { regionId: "regionId", projectId: "projectId" },
  autoName: { property: "name", maxLength: 32, mustStartWithLetter: true },
  notFoundCodes: [VPC_NOT_FOUND],
  timeouts: { create: 5 * 60_000, update: 5 * 60_000, delete: 10 * 60_000 },
  idOutput: "vpcId",

  async create(ctx, args: VpcInputs) {
    const created = await ctx.client.send(CreateVpc, {
      regionID: args.regionId,
      clientToken: ctx.clientToken,
      CIDR: args.cidr,
      name: args.name,
      description: args.description,
      enableIpv6: args.enableIpv6,
      ...project(args.projectId),
    });
    ctx.created(created.vpcID, { vpcId: created.vpcID });
    // A VPC just made has no subnets, and IPv6 ranges only when asked for (inferred: both are
    // assigned after creation). A replayed create may name a VPC made long ago: that one is read.
    if (!args.enableIpv6 && !ctx.replaying) return { id: created.vpcID, outputs: { vpcId: created.vpcID, subnetIds: [], ipv6Cidrs: [] } };
    return { id: created.vpcID, outputs: outputsOf(await query(ctx, args.regionId, created.vpcID, args.projectId)) };
  },

  async read(ctx, id, state) {
    const vpc = await query(ctx, state["regionId"] as string, id, state["projectId"] as string | undefined);
    return {
      inputs: { name: vpc.name, cidr: vpc.CIDR, description: vpc.description ?? "", enableIpv6: Boolean(vpc.ipv6Enabled ?? vpc.enableIpv6) },
      outputs: outputsOf(vpc),
    };
  },

  async update(ctx, id, _olds, news: VpcInputs, changed) {
    if (changed.includes("name") || changed.includes("description")) {
      await ctx.client.send(UpdateVpc, {
        vpcID: id,
        regionID: news.regionId,
        name: news.name,
        description: news.description,
        ...project(news.projectId),
      });
    }
    return outputsOf(await query(ctx, news.regionId, id, news.projectId));
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    const projectID = state["projectId"] as string | undefined;
    await retryWhileHeld(
      ctx,
      `VPC ${id} to have no dependants`,
      () => ctx.client.send(DeleteVpc, { regionID, vpcID: id, ...project(projectID) }),
      async () => {
        const [vpc, groups] = await Promise.all([
          query(ctx, regionID, id, projectID).catch(() => undefined),
          ctx.client.send(NewQuerySecurityGroups, { regionID, vpcID: id, pageNo: 1, pageSize: 50 }).catch(() => undefined),
        ]);
        return [...(vpc?.subnetIDs ?? []), ...(vpc?.natGatewayIDs ?? []), ...(groups?.securityGroups ?? []).map((g) => g.id)];
      },
    );
    // The cloud answered the delete (and any order it placed finished): no read is spent on the not-found.
  },
});
