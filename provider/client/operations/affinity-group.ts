/**
 * Affinity group operations (host `ctecs`, emulator/api-notes/affinity-group.md), field names as py
 * ctyunsdk_ecs20220909 declares them. All synchronous. create takes no clientToken and names need not
 * be unique, so it is never repeated by the client (a lost answer is found by name on the next run);
 * bind and unbind are refused when repeated after they went through, which the caller tells apart by
 * reading the VM's group.
 */
import { z } from "zod";
import { defineOperation } from "../operation";

const text = z.string().nullish();
const policy = z.looseObject({ policyType: z.number().int().nullish(), policyTypeName: text });

export const CreateAffinityGroup = defineOperation({
  name: "CreateAffinityGroup",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/affinity-group/create",
  input: z.object({ regionID: z.string(), affinityGroupName: z.string(), policyType: z.number().int() }),
  output: z.looseObject({ affinityGroupID: z.string(), affinityGroupName: text, affinityGroupPolicy: policy.nullish() }),
  idempotent: false,
});

export const affinityGroupRecord = z.looseObject({
  affinityGroupID: z.string(),
  affinityGroupName: z.string(),
  affinityGroupPolicy: policy.nullish(),
  createdTime: text,
  updatedTime: text,
  deleted: z.boolean().nullish(),
});

export type AffinityGroupInfo = z.output<typeof affinityGroupRecord>;

/** `affinityGroupID` is an exact filter; `queryContent` matches ids and names as substrings. */
export const ListAffinityGroups = defineOperation({
  name: "ListAffinityGroups",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/affinity-group/list",
  input: z.object({
    regionID: z.string(),
    affinityGroupID: z.string().optional(),
    queryContent: z.string().optional(),
    pageNo: z.number().int().optional(),
    pageSize: z.number().int().max(50).optional(),
  }),
  output: z.looseObject({
    results: z.array(affinityGroupRecord).nullish().transform((v) => v ?? []),
    totalCount: z.number().int().nullish(),
  }),
  idempotent: true,
});

export const UpdateAffinityGroup = defineOperation({
  name: "UpdateAffinityGroup",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/affinity-group-update",
  input: z.object({ regionID: z.string(), affinityGroupID: z.string(), affinityGroupName: z.string() }),
  output: z.unknown(),
  idempotent: true,
});

export const DeleteAffinityGroup = defineOperation({
  name: "DeleteAffinityGroup",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/affinity-group-delete",
  input: z.object({ regionID: z.string(), affinityGroupID: z.string() }),
  output: z.unknown(),
  idempotent: true,
});

const membership = z.object({ regionID: z.string(), instanceID: z.string(), affinityGroupID: z.string() });

/** How many migrations joining takes: 0 = the VM's host already fits the policy. */
export const CheckAffinityGroupBind = defineOperation({
  name: "CheckAffinityGroupBind",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/affinity-group/bind-instance-check",
  input: membership,
  output: z.looseObject({ needMigrate: z.number().int() }),
  idempotent: true,
});

export const BindAffinityGroupInstance = defineOperation({
  name: "BindAffinityGroupInstance",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/affinity-group/bind-instance",
  input: membership,
  output: z.unknown(),
  idempotent: true,
});

export const UnbindAffinityGroupInstance = defineOperation({
  name: "UnbindAffinityGroupInstance",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/affinity-group/unbind-instance",
  input: membership,
  output: z.unknown(),
  idempotent: true,
});

/** The VM's group; a VM in none answers 900 `Ecs.AffinityGroup.NotBound`. */
export const DescribeInstanceAffinityGroup = defineOperation({
  name: "DescribeInstanceAffinityGroup",
  service: "ctecs",
  method: "GET",
  path: "/v4/ecs/affinity-group/details",
  input: z.object({ regionID: z.string(), instanceID: z.string() }),
  output: z.looseObject({ affinityGroupID: z.string(), affinityGroupName: text, policyTypeName: text }),
  idempotent: true,
});

/** Official (TF internal/common/error_code.go EcsAffinityGroupNotBound): the VM is in no group. */
export const AFFINITY_NOT_BOUND = "Ecs.AffinityGroup.NotBound";

/** create's `policyType` for each policy name (TF business/esc_const.go; py documents 0–3). */
export const AFFINITY_POLICY_TYPES = { "anti-affinity": 0, affinity: 1, "soft-anti-affinity": 2, "soft-affinity": 3 } as const;
export type AffinityPolicy = keyof typeof AFFINITY_POLICY_TYPES;
