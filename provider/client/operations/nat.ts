/**
 * NAT gateway operations (ctvpc host; emulator/api-notes/nat.md, from TF's generated
 * internal/core/ctvpc/ctvpc_*nat*_api.go: no Python or Go SDK model exists). Create, spec change and
 * delete are billed: each answers a `masterOrderID` to wait for (`waitForOrder`); the new gateway's id
 * comes from the create order's `instanceIDList` (or the create's own answer once `started`).
 */
import { z } from "zod";
import { defineOperation } from "../operation";

const placedOrder = z.looseObject({
  masterOrderID: z.string().min(1),
  masterOrderNO: z.string().nullish(),
  regionID: z.string().nullish(),
});

export const CreateNatGateway = defineOperation({
  name: "CreateNatGateway",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/create-nat-gateway",
  input: z.object({
    clientToken: z.string().min(1).max(64).optional(),
    regionID: z.string(),
    vpcID: z.string().min(1),
    /** 1 small, 2 medium, 3 large, 4 xlarge. */
    spec: z.number().int(),
    name: z.string(),
    description: z.string().optional(),
    cycleType: z.enum(["on_demand", "month", "year"]),
    /** Months 1–11 or years 1–3; omitted for on-demand. */
    cycleCount: z.number().int().optional(),
    azName: z.string().optional(),
    projectID: z.string().optional(),
  }),
  output: placedOrder.extend({
    masterResourceID: z.string().nullish(),
    /** `starting` while the order runs, `started` once done (TF nat/resource_ctyun_nat.go OrderLoop). */
    masterResourceStatus: z.string().nullish(),
    /** "" until `masterResourceStatus` is `started`. */
    natGatewayID: z.string().nullish(),
  }),
  idempotent: "clientToken",
});

/** One gateway as `get-nat-gateway-attribute` returns it. */
export const natGatewayRecord = z.looseObject({
  natGatewayID: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  /** `small`, `medium`, `large` or `xlarge` (TF parseNatSpec accepts nothing else). */
  specs: z.string(),
  /** `running`, `creating`, `expired`, `freeze`. */
  state: z.string().nullish(),
  status: z.number().int().nullish(),
  zoneID: z.string().nullish(),
  vpcID: z.string(),
  vpcName: z.string().nullish(),
  vpcCidr: z.string().nullish(),
  projectID: z.string().nullish(),
  creationTime: z.string().nullish(),
  expiredTime: z.string().nullish(),
});

export type NatGatewayRecord = z.output<typeof natGatewayRecord>;

export const ShowNatGateway = defineOperation({
  name: "ShowNatGateway",
  service: "ctvpc",
  method: "GET",
  path: "/v4/vpc/get-nat-gateway-attribute",
  input: z.object({ regionID: z.string(), natGatewayID: z.string().min(1), projectID: z.string().optional() }),
  output: natGatewayRecord,
  idempotent: true,
});

/** One row of `describe-nat-gateways` (its expiry is `expireTime`, not show's `expiredTime`). */
export const natGatewayRow = z.looseObject({
  natGatewayID: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  state: z.string().nullish(),
  zoneID: z.string().nullish(),
  vpcID: z.string(),
  vpcName: z.string().nullish(),
  creationTime: z.string().nullish(),
  expireTime: z.string().nullish(),
  projectID: z.string().nullish(),
});

export type NatGatewayRow = z.output<typeof natGatewayRow>;

/** `returnObj` is the array of rows (TF gen ctvpc_list_nat_gateways_api.go); paged, 50 at most. */
export const ListNatGateways = defineOperation({
  name: "ListNatGateways",
  service: "ctvpc",
  method: "GET",
  path: "/v4/vpc/describe-nat-gateways",
  input: z.object({
    regionID: z.string(),
    natGatewayID: z.string().optional(),
    projectID: z.string().optional(),
    pageNo: z.number().int().optional(),
    pageSize: z.number().int().optional(),
  }),
  output: z.array(natGatewayRow).nullish().transform((v) => v ?? []),
  idempotent: true,
});

export const UpdateNatGatewayAttribute = defineOperation({
  name: "UpdateNatGatewayAttribute",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/modify-nat-gateway-attribute",
  input: z.object({
    clientToken: z.string().min(1).max(64).optional(),
    regionID: z.string(),
    natGatewayID: z.string().min(1),
    name: z.string().optional(),
    description: z.string().optional(),
  }),
  output: z.unknown(),
  // Sets absolute values: repeating it is harmless.
  idempotent: "clientToken",
});

export const ModifyNatGatewaySpec = defineOperation({
  name: "ModifyNatGatewaySpec",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/modify-nat-gateway-spec",
  input: z.object({ clientToken: z.string().min(1).max(64).optional(), regionID: z.string(), natGatewayID: z.string().min(1), spec: z.number().int() }),
  output: placedOrder,
  idempotent: "clientToken",
});

export const DeleteNatGateway = defineOperation({
  name: "DeleteNatGateway",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/delete-nat-gateway",
  input: z.object({ clientToken: z.string().min(1).max(64).optional(), regionID: z.string(), natGatewayID: z.string().min(1), projectID: z.string().optional() }),
  output: placedOrder.extend({ masterResourceStatus: z.string().nullish() }),
  idempotent: "clientToken",
});

/** Wire `spec` of each size (TF nat/resource_ctyun_nat.go). */
export const NAT_SPEC_CODES = { small: 1, medium: 2, large: 3, xlarge: 4 } as const;
export type NatSpecName = keyof typeof NAT_SPEC_CODES;
