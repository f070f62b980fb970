/** VPC operations (spec D.1, ctvpc host): parse, call the backend, shape the returnObj. */
import { z } from "zod";
import { parseInput } from "../../validation";
import { listResult, paginate, readPaging } from "../shared/paging";
import { requireRegion } from "../shared/region";
import type { VpcRecord } from "../shared/records";
import { commaList } from "../query-params";
import type { OperationContext, RouteDefinition } from "../types";
import { createVpc, deleteVpc, listVpcs, requireVpc, subnetIdsOf, updateVpc } from "./backend";

const createSchema = z.object({
  regionID: z.string(),
  clientToken: z.string().min(1).max(64).optional(),
  CIDR: z.string(),
  name: z.string(),
  description: z.string().default(""),
  enableIpv6: z.boolean().default(false),
  projectID: z.string().optional(),
  ipv6SegmentPoolID: z.string().optional(),
});

const updateSchema = z.object({
  regionID: z.string(),
  vpcID: z.string().min(1),
  clientToken: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  projectID: z.string().optional(),
});

const deleteSchema = z.object({ regionID: z.string(), vpcID: z.string().min(1), clientToken: z.string().optional(), projectID: z.string().optional() });

/** What `vpc/query` and the list rows return (spec D.1), with the computed subnet ids. */
export function vpcView(ctx: OperationContext, regionId: string, vpc: VpcRecord): Record<string, unknown> {
  return {
    vpcID: vpc.vpcID,
    name: vpc.name,
    description: vpc.description,
    CIDR: vpc.CIDR,
    ipv6Enabled: vpc.ipv6Enabled,
    enableIpv6: vpc.enableIpv6,
    ipv6CIDRS: vpc.ipv6CIDRS,
    // py v4_vpc_query declares ipv6Infos as a list without an element type: one entry per IPv6 block (inferred shape).
    ipv6Infos: vpc.ipv6CIDRS.map((ipv6CIDR) => ({ ipv6CIDR, ipv6Isp: "chinatelecom" })),
    subnetIDs: subnetIdsOf(ctx, regionId, vpc.vpcID),
    natGatewayIDs: [],
    secondaryCIDRs: vpc.secondaryCIDRs,
    secondaryCIDRS: vpc.secondaryCIDRs,
    projectID: vpc.projectID,
    dhcpOptionsSetID: "",
    createdAt: vpc.createdAt,
    updatedAt: vpc.updatedAt,
  };
}

function create(ctx: OperationContext): unknown {
  const input = ctx.input();
  const region = requireRegion(ctx, input["regionID"]);
  const body = parseInput(createSchema, input);
  return ctx.idempotent(input, () => ({ vpcID: createVpc(ctx, region.regionID, body).vpcID }));
}

function query(ctx: OperationContext): unknown {
  const region = requireRegion(ctx, ctx.query.get("regionID"));
  const vpc = requireVpc(ctx, region.regionID, ctx.query.get("vpcID") ?? "");
  return vpcView(ctx, region.regionID, vpc);
}

function update(ctx: OperationContext): unknown {
  const input = ctx.input();
  const region = requireRegion(ctx, input["regionID"]);
  const body = parseInput(updateSchema, input);
  updateVpc(ctx, region.regionID, body.vpcID, { name: body.name, description: body.description });
  return null;
}

function remove(ctx: OperationContext): unknown {
  const input = ctx.input();
  const region = requireRegion(ctx, input["regionID"]);
  const body = parseInput(deleteSchema, input);
  deleteVpc(ctx, region.regionID, body.vpcID);
  return null;
}

function list(ctx: OperationContext): unknown {
  const input = ctx.input();
  const region = requireRegion(ctx, input["regionID"]);
  const projectID = ctx.query.get("projectID");
  const page = paginate(
    listVpcs(ctx, region.regionID, { vpcIDs: commaList(ctx.query.get("vpcID")), projectID: projectID || undefined }),
    readPaging(input),
  );
  return listResult("vpcs", page, (vpc) => vpcView(ctx, region.regionID, vpc));
}

export const VPC_ROUTES: readonly RouteDefinition[] = [
  { method: "POST", path: "/v4/vpc/create", operation: "CreateVpc", service: "ctvpc", handler: create },
  { method: "GET", path: "/v4/vpc/query", operation: "QueryVpc", service: "ctvpc", handler: query },
  { method: "POST", path: "/v4/vpc/update", operation: "UpdateVpc", service: "ctvpc", handler: update },
  { method: "POST", path: "/v4/vpc/delete", operation: "DeleteVpc", service: "ctvpc", handler: remove },
  { method: "GET", path: "/v4/vpc/new-list", operation: "ListVpcs", service: "ctvpc", handler: list },
];
