import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { scalingPolicySpec } from "../specs/scaling-policy";

import provider = require("../providers/scaling-policy");

/** Monitoring metrics an alarm policy watches (CTyun cloud monitoring). */
export type ScalingAlarmMetric =
  | "cpu_util"
  | "mem_util"
  | "network_incoming_bytes_rate_inband"
  | "network_outing_bytes_rate_inband"
  | "disk_read_bytes_rate"
  | "disk_write_bytes_rate"
  | "disk_read_requests_rate"
  | "disk_write_requests_rate";

/** The alarm that fires an `alarm` policy. */
export interface ScalingAlarmArgs {
  /** The metric watched, e.g. `cpu_util` (%). */
  readonly metricName: pulumi.Input<ScalingAlarmMetric>;
  /** How the group's VMs' values are combined: `avg` (default), `max` or `min`. */
  readonly statistics?: pulumi.Input<"avg" | "max" | "min">;
  /** `ge`, `gt`, `le` or `lt` the threshold. */
  readonly comparisonOperator: pulumi.Input<"ge" | "gt" | "le" | "lt">;
  /** The threshold, a whole number in the metric's unit. */
  readonly threshold: pulumi.Input<number>;
  /** The monitoring period, minutes like `5m` (default). */
  readonly period?: pulumi.Input<string>;
  /** How many periods in a row the condition must hold. Default 1. */
  readonly evaluationCount?: pulumi.Input<number>;
}

/** The alarm as stored. */
export interface ScalingAlarm {
  /** The metric watched. */
  readonly metricName: ScalingAlarmMetric;
  /** How the values are combined. */
  readonly statistics: "avg" | "max" | "min";
  /** The comparison with the threshold. */
  readonly comparisonOperator: "ge" | "gt" | "le" | "lt";
  /** The threshold. */
  readonly threshold: number;
  /** The monitoring period. */
  readonly period: string;
  /** Periods in a row. */
  readonly evaluationCount: number;
}

export interface ScalingPolicyArgs extends CommonArgs {
  /** The policy name: 1–64 characters, unique in the group. Default: `<logical name>-<7 hex>`. Updatable in place. */
  readonly name?: pulumi.Input<string>;
  /** The `ScalingGroup` (`group.groupId`). Changing it replaces the policy. */
  readonly groupId: pulumi.Input<string>;
  /** `alarm` (when `alarm` fires), `scheduled` (once, at `executionTime`) or `periodic` (on the days of `cycle`). Changing it replaces the policy. */
  readonly type: pulumi.Input<"alarm" | "scheduled" | "periodic">;
  /** What happens to the group's desired count: `increase`, `decrease` or `set` (to `count`). Updatable in place. */
  readonly action: pulumi.Input<"increase" | "decrease" | "set">;
  /** By how much (or, for `set`, to what); the result stays within the group's bounds. Updatable in place. */
  readonly count: pulumi.Input<number>;
  /** `count` (default: VMs) or `percent` (of the desired count; not with `set`). Updatable in place. */
  readonly unit?: pulumi.Input<"count" | "percent">;
  /**
   * `scheduled`: when it runs; `periodic`: the time of day it runs (the date is ignored). A Beijing
   * time `YYYY-MM-DD HH:MM:SS`. Updatable in place.
   */
  readonly executionTime?: pulumi.Input<string>;
  /** `periodic` only: `monthly`, `weekly` or `daily`. Updatable in place. */
  readonly cycle?: pulumi.Input<"monthly" | "weekly" | "daily">;
  /** `periodic` monthly (1–31) or weekly (1 Monday … 7 Sunday) cycles: the days it runs. Updatable in place. */
  readonly days?: pulumi.Input<pulumi.Input<number>[]>;
  /** `periodic` only: runs from this Beijing time (`YYYY-MM-DD HH:MM:SS`). Updatable in place. */
  readonly effectiveFrom?: pulumi.Input<string>;
  /** `periodic` only: runs until this Beijing time, after `effectiveFrom`. Updatable in place. */
  readonly effectiveTill?: pulumi.Input<string>;
  /** `alarm` only: seconds after a firing before the alarm can fire again. Default 300. Updatable in place. */
  readonly cooldown?: pulumi.Input<number>;
  /** `alarm` only (required there): the alarm that fires the policy. Updatable in place. */
  readonly alarm?: pulumi.Input<ScalingAlarmArgs>;
  /** Whether the policy fires. Default `true`. Updatable in place. */
  readonly enabled?: pulumi.Input<boolean>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the policy. */
  readonly regionId?: pulumi.Input<string>;
}

