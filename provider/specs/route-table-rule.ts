/**
 * RouteTableRule (emulator/api-notes/route-table.md §3): destination CIDR → next hop (a NAT gateway,
 * a VM, a VIP, a peering connection… as the API names them) in a `RouteTable`. Only the description
 * changes in place; everything else replaces (the API has nothing else to modify).
 *
 * create-rule has no clientToken. It is still safe to repeat: a second rule with the same
 * destination is refused, and a rule of this table with this destination and this next hop is the
 * one this create (or its interrupted predecessor, or the client's retry) made, so create takes it
 * over — only then (`mayBeOwnEarlierWork`); anyone else's rule is refused naming `adoptId`.
 */
import { z } from "zod";
import { isServiceError } from "../client/errors";
import { CreateRouteRule, DeleteRouteRule, ModifyRouteRule, NEXT_HOP_TYPES, NewListRouteRules, type RouteRuleRecord } from "../client/operations/route-table";
import type { HandlerContext } from "../lifecycle/context";
import { parseCidr } from "../lifecycle/cidr";
import { description, ipCidr, prefixedId, regionId } from "../lifecycle/fields";
import { mayBeOwnEarlierWork } from "../lifecycle/ownership";
import { defineResource } from "../lifecycle/spec";
import { findRouteTable } from "./route-table";

const inputs = z.object({
  routeTableId: prefixedId("rtb"),
  destination: ipCidr(),
  nextHopType: z.enum(NEXT_HOP_TYPES, { error: `must be one of ${NEXT_HOP_TYPES.join(", ")}` }),
  nextHopId: z.string().min(1, "must not be empty"),
  description: description(),
  regionId,
});

type RuleInputs = z.output<typeof inputs>;

export interface RouteTableRuleOutputs {
  routeTableRuleId: string;
  /** 4 or 6, from the destination. */
  ipVersion: number;
}

const PAGE = 50;

/** The table's rules, every page; undefined when the table itself is no longer listed. */
async function rulesOf(ctx: HandlerContext, regionID: string, routeTableID: string): Promise<RouteRuleRecord[] | undefined> {
  if (!(await findRouteTable(ctx, regionID, routeTableID))) return undefined;
  const rules: RouteRuleRecord[] = [];
  for (let pageNo = 1; ; pageNo++) {
    const page = await ctx.client.send(NewListRouteRules, { regionID, routeTableID, pageNo, pageSize: PAGE });
    rules.push(...page.routeRules);
    if (page.routeRules.length < PAGE || rules.length >= (page.totalCount ?? Infinity)) return rules;
  }
}

async function findRule(ctx: HandlerContext, regionID: string, routeTableID: string, routeRuleID: string): Promise<RouteRuleRecord | undefined> {
  return (await rulesOf(ctx, regionID, routeTableID))?.find((rule) => rule.routeRuleID === routeRuleID);
}

const ipVersionOf = (destination: string): 4 | 6 => (parseCidr(destination)?.family === 6 ? 6 : 4);

function outputsOf(rule: RouteRuleRecord): RouteTableRuleOutputs {
  return { routeTableRuleId: rule.routeRuleID, ipVersion: rule.ipVersion ?? ipVersionOf(rule.destination) };
}

/** A user rule of the table for this destination (the same block however written). */
function sameDestination(rule: RouteRuleRecord, destination: string): boolean {
  const a = parseCidr(rule.destination);
  const b = parseCidr(destination);
  return rule.origin !== "default" && a !== undefined && b !== undefined && a.family === b.family && a.prefix === b.prefix && a.network === b.network;
}

export const routeTableRuleSpec = defineResource({
  type: "RouteTableRule",
  inputs,
  outputs: { routeTableRuleId: true, ipVersion: true },
  createOnly: ["routeTableId", "destination", "nextHopType", "nextHopId", "regionId"],
  settingDefaults: { regionId: "regionId" },
  notFoundCodes: [],
  timeouts: { create: 5 * 60_000, update: 5 * 60_000, delete: 5 * 60_000 },
  idOutput: "routeTableRuleId",

  // The destination is unique in the table: the new rule can only be created once the old one is gone.
  deleteBeforeReplace(olds, news: RuleInputs) {
    return olds["routeTableId"] === news.routeTableId && olds["destination"] === news.destination;
  },

  async create(ctx, args: RuleInputs) {
    const regionID = args.regionId;
    let id: string;
    try {
      id = (
        await ctx.client.send(CreateRouteRule, {
          regionID,
          routeTableID: args.routeTableId,
          nextHopID: args.nextHopId,
          nextHopType: args.nextHopType,
          destination: args.destination,
          ipVersion: ipVersionOf(args.destination),
          description: args.description,
        })
      ).routeRuleID;
    } catch (error) {
      // Whatever the refusal's code: a rule for this destination may be this create's own.
      if (!isServiceError(error)) throw error;
      const existing = (await rulesOf(ctx, regionID, args.routeTableId))?.find((rule) => sameDestination(rule, args.destination));
      if (!existing) throw error;
      if (existing.nextHopType !== args.nextHopType || existing.nextHopID !== args.nextHopId || !mayBeOwnEarlierWork(ctx, error)) {
        throw new Error(
          `route table ${args.routeTableId} already has a route to ${existing.destination} (${existing.routeRuleID} → ${existing.nextHopType} ${existing.nextHopID}): ` +
            "remove it, or take it under management with adoptId",
          { cause: error },
        );
      }
      ctx.progress(`route ${existing.routeRuleID} to ${existing.destination} is this create's own earlier work; taking it over`);
      id = existing.routeRuleID;
      if ((existing.description ?? "") !== args.description) await ctx.client.send(ModifyRouteRule, { regionID, routeRuleID: id, routeTableID: args.routeTableId, description: args.description });
    }
    ctx.created(id, { routeTableRuleId: id });
    const rule = await findRule(ctx, regionID, args.routeTableId, id);
    if (!rule) throw new Error(`route ${id} was created but route table ${args.routeTableId} does not list it`);
    return { id, outputs: outputsOf(rule) };
  },

  async read(ctx, id, state) {
    const routeTableId = state["routeTableId"] as string;
    const rule = await findRule(ctx, state["regionId"] as string, routeTableId, id);
    if (!rule) return undefined;
    return {
      inputs: { routeTableId, destination: rule.destination, nextHopType: rule.nextHopType as RuleInputs["nextHopType"], nextHopId: rule.nextHopID, description: rule.description ?? "" },
      outputs: outputsOf(rule),
    };
  },

  async update(ctx, id, _olds, news: RuleInputs) {
    const regionID = news.regionId;
    let rule = await findRule(ctx, regionID, news.routeTableId, id);
    if (!rule) throw new Error(`route ${id} no longer exists in route table ${news.routeTableId}`);
    if ((rule.description ?? "") !== news.description) {
      await ctx.client.send(ModifyRouteRule, { regionID, routeRuleID: id, routeTableID: news.routeTableId, description: news.description });
      rule = (await findRule(ctx, regionID, news.routeTableId, id)) ?? rule;
    }
    return outputsOf(rule);
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    const routeTableId = state["routeTableId"] as string;
    if (!(await findRule(ctx, regionID, routeTableId, id))) return;
    try {
      await ctx.client.send(DeleteRouteRule, { regionID, routeRuleID: id, routeTableID: routeTableId });
    } catch (error) {
      // Refused, whatever the code: done if it went away meanwhile (a repeat of a delete that landed).
      if (!isServiceError(error) || (await findRule(ctx, regionID, routeTableId, id))) throw error;
    }
  },
});
