/**
 * Security-group operations (spec D.3, D.4): groups on the ctvpc host; rule creation on the ctecs
 * host (what TF calls) and on the ctvpc host (generated layer, with remote groups); rule
 * describe/modify/revoke on ctvpc. Routes parse and shape; backend.ts owns the rules.
 */
import { z } from "zod";
import { InvalidParameterError } from "../../errors";
import { parseInput } from "../../validation";
import { listResult, paginate, readPaging } from "../shared/paging";
import { requireRegion } from "../shared/region";
import { KIND, type SecurityGroupRecord, type SecurityGroupRuleRecord, type VpcRecord } from "../shared/records";
import type { OperationContext, RouteDefinition } from "../types";
import {
  DEFAULT_PRIORITY,
  createGroup,
  createRules,
  deleteGroup,
  instancesUsing,
  listGroups,
  modifyGroup,
  modifyRuleDescription,
  requireGroup,
  requireRule,
  revokeRule,
  rulesOf,
  type RuleInput,
} from "./backend";
import { ETHERTYPES, PROTOCOLS, exactEnum, lowerEnum, type Direction } from "./rule-values";

const clientToken = z.string().min(1).max(64).optional();
const projectID = z.string().optional();
const id = z.string().min(1);

const createGroupSchema = z.object({ clientToken, vpcID: id, name: z.string(), description: z.string().default(""), projectID });
// Go ctecs ecs_vpc_describe_security_group_attribute.go always sends direction, "" when unset.
const describeGroupSchema = z.object({
  securityGroupID: id,
  direction: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["all", "ingress", "egress"]).default("all")),
  projectID,
});
const modifyGroupSchema = z.object({
  clientToken,
  securityGroupID: id,
  name: z.string().optional(),
  description: z.string().optional(),
  enabled: z.boolean().optional(),
  projectID,
});
const deleteGroupSchema = z.object({ clientToken, securityGroupID: id, projectID });
const listGroupsSchema = z.object({
  vpcID: z.string().optional(),
  queryContent: z.string().optional(),
  instanceID: z.string().optional(),
  projectID,
});

const ruleSchema = z.object({
  direction: z.string(),
  action: z.string(),
  priority: z.number().optional(),
  protocol: z.string(),
  ethertype: z.string(),
  destCidrIp: z.string().default(""),
  description: z.string().default(""),
  range: z.string().default(""),
  remoteType: z.union([z.literal(0), z.literal(1)], { error: "must be 0 (destCidrIp) or 1 (remoteSecurityGroupID)" }).default(0),
  remoteSecurityGroupID: z.string().nullish(),
});
const createRulesSchema = z.object({ clientToken, securityGroupID: id, securityGroupRules: z.array(ruleSchema).min(1, "at least one rule is required") });
const ruleRefSchema = z.object({ clientToken, securityGroupID: id, securityGroupRuleID: id });
const modifyRuleSchema = ruleRefSchema.extend({ description: z.string() });
/** Fields the generated API docs list for modify; only `description` can change (decision). */
const FIXED_RULE_FIELDS = ["action", "priority", "protocol", "destCidrIp", "remoteSecurityGroupID", "prefixListID", "remoteType"] as const;

function ruleView(rule: SecurityGroupRuleRecord): Record<string, unknown> {
  return {
    id: rule.id,
    securityGroupID: rule.securityGroupID,
    direction: rule.direction,
    action: rule.action,
    priority: rule.priority,
    protocol: rule.protocol,
    ethertype: rule.ethertype,
    destCidrIp: rule.destCidrIp,
    range: rule.range,
    description: rule.description,
    remoteSecurityGroupID: rule.remoteSecurityGroupID,
    prefixListID: rule.prefixListID,
    origin: rule.origin,
    createTime: rule.createTime,
  };
}

/** describe-security-group-attribute and the list rows: the record plus computed fields. */
function groupView(ctx: OperationContext, regionId: string, group: SecurityGroupRecord, direction?: Direction): Record<string, unknown> {
  const vpc = ctx.store.collection<VpcRecord>(KIND.vpc).get(regionId, group.vpcID);
  return {
    id: group.id,
    securityGroupName: group.securityGroupName,
    vpcID: group.vpcID,
    vpcName: vpc?.name ?? "",
    description: group.description,
    vmNum: instancesUsing(ctx, regionId, group.id).length,
    origin: group.origin,
    creationTime: group.creationTime,
    projectID: group.projectID,
    securityGroupRuleList: rulesOf(ctx, regionId, group.id, direction).map(ruleView),
  };
}

