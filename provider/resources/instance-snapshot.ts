import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { instanceSnapshotSpec } from "../specs/instance-snapshot";

import provider = require("../providers/instance-snapshot");

export interface InstanceSnapshotArgs extends CommonArgs {
  /** The instance (UUID) to snapshot: running or stopped. Changing it replaces the snapshot. */
  readonly instanceId: pulumi.Input<string>;
  /**
   * The snapshot name: 2–63 characters without leading or trailing blanks; unique per region.
   * Default: `<logical name>-<7 hex>`. Updatable in place.
   */
  readonly name?: pulumi.Input<string>;
  /** A description, at most 256 characters. Updatable in place. */
  readonly description?: pulumi.Input<string>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the snapshot. */
  readonly regionId?: pulumi.Input<string>;
}

/**
 * A snapshot of a whole instance (every disk attached to it): an ECS snapshot. While the cloud takes
 * it the snapshot is `pending` and the instance `snapshotting` (its power operations wait); create
 * waits until it is `available`. Make an `Image` from it (`instanceSnapshotId`) without stopping the
 * instance.
 *
 * Default timeouts: create 30m, update 5m, delete 10m.
 *
 * Updates in place: name, description. Replaces on: instanceId, region.
 *
 * @example
 * ```ts
 * const snap = new ctyun.InstanceSnapshot("builder-snap", { instanceId: builder.instanceId });
 * const golden = new ctyun.Image("golden", { instanceSnapshotId: snap.instanceSnapshotId });
 * ```
 */
export class InstanceSnapshot extends pulumi.dynamic.Resource {
  /** The snapshot id (a UUID). */
  declare readonly instanceSnapshotId: pulumi.Output<string>;
  /** `pending`, `available` or `error` (as of the last create, update or refresh). */
  declare readonly status: pulumi.Output<string>;
  /** The instance's image when the snapshot was taken. */
  declare readonly imageId: pulumi.Output<string | undefined>;
  /** The snapshotted disks, the system disk first. */
  declare readonly diskIds: pulumi.Output<string[]>;
  /** When the snapshot was taken, as the cloud reports it. */
  declare readonly createTime: pulumi.Output<string | undefined>;
  /** The snapshotted instance. */
  declare readonly instanceId: pulumi.Output<string>;
  /** The snapshot name. */
  declare readonly name: pulumi.Output<string>;
  /** The description. */
  declare readonly description: pulumi.Output<string | undefined>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;

  /**
   * An existing instance snapshot this stack does not manage (another stack's, another team's, or
   * made by hand), read by its id: a read-only resource whose outputs `pulumi refresh` keeps current
   * and that `pulumi destroy` never deletes. To take a snapshot under management instead, create it
   * with `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): InstanceSnapshot {
    return new InstanceSnapshot(name, (state ?? {}) as InstanceSnapshotArgs, { ...opts, id });
  }

  constructor(name: string, args: InstanceSnapshotArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(instanceSnapshotSpec, name, args, opts), opts, TOKEN_MODULE, instanceSnapshotSpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.instanceSnapshotId = this.id;
  }
}