/**
 * A CTyun auto-scaling policy (伸缩策略): moves a `ScalingGroup`'s desired count when an alarm fires,
 * once at a set time, or periodically. Only an enabled policy of an enabled group fires. A policy
 * changes the group's desired count in the cloud: leave the group's `desiredCount` unset (or ignore
 * its changes) when policies manage it.
 *
 * Changing a policy's fields stops it, updates it and starts it again (CTyun changes rules while
 * they are stopped).
 *
 * Default timeouts: create 2m, update 2m, delete 2m.
 *
 * Updates in place: name, action, count, unit, executionTime, cycle, days, effectiveFrom, effectiveTill, cooldown, alarm, enabled. Replaces on: groupId, type, region.
 *
 * @example
 * ```ts
 * new ctyun.ScalingPolicy("cpu-high", {
 *   groupId: web.groupId,
 *   type: "alarm",
 *   action: "increase", count: 1, cooldown: 300,
 *   alarm: { metricName: "cpu_util", comparisonOperator: "ge", threshold: 80 },
 * });
 * new ctyun.ScalingPolicy("nightly", {
 *   groupId: web.groupId,
 *   type: "periodic", cycle: "daily",
 *   action: "set", count: 1,
 *   executionTime: "2025-01-01 22:00:00", effectiveFrom: "2025-01-01 00:00:00", effectiveTill: "2026-01-01 00:00:00",
 * });
 * ```
 */
export class ScalingPolicy extends pulumi.dynamic.Resource {
  /** The policy id (the API's integer rule id, as decimal text). */
  declare readonly policyId: pulumi.Output<string>;
  /** The policy name. */
  declare readonly name: pulumi.Output<string>;
  /** The scaling group. */
  declare readonly groupId: pulumi.Output<string>;
  /** `alarm`, `scheduled` or `periodic`. */
  declare readonly type: pulumi.Output<"alarm" | "scheduled" | "periodic">;
  /** What happens to the desired count. */
  declare readonly action: pulumi.Output<"increase" | "decrease" | "set">;
  /** By how much, or to what. */
  declare readonly count: pulumi.Output<number>;
  /** `count` or `percent`. */
  declare readonly unit: pulumi.Output<"count" | "percent">;
  /** When (or at what time of day) it runs. */
  declare readonly executionTime: pulumi.Output<string | undefined>;
  /** The cycle of a periodic policy. */
  declare readonly cycle: pulumi.Output<"monthly" | "weekly" | "daily" | undefined>;
  /** The days of a monthly or weekly cycle. */
  declare readonly days: pulumi.Output<number[] | undefined>;
  /** Start of a periodic policy. */
  declare readonly effectiveFrom: pulumi.Output<string | undefined>;
  /** End of a periodic policy. */
  declare readonly effectiveTill: pulumi.Output<string | undefined>;
  /** Seconds between firings of an alarm policy. */
  declare readonly cooldown: pulumi.Output<number | undefined>;
  /** The alarm of an alarm policy. */
  declare readonly alarm: pulumi.Output<ScalingAlarm | undefined>;
  /** Whether the policy fires. */
  declare readonly enabled: pulumi.Output<boolean>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;
  /** `enabled` or `disabled` in the cloud. */
  declare readonly status: pulumi.Output<string>;

  /**
   * An existing scaling policy this stack does not manage, read by its id and its group's: a
   * read-only resource that `pulumi destroy` never deletes. To take a policy under management
   * instead, create it with `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state: Pick<ReadArgs, "regionId"> & { readonly groupId: pulumi.Input<string> }, opts?: pulumi.CustomResourceOptions): ScalingPolicy {
    return new ScalingPolicy(name, state as ScalingPolicyArgs, { ...opts, id });
  }

  constructor(name: string, args: ScalingPolicyArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(scalingPolicySpec, name, args, opts), opts, TOKEN_MODULE, scalingPolicySpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.policyId = this.id;
  }
}
