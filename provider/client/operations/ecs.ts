/**
 * ECS instance operations (ctecs host, spec D.7). Creates, flavor changes and unsubscribes are
 * billing orders (poll them with `waitForOrder`); power operations return a job id but the instance
 * status (instance-details) is what tells when they are done.
 */
import { z } from "zod";
import { defineOperation } from "../operation";

export const INSTANCE_NOT_FOUND = "Ecs.Instance.NotFound";
/** stop/shelve of a VM that is not running (TF treats it as "already stopped"). */
export const STATUS_NOT_RUNNING = "Ecs.Instance.StatusNotRunning";
/** start of a VM that is not stopped (TF treats it as "already running"). */
export const STATUS_NOT_STOPPED = "Ecs.Instance.StatusNotStopped";

const projectID = z.string().optional();

const ordered = z.looseObject({
  masterOrderID: z.string().min(1),
  masterOrderNO: z.string().nullish(),
  regionID: z.string().nullish(),
});

export const CreateInstance = defineOperation({
  name: "CreateInstance",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/create-instance",
  input: z.object({
    clientToken: z.string(),
    regionID: z.string(),
    azName: z.string(),
    instanceName: z.string(),
    displayName: z.string(),
    flavorID: z.string(),
    imageType: z.number().int(),
    imageID: z.string(),
    bootDiskType: z.string(),
    bootDiskSize: z.number().int(),
    vpcID: z.string(),
    onDemand: z.boolean(),
    networkCardList: z.array(z.object({ isMaster: z.boolean(), subnetID: z.string() })),
    extIP: z.literal("0"),
    projectID,
    secGroupList: z.array(z.string()).optional(),
    keyPairID: z.string().optional(),
    userPassword: z.string().optional(),
    // Sent even when 0 (spec D.0.2).
    cycleCount: z.number().int(),
    cycleType: z.enum(["MONTH", "YEAR"]).optional(),
    autoRenewStatus: z.union([z.literal(0), z.literal(1)]),
    userData: z.string().optional(),
    payVoucherPrice: z.number(),
    affinityGroupID: z.string().optional(),
  }),
  output: ordered.extend({ masterResourceID: z.string().nullish() }),
  idempotent: "clientToken",
});

export const instanceRecord = z.looseObject({
  instanceID: z.string(),
  instanceName: z.string(),
  displayName: z.string(),
  instanceStatus: z.string(),
  azName: z.string().nullish(),
  projectID: z.string().nullish(),
  /** 1 Linux, 2 Windows. */
  osType: z.number().int().nullish(),
  flavor: z.looseObject({ flavorID: z.string(), flavorName: z.string().nullish(), flavorCPU: z.number().int().nullish(), flavorRAM: z.number().int().nullish() }),
  image: z.looseObject({ imageID: z.string(), imageName: z.string().nullish() }),
  vpcID: z.string(),
  secGroupList: z
    .array(z.looseObject({ securityGroupID: z.string(), securityGroupName: z.string().nullish() }))
    .nullish()
    .transform((v) => v ?? []),
  networkCardList: z
    .array(z.looseObject({ isMaster: z.boolean(), subnetID: z.string(), IPv4Address: z.string().nullish() }))
    .nullish()
    .transform((v) => v ?? []),
  privateIP: z.string().nullish(),
  floatingIP: z.string().nullish(),
  keypairName: z.string().nullish(),
  onDemand: z.boolean().nullish(),
  expiredTime: z.string().nullish(),
  /** The VM's affinity group (py v4_ecs_instance_details `affinityGroup`); null when in none. */
  affinityGroup: z.looseObject({ affinityGroupID: z.string().nullish(), affinityGroupName: z.string().nullish() }).nullish(),
});
export type InstanceInfo = z.output<typeof instanceRecord>;

export const DescribeInstance = defineOperation({
  name: "DescribeInstance",
  service: "ctecs",
  method: "GET",
  path: "/v4/ecs/instance-details",
  input: z.object({ regionID: z.string(), instanceID: z.string() }),
  output: instanceRecord,
  idempotent: true,
});

/**
 * A describe-instances row: what the official response model declares (py v4_ecs_describe_instances),
 * which is less than instance-details (no `vpcID`, no `networkCardList`; `networkInfo[]` instead).
 */
export const instanceListRow = z.looseObject({
  instanceID: z.string(),
  instanceName: z.string().nullish(),
  displayName: z.string().nullish(),
  instanceStatus: z.string().nullish(),
  azName: z.string().nullish(),
  projectID: z.string().nullish(),
  osType: z.number().int().nullish(),
  flavor: z.looseObject({ flavorID: z.string().nullish(), flavorName: z.string().nullish(), flavorCPU: z.number().int().nullish(), flavorRAM: z.number().int().nullish() }).nullish(),
  image: z.looseObject({ imageID: z.string().nullish(), imageName: z.string().nullish() }).nullish(),
  secGroupList: z
    .array(z.looseObject({ securityGroupID: z.string(), securityGroupName: z.string().nullish() }))
    .nullish()
    .transform((v) => v ?? []),
  networkInfo: z
    .array(z.looseObject({ subnetID: z.string().nullish(), ipAddress: z.string().nullish() }))
    .nullish()
    .transform((v) => v ?? []),
  keypairName: z.string().nullish(),
  onDemand: z.boolean().nullish(),
  expiredTime: z.string().nullish(),
  createdTime: z.string().nullish(),
});
export type InstanceListRow = z.output<typeof instanceListRow>;

