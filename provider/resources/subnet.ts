import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { subnetSpec } from "../specs/subnet";

import provider = require("../providers/subnet");

/** `common`: a subnet for VMs; `cbm`: a bare-metal (CTyun Bare Metal) subnet. */
export type SubnetType = "common" | "cbm";

export interface SubnetArgs extends CommonArgs {
  /** The VPC the subnet belongs to (`vpc-` + 10 characters). Changing it replaces the subnet. */
  readonly vpcId: pulumi.Input<string>;
  /**
   * The subnet name: 2–32 **bytes** of UTF-8 (a Chinese character counts 3), starting with a letter
   * or Chinese character, then letters, digits, Chinese characters, `_` or `-`; need not be unique.
   * Default: `<logical name>-<7 hex>` (set it yourself when the logical name is in Chinese and long).
   * Updatable in place.
   */
  readonly name?: pulumi.Input<string>;
  /**
   * The IPv4 range in network form with a prefix from /16 to /28, inside 10.0.0.0/8, 172.16.0.0/12
   * or 192.168.0.0/16, inside the VPC's CIDR and overlapping no other subnet of the VPC (checked
   * against the cloud before the create call). Changing it replaces the subnet; when the new range
   * overlaps the old one in the same VPC, the old subnet is deleted first.
   */
  readonly cidr: pulumi.Input<string>;
  /** Up to 128 characters, not starting with `http:`/`https:`. Default `""`. Updatable in place. */
  readonly description?: pulumi.Input<string>;
  /**
   * 1–4 distinct DNS server addresses (IPv4 or IPv6) handed to VMs by DHCP, in resolver order (the
   * order matters: reordering is an update). Default `["114.114.114.114", "8.8.8.8"]`. Updatable in place.
   */
  readonly dnsList?: pulumi.Input<pulumi.Input<string>[]>;
  /** Give the subnet an IPv6 /64 from the VPC's range (the VPC needs `enableIpv6`). Default `false`. Changing it replaces the subnet. */
  readonly enableIpv6?: pulumi.Input<boolean>;
  /** `common` (default) or `cbm` for bare-metal servers. Changing it replaces the subnet. */
  readonly type?: pulumi.Input<SubnetType>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the subnet. */
  readonly regionId?: pulumi.Input<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). Default: `ctyun:projectId`. Changing it replaces the subnet. */
  readonly projectId?: pulumi.Input<string>;
}

/**
 * A CTyun VPC subnet. The cloud places the gateway (`gatewayIp`) and the range VMs get addresses
 * from (`startIp`..`endIp`, the rest being reserved). Default timeouts: create 5m, update 5m,
 * delete 10m (delete waits while VM network interfaces are still leaving the subnet).
 *
 * Updates in place: name, description, dnsList. Replaces on: vpcId, cidr, enableIpv6, type, region, project.
 *
 * @example
 * ```ts
 * const subnet = new ctyun.Subnet("app", { vpcId: vpc.vpcId, cidr: "10.0.1.0/24" });
 * ```
 */
export class Subnet extends pulumi.dynamic.Resource {
  /** The subnet id, `subnet-` followed by 10 characters. */
  declare readonly subnetId: pulumi.Output<string>;
  /** The VPC the subnet belongs to (`vpc-` + 10 characters). */
  declare readonly vpcId: pulumi.Output<string>;
  /** The subnet name: 2–32 **bytes** of UTF-8 (a Chinese character counts 3), starting with a letter or Chinese character, then letters, digits, Chinese characters, `_` or `-`; need not be unique. */
  declare readonly name: pulumi.Output<string>;
  /** The IPv4 range in network form with a prefix from /16 to /28, inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, inside the VPC's CIDR and overlapping no other subnet of the VPC (checked against the cloud before the create call). */
  declare readonly cidr: pulumi.Output<string>;
  /** Up to 128 characters, not starting with `http:`/`https:`. */
  declare readonly description: pulumi.Output<string>;
  /** 1–4 distinct DNS server addresses (IPv4 or IPv6) handed to VMs by DHCP, in resolver order (the order matters: reordering is an update). */
  declare readonly dnsList: pulumi.Output<string[]>;
  /** Give the subnet an IPv6 /64 from the VPC's range (the VPC needs `enableIpv6`). */
  declare readonly enableIpv6: pulumi.Output<boolean>;
  /** `common` (default) or `cbm` for bare-metal servers. */
  declare readonly type: pulumi.Output<SubnetType>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). */
  declare readonly projectId: pulumi.Output<string | undefined>;
  /** The subnet's gateway address. */
  declare readonly gatewayIp: pulumi.Output<string>;
  /** The first address VMs can get. */
  declare readonly startIp: pulumi.Output<string>;
  /** The last address VMs can get. */
  declare readonly endIp: pulumi.Output<string>;
  /** Addresses still free (as of the last create, update or refresh). */
  declare readonly availableIpCount: pulumi.Output<number>;
  /** The subnet's IPv6 /64 when `enableIpv6` is set, else undefined. */
  declare readonly ipv6Cidr: pulumi.Output<string | undefined>;

  /**

   * An existing subnet this stack does not manage (another stack's, another team's, or made by

   * hand), read by its id: a read-only resource whose outputs `pulumi refresh` keeps current and

   * that `pulumi destroy` never deletes. To take a subnet under management instead, create it

   * with `adoptId`.

   */

  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): Subnet {

    return new Subnet(name, (state ?? {}) as SubnetArgs, { ...opts, id });

  }


  constructor(name: string, args: SubnetArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceProps(subnetSpec, name, args, opts),
      opts,
      TOKEN_MODULE,
      subnetSpec.type,
    );
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.subnetId = this.id;
  }
}
