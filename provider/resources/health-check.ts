import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { healthCheckSpec } from "../specs/health-check";

import provider = require("../providers/health-check");

/** How a health check probes: `TCP` (connect), `UDP`, or `HTTP` (a request whose answer code counts). */
export type HealthCheckProtocol = "TCP" | "UDP" | "HTTP";
/** The HTTP method of an HTTP health check. */
export type HealthCheckHttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "DELETE" | "TRACE" | "OPTIONS" | "CONNECT" | "PATCH";
/** HTTP answer classes that count as healthy. */
export type HealthCheckExpectedCode = "http_2xx" | "http_3xx" | "http_4xx" | "http_5xx";

export interface HealthCheckArgs extends CommonArgs {
  /**
   * The health check name, unique in the region: 2–32 characters, starting with a letter or Chinese
   * character, then letters, digits, Chinese characters, `_` or `-`. Default: `<logical name>-<7 hex>`.
   * Updatable in place.
   */
  readonly name?: pulumi.Input<string>;
  /** A description of at most 128 characters. Default `""`. Updatable in place. */
  readonly description?: pulumi.Input<string>;
  /** `TCP`, `UDP` or `HTTP`. Changing it replaces the health check. */
  readonly protocol: pulumi.Input<HealthCheckProtocol>;
  /** The port probed, 1–65535. Default: each target's own port. Changing it replaces the health check. */
  readonly port?: pulumi.Input<number>;
  /** Seconds a probe may take, 2–60. Default 2. Updatable in place. */
  readonly timeout?: pulumi.Input<number>;
  /** Seconds between probes, 1–20940. Default 5. Updatable in place. */
  readonly interval?: pulumi.Input<number>;
  /** Failed probes before a target counts as down, 1–10. Default 2. Updatable in place. */
  readonly maxRetry?: pulumi.Input<number>;
  /** HTTP checks only: the request method. Default `GET`. Updatable in place. */
  readonly httpMethod?: pulumi.Input<HealthCheckHttpMethod>;
  /** HTTP checks only: the request path, starting with `/`, at most 80 characters. Default `/`. Updatable in place. */
  readonly httpPath?: pulumi.Input<string>;
  /** HTTP checks only: answer classes that count as healthy (a set). Default `["http_2xx"]`. Updatable in place. */
  readonly httpExpectedCodes?: pulumi.Input<pulumi.Input<HealthCheckExpectedCode>[]>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the health check. */
  readonly regionId?: pulumi.Input<string>;
}

/**
 * A CTyun ELB health check: how a `TargetGroup` probes its targets. One health check can serve many
 * target groups; it cannot be deleted while a target group names it (Pulumi deletes the groups, or
 * updates them, first).
 *
 * Default timeouts: create 2m, update 2m, delete 5m (while target groups still name it).
 *
 * Updates in place: name, description, timeout, interval, maxRetry, httpMethod, httpPath,
 * httpExpectedCodes. Replaces on: protocol, port, region.
 *
 * @example
 * ```ts
 * const hc = new ctyun.HealthCheck("web", { protocol: "HTTP", httpPath: "/healthz" });
 * ```
 */
export class HealthCheck extends pulumi.dynamic.Resource {
  /** The health check id, `hc-` followed by 10 characters. */
  declare readonly healthCheckId: pulumi.Output<string>;
  /** The health check name. */
  declare readonly name: pulumi.Output<string>;
  /** The description. */
  declare readonly description: pulumi.Output<string>;
  /** `TCP`, `UDP` or `HTTP`. */
  declare readonly protocol: pulumi.Output<HealthCheckProtocol>;
  /** The port probed; undefined = each target's own port. */
  declare readonly port: pulumi.Output<number | undefined>;
  /** Seconds a probe may take. */
  declare readonly timeout: pulumi.Output<number>;
  /** Seconds between probes. */
  declare readonly interval: pulumi.Output<number>;
  /** Failed probes before a target counts as down. */
  declare readonly maxRetry: pulumi.Output<number>;
  /** The HTTP method (HTTP checks). */
  declare readonly httpMethod: pulumi.Output<HealthCheckHttpMethod | undefined>;
  /** The HTTP path (HTTP checks). */
  declare readonly httpPath: pulumi.Output<string | undefined>;
  /** Answer classes that count as healthy (HTTP checks). */
  declare readonly httpExpectedCodes: pulumi.Output<HealthCheckExpectedCode[] | undefined>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;

  /**
   * An existing health check this stack does not manage, read by its id: a read-only resource whose
   * outputs `pulumi refresh` keeps current and that `pulumi destroy` never deletes. To take one under
   * management instead, create it with `adoptId`.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): HealthCheck {
    return new HealthCheck(name, (state ?? {}) as HealthCheckArgs, { ...opts, id });
  }

  constructor(name: string, args: HealthCheckArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(healthCheckSpec, name, args, opts), opts, TOKEN_MODULE, healthCheckSpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.healthCheckId = this.id;
  }
}