export const DescribeInstances = defineOperation({
  name: "DescribeInstances",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/describe-instances",
  input: z.object({
    regionID: z.string(),
    azName: z.string().optional(),
    projectID,
    pageNo: z.number().int().optional(),
    pageSize: z.number().int().optional(),
    instanceName: z.string().optional(),
    instanceIDList: z.string().optional(),
  }),
  output: z.looseObject({
    currentCount: z.number().int(),
    totalCount: z.number().int(),
    totalPage: z.number().int().nullish(),
    results: z.array(instanceListRow).nullish().transform((v) => v ?? []),
  }),
  idempotent: true,
});

export const BatchUpdateInstances = defineOperation({
  name: "BatchUpdateInstances",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/batch-update-instances",
  input: z.object({ regionID: z.string(), updateInfo: z.array(z.object({ instanceID: z.string(), displayName: z.string() })) }),
  output: z.unknown(),
  // Sets absolute values: repeating it is harmless.
  idempotent: true,
});

// Only stop takes `force` (py v4_ecs_stop_instance; start-instance has regionID and instanceID alone).
const startInput = z.object({ regionID: z.string(), instanceID: z.string() });
const stopInput = startInput.extend({ force: z.boolean().optional() });
const job = z.looseObject({ jobID: z.string().nullish() });

/**
 * Power operations are safe to repeat: a repeat answers StatusNotStopped/StatusNotRunning, which
 * the caller treats as "already there".
 */
export const StartInstance = defineOperation({ name: "StartInstance", service: "ctecs", method: "POST", path: "/v4/ecs/start-instance", input: startInput, output: job, idempotent: true });
export const StopInstance = defineOperation({ name: "StopInstance", service: "ctecs", method: "POST", path: "/v4/ecs/stop-instance", input: stopInput, output: job, idempotent: true });

export const UpdateFlavorSpec = defineOperation({
  name: "UpdateFlavorSpec",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/update-flavor-spec",
  input: z.object({ regionID: z.string(), instanceID: z.string(), flavorID: z.string(), clientToken: z.string() }),
  output: ordered,
  idempotent: "clientToken",
});

export const ResetPassword = defineOperation({
  name: "ResetPassword",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/reset-password",
  input: z.object({ regionID: z.string(), instanceID: z.string(), newPassword: z.string() }),
  output: z.unknown(),
  // Sets an absolute value.
  idempotent: true,
});

export const JoinSecurityGroup = defineOperation({
  name: "JoinSecurityGroup",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/vpc/join-security-group",
  input: z.object({ regionID: z.string(), securityGroupID: z.string(), instanceID: z.string(), action: z.literal("joinSecurityGroup") }),
  output: z.unknown(),
  // A repeat is refused ("already bound"): callers re-read the VM and converge instead.
  idempotent: false,
});

export const LeaveSecurityGroup = defineOperation({
  name: "LeaveSecurityGroup",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/vpc/leave-security-group",
  input: z.object({ regionID: z.string(), securityGroupID: z.string(), instanceID: z.string() }),
  output: z.unknown(),
  idempotent: false,
});

export const UnsubscribeInstance = defineOperation({
  name: "UnsubscribeInstance",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/unsubscribe-instance",
  input: z.object({ clientToken: z.string(), regionID: z.string(), instanceID: z.string() }),
  output: ordered,
  idempotent: "clientToken",
});

export const DestroyInstance = defineOperation({
  name: "DestroyInstance",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/destroy-instance",
  input: z.object({ clientToken: z.string(), regionID: z.string(), instanceID: z.string() }),
  output: ordered,
  idempotent: "clientToken",
});

export const volumeRecord = z.looseObject({
  diskID: z.string(),
  /** `系统盘` (system disk) or `数据盘` (data disk). */
  diskType: z.string(),
  /** `SATA|SAS|SSD|SSD-genric|FAST-SSD`. */
  diskDataType: z.string(),
  diskSize: z.number().int(),
  isEncrypt: z.boolean().nullish(),
});
export const SYSTEM_DISK_TYPE = "系统盘";

export const ListInstanceVolumes = defineOperation({
  name: "ListInstanceVolumes",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/volume/list",
  input: z.object({ regionID: z.string(), instanceID: z.string(), pageNo: z.number().int().optional(), pageSize: z.number().int().optional() }),
  output: z.looseObject({
    currentCount: z.number().int().nullish(),
    totalCount: z.number().int().nullish(),
    results: z.array(volumeRecord).nullish().transform((v) => v ?? []),
  }),
  idempotent: true,
});
