/**
 * EBS operations (host `ebs`, spec D.8, D.9). new-ebs and resize-ebs answer either 800 or a 900
 * `ebs.order.inProgress` carrying `returnObj.masterOrderID` to poll; attach/detach answer a job id.
 */
import { z } from "zod";
import { defineOperation } from "../operation";

export const EBS_NOT_FOUND = "ebs.ebsInfo.dataDamaged";
/** Not a failure: the order was placed and is provisioning; `returnObj.masterOrderID` says which. */
export const EBS_ORDER_IN_PROGRESS = "ebs.order.inProgress";

const ordered = z.looseObject({
  masterOrderID: z.string().nullish(),
  masterOrderNO: z.string().nullish(),
  masterResourceID: z.string().nullish(),
  regionID: z.string().nullish(),
});

/** The `returnObj` of a 900 `ebs.order.inProgress`: at least the order to poll. */
export const orderInProgress = z.looseObject({ masterOrderID: z.string().min(1) });

export const CreateEbs = defineOperation({
  name: "CreateEbs",
  service: "ebs",
  method: "POST",
  path: "/v4/ebs/new-ebs",
  input: z.object({
    clientToken: z.string(),
    regionID: z.string(),
    azName: z.string().optional(),
    projectID: z.string().optional(),
    diskName: z.string(),
    diskMode: z.enum(["VBD", "ISCSI", "FCSAN"]),
    diskType: z.enum(["SATA", "SAS", "SSD", "SSD-genric", "FAST-SSD"]),
    diskSize: z.number().int(),
    multiAttach: z.boolean(),
    onDemand: z.boolean(),
    cycleType: z.enum(["on_demand", "month", "year"]),
    cycleCount: z.number().int(),
  }),
  output: ordered.extend({
    resources: z.array(z.looseObject({ diskID: z.string() })).nullish(),
  }),
  idempotent: "clientToken",
});

export const diskAttachment = z.looseObject({
  instanceID: z.string(),
  attachmentID: z.string().nullish(),
  device: z.string().nullish(),
});

/** What info-ebs (and info-by-name-ebs, list-ebs items) return; optional fields per the API doc. */
export const diskRecord = z.looseObject({
  diskID: z.string(),
  diskName: z.string(),
  diskSize: z.number().int(),
  diskType: z.string(),
  diskMode: z.string(),
  diskStatus: z.string(),
  createTime: z.number().nullish(),
  updateTime: z.number().nullish(),
  expireTime: z.number().nullish(),
  isSystemVolume: z.boolean().nullish(),
  multiAttach: z.boolean().nullish(),
  isEncrypt: z.boolean().nullish(),
  kmsUUID: z.string().nullish(),
  onDemand: z.boolean().nullish(),
  cycleType: z.string().nullish(),
  cycleCount: z.number().int().nullish(),
  instanceID: z.string().nullish(),
  instanceName: z.string().nullish(),
  instanceStatus: z.string().nullish(),
  attachments: z.array(diskAttachment).nullish(),
  projectID: z.string().nullish(),
  regionID: z.string().nullish(),
  azName: z.string().nullish(),
  /** The snapshot the disk was made from (py v4_ebs_info_ebs `volumeSourceID`; `volumeSource` names it too). */
  volumeSourceID: z.string().nullish(),
  volumeSource: z.string().nullish(),
  /** The snapshot policy the disk follows (py v4_ebs_info_ebs, list-ebs). */
  snapshotPolicyID: z.string().nullish(),
});

export type DiskInfo = z.output<typeof diskRecord>;

export const ShowEbs = defineOperation({
  name: "ShowEbs",
  service: "ebs",
  method: "GET",
  path: "/v4/ebs/info-ebs",
  input: z.object({ regionID: z.string(), diskID: z.string() }),
  output: diskRecord,
  idempotent: true,
});

export const ShowEbsByName = defineOperation({
  name: "ShowEbsByName",
  service: "ebs",
  method: "GET",
  path: "/v4/ebs/info-by-name-ebs",
  input: z.object({ regionID: z.string(), diskName: z.string() }),
  output: diskRecord,
  idempotent: true,
});

export const ListEbs = defineOperation({
  name: "ListEbs",
  service: "ebs",
  method: "GET",
  path: "/v4/ebs/list-ebs",
  input: z.object({
    regionID: z.string(),
    pageNo: z.number().int().optional(),
    pageSize: z.number().int().optional(),
    diskStatus: z.string().optional(),
    azName: z.string().optional(),
    projectID: z.string().optional(),
    diskType: z.string().optional(),
    diskMode: z.string().optional(),
    // Strings "true"/"false" (py ctyunsdk_ebs20220909/models/v4_ebs_list_ebs.py), not booleans.
    multiAttach: z.enum(["true", "false"]).optional(),
    isSystemVolume: z.enum(["true", "false"]).optional(),
    isEncrypt: z.enum(["true", "false"]).optional(),
    queryContent: z.string().optional(),
  }),
  output: z.looseObject({
    diskList: z.array(diskRecord).nullish().transform((v) => v ?? []),
    totalCount: z.number().int().nullish(),
    currentCount: z.number().int().nullish(),
    totalPage: z.number().int().nullish(),
  }),
  idempotent: true,
});

export const UpdateEbsName = defineOperation({
  name: "UpdateEbsName",
  service: "ebs",
  method: "POST",
  path: "/v4/ebs/update-attr-ebs",
  input: z.object({ regionID: z.string(), diskID: z.string(), diskName: z.string() }),
  output: z.unknown(),
  // Sets an absolute value: repeating it is harmless.
  idempotent: true,
});

export const ResizeEbs = defineOperation({
  name: "ResizeEbs",
  service: "ebs",
  method: "POST",
  path: "/v4/ebs/resize-ebs",
  input: z.object({ regionID: z.string(), diskID: z.string(), diskSize: z.number().int(), clientToken: z.string() }),
  output: ordered,
  idempotent: "clientToken",
});

export const RefundEbs = defineOperation({
  name: "RefundEbs",
  service: "ebs",
  method: "POST",
  path: "/v4/ebs/refund-ebs",
  input: z.object({ regionID: z.string(), diskID: z.string(), clientToken: z.string() }),
  output: ordered.extend({ masterOrderID: z.string() }),
  idempotent: "clientToken",
});

const diskJob = z.looseObject({ diskJobID: z.string().nullish(), diskRequestID: z.string().nullish() }).transform((v, issue) => {
  const jobId = v.diskRequestID || v.diskJobID;
  if (!jobId) {
    issue.addIssue({ code: "custom", message: "neither diskJobID nor diskRequestID is set" });
    return z.NEVER;
  }
  return { jobId };
});

/**
 * Attach and detach carry no clientToken, but a repeat cannot double the effect: the cloud refuses
 * to attach a disk that is attaching or attached to that VM (and to detach one that is not
 * attached), and the handlers read the disk to tell such a refusal from a real failure.
 */
export const AttachEbs = defineOperation({
  name: "AttachEbs",
  service: "ebs",
  method: "POST",
  path: "/v4/ebs/attach-ebs",
  input: z.object({ regionID: z.string(), diskID: z.string(), instanceID: z.string() }),
  output: diskJob,
  idempotent: true,
});

export const DetachEbs = defineOperation({
  name: "DetachEbs",
  service: "ebs",
  method: "POST",
  path: "/v4/ebs/detach-ebs",
  input: z.object({ regionID: z.string(), diskID: z.string(), instanceID: z.string().optional() }),
  output: diskJob,
  idempotent: true,
});
