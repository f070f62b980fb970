import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { securityGroupRuleSpec } from "../specs/security-group-rule";

import provider = require("../providers/security-group-rule");

export type SecurityGroupRuleDirection = "ingress" | "egress";
export type SecurityGroupRuleAction = "accept" | "drop";
export type SecurityGroupRuleProtocol = "any" | "tcp" | "udp" | "icmp";
export type SecurityGroupRuleEtherType = "ipv4" | "ipv6";

export interface SecurityGroupRuleArgs extends CommonArgs {
  /** The security group (`sg-` + 10 characters). Changing it replaces the rule. */
  readonly securityGroupId: pulumi.Input<string>;
  /** `ingress` (inbound) or `egress` (outbound). Changing it replaces the rule. */
  readonly direction: pulumi.Input<SecurityGroupRuleDirection>;
  /** `accept` or `drop` matching traffic. Changing it replaces the rule. */
  readonly action: pulumi.Input<SecurityGroupRuleAction>;
  /**
   * 1 (highest) to 100 (lowest); CTyun's own default rules use 100. Default 1, as the Terraform
   * provider sends. Changing it replaces the rule.
   */
  readonly priority?: pulumi.Input<number>;
  /** `any`, `tcp`, `udp` or `icmp`. Changing it replaces the rule. */
  readonly protocol: pulumi.Input<SecurityGroupRuleProtocol>;
  /** `ipv4` or `ipv6`. Changing it replaces the rule. */
  readonly etherType: pulumi.Input<SecurityGroupRuleEtherType>;
  /**
   * The remote address range, a CIDR in network form of the rule's `etherType`. Default
   * `0.0.0.0/0` (ipv4) or `::/0` (ipv6). Changing it replaces the rule.
   */
  readonly destCidrIp?: pulumi.Input<string>;
  /**
   * Ports: `"N"` or `"N-M"` with 1 ≤ N ≤ M ≤ 65535, no spaces. Required for `tcp` and `udp`,
   * not allowed for `any`, optional for `icmp` (ICMP types; unset = all). Changing it replaces the rule.
   */
  readonly range?: pulumi.Input<string>;
  /** Up to 128 characters, not starting with `http:`/`https:`. Default `""`. Updatable in place. */
  readonly description?: pulumi.Input<string>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the rule. */
  readonly regionId?: pulumi.Input<string>;
}

/**
 * One rule of a CTyun security group. CTyun refuses to hold two identical rules (same direction,
 * action, priority, protocol, ports and remote range): creating one fails with an error naming the
 * existing rule, which `adoptId` can take over. Replacing a rule by one CTyun sees as the same
 * deletes the old one first. Default timeouts: create 5m, update 5m, delete 5m.
 *
 * Updates in place: description. Replaces on: every other input.
 *
 * @example
 * ```ts
 * new ctyun.SecurityGroupRule("https", {
 *   securityGroupId: web.securityGroupId,
 *   direction: "ingress", action: "accept", protocol: "tcp", etherType: "ipv4",
 *   range: "443", destCidrIp: "0.0.0.0/0",
 * });
 * ```
 */
export class SecurityGroupRule extends pulumi.dynamic.Resource {
  /** The rule id (a UUID). */
  declare readonly securityGroupRuleId: pulumi.Output<string>;
  /** The security group (`sg-` + 10 characters). */
  declare readonly securityGroupId: pulumi.Output<string>;
  /** `ingress` (inbound) or `egress` (outbound). */
  declare readonly direction: pulumi.Output<SecurityGroupRuleDirection>;
  /** `accept` or `drop` matching traffic. */
  declare readonly action: pulumi.Output<SecurityGroupRuleAction>;
  /** 1 (highest) to 100 (lowest); CTyun's own default rules use 100. */
  declare readonly priority: pulumi.Output<number>;
  /** `any`, `tcp`, `udp` or `icmp`. */
  declare readonly protocol: pulumi.Output<SecurityGroupRuleProtocol>;
  /** `ipv4` or `ipv6`. */
  declare readonly etherType: pulumi.Output<SecurityGroupRuleEtherType>;
  /** The remote address range, a CIDR in network form of the rule's `etherType`. */
  declare readonly destCidrIp: pulumi.Output<string>;
  /** Ports: `"N"` or `"N-M"` with 1 ≤ N ≤ M ≤ 65535, no spaces. */
  declare readonly range: pulumi.Output<string | undefined>;
  /** Up to 128 characters, not starting with `http:`/`https:`. */
  declare readonly description: pulumi.Output<string>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;

  /**

   * An existing security group rule this stack does not manage (another stack's, another team's, or made by

   * hand), read by its id: a read-only resource whose outputs `pulumi refresh` keeps current and

   * that `pulumi destroy` never deletes. To take a security group rule under management instead, create it

   * with `adoptId`.

   */

  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): SecurityGroupRule {

    return new SecurityGroupRule(name, (state ?? {}) as SecurityGroupRuleArgs, { ...opts, id });

  }


  constructor(name: string, args: SecurityGroupRuleArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceProps(securityGroupRuleSpec, name, args, opts),
      opts,
      TOKEN_MODULE,
      securityGroupRuleSpec.type,
    );
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.securityGroupRuleId = this.id;
  }
}
