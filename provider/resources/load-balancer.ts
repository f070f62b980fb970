import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { loadBalancerSpec } from "../specs/load-balancer";

import provider = require("../providers/load-balancer");

/**
 * A load balancer's performance spec ("保障型" pgelb specs): `elb.s2.small` (standard I),
 * `elb.s2.large` (standard II), `elb.s3.*` (enhanced), `elb.s4.*` (higher), `elb.s5.*` (super).
 */
export type LoadBalancerSpecName = "elb.s2.small" | "elb.s2.large" | "elb.s3.small" | "elb.s3.large" | "elb.s4.small" | "elb.s4.large" | "elb.s5.small" | "elb.s5.large";

/** `internal`: a private address only; `external`: also a public address (its EIP). */
export type LoadBalancerType = "internal" | "external";

/**
 * How a load balancer is paid for. Changing it replaces the load balancer.
 *
 * - `{ mode: "onDemand" }`: pay as you go.
 * - `{ mode: "monthly", count }`: a subscription of 1–11 months.
 * - `{ mode: "yearly", count }`: a subscription of 1–3 years.
 */
export type LoadBalancerBillingArgs = { readonly mode: "onDemand" } | { readonly mode: "monthly"; readonly count: pulumi.Input<number> } | { readonly mode: "yearly"; readonly count: pulumi.Input<number> };

/** The billing as stored. */
export type LoadBalancerBilling = { readonly mode: "onDemand" } | { readonly mode: "monthly"; readonly count: number } | { readonly mode: "yearly"; readonly count: number };

export interface LoadBalancerArgs extends CommonArgs {
  /**
   * The load balancer name, unique in the region: 2–32 characters, starting with a letter or Chinese
   * character, then letters, digits, Chinese characters, `_` or `-`. Default: `<logical name>-<7 hex>`.
   * Updatable in place.
   */
  readonly name?: pulumi.Input<string>;
  /** A description of at most 128 characters. Default `""`. Updatable in place. */
  readonly description?: pulumi.Input<string>;
  /** The subnet the load balancer takes its private address in (`subnet-…`). Changing it replaces the load balancer. */
  readonly subnetId: pulumi.Input<string>;
  /**
   * `internal` (a private address only) or `external` (with the EIP `eipId` as its public address).
   * Default: `external` when `eipId` is set, else `internal`. Changing it replaces the load balancer.
   */
  readonly type?: pulumi.Input<LoadBalancerType>;
  /**
   * The EIP (`eip-…`) an external load balancer answers on; it must not be bound to anything else, and
   * stays bound until the load balancer is deleted. Required for (and only for) `external`. Changing it
   * replaces the load balancer.
   */
  readonly eipId?: pulumi.Input<string>;
  /** The performance spec. Default `elb.s2.small`. Updatable in place (a billing order). */
  readonly spec?: pulumi.Input<LoadBalancerSpecName>;
  /**
   * The private IPv4 address in the subnet. Default: the lowest free address. Changing it replaces the
   * load balancer.
   */
  readonly privateIp?: pulumi.Input<string>;
  /** When true the cloud refuses to delete the load balancer (set it to false before deleting). Default false. Updatable in place. */
  readonly deleteProtection?: pulumi.Input<boolean>;
  /** How the load balancer is paid for. Default `{ mode: "onDemand" }`. Changing it replaces the load balancer. */
  readonly billing?: pulumi.Input<LoadBalancerBillingArgs>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the load balancer. */
  readonly regionId?: pulumi.Input<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). Default: `ctyun:projectId`. Replaces. */
  readonly projectId?: pulumi.Input<string>;
}

/**
 * A CTyun elastic load balancer (ELB, the performance-guaranteed "pgelb" kind), bought through a
 * billing order: it takes an address in a subnet and, when external, an EIP as its public address.
 * Add `Listener`s to it; they forward to `TargetGroup`s of the same VPC.
 *
 * Default timeouts: create 20m (the order), update 20m (a spec order), delete 20m (the refund order).
 * If create times out while the order is still running, the next `pulumi up` resumes waiting for the
 * same order instead of buying a second load balancer. A load balancer with listeners cannot be
 * deleted: Pulumi deletes the listeners first.
 *
 * Updates in place: name, description, spec (billing order), deleteProtection. Replaces on: subnetId,
 * type, eipId, privateIp, billing, region, project.
 *
 * @example
 * ```ts
 * const ip = new ctyun.Eip("web", { bandwidth: 10 });
 * const lb = new ctyun.LoadBalancer("web", { subnetId: publicSubnet.subnetId, eipId: ip.eipId });
 * export const url = pulumi.interpolate`http://${lb.publicAddress}/`;
 * ```
 */
export class LoadBalancer extends pulumi.dynamic.Resource {
  /** The load balancer id, `lb-` followed by 10 characters. */
  declare readonly loadBalancerId: pulumi.Output<string>;
  /** The VPC of its subnet. */
  declare readonly vpcId: pulumi.Output<string | undefined>;
  /** The private IPv4 address the cloud gave it in the subnet. */
  declare readonly privateAddress: pulumi.Output<string | undefined>;
  /** The public IPv4 address (its EIP's) of an external load balancer; undefined for internal ones. */
  declare readonly publicAddress: pulumi.Output<string | undefined>;
  /** The status, lower-cased: `active` or `down` (as of the last create, update or refresh). */
  declare readonly status: pulumi.Output<string | undefined>;
  /** The load balancer name. */
  declare readonly name: pulumi.Output<string>;
  /** The description. */
  declare readonly description: pulumi.Output<string>;
  /** The subnet it is in. */
  declare readonly subnetId: pulumi.Output<string>;
  /** `internal` or `external`. */
  declare readonly type: pulumi.Output<LoadBalancerType>;
  /** The EIP of an external load balancer. */
  declare readonly eipId: pulumi.Output<string | undefined>;
  /** The performance spec. */
  declare readonly spec: pulumi.Output<LoadBalancerSpecName>;
  /** The private address the program asked for, if any. */
  declare readonly privateIp: pulumi.Output<string | undefined>;
  /** Whether the cloud refuses to delete it. */
  declare readonly deleteProtection: pulumi.Output<boolean>;
  /** How it is paid for. */
  declare readonly billing: pulumi.Output<LoadBalancerBilling>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). */
  declare readonly projectId: pulumi.Output<string | undefined>;

  /**
   * An existing load balancer this stack does not manage (another stack's, another team's, or made
   * by hand), read by its id: a read-only resource whose outputs `pulumi refresh` keeps current and
   * that `pulumi destroy` never deletes. To take a load balancer under management instead, create it
   * with `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): LoadBalancer {
    return new LoadBalancer(name, (state ?? {}) as LoadBalancerArgs, { ...opts, id });
  }

  constructor(name: string, args: LoadBalancerArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(loadBalancerSpec, name, args, opts), opts, TOKEN_MODULE, loadBalancerSpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.loadBalancerId = this.id;
  }
}
