import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs } from "./common";
import { dnatRuleSpec } from "../specs/dnat-rule";

import provider = require("../providers/dnat-rule");

/** The transport protocol a DNAT rule forwards. */
export type DnatRuleProtocol = "tcp" | "udp";

export interface DnatRuleArgs extends CommonArgs {
  /** The NAT gateway the rule belongs to (a `NatGateway`'s `natGatewayId`). Changing it replaces the rule. */
  readonly natGatewayId: pulumi.Input<string>;
  /**
   * The EIP (`Eip` id) whose port is forwarded; not bound to a VM, nor used by another NAT gateway.
   * Updatable in place.
   */
  readonly eipId: pulumi.Input<string>;
  /** The public port, 1–1024. Updatable in place. */
  readonly externalPort: pulumi.Input<number>;
  /** The VM (instance UUID, in the gateway's VPC) the port forwards to. Give this or `internalIp`. Updatable in place. */
  readonly instanceId?: pulumi.Input<string>;
  /** The private IPv4 address the port forwards to. Give this or `instanceId`. Updatable in place. */
  readonly internalIp?: pulumi.Input<string>;
  /** The private port, 1–65535. Updatable in place. */
  readonly internalPort: pulumi.Input<number>;
  /** `tcp` (default) or `udp`. Updatable in place. */
  readonly protocol?: pulumi.Input<DnatRuleProtocol>;
  /** Up to 128 characters, not starting with `http:` or `https:`. Default `""`. Updatable in place. */
  readonly description?: pulumi.Input<string>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the rule. */
  readonly regionId?: pulumi.Input<string>;
}

/** Where `DnatRule.get` finds an existing rule: its gateway, and the region (default: the stack's). */
export interface DnatRuleReadArgs {
  /** The NAT gateway the rule belongs to (the API lists DNAT rules per gateway). */
  readonly natGatewayId: pulumi.Input<string>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. */
  readonly regionId?: pulumi.Input<string>;
}

/**
 * A DNAT rule of a `NatGateway`: a public port of an EIP forwarded to a port of a VM (or any private
 * address) in the gateway's VPC — e.g. SSH to a VM without a public address of its own. The rule
 * keeps its gateway from being unsubscribed and its EIP from being bound elsewhere until it is deleted.
 *
 * Default timeouts: create 5m, update 5m, delete 5m.
 *
 * Updates in place: eipId, externalPort, instanceId / internalIp, internalPort, protocol, description
 * (the API replaces the whole rule in one call). Replaces on: natGatewayId, region.
 *
 * @example
 * ```ts
 * new ctyun.DnatRule("ssh", { natGatewayId: nat.natGatewayId, eipId: ip.eipId, externalPort: 22, instanceId: vm.instanceId, internalPort: 22 });
 * ```
 */
export class DnatRule extends pulumi.dynamic.Resource {
  /** The rule id, `dnat-` followed by 10 characters. */
  declare readonly dnatId: pulumi.Output<string>;
  /** The EIP's public address. */
  declare readonly externalIp: pulumi.Output<string>;
  /** Where the traffic goes: the VM's private address, or `internalIp`. */
  declare readonly privateIp: pulumi.Output<string>;
  /** The rule state: `ACTIVE`, `CREATING`, `FREEZING`. */
  declare readonly state: pulumi.Output<string>;
  /** The NAT gateway the rule belongs to. */
  declare readonly natGatewayId: pulumi.Output<string>;
  /** The EIP whose port is forwarded. */
  declare readonly eipId: pulumi.Output<string>;
  /** The public port. */
  declare readonly externalPort: pulumi.Output<number>;
  /** The VM the port forwards to, for a VM target. */
  declare readonly instanceId: pulumi.Output<string | undefined>;
  /** The private address the port forwards to, for an address target. */
  declare readonly internalIp: pulumi.Output<string | undefined>;
  /** The private port. */
  declare readonly internalPort: pulumi.Output<number>;
  /** `tcp` or `udp`. */
  declare readonly protocol: pulumi.Output<DnatRuleProtocol>;
  /** The rule description. */
  declare readonly description: pulumi.Output<string>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;

  /**
   * An existing DNAT rule this stack does not manage, read by its id and its gateway: a read-only
   * resource whose outputs `pulumi refresh` keeps current and that `pulumi destroy` never deletes.
   * To take a DNAT rule under management instead, create it with `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state: DnatRuleReadArgs, opts?: pulumi.CustomResourceOptions): DnatRule {
    return new DnatRule(name, state as unknown as DnatRuleArgs, { ...opts, id });
  }

  constructor(name: string, args: DnatRuleArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(dnatRuleSpec, name, args, opts), opts, TOKEN_MODULE, dnatRuleSpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.dnatId = this.id;
  }
}
