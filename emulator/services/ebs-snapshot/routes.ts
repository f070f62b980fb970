/**
 * Disk snapshot operations (host `ebs`, api-notes/snapshot.md §1): create (order or job), list,
 * delete (job, or the refund order). Answers carry every field py ctyunsdk_ebs20220909 declares.
 */
import { z } from "zod";
import { EmulatorError, InvalidParameterError } from "../../errors";
import { defineRoute } from "../route";
import { flag, optionalText, requiredId } from "../shared/fields";
import type { OperationContext, RouteDefinition } from "../types";
import { EbsSnapshotBackend } from "./backend";
import { SnapshotPolicies } from "./policies";
import { MAX_RESULTS } from "./rules";
import { DiskSnapshots, type CreateOutcome } from "./snapshots";
import { snapshotBytes, snapshotView } from "./views";

/** The documented 900 that is not a failure: the order was placed and provisions (TF common.EbsOrderInProgress). */
const ORDER_IN_PROGRESS = "ebs.order.inProgress";
/** The documented billing failure code (spec C.1). */
const ORDER_FAILED = "Ebs.Order.ProcFailed";

/**
 * The job path's answer, thrown out of `ctx.idempotent` so it is not recorded: the create's
 * clientToken guarantees idempotency only for the order path (py v4_ebs_snapshot_create_ebs_snap.py).
 */
class UnrecordedAnswer {
  constructor(readonly returnObj: Record<string, unknown>) {}
}

const createSchema = z.object({
  snapshotName: z.string({ error: "snapshotName is required" }),
  diskID: requiredId,
  retentionPolicy: z.string({ error: "retentionPolicy is required" }),
  retentionTime: z.number({ error: "retentionTime must be a number" }).int().optional(),
  clientToken: z.string().max(64).optional(),
});

function createAnswer(ctx: OperationContext, regionID: string, name: string, outcome: CreateOutcome): { inProgress: boolean; returnObj: Record<string, unknown> } {
  if (outcome.path === "job") {
    return {
      inProgress: false,
      returnObj: {
        snapshotJobID: outcome.jobID,
        regionID,
        // Inferred: the job path names the snapshot in resources too (TF reads the job's ID instead).
        resources: [{ orderID: null, resourceType: "EBS", snapshotName: name, snapshotID: outcome.snapshotID }],
        masterOrderID: null, masterOrderNO: null, orderConfig: null, cycleType: null, masterResourceID: null, masterResourceStatus: null,
      },
    };
  }
  const { masterOrderID, masterOrderNO } = outcome.order;
  const record = ctx.orders.get(masterOrderID);
  if (record?.status === "5") {
    throw new EmulatorError(ORDER_FAILED, `order ${masterOrderID} failed: ${record.failureReason ?? "unknown reason"}`, { description: "订单处理失败", returnObj: { masterOrderID } });
  }
  const resource = { orderID: masterOrderID, resourceType: "EBS", snapshotName: name, ...(outcome.finished ? { snapshotID: outcome.snapshotID } : {}) };
  const common = { masterOrderID, masterOrderNO, regionID, resources: [resource], snapshotJobID: null, orderConfig: null, cycleType: "ON_DEMAND" };
  return outcome.finished
    ? { inProgress: false, returnObj: { ...common, masterResourceID: outcome.snapshotID, masterResourceStatus: "started" } }
    : { inProgress: true, returnObj: { ...common, masterResourceID: null, masterResourceStatus: "starting" } };
}

