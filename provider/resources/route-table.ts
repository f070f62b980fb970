import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { routeTableSpec } from "../specs/route-table";

import provider = require("../providers/route-table");

export interface RouteTableArgs extends CommonArgs {
  /** The VPC the table belongs to (`vpc-` + 10 characters). Changing it replaces the table. */
  readonly vpcId: pulumi.Input<string>;
  /**
   * The table name: 2–32 characters, starting with a letter or Chinese character, then letters,
   * digits, Chinese characters, `_` or `-`. Default: `<logical name>-<7 hex>`. Updatable in place.
   */
  readonly name?: pulumi.Input<string>;
  /** Up to 128 characters, not starting with `http:` or `https:`. Default `""`. Updatable in place. */
  readonly description?: pulumi.Input<string>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the table. */
  readonly regionId?: pulumi.Input<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). Default: `ctyun:projectId`. Replaces. */
  readonly projectId?: pulumi.Input<string>;
}

/**
 * A route table of a VPC. Every VPC has a default table that all its subnets start on; a
 * `RouteTable` is a table of your own: put subnets on it with `RouteTableAssociation` and add routes
 * with `RouteTableRule`. A table that subnets are still on cannot be deleted (delete waits while its
 * associations go away), and a VPC with tables of its own cannot be deleted either.
 *
 * Default timeouts: create 5m, update 5m, delete 10m.
 *
 * Updates in place: name, description. Replaces on: vpcId, region, project.
 *
 * @example
 * ```ts
 * const privateRoutes = new ctyun.RouteTable("private", { vpcId: vpc.vpcId });
 * new ctyun.RouteTableAssociation("private", { routeTableId: privateRoutes.routeTableId, subnetId: privateSubnet.subnetId });
 * new ctyun.RouteTableRule("egress", { routeTableId: privateRoutes.routeTableId, destination: "0.0.0.0/0", nextHopType: "natgw", nextHopId: nat.natGatewayId });
 * ```
 */
export class RouteTable extends pulumi.dynamic.Resource {
  /** The table id, `rtb-` followed by 10 characters. */
  declare readonly routeTableId: pulumi.Output<string>;
  /** The subnets on this table (through associations of this stack or of others), as of the last create, update or refresh. */
  declare readonly subnetIds: pulumi.Output<string[]>;
  /** `default` for a VPC's own table (read with `get`), `user` for a table of your own. */
  declare readonly origin: pulumi.Output<string>;
  /** When the table was created (RFC 3339). */
  declare readonly createTime: pulumi.Output<string>;
  /** The VPC the table belongs to. */
  declare readonly vpcId: pulumi.Output<string>;
  /** The table name. */
  declare readonly name: pulumi.Output<string>;
  /** The table description. */
  declare readonly description: pulumi.Output<string>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). */
  declare readonly projectId: pulumi.Output<string | undefined>;

  /**
   * An existing route table this stack does not manage (a VPC's default table, another stack's, or
   * made by hand), read by its id: a read-only resource whose outputs `pulumi refresh` keeps current
   * and that `pulumi destroy` never deletes. To take a route table under management instead, create
   * it with `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): RouteTable {
    return new RouteTable(name, (state ?? {}) as RouteTableArgs, { ...opts, id });
  }

  constructor(name: string, args: RouteTableArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(routeTableSpec, name, args, opts), opts, TOKEN_MODULE, routeTableSpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.routeTableId = this.id;
  }
}
