/**
 * EBS operations (spec D.8, D.9, host `ebs`): parse the request, ask the backend, shape the answer
 * with the JSON types the CTyun clients decode into (spec C.3: epoch-ms times, integer sizes,
 * boolean flags, upper-case type/mode, lower-case cycleType).
 */
import { z } from "zod";
import { InvalidParameterError } from "../../errors";
import { defineRoute } from "../route";
import { flag } from "../shared/fields";
import { listResult, paginate, readPaging } from "../shared/paging";
import type { RouteDefinition } from "../types";
import { DiskAttachments } from "./attachments";
import { EbsBackend } from "./backend";
import { answer, createAnswer, requireSuccessOrPending, type OrderAnswer } from "./order-answers";
import { DiskOrders } from "./orders";
import { diskView } from "./views";

/** list-ebs doc: "默认为10，最大值为300". */
export const LIST_MAX_PAGE_SIZE = 300;

/** Go `*bool` fields without omitempty arrive as `null` when unset. */
const optionalBool = z.boolean().nullish();
const optionalText = z.string().optional();
const diskID = z.string({ error: "diskID is required" }).min(1, "diskID is required");

const newEbsSchema = z.object({
  clientToken: z.string().max(64, "clientToken must be at most 64 characters").optional(),
  diskName: z.string({ error: "diskName is required" }),
  diskMode: z.string({ error: "diskMode is required" }),
  diskType: z.string({ error: "diskType is required" }),
  diskSize: z.number({ error: "diskSize must be a number" }),
  azName: optionalText,
  onDemand: optionalBool,
  cycleType: optionalText,
  cycleCount: z.number({ error: "cycleCount must be a number" }).optional(),
  projectID: optionalText,
  multiAttach: optionalBool,
  isEncrypt: optionalBool,
  kmsUUID: optionalText,
  deleteSnapWithEbs: optionalBool,
  labels: z
    .array(
      z.object({
        key: z.string().min(1, "label keys must not be empty").max(32, "label keys must be at most 32 characters"),
        value: z.string().max(32, "label values must be at most 32 characters"),
      }),
    )
    .max(10, "at most 10 labels")
    .nullish(),
  imageID: optionalText,
  backupID: optionalText,
  provisionedIops: z.number().optional(),
});

const diskRefSchema = z.object({ diskID });
const renameSchema = diskRefSchema.extend({ diskName: z.string({ error: "diskName is required" }) });
const resizeSchema = diskRefSchema.extend({
  diskSize: z.number({ error: "diskSize must be a number" }),
  clientToken: z.string().max(64, "clientToken must be at most 64 characters").optional(),
});
const refundSchema = diskRefSchema.extend({
  clientToken: z.string().max(64, "clientToken must be at most 64 characters").optional(),
  deleteSnapWithEbs: optionalBool,
});
const attachSchema = diskRefSchema.extend({ instanceID: z.string({ error: "instanceID is required" }).min(1, "instanceID is required") });
const detachSchema = diskRefSchema.extend({ instanceID: z.string().nullish() });

const listSchema = z.object({
  diskStatus: optionalText,
  azName: optionalText,
  projectID: optionalText,
  diskType: optionalText,
  diskMode: optionalText,
  multiAttach: flag,
  isSystemVolume: flag,
  isEncrypt: flag,
  queryContent: optionalText,
});



const createEbs = defineRoute({
  method: "POST", path: "/v4/ebs/new-ebs", operation: "CreateEbs", service: "ebs",
  input: newEbsSchema,
  handle(ctx, { input, region }) {
    if (input.imageID) throw new InvalidParameterError("imageID (a disk from an image) is not supported by the emulator");
    if (input.backupID) throw new InvalidParameterError("backupID (a disk from a backup) is not supported by the emulator");
    if (input.provisionedIops) throw new InvalidParameterError("provisionedIops is only for XSSD disk types");
    return answer(
      ctx.idempotent((): OrderAnswer => {
        const outcome = new DiskOrders(ctx).create(region, {
          diskName: input.diskName,
          diskMode: input.diskMode,
          diskType: input.diskType,
          diskSize: input.diskSize,
          azName: input.azName,
          onDemand: input.onDemand ?? true,
          cycleType: input.cycleType,
          cycleCount: input.cycleCount,
          projectID: input.projectID,
          multiAttach: input.multiAttach ?? false,
          isEncrypt: input.isEncrypt ?? false,
          kmsUUID: input.kmsUUID,
          labels: input.labels ?? [],
        });
        requireSuccessOrPending(ctx, outcome.order);
        return { inProgress: !outcome.finished, returnObj: createAnswer(ctx, region, outcome) };
      }),
    );
  },
});


