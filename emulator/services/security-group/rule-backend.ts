/**
 * Security-group rules (spec D.4): validated per protocol and ethertype, never created twice (an
 * identical rule is skipped), described, re-described and revoked by the direction the operation
 * names. The service's own helper: other services have no business with rules.
 */
import type { EngineContext } from "../../engine/context";
import { InvalidParameterError, NotFoundError } from "../../errors";
import { checkDescription } from "../shared/rules";
import { SECURITY_GROUP_RULE_KIND, USER_ORIGIN, type SecurityGroupRecord, type SecurityGroupRuleRecord } from "./records";
import { checkDestCidr, checkRange, ruleKey, type Action, type Direction, type Ethertype, type Protocol } from "./rule-values";

export const SECURITY_GROUP_RULE_NOT_FOUND = "Openapi.SecurityGroupRule.NotFound";
/** Decision (COVERAGE.md): origin of the rules the platform adds to every new group. */
export const DEFAULT_RULE_ORIGIN = "default";
/** Decision (COVERAGE.md): priority of the platform's default rules (the lowest). */
export const DEFAULT_RULE_PRIORITY = 100;
/** Decision (COVERAGE.md): the API default when a create omits `priority`. */
export const DEFAULT_PRIORITY = 50;

function ruleNotFound(groupID: string, ruleID: string): NotFoundError {
  return new NotFoundError(SECURITY_GROUP_RULE_NOT_FOUND, `security group rule ${ruleID} not found in security group ${groupID}`, {
    description: `安全组规则 ${ruleID} 不存在`,
  });
}

/** One rule of a create request, enums already in response form. */
export interface RuleInput {
  readonly direction: Direction;
  readonly action: Action;
  readonly priority: number;
  readonly protocol: Protocol;
  readonly ethertype: Ethertype;
  readonly destCidrIp: string;
  readonly range: string;
  readonly description: string;
  /** 0: `destCidrIp`, 1: `remoteSecurityGroupID`. */
  readonly remoteType: 0 | 1;
  readonly remoteSecurityGroupID: string;
}

type NewRule = Omit<SecurityGroupRuleRecord, "id" | "securityGroupID" | "prefixListID" | "createTime">;

export class RuleBackend {
  constructor(private readonly ctx: EngineContext) {}

  private get rules() {
    return this.ctx.store.collection<SecurityGroupRuleRecord>(SECURITY_GROUP_RULE_KIND);
  }

  /** The service's groups, through the same public API everyone uses (no import circle with backend.ts). */
  private get groups() {
    return this.ctx.backend("securityGroup");
  }

  rulesOf(regionId: string, groupID: string, direction?: Direction): SecurityGroupRuleRecord[] {
    return this.rules.find(regionId, (rule) => rule.securityGroupID === groupID && (direction === undefined || rule.direction === direction));
  }

  /** The platform's defaults (decision): all outbound traffic allowed, IPv4 and IPv6; nothing inbound. */
  addDefaultRules(regionId: string, groupID: string): void {
    for (const [ethertype, destCidrIp] of [["IPv4", "0.0.0.0/0"], ["IPv6", "::/0"]] as const) {
      this.insert(regionId, groupID, {
        direction: "egress",
        action: "accept",
        priority: DEFAULT_RULE_PRIORITY,
        protocol: "ANY",
        ethertype,
        destCidrIp,
        range: "",
        description: "",
        remoteSecurityGroupID: "",
        origin: DEFAULT_RULE_ORIGIN,
      });
    }
  }

  /** Groups other than `groupID` whose rules name it as their remote group. */
  groupsReferencing(regionId: string, groupID: string): string[] {
    const referencing = this.rules.find(regionId, (rule) => rule.remoteSecurityGroupID === groupID && rule.securityGroupID !== groupID);
    return [...new Set(referencing.map((rule) => rule.securityGroupID))];
  }

  removeAllOf(regionId: string, groupID: string): void {
    for (const rule of this.rulesOf(regionId, groupID)) this.rules.delete(regionId, rule.id);
  }

