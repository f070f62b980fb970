/**
 * Network lookups: VPCs, subnets, security groups and elastic IPs that already exist (made by
 * another team, another stack, or by hand), to refer to from a program.
 */
import { NewQuerySecurityGroups } from "../client/operations/security-group";
import { ListEips } from "../client/operations/eip";
import { ListSubnets } from "../client/operations/subnet";
import { ListVpcs } from "../client/operations/vpc";
import { allPages, criteriaOf, exactlyOne, lookupContext, matchingName, outputForm, type LookupOptions } from "./lookup";

const PAGE = 50;

/** A VPC. */
export interface VpcInfo {
  /** The VPC id other resources take as `vpcId`. */
  readonly vpcId: string;
  /** The VPC name. */
  readonly name: string;
  /** Its IPv4 range. */
  readonly cidr: string;
  /** Its description. */
  readonly description: string;
  /** True when it has IPv6 ranges. */
  readonly ipv6Enabled: boolean;
  /** Its IPv6 ranges. */
  readonly ipv6Cidrs: readonly string[];
  /** Its subnets. */
  readonly subnetIds: readonly string[];
  /** Its enterprise project. */
  readonly projectId: string | undefined;
}

export interface GetVpcsArgs extends LookupOptions {
  /** Keep VPCs whose name matches this regular expression. */
  readonly nameRegex?: string;
  /** Only these VPCs. */
  readonly ids?: readonly string[];
  /** Only the VPCs of this enterprise project. */
  readonly projectId?: string;
}

export interface GetVpcsResult {
  /** The region searched (32-hex `regionID`). */
  readonly regionId: string;
  /** The VPCs found. */
  readonly vpcs: readonly VpcInfo[];
  /** The found items' ids, in the same order. */
  readonly ids: readonly string[];
}

/**
 * VPCs of the region (`vpc/new-list`, every page).
 *
 * @example
 * ```ts
 * const { vpcs } = await ctyun.getVpcs({ nameRegex: "^prod-" });
 * ```
 */
export async function getVpcs(args: GetVpcsArgs = {}): Promise<GetVpcsResult> {
  const { client, regionId } = lookupContext(args, "getVpcs");
  const rows = await allPages(PAGE, async (pageNo) => {
    const page = await client.send(ListVpcs, {
      regionID: regionId,
      ...(args.ids !== undefined && args.ids.length > 0 ? { vpcID: args.ids.join(",") } : {}),
      ...(args.projectId !== undefined ? { projectID: args.projectId } : {}),
      pageNo,
      pageSize: PAGE,
    });
    return { rows: page.vpcs, total: page.totalCount };
  });
  const vpcs = matchingName(
    rows.map(
      (v): VpcInfo => ({
        vpcId: v.vpcID,
        name: v.name,
        cidr: v.CIDR,
        description: v.description ?? "",
        ipv6Enabled: Boolean(v.ipv6Enabled ?? v.enableIpv6),
        ipv6Cidrs: v.ipv6CIDRS ?? [],
        subnetIds: v.subnetIDs ?? [],
        projectId: v.projectID ?? undefined,
      }),
    ),
    args.nameRegex,
    (v) => v.name,
  ).filter((v) => args.ids === undefined || args.ids.includes(v.vpcId));
  return { regionId, vpcs, ids: vpcs.map((v) => v.vpcId) };
}

/**
 * The one VPC matching the filters, e.g. `getVpc({ nameRegex: "^shared-net$" })`.
 *
 * @example
 * ```ts
 * const shared = ctyun.getVpcOutput({ nameRegex: "^shared-network$" });
 * ```
 */
export async function getVpc(args: GetVpcsArgs): Promise<VpcInfo> {
  const { vpcs } = await getVpcs(args);
  return exactlyOne("VPC", criteriaOf(args), vpcs, (v) => `${v.name} (${v.vpcId}, ${v.cidr})`);
}

/** A subnet. */
export interface SubnetInfo {
  /** The subnet id Instance takes as `subnetId`. */
  readonly subnetId: string;
  /** The VPC it belongs to. */
  readonly vpcId: string;
  /** The subnet name. */
  readonly name: string;
  /** Its IPv4 range. */
  readonly cidr: string;
  /** Its description. */
  readonly description: string;
  /** Its gateway address. */
  readonly gatewayIp: string | undefined;
  /** Free addresses left. */
  readonly availableIpCount: number | undefined;
  /** Its IPv6 range, when IPv6 is on. */
  readonly ipv6Cidr: string | undefined;
  /** Its DNS servers. */
  readonly dnsList: readonly string[];
}

