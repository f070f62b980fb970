/**
 * Route tables (api-notes/route-table.md §2, §4): every VPC has a default table (made the first time
 * anything asks about the VPC's tables, with the id its subnets already report, and deleted with the
 * VPC); users add tables of their own. Every subnet is on exactly one table (its `routeTableID`);
 * subnets move with replace-subnet-route-table and fall back to the default table when
 * disassociated. A user table with subnets, and the default table, cannot be deleted; a VPC with
 * user tables cannot either (they hold it: index.ts). Other services use it as `ctx.backend("routeTable")`.
 */
import type { EngineContext } from "../../engine/context";
import type { Holder } from "../../engine/dependants";
import { InvalidParameterError } from "../../errors";
import type { SubnetRecord } from "../vpc/records";
import { checkDescription, checkName, normalizeProjectId } from "../shared/rules";
import { accessFailed, defaultTableId, tableInUse, tableNotFound } from "./codes";
import { rfc3339 } from "../shared/billing";
import { ROUTE_RULE_KIND, ROUTE_TABLE_KIND, type RouteRuleRecord, type RouteTableRecord } from "./records";
import { RouteRules } from "./route-rules";

declare module "../../engine/backends" {
  interface Backends {
    routeTable: RouteTableBackend;
  }
}

export interface TableFilter {
  readonly vpcID?: string | undefined;
  readonly routeTableID?: string | undefined;
  readonly queryContent?: string | undefined;
  readonly type?: number | undefined;
}

export class RouteTableBackend {
  constructor(private readonly ctx: EngineContext) {}

  private get tables() {
    return this.ctx.store.collection<RouteTableRecord>(ROUTE_TABLE_KIND);
  }

  /** The VPC's default table, made (with its system route) the first time it is asked for. */
  ensureDefault(regionId: string, vpcID: string): RouteTableRecord {
    const id = defaultTableId(vpcID);
    const existing = this.tables.get(regionId, id);
    if (existing) return existing;
    const vpc = this.ctx.backend("vpc").require(regionId, vpcID);
    const at = vpc.createdAt.replace(/\.\d{3}Z$/, "Z");
    const table = this.tables.insert(regionId, id, {
      id, vpcID, name: "default", description: "", type: 0, origin: "default", subnetLocalRouteEnabled: 0, projectID: vpc.projectID, createdAt: at, updatedAt: at,
    });
    new RouteRules(this.ctx).addSystemRoute(regionId, table);
    return table;
  }

  /** The default tables of every VPC of the region (lists include them). */
  private ensureDefaults(regionId: string, vpcID?: string): void {
    for (const vpc of this.ctx.backend("vpc").list(regionId, vpcID ? { vpcIDs: [vpcID] } : {})) this.ensureDefault(regionId, vpc.vpcID);
  }

  find(regionId: string, routeTableID: string): RouteTableRecord | undefined {
    const direct = this.tables.get(regionId, routeTableID);
    if (direct) return direct;
    // A default table not made yet: the VPC whose id it derives from.
    const vpcID = `vpc-${routeTableID.replace(/^rtb-/, "")}`;
    return this.ctx.backend("vpc").find(regionId, vpcID) && defaultTableId(vpcID) === routeTableID ? this.ensureDefault(regionId, vpcID) : undefined;
  }

  require(regionId: string, routeTableID: string): RouteTableRecord {
    const table = this.find(regionId, routeTableID);
    if (!table) throw tableNotFound(this.ctx.unknownCodes, routeTableID);
    return table;
  }

  list(regionId: string, filter: TableFilter): RouteTableRecord[] {
    if (filter.vpcID) this.ctx.backend("vpc").require(regionId, filter.vpcID);
    this.ensureDefaults(regionId, filter.vpcID);
    if (filter.routeTableID && !this.find(regionId, filter.routeTableID)) throw accessFailed(filter.routeTableID);
    const needle = filter.queryContent?.toLowerCase();
    return this.tables.find(
      regionId,
      (t) =>
        (!filter.vpcID || t.vpcID === filter.vpcID) &&
        (!filter.routeTableID || t.id === filter.routeTableID) &&
        (filter.type === undefined || t.type === filter.type) &&
        (!needle || [t.name, t.description, t.id].some((text) => text.toLowerCase().includes(needle))),
    );
  }

