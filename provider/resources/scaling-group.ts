import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { scalingGroupSpec } from "../specs/scaling-group";

import provider = require("../providers/scaling-group");

/** A load balancer target group the group's VMs are registered with. */
export interface ScalingLoadBalancerArgs {
  /** The load balancer's id. */
  readonly loadBalancerId: pulumi.Input<string>;
  /** The ELB target group (后端主机组) the VMs join. */
  readonly targetGroupId: pulumi.Input<string>;
  /** The VMs' port that receives the traffic, 1–65535. */
  readonly port: pulumi.Input<number>;
  /** The VMs' weight in the target group, 1–256. Default 100. */
  readonly weight?: pulumi.Input<number>;
}

/** A load balancer binding as stored. */
export interface ScalingLoadBalancer {
  /** The load balancer's id. */
  readonly loadBalancerId: string;
  /** The ELB target group the VMs join. */
  readonly targetGroupId: string;
  /** The VMs' port. */
  readonly port: number;
  /** The VMs' weight. */
  readonly weight: number;
}

/** Which VMs leave first when the group shrinks. */
export type ScalingMoveOutStrategy = "earlier_config" | "later_config" | "earlier_vm" | "later_vm";

export interface ScalingGroupArgs extends CommonArgs {
  /** The group name: 1–64 characters, unique in the region. Default: `<logical name>-<7 hex>`. Updatable in place. */
  readonly name?: pulumi.Input<string>;
  /** The VPC (`vpc-…`) the VMs run in. Changing it replaces the group. */
  readonly vpcId: pulumi.Input<string>;
  /**
   * 1–5 subnets of the VPC; each VM gets a NIC in each, the first being its primary NIC. Updatable in
   * place: the group is disabled for the change (CTyun's rule) and enabled again.
   */
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Security groups (`sg-…`) of the VMs, as a set. Required in multi-zone regions; in single-zone
   * regions the configs' apply. Updatable in place (new VMs only).
   */
  readonly securityGroupIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** 1–10 `ScalingConfig` ids (`config.configId`), in order of priority. Updatable in place (new VMs only). */
  readonly configIds: pulumi.Input<pulumi.Input<string>[]>;
  /** The fewest VMs, 0–50. Default 0. Updatable in place. */
  readonly minCount?: pulumi.Input<number>;
  /** The most VMs, at least `minCount`. Updatable in place. */
  readonly maxCount: pulumi.Input<number>;
  /**
   * How many VMs to run, within `minCount` and `maxCount`. Default: `minCount` at create; unset, the
   * cloud's desired count (which policies change) is left alone. Updatable in place: the group
   * launches or releases VMs, and update waits until every VM is in service.
   */
  readonly desiredCount?: pulumi.Input<number>;
  /** `server` (default: the VMs' own status) or `lb` (the load balancers' health checks; needs `loadBalancers`). Updatable in place. */
  readonly healthMode?: pulumi.Input<"server" | "lb">;
  /** Seconds between health checks, 300–10080. Default 300. Updatable in place. */
  readonly healthPeriod?: pulumi.Input<number>;
  /**
   * Which VMs leave first when the group shrinks: `earlier_vm` (default: the oldest), `later_vm`,
   * or by config: `earlier_config`, `later_config`. Updatable in place.
   */
  readonly moveOutStrategy?: pulumi.Input<ScalingMoveOutStrategy>;
  /** How VMs spread over the configs' zones: `uniform_distribution` (default) or `priority_distribution`. Updatable in place. */
  readonly azStrategy?: pulumi.Input<"uniform_distribution" | "priority_distribution">;
  /**
   * ELB target groups the VMs are registered with, as a set. Updatable in place: the group is
   * disabled for the change (CTyun's rule) and enabled again.
   */
  readonly loadBalancers?: pulumi.Input<pulumi.Input<ScalingLoadBalancerArgs>[]>;
  /** Whether the group runs (launches and releases VMs, fires its policies). Default `true`. Updatable in place. */
  readonly enabled?: pulumi.Input<boolean>;
  /** Refuse deleting the group while `true`. Default `false`. Updatable in place. */
  readonly deleteProtection?: pulumi.Input<boolean>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the group. */
  readonly regionId?: pulumi.Input<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). Default: `ctyun:projectId`. Replaces. */
  readonly projectId?: pulumi.Input<string>;
}

