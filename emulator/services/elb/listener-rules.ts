/**
 * Listener rules (api-notes/elb.md §8): host-name and path conditions on an HTTP/HTTPS listener with
 * a forward or redirect action. Rules enforced: conditions `server_name` (a dotted domain, `*.` prefix
 * allowed, no `_`) and `url_path` (`/…` for ABSOLUTE and PREFIX, a valid expression for REG), at most
 * one of each type per rule, and no two rules of a listener with the same conditions. The priority is
 * always 100 ("目前不支持配置此参数,只取默认值100").
 */
import type { EngineContext } from "../../engine/context";
import { InvalidParameterError } from "../../errors";
import { checkAction, type ActionInput } from "./actions";
import { Listeners } from "./listeners";
import { LoadBalancers } from "./load-balancers";
import { LISTENER_RULE_KIND, type ListenerRuleRecord, type RuleCondition } from "./records";
import { checkElbDescription, CONDITION_TYPES, elbConflict, elbNotFound, MATCH_TYPES, RULE_PRIORITY, utcTime } from "./rules";

export interface ConditionInput {
  readonly type: string;
  readonly serverNameConfig?: { readonly serverName?: string | undefined } | undefined;
  readonly urlPathConfig?: { readonly urlPaths?: string | undefined; readonly matchType?: string | undefined } | undefined;
}

const DOMAIN = /^(\*\.)?([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

function checkCondition(input: ConditionInput, index: number): RuleCondition {
  const where = `conditions[${index}]`;
  if (!(CONDITION_TYPES as readonly string[]).includes(input.type)) throw new InvalidParameterError(`${where}.type must be server_name or url_path`);
  if (input.type === "server_name") {
    const serverName = input.serverNameConfig?.serverName ?? "";
    if (serverName.length > 100 || !DOMAIN.test(serverName)) {
      throw new InvalidParameterError(`${where}.serverNameConfig.serverName must be a domain name like www.example.com (letters, digits, '-', '.', optional leading *.; no '_')`);
    }
    return { type: "server_name", serverName, urlPaths: "", matchType: "" };
  }
  const urlPaths = input.urlPathConfig?.urlPaths ?? "";
  const matchType = input.urlPathConfig?.matchType ?? "";
  if (!(MATCH_TYPES as readonly string[]).includes(matchType)) throw new InvalidParameterError(`${where}.urlPathConfig.matchType must be one of ${MATCH_TYPES.join(", ")}`);
  if (urlPaths === "" || urlPaths.length > 128) throw new InvalidParameterError(`${where}.urlPathConfig.urlPaths must be 1-128 characters long`);
  if (matchType === "REG") {
    try {
      new RegExp(urlPaths);
    } catch {
      throw new InvalidParameterError(`${where}.urlPathConfig.urlPaths is not a valid regular expression`);
    }
  } else if (!urlPaths.startsWith("/")) {
    throw new InvalidParameterError(`${where}.urlPathConfig.urlPaths must start with / when matchType is ${matchType}`);
  }
  return { type: "url_path", serverName: "", urlPaths, matchType: matchType as RuleCondition["matchType"] };
}

function checkConditions(inputs: readonly ConditionInput[]): RuleCondition[] {
  if (inputs.length === 0) throw new InvalidParameterError("conditions must hold at least one condition");
  const conditions = inputs.map(checkCondition);
  for (const type of CONDITION_TYPES) {
    if (conditions.filter((c) => c.type === type).length > 1) throw new InvalidParameterError(`conditions hold more than one ${type} condition`);
  }
  return conditions;
}

const key = (conditions: readonly RuleCondition[]): string => JSON.stringify([...conditions].sort((a, b) => a.type.localeCompare(b.type)));

export class ListenerRules {
  constructor(private readonly ctx: EngineContext) {}

  private get rules() {
    return this.ctx.store.collection<ListenerRuleRecord>(LISTENER_RULE_KIND);
  }

  require(regionID: string, ruleID: string): ListenerRuleRecord {
    const rule = this.rules.get(regionID, ruleID);
    if (!rule) throw elbNotFound(this.ctx, "rule", ruleID);
    return rule;
  }

  list(regionID: string, filter: { ids?: readonly string[] | undefined; loadBalancerID?: string | undefined }): ListenerRuleRecord[] {
    return this.rules.find(regionID, (r) => (!filter.ids || filter.ids.includes(r.ID)) && (!filter.loadBalancerID || r.loadBalancerID === filter.loadBalancerID));
  }

  private checkUnique(regionID: string, listenerID: string, conditions: readonly RuleCondition[], except?: string): void {
    const same = this.rules.findOne(regionID, (r) => r.listenerID === listenerID && r.ID !== except && key(r.conditions) === key(conditions));
    if (same) throw elbConflict(this.ctx, `rule ${same.ID} of listener ${listenerID} already has these conditions`, "该监听器已存在相同条件的转发规则");
  }

  private owner(regionID: string, listenerID: string) {
    const listener = new Listeners(this.ctx).require(regionID, listenerID);
    if (listener.protocol !== "HTTP" && listener.protocol !== "HTTPS") throw new InvalidParameterError(`rules apply only to HTTP and HTTPS listeners; listener ${listenerID} is ${listener.protocol}`);
    const lb = new LoadBalancers(this.ctx).require(regionID, listener.loadBalancerID);
    return { loadBalancerID: lb.ID, vpcID: lb.vpcID, protocol: listener.protocol, listenerID };
  }

  create(regionID: string, request: { listenerID: string; description?: string | undefined; conditions: readonly ConditionInput[]; action: ActionInput }): ListenerRuleRecord {
    const owner = this.owner(regionID, request.listenerID);
    if (request.description !== undefined) checkElbDescription(request.description);
    const conditions = checkConditions(request.conditions);
    const action = checkAction(this.ctx, regionID, request.action, owner, "action");
    this.checkUnique(regionID, request.listenerID, conditions);
    const ID = this.ctx.ids.prefixed("rule");
    const now = utcTime(this.ctx.clock());
    return this.rules.insert(regionID, ID, {
      ID,
      loadBalancerID: owner.loadBalancerID,
      listenerID: request.listenerID,
      priority: RULE_PRIORITY,
      description: request.description ?? "",
      conditions,
      action,
      createdTime: now,
      updatedTime: now,
    });
  }

  update(regionID: string, ruleID: string, change: { description?: string | undefined; conditions?: readonly ConditionInput[] | undefined; action?: ActionInput | undefined }): ListenerRuleRecord {
    const current = this.require(regionID, ruleID);
    const owner = this.owner(regionID, current.listenerID);
    if (change.description !== undefined) checkElbDescription(change.description);
    const conditions = change.conditions === undefined ? current.conditions : checkConditions(change.conditions);
    const action = change.action === undefined ? current.action : checkAction(this.ctx, regionID, change.action, owner, "action");
    this.checkUnique(regionID, current.listenerID, conditions, ruleID);
    return this.rules.update(regionID, ruleID, (r) => ({
      ...r,
      ...(change.description !== undefined ? { description: change.description } : {}),
      conditions,
      action,
      updatedTime: utcTime(this.ctx.clock()),
    })) as ListenerRuleRecord;
  }

  delete(regionID: string, ruleID: string): void {
    this.require(regionID, ruleID);
    this.rules.delete(regionID, ruleID);
  }
}
