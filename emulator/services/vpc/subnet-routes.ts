/** Subnet operations (spec D.2, ctvpc host): parse, call the backend, shape the returnObj (spec C.3 types). */
import { z } from "zod";
import { defineRoute } from "../route";
import { commaList } from "../shared/fields";
import { listResult, paginate, readPaging } from "../shared/paging";
import type { OperationContext, RouteDefinition } from "../types";
import type { SubnetRecord } from "./records";
import { DEFAULT_DNS_LIST, SubnetBackend } from "./subnet-backend";

const dnsList = z.array(z.string());

const createSchema = z.object({
  clientToken: z.string().min(1).max(64).optional(),
  vpcID: z.string().min(1),
  name: z.string(),
  CIDR: z.string(),
  description: z.string().default(""),
  enableIpv6: z.boolean().default(false),
  dnsList: dnsList.nullish().transform((v) => v ?? undefined),
  // Go ctvpc subnet_create.go always sends subnetType, "" when unset.
  subnetType: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["common", "cbm"]).default("common")),
  subnetGatewayIP: z.string().optional(),
  dhcpIP: z.string().optional(),
  projectID: z.string().optional(),
});

const updateSchema = z.object({
  subnetID: z.string().min(1),
  clientToken: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  dnsList: dnsList.optional(),
  projectID: z.string().optional(),
});

const deleteSchema = z.object({ subnetID: z.string().min(1), clientToken: z.string().optional(), projectID: z.string().optional() });

/**
 * What `query-subnet` and the list rows return. Both spellings the clients read are present:
 * `gateway` (old SDK) and `gatewayIP` (generated doc, list), `availableIpCount` and
 * `availableIPCount` (ints), `ipv6Enabled` (int 0/1) and `enableIpv6` (bool); `type` is an int;
 * times are RFC 3339 (never "").
 */
function subnetView(ctx: OperationContext, regionId: string, subnet: SubnetRecord): Record<string, unknown> {
  const available = new SubnetBackend(ctx).availableAddressCount(regionId, subnet);
  return {
    subnetID: subnet.subnetID,
    name: subnet.name,
    description: subnet.description,
    vpcID: subnet.vpcID,
    availabilityZones: subnet.availabilityZones,
    routeTableID: subnet.routeTableID,
    networkAclID: subnet.networkAclID,
    CIDR: subnet.CIDR,
    gateway: subnet.gatewayIP,
    gatewayIP: subnet.gatewayIP,
    start: subnet.start,
    end: subnet.end,
    availableIpCount: available,
    availableIPCount: available,
    ipv6Enabled: subnet.enableIpv6 ? 1 : 0,
    enableIpv6: subnet.enableIpv6,
    ipv6CIDR: subnet.ipv6CIDR,
    ipv6Start: subnet.ipv6Start,
    ipv6End: subnet.ipv6End,
    ipv6GatewayIP: subnet.ipv6GatewayIP,
    dnsList: subnet.dnsList,
    // The platform's resolvers, whatever dnsList says (inferred: py v4_vpc_query_subnet declares it).
    systemDnsList: [...DEFAULT_DNS_LIST],
    ntpList: [],
    // Declared with no element type (py v4_vpc_query_subnet.ipv6Info); null without IPv6 (inferred).
    ipv6Info: subnet.enableIpv6 ? { ipv6CIDR: subnet.ipv6CIDR, ipv6GatewayIP: subnet.ipv6GatewayIP } : null,
    type: subnet.type,
    projectID: subnet.projectID,
    createdAt: subnet.createdAt,
    // Go ctvpc subnet_list.go reads createAt/updateAt, py v4_vpc_new_list_subnet createdAt/updatedAt: both.
    createAt: subnet.createdAt,
    updateAt: subnet.updatedAt,
    updatedAt: subnet.updatedAt,
  };
}

const create = defineRoute({
  method: "POST", path: "/v4/vpc/create-subnet", operation: "CreateSubnet", service: "ctvpc",
  input: createSchema,
  handle: (ctx, { input, region }) => ctx.idempotent(() => ({ subnetID: new SubnetBackend(ctx).create(region, input).subnetID })),
});

const query = defineRoute({
  method: "GET", path: "/v4/vpc/query-subnet", operation: "QuerySubnet", service: "ctvpc",
  input: z.object({ subnetID: z.string().default("") }),
  handle: (ctx, { input, region }) => subnetView(ctx, region.regionID, new SubnetBackend(ctx).require(region.regionID, input.subnetID)),
});

const update = defineRoute({
  method: "POST", path: "/v4/vpc/update-subnet", operation: "UpdateSubnet", service: "ctvpc",
  input: updateSchema,
  handle(ctx, { input, region }) {
    new SubnetBackend(ctx).update(region.regionID, input.subnetID, { name: input.name, description: input.description, dnsList: input.dnsList });
    return null;
  },
});

const remove = defineRoute({
  method: "POST", path: "/v4/vpc/delete-subnet", operation: "DeleteSubnet", service: "ctvpc",
  input: deleteSchema,
  handle(ctx, { input, region }) {
    new SubnetBackend(ctx).delete(region.regionID, input.subnetID);
    return null;
  },
});

const list = defineRoute({
  method: "GET", path: "/v4/vpc/new-list-subnet", operation: "ListSubnets", service: "ctvpc",
  input: z.object({ vpcID: commaList, subnetID: commaList }),
  handle(ctx, { input, region, params }) {
    const page = paginate(new SubnetBackend(ctx).list(region.regionID, { vpcIDs: input.vpcID, subnetIDs: input.subnetID }), readPaging(params));
    return listResult("subnets", page, (subnet) => subnetView(ctx, region.regionID, subnet));
  },
});

export const SUBNET_ROUTES: readonly RouteDefinition[] = [create, query, update, remove, list];
