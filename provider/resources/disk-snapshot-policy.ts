import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { diskSnapshotPolicySpec } from "../specs/disk-snapshot-policy";

import provider = require("../providers/disk-snapshot-policy");

export interface DiskSnapshotPolicyArgs extends CommonArgs {
  /**
   * The policy name: 2–63 characters, a letter first, then letters, digits, `_` or `-`; unique per
   * region. Default: `<logical name>-<7 hex>`. Updatable in place.
   */
  readonly name?: pulumi.Input<string>;
  /** The weekdays to take snapshots on: 0 (Sunday) to 6 (Saturday), at least one, no repeats. Updatable in place. */
  readonly weekdays: pulumi.Input<pulumi.Input<number>[]>;
  /**
   * The hours to take snapshots at on those days, 0–23 in Beijing time (UTC+8), at least one, no
   * repeats. Updatable in place.
   */
  readonly hours: pulumi.Input<pulumi.Input<number>[]>;
  /**
   * Days each scheduled snapshot is kept before the cloud deletes it, 1–65535. Default: kept until
   * deleted. Updatable in place (applies to snapshots taken afterwards).
   */
  readonly retentionDays?: pulumi.Input<number>;
  /** Whether the schedule runs. Default `true`. Updatable in place. */
  readonly enabled?: pulumi.Input<boolean>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the policy. */
  readonly regionId?: pulumi.Input<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). Default: `ctyun:projectId`. Replaces. */
  readonly projectId?: pulumi.Input<string>;
}

/**
 * An automatic snapshot policy: on the given weekdays and hours (Beijing time) the cloud takes a
 * snapshot of every disk that follows the policy, and deletes each after `retentionDays`. Make
 * disks follow it with a `DiskSnapshotPolicyAttachment`. A policy that disks still follow cannot
 * be deleted, so Pulumi deletes the attachment first.
 *
 * Default timeouts: create 2m, update 2m, delete 5m.
 *
 * Updates in place: name, weekdays, hours, retentionDays, enabled. Replaces on: region, project.
 *
 * @example
 * ```ts
 * const nightly = new ctyun.DiskSnapshotPolicy("nightly", { weekdays: [0, 1, 2, 3, 4, 5, 6], hours: [2], retentionDays: 7 });
 * new ctyun.DiskSnapshotPolicyAttachment("nightly-data", { snapshotPolicyId: nightly.snapshotPolicyId, diskIds: [data.diskId] });
 * ```
 */
export class DiskSnapshotPolicy extends pulumi.dynamic.Resource {
  /** The policy id (a UUID). */
  declare readonly snapshotPolicyId: pulumi.Output<string>;
  /** `activated` (enabled) or `deactivated`. */
  declare readonly status: pulumi.Output<string>;
  /** How many disks follow the policy (as of the last create, update or refresh). */
  declare readonly boundDiskCount: pulumi.Output<number>;
  /** When the policy was created, as the cloud reports it. */
  declare readonly createTime: pulumi.Output<string | undefined>;
  /** The policy name. */
  declare readonly name: pulumi.Output<string>;
  /** The weekdays snapshots are taken on (0 = Sunday). */
  declare readonly weekdays: pulumi.Output<number[]>;
  /** The hours snapshots are taken at (Beijing time). */
  declare readonly hours: pulumi.Output<number[]>;
  /** Days each scheduled snapshot is kept; undefined when kept until deleted. */
  declare readonly retentionDays: pulumi.Output<number | undefined>;
  /** Whether the schedule runs. */
  declare readonly enabled: pulumi.Output<boolean>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). */
  declare readonly projectId: pulumi.Output<string | undefined>;

  /**
   * An existing snapshot policy this stack does not manage (another stack's, another team's, or made
   * by hand), read by its id: a read-only resource whose outputs `pulumi refresh` keeps current and
   * that `pulumi destroy` never deletes. To take a policy under management instead, create it with
   * `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): DiskSnapshotPolicy {
    return new DiskSnapshotPolicy(name, (state ?? {}) as DiskSnapshotPolicyArgs, { ...opts, id });
  }

  constructor(name: string, args: DiskSnapshotPolicyArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(diskSnapshotPolicySpec, name, args, opts), opts, TOKEN_MODULE, diskSnapshotPolicySpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.snapshotPolicyId = this.id;
  }
}
