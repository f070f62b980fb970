/**
 * Route rules (api-notes/route-table.md §3): destination CIDR → next hop. Every table starts with a
 * system route to the VPC's IPv4 gateway (`igw`), which cannot be changed or deleted. A user rule's
 * destination is a CIDR of its `ipVersion` in network form, unique among the table's user rules (a
 * user rule may shadow the system route); its next hop must exist in the table's VPC: a VM with an
 * interface there (`vm`), a NAT gateway of it (`natgw`), or the VPC's own IPv4 gateway (`igw`). Other
 * next-hop types are refused: the emulator has nothing to check them against. Only the description
 * changes in place.
 */
import type { EngineContext } from "../../engine/context";
import type { Holder } from "../../engine/dependants";
import { InvalidParameterError, NotFoundError } from "../../errors";
import { cidrKey, isNetworkAddress, parseCidr } from "../shared/ip";
import { checkDescription } from "../shared/rules";
import { CHECKED_NEXT_HOP_TYPES, ipv4GatewayId, NEXT_HOP_TYPES, ruleNotFound, systemRuleId } from "./codes";
import { ROUTE_RULE_KIND, type RouteRuleRecord, type RouteTableRecord } from "./records";

/** The code ECS uses for a missing instance (TF internal/common/error_code.go). */
const INSTANCE_NOT_FOUND = "Ecs.Instance.NotFound";

export interface NewRule {
  readonly nextHopID: string;
  readonly nextHopType: string;
  readonly destination: string;
  readonly ipVersion: number;
  readonly description?: string | undefined;
}

export class RouteRules {
  constructor(private readonly ctx: EngineContext) {}

  private get rules() {
    return this.ctx.store.collection<RouteRuleRecord>(ROUTE_RULE_KIND);
  }

  /** Inferred: `0.0.0.0/0 → igw-<vpc>` (TF's test finds an `igw` rule in a new table). */
  addSystemRoute(regionId: string, table: RouteTableRecord): void {
    const routeRuleID = systemRuleId(table.id);
    this.rules.insert(regionId, routeRuleID, {
      routeRuleID, routeTableID: table.id, destination: "0.0.0.0/0", nextHopType: "igw", nextHopID: ipv4GatewayId(table.vpcID), ipVersion: 4, description: "", origin: "default",
    });
  }

  of(regionId: string, routeTableID: string): RouteRuleRecord[] {
    return this.rules.find(regionId, (r) => r.routeTableID === routeTableID);
  }

  require(regionId: string, routeRuleID: string, routeTableID?: string): RouteRuleRecord {
    const rule = this.rules.get(regionId, routeRuleID);
    if (!rule || (routeTableID && rule.routeTableID !== routeTableID)) throw ruleNotFound(this.ctx.unknownCodes, routeRuleID);
    return rule;
  }

  create(regionId: string, routeTableID: string, input: NewRule): RouteRuleRecord {
    const table = this.ctx.backend("routeTable").require(regionId, routeTableID);
    const description = input.description ?? "";
    checkDescription("description", description);
    if (input.ipVersion !== 4 && input.ipVersion !== 6) throw new InvalidParameterError("ipVersion must be 4 or 6");
    const block = parseCidr(input.destination, input.ipVersion);
    if (!block) throw new InvalidParameterError(`destination ${input.destination} is not an IPv${input.ipVersion} CIDR`);
    if (!isNetworkAddress(block)) throw new InvalidParameterError(`destination ${input.destination} is not a network address`);
    const key = cidrKey(block);
    const twin = this.of(regionId, table.id).find((r) => r.origin === "user" && cidrKey(parseCidr(r.destination)!) === key);
    if (twin) throw new InvalidParameterError(`route table ${table.id} already has a route to ${twin.destination} (${twin.routeRuleID})`);
    this.requireNextHop(regionId, table, input.nextHopType, input.nextHopID);
    const routeRuleID = this.ctx.ids.prefixed("route-rule");
    return this.rules.insert(regionId, routeRuleID, {
      routeRuleID, routeTableID: table.id, destination: input.destination, nextHopType: input.nextHopType, nextHopID: input.nextHopID, ipVersion: input.ipVersion, description, origin: "user",
    });
  }

  modify(regionId: string, routeRuleID: string, routeTableID: string | undefined, description: string | undefined): void {
    const rule = this.require(regionId, routeRuleID, routeTableID);
    if (rule.origin === "default") throw new InvalidParameterError(`route rule ${routeRuleID} is a system route and cannot be changed`);
    if (description === undefined) return;
    checkDescription("description", description);
    this.rules.update(regionId, routeRuleID, { description });
  }

  delete(regionId: string, routeRuleID: string, routeTableID?: string): void {
    const rule = this.require(regionId, routeRuleID, routeTableID);
    if (rule.origin === "default") throw new InvalidParameterError(`route rule ${routeRuleID} is a system route and cannot be deleted`);
    this.rules.delete(regionId, routeRuleID);
  }

  /** Routes through a NAT gateway (they hold it). */
  through(regionId: string, nextHopType: string, nextHopID: string): Holder[] {
    return this.rules.find(regionId, (r) => r.nextHopType === nextHopType && r.nextHopID === nextHopID).map((r) => ({ id: r.routeRuleID }));
  }

  private requireNextHop(regionId: string, table: RouteTableRecord, type: string, id: string): void {
    if (!(NEXT_HOP_TYPES as readonly string[]).includes(type)) throw new InvalidParameterError(`nextHopType must be one of ${NEXT_HOP_TYPES.join(", ")}`);
    if (!CHECKED_NEXT_HOP_TYPES.includes(type)) throw new InvalidParameterError(`nextHopType ${type}: no such device exists in this region`);
    if (id === "") throw new InvalidParameterError("nextHopID is required");
    if (type === "igw") {
      if (id !== ipv4GatewayId(table.vpcID)) throw new InvalidParameterError(`nextHopID ${id} is not the IPv4 gateway of vpc ${table.vpcID}`);
    } else if (type === "natgw") {
      const gateway = this.ctx.backend("nat").require(regionId, id);
      if (gateway.vpcID !== table.vpcID) throw new InvalidParameterError(`nat gateway ${id} is in vpc ${gateway.vpcID}, not in vpc ${table.vpcID} of route table ${table.id}`);
    } else {
      const vm = this.ctx.backend("ecs").find(regionId, id);
      if (!vm) throw new NotFoundError(INSTANCE_NOT_FOUND, `instance ${id} not found`, { description: "云主机不存在" });
      if (vm.vpcID !== table.vpcID) throw new InvalidParameterError(`instance ${id} is in vpc ${vm.vpcID}, not in vpc ${table.vpcID} of route table ${table.id}`);
    }
  }
}

