/**
 * Subnet (spec D.2): name, description and DNS servers update in place; VPC, CIDR, IPv6, type,
 * region and project replace. Before creating, the VPC is read and its subnets listed, so a CIDR
 * outside the VPC or overlapping a sibling fails with a clear message and no create call (the VPC's
 * CIDR is unknown in check). A replacement whose CIDR overlaps the old one in the same VPC deletes
 * the old subnet first, since the cloud would refuse the new one. Delete retries while VM NICs are
 * still leaving the subnet, then waits until it is gone.
 */
import { isIP } from "node:net";
import { z } from "zod";
import { CreateSubnet, DeleteSubnet, ListSubnets, QuerySubnet, SUBNET_NOT_FOUND, UpdateSubnet } from "../client/operations/subnet";
import { DescribeInstances } from "../client/operations/ecs";
import { QueryVpc, VPC_NOT_FOUND } from "../client/operations/vpc";
import { isServiceError } from "../client/errors";
import type { HandlerContext } from "../lifecycle/context";
import { cidrContains, cidrsOverlap, parseIpv4Cidr } from "../lifecycle/cidr";
import { ctyunName, description, ipv4CidrWithin, prefixedId, PRIVATE_IPV4_RANGES, projectId, regionId } from "../lifecycle/fields";
import { defineResource } from "../lifecycle/spec";
import { retryWhileHeld } from "../lifecycle/waits";

/** The DNS servers a subnet gets when `dnsList` is omitted (the same as the emulator's default). */
export const DEFAULT_DNS_LIST: readonly string[] = ["114.114.114.114", "8.8.8.8"];
const MAX_DNS_SERVERS = 4;

/** 1–4 distinct IPv4/IPv6 addresses, in resolver order. */
const dnsList = z
  .array(z.string())
  .superRefine((servers, ctx) => {
    if (servers.length < 1 || servers.length > MAX_DNS_SERVERS) {
      ctx.addIssue({ code: "custom", message: `must list 1-${MAX_DNS_SERVERS} DNS servers (got ${servers.length})` });
      return;
    }
    const seen = new Set<string>();
    servers.forEach((server, i) => {
      if (isIP(server) === 0) ctx.addIssue({ code: "custom", message: `entry ${i + 1} (${JSON.stringify(server)}) must be an IPv4 or IPv6 address` });
      else if (seen.has(server)) ctx.addIssue({ code: "custom", message: `lists ${server} more than once` });
      seen.add(server);
    });
  })
  .default([...DEFAULT_DNS_LIST]);

const inputs = z.object({
  vpcId: prefixedId("vpc"),
  name: ctyunName(32, "bytes"),
  cidr: ipv4CidrWithin(PRIVATE_IPV4_RANGES, 16, 28),
  description: description(),
  dnsList,
  enableIpv6: z.boolean().default(false),
  type: z.enum(["common", "cbm"], { error: 'must be "common" (a VM subnet) or "cbm" (a bare-metal subnet)' }).default("common"),
  regionId,
  projectId: projectId.optional(),
});

type SubnetInputs = z.output<typeof inputs>;
type SubnetType = SubnetInputs["type"];

export interface SubnetOutputs {
  subnetId: string;
  gatewayIp: string | undefined;
  startIp: string | undefined;
  endIp: string | undefined;
  availableIpCount: number | undefined;
  ipv6Cidr: string | undefined;
}

const TYPE_CODE: Readonly<Record<SubnetType, 0 | 1>> = { common: 0, cbm: 1 };
const LIST_PAGE_SIZE = 50;

const project = (projectID: string | undefined) => (projectID ? { projectID } : {});

/** The VMs with a network interface in the subnet (describe-instances has no subnet filter: every page). */
async function instancesIn(ctx: HandlerContext, regionID: string, subnetID: string): Promise<string[]> {
  const found: string[] = [];
  for (let pageNo = 1; ; pageNo++) {
    const page = await ctx.client.send(DescribeInstances, { regionID, pageNo, pageSize: 50 });
    for (const vm of page.results) if (vm.networkInfo.some((nic) => nic.subnetID === subnetID)) found.push(`VM ${vm.instanceID}`);
    if (page.results.length < 50) return found;
  }
}

async function query(ctx: HandlerContext, regionID: string, subnetID: string, projectID: string | undefined) {
  return ctx.client.send(QuerySubnet, { regionID, subnetID, ...project(projectID) });
}

type SubnetRecord = Awaited<ReturnType<typeof query>>;

function outputsOf(subnet: SubnetRecord): SubnetOutputs {
  return {
    subnetId: subnet.subnetID,
    gatewayIp: subnet.gateway || subnet.gatewayIP || undefined,
    startIp: subnet.start || undefined,
    endIp: subnet.end || undefined,
    availableIpCount: subnet.availableIpCount ?? subnet.availableIPCount ?? undefined,
    ipv6Cidr: subnet.ipv6CIDR || undefined,
  };
}

/** Every subnet of a VPC (the list is paged, at most 50 a page). */
async function subnetsOf(ctx: HandlerContext, regionID: string, vpcID: string): Promise<SubnetRecord[]> {
  const all: SubnetRecord[] = [];
  for (let pageNo = 1; ; pageNo++) {
    const page = await ctx.client.send(ListSubnets, { regionID, vpcID, pageNo, pageSize: LIST_PAGE_SIZE });
    all.push(...page.subnets);
    if (page.subnets.length === 0 || all.length >= page.totalCount) return all;
  }
}

