import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { listenerSpec } from "../specs/listener";

import provider = require("../providers/listener");

/** The protocol a listener speaks. TCP, HTTP and HTTPS listeners share a load balancer's TCP ports; UDP has its own. */
export type ListenerProtocol = "TCP" | "UDP" | "HTTP" | "HTTPS";

export interface ListenerArgs extends CommonArgs {
  /** The `LoadBalancer` (`lb-…`) it listens on. Changing it replaces the listener. */
  readonly loadBalancerId: pulumi.Input<string>;
  /**
   * The listener name, unique on its load balancer: 2–32 characters, starting with a letter or
   * Chinese character, then letters, digits, Chinese characters, `_` or `-`. Default:
   * `<logical name>-<7 hex>`. Updatable in place.
   */
  readonly name?: pulumi.Input<string>;
  /** A description of at most 128 characters. Default `""`. Updatable in place. */
  readonly description?: pulumi.Input<string>;
  /** `TCP`, `UDP`, `HTTP` or `HTTPS`. Changing it replaces the listener. */
  readonly protocol: pulumi.Input<ListenerProtocol>;
  /** The port, 1–65535; one listener per port (and TCP/UDP) on a load balancer. Changing it replaces the listener. */
  readonly port: pulumi.Input<number>;
  /**
   * The `TargetGroup` (`tg-…`, same VPC, a protocol that suits) requests go to by default. Set exactly
   * one of `targetGroupId` and `redirectListenerId`. Updatable in place.
   */
  readonly targetGroupId?: pulumi.Input<string>;
  /** Redirect everything to another `Listener` (`listener-…`) of the same load balancer instead (e.g. HTTP to HTTPS). Updatable in place. */
  readonly redirectListenerId?: pulumi.Input<string>;
  /** HTTPS only, and required there: the server `Certificate` (`cert-…`). Updatable in place. */
  readonly certificateId?: pulumi.Input<string>;
  /** HTTPS only: a CA `Certificate` (`cert-…`, type `ca`) clients must present a certificate of (two-way TLS). Default: off. Updatable in place. */
  readonly clientCaCertificateId?: pulumi.Input<string>;
  /** HTTP/HTTPS only: add the client address as `X-Forwarded-For`. Default false. Updatable in place. */
  readonly forwardedFor?: pulumi.Input<boolean>;
  /** Whether the listener accepts traffic (start/stop). Default true. Updatable in place. */
  readonly enabled?: pulumi.Input<boolean>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the listener. */
  readonly regionId?: pulumi.Input<string>;
}

/**
 * A listener of a CTyun `LoadBalancer`: a protocol and port whose traffic goes to a `TargetGroup`
 * (or is redirected to another listener), refined by `ListenerRule`s on HTTP/HTTPS listeners. A
 * listener another listener or rule redirects to cannot be deleted; its own rules go with it.
 *
 * Default timeouts: create 2m, update 2m, delete 5m.
 *
 * Updates in place: name, description, targetGroupId, redirectListenerId, certificateId,
 * clientCaCertificateId, forwardedFor, enabled. Replaces on: loadBalancerId, protocol, port, region.
 *
 * @example
 * ```ts
 * const http = new ctyun.Listener("http", { loadBalancerId: lb.loadBalancerId, protocol: "HTTP", port: 80, targetGroupId: web.targetGroupId });
 * ```
 */
export class Listener extends pulumi.dynamic.Resource {
  /** The listener id, `listener-` followed by 10 characters. */
  declare readonly listenerId: pulumi.Output<string>;
  /** `active` (started) or `down` (stopped), as of the last create, update or refresh. */
  declare readonly status: pulumi.Output<string | undefined>;
  /** The load balancer. */
  declare readonly loadBalancerId: pulumi.Output<string>;
  /** The listener name. */
  declare readonly name: pulumi.Output<string>;
  /** The description. */
  declare readonly description: pulumi.Output<string>;
  /** The protocol. */
  declare readonly protocol: pulumi.Output<ListenerProtocol>;
  /** The port. */
  declare readonly port: pulumi.Output<number>;
  /** The default target group, when forwarding. */
  declare readonly targetGroupId: pulumi.Output<string | undefined>;
  /** The listener redirected to, when redirecting. */
  declare readonly redirectListenerId: pulumi.Output<string | undefined>;
  /** The server certificate (HTTPS). */
  declare readonly certificateId: pulumi.Output<string | undefined>;
  /** The client CA certificate (two-way TLS). */
  declare readonly clientCaCertificateId: pulumi.Output<string | undefined>;
  /** Whether `X-Forwarded-For` is added. */
  declare readonly forwardedFor: pulumi.Output<boolean>;
  /** Whether it accepts traffic. */
  declare readonly enabled: pulumi.Output<boolean>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;

  /**
   * An existing listener this stack does not manage, read by its id: a read-only resource whose
   * outputs `pulumi refresh` keeps current and that `pulumi destroy` never deletes. To take one under
   * management instead, create it with `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): Listener {
    return new Listener(name, (state ?? {}) as ListenerArgs, { ...opts, id });
  }

  constructor(name: string, args: ListenerArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(listenerSpec, name, args, opts), opts, TOKEN_MODULE, listenerSpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.listenerId = this.id;
  }
}
