/**
 * Security groups (ctvpc host, spec D.3) and their rules (spec D.4): rules are created on the
 * ctecs host, described, modified and revoked on ctvpc. All synchronous. Request enums are
 * upper-case (`INGRESS`, `ACCEPT`, `TCP`, `IPv4`); responses carry `direction`/`action` lower-case.
 */
import { z } from "zod";
import { defineOperation } from "../operation";

const projectID = z.string().optional();

export const CreateSecurityGroup = defineOperation({
  name: "CreateSecurityGroup",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/create-security-group",
  input: z.object({
    clientToken: z.string().optional(),
    regionID: z.string(),
    vpcID: z.string(),
    name: z.string(),
    description: z.string(),
    projectID,
  }),
  output: z.looseObject({ securityGroupID: z.string() }),
  idempotent: "clientToken",
});

export const securityGroupRuleRecord = z.looseObject({
  id: z.string(),
  securityGroupID: z.string(),
  direction: z.string(),
  action: z.string(),
  priority: z.number().int(),
  protocol: z.string(),
  ethertype: z.string(),
  destCidrIp: z.string().nullish(),
  range: z.string().nullish(),
  description: z.string().nullish(),
  remoteSecurityGroupID: z.string().nullish(),
  origin: z.string().nullish(),
  createTime: z.string().nullish(),
});

export const securityGroupRecord = z.looseObject({
  id: z.string(),
  securityGroupName: z.string(),
  vpcID: z.string(),
  description: z.string().nullish(),
  /** A number (the old SDK decodes it into an int, spec C.3). */
  vmNum: z.number().int(),
  origin: z.string().nullish(),
  vpcName: z.string().nullish(),
  creationTime: z.string().nullish(),
  projectID: z.string().nullish(),
  securityGroupRuleList: z.array(securityGroupRuleRecord).nullish(),
});

export const DescribeSecurityGroupAttribute = defineOperation({
  name: "DescribeSecurityGroupAttribute",
  service: "ctvpc",
  method: "GET",
  path: "/v4/vpc/describe-security-group-attribute",
  input: z.object({
    regionID: z.string(),
    securityGroupID: z.string(),
    direction: z.enum(["all", "ingress", "egress"]).optional(),
    projectID,
  }),
  output: securityGroupRecord,
  idempotent: true,
});

export const ModifySecurityGroupAttribute = defineOperation({
  name: "ModifySecurityGroupAttribute",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/modify-security-group-attribute",
  input: z.object({
    clientToken: z.string().optional(),
    regionID: z.string(),
    projectID,
    name: z.string(),
    description: z.string(),
    enabled: z.boolean(),
    securityGroupID: z.string(),
  }),
  output: z.unknown(),
  // Sets absolute values: repeating it is harmless. clientToken is required (py v4_vpc_modify_security_group_attribute): `send` supplies it.
  idempotent: "clientToken",
});

export const DeleteSecurityGroup = defineOperation({
  name: "DeleteSecurityGroup",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/delete-security-group",
  input: z.object({ clientToken: z.string().optional(), regionID: z.string(), projectID, securityGroupID: z.string() }),
  output: z.unknown(),
  idempotent: "clientToken",
});

export const NewQuerySecurityGroups = defineOperation({
  name: "NewQuerySecurityGroups",
  service: "ctvpc",
  method: "GET",
  path: "/v4/vpc/new-query-security-groups",
  input: z.object({
    regionID: z.string(),
    vpcID: z.string().optional(),
    queryContent: z.string().optional(),
    instanceID: z.string().optional(),
    pageNo: z.number().int().positive().optional(),
    pageSize: z.number().int().positive().max(50).optional(),
  }),
  output: z.looseObject({
    securityGroups: z.array(securityGroupRecord),
    totalCount: z.number().int(),
    currentCount: z.number().int(),
    totalPage: z.number().int(),
  }),
  idempotent: true,
});

/** One rule as TF's old layer sends it: every key present, `range` "" when unset. */
const ruleRequest = z.object({
  direction: z.enum(["INGRESS", "EGRESS"]),
  action: z.enum(["ACCEPT", "DROP"]),
  priority: z.number().int().min(1).max(100),
  protocol: z.enum(["ANY", "TCP", "UDP", "ICMP"]),
  ethertype: z.enum(["IPv4", "IPv6"]),
  destCidrIp: z.string(),
  description: z.string(),
  range: z.string(),
});

const createRules = z.object({
  regionID: z.string(),
  securityGroupID: z.string(),
  clientToken: z.string().optional(),
  securityGroupRules: z.array(ruleRequest).min(1),
});

/** `sgRuleIDs` lists the rules created; a rule identical to an existing one gets none (spec C.4). */
const createRulesResult = z.looseObject({ sgRuleIDs: z.array(z.string()).nullish().transform((ids) => ids ?? []) });

export const CreateSecurityGroupIngress = defineOperation({
  name: "CreateSecurityGroupIngress",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/vpc/create-security-group-ingress",
  input: createRules,
  output: createRulesResult,
  idempotent: "clientToken",
});

export const CreateSecurityGroupEgress = defineOperation({
  ...CreateSecurityGroupIngress,
  name: "CreateSecurityGroupEgress",
  path: "/v4/ecs/vpc/create-security-group-egress",
});

export const DescribeSecurityGroupRule = defineOperation({
  name: "DescribeSecurityGroupRule",
  service: "ctvpc",
  method: "GET",
  path: "/v4/vpc/describe-security-group-rule",
  input: z.object({ regionID: z.string(), securityGroupID: z.string(), securityGroupRuleID: z.string() }),
  output: securityGroupRuleRecord,
  idempotent: true,
});

const ruleRef = z.object({ regionID: z.string(), securityGroupID: z.string(), securityGroupRuleID: z.string(), clientToken: z.string().optional() });

export const ModifySecurityGroupIngress = defineOperation({
  name: "ModifySecurityGroupIngress",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/modify-security-group-ingress",
  input: ruleRef.extend({ description: z.string() }),
  output: z.unknown(),
  // Sets the description to an absolute value: repeating it is harmless. clientToken is required
  // (py v4_vpc_modify_security_group_ingress/egress): `send` supplies it.
  idempotent: "clientToken",
});

export const ModifySecurityGroupEgress = defineOperation({
  ...ModifySecurityGroupIngress,
  name: "ModifySecurityGroupEgress",
  path: "/v4/vpc/modify-security-group-egress",
});

export const RevokeSecurityGroupIngress = defineOperation({
  name: "RevokeSecurityGroupIngress",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/revoke-security-group-ingress",
  input: ruleRef,
  output: z.unknown(),
  idempotent: "clientToken",
});

export const RevokeSecurityGroupEgress = defineOperation({
  ...RevokeSecurityGroupIngress,
  name: "RevokeSecurityGroupEgress",
  path: "/v4/vpc/revoke-security-group-egress",
});

export const SECURITY_GROUP_NOT_FOUND = "Openapi.SecurityGroup.NotFound";
export const SECURITY_GROUP_RULE_NOT_FOUND = "Openapi.SecurityGroupRule.NotFound";
