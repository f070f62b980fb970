/**
 * Target groups (api-notes/elb.md §4): a VPC's pool of targets with a scheduling algorithm, session
 * persistence and an optional health check. Rules: stickiness per algorithm and protocol (CLOSE for
 * lc/sh; cookies only for HTTP/HTTPS, source IP only for TCP/UDP), proxy protocol only for TCP; a
 * group a listener or rule forwards to cannot be deleted; its targets go with it.
 */
import type { EngineContext } from "../../engine/context";
import { InvalidParameterError } from "../../errors";
import { HealthChecks, type HealthCheckInput } from "./health-checks";
import { LISTENER_KIND, LISTENER_RULE_KIND, TARGET_GROUP_KIND, TARGET_KIND, type ListenerProtocol, type ListenerRecord, type ListenerRuleRecord, type SessionSticky, type TargetGroupRecord, type TargetRecord } from "./records";
import { checkElbDescription, checkElbName, elbInUse, elbNotFound, nameTaken, STICKY_MODES, utcTime } from "./rules";

export interface StickyInput {
  readonly sessionStickyMode: string;
  readonly cookieExpire?: number | undefined;
  readonly rewriteCookieName?: string | undefined;
  readonly sourceIpTimeout?: number | undefined;
}

export interface CreateTargetGroupRequest {
  readonly name: string;
  readonly description?: string | undefined;
  readonly vpcID: string;
  readonly protocol?: ListenerProtocol | undefined;
  readonly healthCheckID?: string | undefined;
  /** PY only: an inline health check, made with the group (inferred: as create-health-check would). */
  readonly healthCheck?: HealthCheckInput | undefined;
  readonly algorithm: TargetGroupRecord["algorithm"];
  readonly sessionSticky?: StickyInput | undefined;
  readonly proxyProtocol?: number | undefined;
}

export interface TargetGroupChange {
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  /** "" removes the health check (inferred: the API has no other way to). */
  readonly healthCheckID?: string | undefined;
  readonly algorithm?: TargetGroupRecord["algorithm"] | undefined;
  readonly sessionSticky?: StickyInput | undefined;
  readonly proxyProtocol?: number | undefined;
  readonly protocol?: string | undefined;
}

const CLOSED: SessionSticky = { sessionStickyMode: "CLOSE", cookieExpire: 0, rewriteCookieName: "", sourceIpTimeout: 0 };

function positive(field: string, value: number | undefined, mode: string): number {
  if (value === undefined || !Number.isInteger(value) || value < 1) throw new InvalidParameterError(`sessionSticky.${field} is required (a positive integer of seconds) when sessionStickyMode is ${mode}`);
  return value;
}

function checkSticky(input: StickyInput | undefined, algorithm: string, protocol: string): SessionSticky {
  const mode = input?.sessionStickyMode ?? "CLOSE";
  if (!(STICKY_MODES as readonly string[]).includes(mode)) throw new InvalidParameterError(`sessionSticky.sessionStickyMode must be one of ${STICKY_MODES.join(", ")}`);
  if (mode === "CLOSE") return CLOSED;
  if (algorithm === "lc" || algorithm === "sh") throw new InvalidParameterError(`sessionStickyMode must be CLOSE when algorithm is ${algorithm}`);
  const web = protocol === "HTTP" || protocol === "HTTPS";
  if ((mode === "INSERT" || mode === "REWRITE") && protocol !== "" && !web) throw new InvalidParameterError(`sessionStickyMode ${mode} (cookies) needs an HTTP or HTTPS target group, not ${protocol}`);
  if (mode === "SOURCE_IP" && web) throw new InvalidParameterError(`sessionStickyMode SOURCE_IP needs a TCP or UDP target group, not ${protocol}`);
  if (mode === "INSERT") return { ...CLOSED, sessionStickyMode: "INSERT", cookieExpire: positive("cookieExpire", input?.cookieExpire, mode) };
  if (mode === "REWRITE") {
    const name = input?.rewriteCookieName ?? "";
    if (name === "") throw new InvalidParameterError("sessionSticky.rewriteCookieName is required when sessionStickyMode is REWRITE");
    return { ...CLOSED, sessionStickyMode: "REWRITE", rewriteCookieName: name };
  }
  return { ...CLOSED, sessionStickyMode: "SOURCE_IP", sourceIpTimeout: positive("sourceIpTimeout", input?.sourceIpTimeout, mode) };
}

function checkProxyProtocol(value: number | undefined, protocol: string): 0 | 1 {
  if (value === undefined || value === 0) return 0;
  if (value !== 1) throw new InvalidParameterError("proxyProtocol must be 1 (on) or 0 (off)");
  if (protocol !== "TCP") throw new InvalidParameterError(`proxyProtocol applies only to TCP target groups, not ${protocol === "" ? "one without a protocol" : protocol}`);
  return 1;
}

export class TargetGroups {
  constructor(private readonly ctx: EngineContext) {}

  private get groups() {
    return this.ctx.store.collection<TargetGroupRecord>(TARGET_GROUP_KIND);
  }

  require(regionID: string, targetGroupID: string): TargetGroupRecord {
    const group = this.groups.get(regionID, targetGroupID);
    if (!group) throw elbNotFound(this.ctx, "targetGroup", targetGroupID);
    return group;
  }

