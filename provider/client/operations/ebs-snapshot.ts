/**
 * EBS snapshot and snapshot-policy operations (host `ebs`, emulator/api-notes/snapshot.md). Field
 * names and required-ness as py ctyunsdk_ebs20220909 declares them
 * (test/conformance/operation-definitions.spec.ts compares them).
 *
 * create-ebs-snap answers a disk's first snapshot with 900 `ebs.order.inProgress` and the order to
 * poll, later ones with 800 and `snapshotJobID`. Its clientToken guarantees idempotency only on the
 * order path; on the job path a repeat is refused because the name is taken, which the caller
 * recognises by listing the name. The policy calls carry no clientToken: a repeated create is
 * refused by the taken name the same way; the other calls set absolute values.
 */
import { z } from "zod";
import { defineOperation } from "../operation";

const text = z.string().nullish();
const integer = z.number().int().nullish();

export const CreateEbsSnap = defineOperation({
  name: "CreateEbsSnap",
  service: "ebs",
  method: "POST",
  path: "/v4/ebs_snapshot/create-ebs-snap",
  input: z.object({
    regionID: z.string(),
    snapshotName: z.string(),
    diskID: z.string(),
    retentionPolicy: z.enum(["custom", "forever"]),
    retentionTime: z.number().int().optional(),
    clientToken: z.string(),
  }),
  output: z.looseObject({
    masterOrderID: text,
    snapshotJobID: text,
    resources: z.array(z.looseObject({ snapshotID: text, orderID: text })).nullish(),
  }),
  idempotent: "clientToken",
});

export const snapshotRecord = z.looseObject({
  snapshotID: z.string(),
  snapshotName: z.string(),
  snapshotStatus: z.string(),
  diskID: z.string(),
  azName: text,
  retentionPolicy: text,
  retentionTime: integer,
  snapshotType: text,
  volumeAttr: text,
  volumeName: text,
  volumeType: text,
  volumeSize: integer,
  createTime: text,
  expireTime: text,
});

export type SnapshotInfo = z.output<typeof snapshotRecord>;

/** Every matching snapshot unless `maxResults`/`nextToken` ask for token paging. */
export const ListEbsSnap = defineOperation({
  name: "ListEbsSnap",
  service: "ebs",
  method: "GET",
  path: "/v4/ebs_snapshot/list-ebs-snap",
  input: z.object({
    regionID: z.string(),
    diskID: z.string().optional(),
    snapshotID: z.string().optional(),
    snapshotName: z.string().optional(),
    snapshotStatus: z.string().optional(),
    snapshotType: z.enum(["manu", "timer"]).optional(),
    maxResults: z.number().int().min(1).max(1000).optional(),
    nextToken: z.string().optional(),
  }),
  output: z.looseObject({
    snapshotTotal: integer,
    snapshotList: z.array(snapshotRecord).nullish().transform((v) => v ?? []),
    nextToken: text,
  }),
  idempotent: true,
});

/** Deleting a snapshot twice is harmless: the second call reports it not allowed (deleting) or not found. */
export const DeleteEbsSnap = defineOperation({
  name: "DeleteEbsSnap",
  service: "ebs",
  method: "POST",
  path: "/v4/ebs_snapshot/delete-ebs-snap",
  input: z.object({ regionID: z.string(), diskID: z.string(), snapshotIDs: z.array(z.string()), refundOrder: z.boolean() }),
  output: z.looseObject({
    snapshotJobID: text,
    notAllowedList: z.array(z.string()).nullish().transform((v) => v ?? []),
    notFoundList: z.array(z.string()).nullish().transform((v) => v ?? []),
  }),
  idempotent: true,
});

/** A data disk made from a snapshot: answered like new-ebs (800 with the disk, or 900 ebs.order.inProgress). */
export const CreateEbsFromSnapshot = defineOperation({
  name: "CreateEbsFromSnapshot",
  service: "ebs",
  method: "POST",
  path: "/v4/ebs/new-from-snapshot-ebs-snap",
  input: z.object({
    clientToken: z.string(),
    regionID: z.string(),
    snapshotID: z.string(),
    diskMode: z.enum(["VBD"]),
    diskName: z.string(),
    diskSize: z.number().int(),
    multiAttach: z.boolean(),
    projectID: z.string().optional(),
    onDemand: z.boolean(),
    cycleType: z.enum(["month", "year"]).optional(),
    cycleCount: z.number().int().optional(),
  }),
  output: z.looseObject({
    masterOrderID: text,
    resources: z.array(z.looseObject({ diskID: z.string() })).nullish(),
  }),
  idempotent: "clientToken",
});

