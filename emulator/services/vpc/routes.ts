/** VPC operations (spec D.1, ctvpc host): parse, call the backend, shape the returnObj. */
import { z } from "zod";
import { defineRoute } from "../route";
import { commaList, optionalText } from "../shared/fields";
import { listResult, paginate, readPaging } from "../shared/paging";
import type { OperationContext, RouteDefinition } from "../types";
import { VpcBackend } from "./backend";
import type { VpcRecord } from "./records";

const createSchema = z.object({
  clientToken: z.string().min(1).max(64).optional(),
  CIDR: z.string(),
  name: z.string(),
  description: z.string().default(""),
  enableIpv6: z.boolean().default(false),
  projectID: z.string().optional(),
  ipv6SegmentPoolID: z.string().optional(),
});

const updateSchema = z.object({
  vpcID: z.string().min(1),
  clientToken: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  projectID: z.string().optional(),
});

const deleteSchema = z.object({ vpcID: z.string().min(1), clientToken: z.string().optional(), projectID: z.string().optional() });

/** What `vpc/query` and the list rows return (spec D.1), with the computed subnet ids. */
function vpcView(ctx: OperationContext, regionId: string, vpc: VpcRecord): Record<string, unknown> {
  const backend = new VpcBackend(ctx);
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
    subnetIDs: backend.subnetIdsOf(regionId, vpc.vpcID),
    // Whatever service holds VPCs with records of kind natGateway (engine/dependants.ts).
    natGatewayIDs: backend.holderIds(regionId, vpc.vpcID, "natGateway"),
    secondaryCIDRs: vpc.secondaryCIDRs,
    secondaryCIDRS: vpc.secondaryCIDRs,
    projectID: vpc.projectID,
    dhcpOptionsSetID: "",
    createdAt: vpc.createdAt,
    updatedAt: vpc.updatedAt,
  };
}

const create = defineRoute({
  method: "POST", path: "/v4/vpc/create", operation: "CreateVpc", service: "ctvpc",
  input: createSchema,
  handle: (ctx, { input, region }) => ctx.idempotent(() => ({ vpcID: new VpcBackend(ctx).create(region.regionID, input).vpcID })),
});

const query = defineRoute({
  method: "GET", path: "/v4/vpc/query", operation: "QueryVpc", service: "ctvpc",
  input: z.object({ vpcID: z.string().default("") }),
  handle: (ctx, { input, region }) => vpcView(ctx, region.regionID, new VpcBackend(ctx).require(region.regionID, input.vpcID)),
});

const update = defineRoute({
  method: "POST", path: "/v4/vpc/update", operation: "UpdateVpc", service: "ctvpc",
  input: updateSchema,
  handle(ctx, { input, region }) {
    new VpcBackend(ctx).update(region.regionID, input.vpcID, { name: input.name, description: input.description });
    return null;
  },
});

const remove = defineRoute({
  method: "POST", path: "/v4/vpc/delete", operation: "DeleteVpc", service: "ctvpc",
  input: deleteSchema,
  handle(ctx, { input, region }) {
    new VpcBackend(ctx).delete(region.regionID, input.vpcID);
    return null;
  },
});

const list = defineRoute({
  method: "GET", path: "/v4/vpc/new-list", operation: "ListVpcs", service: "ctvpc",
  input: z.object({ vpcID: commaList, projectID: optionalText }),
  handle(ctx, { input, region, params }) {
    const page = paginate(new VpcBackend(ctx).list(region.regionID, { vpcIDs: input.vpcID, projectID: input.projectID || undefined }), readPaging(params));
    return listResult("vpcs", page, (vpc) => vpcView(ctx, region.regionID, vpc));
  },
});

export const VPC_ROUTES: readonly RouteDefinition[] = [create, query, update, remove, list];
