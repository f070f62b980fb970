import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { eipSpec } from "../specs/eip";

import provider = require("../providers/eip");

/**
 * How an EIP is paid for. Changing it replaces the EIP (a new address is bought).
 *
 * - `{ mode: "onDemand" }`: pay as you go, charged by peak bandwidth (`chargeBy: "bandwidth"`, the
 *   default) or by outbound traffic (`chargeBy: "traffic"`).
 * - `{ mode: "monthly", count }`: a subscription of 1–11 months, paid up front.
 * - `{ mode: "yearly", count }`: a subscription of 1–3 years, paid up front.
 */
export type EipBillingArgs =
  | { readonly mode: "onDemand"; readonly chargeBy?: pulumi.Input<"bandwidth" | "traffic"> }
  | { readonly mode: "monthly"; readonly count: pulumi.Input<number> }
  | { readonly mode: "yearly"; readonly count: pulumi.Input<number> };

/** The billing as stored (on-demand always carries its `chargeBy`). */
export type EipBilling =
  | { readonly mode: "onDemand"; readonly chargeBy: "bandwidth" | "traffic" }
  | { readonly mode: "monthly"; readonly count: number }
  | { readonly mode: "yearly"; readonly count: number };

export interface EipArgs extends CommonArgs {
  /**
   * The EIP name: 2–32 characters, starting with a letter or Chinese character, then letters,
   * digits, Chinese characters, `_` or `-`. Default: `<logical name>-<7 hex>`. Updatable in place.
   */
  readonly name?: pulumi.Input<string>;
  /**
   * Peak bandwidth in Mbps, a whole number from 1 to 1024. Default 1. Updatable in place (a
   * billing order; the EIP shows `updating` until it completes).
   */
  readonly bandwidth?: pulumi.Input<number>;
  /**
   * How the EIP is paid for. Default `{ mode: "onDemand", chargeBy: "bandwidth" }`. Changing it
   * replaces the EIP. The API does not report it back, so when adopting an EIP (`adoptId`) set it
   * to what the EIP was bought with.
   */
  readonly billing?: pulumi.Input<EipBillingArgs>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the EIP. */
  readonly regionId?: pulumi.Input<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). Default: `ctyun:projectId`. Replaces. */
  readonly projectId?: pulumi.Input<string>;
}

/**
 * A CTyun elastic IP: a public IPv4 address bought through a billing order. Bind it to a VM with
 * an `EipAssociation`; an EIP that is still associated cannot be deleted, so delete (or let Pulumi
 * delete) the association first.
 *
 * Default timeouts: create 10m (the order), update 10m (a bandwidth order), delete 10m (the
 * unsubscribe order). If create times out while the order is still running, the next `pulumi up`
 * resumes waiting for the same order instead of buying a second EIP.
 *
 * Updates in place: name, bandwidth (billing order). Replaces on: billing, region, project.
 *
 * @example
 * ```ts
 * const ip = new ctyun.Eip("web", { bandwidth: 5 });
 * ```
 */
export class Eip extends pulumi.dynamic.Resource {
  /** The EIP id, `eip-` followed by 10 characters. */
  declare readonly eipId: pulumi.Output<string>;
  /** The public IPv4 address. */
  declare readonly address: pulumi.Output<string>;
  /**
   * The EIP status, lower-cased from the API: `down` (not bound), `active` (bound), `updating`
   * (a bandwidth order runs), `deleting`, `error`, `expired`, … (as of the last create, update or refresh).
   */
  declare readonly status: pulumi.Output<string>;
  /** The EIP name: 2–32 characters, starting with a letter or Chinese character, then letters, digits, Chinese characters, `_` or `-`. */
  declare readonly name: pulumi.Output<string>;
  /** Peak bandwidth in Mbps as the cloud reports it. */
  declare readonly bandwidth: pulumi.Output<number>;
  /** How the EIP is paid for. */
  declare readonly billing: pulumi.Output<EipBilling>;
  /** End of a monthly or yearly term (RFC 3339, UTC); undefined for on-demand EIPs. */
  declare readonly expireTime: pulumi.Output<string | undefined>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). */
  declare readonly projectId: pulumi.Output<string | undefined>;

  /**

   * An existing elastic IP this stack does not manage (another stack's, another team's, or made by

   * hand), read by its id: a read-only resource whose outputs `pulumi refresh` keeps current and

   * that `pulumi destroy` never deletes. To take a elastic IP under management instead, create it

   * with `adoptId`.

   */

  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): Eip {

    return new Eip(name, (state ?? {}) as EipArgs, { ...opts, id });

  }


  constructor(name: string, args: EipArgs = {}, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceProps(eipSpec, name, args, opts),
      opts,
      TOKEN_MODULE,
      eipSpec.type,
    );
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.eipId = this.id;
  }
}
