import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { scalingConfigSpec } from "../specs/scaling-config";

import provider = require("../providers/scaling-config");

/** Disk types of a launch template (the region decides which are offered; the emulator's regions offer `sata`, `sas`, `ssd`, `ssd-genric`). */
export type ScalingDiskType = "sata" | "sas" | "ssd" | "ssd-genric" | "sata-kunpeng" | "sata-haiguang" | "sas-kunpeng" | "sas-haiguang";

/** A data disk every VM of the group gets (bought and released with the VM). */
export interface ScalingDataDiskArgs {
  /** Disk type. */
  readonly type: pulumi.Input<ScalingDiskType>;
  /** Size in GB, 10–32768. */
  readonly size: pulumi.Input<number>;
  /** `vbd` (default) or `iscsi`. */
  readonly mode?: pulumi.Input<"vbd" | "iscsi">;
}

/** A data disk as stored. */
export interface ScalingDataDisk {
  /** Disk type. */
  readonly type: ScalingDiskType;
  /** Size in GB. */
  readonly size: number;
  /** `vbd` or `iscsi`. */
  readonly mode: "vbd" | "iscsi";
}

export interface ScalingConfigArgs extends CommonArgs {
  /**
   * The config name: 2–15 letters, digits, `-` or `.`, not only digits, not starting or ending with
   * `-` or `.`, without two of them in a row; unique in the region. Default: `<logical name>-<7 hex>`
   * (shortened to fit). Updatable in place.
   */
  readonly name?: pulumi.Input<string>;
  /** The image VMs boot from, a UUID: public, or a private image of the account. Updatable in place (new VMs only). */
  readonly imageId: pulumi.Input<string>;
  /** The flavor's name, e.g. `s7.large.2` (see `getFlavor`). Updatable in place (new VMs only). */
  readonly flavorName: pulumi.Input<string>;
  /** System disk type. Default `sata`. Updatable in place (new VMs only). */
  readonly systemDiskType?: pulumi.Input<ScalingDiskType>;
  /** System disk size in GB, 40–2048 and at least the image's size. Default 40. Updatable in place (new VMs only). */
  readonly systemDiskSize?: pulumi.Input<number>;
  /** Up to 8 data disks each VM gets, bought and released with it. Default none. Updatable in place (new VMs only). */
  readonly dataDisks?: pulumi.Input<pulumi.Input<ScalingDataDiskArgs>[]>;
  /**
   * An SSH key pair's name (Linux images only). Exactly one of `keyPairName` and `password` is
   * required. Updatable in place (new VMs only).
   */
  readonly keyPairName?: pulumi.Input<string>;
  /**
   * The VMs' login password (root, or Administrator on Windows), kept secret in state and never
   * returned by the cloud. CTyun's policy: 8–30 characters; at least three of upper-case letters,
   * lower-case letters, digits and the specials ``()`~!@#$%^&*_-+=|{}[]:;'<>,.?/\``; not starting
   * with `/`; no three ascending characters in a row; not containing the user name (`root`/`toor`,
   * `administrator`) in any letter case. Updatable in place (new VMs only).
   */
  readonly password?: pulumi.Input<string>;
  /**
   * Security groups (`sg-…`) of the VMs, up to 10, as a set. Required in single-zone regions; in
   * multi-zone regions the group's `securityGroupIds` apply instead. Updatable in place.
   */
  readonly securityGroupIds?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Zones VMs are launched in (multi-zone regions), as a set. Default: the region's zones where the
   * flavor is sold (see the `zones` output). Updatable in place.
   */
  readonly azNames?: pulumi.Input<pulumi.Input<string>[]>;
  /** Tags of the config. Updatable in place. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Detailed monitoring of the VMs. Default `true`. Updatable in place. */
  readonly monitoring?: pulumi.Input<boolean>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the config. */
  readonly regionId?: pulumi.Input<string>;
}

