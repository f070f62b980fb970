/**
 * Instance (ECS) snapshot operations (host `ctecs`, emulator/api-notes/snapshot.md §3). py
 * ctyunsdk_ecs20220909 has none: field names per the Go SDK (ctyun-sdk-endpoint/ctecs/ecs_*snapshot*.go)
 * and the Terraform provider's generated layer. No clientToken: names are unique per region (TF checks
 * by listing), so a repeated create is refused and the caller finds its snapshot by name. A snapshot
 * that does not exist is an empty `results`.
 */
import { z } from "zod";
import { defineOperation } from "../operation";

const text = z.string().nullish();

export const CreateInstanceSnapshot = defineOperation({
  name: "CreateInstanceSnapshot",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/snapshot/create",
  input: z.object({ regionID: z.string(), instanceID: z.string(), snapshotName: z.string() }),
  output: z.looseObject({ snapshotID: z.string(), jobID: text, snapshotStatus: text }),
  idempotent: true,
});

export const instanceSnapshotRecord = z.looseObject({
  snapshotID: z.string(),
  snapshotName: z.string(),
  snapshotStatus: z.string(),
  snapshotDescription: text,
  instanceID: z.string(),
  imageID: text,
  createdTime: text,
  members: z
    .array(z.looseObject({ diskID: z.string(), isBootable: z.boolean().nullish(), diskSize: z.number().int().nullish() }))
    .nullish()
    .transform((v) => v ?? []),
});

export type InstanceSnapshotInfo = z.output<typeof instanceSnapshotRecord>;

export const DescribeInstanceSnapshot = defineOperation({
  name: "DescribeInstanceSnapshot",
  service: "ctecs",
  method: "GET",
  path: "/v4/ecs/snapshot/details",
  input: z.object({ regionID: z.string(), snapshotID: z.string() }),
  output: z.looseObject({ results: z.array(instanceSnapshotRecord).nullish().transform((v) => v ?? []) }),
  idempotent: true,
});

export const ListInstanceSnapshots = defineOperation({
  name: "ListInstanceSnapshots",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/snapshot/list",
  input: z.object({
    regionID: z.string(),
    instanceID: z.string().optional(),
    snapshotName: z.string().optional(),
    snapshotStatus: z.string().optional(),
    pageNo: z.number().int().optional(),
    pageSize: z.number().int().max(50).optional(),
  }),
  output: z.looseObject({ results: z.array(instanceSnapshotRecord).nullish().transform((v) => v ?? []), totalCount: z.number().int().nullish() }),
  idempotent: true,
});

export const UpdateInstanceSnapshot = defineOperation({
  name: "UpdateInstanceSnapshot",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/snapshot/update",
  input: z.object({ regionID: z.string(), snapshotID: z.string(), snapshotName: z.string().optional(), snapshotDescription: z.string().optional() }),
  output: z.unknown(),
  idempotent: true,
});

export const DeleteInstanceSnapshot = defineOperation({
  name: "DeleteInstanceSnapshot",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/snapshot-delete",
  input: z.object({ regionID: z.string(), snapshotID: z.string() }),
  output: z.unknown(),
  idempotent: true,
});