export interface GetSubnetsArgs extends LookupOptions {
  /** Only the subnets of this VPC (otherwise every VPC's). */
  readonly vpcId?: string;
  /** Keep subnets whose name matches this regular expression. */
  readonly nameRegex?: string;
  /** Only these subnets. */
  readonly ids?: readonly string[];
}

export interface GetSubnetsResult {
  /** The region searched (32-hex `regionID`). */
  readonly regionId: string;
  /** The subnets found. */
  readonly subnets: readonly SubnetInfo[];
  /** The found items' ids, in the same order. */
  readonly ids: readonly string[];
}

/**
 * Subnets (`vpc/new-list-subnet`, which lists one VPC's: every VPC when `vpcId` is unset).
 *
 * @example
 * ```ts
 * const { subnets } = await ctyun.getSubnets({ vpcId: "vpc-abcde12345" });
 * ```
 */
export async function getSubnets(args: GetSubnetsArgs = {}): Promise<GetSubnetsResult> {
  const context = lookupContext(args, "getSubnets");
  const { client, regionId } = context;
  const vpcIds = args.vpcId !== undefined ? [args.vpcId] : (await getVpcs({ regionId })).ids;
  const rows = [];
  for (const vpcId of vpcIds) {
    rows.push(
      ...(await allPages(PAGE, async (pageNo) => {
        const page = await client.send(ListSubnets, { regionID: regionId, vpcID: vpcId, pageNo, pageSize: PAGE });
        return { rows: page.subnets, total: page.totalCount };
      })),
    );
  }
  const subnets = matchingName(
    rows.map(
      (s): SubnetInfo => ({
        subnetId: s.subnetID,
        vpcId: s.vpcID,
        name: s.name,
        cidr: s.CIDR,
        description: s.description ?? "",
        gatewayIp: s.gatewayIP ?? s.gateway ?? undefined,
        availableIpCount: s.availableIPCount ?? s.availableIpCount ?? undefined,
        ipv6Cidr: s.ipv6CIDR || undefined,
        dnsList: s.dnsList ?? [],
      }),
    ),
    args.nameRegex,
    (s) => s.name,
  ).filter((s) => args.ids === undefined || args.ids.includes(s.subnetId));
  return { regionId, subnets, ids: subnets.map((s) => s.subnetId) };
}

/**
 * The one subnet matching the filters.
 *
 * @example
 * ```ts
 * const app = ctyun.getSubnetOutput({ vpcId: shared.vpcId, nameRegex: "^app$" });
 * ```
 */
export async function getSubnet(args: GetSubnetsArgs): Promise<SubnetInfo> {
  const { subnets } = await getSubnets(args);
  return exactlyOne("subnet", criteriaOf(args), subnets, (s) => `${s.name} (${s.subnetId}, ${s.cidr} in ${s.vpcId})`);
}

/** A security group. */
export interface SecurityGroupInfo {
  /** The group id Instance takes in `securityGroupIds`. */
  readonly securityGroupId: string;
  /** The VPC it belongs to. */
  readonly vpcId: string;
  /** The group name. */
  readonly name: string;
  /** Its description. */
  readonly description: string;
  /** How many VMs use it. */
  readonly vmNum: number;
}

export interface GetSecurityGroupsArgs extends LookupOptions {
  /** Only the groups of this VPC. */
  readonly vpcId?: string;
  /** Keep groups whose name matches this regular expression. */
  readonly nameRegex?: string;
}

export interface GetSecurityGroupsResult {
  /** The region searched (32-hex `regionID`). */
  readonly regionId: string;
  /** The groups found. */
  readonly securityGroups: readonly SecurityGroupInfo[];
  /** The found items' ids, in the same order. */
  readonly ids: readonly string[];
}

/**
 * Security groups of the region (`new-query-security-groups`, every page).
 *
 * @example
 * ```ts
 * const { ids } = await ctyun.getSecurityGroups({ vpcId: "vpc-abcde12345" });
 * ```
 */
export async function getSecurityGroups(args: GetSecurityGroupsArgs = {}): Promise<GetSecurityGroupsResult> {
  const { client, regionId } = lookupContext(args, "getSecurityGroups");
  const rows = await allPages(PAGE, async (pageNo) => {
    const page = await client.send(NewQuerySecurityGroups, { regionID: regionId, ...(args.vpcId !== undefined ? { vpcID: args.vpcId } : {}), pageNo, pageSize: PAGE });
    return { rows: page.securityGroups, total: page.totalCount };
  });
  const securityGroups = matchingName(
    rows.map((g): SecurityGroupInfo => ({ securityGroupId: g.id, vpcId: g.vpcID, name: g.securityGroupName, description: g.description ?? "", vmNum: g.vmNum })),
    args.nameRegex,
    (g) => g.name,
  ).filter((g) => args.vpcId === undefined || g.vpcId === args.vpcId);
  return { regionId, securityGroups, ids: securityGroups.map((g) => g.securityGroupId) };
}

