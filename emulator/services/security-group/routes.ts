/**
 * Security-group operations (spec D.3, D.4): groups on the ctvpc host; rule creation on the ctecs
 * host (what TF calls) and on the ctvpc host (generated layer, with remote groups); rule
 * describe/modify/revoke on ctvpc. Routes parse and shape; backend.ts owns the rules.
 */
import { z } from "zod";
import { InvalidParameterError } from "../../errors";
import { defineRoute } from "../route";
import { listResult, paginate, readPaging } from "../shared/paging";
import type { OperationContext, RouteDefinition, ServiceHost } from "../types";
import { SecurityGroupBackend } from "./backend";
import type { SecurityGroupRecord, SecurityGroupRuleRecord } from "./records";
import { DEFAULT_PRIORITY, RuleBackend, type RuleInput } from "./rule-backend";
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
  const vpc = ctx.backend("vpc").find(regionId, group.vpcID);
  return {
    id: group.id,
    securityGroupName: group.securityGroupName,
    vpcID: group.vpcID,
    vpcName: vpc?.name ?? "",
    description: group.description,
    vmNum: new SecurityGroupBackend(ctx).instanceIds(regionId, group.id).length,
    origin: group.origin,
    creationTime: group.creationTime,
    projectID: group.projectID,
    securityGroupRuleList: new RuleBackend(ctx).rulesOf(regionId, group.id, direction).map(ruleView),
  };
}

function createSecurityGroup(path: string, operation: string, service: ServiceHost): RouteDefinition {
  return defineRoute({
    method: "POST", path, operation, service,
    input: createGroupSchema,
    handle: (ctx, { input, region }) => ctx.idempotent(() => ({ securityGroupID: new SecurityGroupBackend(ctx).create(region.regionID, input).id })),
  });
}

function describeSecurityGroup(path: string, operation: string, service: ServiceHost): RouteDefinition {
  return defineRoute({
    method: "GET", path, operation, service,
    input: describeGroupSchema,
    handle(ctx, { input, region }) {
      const group = new SecurityGroupBackend(ctx).require(region.regionID, input.securityGroupID, input.projectID);
      return groupView(ctx, region.regionID, group, input.direction === "all" ? undefined : input.direction);
    },
  });
}

const modifySecurityGroup = defineRoute({
  method: "POST", path: "/v4/vpc/modify-security-group-attribute", operation: "ModifySecurityGroupAttribute", service: "ctvpc",
  input: modifyGroupSchema,
  handle: (ctx, { input, region }) =>
    ctx.idempotent(() => {
      new SecurityGroupBackend(ctx).modify(region.regionID, input.securityGroupID, input.projectID, { name: input.name, description: input.description });
      return null;
    }),
});

function deleteSecurityGroup(path: string, operation: string, service: ServiceHost): RouteDefinition {
  return defineRoute({
    method: "POST", path, operation, service,
    input: deleteGroupSchema,
    handle: (ctx, { input, region }) =>
      ctx.idempotent(() => {
        new SecurityGroupBackend(ctx).delete(region.regionID, input.securityGroupID, input.projectID);
        return null;
      }),
  });
}

const listSecurityGroups = defineRoute({
  method: "GET", path: "/v4/vpc/new-query-security-groups", operation: "NewQuerySecurityGroups", service: "ctvpc",
  input: listGroupsSchema,
  handle(ctx, { input, region, params }) {
    const page = paginate(new SecurityGroupBackend(ctx).list(region.regionID, input), readPaging(params));
    return listResult("securityGroups", page, (group) => groupView(ctx, region.regionID, group));
  },
});

/**
 * GET /v4/ecs/vpc/query-security-groups (Go ctecs ecs_vpc_query_security_groups.go): the ECS-hosted
 * list answers a bare array of groups (its RealResponse is a slice), shaped like the VPC list's rows;
 * `pageNo` or `pageNumber` and `pageSize` page it (the Go SDK always sends all three, 0 = unset).
 */
