/**
 * Security-group rules of the cloud (spec D.3, D.4): groups live in a VPC, come with the
 * platform's default rules, cannot be deleted while a VM (or another group's rule) uses them;
 * rules are validated per protocol and ethertype, and an identical rule is not created twice.
 */
import { InUseError, InvalidParameterError, NotFoundError } from "../../errors";
import { KIND, type InstanceRecord, type SecurityGroupRecord, type SecurityGroupRuleRecord, type VpcRecord } from "../shared/records";
import { checkDescription, checkName, normalizeProjectId } from "../shared/rules";
import type { OperationContext } from "../types";
import { checkDestCidr, checkRange, ruleKey, type Action, type Direction, type Ethertype, type Protocol } from "./rule-values";

export const SECURITY_GROUP_NOT_FOUND = "Openapi.SecurityGroup.NotFound";
export const SECURITY_GROUP_RULE_NOT_FOUND = "Openapi.SecurityGroupRule.NotFound";
const VPC_NOT_FOUND = "Openapi.Vpc.NotFound";

/** Decision (COVERAGE.md): origin of groups created through the API, and of their rules. */
export const USER_ORIGIN = "user";
/** Decision (COVERAGE.md): origin of the rules the platform adds to every new group. */
export const DEFAULT_RULE_ORIGIN = "default";
/** Decision (COVERAGE.md): priority of the platform's default rules (the lowest). */
export const DEFAULT_RULE_PRIORITY = 100;
/** Decision (COVERAGE.md): the API default when a create omits `priority`. */
export const DEFAULT_PRIORITY = 50;

const groups = (ctx: OperationContext) => ctx.store.collection<SecurityGroupRecord>(KIND.securityGroup);
const rules = (ctx: OperationContext) => ctx.store.collection<SecurityGroupRuleRecord>(KIND.securityGroupRule);

export function securityGroupNotFound(id: string): NotFoundError {
  return new NotFoundError(SECURITY_GROUP_NOT_FOUND, `security group ${id} not found`, { description: `安全组 ${id} 不存在` });
}

function ruleNotFound(groupID: string, ruleID: string): NotFoundError {
  return new NotFoundError(SECURITY_GROUP_RULE_NOT_FOUND, `security group rule ${ruleID} not found in security group ${groupID}`, {
    description: `安全组规则 ${ruleID} 不存在`,
  });
}

/** The group, also checked against a `projectID` filter when the caller sent a non-empty one. */
export function requireGroup(ctx: OperationContext, regionId: string, id: string, projectID?: string): SecurityGroupRecord {
  const group = groups(ctx).get(regionId, id);
  if (!group || (projectID !== undefined && projectID !== "" && normalizeProjectId(projectID) !== group.projectID)) {
    throw securityGroupNotFound(id);
  }
  return group;
}

export interface CreateGroupInput {
  readonly vpcID: string;
  readonly name: string;
  readonly description: string;
  readonly projectID?: string | undefined;
}

