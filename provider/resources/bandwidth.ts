import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { bandwidthSpec } from "../specs/bandwidth";

import provider = require("../providers/bandwidth");

/**
 * How a shared bandwidth is paid for. Changing it replaces the package.
 *
 * - `{ mode: "onDemand" }`: pay as you go.
 * - `{ mode: "monthly", count }`: a subscription of 1–11 months, paid up front.
 * - `{ mode: "yearly", count }`: a subscription of 1–3 years, paid up front.
 */
export type BandwidthBillingArgs =
  | { readonly mode: "onDemand" }
  | { readonly mode: "monthly"; readonly count: pulumi.Input<number> }
  | { readonly mode: "yearly"; readonly count: pulumi.Input<number> };

/** The billing as stored. */
export type BandwidthBilling = { readonly mode: "onDemand" } | { readonly mode: "monthly"; readonly count: number } | { readonly mode: "yearly"; readonly count: number };

export interface BandwidthArgs extends CommonArgs {
  /** Peak bandwidth shared by the package's EIPs, a whole number of Mbps from 5 to 1000. Updatable in place (a billing order). */
  readonly bandwidth: pulumi.Input<number>;
  /**
   * The package name: 2–63 characters, starting with a letter or Chinese character, then letters,
   * digits, Chinese characters, `_` or `-`; unique in the region. Default: `<logical name>-<7 hex>`.
   * Updatable in place.
   */
  readonly name?: pulumi.Input<string>;
  /**
   * How the package is paid for. Default `{ mode: "onDemand" }`. Changing it replaces the package.
   * The API does not report it back, so when adopting (`adoptId`) set it to what the package was bought with.
   */
  readonly billing?: pulumi.Input<BandwidthBillingArgs>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the package. */
  readonly regionId?: pulumi.Input<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). Default: `ctyun:projectId`. Replaces. */
  readonly projectId?: pulumi.Input<string>;
}

/**
 * A CTyun shared bandwidth package (共享带宽): one bandwidth, bought through a billing order, that
 * several on-demand EIPs share instead of paying for their own. Put EIPs in it with
 * `BandwidthEipAttachment`. A package that still has EIPs cannot be deleted (delete waits while
 * its attachments go away).
 *
 * Default timeouts: create 10m (the order), update 10m (a bandwidth order), delete 10m (the
 * unsubscribe order). If create times out while the order is still running, the next `pulumi up`
 * resumes waiting for the same order instead of buying a second package.
 *
 * Updates in place: name, bandwidth (billing order). Replaces on: billing, region, project.
 *
 * @example
 * ```ts
 * const shared = new ctyun.Bandwidth("shared", { bandwidth: 50 });
 * new ctyun.BandwidthEipAttachment("web", { bandwidthId: shared.bandwidthId, eipId: ip.eipId });
 * ```
 */
export class Bandwidth extends pulumi.dynamic.Resource {
  /** The package id, `bandwidth-` followed by 10 characters. */
  declare readonly bandwidthId: pulumi.Output<string>;
  /** Lower-cased from the API: `active`, `expired`, `freezing` (as of the last create, update or refresh). */
  declare readonly status: pulumi.Output<string>;
  /** The EIPs in the package (through attachments of this stack or of others). */
  declare readonly eipIds: pulumi.Output<string[]>;
  /** When the package was created (RFC 3339). */
  declare readonly createTime: pulumi.Output<string>;
  /** End of a monthly or yearly term (RFC 3339); undefined on demand. */
  declare readonly expireTime: pulumi.Output<string | undefined>;
  /** The package name. */
  declare readonly name: pulumi.Output<string>;
  /** Peak bandwidth in Mbps as the cloud reports it. */
  declare readonly bandwidth: pulumi.Output<number>;
  /** How the package is paid for. */
  declare readonly billing: pulumi.Output<BandwidthBilling>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). */
  declare readonly projectId: pulumi.Output<string | undefined>;

  /**
   * An existing shared bandwidth this stack does not manage, read by its id: a read-only resource
   * whose outputs `pulumi refresh` keeps current and that `pulumi destroy` never deletes. To take a
   * package under management instead, create it with `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): Bandwidth {
    return new Bandwidth(name, (state ?? {}) as BandwidthArgs, { ...opts, id });
  }

  constructor(name: string, args: BandwidthArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(bandwidthSpec, name, args, opts), opts, TOKEN_MODULE, bandwidthSpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.bandwidthId = this.id;
  }
}