const listSecurityGroupsArray = defineRoute({
  method: "GET", path: "/v4/ecs/vpc/query-security-groups", operation: "EcsQuerySecurityGroups", service: "ctecs",
  input: listGroupsSchema,
  handle(ctx, { input, region, params }) {
    const page = paginate(new SecurityGroupBackend(ctx).list(region.regionID, input), readPaging(params));
    return page.items.map((group) => groupView(ctx, region.regionID, group));
  },
});

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
function createRules(path: string, operation: string, service: ServiceHost, direction: Direction): RouteDefinition {
  return defineRoute({
    method: "POST", path, operation, service,
    input: createRulesSchema,
    handle(ctx, { input, region }) {
      const wanted = input.securityGroupRules.map((rule, index, all) => ruleInput(rule, index, all.length));
      return ctx.idempotent(() => ({ sgRuleIDs: new RuleBackend(ctx).create(region.regionID, input.securityGroupID, direction, wanted) }));
    },
  });
}

const describeRule = defineRoute({
  method: "GET", path: "/v4/vpc/describe-security-group-rule", operation: "DescribeSecurityGroupRule", service: "ctvpc",
  input: ruleRefSchema,
  handle: (ctx, { input, region }) => ruleView(new RuleBackend(ctx).require(region.regionID, input.securityGroupID, input.securityGroupRuleID)),
});

function modifyRule(path: string, operation: string, direction: Direction): RouteDefinition {
  return defineRoute({
    method: "POST", path, operation, service: "ctvpc",
    input: modifyRuleSchema,
    handle(ctx, { input, region, params }) {
      const fixed = FIXED_RULE_FIELDS.filter((name) => params[name] !== undefined && params[name] !== "" && params[name] !== 0);
      if (fixed.length > 0) {
        throw new InvalidParameterError(`only description can be modified; ${fixed.join(", ")} cannot change (revoke the rule and create another)`);
      }
      return ctx.idempotent(() => {
        new RuleBackend(ctx).modifyDescription(region.regionID, input.securityGroupID, input.securityGroupRuleID, direction, input.description);
        return null;
      });
    },
  });
}

function revokeRule(path: string, operation: string, direction: Direction): RouteDefinition {
  return defineRoute({
    method: "POST", path, operation, service: "ctvpc",
    input: ruleRefSchema,
    handle: (ctx, { input, region }) =>
      ctx.idempotent(() => {
        new RuleBackend(ctx).revoke(region.regionID, input.securityGroupID, input.securityGroupRuleID, direction);
        return null;
      }),
  });
}

export const SECURITY_GROUP_ROUTES: readonly RouteDefinition[] = [
  createSecurityGroup("/v4/vpc/create-security-group", "CreateSecurityGroup", "ctvpc"),
  describeSecurityGroup("/v4/vpc/describe-security-group-attribute", "DescribeSecurityGroupAttribute", "ctvpc"),
  modifySecurityGroup,
  deleteSecurityGroup("/v4/vpc/delete-security-group", "DeleteSecurityGroup", "ctvpc"),
  listSecurityGroups,
  // The same groups through the ECS host (Go ctecs ecs_vpc_*_security_group*.go).
  createSecurityGroup("/v4/ecs/vpc/create-security-group", "EcsCreateSecurityGroup", "ctecs"),
  deleteSecurityGroup("/v4/ecs/vpc/delete-security-group", "EcsDeleteSecurityGroup", "ctecs"),
  describeSecurityGroup("/v4/ecs/vpc/describe-security-group-attribute", "EcsDescribeSecurityGroupAttribute", "ctecs"),
  listSecurityGroupsArray,
  createRules("/v4/ecs/vpc/create-security-group-ingress", "CreateSecurityGroupIngress", "ctecs", "ingress"),
  createRules("/v4/ecs/vpc/create-security-group-egress", "CreateSecurityGroupEgress", "ctecs", "egress"),
  createRules("/v4/vpc/create-security-group-ingress", "CreateSgIngressRule", "ctvpc", "ingress"),
  createRules("/v4/vpc/create-security-group-egress", "CreateSgEgressRule", "ctvpc", "egress"),
  describeRule,
  modifyRule("/v4/vpc/modify-security-group-ingress", "ModifySecurityGroupIngress", "ingress"),
  modifyRule("/v4/vpc/modify-security-group-egress", "ModifySecurityGroupEgress", "egress"),
  revokeRule("/v4/vpc/revoke-security-group-ingress", "RevokeSecurityGroupIngress", "ingress"),
  revokeRule("/v4/vpc/revoke-security-group-egress", "RevokeSecurityGroupEgress", "egress"),
];
