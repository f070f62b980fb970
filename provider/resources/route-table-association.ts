import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { routeTableAssociationSpec } from "../specs/route-table-association";

import provider = require("../providers/route-table-association");

export interface RouteTableAssociationArgs extends CommonArgs {
  /** The route table (a `RouteTable`'s `routeTableId`) the subnet goes on. Changing it replaces the association. */
  readonly routeTableId: pulumi.Input<string>;
  /** The subnet (`subnet-` + 10 characters), in the table's VPC. Changing it replaces the association. */
  readonly subnetId: pulumi.Input<string>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the association. */
  readonly regionId?: pulumi.Input<string>;
}

/**
 * A subnet on a `RouteTable`. Every subnet is on exactly one table — its VPC's default table unless
 * moved — so this moves the subnet onto the table, and deleting it moves the subnet back to the
 * default table. A subnet another association already holds is not taken from it. Its id is
 * `<routeTableId>:<subnetId>`; adopt an existing one with that `adoptId`.
 *
 * This is a resource of its own, not a list on `RouteTable`: subnets and tables may belong to
 * different stacks, each association has its own lifecycle, and Pulumi removes it before the subnet
 * or the table it joins.
 *
 * Default timeouts: create 5m, update 5m, delete 5m.
 *
 * Updates in place: nothing (every input replaces it). Replaces on: every input.
 *
 * @example
 * ```ts
 * new ctyun.RouteTableAssociation("private", { routeTableId: privateRoutes.routeTableId, subnetId: privateSubnet.subnetId });
 * ```
 */
export class RouteTableAssociation extends pulumi.dynamic.Resource {
  /** `<routeTableId>:<subnetId>`, the association's id. */
  declare readonly routeTableAssociationId: pulumi.Output<string>;
  /** The route table the subnet is on. */
  declare readonly routeTableId: pulumi.Output<string>;
  /** The subnet. */
  declare readonly subnetId: pulumi.Output<string>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;

  /**
   * An existing association this stack does not manage, read by its id (`<routeTableId>:<subnetId>`):
   * a read-only resource whose outputs `pulumi refresh` keeps current and that `pulumi destroy` never
   * deletes. To take an association under management instead, create it with `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): RouteTableAssociation {
    return new RouteTableAssociation(name, (state ?? {}) as RouteTableAssociationArgs, { ...opts, id });
  }

  constructor(name: string, args: RouteTableAssociationArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(routeTableAssociationSpec, name, args, opts), opts, TOKEN_MODULE, routeTableAssociationSpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.routeTableAssociationId = this.id;
  }
}
