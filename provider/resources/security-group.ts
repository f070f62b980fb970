import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { securityGroupSpec } from "../specs/security-group";

import provider = require("../providers/security-group");

export interface SecurityGroupArgs extends CommonArgs {
  /** The VPC the group belongs to (`vpc-` + 10 characters). Changing it replaces the group. */
  readonly vpcId: pulumi.Input<string>;
  /**
   * The group name: 2–32 characters, starting with a letter or Chinese character, then letters,
   * digits, Chinese characters, `_` or `-`; need not be unique. Default: `<logical name>-<7 hex>`.
   * Updatable in place.
   */
  readonly name?: pulumi.Input<string>;
  /** Up to 128 characters, not starting with `http:`/`https:`. Default `""`. Updatable in place. */
  readonly description?: pulumi.Input<string>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the group. */
  readonly regionId?: pulumi.Input<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). Default: `ctyun:projectId`. Changing it replaces the group. */
  readonly projectId?: pulumi.Input<string>;
}

/**
 * A CTyun security group. CTyun gives every new group default rules allowing all outbound IPv4 and
 * IPv6 traffic (priority 100) and no inbound rule; add rules with `SecurityGroupRule`. Default
 * timeouts: create 5m, update 5m, delete 10m (delete waits while VMs still use the group).
 *
 * Updates in place: name, description. Replaces on: vpcId, region, project.
 *
 * @example
 * ```ts
 * const web = new ctyun.SecurityGroup("web", { vpcId: vpc.vpcId });
 * ```
 */
export class SecurityGroup extends pulumi.dynamic.Resource {
  /** The security group id, `sg-` followed by 10 characters. */
  declare readonly securityGroupId: pulumi.Output<string>;
  /** The VPC the group belongs to (`vpc-` + 10 characters). */
  declare readonly vpcId: pulumi.Output<string>;
  /** The group name: 2–32 characters, starting with a letter or Chinese character, then letters, digits, Chinese characters, `_` or `-`; need not be unique. */
  declare readonly name: pulumi.Output<string>;
  /** Up to 128 characters, not starting with `http:`/`https:`. */
  declare readonly description: pulumi.Output<string>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). */
  declare readonly projectId: pulumi.Output<string | undefined>;
  /** How many VMs use the group (as of the last create, update or refresh). */
  declare readonly vmNum: pulumi.Output<number>;

  /**

   * An existing security group this stack does not manage (another stack's, another team's, or made by

   * hand), read by its id: a read-only resource whose outputs `pulumi refresh` keeps current and

   * that `pulumi destroy` never deletes. To take a security group under management instead, create it

   * with `adoptId`.

   */

  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): SecurityGroup {

    return new SecurityGroup(name, (state ?? {}) as SecurityGroupArgs, { ...opts, id });

  }


  constructor(name: string, args: SecurityGroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceProps(securityGroupSpec, name, args, opts),
      opts,
      TOKEN_MODULE,
      securityGroupSpec.type,
    );
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.securityGroupId = this.id;
  }
}
