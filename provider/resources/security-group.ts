import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs } from "./common";
import { securityGroupSpec } from "../specs/security-group";
import { providerFor } from "./shim";

const provider = providerFor(securityGroupSpec.type);

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
 */
export class SecurityGroup extends pulumi.dynamic.Resource {
  /** The security group id, `sg-` followed by 10 characters. */
  declare readonly securityGroupId: pulumi.Output<string>;
  declare readonly vpcId: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string>;
  declare readonly regionId: pulumi.Output<string>;
  declare readonly projectId: pulumi.Output<string | undefined>;
  /** How many VMs use the group (as of the last create, update or refresh). */
  declare readonly vmNum: pulumi.Output<number>;

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
