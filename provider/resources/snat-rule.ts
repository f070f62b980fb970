import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { snatRuleSpec } from "../specs/snat-rule";

import provider = require("../providers/snat-rule");

export interface SnatRuleArgs extends CommonArgs {
  /** The NAT gateway the traffic leaves through (a `NatGateway`'s `natGatewayId`). Changing it replaces the rule. */
  readonly natGatewayId: pulumi.Input<string>;
  /**
   * The source: a subnet of the gateway's VPC (`subnet-` + 10 characters). Give this or
   * `sourceCidr`, not both. While the rule exists, the subnet cannot be deleted, so changing it
   * replaces the rule (a subnet replaced delete-first then takes the rule with it); changing to or
   * from `sourceCidr` does too.
   */
  readonly sourceSubnetId?: pulumi.Input<string>;
  /** The source as an IPv4 range in network form, e.g. `10.0.8.0/24`. Give this or `sourceSubnetId`. Updatable in place from one range to another. */
  readonly sourceCidr?: pulumi.Input<string>;
  /**
   * The EIPs (`Eip` ids) whose addresses the source leaves with: 1–5, none bound to a VM or used by
   * another NAT gateway. Order does not matter. Updatable in place (added before removed).
   */
  readonly eipIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Up to 128 characters, not starting with `http:` or `https:`. Default `""`. Updatable in place. */
  readonly description?: pulumi.Input<string>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the rule. */
  readonly regionId?: pulumi.Input<string>;
}

/**
 * An SNAT rule of a `NatGateway`: a private subnet (or any IPv4 range) reaches the internet with the
 * addresses of the given EIPs, without public addresses of its own. The rule keeps its subnet from
 * being deleted, and its gateway from being unsubscribed, until it is deleted.
 *
 * Default timeouts: create 5m, update 5m, delete 5m.
 *
 * Updates in place: sourceCidr, eipIds, description. Replaces on: natGatewayId, sourceSubnetId, region.
 *
 * @example
 * ```ts
 * new ctyun.SnatRule("private-out", { natGatewayId: nat.natGatewayId, sourceSubnetId: privateSubnet.subnetId, eipIds: [egressIp.eipId] });
 * ```
 */
export class SnatRule extends pulumi.dynamic.Resource {
  /** The rule id, `snat-` followed by 10 characters. */
  declare readonly snatId: pulumi.Output<string>;
  /** The source as an IPv4 range (the subnet's range for a subnet source). */
  declare readonly sourceRange: pulumi.Output<string>;
  /** The public addresses of the rule's EIPs. */
  declare readonly eipAddresses: pulumi.Output<string[]>;
  /** When the rule was created (RFC 3339). */
  declare readonly createTime: pulumi.Output<string>;
  /** The NAT gateway the traffic leaves through. */
  declare readonly natGatewayId: pulumi.Output<string>;
  /** The source subnet, when the source is a subnet. */
  declare readonly sourceSubnetId: pulumi.Output<string | undefined>;
  /** The source range, when the source is a CIDR. */
  declare readonly sourceCidr: pulumi.Output<string | undefined>;
  /** The EIPs the source leaves with. */
  declare readonly eipIds: pulumi.Output<string[]>;
  /** The rule description. */
  declare readonly description: pulumi.Output<string>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;

  /**
   * An existing SNAT rule this stack does not manage, read by its id: a read-only resource whose
   * outputs `pulumi refresh` keeps current and that `pulumi destroy` never deletes. To take an SNAT
   * rule under management instead, create it with `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): SnatRule {
    return new SnatRule(name, (state ?? {}) as SnatRuleArgs, { ...opts, id });
  }

  constructor(name: string, args: SnatRuleArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(snatRuleSpec, name, args, opts), opts, TOKEN_MODULE, snatRuleSpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.snatId = this.id;
  }
}
