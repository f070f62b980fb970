import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { diskSnapshotPolicyAttachmentSpec } from "../specs/disk-snapshot-policy-attachment";

import provider = require("../providers/disk-snapshot-policy-attachment");

export interface DiskSnapshotPolicyAttachmentArgs extends CommonArgs {
  /** The policy (a `DiskSnapshotPolicy`'s `snapshotPolicyId`). Changing it replaces the attachment. */
  readonly snapshotPolicyId: pulumi.Input<string>;
  /**
   * Every disk the policy applies to (disk UUIDs: `Disk`s' `diskId`s or VMs' `systemDiskId`s), at
   * least one; `vbd` disks of the region that follow no other policy. The order does not matter.
   * Updatable in place: added disks start following the policy, removed ones stop.
   */
  readonly diskIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the attachment. */
  readonly regionId?: pulumi.Input<string>;
}

/**
 * The disks a `DiskSnapshotPolicy` applies to, managed as one set: one attachment per policy (its
 * id is the policy's id). A refresh shows disks that were made to follow or leave the policy
 * outside Pulumi, and the next `pulumi up` restores the set. A disk follows one policy at a time:
 * a disk that already follows another policy is refused instead of being moved silently. Disks
 * that are deleted stop following the policy by themselves.
 *
 * Default timeouts: create 5m, update 5m, delete 5m.
 *
 * Updates in place: diskIds. Replaces on: snapshotPolicyId, region.
 *
 * @example
 * ```ts
 * new ctyun.DiskSnapshotPolicyAttachment("nightly-data", { snapshotPolicyId: nightly.snapshotPolicyId, diskIds: [data.diskId, logs.diskId] });
 * ```
 */
export class DiskSnapshotPolicyAttachment extends pulumi.dynamic.Resource {
  /** The policy's id, the attachment's id. */
  declare readonly snapshotPolicyAttachmentId: pulumi.Output<string>;
  /** The policy. */
  declare readonly snapshotPolicyId: pulumi.Output<string>;
  /** The disks the policy applies to. */
  declare readonly diskIds: pulumi.Output<string[]>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;

  /**
   * An existing set of a policy's disks this stack does not manage, read by the policy's id: a
   * read-only resource whose outputs `pulumi refresh` keeps current and that `pulumi destroy` never
   * changes. To take it under management instead, create the attachment with `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): DiskSnapshotPolicyAttachment {
    return new DiskSnapshotPolicyAttachment(name, (state ?? {}) as DiskSnapshotPolicyAttachmentArgs, { ...opts, id });
  }

  constructor(name: string, args: DiskSnapshotPolicyAttachmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(diskSnapshotPolicyAttachmentSpec, name, args, opts), opts, TOKEN_MODULE, diskSnapshotPolicyAttachmentSpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.snapshotPolicyAttachmentId = this.id;
  }
}
