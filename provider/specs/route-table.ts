/**
 * RouteTable (emulator/api-notes/route-table.md §2): a user route table of a VPC. Subnets join it
 * through `RouteTableAssociation` resources; routes are `RouteTableRule` resources. Synchronous.
 *
 * - create: route-table/create with the create's clientToken (a replay gets the same table).
 * - update: name and description through route-table/modify.
 * - delete: refused while subnets are on the table, so retried while a read still shows subnets
 *   (their associations going away), then wait until the list no longer has it. Gone is read from
 *   new-list filtered by the id: an empty list or `Openapi.RouterTable.AccessFailed` (the code TF
 *   reads as "no such table").
 */
import { z } from "zod";
import { isServiceError } from "../client/errors";
import { CreateRouteTable, DeleteRouteTable, ModifyRouteTable, NewListRouteTables, ROUTER_TABLE_ACCESS_FAILED, ShowRouteTable, type RouteTableRecord } from "../client/operations/route-table";
import type { HandlerContext } from "../lifecycle/context";
import { ctyunName, description, prefixedId, projectId, regionId } from "../lifecycle/fields";
import { defineResource } from "../lifecycle/spec";
import { retryWhileHeld, waitUntilGone } from "../lifecycle/waits";

const inputs = z.object({
  vpcId: prefixedId("vpc"),
  name: ctyunName(32),
  description: description(),
  regionId,
  projectId: projectId.optional(),
});

type RouteTableInputs = z.output<typeof inputs>;

export interface RouteTableOutputs {
  routeTableId: string;
  /** The subnets on this table (through `RouteTableAssociation`s, this stack's or others'). */
  subnetIds: string[];
  /** `default` for a VPC's own table (adopted or read with `get`), `user` otherwise. */
  origin: string;
  /** RFC 3339. */
  createTime: string;
}

const project = (projectID: string | undefined) => (projectID ? { projectID } : {});

/** The table's list row, or undefined when the list says there is no such table. */
export async function findRouteTable(ctx: HandlerContext, regionID: string, routeTableID: string) {
  try {
    const listed = await ctx.client.send(NewListRouteTables, { regionID, routeTableID, pageNo: 1, pageSize: 10 });
    return listed.routeTables.find((t) => t.id === routeTableID);
  } catch (error) {
    if (isServiceError(error, ROUTER_TABLE_ACCESS_FAILED)) return undefined;
    throw error;
  }
}

async function readTable(ctx: HandlerContext, regionID: string, routeTableID: string): Promise<RouteTableRecord | undefined> {
  if (!(await findRouteTable(ctx, regionID, routeTableID))) return undefined;
  return ctx.client.send(ShowRouteTable, { regionID, routeTableID });
}

function outputsOf(table: RouteTableRecord): RouteTableOutputs {
  return { routeTableId: table.id, subnetIds: table.subnetDetail.map((s) => s.id), origin: table.origin ?? "", createTime: table.createdAt ?? "" };
}

export const routeTableSpec = defineResource({
  type: "RouteTable",
  inputs,
  outputs: { routeTableId: true, subnetIds: true, origin: true, createTime: true },
  createOnly: ["vpcId", "regionId", "projectId"],
  settingDefaults: { regionId: "regionId", projectId: "projectId" },
  autoName: { property: "name", maxLength: 32, mustStartWithLetter: true },
  notFoundCodes: [ROUTER_TABLE_ACCESS_FAILED],
  timeouts: { create: 5 * 60_000, update: 5 * 60_000, delete: 10 * 60_000 },
  idOutput: "routeTableId",

  async create(ctx, args: RouteTableInputs) {
    const regionID = args.regionId;
    const created = await ctx.client.send(CreateRouteTable, {
      clientToken: ctx.clientToken,
      regionID,
      vpcID: args.vpcId,
      name: args.name,
      description: args.description,
      ...project(args.projectId),
    });
    ctx.created(created.id, { routeTableId: created.id });
    const table = await readTable(ctx, regionID, created.id);
    if (!table) throw new Error(`route table ${created.id} was created but the list does not show it`);
    return { id: created.id, outputs: outputsOf(table) };
  },

  async read(ctx, id, state) {
    const table = await readTable(ctx, state["regionId"] as string, id);
    if (!table) return undefined;
    return { inputs: { vpcId: table.vpcID, name: table.name, description: table.description ?? "" }, outputs: outputsOf(table) };
  },

  async update(ctx, id, _olds, news: RouteTableInputs) {
    const regionID = news.regionId;
    let table = await ctx.client.send(ShowRouteTable, { regionID, routeTableID: id });
    if (table.name !== news.name || (table.description ?? "") !== news.description) {
      await ctx.client.send(ModifyRouteTable, { regionID, routeTableID: id, name: news.name, description: news.description });
      table = await ctx.client.send(ShowRouteTable, { regionID, routeTableID: id });
    }
    return outputsOf(table);
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    if (!(await findRouteTable(ctx, regionID, id))) return;
    await retryWhileHeld(
      ctx,
      `route table ${id} to have no subnets`,
      () => ctx.client.send(DeleteRouteTable, { regionID, routeTableID: id }),
      async () => ((await readTable(ctx, regionID, id))?.subnetDetail ?? []).map((s) => `subnet ${s.id}`),
    ).catch(async (error: unknown) => {
      // A repeat of a delete that went through is refused: done if the table is gone.
      if (isServiceError(error) && !(await findRouteTable(ctx, regionID, id))) return;
      throw error;
    });
    await waitUntilGone(ctx, `route table ${id}`, async () => (await findRouteTable(ctx, regionID, id)) !== undefined, [ROUTER_TABLE_ACCESS_FAILED]);
  },
});
