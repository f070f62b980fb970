import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { targetGroupSpec } from "../specs/target-group";

import provider = require("../providers/target-group");

/** The protocol of a target group's traffic. */
export type TargetGroupProtocol = "TCP" | "UDP" | "HTTP" | "HTTPS";
/** `rr` round robin, `wrr` weighted round robin, `lc` least connections, `sh` source-IP hash. */
export type TargetGroupAlgorithm = "rr" | "wrr" | "lc" | "sh";

/**
 * Session persistence (keeping a client on one target). Only with the `rr` and `wrr` algorithms.
 *
 * - `{ mode: "insertCookie", cookieTimeout }`: the load balancer inserts a cookie that lives
 *   `cookieTimeout` seconds (HTTP/HTTPS groups).
 * - `{ mode: "rewriteCookie", cookieName }`: it follows the application's own cookie (HTTP/HTTPS).
 * - `{ mode: "sourceIp", timeout }`: by client address, for `timeout` seconds (TCP/UDP groups).
 */
export type TargetGroupStickySession =
  | { readonly mode: "insertCookie"; readonly cookieTimeout: number }
  | { readonly mode: "rewriteCookie"; readonly cookieName: string }
  | { readonly mode: "sourceIp"; readonly timeout: number };

export interface TargetGroupArgs extends CommonArgs {
  /**
   * The target group name, unique in the region: 2–32 characters, starting with a letter or Chinese
   * character, then letters, digits, Chinese characters, `_` or `-`. Default: `<logical name>-<7 hex>`.
   * Updatable in place.
   */
  readonly name?: pulumi.Input<string>;
  /** A description of at most 128 characters. Default `""`. Updatable in place. */
  readonly description?: pulumi.Input<string>;
  /** The VPC whose VMs can be its targets (`vpc-…`); listeners of load balancers in this VPC forward to it. Changing it replaces the group. */
  readonly vpcId: pulumi.Input<string>;
  /**
   * `TCP`, `UDP`, `HTTP` or `HTTPS`: HTTP/HTTPS groups serve HTTP/HTTPS listeners, TCP and UDP groups
   * listeners of their own protocol. Default: none (any listener). Changing it replaces the group.
   */
  readonly protocol?: pulumi.Input<TargetGroupProtocol>;
  /** How requests are spread over the targets. Default `wrr`. Updatable in place. */
  readonly algorithm?: pulumi.Input<TargetGroupAlgorithm>;
  /** The `HealthCheck` (`hc-…`) probing the targets. Default: none (target health `unknown`). Updatable in place. */
  readonly healthCheckId?: pulumi.Input<string>;
  /** Session persistence. Default: off. Updatable in place. */
  readonly stickySession?: pulumi.Input<TargetGroupStickySession>;
  /** Pass the client address with the PROXY protocol (TCP groups only). Default false. Changing it replaces the group. */
  readonly proxyProtocol?: pulumi.Input<boolean>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the group. */
  readonly regionId?: pulumi.Input<string>;
}

/**
 * A CTyun ELB target group: the VMs (`Target`s) a `Listener` or `ListenerRule` forwards to, with a
 * scheduling algorithm, session persistence and an optional `HealthCheck`. It cannot be deleted while
 * a listener or rule forwards to it; its targets go with it.
 *
 * Default timeouts: create 2m, update 2m, delete 5m (while listeners or rules still forward to it).
 *
 * Updates in place: name, description, algorithm, healthCheckId, stickySession. Replaces on: vpcId,
 * protocol, proxyProtocol, region.
 *
 * @example
 * ```ts
 * const web = new ctyun.TargetGroup("web", { vpcId: vpc.vpcId, protocol: "HTTP", healthCheckId: hc.healthCheckId });
 * ```
 */
export class TargetGroup extends pulumi.dynamic.Resource {
  /** The target group id, `tg-` followed by 10 characters. */
  declare readonly targetGroupId: pulumi.Output<string>;
  /** The target group name. */
  declare readonly name: pulumi.Output<string>;
  /** The description. */
  declare readonly description: pulumi.Output<string>;
  /** The VPC of its targets. */
  declare readonly vpcId: pulumi.Output<string>;
  /** The protocol, if one was set. */
  declare readonly protocol: pulumi.Output<TargetGroupProtocol | undefined>;
  /** How requests are spread over the targets. */
  declare readonly algorithm: pulumi.Output<TargetGroupAlgorithm>;
  /** The health check probing the targets. */
  declare readonly healthCheckId: pulumi.Output<string | undefined>;
  /** Session persistence, when on. */
  declare readonly stickySession: pulumi.Output<TargetGroupStickySession | undefined>;
  /** Whether the PROXY protocol passes client addresses. */
  declare readonly proxyProtocol: pulumi.Output<boolean>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;

  /**
   * An existing target group this stack does not manage, read by its id: a read-only resource whose
   * outputs `pulumi refresh` keeps current and that `pulumi destroy` never deletes. To take one under
   * management instead, create it with `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): TargetGroup {
    return new TargetGroup(name, (state ?? {}) as TargetGroupArgs, { ...opts, id });
  }

  constructor(name: string, args: TargetGroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(targetGroupSpec, name, args, opts), opts, TOKEN_MODULE, targetGroupSpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.targetGroupId = this.id;
  }
}