function createSecurityGroup(ctx: OperationContext): unknown {
  const input = ctx.input();
  const region = requireRegion(ctx, input["regionID"]);
  const body = parseInput(createGroupSchema, input);
  return ctx.idempotent(input, () => ({ securityGroupID: createGroup(ctx, region.regionID, body).id }));
}

function describeSecurityGroup(ctx: OperationContext): unknown {
  const input = ctx.input();
  const region = requireRegion(ctx, input["regionID"]);
  const query = parseInput(describeGroupSchema, input);
  const group = requireGroup(ctx, region.regionID, query.securityGroupID, query.projectID);
  return groupView(ctx, region.regionID, group, query.direction === "all" ? undefined : query.direction);
}

function modifySecurityGroup(ctx: OperationContext): unknown {
  const input = ctx.input();
  const region = requireRegion(ctx, input["regionID"]);
  const body = parseInput(modifyGroupSchema, input);
  return ctx.idempotent(input, () => {
    modifyGroup(ctx, region.regionID, body.securityGroupID, body.projectID, { name: body.name, description: body.description });
    return null;
  });
}

function deleteSecurityGroup(ctx: OperationContext): unknown {
  const input = ctx.input();
  const region = requireRegion(ctx, input["regionID"]);
  const body = parseInput(deleteGroupSchema, input);
  return ctx.idempotent(input, () => {
    deleteGroup(ctx, region.regionID, body.securityGroupID, body.projectID);
    return null;
  });
}

function listSecurityGroups(ctx: OperationContext): unknown {
  const input = ctx.input();
  const region = requireRegion(ctx, input["regionID"]);
  const filter = parseInput(listGroupsSchema, input);
  const page = paginate(listGroups(ctx, region.regionID, filter), readPaging(input));
  return listResult("securityGroups", page, (group) => groupView(ctx, region.regionID, group));
}

/**
 * GET /v4/ecs/vpc/query-security-groups (Go ctecs ecs_vpc_query_security_groups.go): the ECS-hosted
 * list answers a bare array of groups (its RealResponse is a slice), shaped like the VPC list's rows;
 * `pageNo` or `pageNumber` and `pageSize` page it (the Go SDK always sends all three, 0 = unset).
 */
function listSecurityGroupsArray(ctx: OperationContext): unknown {
  const input = ctx.input();
  const region = requireRegion(ctx, input["regionID"]);
  const filter = parseInput(listGroupsSchema, input);
  const page = paginate(listGroups(ctx, region.regionID, filter), readPaging(input));
  return page.items.map((group) => groupView(ctx, region.regionID, group));
}

function ruleInput(rule: z.output<typeof ruleSchema>, index: number, count: number): RuleInput {
  const at = count > 1 ? `securityGroupRules[${index}].` : "";
  const field = (name: string) => `${at}${name}`;
  return {
    direction: lowerEnum(field("direction"), rule.direction, ["ingress", "egress"] as const),
    action: lowerEnum(field("action"), rule.action, ["accept", "drop"] as const),
    priority: rule.priority ?? DEFAULT_PRIORITY,
    protocol: exactEnum(field("protocol"), rule.protocol, PROTOCOLS),
    ethertype: exactEnum(field("ethertype"), rule.ethertype, ETHERTYPES),
    destCidrIp: rule.destCidrIp,
    range: rule.range,
    description: rule.description,
    remoteType: rule.remoteType,
    remoteSecurityGroupID: rule.remoteSecurityGroupID ?? "",
  };
}

/** Both hosts' create-security-group-ingress|egress: `{sgRuleIDs}` of the rules created. */
function createRulesHandler(direction: Direction) {
  return (ctx: OperationContext): unknown => {
    const input = ctx.input();
    const region = requireRegion(ctx, input["regionID"]);
    const body = parseInput(createRulesSchema, input);
    const wanted = body.securityGroupRules.map((rule, index, all) => ruleInput(rule, index, all.length));
    return ctx.idempotent(input, () => ({ sgRuleIDs: createRules(ctx, region.regionID, body.securityGroupID, direction, wanted) }));
  };
}

function describeRule(ctx: OperationContext): unknown {
  const input = ctx.input();
  const region = requireRegion(ctx, input["regionID"]);
  const query = parseInput(ruleRefSchema, input);
  return ruleView(requireRule(ctx, region.regionID, query.securityGroupID, query.securityGroupRuleID));
}