const createSnapshot = defineRoute({
  method: "POST", path: "/v4/ebs_snapshot/create-ebs-snap", operation: "CreateEbsSnap", service: "ebs",
  input: createSchema,
  handle(ctx, { input, region }) {
    let answer: { inProgress: boolean; returnObj: Record<string, unknown> };
    try {
      answer = ctx.idempotent(() => {
        const outcome = new DiskSnapshots(ctx).create(region.regionID, input);
        const shaped = createAnswer(ctx, region.regionID, input.snapshotName, outcome);
        if (outcome.path === "job") throw new UnrecordedAnswer(shaped.returnObj);
        return shaped;
      });
    } catch (error) {
      if (error instanceof UnrecordedAnswer) return error.returnObj;
      throw error;
    }
    if (!answer.inProgress) return answer.returnObj;
    throw new EmulatorError(ORDER_IN_PROGRESS, `order ${String(answer.returnObj["masterOrderID"])} opens the snapshot service of the disk; poll it with masterOrderID`, {
      description: "订单处理中，请使用masterOrderID查询订单状态",
      returnObj: answer.returnObj,
      commitState: true,
    });
  },
});

const listSnapshots = defineRoute({
  method: "GET", path: "/v4/ebs_snapshot/list-ebs-snap", operation: "ListEbsSnap", service: "ebs",
  input: z.object({
    diskID: optionalText, snapshotID: optionalText, snapshotName: optionalText, snapshotStatus: optionalText,
    snapshotType: optionalText, volumeAttr: optionalText, retentionPolicy: optionalText,
    maxResults: z.union([z.number(), z.string().regex(/^\d+$/, "maxResults must be an integer")]).optional(),
    nextToken: optionalText,
  }),
  handle(ctx, { input, region }) {
    const regionId = region.regionID;
    new SnapshotPolicies(ctx).runSchedules(regionId);
    const backend = new EbsSnapshotBackend(ctx);
    backend.observe(regionId, backend.list(regionId, input).map((s) => s.snapshotID));
    const all = backend.list(regionId, input);
    // Token paging only when maxResults or nextToken is given (py doc); otherwise every snapshot.
    const max = input.maxResults === undefined || input.maxResults === "" ? undefined : Number(input.maxResults);
    const paged = max !== undefined || (input.nextToken ?? "") !== "";
    if (max !== undefined && (max < 1 || max > MAX_RESULTS)) throw new InvalidParameterError(`maxResults must be 1-${MAX_RESULTS}`);
    const start = paged && input.nextToken ? Math.max(0, all.findIndex((s) => s.snapshotID === input.nextToken)) : 0;
    const rows = paged ? all.slice(start, start + (max ?? 10)) : all;
    const next = paged ? all[start + rows.length] : undefined;
    return {
      snapshotTotal: all.length,
      snapshotSize: all.reduce((sum, s) => sum + snapshotBytes(s), 0),
      snapshotList: rows.map((s) => snapshotView(ctx, regionId, s)),
      snapshotManuTotal: input.diskID ? all.filter((s) => s.snapshotType === "manu").length : null,
      nextToken: next?.snapshotID ?? null,
    };
  },
});

const deleteSnapshots = defineRoute({
  method: "POST", path: "/v4/ebs_snapshot/delete-ebs-snap", operation: "DeleteEbsSnap", service: "ebs",
  input: z.object({ diskID: requiredId, snapshotIDs: z.array(z.string()).default([]), refundOrder: flag }),
  handle(ctx, { input, region }) {
    const snapshots = new DiskSnapshots(ctx);
    if (input.refundOrder === true) {
      ctx.backend("ebs").find(region.regionID, input.diskID);
      const { masterOrderID, masterOrderNO } = snapshots.refund(region.regionID, input.diskID);
      return { masterOrderID, masterOrderNO, regionID: region.regionID, snapshotJobID: null, notAllowedList: null, notFoundList: null };
    }
    if (input.snapshotIDs.length === 0) throw new InvalidParameterError("snapshotIDs must list at least one snapshot unless refundOrder is true");
    const outcome = snapshots.delete(region.regionID, input.diskID, input.snapshotIDs);
    return { snapshotJobID: outcome.jobID, notAllowedList: outcome.notAllowed, notFoundList: outcome.notFound, masterOrderID: null, masterOrderNO: null, regionID: null };
  },
});

export const SNAPSHOT_ROUTES: readonly RouteDefinition[] = [createSnapshot, listSnapshots, deleteSnapshots];
