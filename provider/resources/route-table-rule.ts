import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs } from "./common";
import { routeTableRuleSpec } from "../specs/route-table-rule";

import provider = require("../providers/route-table-rule");

/**
 * What a route leads to, as the API names it: `natgw` (a NAT gateway), `vm` (a VM), `havip` (a
 * virtual IP), `vpcpeering` (a peering connection), `igw`/`igw6` (the VPC's IPv4/IPv6 gateway), `bm`
 * (a bare-metal server), `dc` (a direct-connect gateway), `ticc`, `vpngw`, `enic`, `gwlbe`.
 */
export type RouteTableRuleNextHopType = "vpcpeering" | "havip" | "bm" | "vm" | "natgw" | "igw" | "igw6" | "dc" | "ticc" | "vpngw" | "enic" | "gwlbe";

export interface RouteTableRuleArgs extends CommonArgs {
  /** The route table (a `RouteTable`'s `routeTableId`). Changing it replaces the rule. */
  readonly routeTableId: pulumi.Input<string>;
  /**
   * Where the route leads, as a CIDR in network form: `0.0.0.0/0`, `10.8.0.0/16`, `::/0`… (its IP
   * family sets the rule's IP version). Unique in the table. Changing it replaces the rule.
   */
  readonly destination: pulumi.Input<string>;
  /** The kind of next hop (see `RouteTableRuleNextHopType`). Changing it replaces the rule. */
  readonly nextHopType: pulumi.Input<RouteTableRuleNextHopType>;
  /**
   * The next hop's id, in the table's VPC: a `NatGateway`'s `natGatewayId` for `natgw`, an
   * `Instance`'s `instanceId` for `vm`, … Changing it replaces the rule.
   */
  readonly nextHopId: pulumi.Input<string>;
  /** Up to 128 characters, not starting with `http:` or `https:`. Default `""`. Updatable in place. */
  readonly description?: pulumi.Input<string>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the rule. */
  readonly regionId?: pulumi.Input<string>;
}

/** Where `RouteTableRule.get` finds an existing rule: its table, and the region (default: the stack's). */
export interface RouteTableRuleReadArgs {
  /** The route table the rule is in (the API lists rules per table). */
  readonly routeTableId: pulumi.Input<string>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. */
  readonly regionId?: pulumi.Input<string>;
}

/**
 * A route in a `RouteTable`: traffic to `destination` goes to the next hop — e.g. a private subnet's
 * `0.0.0.0/0` through a `NatGateway`. The next hop must exist in the table's VPC; a NAT gateway that
 * routes lead to cannot be deleted until they are. A replacement with the same destination deletes
 * the old rule first (destinations are unique in a table).
 *
 * Default timeouts: create 5m, update 5m, delete 5m.
 *
 * Updates in place: description. Replaces on: routeTableId, destination, nextHopType, nextHopId, region.
 *
 * @example
 * ```ts
 * new ctyun.RouteTableRule("egress", { routeTableId: privateRoutes.routeTableId, destination: "0.0.0.0/0", nextHopType: "natgw", nextHopId: nat.natGatewayId });
 * ```
 */
export class RouteTableRule extends pulumi.dynamic.Resource {
  /** The rule id, `route-rule-` followed by 10 characters. */
  declare readonly routeTableRuleId: pulumi.Output<string>;
  /** 4 or 6, from the destination. */
  declare readonly ipVersion: pulumi.Output<number>;
  /** The route table. */
  declare readonly routeTableId: pulumi.Output<string>;
  /** Where the route leads (a CIDR). */
  declare readonly destination: pulumi.Output<string>;
  /** The kind of next hop. */
  declare readonly nextHopType: pulumi.Output<RouteTableRuleNextHopType>;
  /** The next hop's id. */
  declare readonly nextHopId: pulumi.Output<string>;
  /** The rule description. */
  declare readonly description: pulumi.Output<string>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;

  /**
   * An existing route this stack does not manage, read by its id and its table: a read-only
   * resource whose outputs `pulumi refresh` keeps current and that `pulumi destroy` never deletes.
   * To take a route under management instead, create it with `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state: RouteTableRuleReadArgs, opts?: pulumi.CustomResourceOptions): RouteTableRule {
    return new RouteTableRule(name, state as unknown as RouteTableRuleArgs, { ...opts, id });
  }

  constructor(name: string, args: RouteTableRuleArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(routeTableRuleSpec, name, args, opts), opts, TOKEN_MODULE, routeTableRuleSpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.routeTableRuleId = this.id;
  }
}