/**
 * The one security group matching the filters.
 *
 * @example
 * ```ts
 * const web = ctyun.getSecurityGroupOutput({ vpcId: shared.vpcId, nameRegex: "^web$" });
 * ```
 */
export async function getSecurityGroup(args: GetSecurityGroupsArgs): Promise<SecurityGroupInfo> {
  const { securityGroups } = await getSecurityGroups(args);
  return exactlyOne("security group", criteriaOf(args), securityGroups, (g) => `${g.name} (${g.securityGroupId} in ${g.vpcId})`);
}

/** An elastic IP. */
export interface EipInfo {
  /** The EIP id EipAssociation takes as `eipId`. */
  readonly eipId: string;
  /** The EIP name. */
  readonly name: string;
  /** The public IPv4 address. */
  readonly address: string;
  /** Lower-case: `down` (unbound), `active` (bound), … */
  readonly status: string;
  /** Mbit/s. */
  readonly bandwidth: number;
  /** What it is bound to (an instance or a HAVIP id), when bound. */
  readonly associationId: string | undefined;
  /** End of a monthly/yearly term (RFC 3339); absent on demand. */
  readonly expireTime: string | undefined;
}

export interface GetEipsArgs extends LookupOptions {
  /** Keep EIPs whose name matches this regular expression. */
  readonly nameRegex?: string;
  /** `down`, `active`, … (any case). */
  readonly status?: string;
  /** Only the EIP with this public address. */
  readonly address?: string;
}

export interface GetEipsResult {
  /** The region searched (32-hex `regionID`). */
  readonly regionId: string;
  /** The EIPs found. */
  readonly eips: readonly EipInfo[];
  /** The found items' ids, in the same order. */
  readonly ids: readonly string[];
}

/**
 * Elastic IPs of the region (`eip/new-list`, every page).
 *
 * @example
 * ```ts
 * const { eips } = await ctyun.getEips({ status: "down" });
 * ```
 */
export async function getEips(args: GetEipsArgs = {}): Promise<GetEipsResult> {
  const { client, regionId } = lookupContext(args, "getEips");
  const rows = await allPages(PAGE, async (pageNo) => {
    const page = await client.send(ListEips, {
      regionID: regionId,
      ...(args.status !== undefined ? { status: args.status.toUpperCase() } : {}),
      ...(args.address !== undefined ? { ip: args.address } : {}),
      pageNo,
      pageSize: PAGE,
    });
    return { rows: page.eips, total: page.totalCount };
  });
  const eips = matchingName(
    rows.map(
      (e): EipInfo => ({
        eipId: e.ID,
        name: e.name,
        address: e.eipAddress,
        status: e.status.toLowerCase(),
        bandwidth: e.bandwidth,
        associationId: e.associationID || undefined,
        expireTime: e.expiredAt ?? undefined,
      }),
    ),
    args.nameRegex,
    (e) => e.name,
  )
    .filter((e) => args.status === undefined || e.status === args.status.toLowerCase())
    .filter((e) => args.address === undefined || e.address === args.address);
  return { regionId, eips, ids: eips.map((e) => e.eipId) };
}

/**
 * The one EIP matching the filters, e.g. `getEip({ address: "180.101.64.1" })`.
 *
 * @example
 * ```ts
 * const ip = await ctyun.getEip({ address: "180.101.64.1" });
 * ```
 */
export async function getEip(args: GetEipsArgs): Promise<EipInfo> {
  const { eips } = await getEips(args);
  return exactlyOne("EIP", criteriaOf(args), eips, (e) => `${e.name} (${e.eipId}, ${e.address})`);
}

/** `getVpcs` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getVpcsOutput = outputForm(getVpcs);
/** `getVpc` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getVpcOutput = outputForm(getVpc);
/** `getSubnets` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getSubnetsOutput = outputForm(getSubnets);
/** `getSubnet` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getSubnetOutput = outputForm(getSubnet);
/** `getSecurityGroups` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getSecurityGroupsOutput = outputForm(getSecurityGroups);
/** `getSecurityGroup` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getSecurityGroupOutput = outputForm(getSecurityGroup);
/** `getEips` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getEipsOutput = outputForm(getEips);
/** `getEip` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getEipOutput = outputForm(getEip);
