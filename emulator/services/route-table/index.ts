/**
 * The route-table service (api-notes/route-table.md; ctvpc host): route tables, their rules, and the
 * subnets' association. Backend `routeTable`. User tables hold their VPC (the default table goes with
 * it); routes through a NAT gateway hold it.
 */
import type { ServiceRegistrar } from "../types";
import { RouteTableBackend } from "./backend";
import { ROUTE_RULE_KIND, ROUTE_TABLE_KIND } from "./records";
import { RouteRules } from "./route-rules";
import { ROUTE_TABLE_ROUTES } from "./routes";

export function register(api: ServiceRegistrar): void {
  api.backend("routeTable", (ctx) => new RouteTableBackend(ctx));
  api.holds("vpc", {
    kind: ROUTE_TABLE_KIND,
    phrase: { en: "route tables", zh: "路由表" },
    holders: (ctx, regionId, vpcID) => ctx.backend("routeTable").userTablesIn(regionId, vpcID),
    release: (ctx, regionId, vpcID) => ctx.backend("routeTable").releaseVpc(regionId, vpcID),
  });
  api.holds("natGateway", { kind: ROUTE_RULE_KIND, phrase: { en: "routes", zh: "路由规则" }, holders: (ctx, regionId, id) => new RouteRules(ctx).through(regionId, "natgw", id) });
  for (const route of ROUTE_TABLE_ROUTES) api.route(route);
}