const policyResult = z.looseObject({ snapshotPolicyJobResult: text });

export const CreateSnapshotPolicy = defineOperation({
  name: "CreateSnapshotPolicy",
  service: "ebs",
  method: "POST",
  path: "/v4/ebs_snapshot/create-policy-ebs-snap",
  input: z.object({
    regionID: z.string(),
    snapshotPolicyName: z.string(),
    repeatWeekdays: z.string(),
    repeatTimes: z.string(),
    retentionTime: z.number().int(),
    isEnabled: z.boolean(),
    projectID: z.string().optional(),
  }),
  output: policyResult.extend({ snapshotPolicyID: z.string() }),
  idempotent: true,
});

export const policyRecord = z.looseObject({
  snapshotPolicyID: z.string(),
  snapshotPolicyName: z.string(),
  snapshotPolicyStatus: z.string(),
  repeatWeekdays: z.string(),
  repeatTimes: z.string(),
  retentionTime: z.number().int(),
  projectID: text,
  boundDiskNum: integer,
  snapshotPolicyCreateTime: text,
});

export type SnapshotPolicyInfo = z.output<typeof policyRecord>;

export const QuerySnapshotPolicy = defineOperation({
  name: "QuerySnapshotPolicy",
  service: "ebs",
  method: "GET",
  path: "/v4/ebs_snapshot/query-policy-ebs-snap",
  input: z.object({ regionID: z.string(), snapshotPolicyID: z.string().optional(), snapshotPolicyName: z.string().optional() }),
  output: z.looseObject({
    snapshotPolicyTotalCount: integer,
    snapshotPolicyList: z.array(policyRecord).nullish().transform((v) => v ?? []),
  }),
  idempotent: true,
});

export const ModifySnapshotPolicy = defineOperation({
  name: "ModifySnapshotPolicy",
  service: "ebs",
  method: "POST",
  path: "/v4/ebs_snapshot/modify-policy-ebs-snap",
  input: z.object({
    regionID: z.string(),
    snapshotPolicyID: z.string(),
    snapshotPolicyName: z.string().optional(),
    repeatWeekdays: z.string().optional(),
    repeatTimes: z.string().optional(),
    retentionTime: z.number().int().optional(),
  }),
  output: policyResult,
  idempotent: true,
});

export const ModifySnapshotPolicyStatus = defineOperation({
  name: "ModifySnapshotPolicyStatus",
  service: "ebs",
  method: "POST",
  path: "/v4/ebs_snapshot/modify-policy-status-ebs-snap",
  input: z.object({ regionID: z.string(), snapshotPolicyID: z.string(), targetStatus: z.enum(["activated", "nonactivated"]) }),
  output: policyResult,
  idempotent: true,
});

export const DeleteSnapshotPolicy = defineOperation({
  name: "DeleteSnapshotPolicy",
  service: "ebs",
  method: "POST",
  path: "/v4/ebs_snapshot/delete-policy-ebs-snap",
  input: z.object({ regionID: z.string(), snapshotPolicyID: z.string() }),
  output: policyResult,
  idempotent: true,
});

export const ApplySnapshotPolicy = defineOperation({
  name: "ApplySnapshotPolicy",
  service: "ebs",
  method: "POST",
  path: "/v4/ebs_snapshot/apply-policy-ebs-snap",
  input: z.object({ regionID: z.string(), snapshotPolicyID: z.string(), targetDiskIDs: z.string() }),
  output: policyResult,
  idempotent: true,
});

export const CancelSnapshotPolicy = defineOperation({
  name: "CancelSnapshotPolicy",
  service: "ebs",
  method: "POST",
  path: "/v4/ebs_snapshot/cancel-policy-ebs-snap",
  input: z.object({ regionID: z.string(), targetDiskIDs: z.string() }),
  output: policyResult,
  idempotent: true,
});
