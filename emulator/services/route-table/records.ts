/**
 * The route-table service's records (api-notes/route-table.md): route tables and their rules. Only
 * this service writes them. A subnet's table is the subnet's own `routeTableID` (the VPC service's
 * record, changed through `ctx.backend("subnet").setRouteTable`); counts, rule ids and associated
 * subnets are computed on read.
 */

export const ROUTE_TABLE_KIND = "routeTable";
export const ROUTE_RULE_KIND = "routeRule";

export interface RouteTableRecord {
  id: string;
  vpcID: string;
  name: string;
  description: string;
  /** 0 a subnet route table (the only kind emulated); 2 a gateway route table. */
  type: 0;
  /** `default`: the VPC's own table, made with it and deleted with it; `user`: created by a user. */
  origin: "default" | "user";
  subnetLocalRouteEnabled: 0 | 1;
  projectID: string;
  createdAt: string;
  updatedAt: string;
}

export interface RouteRuleRecord {
  routeRuleID: string;
  routeTableID: string;
  destination: string;
  nextHopType: string;
  nextHopID: string;
  ipVersion: 4 | 6;
  description: string;
  /** `default` for the system route every table starts with, `user` otherwise. */
  origin: "default" | "user";
}
