/**
 * Network edge lookups: NAT gateways, route tables and shared bandwidths that already exist (another
 * stack's, another team's, or made by hand), to refer to from a program.
 */
import { NewListBandwidths } from "../client/operations/bandwidth";
import { ListNatGateways } from "../client/operations/nat";
import { NewListRouteTables } from "../client/operations/route-table";
import { allPages, criteriaOf, exactlyOne, lookupContext, matchingName, outputForm, type LookupOptions } from "./lookup";

const PAGE = 50;

/** A NAT gateway. */
export interface NatGatewayInfo {
  /** The gateway id SnatRule and DnatRule take as `natGatewayId`. */
  readonly natGatewayId: string;
  /** The gateway name. */
  readonly name: string;
  /** Its description. */
  readonly description: string;
  /** The VPC it serves. */
  readonly vpcId: string;
  /** The availability zone it is placed in. */
  readonly azName: string | undefined;
  /** `running`, `expired`, `freeze`, … */
  readonly status: string;
  /** When it was created (RFC 3339). */
  readonly createTime: string | undefined;
  /** End of a monthly/yearly term (RFC 3339); absent on demand. */
  readonly expireTime: string | undefined;
}

export interface GetNatGatewaysArgs extends LookupOptions {
  /** Only the gateways of this VPC (filtered here: the API has no VPC filter). */
  readonly vpcId?: string;
  /** Keep gateways whose name matches this regular expression. */
  readonly nameRegex?: string;
}

export interface GetNatGatewaysResult {
  /** The region searched (32-hex `regionID`). */
  readonly regionId: string;
  /** The NAT gateways found. */
  readonly natGateways: readonly NatGatewayInfo[];
  /** The found items' ids, in the same order. */
  readonly ids: readonly string[];
}

/**
 * NAT gateways of the region (`describe-nat-gateways`, every page).
 *
 * @example
 * ```ts
 * const { natGateways } = await ctyun.getNatGateways({ vpcId: "vpc-abcde12345" });
 * ```
 */
export async function getNatGateways(args: GetNatGatewaysArgs = {}): Promise<GetNatGatewaysResult> {
  const { client, regionId } = lookupContext(args, "getNatGateways");
  const rows = await allPages(PAGE, async (pageNo) => ({ rows: await client.send(ListNatGateways, { regionID: regionId, pageNo, pageSize: PAGE }) }));
  const natGateways = matchingName(
    rows.map(
      (g): NatGatewayInfo => ({
        natGatewayId: g.natGatewayID,
        name: g.name,
        description: g.description ?? "",
        vpcId: g.vpcID,
        azName: g.zoneID || undefined,
        status: g.state ?? "",
        createTime: g.creationTime || undefined,
        expireTime: g.expireTime || undefined,
      }),
    ),
    args.nameRegex,
    (g) => g.name,
  ).filter((g) => args.vpcId === undefined || g.vpcId === args.vpcId);
  return { regionId, natGateways, ids: natGateways.map((g) => g.natGatewayId) };
}

/**
 * The one NAT gateway matching the filters, e.g. `getNatGateway({ vpcId })` for a VPC's only gateway.
 *
 * @example
 * ```ts
 * const nat = ctyun.getNatGatewayOutput({ vpcId: vpc.vpcId });
 * ```
 */
export async function getNatGateway(args: GetNatGatewaysArgs): Promise<NatGatewayInfo> {
  const { natGateways } = await getNatGateways(args);
  return exactlyOne("NAT gateway", criteriaOf(args), natGateways, (g) => `${g.name} (${g.natGatewayId} in ${g.vpcId})`);
}

/** A route table. */
export interface RouteTableInfo {
  /** The table id RouteTableRule and RouteTableAssociation take as `routeTableId`. */
  readonly routeTableId: string;
  /** The table name. */
  readonly name: string;
  /** Its description. */
  readonly description: string;
  /** The VPC it belongs to. */
  readonly vpcId: string;
  /** `default` for the VPC's own table, `user` for one made by a user. */
  readonly origin: string;
  /** How many routes it has (its system route included). */
  readonly ruleCount: number;
}

export interface GetRouteTablesArgs extends LookupOptions {
  /** Only the tables of this VPC. */
  readonly vpcId?: string;
  /** Only the VPCs' own tables (`default`) or only tables users made (`user`). */
  readonly origin?: "default" | "user";
  /** Keep tables whose name matches this regular expression. */
  readonly nameRegex?: string;
}

export interface GetRouteTablesResult {
  /** The region searched (32-hex `regionID`). */
  readonly regionId: string;
  /** The route tables found. */
  readonly routeTables: readonly RouteTableInfo[];
  /** The found items' ids, in the same order. */
  readonly ids: readonly string[];
}

/**
 * Route tables of the region (`route-table/new-list`, every page), the VPCs' default tables included.
 *
 * @example
 * ```ts
 * const { routeTables } = await ctyun.getRouteTables({ vpcId: "vpc-abcde12345" });
 * ```
 */