export function createGroup(ctx: OperationContext, regionId: string, input: CreateGroupInput): SecurityGroupRecord {
  checkName("name", input.name);
  checkDescription("description", input.description);
  const projectID = normalizeProjectId(input.projectID);
  if (!ctx.store.collection<VpcRecord>(KIND.vpc).has(regionId, input.vpcID)) {
    throw new NotFoundError(VPC_NOT_FOUND, `vpc ${input.vpcID} not found`, { description: `VPC ${input.vpcID} 不存在` });
  }
  const id = ctx.ids.prefixed("sg");
  const creationTime = new Date(ctx.now).toISOString();
  const group = groups(ctx).insert(regionId, id, {
    id,
    securityGroupName: input.name,
    vpcID: input.vpcID,
    description: input.description,
    origin: USER_ORIGIN,
    creationTime,
    projectID,
  });
  // The platform's defaults (decision): all outbound traffic allowed, IPv4 and IPv6; nothing inbound.
  for (const [ethertype, destCidrIp] of [["IPv4", "0.0.0.0/0"], ["IPv6", "::/0"]] as const) {
    insertRule(ctx, regionId, id, {
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
  return group;
}

export function modifyGroup(ctx: OperationContext, regionId: string, id: string, projectID: string | undefined, change: { name?: string | undefined; description?: string | undefined }): void {
  requireGroup(ctx, regionId, id, projectID);
  if (change.name !== undefined) checkName("name", change.name);
  if (change.description !== undefined) checkDescription("description", change.description);
  groups(ctx).update(regionId, id, (group) => ({
    ...group,
    ...(change.name !== undefined ? { securityGroupName: change.name } : {}),
    ...(change.description !== undefined ? { description: change.description } : {}),
  }));
}

/** Instances whose NICs use the group (the ECS service owns `secGroupIDs`). */
export function instancesUsing(ctx: OperationContext, regionId: string, id: string): InstanceRecord[] {
  return ctx.store.collection<InstanceRecord>(KIND.instance).find(regionId, (instance) => instance.secGroupIDs.includes(id));
}

export function deleteGroup(ctx: OperationContext, regionId: string, id: string, projectID: string | undefined): void {
  requireGroup(ctx, regionId, id, projectID);
  const users = instancesUsing(ctx, regionId, id);
  if (users.length > 0) {
    throw new InUseError(`security group ${id} is still used by instances: ${users.map((i) => i.instanceID).join(", ")}`, {
      description: "安全组仍被云主机使用，无法删除",
      code: ctx.unknownCodes.pick("security-group-in-use"),
    });
  }
  const referencing = rules(ctx).find(regionId, (rule) => rule.remoteSecurityGroupID === id && rule.securityGroupID !== id);
  if (referencing.length > 0) {
    const owners = [...new Set(referencing.map((rule) => rule.securityGroupID))];
    throw new InUseError(`security group ${id} is referenced by rules of security groups: ${owners.join(", ")}`, {
      description: "安全组被其他安全组规则引用，无法删除",
      code: ctx.unknownCodes.pick("security-group-in-use"),
    });
  }
  for (const rule of rulesOf(ctx, regionId, id)) rules(ctx).delete(regionId, rule.id);
  groups(ctx).delete(regionId, id);
}

export function rulesOf(ctx: OperationContext, regionId: string, groupID: string, direction?: Direction): SecurityGroupRuleRecord[] {
  return rules(ctx).find(regionId, (rule) => rule.securityGroupID === groupID && (direction === undefined || rule.direction === direction));
}

export interface GroupFilter {
  readonly vpcID?: string | undefined;
  /** Matches a group id exactly or a name by substring (what TF passes as `queryContent`). */
  readonly queryContent?: string | undefined;
  readonly instanceID?: string | undefined;
  readonly projectID?: string | undefined;
}

export function listGroups(ctx: OperationContext, regionId: string, filter: GroupFilter): SecurityGroupRecord[] {
  const instance = filter.instanceID ? ctx.store.collection<InstanceRecord>(KIND.instance).get(regionId, filter.instanceID) : undefined;
  const project = filter.projectID ? normalizeProjectId(filter.projectID) : undefined;
  return groups(ctx).find(
    regionId,
    (group) =>
      (!filter.vpcID || group.vpcID === filter.vpcID) &&
      (!filter.queryContent || group.id === filter.queryContent || group.securityGroupName.includes(filter.queryContent)) &&
      (!filter.instanceID || (instance?.secGroupIDs.includes(group.id) ?? false)) &&
      (project === undefined || group.projectID === project),
  );
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

function checkRule(ctx: OperationContext, regionId: string, group: SecurityGroupRecord, rule: RuleInput, at: string): void {
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
    const remote = groups(ctx).get(regionId, rule.remoteSecurityGroupID);
    if (!remote) throw securityGroupNotFound(rule.remoteSecurityGroupID);
    if (remote.vpcID !== group.vpcID) {
      throw new InvalidParameterError(`${at}remote security group ${remote.id} is in ${remote.vpcID}, not in the group's VPC ${group.vpcID}`);
    }
  }
}

function insertRule(
  ctx: OperationContext,
  regionId: string,
  groupID: string,
  rule: Omit<SecurityGroupRuleRecord, "id" | "securityGroupID" | "prefixListID" | "createTime">,
): SecurityGroupRuleRecord {
  const id = ctx.ids.uuid();
  return rules(ctx).insert(regionId, id, { id, securityGroupID: groupID, ...rule, prefixListID: "", createTime: new Date(ctx.now).toISOString() });
}

/**
 * Adds the rules in request order and returns the ids of those created. A rule identical to an
 * existing one (or to an earlier one of the same request) is skipped: the cloud answers success
 * without its id (spec C.4), so a single duplicate gives `sgRuleIDs: []`.
 */
export function createRules(ctx: OperationContext, regionId: string, groupID: string, direction: Direction, input: readonly RuleInput[]): string[] {
  const group = requireGroup(ctx, regionId, groupID);
  input.forEach((rule, index) => {
    const at = input.length > 1 ? `securityGroupRules[${index}].` : "";
    if (rule.direction !== direction) {
      throw new InvalidParameterError(`${at}direction must be ${direction.toUpperCase()} for create-security-group-${direction} (got ${rule.direction.toUpperCase()})`);
    }
    checkRule(ctx, regionId, group, rule, at);
  });
  const existing = new Set(rulesOf(ctx, regionId, groupID).map(ruleKey));
  const created: string[] = [];
  for (const rule of input) {
    const record = {
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
    created.push(insertRule(ctx, regionId, groupID, record).id);
  }
  return created;
}

export function requireRule(ctx: OperationContext, regionId: string, groupID: string, ruleID: string): SecurityGroupRuleRecord {
  requireGroup(ctx, regionId, groupID);
  const rule = rules(ctx).get(regionId, ruleID);
  if (!rule || rule.securityGroupID !== groupID) throw ruleNotFound(groupID, ruleID);
  return rule;
}

/** The rule, which must have the direction the operation names (modify-/revoke-…-ingress|egress). */
function requireRuleOf(ctx: OperationContext, regionId: string, groupID: string, ruleID: string, direction: Direction, verb: string): SecurityGroupRuleRecord {
  const rule = requireRule(ctx, regionId, groupID, ruleID);
  if (rule.direction !== direction) {
    throw new InvalidParameterError(`security group rule ${ruleID} is an ${rule.direction} rule: use ${verb}-security-group-${rule.direction}`);
  }
  return rule;
}

export function modifyRuleDescription(ctx: OperationContext, regionId: string, groupID: string, ruleID: string, direction: Direction, description: string): void {
  requireRuleOf(ctx, regionId, groupID, ruleID, direction, "modify");
  checkDescription("description", description);
  rules(ctx).update(regionId, ruleID, { description });
}

export function revokeRule(ctx: OperationContext, regionId: string, groupID: string, ruleID: string, direction: Direction): void {
  requireRuleOf(ctx, regionId, groupID, ruleID, direction, "revoke");
  rules(ctx).delete(regionId, ruleID);
}