const showEbs = defineRoute({
  method: "GET", path: "/v4/ebs/info-ebs", operation: "ShowEbs", service: "ebs", region: "optional",
  input: diskRefSchema,
  handle(ctx, { input, region }) {
    const backend = new EbsBackend(ctx);
    const located = backend.find(region?.regionID, input.diskID);
    backend.observe(located.regionId, input.diskID);
    return diskView(ctx, located.regionId, backend.find(located.regionId, input.diskID).disk);
  },
});

const showEbsByName = defineRoute({
  method: "GET", path: "/v4/ebs/info-by-name-ebs", operation: "ShowEbsByName", service: "ebs",
  input: z.object({ diskName: z.string({ error: "diskName is required" }).min(1, "diskName is required") }),
  handle(ctx, { input, region }) {
    const backend = new EbsBackend(ctx);
    const found = backend.byName(region, input.diskName);
    backend.observe(region.regionID, found.diskID);
    return diskView(ctx, region.regionID, backend.find(region.regionID, found.diskID).disk);
  },
});

const listEbs = defineRoute({
  method: "GET", path: "/v4/ebs/list-ebs", operation: "ListEbs", service: "ebs",
  input: listSchema,
  handle(ctx, { input, region, params }) {
    const page = paginate(new EbsBackend(ctx).list(region, input), readPaging(params, { maxPageSize: LIST_MAX_PAGE_SIZE }));
    return {
      ...listResult("diskList", page, (disk) => diskView(ctx, region.regionID, disk)),
      diskTotal: page.totalCount,
      // Token paging (maxResults/nextToken, py v4_ebs_list_ebs) is not emulated: no next token.
      nextToken: null,
    };
  },
});

const updateEbsName = defineRoute({
  method: "POST", path: "/v4/ebs/update-attr-ebs", operation: "UpdateEbsName", service: "ebs", region: "optional",
  input: renameSchema,
  handle(ctx, { input, region }) {
    const backend = new EbsBackend(ctx);
    backend.rename(backend.find(region?.regionID, input.diskID), input.diskName);
    return null;
  },
});

const resizeEbs = defineRoute({
  method: "POST", path: "/v4/ebs/resize-ebs", operation: "ResizeEbs", service: "ebs", region: "optional",
  input: resizeSchema,
  handle: (ctx, { input, region }) =>
    answer(
      ctx.idempotent((): OrderAnswer => {
        const backend = new EbsBackend(ctx);
        const outcome = new DiskOrders(ctx).resize(backend.find(region?.regionID, input.diskID), input.diskSize);
        requireSuccessOrPending(ctx, outcome.order);
        const { masterOrderID, masterOrderNO } = outcome.order;
        // py v4_ebs_resize_ebs declares regionID and masterResourceStatus as well ("started" as new-ebs, invented).
        const regionID = backend.find(region?.regionID, input.diskID).regionId;
        return { inProgress: !outcome.finished, returnObj: { masterOrderID, masterOrderNO, masterResourceID: outcome.diskID, regionID, masterResourceStatus: outcome.finished ? "started" : "starting" } };
      }),
    ),
});

const refundEbs = defineRoute({
  method: "POST", path: "/v4/ebs/refund-ebs", operation: "RefundEbs", service: "ebs", region: "optional",
  input: refundSchema,
  handle(ctx, { input, region }) {
    if (input.deleteSnapWithEbs === false) throw new InvalidParameterError("deleteSnapWithEbs can only be true (or omitted)");
    return ctx.idempotent(() => {
      const backend = new EbsBackend(ctx);
      const located = backend.find(region?.regionID, input.diskID);
      const { masterOrderID, masterOrderNO } = new DiskOrders(ctx).refund(located);
      return { masterOrderID, masterOrderNO, regionID: located.regionId };
    });
  },
});

const attachEbs = defineRoute({
  method: "POST", path: "/v4/ebs/attach-ebs", operation: "AttachEbs", service: "ebs", region: "optional",
  input: attachSchema,
  handle(ctx, { input, region }) {
    const backend = new EbsBackend(ctx);
    const jobID = new DiskAttachments(ctx).attach(backend.find(region?.regionID, input.diskID), input.instanceID);
    // diskJobID is the documented (deprecated) name, diskRequestID its successor: the same job.
    return { diskJobID: jobID, diskRequestID: jobID };
  },
});

const detachEbs = defineRoute({
  method: "POST", path: "/v4/ebs/detach-ebs", operation: "DetachEbs", service: "ebs", region: "optional",
  input: detachSchema,
  handle(ctx, { input, region }) {
    const backend = new EbsBackend(ctx);
    const jobID = new DiskAttachments(ctx).detach(backend.find(region?.regionID, input.diskID), input.instanceID ?? undefined);
    return { diskJobID: jobID, diskRequestID: jobID };
  },
});

export const EBS_ROUTES: readonly RouteDefinition[] = [createEbs, showEbs, showEbsByName, listEbs, updateEbsName, resizeEbs, refundEbs, attachEbs, detachEbs];
