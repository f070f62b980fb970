import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { instanceSpec } from "../specs/instance";

import provider = require("../providers/instance");

/** System disk types, as CTyun's Terraform provider spells them (`ssd-genric` included). */
export type InstanceSystemDiskType = "sata" | "sas" | "ssd" | "ssd-genric" | "fast-ssd";

/**
 * How an instance is paid for. Changing it replaces the instance.
 *
 * - `{ mode: "onDemand" }`: pay as you go.
 * - `{ mode: "monthly", count }`: a subscription of 1–11 months, paid up front.
 * - `{ mode: "yearly", count }`: a subscription of 1–5 years, paid up front.
 */
export type InstanceBillingArgs =
  | { readonly mode: "onDemand" }
  | { readonly mode: "monthly"; readonly count: pulumi.Input<number> }
  | { readonly mode: "yearly"; readonly count: pulumi.Input<number> };

export type InstanceBilling = { readonly mode: "onDemand" } | { readonly mode: "monthly"; readonly count: number } | { readonly mode: "yearly"; readonly count: number };

export interface InstanceArgs extends CommonArgs {
  /**
   * The host name: 2–64 characters of letters, digits, `-` and `.` (Windows images: 2–15, no `.`),
   * with at least one letter, not starting or ending with `-`/`.`, never two of them in a row.
   * Changing it replaces the instance.
   */
  readonly instanceName: pulumi.Input<string>;
  /** The name shown in the console, 2–63 bytes. Default: `instanceName`. Updatable in place. */
  readonly displayName?: pulumi.Input<string>;
  /**
   * The flavor (规格) id, a UUID (see `ctecs flavor/list`); it must be sold in `azName`. Updatable
   * in place: a running instance is stopped, the flavor changed through a billing order, and the
   * instance started again if `status` is `running`.
   */
  readonly flavorId: pulumi.Input<string>;
  /**
   * The image id, a UUID: a public image, or a private one (an `Image`'s `imageId`, which must be
   * `active`). Changing it replaces the instance.
   */
  readonly imageId: pulumi.Input<string>;
  /** System disk type. Default `sata`. Changing it replaces the instance. */
  readonly systemDiskType?: pulumi.Input<InstanceSystemDiskType>;
  /**
   * System disk size in GB, 40–2048 and at least the image's size. Default 40. Growing it is done
   * in place (the instance is stopped for it, and started again if `status` is `running`);
   * shrinking is refused at preview.
   */
  readonly systemDiskSize?: pulumi.Input<number>;
  /** The VPC (`vpc-…`). Changing it replaces the instance. */
  readonly vpcId: pulumi.Input<string>;
  /** The subnet of the primary NIC (`subnet-…`), in `vpcId`. Changing it replaces the instance. */
  readonly subnetId: pulumi.Input<string>;
  /**
   * Security groups of the VPC (`sg-…`), 1–10, as a set. Updatable in place: new groups are joined
   * before removed ones are left, so the instance is never without one.
   */
  readonly securityGroupIds: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * An SSH key pair's name (Linux images only). Exactly one of `keyPairName` and `password` is
   * required. Updatable in place (the old key pair is detached, the new one attached; it takes
   * effect at the next boot).
   */
  readonly keyPairName?: pulumi.Input<string>;
  /**
   * The login password (root, or Administrator on Windows), kept secret in state. CTyun's policy:
   * 8–30 characters; at least three of upper-case letters, lower-case letters, digits and the
   * specials ``()`~!@#$%^&*_-+=|{}[]:;'<>,.?/\`` (no other characters); not starting with `/`; no
   * three ascending characters in a row (`abc`, `123`); not containing the user name (`root`/`toor`
   * on Linux, `administrator` on Windows) in any letter case. Updatable in place (reset-password,
   * which needs the instance running: a stopped instance is started for it and stopped again).
   */
  readonly password?: pulumi.Input<string>;
  /** cloud-init user data, base64-encoded, 1–16384 characters. Changing it replaces the instance. */
  readonly userData?: pulumi.Input<string>;
  /** How the instance is paid for. Default `{ mode: "onDemand" }`. Changing it replaces the instance. */
  readonly billing?: pulumi.Input<InstanceBillingArgs>;
  /**
   * Renew a monthly/yearly subscription automatically (by one month or one year). Only for those
   * billings. Default `true`. Changing it replaces the instance.
   */
  readonly autoRenew?: pulumi.Input<boolean>;
  /** The desired power state: `running` (default) or `stopped`. Updatable in place (start/stop). */
  readonly status?: pulumi.Input<"running" | "stopped">;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the instance. */
  readonly regionId?: pulumi.Input<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). Default: `ctyun:projectId`. Replaces. */
  readonly projectId?: pulumi.Input<string>;
  /**
   * Availability zone, e.g. `cn-huadong1-jsnj1A-public-ctcloud` (`default` in single-zone regions).
   * Default: stack config `ctyun:azName`. Changing it replaces the instance.
   */
  readonly azName?: pulumi.Input<string>;
  /**
   * Create the instance in this affinity group (an `AffinityGroup`'s `affinityGroupId`): the cloud
   * places it on a host the group's policy allows; when none is left (a strict anti-affinity group
   * holds at most one instance per host of the zone) the create order fails. Changing it replaces the
   * instance; to put an existing instance in a group use an `AffinityGroupAttachment` instead.
   */
  readonly affinityGroupId?: pulumi.Input<string>;
}

