/**
 * Instance snapshot operations (host `ctecs`, api-notes/snapshot.md §3; TF and the Go SDK only, py
 * has none): create, details, list, status, rename, delete. A snapshot that does not exist is an
 * empty `results` for the reads (as TF detects absence).
 */
import { z } from "zod";
import type { EngineContext } from "../../engine/context";
import { defineRoute } from "../route";
import { optionalText, requiredId } from "../shared/fields";
import { paginate, readPaging } from "../shared/paging";
import type { RouteDefinition } from "../types";
import { InstanceSnapshotBackend } from "./backend";
import type { InstanceSnapshotRecord } from "./records";

function snapshotView(ctx: EngineContext, regionId: string, s: InstanceSnapshotRecord): Record<string, unknown> {
  const vm = ctx.backend("ecs").find(regionId, s.instanceID);
  const flavor = ctx.backend("catalog").flavor(regionId, s.flavorID);
  return {
    snapshotID: s.snapshotID,
    instanceID: s.instanceID,
    instanceName: s.instanceName,
    azName: s.azName,
    snapshotName: s.snapshotName,
    instanceStatus: vm?.instanceStatus ?? "",
    snapshotStatus: s.snapshotStatus,
    snapshotDescription: s.snapshotDescription,
    projectID: s.projectID,
    createdTime: s.createdTime,
    updatedTime: s.updatedTime,
    imageID: s.imageID,
    // MB (TF/SDK comment), from the flavor's GB.
    memory: (flavor?.flavorRAM ?? 0) * 1024,
    cpu: flavor?.flavorCPU ?? 0,
    flavorID: s.flavorID,
    members: s.members.map((m) => ({ ...m, diskSnapshotStatus: s.snapshotStatus })),
  };
}

const create = defineRoute({
  method: "POST", path: "/v4/ecs/snapshot/create", operation: "CreateInstanceSnapshot", service: "ctecs",
  input: z.object({ instanceID: requiredId, snapshotName: z.string({ error: "snapshotName is required" }) }),
  handle(ctx, { input, region }) {
    const { snapshot, jobID } = new InstanceSnapshotBackend(ctx).create(region.regionID, input.instanceID, input.snapshotName);
    return { jobID, snapshotStatus: snapshot.snapshotStatus, instanceID: snapshot.instanceID, instanceName: snapshot.instanceName, snapshotID: snapshot.snapshotID, projectID: snapshot.projectID, snapshotName: snapshot.snapshotName };
  },
});

const details = defineRoute({
  method: "GET", path: "/v4/ecs/snapshot/details", operation: "DescribeInstanceSnapshot", service: "ctecs",
  input: z.object({ snapshotID: requiredId }),
  handle(ctx, { input, region }) {
    const backend = new InstanceSnapshotBackend(ctx);
    backend.observe(region.regionID, [input.snapshotID]);
    const found = backend.find(region.regionID, input.snapshotID);
    return { results: found ? [snapshotView(ctx, region.regionID, found)] : [] };
  },
});

const list = defineRoute({
  method: "POST", path: "/v4/ecs/snapshot/list", operation: "ListInstanceSnapshots", service: "ctecs",
  input: z.object({ projectID: optionalText, instanceID: optionalText, snapshotStatus: optionalText, snapshotID: optionalText, queryContent: optionalText, snapshotName: optionalText }),
  handle(ctx, { input, region, params }) {
    const backend = new InstanceSnapshotBackend(ctx);
    backend.observe(region.regionID, backend.list(region.regionID, input).map((s) => s.snapshotID));
    const page = paginate(backend.list(region.regionID, input), readPaging(params));
    return { currentCount: page.currentCount, totalCount: page.totalCount, totalPage: page.totalPage, results: page.items.map((s) => snapshotView(ctx, region.regionID, s)) };
  },
});

const status = defineRoute({
  method: "GET", path: "/v4/ecs/snapshot/status", operation: "InstanceSnapshotStatus", service: "ctecs",
  input: z.object({ snapshotID: requiredId }),
  handle(ctx, { input, region }) {
    const backend = new InstanceSnapshotBackend(ctx);
    backend.observe(region.regionID, [input.snapshotID]);
    return { snapshotStatus: backend.require(region.regionID, input.snapshotID).snapshotStatus };
  },
});

const update = defineRoute({
  method: "POST", path: "/v4/ecs/snapshot/update", operation: "UpdateInstanceSnapshot", service: "ctecs",
  input: z.object({ snapshotID: requiredId, snapshotName: optionalText, snapshotDescription: optionalText }),
  handle(ctx, { input, region }) {
    new InstanceSnapshotBackend(ctx).update(region.regionID, input.snapshotID, input.snapshotName, input.snapshotDescription);
    return { snapshotID: input.snapshotID };
  },
});

const remove = defineRoute({
  method: "POST", path: "/v4/ecs/snapshot-delete", operation: "DeleteInstanceSnapshot", service: "ctecs",
  input: z.object({ snapshotID: requiredId }),
  handle(ctx, { input, region }) {
    new InstanceSnapshotBackend(ctx).delete(region.regionID, input.snapshotID);
    return { snapshotID: input.snapshotID };
  },
});

export const INSTANCE_SNAPSHOT_ROUTES: readonly RouteDefinition[] = [create, details, list, status, update, remove];
