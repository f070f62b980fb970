/**
 * Health checks (api-notes/elb.md §6): regional objects target groups name. TCP/UDP/HTTP; the HTTP
 * fields (method, path, expected codes) take effect only for HTTP ("仅当protocol为HTTP时必填且生效")
 * and are stored empty otherwise. The protocol and port never change. A health check a target group
 * names cannot be deleted.
 */
import type { EngineContext } from "../../engine/context";
import { InvalidParameterError } from "../../errors";
import { HEALTH_CHECK_KIND, TARGET_GROUP_KIND, type HealthCheckProtocol, type HealthCheckRecord, type TargetGroupRecord } from "./records";
import { checkElbDescription, checkElbName, checkRange, elbInUse, elbNotFound, EXPECTED_CODES, HTTP_METHODS, nameTaken, utcTime } from "./rules";

export interface HealthCheckInput {
  readonly name: string;
  readonly description?: string | undefined;
  readonly protocol: HealthCheckProtocol;
  readonly protocolPort?: number | undefined;
  readonly timeout?: number | undefined;
  readonly interval?: number | undefined;
  readonly maxRetry?: number | undefined;
  readonly httpMethod?: string | undefined;
  readonly httpUrlPath?: string | undefined;
  readonly httpExpectedCodes?: readonly string[] | undefined;
}

export interface HealthCheckChange {
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  readonly timeout?: number | undefined;
  readonly interval?: number | undefined;
  readonly maxRetry?: number | undefined;
  readonly httpMethod?: string | undefined;
  readonly httpUrlPath?: string | undefined;
  readonly httpExpectedCodes?: readonly string[] | undefined;
}

/** Defaults (create-health-check doc): timeout 2 s, interval 5 s, 2 retries, GET /, http_2xx. */
export const HEALTH_CHECK_DEFAULTS = { timeout: 2, interval: 5, maxRetry: 2, httpMethod: "GET", httpUrlPath: "/", httpExpectedCodes: ["http_2xx"] } as const;

function checkTimings(input: Pick<HealthCheckInput, "timeout" | "interval" | "maxRetry">): void {
  if (input.timeout !== undefined) checkRange("timeout", input.timeout, 2, 60);
  if (input.interval !== undefined) checkRange("interval", input.interval, 1, 20940);
  if (input.maxRetry !== undefined) checkRange("maxRetry", input.maxRetry, 1, 10);
}

function checkHttp(input: Pick<HealthCheckInput, "httpMethod" | "httpUrlPath" | "httpExpectedCodes">): void {
  if (input.httpMethod !== undefined && !(HTTP_METHODS as readonly string[]).includes(input.httpMethod)) {
    throw new InvalidParameterError(`httpMethod must be one of ${HTTP_METHODS.join(", ")}`);
  }
  if (input.httpUrlPath !== undefined && (!input.httpUrlPath.startsWith("/") || input.httpUrlPath.length > 80)) {
    throw new InvalidParameterError("httpUrlPath must start with / and be at most 80 characters long");
  }
  const codes = input.httpExpectedCodes;
  if (codes !== undefined) {
    if (codes.length === 0) throw new InvalidParameterError(`httpExpectedCodes must list at least one of ${EXPECTED_CODES.join(", ")}`);
    for (const code of codes) if (!(EXPECTED_CODES as readonly string[]).includes(code)) throw new InvalidParameterError(`httpExpectedCodes: ${code} is not one of ${EXPECTED_CODES.join(", ")}`);
    if (new Set(codes).size !== codes.length) throw new InvalidParameterError("httpExpectedCodes lists a code more than once");
  }
}

export class HealthChecks {
  constructor(private readonly ctx: EngineContext) {}

  private get checks() {
    return this.ctx.store.collection<HealthCheckRecord>(HEALTH_CHECK_KIND);
  }

  require(regionID: string, healthCheckID: string): HealthCheckRecord {
    const check = this.checks.get(regionID, healthCheckID);
    if (!check) throw elbNotFound(this.ctx, "healthCheck", healthCheckID);
    return check;
  }

  list(regionID: string, filter: { ids?: readonly string[] | undefined; name?: string | undefined }): HealthCheckRecord[] {
    return this.checks.find(regionID, (c) => (!filter.ids || filter.ids.includes(c.ID)) && (!filter.name || c.name === filter.name));
  }

