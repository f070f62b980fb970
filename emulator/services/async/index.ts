/**
 * The async-work query APIs every billed or long-running operation relies on (spec C.5): order
 * polling on the ECS host (no regionID: orders are found by id alone) and the job status API.
 */
import { z } from "zod";
import { NotFoundError } from "../../errors";
import { JOB_STATUS, JOB_STATUS_TEXT, type JobRecord } from "../../engine/jobs";
import { ORDER_STATUS, type OrderRecord } from "../../engine/orders";
import { defineRoute } from "../route";
import type { OperationContext, ServiceRegistrar } from "../types";

export function register(api: ServiceRegistrar): void {
  api.route(queryOrderUuid);
  api.route(queryOrderResourceUuid);
  api.route(queryJobInfo);
}

/** Invented code: the real answer for an unknown order id is not documented. */
export const ORDER_NOT_FOUND_CODE = "Openapi.Order.NotFound";

const orderIdSchema = z.string({ error: "masterOrderID is required" }).regex(/^[0-9a-zA-Z-]{1,64}$/, "masterOrderID is malformed");

function pollOrder(ctx: OperationContext, masterOrderID: string): OrderRecord {
  const order = ctx.orders.poll(masterOrderID);
  if (!order) throw new NotFoundError(ORDER_NOT_FOUND_CODE, `order ${masterOrderID} does not exist`, { description: "订单不存在" });
  return order;
}

/** Ids are reported once the order finished: TF takes `instanceIDList[0]` as the new resource id. */
function finishedIds(order: OrderRecord): string[] {
  return order.status === ORDER_STATUS.finished ? [...order.resourceIds] : [];
}

const queryOrderUuid = defineRoute({
  method: "GET", path: "/v4/ecs/order/query-uuid", operation: "QueryOrderUuid", service: "ctecs", region: "none",
  input: z.object({ masterOrderID: orderIdSchema }),
  handle(ctx, { input }) {
    const order = pollOrder(ctx, input.masterOrderID);
    // orderStatus must be a JSON string: TF does strconv.Atoi on it (spec C.3).
    return { orderStatus: order.status, instanceIDList: finishedIds(order) };
  },
});

const queryOrderResourceUuid = defineRoute({
  method: "GET", path: "/v4/order/query-uuid", operation: "QueryOrderResourceUuid", service: "ctecs", region: "none",
  // `masterOrderId` as documented; `masterOrderID` as on the ECS variant.
  input: z.preprocess((params) => ({ masterOrderId: (params as Record<string, unknown>)["masterOrderId"] ?? (params as Record<string, unknown>)["masterOrderID"] }), z.object({ masterOrderId: orderIdSchema })),
  handle(ctx, { input }) {
    const order = pollOrder(ctx, input.masterOrderId);
    // TF internal/core/ctecs/ctecs_query_order_uuid_v41_api.go reads resourceUuid, py v4_order_query_uuid
    // declares resourceUUID: both spellings (api-notes/async.md).
    return { orderStatus: order.status, resourceType: order.resourceType, resourceUuid: finishedIds(order), resourceUUID: finishedIds(order) };
  },
});

/**
 * Always 800 (spec C.5): TF dereferences nil on any error from job/info. An unknown job reads as a
 * failed job with `fields.failReason` explaining why.
 */
const queryJobInfo = defineRoute({
  // The region is only where to look: never an error here.
  method: "GET", path: "/v4/job/info", operation: "QueryJobInfo", service: "ctecs", region: "none",
  input: z.object({ jobID: z.string().default(""), regionID: z.string().default("") }),
  handle(ctx, { input: { jobID, regionID } }) {
    const job = jobID === "" ? undefined : ctx.jobs.poll(regionID, jobID);
    if (!job) {
      return { jobID, status: JOB_STATUS.fail, jobStatus: JOB_STATUS_TEXT[JOB_STATUS.fail], resourceId: "", fields: { taskName: "", failReason: `job ${jobID} not found in region ${regionID}` }, ID: jobID };
    }
    return jobInfo(job);
  },
});

export function jobInfo(job: JobRecord): unknown {
  const fields: Record<string, string> = { taskName: job.taskName };
  if (job.failureReason !== null) fields["failReason"] = job.failureReason;
  return { jobID: job.jobID, status: job.status, jobStatus: JOB_STATUS_TEXT[job.status], resourceId: job.resourceId, fields, ID: job.reportedId ?? job.jobID };
}
