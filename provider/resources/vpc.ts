import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { vpcSpec } from "../specs/vpc";

import provider = require("../providers/vpc");

export interface VpcArgs extends CommonArgs {
  /**
   * The VPC name: 2–32 characters, starting with a letter or Chinese character, then letters,
   * digits, Chinese characters, `_` or `-`. Default: `<logical name>-<7 hex>`. Updatable in place.
   */
  readonly name?: pulumi.Input<string>;
  /**
   * The IPv4 range in network form with a prefix from /8 to /28, e.g. `10.0.0.0/16` (CTyun
   * recommends 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 ranges). Changing it replaces the VPC.
   */
  readonly cidr: pulumi.Input<string>;
  /** Up to 128 characters, not starting with `http:`/`https:`. Default `""`. Updatable in place. */
  readonly description?: pulumi.Input<string>;
  /** Assign an IPv6 range. Default `false`. Changing it replaces the VPC. */
  readonly enableIpv6?: pulumi.Input<boolean>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the VPC. */
  readonly regionId?: pulumi.Input<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). Default: `ctyun:projectId`. Replaces. */
  readonly projectId?: pulumi.Input<string>;
}

/**
 * A CTyun VPC. Default timeouts: create 5m, update 5m, delete 10m (delete waits while subnets and
 * security groups are still being removed).
 *
 * Updates in place: name, description. Replaces on: cidr, enableIpv6, region, project.
 *
 * @example
 * ```ts
 * const vpc = new ctyun.Vpc("net", { cidr: "10.0.0.0/16", description: "app network" });
 * ```
 */
export class Vpc extends pulumi.dynamic.Resource {
  /** The VPC id, `vpc-` followed by 10 characters. */
  declare readonly vpcId: pulumi.Output<string>;
  /** The VPC name: 2–32 characters, starting with a letter or Chinese character, then letters, digits, Chinese characters, `_` or `-`. */
  declare readonly name: pulumi.Output<string>;
  /** The IPv4 range in network form with a prefix from /8 to /28, e.g. */
  declare readonly cidr: pulumi.Output<string>;
  /** Up to 128 characters, not starting with `http:`/`https:`. */
  declare readonly description: pulumi.Output<string>;
  /** Assign an IPv6 range. */
  declare readonly enableIpv6: pulumi.Output<boolean>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). */
  declare readonly projectId: pulumi.Output<string | undefined>;
  /** Subnets currently in the VPC (as of the last create, update or refresh). */
  declare readonly subnetIds: pulumi.Output<string[]>;
  /** The VPC's IPv6 ranges, when IPv6 is enabled. */
  declare readonly ipv6Cidrs: pulumi.Output<string[]>;

  /**

   * An existing VPC this stack does not manage (another stack's, another team's, or made by

   * hand), read by its id: a read-only resource whose outputs `pulumi refresh` keeps current and

   * that `pulumi destroy` never deletes. To take a VPC under management instead, create it

   * with `adoptId`.

   */

  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): Vpc {

    return new Vpc(name, (state ?? {}) as VpcArgs, { ...opts, id });

  }


  constructor(name: string, args: VpcArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceProps(vpcSpec, name, args, opts),
      opts,
      TOKEN_MODULE,
      vpcSpec.type,
    );
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.vpcId = this.id;
  }
}
