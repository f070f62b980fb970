import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { targetSpec } from "../specs/target";

import provider = require("../providers/target");

export interface TargetArgs extends CommonArgs {
  /** The `TargetGroup` (`tg-…`) the VM joins. Changing it replaces the target. */
  readonly targetGroupId: pulumi.Input<string>;
  /** The VM (`Instance` id, a UUID); it must have an interface in the target group's VPC. Changing it replaces the target. */
  readonly instanceId: pulumi.Input<string>;
  /** The VM port traffic goes to, 1–65535 (one target per VM and port in a group). Updatable in place. */
  readonly port: pulumi.Input<number>;
  /** Its share of the traffic under `wrr`, 1–256. Default 100. Updatable in place. */
  readonly weight?: pulumi.Input<number>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the target. */
  readonly regionId?: pulumi.Input<string>;
}

/**
 * A VM (and port) in a CTyun ELB `TargetGroup`.
 *
 * Default timeouts: create 2m, update 2m, delete 5m.
 *
 * Updates in place: port, weight. Replaces on: targetGroupId, instanceId, region.
 *
 * @example
 * ```ts
 * const member = new ctyun.Target("web-1", { targetGroupId: web.targetGroupId, instanceId: vm.instanceId, port: 80 });
 * ```
 */
export class Target extends pulumi.dynamic.Resource {
  /** The target id, `target-` followed by 10 characters. */
  declare readonly targetId: pulumi.Output<string>;
  /** `online`, `offline` or `unknown` (the group has no health check), as of the last create, update or refresh. */
  declare readonly healthStatus: pulumi.Output<string | undefined>;
  /** The target group. */
  declare readonly targetGroupId: pulumi.Output<string>;
  /** The VM. */
  declare readonly instanceId: pulumi.Output<string>;
  /** The VM port. */
  declare readonly port: pulumi.Output<number>;
  /** Its share of the traffic. */
  declare readonly weight: pulumi.Output<number>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;

  /**
   * An existing target this stack does not manage, read by its id: a read-only resource whose outputs
   * `pulumi refresh` keeps current and that `pulumi destroy` never deletes. To take one under
   * management instead, create it with `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): Target {
    return new Target(name, (state ?? {}) as TargetArgs, { ...opts, id });
  }

  constructor(name: string, args: TargetArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(targetSpec, name, args, opts), opts, TOKEN_MODULE, targetSpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.targetId = this.id;
  }
}