/**
 * A CTyun auto-scaling config (伸缩配置): the launch template every VM of a `ScalingGroup` is made
 * from — image (a public image or a private one, e.g. baked from a configured VM), flavor, system
 * and data disks, login, security groups and zones. CTyun's scaling API has no user data.
 *
 * A config used by a group cannot be deleted: delete (or let Pulumi delete) the group first; delete
 * waits while a group still uses it. VMs already running keep what they were launched with.
 *
 * Default timeouts: create 5m, update 5m, delete 10m.
 *
 * Updates in place: name, imageId, flavorName, systemDiskType, systemDiskSize, dataDisks, keyPairName, password, securityGroupIds, azNames, tags, monitoring. Replaces on: region.
 *
 * @example
 * ```ts
 * const template = new ctyun.ScalingConfig("web", {
 *   imageId: ctyun.getImageOutput({ nameRegex: "^Ubuntu Server 22\\.04" }).imageId,
 *   flavorName: ctyun.getFlavorOutput({ series: "s7", cpu: 2, memoryGb: 4 }).name,
 *   dataDisks: [{ type: "ssd", size: 50 }],
 *   keyPairName: key.name,
 * });
 * ```
 */
export class ScalingConfig extends pulumi.dynamic.Resource {
  /** The config id (the API's integer, as decimal text): what `ScalingGroup.configIds` takes. */
  declare readonly configId: pulumi.Output<string>;
  /** The config name. */
  declare readonly name: pulumi.Output<string>;
  /** The image VMs boot from. */
  declare readonly imageId: pulumi.Output<string>;
  /** The flavor's name. */
  declare readonly flavorName: pulumi.Output<string>;
  /** System disk type. */
  declare readonly systemDiskType: pulumi.Output<ScalingDiskType>;
  /** System disk size in GB. */
  declare readonly systemDiskSize: pulumi.Output<number>;
  /** The data disks each VM gets. */
  declare readonly dataDisks: pulumi.Output<ScalingDataDisk[]>;
  /** The key pair VMs log in with, if any. */
  declare readonly keyPairName: pulumi.Output<string | undefined>;
  /** Secret. */
  declare readonly password: pulumi.Output<string | undefined>;
  /** Security groups of the VMs (single-zone regions). */
  declare readonly securityGroupIds: pulumi.Output<string[] | undefined>;
  /** The zones set by the program, if any (see `zones` for those in effect). */
  declare readonly azNames: pulumi.Output<string[] | undefined>;
  /** Tags of the config. */
  declare readonly tags: pulumi.Output<Record<string, string> | undefined>;
  /** Detailed monitoring of the VMs. */
  declare readonly monitoring: pulumi.Output<boolean>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;
  /** `linux` or `windows`, from the image. */
  declare readonly osType: pulumi.Output<string>;
  /** vCPUs of the flavor. */
  declare readonly cpu: pulumi.Output<number>;
  /** Memory of the flavor in GB. */
  declare readonly memory: pulumi.Output<number>;
  /** The image's name. */
  declare readonly imageName: pulumi.Output<string>;
  /** The zones VMs are launched in (empty in single-zone regions). */
  declare readonly zones: pulumi.Output<string[]>;

  /**
   * An existing scaling config this stack does not manage, read by its id: a read-only resource whose
   * outputs `pulumi refresh` keeps current and that `pulumi destroy` never deletes. To take a config
   * under management instead, create it with `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: Pick<ReadArgs, "regionId">, opts?: pulumi.CustomResourceOptions): ScalingConfig {
    return new ScalingConfig(name, (state ?? {}) as ScalingConfigArgs, { ...opts, id });
  }

  constructor(name: string, args: ScalingConfigArgs, opts?: pulumi.CustomResourceOptions) {
    const secretArgs = args.password === undefined ? args : { ...args, password: pulumi.secret(args.password) };
    super(
      provider,
      name,
      resourceProps(scalingConfigSpec, name, secretArgs, opts),
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["password"] }),
      TOKEN_MODULE,
      scalingConfigSpec.type,
    );
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.configId = this.id;
  }
}
