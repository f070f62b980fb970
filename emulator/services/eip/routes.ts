/**
 * EIP operations (spec D.5, D.6; ctvpc host): parse the request, ask the backend, shape the
 * returnObj with the JSON types CTyun clients decode into (spec C.3: `bandwidth` an integer, `tags`
 * a string, `expiredAt` RFC 3339 or null, `status` upper-case).
 */
import { z } from "zod";
import { defineRoute } from "../route";
import { listResult, readPaging } from "../shared/paging";
import type { RouteDefinition } from "../types";
import { EipBackend } from "./backend";
import { EipOrders } from "./orders";
import type { EipRecord } from "./records";
import { CYCLE_TYPES, DEMAND_BILLING_TYPES, LINE_TYPES, MAX_BANDWIDTH, MIN_BANDWIDTH } from "./rules";

const STATUSES: readonly EipRecord["status"][] = ["ACTIVE", "DOWN", "ERROR", "UPDATING", "BANDING_OR_UNBANGDING", "DELETING", "DELETED", "EXPIRED"];

const clientToken = z.string({ error: "must be a string of 1-64 characters" }).min(1, "must be 1-64 characters").max(64, "must be 1-64 characters");
const requiredToken = z.string({ error: "is required (1-64 characters)" }).min(1, "is required (1-64 characters)").max(64, "must be 1-64 characters");
const eipID = z.string({ error: "is required" }).min(1, "is required");
const projectID = z.string({ error: "must be a string" }).optional();
const name = z.string({ error: "is required" });
const bandwidth = z
  .number({ error: `must be an integer from ${MIN_BANDWIDTH} to ${MAX_BANDWIDTH}` })
  .int(`must be an integer from ${MIN_BANDWIDTH} to ${MAX_BANDWIDTH}`)
  .min(MIN_BANDWIDTH, `must be an integer from ${MIN_BANDWIDTH} to ${MAX_BANDWIDTH}`)
  .max(MAX_BANDWIDTH, `must be an integer from ${MIN_BANDWIDTH} to ${MAX_BANDWIDTH}`);

const createSchema = z.object({
  clientToken: requiredToken,
  projectID,
  cycleType: z.enum(CYCLE_TYPES as [string, ...string[]], { error: "must be month, year or on_demand" }),
  cycleCount: z.number({ error: "must be an integer" }).int("must be an integer").optional(),
  name,
  bandwidth: bandwidth.optional(),
  bandwidthID: z.string().optional(),
  demandBillingType: z.enum(DEMAND_BILLING_TYPES, { error: "must be bandwidth or upflowc" }).optional(),
  payVoucherPrice: z.string({ error: "must be a decimal string" }).regex(/^\d+(\.\d{1,2})?$/, "must be a decimal with at most two fraction digits").optional(),
  lineType: z.enum(LINE_TYPES, { error: "must be 163, bgp, chinamobile or chinaunicom" }).optional(),
  segmentID: z.string().optional(),
  exclusiveName: z.string().optional(),
});

const showSchema = z.object({ eipID });
const renameSchema = z.object({ clientToken: clientToken.optional(), eipID, name });
const modifySchema = z.object({ clientToken: requiredToken, eipID, bandwidth });
const deleteSchema = z.object({ clientToken: requiredToken, eipID, projectID });
const associateSchema = z.object({
  clientToken: clientToken.optional(),
  eipID,
  associationID: z.string({ error: "is required (the instance or VIP id)" }).min(1, "is required (the instance or VIP id)"),
  associationType: z.number({ error: "must be 1 (vm) or 2 (vip)" }).int("must be 1 (vm) or 2 (vip)").default(1),
  projectID,
});
const disassociateSchema = z.object({ clientToken: clientToken.optional(), eipID, projectID });
const listSchema = z.object({
  projectID,
  ids: z.array(z.string({ error: "must be an array of eip ids" }), { error: "must be an array of eip ids" }).nullish(),
  status: z
    .string()
    .transform((value) => value.toUpperCase())
    .refine((value) => (STATUSES as readonly string[]).includes(value), `must be one of ${STATUSES.join(", ")}`)
    .optional(),
  ip: z.string().optional(),
  eipType: z.string().optional(),
});

/** What show and list return for one EIP; internal billing fields stay out. */
export function eipView(eip: EipRecord, bandwidthID: string = eip.bandwidthID): Record<string, unknown> {
  return {
    ID: eip.ID,
    name: eip.name,
    description: eip.description,
    eipAddress: eip.eipAddress,
    associationID: eip.associationID,
    associationType: eip.associationType,
    privateIpAddress: eip.privateIpAddress,
    bandwidth: eip.bandwidth,
    bandwidthID,
    bandwidthType: eip.bandwidthType,
    status: eip.status,
    tags: eip.tags,
    createdAt: eip.createdAt,
    updatedAt: eip.updatedAt,
    // Go decodes "" into time.Time with an error; on-demand EIPs have no end, so null (spec C.3).
    expiredAt: eip.expiredAt === "" ? null : eip.expiredAt,
    // Declared by py ctyunsdk_eip20220909/models/v4_eip_show.py and v4_eip_new_list.py.
    lineType: eip.lineType,
    projectID: eip.projectID,
    portID: "",
    isPackaged: false,
    billingMethod: eip.cycleType === "on_demand" ? eip.demandBillingType : "cycle",
    enableSecondLevelMonitor: false,
    resourceID: eip.resourceID ?? "",
  };
}

