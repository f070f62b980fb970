import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { diskSnapshotSpec } from "../specs/disk-snapshot";
import type { DiskType } from "./disk";

import provider = require("../providers/disk-snapshot");

export interface DiskSnapshotArgs extends CommonArgs {
  /**
   * The disk to snapshot (a `Disk`'s `diskId`, or a VM's `systemDiskId`; a UUID). It must be a `vbd`
   * disk that is `available` or `in-use` (not attaching, detaching or growing). Changing it replaces
   * the snapshot.
   */
  readonly diskId: pulumi.Input<string>;
  /**
   * The snapshot name: 2–63 characters, a letter first, then letters, digits, `_` or `-`; unique per
   * region. Default: `<logical name>-<7 hex>`. Changing it replaces the snapshot.
   */
  readonly name?: pulumi.Input<string>;
  /**
   * Days the cloud keeps the snapshot before deleting it by itself, 1–65535. Default: kept until
   * deleted (`forever`). Changing it replaces the snapshot.
   */
  readonly retentionDays?: pulumi.Input<number>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the snapshot. */
  readonly regionId?: pulumi.Input<string>;
}

/**
 * A snapshot of an EBS disk (data or system disk): a point-in-time copy to make new disks from
 * (`Disk` with `snapshotId`). A disk's first snapshot opens its snapshot billing through an order;
 * later ones are jobs; either way the snapshot is `creating` while the cloud copies the disk, and
 * create waits until it is `available`. Snapshots go with their disk when the disk is deleted.
 *
 * Default timeouts: create 30m (copying a large disk takes a while), update 5m, delete 10m.
 *
 * Updates in place: nothing (the API changes no snapshot). Replaces on: every input.
 *
 * @example
 * ```ts
 * const nightly = new ctyun.DiskSnapshot("data-before-upgrade", { diskId: data.diskId, retentionDays: 30 });
 * const copy = new ctyun.Disk("data-copy", { snapshotId: nightly.snapshotId, type: nightly.diskType, size: nightly.sizeGb });
 * ```
 */
export class DiskSnapshot extends pulumi.dynamic.Resource {
  /** The snapshot id (a UUID). */
  declare readonly snapshotId: pulumi.Output<string>;
  /** `creating`, `available`, `cloning` (a disk is being made from it), `deleting` or `error` (as of the last create or refresh). */
  declare readonly status: pulumi.Output<string>;
  /** The source disk's size when the snapshot was taken (GB): the least size of a disk made from it. */
  declare readonly sizeGb: pulumi.Output<number>;
  /** The source disk's type as `Disk` spells it (`ssd`, `sas`, …): a disk made from the snapshot has this type. */
  declare readonly diskType: pulumi.Output<DiskType>;
  /** The availability zone of the source disk: a disk made from the snapshot is in this zone. */
  declare readonly azName: pulumi.Output<string | undefined>;
  /** When the snapshot was taken (RFC 3339, UTC). */
  declare readonly createTime: pulumi.Output<string | undefined>;
  /** When the cloud deletes the snapshot (RFC 3339, UTC); undefined when it is kept until deleted. */
  declare readonly expireTime: pulumi.Output<string | undefined>;
  /** The snapshotted disk (a UUID). */
  declare readonly diskId: pulumi.Output<string>;
  /** The snapshot name. */
  declare readonly name: pulumi.Output<string>;
  /** Days the cloud keeps the snapshot; undefined when kept until deleted. */
  declare readonly retentionDays: pulumi.Output<number | undefined>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;

  /**
   * An existing disk snapshot this stack does not manage (another stack's, another team's, or made
   * by hand), read by its id: a read-only resource whose outputs `pulumi refresh` keeps current and
   * that `pulumi destroy` never deletes. To take a snapshot under management instead, create it with
   * `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): DiskSnapshot {
    return new DiskSnapshot(name, (state ?? {}) as DiskSnapshotArgs, { ...opts, id });
  }

  constructor(name: string, args: DiskSnapshotArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(diskSnapshotSpec, name, args, opts), opts, TOKEN_MODULE, diskSnapshotSpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.snapshotId = this.id;
  }
}