export async function getRouteTables(args: GetRouteTablesArgs = {}): Promise<GetRouteTablesResult> {
  const { client, regionId } = lookupContext(args, "getRouteTables");
  const rows = await allPages(PAGE, async (pageNo) => {
    const page = await client.send(NewListRouteTables, { regionID: regionId, ...(args.vpcId !== undefined ? { vpcID: args.vpcId } : {}), pageNo, pageSize: PAGE });
    return { rows: page.routeTables, total: page.totalCount };
  });
  const routeTables = matchingName(
    rows.map((t): RouteTableInfo => ({ routeTableId: t.id, name: t.name, description: t.description ?? "", vpcId: t.vpcID, origin: t.origin ?? "", ruleCount: t.routeRulesCount ?? 0 })),
    args.nameRegex,
    (t) => t.name,
  ).filter((t) => (args.vpcId === undefined || t.vpcId === args.vpcId) && (args.origin === undefined || t.origin === args.origin));
  return { regionId, routeTables, ids: routeTables.map((t) => t.routeTableId) };
}

/**
 * The one route table matching the filters, e.g. a VPC's default table.
 *
 * @example
 * ```ts
 * const main = ctyun.getRouteTableOutput({ vpcId: vpc.vpcId, origin: "default" });
 * ```
 */
export async function getRouteTable(args: GetRouteTablesArgs): Promise<RouteTableInfo> {
  const { routeTables } = await getRouteTables(args);
  return exactlyOne("route table", criteriaOf(args), routeTables, (t) => `${t.name} (${t.routeTableId} in ${t.vpcId}, ${t.origin})`);
}

/** A shared bandwidth package. */
export interface BandwidthInfo {
  /** The package id BandwidthEipAttachment takes as `bandwidthId`. */
  readonly bandwidthId: string;
  /** The package name. */
  readonly name: string;
  /** Mbit/s. */
  readonly bandwidth: number;
  /** Lower-case: `active`, `expired`, `freezing`. */
  readonly status: string;
  /** The EIPs in it. */
  readonly eipIds: readonly string[];
  /** End of a monthly/yearly term (RFC 3339); absent on demand. */
  readonly expireTime: string | undefined;
}

export interface GetBandwidthsArgs extends LookupOptions {
  /** Keep packages whose name matches this regular expression. */
  readonly nameRegex?: string;
}

export interface GetBandwidthsResult {
  /** The region searched (32-hex `regionID`). */
  readonly regionId: string;
  /** The packages found. */
  readonly bandwidths: readonly BandwidthInfo[];
  /** The found items' ids, in the same order. */
  readonly ids: readonly string[];
}

/**
 * Shared bandwidth packages of the region (`bandwidth/new-list`, every page).
 *
 * @example
 * ```ts
 * const { bandwidths } = await ctyun.getBandwidths({ nameRegex: "^shared-" });
 * ```
 */
export async function getBandwidths(args: GetBandwidthsArgs = {}): Promise<GetBandwidthsResult> {
  const { client, regionId } = lookupContext(args, "getBandwidths");
  const rows = await allPages(PAGE, async (pageNo) => {
    const page = await client.send(NewListBandwidths, { regionID: regionId, pageNo, pageSize: PAGE });
    return { rows: page.bandwidths, total: page.totalCount };
  });
  const bandwidths = matchingName(
    rows.map((b): BandwidthInfo => ({ bandwidthId: b.id, name: b.name, bandwidth: b.bandwidth, status: b.status.toLowerCase(), eipIds: b.eips.map((e) => e.eipID), expireTime: b.expireAt || undefined })),
    args.nameRegex,
    (b) => b.name,
  );
  return { regionId, bandwidths, ids: bandwidths.map((b) => b.bandwidthId) };
}

/**
 * The one shared bandwidth matching the filters.
 *
 * @example
 * ```ts
 * const shared = await ctyun.getBandwidth({ nameRegex: "^shared-egress$" });
 * ```
 */
export async function getBandwidth(args: GetBandwidthsArgs): Promise<BandwidthInfo> {
  const { bandwidths } = await getBandwidths(args);
  return exactlyOne("shared bandwidth", criteriaOf(args), bandwidths, (b) => `${b.name} (${b.bandwidthId}, ${b.bandwidth} Mbps)`);
}

/** `getNatGateways` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getNatGatewaysOutput = outputForm(getNatGateways);
/** `getNatGateway` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getNatGatewayOutput = outputForm(getNatGateway);
/** `getRouteTables` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getRouteTablesOutput = outputForm(getRouteTables);
/** `getRouteTable` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getRouteTableOutput = outputForm(getRouteTable);
/** `getBandwidths` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getBandwidthsOutput = outputForm(getBandwidths);
/** `getBandwidth` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getBandwidthOutput = outputForm(getBandwidth);
