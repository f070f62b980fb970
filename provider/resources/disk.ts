import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { diskSpec } from "../specs/disk";

import provider = require("../providers/disk");

/** Disk types as Terraform spells them (the API's `SATA`, `SAS`, `SSD`, `SSD-genric`, `FAST-SSD`). */
export type DiskType = "sata" | "sas" | "ssd" | "ssd-genric" | "fast-ssd";
/** Disk modes (the API's `VBD`, `ISCSI`, `FCSAN`). */
export type DiskMode = "vbd" | "iscsi" | "fcsan";

/**
 * How a disk is paid for. Changing it replaces the disk.
 *
 * - `{ mode: "onDemand" }`: pay as you go.
 * - `{ mode: "monthly", count }`: a subscription of 1–11 months, paid up front.
 * - `{ mode: "yearly", count }`: a subscription of 1–5 years, paid up front.
 */
export type DiskBillingArgs =
  | { readonly mode: "onDemand" }
  | { readonly mode: "monthly"; readonly count: pulumi.Input<number> }
  | { readonly mode: "yearly"; readonly count: pulumi.Input<number> };

/** The billing as stored. */
export type DiskBilling = { readonly mode: "onDemand" } | { readonly mode: "monthly"; readonly count: number } | { readonly mode: "yearly"; readonly count: number };

export interface DiskArgs extends CommonArgs {
  /**
   * The disk name: 2–63 characters, a letter first, then letters, digits, `_` or `-`; unique per
   * account and region. Default: `<logical name>-<7 hex>`. Updatable in place.
   */
  readonly name?: pulumi.Input<string>;
  /**
   * `sata` (普通IO), `sas` (高IO), `ssd` (超高IO), `ssd-genric` (通用型SSD) or `fast-ssd` (极速型SSD).
   * Changing it replaces the disk.
   */
  readonly type: pulumi.Input<DiskType>;
  /**
   * `vbd` (virtual block device), `iscsi` or `fcsan`; `fcsan` needs type `sas`, and `fast-ssd`
   * does not support `iscsi`. Default `vbd`. Changing it replaces the disk.
   */
  readonly mode?: pulumi.Input<DiskMode>;
  /**
   * Size in GB, a whole number from 10 to 32768. Updatable in place, but only upwards (a billing
   * order; the disk shows `extending` meanwhile): a smaller value fails `pulumi preview`.
   */
  readonly size: pulumi.Input<number>;
  /** How the disk is paid for. Default `{ mode: "onDemand" }`. Changing it replaces the disk. */
  readonly billing?: pulumi.Input<DiskBillingArgs>;
  /** A shared disk that several VMs may attach at once. Default `false`. Changing it replaces the disk. */
  readonly multiAttach?: pulumi.Input<boolean>;
  /**
   * Availability zone, e.g. `cn-huadong1-jsnj1A-public-ctcloud` (required in multi-AZ regions; a disk
   * attaches only to VMs of its zone). Default: stack config `ctyun:azName`. Changing it replaces the disk.
   */
  readonly azName?: pulumi.Input<string>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the disk. */
  readonly regionId?: pulumi.Input<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). Default: `ctyun:projectId`. Replaces. */
  readonly projectId?: pulumi.Input<string>;
  /**
   * Make the disk from this snapshot (a `DiskSnapshot`'s `snapshotId`) instead of empty. The disk then
   * has the snapshot's type and zone (set `type` and `azName` to the snapshot's `diskType` and
   * `azName`; create fails naming them otherwise), mode `vbd`, and a `size` of at least the snapshot's
   * `sizeGb`. Changing it replaces the disk.
   */
  readonly snapshotId?: pulumi.Input<string>;
}

/**
 * A CTyun EBS data disk, bought through a billing order. Attach it to a VM with a `DiskAttachment`;
 * a disk that is still attached cannot be deleted, so delete (or let Pulumi delete) the attachment
 * first. Disk names are unique per region, so a replacement that keeps the name deletes the old
 * disk first (its data is lost either way).
 *
 * Default timeouts: create 10m (the order), update 10m (a resize order), delete 10m (the
 * unsubscribe order). If create times out while the order is still running, the next `pulumi up`
 * resumes waiting for the same order instead of buying a second disk.
 *
 * Updates in place: name, size (grow only, billing order). Replaces on: mode, type, billing, region, project, azName, snapshotId.
 *
 * @example
 * ```ts
 * const data = new ctyun.Disk("data", { type: "ssd", size: 100 });
 * // A copy of another disk, from its snapshot:
 * const snap = new ctyun.DiskSnapshot("data-snap", { diskId: data.diskId });
 * const copy = new ctyun.Disk("data-copy", { snapshotId: snap.snapshotId, type: snap.diskType, size: snap.sizeGb });
 * ```
 */
export class Disk extends pulumi.dynamic.Resource {
  /** The disk id (a UUID). */
  declare readonly diskId: pulumi.Output<string>;
  /**
   * The disk status from the API: `available`, `in-use`, `creating`, `attaching`, `detaching`,
   * `extending`, `deleting`, `error`, … (as of the last create, update or refresh).
   */
  declare readonly status: pulumi.Output<string>;
  /** The VM the disk is attached to (the first one for a shared disk); undefined when detached. */
  declare readonly attachedInstanceId: pulumi.Output<string | undefined>;
  /** Every VM the disk is attached to (more than one only for a multiAttach disk). */
  declare readonly attachedInstanceIds: pulumi.Output<string[]>;
  /** When the disk was created (RFC 3339, UTC). */
  declare readonly createTime: pulumi.Output<string | undefined>;
  /** End of a monthly or yearly term (RFC 3339, UTC); undefined for on-demand disks. */
  declare readonly expireTime: pulumi.Output<string | undefined>;
  /** The disk name: 2–63 characters, a letter first, then letters, digits, `_` or `-`; unique per account and region. */
  declare readonly name: pulumi.Output<string>;
  /** `sata` (普通IO), `sas` (高IO), `ssd` (超高IO), `ssd-genric` (通用型SSD) or `fast-ssd` (极速型SSD). */
  declare readonly type: pulumi.Output<DiskType>;
  /** `vbd` (virtual block device), `iscsi` or `fcsan`; `fcsan` needs type `sas`, and `fast-ssd` does not support `iscsi`. */
  declare readonly mode: pulumi.Output<DiskMode>;
  /** Size in GB. */
  declare readonly size: pulumi.Output<number>;
  /** How the disk is paid for. */
  declare readonly billing: pulumi.Output<DiskBilling>;
  /** A shared disk that several VMs may attach at once. */
  declare readonly multiAttach: pulumi.Output<boolean>;
  /** Availability zone, e.g. */
  declare readonly azName: pulumi.Output<string | undefined>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). */
  declare readonly projectId: pulumi.Output<string | undefined>;
  /** The snapshot the disk was made from; undefined for a disk made empty. */
  declare readonly snapshotId: pulumi.Output<string | undefined>;

  /**

   * An existing disk this stack does not manage (another stack's, another team's, or made by

   * hand), read by its id: a read-only resource whose outputs `pulumi refresh` keeps current and

   * that `pulumi destroy` never deletes. To take a disk under management instead, create it

   * with `adoptId`.

   */

  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): Disk {

    return new Disk(name, (state ?? {}) as DiskArgs, { ...opts, id });

  }


  constructor(name: string, args: DiskArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceProps(diskSpec, name, args, opts),
      opts,
      TOKEN_MODULE,
      diskSpec.type,
    );
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.diskId = this.id;
  }
}
