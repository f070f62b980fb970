import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { diskAttachmentSpec } from "../specs/disk-attachment";

import provider = require("../providers/disk-attachment");

export interface DiskAttachmentArgs extends CommonArgs {
  /** The disk to attach (a `Disk`'s `diskId`, a UUID). Changing it replaces the attachment. */
  readonly diskId: pulumi.Input<string>;
  /**
   * The VM (instance UUID) to attach it to; it must be running, stopped or shelved and in the disk's
   * availability zone. Changing it replaces the attachment.
   */
  readonly instanceId: pulumi.Input<string>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the attachment. */
  readonly regionId?: pulumi.Input<string>;
}

/**
 * A `Disk` attached to a VM. Attaching and detaching are cloud jobs; create waits until the disk
 * shows the VM (`in-use`), delete until it no longer does. A refresh drops the attachment when the
 * disk was detached, attached to another VM, or deleted. Adopt an existing attachment with
 * `adoptId: "<diskId>:<instanceId>"`.
 *
 * Default timeouts: create 5m, update 5m, delete 5m.
 *
 * Updates in place: nothing (every input replaces it). Replaces on: every input.
 *
 * @example
 * ```ts
 * new ctyun.DiskAttachment("data", { diskId: data.diskId, instanceId: vm.instanceId });
 * ```
 */
export class DiskAttachment extends pulumi.dynamic.Resource {
  /** `<diskId>:<instanceId>`, the attachment's id. */
  declare readonly diskAttachmentId: pulumi.Output<string>;
  /** The device name the VM sees, e.g. `/dev/vdb`. */
  declare readonly device: pulumi.Output<string>;
  /** The disk to attach (a `Disk`'s `diskId`, a UUID). */
  declare readonly diskId: pulumi.Output<string>;
  /** The VM (instance UUID) to attach it to; it must be running, stopped or shelved and in the disk's availability zone. */
  declare readonly instanceId: pulumi.Output<string>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;

  /**

   * An existing disk attachment this stack does not manage (another stack's, another team's, or made by

   * hand), read by its id: a read-only resource whose outputs `pulumi refresh` keeps current and

   * that `pulumi destroy` never deletes. To take a disk attachment under management instead, create it

   * with `adoptId`.

   */

  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): DiskAttachment {

    return new DiskAttachment(name, (state ?? {}) as DiskAttachmentArgs, { ...opts, id });

  }


  constructor(name: string, args: DiskAttachmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(diskAttachmentSpec, name, args, opts), opts, TOKEN_MODULE, diskAttachmentSpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.diskAttachmentId = this.id;
  }
}
