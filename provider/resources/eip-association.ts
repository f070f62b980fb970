import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { eipAssociationSpec } from "../specs/eip-association";

import provider = require("../providers/eip-association");

export interface EipAssociationArgs extends CommonArgs {
  /** The EIP to bind (`eip-` + 10 characters), e.g. `eip.eipId`. Changing it replaces the association. */
  readonly eipId: pulumi.Input<string>;
  /**
   * What to bind it to: an ECS instance id (a UUID) when `associationType` is `"vm"`, a HAVIP id
   * (`havip-` + 10 characters) when it is `"vip"`. The instance may hold only one EIP. Changing it
   * replaces the association.
   */
  readonly instanceId: pulumi.Input<string>;
  /** `"vm"` (an ECS instance, the default) or `"vip"` (a high-availability virtual IP). Changing it replaces the association. */
  readonly associationType?: pulumi.Input<"vm" | "vip">;
  /** Region (32-hex `regionID`) of the EIP. Default: stack config `ctyun:regionId`. Changing it replaces the association. */
  readonly regionId?: pulumi.Input<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). Default: `ctyun:projectId`. Replaces. */
  readonly projectId?: pulumi.Input<string>;
}

/**
 * Binds an EIP to an ECS instance (or a HAVIP). It exists as long as the EIP is bound to this very
 * target: a refresh after someone unbound it, or bound it elsewhere, removes it from the stack, and
 * the next `pulumi up` binds it again. A replacement unbinds the old pair before binding the new
 * one when they share the EIP or the instance. Adopt an existing binding with
 * `adoptId: "<eipId>:<instanceId>"`.
 *
 * Default timeouts: create 5m, update 5m, delete 5m.
 *
 * Updates in place: nothing (every input replaces it). Replaces on: every input.
 *
 * @example
 * ```ts
 * new ctyun.EipAssociation("web", { eipId: ip.eipId, instanceId: vm.instanceId });
 * ```
 */
export class EipAssociation extends pulumi.dynamic.Resource {
  /** `<eipId>:<instanceId>`. */
  declare readonly eipAssociationId: pulumi.Output<string>;
  /** The EIP to bind (`eip-` + 10 characters), e.g. */
  declare readonly eipId: pulumi.Output<string>;
  /** What to bind it to: an ECS instance id (a UUID) when `associationType` is `"vm"`, a HAVIP id (`havip-` + 10 characters) when it is `"vip"`. */
  declare readonly instanceId: pulumi.Output<string>;
  /** `"vm"` (an ECS instance, the default) or `"vip"` (a high-availability virtual IP). */
  declare readonly associationType: pulumi.Output<"vm" | "vip">;
  /** The EIP's public address. */
  declare readonly address: pulumi.Output<string>;
  /** The private address the EIP maps to: the instance's primary NIC address (empty for a VIP). */
  declare readonly privateIpAddress: pulumi.Output<string>;
  /** Region (32-hex `regionID`) of the EIP. */
  declare readonly regionId: pulumi.Output<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). */
  declare readonly projectId: pulumi.Output<string | undefined>;

  /**

   * An existing EIP binding this stack does not manage (another stack's, another team's, or made by

   * hand), read by its id: a read-only resource whose outputs `pulumi refresh` keeps current and

   * that `pulumi destroy` never deletes. To take a EIP binding under management instead, create it

   * with `adoptId`.

   */

  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): EipAssociation {

    return new EipAssociation(name, (state ?? {}) as EipAssociationArgs, { ...opts, id });

  }


  constructor(name: string, args: EipAssociationArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceProps(eipAssociationSpec, name, args, opts),
      opts,
      TOKEN_MODULE,
      eipAssociationSpec.type,
    );
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.eipAssociationId = this.id;
  }
}
