/**
 * RouteTableAssociation (emulator/api-notes/route-table.md §4): a subnet on a `RouteTable`. Every
 * subnet is on exactly one table — its VPC's default one unless moved — so the association moves the
 * subnet onto the table and, when deleted, back to the default table. Its id is
 * `<routeTableId>:<subnetId>`; every input replaces it.
 *
 * - create: only from the VPC's default table: a subnet already on another user table belongs to
 *   another association (this stack's or another's) and is not taken from it (adoptId names the way);
 *   on this very table it is taken over only as this create's own earlier work (`mayBeOwnEarlierWork`).
 * - read: present while query-subnet shows the table; the subnet gone (`Openapi.Subnet.NotFound`) or
 *   moved → gone.
 * - delete: subnet-disassociate-route-table (back to the default table), then wait until the subnet
 *   shows it.
 */
import { z } from "zod";
import { QuerySubnet, SUBNET_NOT_FOUND } from "../client/operations/subnet";
import { ReplaceSubnetRouteTable, ShowRouteTable, SubnetDisassociateRouteTable } from "../client/operations/route-table";
import type { HandlerContext } from "../lifecycle/context";
import { prefixedId, regionId } from "../lifecycle/fields";
import { mayBeOwnEarlierWork } from "../lifecycle/ownership";
import { defineResource } from "../lifecycle/spec";
import { waitForState } from "../lifecycle/waits";

const inputs = z.object({
  routeTableId: prefixedId("rtb"),
  subnetId: prefixedId("subnet"),
  regionId,
});

type AssociationInputs = z.output<typeof inputs>;

export interface RouteTableAssociationOutputs {
  /** `<routeTableId>:<subnetId>`, the resource's id. */
  routeTableAssociationId: string;
}

export function associationId(routeTableId: string, subnetId: string): string {
  return `${routeTableId}:${subnetId}`;
}

function parseId(id: string): { routeTableId: string; subnetId: string } {
  const [routeTableId, subnetId, ...rest] = id.split(":");
  if (!routeTableId || !subnetId || rest.length > 0) throw new Error(`"${id}" is not a RouteTableAssociation id: expected "<routeTableId>:<subnetId>"`);
  return { routeTableId, subnetId };
}

/** The table query-subnet reports for the subnet (every subnet has one). */
async function tableOf(ctx: HandlerContext, regionID: string, subnetID: string): Promise<string> {
  const subnet = await ctx.client.send(QuerySubnet, { regionID, subnetID });
  const value = (subnet as { routeTableID?: unknown }).routeTableID;
  return typeof value === "string" ? value : "";
}

async function waitForTable(ctx: HandlerContext, regionID: string, subnetID: string, wanted: (table: string) => boolean, what: string): Promise<void> {
  await waitForState(ctx, `subnet ${subnetID} to be on ${what}`, () => tableOf(ctx, regionID, subnetID), wanted, (table) => `on ${table || "no table"}`);
}

async function ensureAssociated(ctx: HandlerContext, args: AssociationInputs, owned: boolean, accepted: () => void): Promise<void> {
  const { regionId: regionID, routeTableId, subnetId } = args;
  const current = await tableOf(ctx, regionID, subnetId);
  if (current === routeTableId) {
    if (!owned && !mayBeOwnEarlierWork(ctx)) {
      throw new Error(
        `subnet ${subnetId} is already on route table ${routeTableId}, and not by this create: ` +
          `manage that association with adoptId "${associationId(routeTableId, subnetId)}", or remove the duplicate from the program`,
      );
    }
    accepted();
    return;
  }
  const origin = current ? (await ctx.client.send(ShowRouteTable, { regionID, routeTableID: current })).origin : "default";
  if (origin !== "default") {
    throw new Error(
      `subnet ${subnetId} is on route table ${current}, not its VPC's default table: another RouteTableAssociation holds it. ` +
        `Delete that association first (a subnet is on exactly one table), or adopt it with adoptId "${associationId(current, subnetId)}"`,
    );
  }
  await ctx.client.send(ReplaceSubnetRouteTable, { regionID, subnetID: subnetId, routeTableID: routeTableId });
  accepted();
  await waitForTable(ctx, regionID, subnetId, (table) => table === routeTableId, `route table ${routeTableId}`);
}

export const routeTableAssociationSpec = defineResource({
  type: "RouteTableAssociation",
  inputs,
  outputs: { routeTableAssociationId: true },
  createOnly: ["routeTableId", "subnetId", "regionId"],
  settingDefaults: { regionId: "regionId" },
  notFoundCodes: [SUBNET_NOT_FOUND],
  timeouts: { create: 5 * 60_000, update: 5 * 60_000, delete: 5 * 60_000 },
  idOutput: "routeTableAssociationId",

  async create(ctx, args: AssociationInputs) {
    const id = associationId(args.routeTableId, args.subnetId);
    await ensureAssociated(ctx, args, false, () => ctx.created(id, { routeTableAssociationId: id }));
    return { id, outputs: { routeTableAssociationId: id } };
  },

  async read(ctx, id, state) {
    const { routeTableId, subnetId } = parseId(id);
    if ((await tableOf(ctx, state["regionId"] as string, subnetId)) !== routeTableId) return undefined;
    return { inputs: { routeTableId, subnetId }, outputs: { routeTableAssociationId: id } };
  },

  async update(ctx, id, _olds, news: AssociationInputs) {
    // Every input replaces: this finishes a partial create (or an adoption).
    await ensureAssociated(ctx, news, true, () => undefined);
    return { routeTableAssociationId: id };
  },

  async delete(ctx, id, state) {
    const { routeTableId, subnetId } = parseId(id);
    const regionID = state["regionId"] as string;
    if ((await tableOf(ctx, regionID, subnetId)) !== routeTableId) return;
    await ctx.client.send(SubnetDisassociateRouteTable, { regionID, subnetID: subnetId });
    await waitForTable(ctx, regionID, subnetId, (table) => table !== routeTableId, "its VPC's default route table");
  },
});
