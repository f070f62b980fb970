/**
 * Elastic IP operations (ctvpc host, spec D.5, D.6). Create, bandwidth change and delete are billed:
 * each answers a `masterOrderID` to wait for (`waitForOrder`), and the new EIP's id comes from the
 * create order's `instanceIDList`. Associate and disassociate are synchronous.
 */
import { z } from "zod";
import { defineOperation } from "../operation";

const projectID = z.string().optional();

const placedOrder = z.looseObject({
  masterOrderID: z.string().min(1),
  masterOrderNO: z.string().nullish(),
  regionID: z.string().nullish(),
});

export const CreateEip = defineOperation({
  name: "CreateEip",
  service: "ctvpc",
  method: "POST",
  path: "/v4/eip/create",
  input: z.object({
    clientToken: z.string().min(1).max(64).optional(),
    regionID: z.string(),
    projectID,
    /** Lower-case `on_demand`, `month` or `year` (spec D.0.2). */
    cycleType: z.enum(["on_demand", "month", "year"]),
    /** Months 1–11 or years 1–3; omitted for on-demand. */
    // Required by py ctyunsdk_eip20220909/models/v4_eip_create.py, on-demand too (0 there).
    cycleCount: z.number().int().default(0),
    name: z.string(),
    bandwidth: z.number().int(),
    /** `bandwidth` or `upflowc` (by traffic); on-demand only. */
    demandBillingType: z.enum(["bandwidth", "upflowc"]).optional(),
  }),
  output: placedOrder.extend({
    masterResourceID: z.string().nullish(),
    masterResourceStatus: z.string().nullish(),
    /** Empty while the order runs: the id comes from the order (spec C.5). */
    eipID: z.string().nullish(),
  }),
  idempotent: "clientToken",
});

/** One EIP as `show` and the list rows return it (types per spec C.3). */
export const eipRecord = z.looseObject({
  ID: z.string(),
  name: z.string(),
  eipAddress: z.string(),
  associationID: z.string().nullish(),
  /** `INSTANCE` or `VIP` when bound, else empty. */
  associationType: z.string().nullish(),
  privateIpAddress: z.string().nullish(),
  bandwidth: z.number().int(),
  bandwidthID: z.string().nullish(),
  bandwidthType: z.string().nullish(),
  /** Upper-case: ACTIVE, DOWN, ERROR, UPDATING, BANDING_OR_UNBANGDING, DELETING, DELETED, EXPIRED. */
  status: z.string(),
  tags: z.string().nullish(),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
  /** RFC 3339; null for on-demand EIPs. */
  expiredAt: z.string().nullish(),
});

export type EipRecord = z.output<typeof eipRecord>;

export const ShowEip = defineOperation({
  name: "ShowEip",
  service: "ctvpc",
  method: "GET",
  path: "/v4/eip/show",
  input: z.object({ regionID: z.string(), eipID: z.string().min(1) }),
  output: eipRecord,
  idempotent: true,
});

export const ListEips = defineOperation({
  name: "ListEips",
  service: "ctvpc",
  method: "POST",
  path: "/v4/eip/new-list",
  input: z.object({
    clientToken: z.string().optional(),
    regionID: z.string(),
    projectID,
    pageNo: z.number().int().optional(),
    pageSize: z.number().int().optional(),
    ids: z.array(z.string()).nullable().optional(),
    status: z.string().optional(),
    ip: z.string().optional(),
  }),
  output: z.looseObject({
    eips: z.array(eipRecord).nullish().transform((v) => v ?? []),
    totalCount: z.number().int(),
    currentCount: z.number().int().optional(),
    totalPage: z.number().int().optional(),
  }),
  // A read, but py v4_eip_new_list requires clientToken: `send` supplies one (kept across retries).
  idempotent: "clientToken",
});

export const ChangeEipName = defineOperation({
  name: "ChangeEipName",
  service: "ctvpc",
  method: "POST",
  path: "/v4/eip/change-name",
  input: z.object({ clientToken: z.string().optional(), regionID: z.string(), eipID: z.string().min(1), name: z.string() }),
  output: z.unknown(),
  // Sets an absolute value: repeating it is harmless. clientToken is required (py v4_eip_change_name): `send` supplies it.
  idempotent: "clientToken",
});

export const ModifyEipSpec = defineOperation({
  name: "ModifyEipSpec",
  service: "ctvpc",
  method: "POST",
  path: "/v4/eip/modify-spec",
  input: z.object({ clientToken: z.string().min(1).max(64).optional(), regionID: z.string(), eipID: z.string().min(1), bandwidth: z.number().int() }),
  output: placedOrder,
  idempotent: "clientToken",
});

export const DeleteEip = defineOperation({
  name: "DeleteEip",
  service: "ctvpc",
  method: "POST",
  path: "/v4/eip/delete",
  input: z.object({ clientToken: z.string().min(1).max(64).optional(), regionID: z.string(), eipID: z.string().min(1), projectID }),
  output: placedOrder,
  idempotent: "clientToken",
});

/** `associationType` on the wire: 1 vm, 2 vip (3 bare metal is not offered). */
export const ASSOCIATION_TYPE_CODES = { vm: 1, vip: 2 } as const;
/** What show reports back for each kind of binding. */
export const ASSOCIATION_TYPE_NAMES = { vm: "INSTANCE", vip: "VIP" } as const;

export const AssociateEip = defineOperation({
  name: "AssociateEip",
  service: "ctvpc",
  method: "POST",
  path: "/v4/eip/associate",
  input: z.object({
    regionID: z.string(),
    clientToken: z.string().min(1).max(64).optional(),
    eipID: z.string().min(1),
    associationID: z.string().min(1),
    associationType: z.union([z.literal(1), z.literal(2)]),
    projectID,
  }),
  output: z.unknown(),
  idempotent: "clientToken",
});

export const DisassociateEip = defineOperation({
  name: "DisassociateEip",
  service: "ctvpc",
  method: "POST",
  path: "/v4/eip/disassociate",
  input: z.object({ regionID: z.string(), clientToken: z.string().min(1).max(64).optional(), eipID: z.string().min(1), projectID }),
  output: z.unknown(),
  idempotent: "clientToken",
});

export const EIP_NOT_FOUND = "Openapi.Eip.NotFound";
/** modify-spec/delete while another order of the EIP runs: `returnObj.masterOrderID` names it (spec C.4). */
export const ORDER_IN_PROGRESS = "Openapi.Order.Inprogress";