  private checkNameFree(regionID: string, name: string, except?: string): void {
    const holder = this.checks.findOne(regionID, (c) => c.name === name && c.ID !== except);
    if (holder) throw nameTaken(this.ctx, "healthCheck", name, `health check ${holder.ID}`);
  }

  create(regionID: string, input: HealthCheckInput): HealthCheckRecord {
    checkElbName("name", input.name);
    if (input.description !== undefined) checkElbDescription(input.description);
    if (input.protocolPort !== undefined) checkRange("protocolPort", input.protocolPort, 1, 65535);
    checkTimings(input);
    const http = input.protocol === "HTTP";
    if (http) checkHttp(input);
    this.checkNameFree(regionID, input.name);
    const ID = this.ctx.ids.prefixed("hc");
    return this.checks.insert(regionID, ID, {
      ID,
      name: input.name,
      description: input.description ?? "",
      protocol: input.protocol,
      protocolPort: input.protocolPort ?? 0,
      timeout: input.timeout ?? HEALTH_CHECK_DEFAULTS.timeout,
      interval: input.interval ?? HEALTH_CHECK_DEFAULTS.interval,
      maxRetry: input.maxRetry ?? HEALTH_CHECK_DEFAULTS.maxRetry,
      httpMethod: http ? (input.httpMethod ?? HEALTH_CHECK_DEFAULTS.httpMethod) : "",
      httpUrlPath: http ? (input.httpUrlPath ?? HEALTH_CHECK_DEFAULTS.httpUrlPath) : "",
      httpExpectedCodes: http ? [...(input.httpExpectedCodes ?? HEALTH_CHECK_DEFAULTS.httpExpectedCodes)] : [],
      createTime: utcTime(this.ctx.clock()),
    });
  }

  update(regionID: string, healthCheckID: string, change: HealthCheckChange): HealthCheckRecord {
    const current = this.require(regionID, healthCheckID);
    if (change.name !== undefined) {
      checkElbName("name", change.name);
      this.checkNameFree(regionID, change.name, healthCheckID);
    }
    if (change.description !== undefined) checkElbDescription(change.description);
    checkTimings(change);
    const http = current.protocol === "HTTP";
    if (http) checkHttp(change);
    return this.checks.update(regionID, healthCheckID, (c) => ({
      ...c,
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
      ...(change.timeout !== undefined ? { timeout: change.timeout } : {}),
      ...(change.interval !== undefined ? { interval: change.interval } : {}),
      ...(change.maxRetry !== undefined ? { maxRetry: change.maxRetry } : {}),
      ...(http && change.httpMethod !== undefined ? { httpMethod: change.httpMethod } : {}),
      ...(http && change.httpUrlPath !== undefined ? { httpUrlPath: change.httpUrlPath } : {}),
      ...(http && change.httpExpectedCodes !== undefined ? { httpExpectedCodes: [...change.httpExpectedCodes] } : {}),
    })) as HealthCheckRecord;
  }

  /** Refused while a target group names it. */
  delete(regionID: string, healthCheckID: string): void {
    this.require(regionID, healthCheckID);
    const users = this.ctx.store.collection<TargetGroupRecord>(TARGET_GROUP_KIND).find(regionID, (g) => g.healthCheckID === healthCheckID);
    if (users.length > 0) throw elbInUse(this.ctx, "healthCheck", healthCheckID, `target groups: ${users.map((g) => g.ID).join(", ")}`);
    this.checks.delete(regionID, healthCheckID);
  }
}

/** show / list: `httpExpectedCodes` one space-joined string (TF splits on a space); `interval` also as `integererval`, the name both generated clients give it (Go matches `Integererval` case-insensitively). */
export function healthCheckView(check: HealthCheckRecord, regionID: string): Record<string, unknown> {
  return {
    regionID,
    azName: "",
    projectID: "0",
    ID: check.ID,
    name: check.name,
    description: check.description,
    protocol: check.protocol,
    protocolPort: check.protocolPort,
    timeout: check.timeout,
    interval: check.interval,
    integererval: check.interval,
    maxRetry: check.maxRetry,
    httpMethod: check.httpMethod,
    httpUrlPath: check.httpUrlPath,
    httpExpectedCodes: check.httpExpectedCodes.join(" "),
    status: 1,
    createTime: check.createTime,
  };
}
