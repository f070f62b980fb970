/**
 * A data disk made from a snapshot (`POST /v4/ebs/new-from-snapshot-ebs-snap`, api-notes/snapshot.md
 * §1.2): a billing order answered like new-ebs (800, or 900 `ebs.order.inProgress`).
 */
import { z } from "zod";
import { defineRoute } from "../route";
import type { RouteDefinition } from "../types";
import { answer, createAnswer, requireSuccessOrPending, type OrderAnswer } from "./order-answers";
import { DiskOrders } from "./orders";

const optionalBool = z.boolean().nullish();

const newFromSnapshot = defineRoute({
  method: "POST", path: "/v4/ebs/new-from-snapshot-ebs-snap", operation: "CreateEbsFromSnapshot", service: "ebs",
  input: z.object({
    snapshotID: z.string({ error: "snapshotID is required" }).min(1, "snapshotID is required"),
    diskMode: z.string({ error: "diskMode is required" }),
    diskName: z.string({ error: "diskName is required" }),
    diskSize: z.number({ error: "diskSize must be a number" }),
    clientToken: z.string().max(64, "clientToken must be at most 64 characters").optional(),
    multiAttach: optionalBool,
    projectID: z.string().optional(),
    onDemand: optionalBool,
    cycleType: z.string().optional(),
    cycleCount: z.number({ error: "cycleCount must be a number" }).optional(),
  }),
  handle: (ctx, { input, region }) =>
    answer(
      ctx.idempotent((): OrderAnswer => {
        const outcome = new DiskOrders(ctx).createFromSnapshot(region, {
          snapshotID: input.snapshotID,
          diskName: input.diskName,
          diskMode: input.diskMode,
          diskSize: input.diskSize,
          onDemand: input.onDemand ?? true,
          cycleType: input.cycleType,
          cycleCount: input.cycleCount,
          projectID: input.projectID,
          multiAttach: input.multiAttach ?? false,
        });
        requireSuccessOrPending(ctx, outcome.order);
        return { inProgress: !outcome.finished, returnObj: createAnswer(ctx, region, outcome) };
      }),
    ),
});

export const FROM_SNAPSHOT_ROUTES: readonly RouteDefinition[] = [newFromSnapshot];
