/**
 * Auto-scaling operations (host `scaling`, emulator/api-notes/scaling.md). Every one is a POST with a
 * JSON body, ids are integers, and all are synchronous: a group's VMs come and go through scaling
 * activities, read with the group's member and activity lists. No create takes a clientToken: group
 * names are unique per region (py-sc), and config and rule names are treated so (api-notes), which
 * makes repeating a create safe — a repeat is refused and the create finds what it made by name.
 */
import { z } from "zod";
import { defineOperation } from "../operation";

const id = z.number().int();
const paging = { pageNo: z.number().int().optional(), pageSize: z.number().int().optional() };
const volume = z.object({ volumeType: z.string(), volumeSize: z.number().int(), flag: z.number().int(), diskMode: z.string().optional() });
const tag = z.object({ key: z.string(), value: z.string() });

/** What config-create and config-update take (update: each optional). */
const configFields = {
  name: z.string(),
  imageID: z.string(),
  specName: z.string(),
  volumes: z.array(volume),
  /** 1 no public IP, 2 auto-allocated EIP. */
  useFloatings: z.number().int(),
  /** 1 password, 2 key pair. */
  loginMode: z.number().int(),
  securityGroupIDList: z.array(z.string()).optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  keyPairID: z.string().optional(),
  tags: z.array(tag).optional(),
  azNames: z.array(z.string()).optional(),
  monitorService: z.boolean().optional(),
};

export const CreateScalingConfig = defineOperation({
  name: "CreateScalingConfig",
  service: "scaling",
  method: "POST",
  path: "/v4/scaling/config-create",
  input: z.object({ regionID: z.string(), ...configFields }),
  output: z.looseObject({ id }),
  // No clientToken; a repeat is refused (the name is taken) and create looks the config up by name.
  idempotent: true,
});

/** One config as config-list returns it (py v4_scaling_config_list). */
export const scalingConfigRecord = z.looseObject({
  configID: id,
  name: z.string(),
  imageID: z.string(),
  imageName: z.string().nullish(),
  specName: z.string(),
  cpu: z.number().int().nullish(),
  memory: z.number().int().nullish(),
  /** 1 Linux, 2 Windows. */
  osType: z.number().int().nullish(),
  volumes: z
    .array(z.looseObject({ volumeType: z.string(), volumeSize: z.number().int(), flag: z.number().int(), diskMode: z.string().nullish() }))
    .nullish()
    .transform((v) => v ?? []),
  // py-sc declares objects {id, name}, TF plain ids (api-notes/scaling.md §1.1): both are read.
  securityGroupList: z
    .array(z.union([z.string(), z.looseObject({ id: z.string() })]))
    .nullish()
    .transform((list) => (list ?? []).map((item) => (typeof item === "string" ? item : item.id))),
  useFloatings: z.number().int().nullish(),
  loginMode: z.number().int(),
  username: z.string().nullish(),
  keyPairID: z.string().nullish(),
  keyPairName: z.string().nullish(),
  tags: z.array(z.looseObject({ key: z.string(), value: z.string() })).nullish().transform((v) => v ?? []),
  /** One comma-separated string. */
  azNames: z.string().nullish(),
  monitorService: z.boolean().nullish(),
  groupCount: z.number().int().nullish(),
});
export type ScalingConfigInfo = z.output<typeof scalingConfigRecord>;

export const ListScalingConfigs = defineOperation({
  name: "ListScalingConfigs",
  service: "scaling",
  method: "POST",
  path: "/v4/scaling/config-list",
  input: z.object({ regionID: z.string(), configID: id.optional(), ...paging }),
  // A bare array (py-sc and TF).
  output: z.array(scalingConfigRecord).nullish().transform((v) => v ?? []),
  idempotent: true,
});

export const UpdateScalingConfig = defineOperation({
  name: "UpdateScalingConfig",
  service: "scaling",
  method: "POST",
  path: "/v4/scaling/config-update",
  input: z.object({ regionID: z.string(), configID: id, ...z.object(configFields).partial().shape }),
  output: z.unknown(),
  // Sets absolute values.
  idempotent: true,
});

export const DeleteScalingConfig = defineOperation({
  name: "DeleteScalingConfig",
  service: "scaling",
  method: "POST",
  path: "/v4/scaling/config-delete",
  input: z.object({ regionID: z.string(), configID: id }),
  output: z.unknown(),
  idempotent: true,
});

const loadBalancer = { port: z.number().int(), weight: z.number().int(), hostGroupID: z.string() };