  /**
   * Adds the rules in request order and returns the ids of those created. A rule identical to an
   * existing one (or to an earlier one of the same request) is skipped: the cloud answers success
   * without its id (spec C.4), so a single duplicate gives `sgRuleIDs: []`.
   */
  create(regionId: string, groupID: string, direction: Direction, input: readonly RuleInput[]): string[] {
    const group = this.groups.require(regionId, groupID);
    input.forEach((rule, index) => {
      const at = input.length > 1 ? `securityGroupRules[${index}].` : "";
      if (rule.direction !== direction) {
        throw new InvalidParameterError(`${at}direction must be ${direction.toUpperCase()} for create-security-group-${direction} (got ${rule.direction.toUpperCase()})`);
      }
      this.check(regionId, group, rule, at);
    });
    const existing = new Set(this.rulesOf(regionId, groupID).map(ruleKey));
    const created: string[] = [];
    for (const rule of input) {
      const record: NewRule = {
        direction: rule.direction,
        action: rule.action,
        priority: rule.priority,
        protocol: rule.protocol,
        ethertype: rule.ethertype,
        destCidrIp: rule.remoteType === 1 ? "" : rule.destCidrIp,
        range: rule.range,
        description: rule.description,
        remoteSecurityGroupID: rule.remoteType === 1 ? rule.remoteSecurityGroupID : "",
        origin: USER_ORIGIN,
      };
      const key = ruleKey(record);
      if (existing.has(key)) continue;
      existing.add(key);
      created.push(this.insert(regionId, groupID, record).id);
    }
    return created;
  }

  require(regionId: string, groupID: string, ruleID: string): SecurityGroupRuleRecord {
    this.groups.require(regionId, groupID);
    const rule = this.rules.get(regionId, ruleID);
    if (!rule || rule.securityGroupID !== groupID) throw ruleNotFound(groupID, ruleID);
    return rule;
  }

  modifyDescription(regionId: string, groupID: string, ruleID: string, direction: Direction, description: string): void {
    this.requireOf(regionId, groupID, ruleID, direction, "modify");
    checkDescription("description", description);
    this.rules.update(regionId, ruleID, { description });
  }

  revoke(regionId: string, groupID: string, ruleID: string, direction: Direction): void {
    this.requireOf(regionId, groupID, ruleID, direction, "revoke");
    this.rules.delete(regionId, ruleID);
  }

  /** The rule, which must have the direction the operation names (modify-/revoke-…-ingress|egress). */
  private requireOf(regionId: string, groupID: string, ruleID: string, direction: Direction, verb: string): SecurityGroupRuleRecord {
    const rule = this.require(regionId, groupID, ruleID);
    if (rule.direction !== direction) {
      throw new InvalidParameterError(`security group rule ${ruleID} is an ${rule.direction} rule: use ${verb}-security-group-${rule.direction}`);
    }
    return rule;
  }

  private check(regionId: string, group: SecurityGroupRecord, rule: RuleInput, at: string): void {
    if (!Number.isInteger(rule.priority) || rule.priority < 1 || rule.priority > 100) {
      throw new InvalidParameterError(`${at}priority must be an integer from 1 to 100 (got ${rule.priority})`);
    }
    try {
      checkRange(rule.protocol, rule.range);
      if (rule.remoteType === 0) checkDestCidr(rule.ethertype, rule.destCidrIp);
      checkDescription("description", rule.description);
    } catch (error) {
      if (error instanceof InvalidParameterError && at !== "") throw new InvalidParameterError(at + error.message);
      throw error;
    }
    if (rule.remoteType === 1) {
      if (rule.remoteSecurityGroupID === "") throw new InvalidParameterError(`${at}remoteSecurityGroupID is required when remoteType is 1`);
      const remote = this.groups.require(regionId, rule.remoteSecurityGroupID);
      if (remote.vpcID !== group.vpcID) {
        throw new InvalidParameterError(`${at}remote security group ${remote.id} is in ${remote.vpcID}, not in the group's VPC ${group.vpcID}`);
      }
    }
  }

  private insert(regionId: string, groupID: string, rule: NewRule): SecurityGroupRuleRecord {
    const id = this.ctx.ids.uuid();
    return this.rules.insert(regionId, id, { id, securityGroupID: groupID, ...rule, prefixListID: "", createTime: new Date(this.ctx.clock()).toISOString() });
  }
}