const placedView = (placed: { masterOrderID: string; masterOrderNO: string }, regionID: string) => ({
  masterOrderID: placed.masterOrderID,
  masterOrderNO: placed.masterOrderNO,
  regionID,
});

const createEip = defineRoute({
  method: "POST", path: "/v4/eip/create", operation: "CreateEip", service: "ctvpc",
  input: createSchema,
  handle: (ctx, { input, region }) =>
    ctx.idempotent(() => {
      const placed = new EipOrders(ctx).create(region.regionID, {
        projectID: input.projectID,
        name: input.name,
        bandwidth: input.bandwidth,
        cycleType: input.cycleType as EipRecord["cycleType"],
        cycleCount: input.cycleCount,
        demandBillingType: input.demandBillingType,
        bandwidthID: input.bandwidthID,
        payVoucherPrice: input.payVoucherPrice,
        lineType: input.lineType,
        segmentID: input.segmentID,
        exclusiveName: input.exclusiveName,
      });
      // The EIP id is reported by the order (instanceIDList) once it finishes; while the order runs
      // the resource is "starting" and eipID is empty (COVERAGE.md → Decisions).
      return { ...placedView(placed, region.regionID), masterResourceID: placed.masterResourceID, masterResourceStatus: "starting", eipID: "" };
    }),
});

const showEip = defineRoute({
  method: "GET", path: "/v4/eip/show", operation: "ShowEip", service: "ctvpc",
  input: showSchema,
  handle(ctx, { input, region }) {
    const eips = new EipBackend(ctx);
    const eip = eips.show(region.regionID, input.eipID);
    return eipView(eip, eips.sharedBandwidthOf(region.regionID, eip));
  },
});

const listEips = defineRoute({
  method: "POST", path: "/v4/eip/new-list", operation: "ListEips", service: "ctvpc",
  input: listSchema,
  handle(ctx, { input, region, params }) {
    const page = new EipBackend(ctx).list(region.regionID, {
      ids: input.ids ?? undefined,
      status: input.status,
      ip: input.ip === "" ? undefined : input.ip,
      projectID: input.projectID,
      paging: readPaging(params),
    });
    const eips = new EipBackend(ctx);
    return listResult("eips", page, (eip) => eipView(eip, eips.sharedBandwidthOf(region.regionID, eip)));
  },
});

const changeEipName = defineRoute({
  method: "POST", path: "/v4/eip/change-name", operation: "ChangeEipName", service: "ctvpc",
  input: renameSchema,
  handle: (ctx, { input, region }) =>
    ctx.idempotent(() => {
      new EipBackend(ctx).rename(region.regionID, input.eipID, input.name);
      return {};
    }),
});

const modifyEipSpec = defineRoute({
  method: "POST", path: "/v4/eip/modify-spec", operation: "ModifyEipSpec", service: "ctvpc",
  input: modifySchema,
  handle: (ctx, { input, region }) => ctx.idempotent(() => placedView(new EipOrders(ctx).modifySpec(region.regionID, input.eipID, input.bandwidth), region.regionID)),
});

// py v4_eip_delete declares the create answer's shape; the refund keeps the EIP's id and billing id (inferred).
const deleteEip = defineRoute({
  method: "POST", path: "/v4/eip/delete", operation: "DeleteEip", service: "ctvpc",
  input: deleteSchema,
  handle: (ctx, { input, region }) =>
    ctx.idempotent(() => {
      const resourceID = new EipBackend(ctx).show(region.regionID, input.eipID, input.projectID).resourceID ?? "";
      const placed = new EipOrders(ctx).delete(region.regionID, input.eipID, input.projectID);
      return { ...placedView(placed, region.regionID), masterResourceID: resourceID, masterResourceStatus: "refunding", eipID: input.eipID };
    }),
});

const associateEip = defineRoute({
  method: "POST", path: "/v4/eip/associate", operation: "AssociateEip", service: "ctvpc",
  input: associateSchema,
  handle: (ctx, { input, region }) =>
    ctx.idempotent(() => {
      new EipBackend(ctx).associate(region.regionID, input.eipID, input.associationID, input.associationType, input.projectID);
      return {};
    }),
});

const disassociateEip = defineRoute({
  method: "POST", path: "/v4/eip/disassociate", operation: "DisassociateEip", service: "ctvpc",
  input: disassociateSchema,
  handle: (ctx, { input, region }) =>
    ctx.idempotent(() => {
      new EipBackend(ctx).disassociate(region.regionID, input.eipID, input.projectID);
      return {};
    }),
});

export const EIP_ROUTES: readonly RouteDefinition[] = [createEip, showEip, listEips, changeEipName, modifyEipSpec, deleteEip, associateEip, disassociateEip];
