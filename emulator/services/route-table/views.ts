/**
 * How route tables and rules are answered (api-notes/route-table.md §2.2, §2.5, §3.5): counts,
 * rule ids and associated subnets computed on read; `freezing` a boolean, `type` an integer,
 * `ipv4Gw` null (no IPv4 gateway binding is emulated).
 */
import type { EngineContext } from "../../engine/context";
import { RouteTableBackend } from "./backend";
import type { RouteRuleRecord, RouteTableRecord } from "./records";
import { RouteRules } from "./route-rules";

export function routeTableRow(ctx: EngineContext, regionId: string, table: RouteTableRecord): Record<string, unknown> {
  return {
    id: table.id,
    name: table.name,
    description: table.description,
    vpcID: table.vpcID,
    freezing: false,
    routeRulesCount: new RouteRules(ctx).of(regionId, table.id).length,
    createdAt: table.createdAt,
    updatedAt: table.updatedAt,
    type: table.type,
    origin: table.origin,
    ipv4Gw: null,
    subnetLocalRouteEnabled: table.subnetLocalRouteEnabled,
  };
}

export function routeTableView(ctx: EngineContext, regionId: string, table: RouteTableRecord): Record<string, unknown> {
  return {
    ...routeTableRow(ctx, regionId, table),
    routeRules: new RouteRules(ctx).of(regionId, table.id).map((rule) => rule.routeRuleID),
    subnetDetail: new RouteTableBackend(ctx).subnetsOf(regionId, table).map((s) => ({ id: s.subnetID, name: s.name, cidr: s.CIDR, ipv6Cidr: s.ipv6CIDR })),
  };
}

export function routeRuleView(rule: RouteRuleRecord): Record<string, unknown> {
  return {
    routeRuleID: rule.routeRuleID,
    destination: rule.destination,
    nextHopType: rule.nextHopType,
    nextHopID: rule.nextHopID,
    ipVersion: rule.ipVersion,
    description: rule.description,
    origin: rule.origin,
  };
}