  list(regionID: string, filter: { ids?: readonly string[] | undefined; vpcID?: string | undefined; healthCheckID?: string | undefined; name?: string | undefined }): TargetGroupRecord[] {
    return this.groups.find(
      regionID,
      (g) =>
        (!filter.ids || filter.ids.includes(g.ID)) &&
        (!filter.vpcID || g.vpcID === filter.vpcID) &&
        (!filter.healthCheckID || g.healthCheckID === filter.healthCheckID) &&
        (!filter.name || g.name === filter.name),
    );
  }

  private checkNameFree(regionID: string, name: string, except?: string): void {
    const holder = this.groups.findOne(regionID, (g) => g.name === name && g.ID !== except);
    if (holder) throw nameTaken(this.ctx, "targetGroup", name, `target group ${holder.ID}`);
  }

  create(regionID: string, request: CreateTargetGroupRequest): TargetGroupRecord {
    checkElbName("name", request.name);
    if (request.description !== undefined) checkElbDescription(request.description);
    const vpc = this.ctx.backend("vpc").require(regionID, request.vpcID);
    const protocol = request.protocol ?? "";
    const sessionSticky = checkSticky(request.sessionSticky, request.algorithm, protocol);
    const proxyProtocol = checkProxyProtocol(request.proxyProtocol, protocol);
    if (request.healthCheckID && request.healthCheck) throw new InvalidParameterError("give healthCheckID or healthCheck, not both");
    if (request.healthCheckID) new HealthChecks(this.ctx).require(regionID, request.healthCheckID);
    this.checkNameFree(regionID, request.name);
    const healthCheckID = request.healthCheck ? new HealthChecks(this.ctx).create(regionID, request.healthCheck).ID : (request.healthCheckID ?? "");
    const ID = this.ctx.ids.prefixed("tg");
    const now = utcTime(this.ctx.clock());
    return this.groups.insert(regionID, ID, {
      ID,
      name: request.name,
      description: request.description ?? "",
      vpcID: vpc.vpcID,
      protocol,
      healthCheckID,
      algorithm: request.algorithm,
      sessionSticky,
      proxyProtocol,
      createdTime: now,
      updatedTime: now,
    });
  }

  update(regionID: string, targetGroupID: string, change: TargetGroupChange): TargetGroupRecord {
    const current = this.require(regionID, targetGroupID);
    if (change.name !== undefined) {
      checkElbName("name", change.name);
      this.checkNameFree(regionID, change.name, targetGroupID);
    }
    if (change.description !== undefined) checkElbDescription(change.description);
    const protocol = change.protocol ?? current.protocol;
    if (protocol !== current.protocol) {
      if (!["TCP", "UDP", "HTTP", "HTTPS"].includes(protocol)) throw new InvalidParameterError(`protocol ${protocol} is not supported for load balancer target groups`);
      const users = this.users(regionID, targetGroupID);
      if (users.length > 0) throw new InvalidParameterError(`the protocol of target group ${targetGroupID} cannot change while ${users.join(", ")} forward to it`);
    }
    const algorithm = change.algorithm ?? current.algorithm;
    const sessionSticky = change.sessionSticky !== undefined ? checkSticky(change.sessionSticky, algorithm, protocol) : checkSticky(current.sessionSticky, algorithm, protocol);
    const proxyProtocol = checkProxyProtocol(change.proxyProtocol ?? current.proxyProtocol, protocol);
    if (change.healthCheckID) new HealthChecks(this.ctx).require(regionID, change.healthCheckID);
    return this.groups.update(regionID, targetGroupID, (g) => ({
      ...g,
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
      ...(change.healthCheckID !== undefined ? { healthCheckID: change.healthCheckID } : {}),
      protocol: protocol as TargetGroupRecord["protocol"],
      algorithm,
      sessionSticky,
      proxyProtocol,
      updatedTime: utcTime(this.ctx.clock()),
    })) as TargetGroupRecord;
  }

  /** Listeners and rules forwarding to the group, as `listener <id>` / `rule <id>`. */
  users(regionID: string, targetGroupID: string): string[] {
    const forwards = (action: { targetGroups: ReadonlyArray<{ targetGroupID: string }> }) => action.targetGroups.some((g) => g.targetGroupID === targetGroupID);
    return [
      ...this.ctx.store.collection<ListenerRecord>(LISTENER_KIND).find(regionID, (l) => forwards(l.defaultAction)).map((l) => `listener ${l.ID}`),
      ...this.ctx.store.collection<ListenerRuleRecord>(LISTENER_RULE_KIND).find(regionID, (r) => forwards(r.action)).map((r) => `rule ${r.ID}`),
    ];
  }

  /** Refused while a listener or rule forwards to it; its targets go with it. */
  delete(regionID: string, targetGroupID: string): void {
    this.require(regionID, targetGroupID);
    const users = this.users(regionID, targetGroupID);
    if (users.length > 0) throw elbInUse(this.ctx, "targetGroup", targetGroupID, users.join(", "));
    const targets = this.ctx.store.collection<TargetRecord>(TARGET_KIND);
    for (const target of targets.find(regionID, (t) => t.targetGroupID === targetGroupID)) targets.delete(regionID, target.ID);
    this.groups.delete(regionID, targetGroupID);
  }
}
