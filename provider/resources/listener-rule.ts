import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { listenerRuleSpec } from "../specs/listener-rule";

import provider = require("../providers/listener-rule");

/** How `path` matches: `prefix` (the path starts with it), `exact`, or `regex` (a regular expression). */
export type ListenerRulePathMatch = "prefix" | "exact" | "regex";

export interface ListenerRuleArgs extends CommonArgs {
  /** The HTTP or HTTPS `Listener` (`listener-…`) the rule refines. Changing it replaces the rule. */
  readonly listenerId: pulumi.Input<string>;
  /** A description of at most 128 characters. Default `""`. Updatable in place. */
  readonly description?: pulumi.Input<string>;
  /** Match requests for this host name (`www.example.com`, or `*.example.com`; no `_`). Set it, `path`, or both. Updatable in place. */
  readonly hostName?: pulumi.Input<string>;
  /** Match requests whose path matches (`/api`, or an expression with `pathMatch: "regex"`), at most 128 characters. Updatable in place. */
  readonly path?: pulumi.Input<string>;
  /** How `path` matches. Default `prefix` (only with `path`). Updatable in place. */
  readonly pathMatch?: pulumi.Input<ListenerRulePathMatch>;
  /** Send matching requests to this `TargetGroup` (`tg-…`). Set exactly one of `targetGroupId` and `redirectListenerId`. Updatable in place. */
  readonly targetGroupId?: pulumi.Input<string>;
  /** Redirect matching requests to another `Listener` of the same load balancer instead. Updatable in place. */
  readonly redirectListenerId?: pulumi.Input<string>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the rule. */
  readonly regionId?: pulumi.Input<string>;
}

/**
 * A forwarding rule of an HTTP or HTTPS CTyun `Listener`: requests whose host name and/or path match
 * go to a `TargetGroup` (or another listener) instead of the listener's default.
 *
 * Default timeouts: create 2m, update 2m, delete 5m.
 *
 * Updates in place: description, hostName, path, pathMatch, targetGroupId, redirectListenerId.
 * Replaces on: listenerId, region.
 *
 * @example
 * ```ts
 * new ctyun.ListenerRule("api", { listenerId: http.listenerId, path: "/api", targetGroupId: api.targetGroupId });
 * ```
 */
export class ListenerRule extends pulumi.dynamic.Resource {
  /** The rule id, `rule-` followed by 10 characters. */
  declare readonly ruleId: pulumi.Output<string>;
  /** The load balancer of its listener. */
  declare readonly loadBalancerId: pulumi.Output<string | undefined>;
  /** The listener. */
  declare readonly listenerId: pulumi.Output<string>;
  /** The description. */
  declare readonly description: pulumi.Output<string>;
  /** The host name matched. */
  declare readonly hostName: pulumi.Output<string | undefined>;
  /** The path matched. */
  declare readonly path: pulumi.Output<string | undefined>;
  /** How the path matches. */
  declare readonly pathMatch: pulumi.Output<ListenerRulePathMatch | undefined>;
  /** Where matching requests go. */
  declare readonly targetGroupId: pulumi.Output<string | undefined>;
  /** The listener matching requests are redirected to. */
  declare readonly redirectListenerId: pulumi.Output<string | undefined>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;

  /**
   * An existing rule this stack does not manage, read by its id: a read-only resource whose outputs
   * `pulumi refresh` keeps current and that `pulumi destroy` never deletes. To take one under
   * management instead, create it with `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): ListenerRule {
    return new ListenerRule(name, (state ?? {}) as ListenerRuleArgs, { ...opts, id });
  }

  constructor(name: string, args: ListenerRuleArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(listenerRuleSpec, name, args, opts), opts, TOKEN_MODULE, listenerRuleSpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.ruleId = this.id;
  }
}
