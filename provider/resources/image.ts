import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { imageSpec } from "../specs/image";

import provider = require("../providers/image");

export interface ImageArgs extends CommonArgs {
  /**
   * The image name: 2–32 characters, a letter first, then letters, digits or `-`, not ending with
   * `-`; unique among the account's private images. Default: `<logical name>-<7 hex>`. Updatable in place.
   */
  readonly name?: pulumi.Input<string>;
  /** A description, 1–128 characters without leading or trailing blanks. Updatable in place. */
  readonly description?: pulumi.Input<string>;
  /**
   * Make the image from this instance's system disk (an `Instance`'s `instanceId`). The instance
   * must be stopped (`status: "stopped"`). Set this or `instanceSnapshotId`. Changing it replaces the image.
   */
  readonly instanceId?: pulumi.Input<string>;
  /**
   * Make the image from this instance snapshot's system disk (an `InstanceSnapshot`'s
   * `instanceSnapshotId`; multi-AZ regions only), so the instance may keep running. Set this or
   * `instanceId`. Changing it replaces the image.
   */
  readonly instanceSnapshotId?: pulumi.Input<string>;
  /**
   * Account ids to share the image with (at most 128). Each recipient sees an offer to accept.
   * Updatable in place; a recipient that accepted the image must reject it before it can be
   * removed (or the image deleted).
   */
  readonly sharedWith?: pulumi.Input<pulumi.Input<string>[]>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the image. */
  readonly regionId?: pulumi.Input<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). Default: `ctyun:projectId`. Replaces. */
  readonly projectId?: pulumi.Input<string>;
}

/**
 * A private image: a copy of a configured instance's system disk (from the stopped instance, or
 * from an `InstanceSnapshot` of it) to boot new instances from (`Instance` `imageId`, scaling
 * configurations). It inherits the source instance's OS, architecture and boot mode. Create waits
 * until the cloud has written it (`queued`, then `active`). Instances booted from it keep working
 * after it is deleted.
 *
 * Default timeouts: create 60m (writing a large disk takes a while), update 10m, delete 15m.
 *
 * Updates in place: name, description, sharedWith. Replaces on: instanceId, instanceSnapshotId, region, project.
 *
 * @example
 * ```ts
 * const builder = new ctyun.Instance("builder", { ...builderArgs, status: "stopped" });
 * const golden = new ctyun.Image("golden", { instanceId: builder.instanceId });
 * const web = new ctyun.Instance("web-1", { ...webArgs, imageId: golden.imageId });
 * ```
 */
export class Image extends pulumi.dynamic.Resource {
  /** The image id (a UUID): what `Instance` `imageId` takes. */
  declare readonly imageId: pulumi.Output<string>;
  /** `queued`, `active`, `deleting` or `error` (as of the last create, update or refresh). */
  declare readonly status: pulumi.Output<string>;
  /** `linux` or `windows`, inherited from the source instance's image. */
  declare readonly osType: pulumi.Output<string | undefined>;
  /** The OS distribution, e.g. `Ubuntu`. */
  declare readonly osDistro: pulumi.Output<string | undefined>;
  /** The OS version, e.g. `22.04`. */
  declare readonly osVersion: pulumi.Output<string | undefined>;
  /** `x86_64` or `aarch64`. */
  declare readonly architecture: pulumi.Output<string | undefined>;
  /** The least system disk size (GB) of an instance booted from it: the source disk's size. */
  declare readonly diskSizeGb: pulumi.Output<number>;
  /** When the image was created (RFC 3339, UTC). */
  declare readonly createTime: pulumi.Output<string | undefined>;
  /** The image name. */
  declare readonly name: pulumi.Output<string>;
  /** The description. */
  declare readonly description: pulumi.Output<string | undefined>;
  /** The instance whose system disk it was made from. */
  declare readonly instanceId: pulumi.Output<string | undefined>;
  /** The instance snapshot it was made from. */
  declare readonly instanceSnapshotId: pulumi.Output<string | undefined>;
  /** The accounts it is shared with. */
  declare readonly sharedWith: pulumi.Output<string[] | undefined>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). */
  declare readonly projectId: pulumi.Output<string | undefined>;

  /**
   * An existing private image this stack does not manage (another stack's, another team's, or made
   * by hand), read by its id: a read-only resource whose outputs `pulumi refresh` keeps current and
   * that `pulumi destroy` never deletes. To take an image under management instead, create it with
   * `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): Image {
    return new Image(name, (state ?? {}) as ImageArgs, { ...opts, id });
  }

  constructor(name: string, args: ImageArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(imageSpec, name, args, opts), opts, TOKEN_MODULE, imageSpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.imageId = this.id;
  }
}
