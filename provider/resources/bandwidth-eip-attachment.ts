import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { bandwidthEipAttachmentSpec } from "../specs/bandwidth-eip-attachment";

import provider = require("../providers/bandwidth-eip-attachment");

export interface BandwidthEipAttachmentArgs extends CommonArgs {
  /** The shared bandwidth (a `Bandwidth`'s `bandwidthId`). Changing it replaces the attachment. */
  readonly bandwidthId: pulumi.Input<string>;
  /** The EIP (an `Eip`'s `eipId`): on demand, in no other package. Changing it replaces the attachment. */
  readonly eipId: pulumi.Input<string>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the attachment. */
  readonly regionId?: pulumi.Input<string>;
}

/**
 * An on-demand EIP in a shared bandwidth package (`Bandwidth`): the EIP then uses the package's
 * bandwidth. While attached, neither the EIP nor the package can be deleted; Pulumi deletes the
 * attachment first. Its id is `<bandwidthId>:<eipId>`; adopt an existing one with that `adoptId`.
 *
 * Default timeouts: create 5m, update 5m, delete 5m.
 *
 * Updates in place: nothing (every input replaces it). Replaces on: every input.
 *
 * @example
 * ```ts
 * new ctyun.BandwidthEipAttachment("web", { bandwidthId: shared.bandwidthId, eipId: ip.eipId });
 * ```
 */
export class BandwidthEipAttachment extends pulumi.dynamic.Resource {
  /** `<bandwidthId>:<eipId>`, the attachment's id. */
  declare readonly bandwidthEipAttachmentId: pulumi.Output<string>;
  /** The EIP's public address. */
  declare readonly address: pulumi.Output<string>;
  /** The shared bandwidth. */
  declare readonly bandwidthId: pulumi.Output<string>;
  /** The EIP. */
  declare readonly eipId: pulumi.Output<string>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;

  /**
   * An existing attachment this stack does not manage, read by its id (`<bandwidthId>:<eipId>`): a
   * read-only resource whose outputs `pulumi refresh` keeps current and that `pulumi destroy` never
   * deletes. To take one under management instead, create it with `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): BandwidthEipAttachment {
    return new BandwidthEipAttachment(name, (state ?? {}) as BandwidthEipAttachmentArgs, { ...opts, id });
  }

  constructor(name: string, args: BandwidthEipAttachmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(bandwidthEipAttachmentSpec, name, args, opts), opts, TOKEN_MODULE, bandwidthEipAttachmentSpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.bandwidthEipAttachmentId = this.id;
  }
}