export const CreateScalingGroup = defineOperation({
  name: "CreateScalingGroup",
  service: "scaling",
  method: "POST",
  path: "/v4/scaling/group/create",
  input: z.object({
    regionID: z.string(),
    name: z.string(),
    vpcID: z.string(),
    subnetIDList: z.array(z.string()).optional(),
    /** Required by the py model; used in multi-AZ regions only (single-AZ regions take the configs'). */
    securityGroupIDList: z.array(z.string()),
    /** 1 release VMs that leave. */
    recoveryMode: z.number().int(),
    /** 1 server, 2 load balancer. */
    healthMode: z.number().int(),
    healthPeriod: z.number().int(),
    moveOutStrategy: z.number().int(),
    /** 1 yes, 2 no. */
    useLb: z.number().int(),
    lbList: z.array(z.object({ ...loadBalancer, lbID: z.string() })).optional(),
    minCount: z.number().int(),
    maxCount: z.number().int(),
    expectedCount: z.number().int().optional(),
    configList: z.array(id).optional(),
    azStrategy: z.number().int().optional(),
    projectID: z.string().optional(),
  }),
  output: z.looseObject({ groupID: id }),
  // No clientToken; a repeat is refused (group names are unique) and create looks the group up by name.
  idempotent: true,
});

export const scalingGroupRecord = z.looseObject({
  groupID: id,
  name: z.string(),
  /** 1 enabled, 2 disabled. */
  status: z.number().int(),
  vpcID: z.string(),
  subnetIDList: z.array(z.string()).nullish().transform((v) => v ?? []),
  securityGroupIDList: z.array(z.string()).nullish().transform((v) => v ?? []),
  configList: z.array(id).nullish().transform((v) => v ?? []),
  minCount: z.number().int(),
  maxCount: z.number().int(),
  expectedCount: z.number().int().nullish(),
  instanceCount: z.number().int().nullish(),
  healthMode: z.number().int(),
  healthPeriod: z.number().int(),
  moveOutStrategy: z.number().int(),
  useLb: z.number().int().nullish(),
  azStrategy: z.number().int().nullish(),
  projectIDEcs: z.string().nullish(),
  deleteProtection: z.boolean().nullish(),
  createDate: z.string().nullish(),
});
export type ScalingGroupInfo = z.output<typeof scalingGroupRecord>;

export const ListScalingGroups = defineOperation({
  name: "ListScalingGroups",
  service: "scaling",
  method: "POST",
  path: "/v4/scaling/group/list",
  input: z.object({ regionID: z.string(), groupID: id.optional(), projectID: z.string().optional(), ...paging }),
  output: z.looseObject({
    numberOfAll: z.number().int().nullish(),
    scalingGroups: z.array(scalingGroupRecord).nullish().transform((v) => v ?? []),
  }),
  idempotent: true,
});

export const UpdateScalingGroup = defineOperation({
  name: "UpdateScalingGroup",
  service: "scaling",
  method: "POST",
  path: "/v4/scaling/group/update",
  input: z.object({
    regionID: z.string(),
    groupID: id,
    name: z.string().optional(),
    minCount: z.number().int().optional(),
    maxCount: z.number().int().optional(),
    expectedCount: z.number().int().optional(),
    useLb: z.number().int().optional(),
    healthPeriod: z.number().int().optional(),
    healthMode: z.number().int().optional(),
    securityGroupIDList: z.array(z.string()).optional(),
    // The update model names the load balancer `id` (create: `lbID`).
    lbList: z.array(z.object({ ...loadBalancer, id: z.string() })).optional(),
    subnetIDList: z.array(z.string()).optional(),
    moveOutStrategy: z.number().int().optional(),
    configList: z.array(id).optional(),
    azStrategy: z.number().int().optional(),
  }),
  output: z.unknown(),
  idempotent: true,
});

export const DeleteScalingGroup = defineOperation({
  name: "DeleteScalingGroup",
  service: "scaling",
  method: "POST",
  path: "/v4/scaling/group/delete",
  input: z.object({ regionID: z.string(), groupID: id, force: z.boolean().optional() }),
  output: z.unknown(),
  idempotent: true,
});

function groupAction(name: string, path: string) {
  return defineOperation({ name, service: "scaling", method: "POST", path, input: z.object({ regionID: z.string(), groupID: id }), output: z.unknown(), idempotent: true });
}

export const EnableScalingGroup = groupAction("EnableScalingGroup", "/v4/scaling/group/enable");
export const DisableScalingGroup = groupAction("DisableScalingGroup", "/v4/scaling/group/disable");
export const EnableScalingGroupProtection = groupAction("EnableScalingGroupProtection", "/v4/scaling/group/enable-protection");
export const DisableScalingGroupProtection = groupAction("DisableScalingGroupProtection", "/v4/scaling/group/disable-protection");

export const ListScalingGroupLoadBalancers = defineOperation({
  name: "ListScalingGroupLoadBalancers",
  service: "scaling",
  method: "POST",
  path: "/v4/scaling/group/query-load-balancer-list",
  input: z.object({ regionID: z.string(), groupID: id, ...paging }),
  output: z.looseObject({
    totalCount: z.number().int().nullish(),
    loadBalancers: z
      .array(z.looseObject({ lbID: z.string(), hostGroupID: z.string(), port: z.number().int(), weight: z.number().int() }))
      .nullish()
      .transform((v) => v ?? []),
  }),
  idempotent: true,
});

export const scalingMemberRecord = z.looseObject({
  /** The association id. */
  id,
  instanceID: z.string(),
  /** 1 in service, 2 moving in, 3 moving out. */
  status: z.number().int(),
  /** 1 normal, 2 abnormal, 3 initializing. */
  healthStatus: z.number().int().nullish(),
  executionMode: z.number().int().nullish(),
  azName: z.string().nullish(),
});
export type ScalingMemberInfo = z.output<typeof scalingMemberRecord>;