/**
 * A CTyun auto-scaling group (伸缩组): VMs launched from `ScalingConfig`s into a VPC's subnets and
 * kept at a desired count between a minimum and a maximum, optionally registered with ELB target
 * groups. The VMs are ordinary ECS instances (see `instanceIds`); the group launches and releases
 * them through scaling activities.
 *
 * Create waits until the desired count of VMs is in service; a failed scaling activity (no capacity,
 * a refused VM) fails it with the cloud's reason, the group recorded, and the next `pulumi up`
 * tries again. Changing `desiredCount`, `minCount` or `maxCount` scales in place and waits likewise.
 * Delete releases the VMs the group launched and waits until they are gone. `ScalingPolicy`s change
 * the desired count too: leave `desiredCount` unset (or ignore its changes) when they manage it.
 *
 * Default timeouts: create 30m, update 30m, delete 30m.
 *
 * Updates in place: name, subnetIds, securityGroupIds, configIds, minCount, maxCount, desiredCount, healthMode, healthPeriod, moveOutStrategy, azStrategy, loadBalancers, enabled, deleteProtection. Replaces on: vpcId, region, project.
 *
 * @example
 * ```ts
 * const web = new ctyun.ScalingGroup("web", {
 *   vpcId: vpc.vpcId,
 *   subnetIds: [subnet.subnetId],
 *   securityGroupIds: [sg.securityGroupId],
 *   configIds: [template.configId],
 *   minCount: 1, maxCount: 6, desiredCount: 2,
 * });
 * ```
 */
export class ScalingGroup extends pulumi.dynamic.Resource {
  /** The group id (the API's integer, as decimal text). */
  declare readonly groupId: pulumi.Output<string>;
  /** The group name. */
  declare readonly name: pulumi.Output<string>;
  /** The VPC the VMs run in. */
  declare readonly vpcId: pulumi.Output<string>;
  /** The VMs' subnets, the first holding their primary NICs. */
  declare readonly subnetIds: pulumi.Output<string[]>;
  /** Security groups of the VMs (multi-zone regions). */
  declare readonly securityGroupIds: pulumi.Output<string[] | undefined>;
  /** The `ScalingConfig` ids, in order of priority. */
  declare readonly configIds: pulumi.Output<string[]>;
  /** The fewest VMs. */
  declare readonly minCount: pulumi.Output<number>;
  /** The most VMs. */
  declare readonly maxCount: pulumi.Output<number>;
  /** The desired count the program set, if any (see `currentDesiredCount`). */
  declare readonly desiredCount: pulumi.Output<number | undefined>;
  /** How the VMs' health is checked. */
  declare readonly healthMode: pulumi.Output<"server" | "lb">;
  /** Seconds between health checks. */
  declare readonly healthPeriod: pulumi.Output<number>;
  /** Which VMs leave first when the group shrinks. */
  declare readonly moveOutStrategy: pulumi.Output<ScalingMoveOutStrategy>;
  /** How VMs spread over zones. */
  declare readonly azStrategy: pulumi.Output<"uniform_distribution" | "priority_distribution">;
  /** ELB target groups the VMs are registered with. */
  declare readonly loadBalancers: pulumi.Output<ScalingLoadBalancer[] | undefined>;
  /** Whether the group runs. */
  declare readonly enabled: pulumi.Output<boolean>;
  /** Whether deleting the group is refused. */
  declare readonly deleteProtection: pulumi.Output<boolean>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;
  /** Enterprise project id. */
  declare readonly projectId: pulumi.Output<string | undefined>;
  /** `enabled` or `disabled` in the cloud. */
  declare readonly status: pulumi.Output<string>;
  /** The desired count in the cloud (policies and VMs moved in by hand change it too). */
  declare readonly currentDesiredCount: pulumi.Output<number>;
  /** How many VMs the group has (as of the last create, update or refresh). */
  declare readonly instanceCount: pulumi.Output<number>;
  /** The group's VM ids, in the order they joined (as of the last create, update or refresh). */
  declare readonly instanceIds: pulumi.Output<string[]>;

  /**
   * An existing scaling group this stack does not manage, read by its id: a read-only resource whose
   * outputs `pulumi refresh` keeps current and that `pulumi destroy` never deletes. To take a group
   * under management instead, create it with `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): ScalingGroup {
    return new ScalingGroup(name, (state ?? {}) as ScalingGroupArgs, { ...opts, id });
  }

  constructor(name: string, args: ScalingGroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(scalingGroupSpec, name, args, opts), opts, TOKEN_MODULE, scalingGroupSpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.groupId = this.id;
  }
}
