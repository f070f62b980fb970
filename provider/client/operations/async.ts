/** Order and job queries (ECS host), used by every billed or asynchronous operation. */
import { z } from "zod";
import { defineOperation } from "../operation";

/** `GET /v4/ecs/order/query-uuid`: no region, orders are global. `orderStatus` is a string ("3", "14"). */
export const QueryOrder = defineOperation({
  name: "QueryOrder",
  service: "ctecs",
  method: "GET",
  path: "/v4/ecs/order/query-uuid",
  input: z.object({ masterOrderID: z.string().min(1) }),
  output: z.looseObject({
    orderStatus: z.union([z.string(), z.number()]).transform(String),
    instanceIDList: z.array(z.string()).nullish().transform((v) => v ?? []),
  }),
  idempotent: true,
});

/** `GET /v4/job/info`: `status` 0 executing, 1 success, 2 failure. */
export const QueryJob = defineOperation({
  name: "QueryJob",
  service: "ctecs",
  method: "GET",
  path: "/v4/job/info",
  input: z.object({ jobID: z.string().min(1), regionID: z.string().min(1) }),
  output: z.looseObject({
    jobID: z.string(),
    status: z.number().int(),
    jobStatus: z.string().optional(),
    resourceId: z.string().nullish(),
    fields: z.record(z.string(), z.string()).nullish(),
  }),
  idempotent: true,
});
