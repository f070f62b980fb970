/**
 * Shared bandwidth operations (ctvpc host; emulator/api-notes/bandwidth.md): create from TF's
 * generated internal/core/ctvpc/ctvpc_create_bandwidth_api.go, the rest from the hand-written layer
 * TF uses (internal/core/ctyun-sdk-endpoint/ctvpc/bandwidth_*.go, the same as the Go SDK's): no Python
 * SDK model exists. Create, resize and delete are billed orders.
 */
import { z } from "zod";
import { defineOperation } from "../operation";

/** The one code TF checks for shared bandwidths (internal/common/error_code.go). */
export const SHARED_BANDWIDTH_NOT_FOUND = "Openapi.Sharedbandwidth.NotFound";

const placedOrder = z.looseObject({ masterOrderID: z.string().min(1), masterOrderNO: z.string().nullish(), regionID: z.string().nullish() });

export const CreateBandwidth = defineOperation({
  name: "CreateBandwidth",
  service: "ctvpc",
  method: "POST",
  path: "/v4/bandwidth/create",
  input: z.object({
    clientToken: z.string().min(1).max(64).optional(),
    regionID: z.string(),
    name: z.string(),
    /** Mbit/s, 5–1000. */
    bandwidth: z.number().int(),
    cycleType: z.enum(["on_demand", "month", "year"]),
    cycleCount: z.number().int().optional(),
    projectID: z.string().optional(),
  }),
  output: placedOrder.extend({
    masterResourceID: z.string().nullish(),
    masterResourceStatus: z.string().nullish(),
    /** Null until the order finished. */
    bandwidthID: z.string().nullish(),
  }),
  idempotent: "clientToken",
});

export const bandwidthRecord = z.looseObject({
  id: z.string(),
  name: z.string(),
  /** `ACTIVE`, `EXPIRED`, `FREEZING`. */
  status: z.string(),
  bandwidth: z.number().int(),
  createdAt: z.string().nullish(),
  expireAt: z.string().nullish(),
  eips: z.array(z.looseObject({ eipID: z.string(), ip: z.string().nullish() })).nullish().transform((v) => v ?? []),
});

export type BandwidthRecord = z.output<typeof bandwidthRecord>;

export const DescribeBandwidth = defineOperation({
  name: "DescribeBandwidth",
  service: "ctvpc",
  method: "GET",
  path: "/v4/bandwidth/describe",
  input: z.object({ regionID: z.string(), bandwidthID: z.string().min(1), projectID: z.string().optional() }),
  output: bandwidthRecord,
  idempotent: true,
});

export const NewListBandwidths = defineOperation({
  name: "NewListBandwidths",
  service: "ctvpc",
  method: "GET",
  path: "/v4/bandwidth/new-list",
  input: z.object({ regionID: z.string(), queryContent: z.string().optional(), projectID: z.string().optional(), pageNo: z.number().int().optional(), pageSize: z.number().int().optional() }),
  output: z.looseObject({ bandwidths: z.array(bandwidthRecord).nullish().transform((v) => v ?? []), totalCount: z.number().int().nullish() }),
  idempotent: true,
});

export const ModifyBandwidthAttribute = defineOperation({
  name: "ModifyBandwidthAttribute",
  service: "ctvpc",
  method: "POST",
  path: "/v4/bandwidth/modify-attribute",
  input: z.object({ clientToken: z.string().min(1).max(64).optional(), regionID: z.string(), bandwidthID: z.string().min(1), name: z.string() }),
  output: z.unknown(),
  idempotent: "clientToken",
});

/** `returnObj` is an object here (TF's old layer decodes one; its generated layer says array). */
export const ModifyBandwidthSpec = defineOperation({
  name: "ModifyBandwidthSpec",
  service: "ctvpc",
  method: "POST",
  path: "/v4/bandwidth/modify-spec",
  input: z.object({ clientToken: z.string().min(1).max(64).optional(), regionID: z.string(), bandwidthID: z.string().min(1), bandwidth: z.number().int() }),
  output: placedOrder,
  idempotent: "clientToken",
});

export const DeleteBandwidth = defineOperation({
  name: "DeleteBandwidth",
  service: "ctvpc",
  method: "POST",
  path: "/v4/bandwidth/delete",
  input: z.object({ clientToken: z.string().min(1).max(64).optional(), regionID: z.string(), bandwidthID: z.string().min(1), projectID: z.string().optional() }),
  output: placedOrder.extend({ masterResourceStatus: z.string().nullish() }),
  idempotent: "clientToken",
});

const membership = z.object({ clientToken: z.string().min(1).max(64).optional(), regionID: z.string(), bandwidthID: z.string().min(1), eipIDs: z.array(z.string()) });

export const AssociateEipToBandwidth = defineOperation({
  name: "AssociateEipToBandwidth",
  service: "ctvpc",
  method: "POST",
  path: "/v4/bandwidth/associate-eip",
  input: membership,
  output: z.unknown(),
  idempotent: "clientToken",
});

export const DisassociateEipFromBandwidth = defineOperation({
  name: "DisassociateEipFromBandwidth",
  service: "ctvpc",
  method: "POST",
  path: "/v4/bandwidth/disassociate-eip",
  input: membership,
  output: z.unknown(),
  idempotent: "clientToken",
});