/**
 * A CTyun ECS virtual machine, bought through a billing order, with one NIC in `subnetId`.
 *
 * Create checks the flavor (sold in the zone), the image and the key pair before ordering, orders
 * once per logical create (a rerun after an interruption gets the same order back), and waits
 * until the instance runs. If the order succeeded but the instance does not boot, the deployment
 * fails with the instance recorded in state; the next `pulumi up` starts it. Delete stops the
 * instance, unsubscribes it (a monthly/yearly instance is also destroyed) and waits until it is
 * gone; data disks are detached and EIPs unbound by the cloud. With `adoptId`, the create-only
 * inputs must match the instance; `password` is not applied to an adopted instance (the cloud
 * cannot show it) until it changes.
 *
 * Default timeouts: create 20m, update 20m, delete 15m.
 *
 * Updates in place: displayName, flavorId (stop, change, start), systemDiskSize (grow only), password, securityGroupIds, keyPairName, status (running/stopped). Replaces on: instanceName, imageId, systemDiskType, vpcId, subnetId, userData, billing, autoRenew, region, project, azName, affinityGroupId.
 *
 * @example
 * ```ts
 * const vm = new ctyun.Instance("web-1", {
 *   instanceName: "web-1",
 *   flavorId: ctyun.getFlavorOutput({ series: "s7", cpu: 2, memoryGb: 4 }).flavorId,
 *   imageId: ctyun.getImageOutput({ nameRegex: "^Ubuntu Server 22\\.04" }).imageId,
 *   vpcId: vpc.vpcId, subnetId: subnet.subnetId, securityGroupIds: [web.securityGroupId],
 *   keyPairName: key.name,
 * });
 * ```
 */
export class Instance extends pulumi.dynamic.Resource {
  /** The instance id (UUID). */
  declare readonly instanceId: pulumi.Output<string>;
  /** The host name: 2–64 characters of letters, digits, `-` and `.` (Windows images: 2–15, no `.`), with at least one letter, not starting or ending with `-`/`.`, never two of them in a row. */
  declare readonly instanceName: pulumi.Output<string>;
  /** The name shown in the console, 2–63 bytes. */
  declare readonly displayName: pulumi.Output<string | undefined>;
  /** The flavor (规格) id, a UUID (see `ctecs flavor/list`); it must be sold in `azName`. */
  declare readonly flavorId: pulumi.Output<string>;
  /** The image id, a UUID. */
  declare readonly imageId: pulumi.Output<string>;
  /** System disk type. */
  declare readonly systemDiskType: pulumi.Output<InstanceSystemDiskType>;
  /** System disk size in GB, 40–2048 and at least the image's size. */
  declare readonly systemDiskSize: pulumi.Output<number>;
  /** The VPC (`vpc-…`). */
  declare readonly vpcId: pulumi.Output<string>;
  /** The subnet of the primary NIC (`subnet-…`), in `vpcId`. */
  declare readonly subnetId: pulumi.Output<string>;
  /** Security groups of the VPC (`sg-…`), 1–10, as a set. */
  declare readonly securityGroupIds: pulumi.Output<string[]>;
  /** An SSH key pair's name (Linux images only). */
  declare readonly keyPairName: pulumi.Output<string | undefined>;
  /** Secret. */
  declare readonly password: pulumi.Output<string | undefined>;
  /** cloud-init user data, base64-encoded, 1–16384 characters. */
  declare readonly userData: pulumi.Output<string | undefined>;
  /** How the instance is paid for. */
  declare readonly billing: pulumi.Output<InstanceBilling>;
  /** Renew a monthly/yearly subscription automatically (by one month or one year). */
  declare readonly autoRenew: pulumi.Output<boolean | undefined>;
  /** The cloud's status after the last create, update or refresh (`running`, `stopped`, …). */
  declare readonly status: pulumi.Output<string>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). */
  declare readonly projectId: pulumi.Output<string | undefined>;
  /** Availability zone, e.g. */
  declare readonly azName: pulumi.Output<string>;
  /** The affinity group the instance was created in; undefined when none was given. */
  declare readonly affinityGroupId: pulumi.Output<string | undefined>;
  /** The primary NIC's private IPv4 address. */
  declare readonly privateIp: pulumi.Output<string>;
  /** The system disk's id (an EBS disk id). */
  declare readonly systemDiskId: pulumi.Output<string>;
  /** The flavor's name, e.g. `s7.large.2`. */
  declare readonly flavorName: pulumi.Output<string>;
  /** vCPUs of the flavor. */
  declare readonly cpu: pulumi.Output<number>;
  /** Memory of the flavor in GB. */
  declare readonly memory: pulumi.Output<number>;
  /** The public address of an associated EIP (as of the last create, update or refresh). */
  declare readonly floatingIp: pulumi.Output<string | undefined>;
  /** End of a monthly/yearly term (RFC 3339); undefined on demand. */
  declare readonly expireTime: pulumi.Output<string | undefined>;

  /**

   * An existing VM this stack does not manage (another stack's, another team's, or made by

   * hand), read by its id: a read-only resource whose outputs `pulumi refresh` keeps current and

   * that `pulumi destroy` never deletes. To take a VM under management instead, create it

   * with `adoptId`.

   */

  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): Instance {

    return new Instance(name, (state ?? {}) as InstanceArgs, { ...opts, id });

  }


  constructor(name: string, args: InstanceArgs, opts?: pulumi.CustomResourceOptions) {
    const secretArgs = args.password === undefined ? args : { ...args, password: pulumi.secret(args.password) };
    super(
      provider,
      name,
      resourceProps(instanceSpec, name, secretArgs, opts),
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["password"] }),
      TOKEN_MODULE,
      instanceSpec.type,
    );
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.instanceId = this.id;
  }
}
