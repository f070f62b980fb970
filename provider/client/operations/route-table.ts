/**
 * Route table operations (ctvpc host; emulator/api-notes/route-table.md): field names and required
 * fields as the Python SDK v2 models declare them (ctyunsdk_vpc20220909/models/v4_vpc_route_table_*.py,
 * v4_vpc_replace_subnet_route_table.py); subnet-disassociate-route-table from TF's generated
 * internal/core/ctvpc/ctvpc_subnet_disassociate_route_table_api.go. All synchronous.
 */
import { z } from "zod";
import { defineOperation } from "../operation";

/** A `routeTableID` filter the caller cannot see (TF vpc/datasource_ctyun_vpc_route_tables.go reads it as "none"). */
export const ROUTER_TABLE_ACCESS_FAILED = "Openapi.RouterTable.AccessFailed";

export const CreateRouteTable = defineOperation({
  name: "CreateRouteTable",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/route-table/create",
  input: z.object({
    clientToken: z.string().min(1).max(64).optional(),
    regionID: z.string(),
    vpcID: z.string().min(1),
    name: z.string(),
    description: z.string().optional(),
    projectID: z.string().optional(),
  }),
  output: z.looseObject({ id: z.string().min(1) }),
  idempotent: "clientToken",
});

const routeTableRow = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  vpcID: z.string(),
  routeRulesCount: z.number().int().nullish(),
  /** `default` (the VPC's own) or `user`. */
  origin: z.string().nullish(),
  type: z.number().int().nullish(),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
});

export type RouteTableRow = z.output<typeof routeTableRow>;

export const ShowRouteTable = defineOperation({
  name: "ShowRouteTable",
  service: "ctvpc",
  method: "GET",
  path: "/v4/vpc/route-table/show",
  input: z.object({ regionID: z.string(), routeTableID: z.string().min(1) }),
  output: routeTableRow.extend({
    routeRules: z.array(z.string()).nullish().transform((v) => v ?? []),
    subnetDetail: z.array(z.looseObject({ id: z.string(), name: z.string().nullish(), cidr: z.string().nullish() })).nullish().transform((v) => v ?? []),
  }),
  idempotent: true,
});

export type RouteTableRecord = z.output<typeof ShowRouteTable.output>;

export const ModifyRouteTable = defineOperation({
  name: "ModifyRouteTable",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/route-table/modify",
  input: z.object({ clientToken: z.string().min(1).max(64).optional(), regionID: z.string(), routeTableID: z.string().min(1), name: z.string().optional(), description: z.string().optional() }),
  output: z.unknown(),
  idempotent: "clientToken",
});

export const DeleteRouteTable = defineOperation({
  name: "DeleteRouteTable",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/route-table/delete",
  input: z.object({ clientToken: z.string().min(1).max(64).optional(), regionID: z.string(), routeTableID: z.string().min(1) }),
  output: z.unknown(),
  idempotent: "clientToken",
});

export const NewListRouteTables = defineOperation({
  name: "NewListRouteTables",
  service: "ctvpc",
  method: "GET",
  path: "/v4/vpc/route-table/new-list",
  input: z.object({
    regionID: z.string(),
    vpcID: z.string().optional(),
    queryContent: z.string().optional(),
    routeTableID: z.string().optional(),
    pageNo: z.number().int().optional(),
    pageSize: z.number().int().optional(),
  }),
  output: z.looseObject({ routeTables: z.array(routeTableRow).nullish().transform((v) => v ?? []), totalCount: z.number().int().nullish() }),
  idempotent: true,
});

export const CreateRouteRule = defineOperation({
  name: "CreateRouteRule",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/route-table/create-rule",
  input: z.object({
    regionID: z.string(),
    routeTableID: z.string().min(1),
    nextHopID: z.string(),
    /** One of the next-hop types (checked by the spec). */
    nextHopType: z.string(),
    destination: z.string(),
    ipVersion: z.number().int(),
    description: z.string(),
  }),
  output: z.looseObject({ routeRuleID: z.string().min(1) }),
  // No clientToken: a repeat is refused (the destination is taken) and the spec then finds the rule.
  idempotent: true,
});

export const routeRuleRecord = z.looseObject({
  routeRuleID: z.string(),
  destination: z.string(),
  nextHopType: z.string(),
  nextHopID: z.string(),
  ipVersion: z.number().int().nullish(),
  description: z.string().nullish(),
  origin: z.string().nullish(),
});

export type RouteRuleRecord = z.output<typeof routeRuleRecord>;

export const NewListRouteRules = defineOperation({
  name: "NewListRouteRules",
  service: "ctvpc",
  method: "GET",
  path: "/v4/vpc/route-table/new-list-rules",
  input: z.object({ regionID: z.string(), routeTableID: z.string().min(1), pageNo: z.number().int().optional(), pageSize: z.number().int().optional() }),
  output: z.looseObject({ routeRules: z.array(routeRuleRecord).nullish().transform((v) => v ?? []), totalCount: z.number().int().nullish() }),
  idempotent: true,
});

export const ModifyRouteRule = defineOperation({
  name: "ModifyRouteRule",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/route-table/modify-rule",
  input: z.object({ regionID: z.string(), routeRuleID: z.string().min(1), routeTableID: z.string().optional(), description: z.string().optional() }),
  output: z.unknown(),
  // Sets an absolute value: repeating it is harmless.
  idempotent: true,
});

export const DeleteRouteRule = defineOperation({
  name: "DeleteRouteRule",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/route-table/delete-rule",
  input: z.object({ regionID: z.string(), routeRuleID: z.string().min(1), routeTableID: z.string().optional() }),
  output: z.unknown(),
  // A repeat is refused (the rule is gone), which the spec judges by reading again.
  idempotent: true,
});

export const ReplaceSubnetRouteTable = defineOperation({
  name: "ReplaceSubnetRouteTable",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/replace-subnet-route-table",
  input: z.object({ regionID: z.string(), subnetID: z.string().min(1), routeTableID: z.string().min(1), clientToken: z.string().min(1).max(64).optional() }),
  output: z.unknown(),
  // Sets an absolute value (the subnet's table): repeating it is harmless.
  idempotent: true,
});

export const SubnetDisassociateRouteTable = defineOperation({
  name: "SubnetDisassociateRouteTable",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/subnet-disassociate-route-table",
  input: z.object({ regionID: z.string(), subnetID: z.string().min(1) }),
  output: z.unknown(),
  // Puts the subnet back on its VPC's default table: repeating it is harmless.
  idempotent: true,
});

/** The next-hop types the official clients name (TF validator, py v4_vpc_route_table_create_rule). */
export const NEXT_HOP_TYPES = ["vpcpeering", "havip", "bm", "vm", "natgw", "igw", "igw6", "dc", "ticc", "vpngw", "enic", "gwlbe"] as const;
export type NextHopType = (typeof NEXT_HOP_TYPES)[number];