export const ListScalingGroupInstances = defineOperation({
  name: "ListScalingGroupInstances",
  service: "scaling",
  method: "POST",
  path: "/v4/scaling/group/query-instance-list",
  input: z.object({ regionID: z.string(), groupID: id, ...paging }),
  output: z.looseObject({ instanceList: z.array(scalingMemberRecord).nullish().transform((v) => v ?? []), totalCount: z.number().int().nullish() }),
  idempotent: true,
});

export const scalingActivityRecord = z.looseObject({
  activeID: id,
  /** 0 running, 1 succeeded, 2 failed. */
  executionResult: z.number().int(),
  executionMode: z.number().int().nullish(),
  failReason: z.string().nullish(),
  afterCount: z.number().int().nullish(),
});
export type ScalingActivityInfo = z.output<typeof scalingActivityRecord>;

export const ListScalingActivities = defineOperation({
  name: "ListScalingActivities",
  service: "scaling",
  method: "POST",
  path: "/v4/scaling/group/query-activities-list",
  input: z.object({ regionID: z.string(), groupID: id, ...paging }),
  output: z.looseObject({ activeList: z.array(scalingActivityRecord).nullish().transform((v) => v ?? []) }),
  idempotent: true,
});

const trigger = z.object({
  name: z.string(),
  metricName: z.string(),
  statistics: z.string(),
  comparisonOperator: z.string(),
  threshold: z.number().int(),
  period: z.string(),
  evaluationCount: z.number().int(),
});

/** What rule/create and rule/update take beside the ids (update: each optional). */
const ruleFields = {
  name: z.string(),
  /** 1 count, 2 percent. */
  operateUnit: z.number().int().optional(),
  operateCount: z.number().int().optional(),
  /** 1 increase, 2 decrease, 3 set to. */
  action: z.number().int().optional(),
  /** 1 monthly, 2 weekly, 3 daily. */
  cycle: z.number().int().optional(),
  day: z.array(z.number().int()).optional(),
  effectiveFrom: z.string().optional(),
  effectiveTill: z.string().optional(),
  executionTime: z.string().optional(),
  cooldown: z.number().int().optional(),
  triggerObj: trigger.optional(),
};

export const CreateScalingRule = defineOperation({
  name: "CreateScalingRule",
  service: "scaling",
  method: "POST",
  path: "/v4/scaling/rule/create",
  /** `type`: 1 alarm, 2 scheduled, 3 periodic. */
  input: z.object({ regionID: z.string(), groupID: id, type: z.number().int(), ...ruleFields }),
  output: z.looseObject({ ruleID: id }),
  // Rule names are unique within a group: a repeat is refused and create looks the rule up by name.
  idempotent: true,
});

export const scalingRuleRecord = z.looseObject({
  ruleID: id,
  name: z.string(),
  ruleType: z.number().int(),
  /** 1 enabled, 2 disabled. */
  status: z.number().int(),
  action: z.number().int().nullish(),
  operateCount: z.number().int().nullish(),
  operateUnit: z.number().int().nullish(),
  cooldown: z.number().int().nullish(),
  executionTime: z.string().nullish(),
  cycle: z.number().int().nullish(),
  effectiveFrom: z.string().nullish(),
  effectiveTill: z.string().nullish(),
  day: z.array(z.number().int()).nullish(),
  triggerObj: z
    .looseObject({ metricName: z.string(), statistics: z.string(), comparisonOperator: z.string(), threshold: z.number(), period: z.string(), evaluationCount: z.number().int() })
    .nullish(),
});
export type ScalingRuleInfo = z.output<typeof scalingRuleRecord>;

export const ListScalingRules = defineOperation({
  name: "ListScalingRules",
  service: "scaling",
  method: "POST",
  path: "/v4/scaling/rule/list",
  input: z.object({ regionID: z.string(), groupID: id, ...paging }),
  output: z.looseObject({ numberOfAll: z.number().int().nullish(), ruleList: z.array(scalingRuleRecord).nullish().transform((v) => v ?? []) }),
  idempotent: true,
});

export const UpdateScalingRule = defineOperation({
  name: "UpdateScalingRule",
  service: "scaling",
  method: "POST",
  path: "/v4/scaling/rule/update",
  input: z.object({ regionID: z.string(), groupID: id, ruleID: id, ...z.object(ruleFields).partial().shape }),
  output: z.unknown(),
  idempotent: true,
});

function ruleAction(name: string, path: string) {
  return defineOperation({ name, service: "scaling", method: "POST", path, input: z.object({ regionID: z.string(), groupID: id, ruleID: id }), output: z.unknown(), idempotent: true });
}

export const DeleteScalingRule = ruleAction("DeleteScalingRule", "/v4/scaling/rule/delete");
export const StartScalingRule = ruleAction("StartScalingRule", "/v4/scaling/rule/start");
export const StopScalingRule = ruleAction("StopScalingRule", "/v4/scaling/rule/stop");