function modifyRuleHandler(direction: Direction) {
  return (ctx: OperationContext): unknown => {
    const input = ctx.input();
    const region = requireRegion(ctx, input["regionID"]);
    const body = parseInput(modifyRuleSchema, input);
    const fixed = FIXED_RULE_FIELDS.filter((name) => input[name] !== undefined && input[name] !== null && input[name] !== "" && input[name] !== 0);
    if (fixed.length > 0) {
      throw new InvalidParameterError(`only description can be modified; ${fixed.join(", ")} cannot change (revoke the rule and create another)`);
    }
    return ctx.idempotent(input, () => {
      modifyRuleDescription(ctx, region.regionID, body.securityGroupID, body.securityGroupRuleID, direction, body.description);
      return null;
    });
  };
}

function revokeRuleHandler(direction: Direction) {
  return (ctx: OperationContext): unknown => {
    const input = ctx.input();
    const region = requireRegion(ctx, input["regionID"]);
    const body = parseInput(ruleRefSchema, input);
    return ctx.idempotent(input, () => {
      revokeRule(ctx, region.regionID, body.securityGroupID, body.securityGroupRuleID, direction);
      return null;
    });
  };
}

export const SECURITY_GROUP_ROUTES: readonly RouteDefinition[] = [
  { method: "POST", path: "/v4/vpc/create-security-group", operation: "CreateSecurityGroup", service: "ctvpc", handler: createSecurityGroup },
  { method: "GET", path: "/v4/vpc/describe-security-group-attribute", operation: "DescribeSecurityGroupAttribute", service: "ctvpc", handler: describeSecurityGroup },
  { method: "POST", path: "/v4/vpc/modify-security-group-attribute", operation: "ModifySecurityGroupAttribute", service: "ctvpc", handler: modifySecurityGroup },
  { method: "POST", path: "/v4/vpc/delete-security-group", operation: "DeleteSecurityGroup", service: "ctvpc", handler: deleteSecurityGroup },
  { method: "GET", path: "/v4/vpc/new-query-security-groups", operation: "NewQuerySecurityGroups", service: "ctvpc", handler: listSecurityGroups },
  // The same groups through the ECS host (Go ctecs ecs_vpc_*_security_group*.go).
  { method: "POST", path: "/v4/ecs/vpc/create-security-group", operation: "EcsCreateSecurityGroup", service: "ctecs", handler: createSecurityGroup },
  { method: "POST", path: "/v4/ecs/vpc/delete-security-group", operation: "EcsDeleteSecurityGroup", service: "ctecs", handler: deleteSecurityGroup },
  { method: "GET", path: "/v4/ecs/vpc/describe-security-group-attribute", operation: "EcsDescribeSecurityGroupAttribute", service: "ctecs", handler: describeSecurityGroup },
  { method: "GET", path: "/v4/ecs/vpc/query-security-groups", operation: "EcsQuerySecurityGroups", service: "ctecs", handler: listSecurityGroupsArray },
  { method: "POST", path: "/v4/ecs/vpc/create-security-group-ingress", operation: "CreateSecurityGroupIngress", service: "ctecs", handler: createRulesHandler("ingress") },
  { method: "POST", path: "/v4/ecs/vpc/create-security-group-egress", operation: "CreateSecurityGroupEgress", service: "ctecs", handler: createRulesHandler("egress") },
  { method: "POST", path: "/v4/vpc/create-security-group-ingress", operation: "CreateSgIngressRule", service: "ctvpc", handler: createRulesHandler("ingress") },
  { method: "POST", path: "/v4/vpc/create-security-group-egress", operation: "CreateSgEgressRule", service: "ctvpc", handler: createRulesHandler("egress") },
  { method: "GET", path: "/v4/vpc/describe-security-group-rule", operation: "DescribeSecurityGroupRule", service: "ctvpc", handler: describeRule },
  { method: "POST", path: "/v4/vpc/modify-security-group-ingress", operation: "ModifySecurityGroupIngress", service: "ctvpc", handler: modifyRuleHandler("ingress") },
  { method: "POST", path: "/v4/vpc/modify-security-group-egress", operation: "ModifySecurityGroupEgress", service: "ctvpc", handler: modifyRuleHandler("egress") },
  { method: "POST", path: "/v4/vpc/revoke-security-group-ingress", operation: "RevokeSecurityGroupIngress", service: "ctvpc", handler: revokeRuleHandler("ingress") },
  { method: "POST", path: "/v4/vpc/revoke-security-group-egress", operation: "RevokeSecurityGroupEgress", service: "ctvpc", handler: revokeRuleHandler("egress") },
];
