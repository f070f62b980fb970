import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { affinityGroupAttachmentSpec } from "../specs/affinity-group-attachment";

import provider = require("../providers/affinity-group-attachment");

export interface AffinityGroupAttachmentArgs extends CommonArgs {
  /** The group (an `AffinityGroup`'s `affinityGroupId`). Changing it replaces the attachment. */
  readonly affinityGroupId: pulumi.Input<string>;
  /**
   * The instance (UUID) to put in the group: running, stopped or shelved, and in no other group.
   * Changing it replaces the attachment.
   */
  readonly instanceId: pulumi.Input<string>;
  /**
   * Let the cloud move the instance to another host when its current one does not fit the group's
   * policy (a running instance may restart). Default `false`: such a join fails, naming the reason.
   * Updatable in place (it only matters while joining).
   */
  readonly allowMigration?: pulumi.Input<boolean>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the attachment. */
  readonly regionId?: pulumi.Input<string>;
}

/**
 * An existing instance in an affinity group. Create checks first whether the instance can join
 * where it runs (otherwise it must move: `allowMigration`), joins, and waits until the instance
 * shows the group; delete takes it out. An instance is in at most one group. For a new instance,
 * `Instance` `affinityGroupId` places it right away instead. Adopt an existing membership with
 * `adoptId: "<affinityGroupId>:<instanceId>"`.
 *
 * Default timeouts: create 10m, update 10m, delete 10m.
 *
 * Updates in place: allowMigration. Replaces on: affinityGroupId, instanceId, region.
 *
 * @example
 * ```ts
 * new ctyun.AffinityGroupAttachment("db-1-spread", { affinityGroupId: spread.affinityGroupId, instanceId: db1.instanceId });
 * ```
 */
export class AffinityGroupAttachment extends pulumi.dynamic.Resource {
  /** `<affinityGroupId>:<instanceId>`, the attachment's id. */
  declare readonly affinityGroupAttachmentId: pulumi.Output<string>;
  /** The group. */
  declare readonly affinityGroupId: pulumi.Output<string>;
  /** The instance. */
  declare readonly instanceId: pulumi.Output<string>;
  /** Whether the instance could move to another host to join. */
  declare readonly allowMigration: pulumi.Output<boolean>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;

  /**
   * An existing membership this stack does not manage, read by its id `<affinityGroupId>:<instanceId>`:
   * a read-only resource whose outputs `pulumi refresh` keeps current and that `pulumi destroy` never
   * changes. To take it under management instead, create the attachment with `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): AffinityGroupAttachment {
    return new AffinityGroupAttachment(name, (state ?? {}) as AffinityGroupAttachmentArgs, { ...opts, id });
  }

  constructor(name: string, args: AffinityGroupAttachmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(affinityGroupAttachmentSpec, name, args, opts), opts, TOKEN_MODULE, affinityGroupAttachmentSpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.affinityGroupAttachmentId = this.id;
  }
}