/**
 * The cloud's placement rules, checked after the cloud refused a create (a subnet costs nothing, so
 * no call is spent on it before): the VPC exists, holds the CIDR (and IPv6 when asked for), and no
 * sibling subnet overlaps it. Throws the explanation it finds; returns when it finds none. A sibling
 * with exactly this CIDR and name may be this very create, accepted before a crash.
 */
async function explainRefusal(ctx: HandlerContext, args: SubnetInputs): Promise<void> {
  const where = `ctyun:Subnet ${ctx.name}`;
  let vpc;
  try {
    vpc = await ctx.client.send(QueryVpc, { regionID: args.regionId, vpcID: args.vpcId, ...project(args.projectId) });
  } catch (error) {
    if (isServiceError(error, VPC_NOT_FOUND)) throw new Error(`${where}: VPC ${args.vpcId} does not exist in region ${args.regionId}`);
    throw error;
  }
  const cidr = parseIpv4Cidr(args.cidr);
  const vpcCidr = parseIpv4Cidr(vpc.CIDR);
  if (!cidr || !vpcCidr || !cidrContains(vpcCidr, cidr)) {
    throw new Error(`${where}: cidr ${args.cidr} is not inside ${vpc.CIDR}, the CIDR of VPC ${args.vpcId}`);
  }
  if (args.enableIpv6 && !(vpc.ipv6Enabled ?? vpc.enableIpv6)) {
    throw new Error(`${where}: enableIpv6 needs a VPC with IPv6, and VPC ${args.vpcId} was created without it`);
  }
  for (const sibling of await subnetsOf(ctx, args.regionId, args.vpcId)) {
    const other = parseIpv4Cidr(sibling.CIDR);
    if (!other || !cidrsOverlap(other, cidr)) continue;
    if (sibling.CIDR === args.cidr && sibling.name === args.name) continue;
    throw new Error(`${where}: cidr ${args.cidr} overlaps subnet ${sibling.subnetID} (${sibling.name}, ${sibling.CIDR}) in VPC ${args.vpcId}`);
  }
}

export const subnetSpec = defineResource({
  type: "Subnet",
  inputs,
  outputs: { subnetId: true, gatewayIp: true, startIp: true, endIp: true, availableIpCount: true, ipv6Cidr: true },
  createOnly: ["vpcId", "cidr", "enableIpv6", "type", "regionId", "projectId"],
  settingDefaults: { regionId: "regionId", projectId: "projectId" },
  // Names are limited in bytes; a logical name of Chinese characters may need an explicit name.
  autoName: { property: "name", maxLength: 32, lengthUnit: "bytes", mustStartWithLetter: true },
  notFoundCodes: [SUBNET_NOT_FOUND],
  timeouts: { create: 5 * 60_000, update: 5 * 60_000, delete: 10 * 60_000 },
  idOutput: "subnetId",

  deleteBeforeReplace(olds, news) {
    // Only a replacement in the same VPC can collide, and only when the ranges overlap.
    if (olds["regionId"] !== news.regionId || olds["vpcId"] !== news.vpcId) return false;
    const before = typeof olds["cidr"] === "string" ? parseIpv4Cidr(olds["cidr"]) : undefined;
    const after = parseIpv4Cidr(news.cidr);
    // An unknown (preview) or unreadable CIDR: assume the worst.
    return !before || !after || cidrsOverlap(before, after);
  },

  async create(ctx, args: SubnetInputs) {
    let created;
    try {
      created = await ctx.client.send(CreateSubnet, {
        regionID: args.regionId,
        clientToken: ctx.clientToken,
        name: args.name,
        vpcID: args.vpcId,
        CIDR: args.cidr,
        description: args.description,
        enableIpv6: args.enableIpv6,
        dnsList: args.dnsList,
        subnetType: args.type,
        ...project(args.projectId),
      });
    } catch (error) {
      // A refusal (an answer, not a lost call) made nothing: say which placement rule it broke.
      if (isServiceError(error)) await explainRefusal(ctx, args);
      throw error;
    }
    ctx.created(created.subnetID, { subnetId: created.subnetID });
    return { id: created.subnetID, outputs: outputsOf(await query(ctx, args.regionId, created.subnetID, args.projectId)) };
  },

  async read(ctx, id, state) {
    const subnet = await query(ctx, state["regionId"] as string, id, state["projectId"] as string | undefined);
    const type: SubnetType = subnet.type === TYPE_CODE.cbm ? "cbm" : "common";
    return {
      inputs: {
        vpcId: subnet.vpcID,
        name: subnet.name,
        cidr: subnet.CIDR,
        description: subnet.description ?? "",
        dnsList: subnet.dnsList ?? [],
        enableIpv6: subnet.enableIpv6 ?? subnet.ipv6Enabled === 1,
        type,
      },
      outputs: outputsOf(subnet),
    };
  },

  async update(ctx, id, _olds, news: SubnetInputs, changed) {
    if (["name", "description", "dnsList"].some((key) => changed.includes(key))) {
      // The API sets all three at once (TF always sends them together).
      await ctx.client.send(UpdateSubnet, { regionID: news.regionId, subnetID: id, name: news.name, description: news.description, dnsList: news.dnsList });
    }
    return outputsOf(await query(ctx, news.regionId, id, news.projectId));
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    const projectID = state["projectId"] as string | undefined;
    await retryWhileHeld(
      ctx,
      `subnet ${id} to have no VM network interfaces`,
      () => ctx.client.send(DeleteSubnet, { regionID, subnetID: id, ...project(projectID) }),
      () => instancesIn(ctx, regionID, id),
    );
    // The cloud answered the delete (and any order it placed finished): no read is spent on the not-found.
  },
});