  create(regionId: string, input: { vpcID: string; name: string; description?: string | undefined; projectID?: string | undefined; subnetLocalRouteEnabled?: number | undefined }): RouteTableRecord {
    checkName("name", input.name);
    checkDescription("description", input.description ?? "");
    const vpc = this.ctx.backend("vpc").require(regionId, input.vpcID);
    this.ensureDefault(regionId, vpc.vpcID);
    const id = this.ctx.ids.prefixed("rtb");
    const at = rfc3339(this.ctx.clock());
    const table = this.tables.insert(regionId, id, {
      id, vpcID: vpc.vpcID, name: input.name, description: input.description ?? "", type: 0, origin: "user",
      subnetLocalRouteEnabled: input.subnetLocalRouteEnabled === 1 ? 1 : 0,
      projectID: input.projectID ? normalizeProjectId(input.projectID) : vpc.projectID, createdAt: at, updatedAt: at,
    });
    new RouteRules(this.ctx).addSystemRoute(regionId, table);
    return table;
  }

  modify(regionId: string, routeTableID: string, change: { name?: string | undefined; description?: string | undefined; subnetLocalRouteEnabled?: number | undefined }): RouteTableRecord {
    this.require(regionId, routeTableID);
    if (change.name !== undefined) checkName("name", change.name);
    if (change.description !== undefined) checkDescription("description", change.description);
    return this.tables.update(regionId, routeTableID, (t) => ({
      ...t,
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
      ...(change.subnetLocalRouteEnabled !== undefined ? { subnetLocalRouteEnabled: change.subnetLocalRouteEnabled === 1 ? 1 : 0 } : {}),
      updatedAt: rfc3339(this.ctx.clock()),
    })) as RouteTableRecord;
  }

  /** Only user tables, and only without subnets; their rules go with them. */
  delete(regionId: string, routeTableID: string): void {
    const table = this.require(regionId, routeTableID);
    if (table.origin === "default") throw new InvalidParameterError(`route table ${routeTableID} is the default table of vpc ${table.vpcID}: it is deleted with the VPC`);
    const subnets = this.subnetsOf(regionId, table).map((s) => s.subnetID);
    if (subnets.length > 0) throw tableInUse(this.ctx.unknownCodes, routeTableID, subnets);
    this.dropWithRules(regionId, routeTableID);
  }

  subnetsOf(regionId: string, table: RouteTableRecord): SubnetRecord[] {
    return this.ctx.backend("subnet").list(regionId, { vpcIDs: [table.vpcID] }).filter((s) => s.routeTableID === table.id);
  }

  /** replace-subnet-route-table: the table must be a subnet table of the subnet's VPC. */
  associate(regionId: string, subnetID: string, routeTableID: string): void {
    const subnet = this.ctx.backend("subnet").require(regionId, subnetID);
    const table = this.require(regionId, routeTableID);
    if (table.vpcID !== subnet.vpcID) throw new InvalidParameterError(`route table ${routeTableID} is in vpc ${table.vpcID}, subnet ${subnetID} in vpc ${subnet.vpcID}`);
    this.ctx.backend("subnet").setRouteTable(regionId, subnetID, routeTableID);
  }

  /** subnet-disassociate-route-table: back to the VPC's default table (inferred: a subnet always has one). */
  disassociate(regionId: string, subnetID: string): void {
    const subnet = this.ctx.backend("subnet").require(regionId, subnetID);
    this.ctx.backend("subnet").setRouteTable(regionId, subnetID, this.ensureDefault(regionId, subnet.vpcID).id);
  }

  /** The VPC's user tables (they hold it: the VPC refuses to go while they exist). */
  userTablesIn(regionId: string, vpcID: string): Holder[] {
    return this.tables.find(regionId, (t) => t.vpcID === vpcID && t.origin === "user").map((t) => ({ id: t.id }));
  }

  /** The VPC went: its default table and the table's rules go with it. */
  releaseVpc(regionId: string, vpcID: string): void {
    this.dropWithRules(regionId, defaultTableId(vpcID));
  }

  private dropWithRules(regionId: string, routeTableID: string): void {
    const rules = this.ctx.store.collection<RouteRuleRecord>(ROUTE_RULE_KIND);
    for (const rule of rules.find(regionId, (r) => r.routeTableID === routeTableID)) rules.delete(regionId, rule.routeRuleID);
    this.tables.delete(regionId, routeTableID);
  }
}
