/**
 * Route-table operations (api-notes/route-table.md; ctvpc host), all synchronous: tables, their
 * rules, and moving subnets between tables.
 */
import { z } from "zod";
import { defineRoute } from "../route";
import { listResult, paginate, readPaging } from "../shared/paging";
import type { RouteDefinition } from "../types";
import { RouteTableBackend } from "./backend";
import { RouteRules } from "./route-rules";
import { routeRuleView, routeTableRow, routeTableView } from "./views";

const clientToken = z.string({ error: "must be 1-64 characters" }).min(1, "must be 1-64 characters").max(64, "must be 1-64 characters");
const id = z.string({ error: "is required" }).min(1, "is required");
const intFlag = z.preprocess((v) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v), z.number({ error: "must be an integer" }).int().optional());

const create = defineRoute({
  method: "POST", path: "/v4/vpc/route-table/create", operation: "CreateRouteTable", service: "ctvpc",
  input: z.object({ clientToken, vpcID: id, name: z.string({ error: "is required" }), description: z.string().optional(), projectID: z.string().optional(), subnetLocalRouteEnabled: intFlag }),
  handle: (ctx, { input, region }) =>
    ctx.idempotent(() => {
      const table = new RouteTableBackend(ctx).create(region.regionID, input);
      const { id: tableID, name, description, vpcID, routeRulesCount, createdAt, updatedAt } = routeTableRow(ctx, region.regionID, table);
      return { id: tableID, name, description, vpcID, routeRulesCount, createdAt, updatedAt };
    }),
});

const show = defineRoute({
  method: "GET", path: "/v4/vpc/route-table/show", operation: "ShowRouteTable", service: "ctvpc",
  input: z.object({ routeTableID: id }),
  handle: (ctx, { input, region }) => routeTableView(ctx, region.regionID, new RouteTableBackend(ctx).require(region.regionID, input.routeTableID)),
});

const modify = defineRoute({
  method: "POST", path: "/v4/vpc/route-table/modify", operation: "ModifyRouteTable", service: "ctvpc",
  input: z.object({ clientToken: clientToken.optional(), routeTableID: id, name: z.string().optional(), description: z.string().optional(), subnetLocalRouteEnabled: intFlag }),
  handle(ctx, { input, region }) {
    new RouteTableBackend(ctx).modify(region.regionID, input.routeTableID, input);
    return null;
  },
});

const remove = defineRoute({
  method: "POST", path: "/v4/vpc/route-table/delete", operation: "DeleteRouteTable", service: "ctvpc",
  input: z.object({ clientToken: clientToken.optional(), routeTableID: id }),
  handle(ctx, { input, region }) {
    new RouteTableBackend(ctx).delete(region.regionID, input.routeTableID);
    return null;
  },
});

const list = defineRoute({
  method: "GET", path: "/v4/vpc/route-table/new-list", operation: "NewListRouteTables", service: "ctvpc",
  input: z.object({ vpcID: z.string().optional(), routeTableID: z.string().optional(), queryContent: z.string().optional(), type: intFlag }),
  handle(ctx, { input, region, params }) {
    const page = paginate(new RouteTableBackend(ctx).list(region.regionID, input), readPaging(params));
    return listResult("routeTables", page, (table) => routeTableRow(ctx, region.regionID, table));
  },
});

const ipVersion = z.preprocess((v) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v), z.number({ error: "must be 4 or 6" }).int("must be 4 or 6"));

const createRule = defineRoute({
  method: "POST", path: "/v4/vpc/route-table/create-rule", operation: "CreateRouteRule", service: "ctvpc",
  input: z.object({ routeTableID: id, nextHopID: z.string({ error: "is required" }), nextHopType: z.string({ error: "is required" }), destination: z.string({ error: "is required" }), ipVersion, description: z.string().optional(), nextHopVpcID: z.string().optional() }),
  handle: (ctx, { input, region }) => ({ routeRuleID: new RouteRules(ctx).create(region.regionID, input.routeTableID, input).routeRuleID }),
});

const modifyRule = defineRoute({
  method: "POST", path: "/v4/vpc/route-table/modify-rule", operation: "ModifyRouteRule", service: "ctvpc",
  input: z.object({ routeRuleID: id, routeTableID: z.string().optional(), description: z.string().optional() }),
  handle(ctx, { input, region }) {
    new RouteRules(ctx).modify(region.regionID, input.routeRuleID, input.routeTableID || undefined, input.description);
    return null;
  },
});

const deleteRule = defineRoute({
  method: "POST", path: "/v4/vpc/route-table/delete-rule", operation: "DeleteRouteRule", service: "ctvpc",
  input: z.object({ routeRuleID: id, routeTableID: z.string().optional() }),
  handle(ctx, { input, region }) {
    new RouteRules(ctx).delete(region.regionID, input.routeRuleID, input.routeTableID || undefined);
    return null;
  },
});

const listRules = defineRoute({
  method: "GET", path: "/v4/vpc/route-table/new-list-rules", operation: "NewListRouteRules", service: "ctvpc",
  input: z.object({ routeTableID: id }),
  handle(ctx, { input, region, params }) {
    const table = new RouteTableBackend(ctx).require(region.regionID, input.routeTableID);
    const page = paginate(new RouteRules(ctx).of(region.regionID, table.id), readPaging(params));
    return listResult("routeRules", page, routeRuleView);
  },
});

const replaceSubnetTable = defineRoute({
  method: "POST", path: "/v4/vpc/replace-subnet-route-table", operation: "ReplaceSubnetRouteTable", service: "ctvpc",
  input: z.object({ clientToken: clientToken.optional(), subnetID: id, routeTableID: id, projectID: z.string().optional() }),
  handle(ctx, { input, region }) {
    new RouteTableBackend(ctx).associate(region.regionID, input.subnetID, input.routeTableID);
    return null;
  },
});

const disassociateSubnet = defineRoute({
  method: "POST", path: "/v4/vpc/subnet-disassociate-route-table", operation: "SubnetDisassociateRouteTable", service: "ctvpc",
  input: z.object({ subnetID: id }),
  handle(ctx, { input, region }) {
    new RouteTableBackend(ctx).disassociate(region.regionID, input.subnetID);
    return { subnetID: input.subnetID };
  },
});

export const ROUTE_TABLE_ROUTES: readonly RouteDefinition[] = [create, show, modify, remove, list, createRule, modifyRule, deleteRule, listRules, replaceSubnetTable, disassociateSubnet];
