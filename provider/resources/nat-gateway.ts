import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { natGatewaySpec } from "../specs/nat-gateway";

import provider = require("../providers/nat-gateway");

/** The size of a NAT gateway (its connection capacity), as the API names it. */
export type NatGatewaySpec = "small" | "medium" | "large" | "xlarge";

/**
 * How a NAT gateway is paid for. Changing it replaces the gateway.
 *
 * - `{ mode: "onDemand" }`: pay as you go.
 * - `{ mode: "monthly", count }`: a subscription of 1–11 months, paid up front.
 * - `{ mode: "yearly", count }`: a subscription of 1–3 years, paid up front.
 */
export type NatGatewayBillingArgs =
  | { readonly mode: "onDemand" }
  | { readonly mode: "monthly"; readonly count: pulumi.Input<number> }
  | { readonly mode: "yearly"; readonly count: pulumi.Input<number> };

/** The billing as stored. */
export type NatGatewayBilling = { readonly mode: "onDemand" } | { readonly mode: "monthly"; readonly count: number } | { readonly mode: "yearly"; readonly count: number };

export interface NatGatewayArgs extends CommonArgs {
  /** The VPC the gateway serves (`vpc-` + 10 characters). Changing it replaces the gateway. */
  readonly vpcId: pulumi.Input<string>;
  /**
   * The gateway name: 2–32 characters, starting with a letter or Chinese character, then letters,
   * digits, Chinese characters, `_` or `-`. Default: `<logical name>-<7 hex>`. Updatable in place.
   */
  readonly name?: pulumi.Input<string>;
  /** Up to 128 characters, not starting with `http:` or `https:`. Default `""`. Updatable in place. */
  readonly description?: pulumi.Input<string>;
  /**
   * Size: `small`, `medium`, `large` or `xlarge`. Default `small`. Updatable in place (a billing
   * order; the gateway keeps serving meanwhile).
   */
  readonly spec?: pulumi.Input<NatGatewaySpec>;
  /**
   * The availability zone the gateway is placed in (CTyun places a NAT gateway in a VPC and a zone,
   * not in a subnet). Default: stack config `ctyun:azName`; when that is unset too, the cloud picks
   * the region's first zone. Changing it replaces the gateway.
   */
  readonly azName?: pulumi.Input<string>;
  /**
   * How the gateway is paid for. Default `{ mode: "onDemand" }`. Changing it replaces the gateway.
   * The API does not report it back, so when adopting a gateway (`adoptId`) set it to what the
   * gateway was bought with.
   */
  readonly billing?: pulumi.Input<NatGatewayBillingArgs>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the gateway. */
  readonly regionId?: pulumi.Input<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). Default: `ctyun:projectId`. Replaces. */
  readonly projectId?: pulumi.Input<string>;
}

/**
 * A CTyun NAT gateway: gives the VPC's private subnets a way out to the internet (`SnatRule`) and
 * brings public ports in to private addresses (`DnatRule`), through EIPs. Bought through a billing
 * order; placed in a VPC and an availability zone (the API has no subnet placement). A gateway that
 * still has SNAT or DNAT rules cannot be deleted: Pulumi deletes the rules first when they refer to
 * this gateway's `natGatewayId`.
 *
 * Default timeouts: create 15m (the order), update 15m (a spec order), delete 15m (the unsubscribe
 * order). If create times out while the order is still running, the next `pulumi up` resumes waiting
 * for the same order instead of buying a second gateway.
 *
 * Updates in place: name, description, spec (billing order). Replaces on: vpcId, azName, billing,
 * region, project.
 *
 * @example
 * ```ts
 * const nat = new ctyun.NatGateway("egress", { vpcId: vpc.vpcId, spec: "small" });
 * ```
 */
export class NatGateway extends pulumi.dynamic.Resource {
  /** The gateway id, `natgw-` followed by 10 characters. */
  declare readonly natGatewayId: pulumi.Output<string>;
  /** The gateway state as the API reports it: `running`, `expired`, `freeze`, … (as of the last create, update or refresh). */
  declare readonly status: pulumi.Output<string>;
  /** The IPv4 range of the gateway's VPC. */
  declare readonly vpcCidr: pulumi.Output<string>;
  /** When the gateway was created (RFC 3339). */
  declare readonly createTime: pulumi.Output<string>;
  /** End of a monthly or yearly term (RFC 3339); undefined for on-demand gateways. */
  declare readonly expireTime: pulumi.Output<string | undefined>;
  /** The VPC the gateway serves. */
  declare readonly vpcId: pulumi.Output<string>;
  /** The gateway name: 2–32 characters, starting with a letter or Chinese character, then letters, digits, Chinese characters, `_` or `-`. */
  declare readonly name: pulumi.Output<string>;
  /** The gateway description. */
  declare readonly description: pulumi.Output<string>;
  /** Size: `small`, `medium`, `large` or `xlarge`. */
  declare readonly spec: pulumi.Output<NatGatewaySpec>;
  /** The availability zone the gateway is placed in (undefined when neither the program nor the stack named one). */
  declare readonly azName: pulumi.Output<string | undefined>;
  /** How the gateway is paid for. */
  declare readonly billing: pulumi.Output<NatGatewayBilling>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). */
  declare readonly projectId: pulumi.Output<string | undefined>;

  /**
   * An existing NAT gateway this stack does not manage (another stack's, another team's, or made by
   * hand), read by its id: a read-only resource whose outputs `pulumi refresh` keeps current and
   * that `pulumi destroy` never deletes. To take a NAT gateway under management instead, create it
   * with `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): NatGateway {
    return new NatGateway(name, (state ?? {}) as NatGatewayArgs, { ...opts, id });
  }

  constructor(name: string, args: NatGatewayArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(natGatewaySpec, name, args, opts), opts, TOKEN_MODULE, natGatewaySpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.natGatewayId = this.id;
  }
}
