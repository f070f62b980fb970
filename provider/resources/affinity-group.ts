import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { affinityGroupSpec } from "../specs/affinity-group";

import provider = require("../providers/affinity-group");

/**
 * How an affinity group spreads its instances over physical hosts. Strict policies fail an instance
 * that cannot be placed; soft ones place it anyway.
 *
 * - `anti-affinity`: never two instances on one host (the zone's host count is the limit).
 * - `affinity`: all instances on one host.
 * - `soft-anti-affinity`, `soft-affinity`: as far as possible.
 */
export type AffinityGroupPolicy = "anti-affinity" | "affinity" | "soft-anti-affinity" | "soft-affinity";

export interface AffinityGroupArgs extends CommonArgs {
  /**
   * The group name: 1–64 characters of Chinese characters, letters, digits, `_`, `-` and `.`. Names
   * need not be unique. Default: `<logical name>-<7 hex>`. Updatable in place.
   */
  readonly name?: pulumi.Input<string>;
  /** `anti-affinity`, `affinity`, `soft-anti-affinity` or `soft-affinity`. Changing it replaces the group. */
  readonly policy: pulumi.Input<AffinityGroupPolicy>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the group. */
  readonly regionId?: pulumi.Input<string>;
}

/**
 * An affinity group (云主机组): instances created in it (`Instance` `affinityGroupId`) or put in it
 * (`AffinityGroupAttachment`) are placed on physical hosts according to its policy, e.g. spread
 * over distinct hosts so that one host failing takes down only one of them. A group that still has
 * instances cannot be deleted: Pulumi deletes them (or their attachments) first.
 *
 * The create API takes no idempotency token: if its answer is lost, that `pulumi up` fails and the
 * next one finds the group by its name (keep generated names, or give each group a unique name).
 *
 * Default timeouts: create 2m, update 2m, delete 10m.
 *
 * Updates in place: name. Replaces on: policy, region.
 *
 * @example
 * ```ts
 * const spread = new ctyun.AffinityGroup("web-spread", { policy: "anti-affinity" });
 * const vm = new ctyun.Instance("web-1", { ...webArgs, affinityGroupId: spread.affinityGroupId });
 * ```
 */
export class AffinityGroup extends pulumi.dynamic.Resource {
  /** The group id (a UUID). */
  declare readonly affinityGroupId: pulumi.Output<string>;
  /** When the group was created, as the cloud reports it. */
  declare readonly createdTime: pulumi.Output<string | undefined>;
  /** The group name. */
  declare readonly name: pulumi.Output<string>;
  /** How the group spreads its instances over hosts. */
  declare readonly policy: pulumi.Output<AffinityGroupPolicy>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;

  /**
   * An existing affinity group this stack does not manage (another stack's, another team's, or made
   * by hand), read by its id: a read-only resource whose outputs `pulumi refresh` keeps current and
   * that `pulumi destroy` never deletes. To take a group under management instead, create it with
   * `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): AffinityGroup {
    return new AffinityGroup(name, (state ?? {}) as AffinityGroupArgs, { ...opts, id });
  }

  constructor(name: string, args: AffinityGroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(affinityGroupSpec, name, args, opts), opts, TOKEN_MODULE, affinityGroupSpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.affinityGroupId = this.id;
  }
}
