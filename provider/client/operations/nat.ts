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

/** `create-snat-entry`: synchronous in practice, the id in `snat.snatID` once `status` is `done`. */
export const CreateSnatEntry = defineOperation({
  name: "CreateSnatEntry",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/create-snat-entry",
  input: z.object({
    clientToken: z.string().min(1).max(64).optional(),
    regionID: z.string(),
    natGatewayID: z.string().min(1),
    sourceSubnetID: z.string().optional(),
    sourceCIDR: z.string().optional(),
    snatIps: z.array(z.string()),
  }),
  output: z.looseObject({ snat: z.looseObject({ status: z.string().nullish(), message: z.string().nullish(), snatID: z.string().nullish() }) }),
  idempotent: "clientToken",
});

export const snatRecord = z.looseObject({
  sNatID: z.string(),
  natGatewayID: z.string().nullish(),
  description: z.string().nullish(),
  subnetID: z.string().nullish(),
  subnetCidr: z.string().nullish(),
  /** 1 a subnet of the VPC, 2 a CIDR (TF biz/nat_const.go). */
  subnetType: z.number().int().nullish(),
  creationTime: z.string().nullish(),
  eips: z.array(z.looseObject({ eipID: z.string(), ipAddress: z.string().nullish() })).nullish().transform((v) => v ?? []),
});

export type SnatRecord = z.output<typeof snatRecord>;

export const ListSnats = defineOperation({
  name: "ListSnats",
  service: "ctvpc",
  method: "GET",
  path: "/v4/vpc/list-snats",
  input: z.object({
    regionID: z.string(),
    natGatewayID: z.string().optional(),
    sNatID: z.string().optional(),
    subnetID: z.string().optional(),
    pageNo: z.number().int().optional(),
    pageSize: z.number().int().optional(),
  }),
  output: z.looseObject({ results: z.array(snatRecord).nullish().transform((v) => v ?? []), totalCount: z.number().int().nullish() }),
  idempotent: true,
});

export const UpdateSnatEntry = defineOperation({
  name: "UpdateSnatEntry",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/modify-snat-entry",
  input: z.object({
    clientToken: z.string().min(1).max(64).optional(),
    regionID: z.string(),
    sNatID: z.string().min(1),
    sourceSubnetID: z.string().optional(),
    sourceCIDR: z.string().optional(),
    description: z.string().optional(),
  }),
  output: z.unknown(),
  idempotent: "clientToken",
});

const snatEips = z.object({
  clientToken: z.string().min(1).max(64).optional(),
  regionID: z.string(),
  natGatewayID: z.string().min(1),
  sNatID: z.string().min(1),
  ipAddressIds: z.array(z.string()),
});

export const AssociateEipsToSnat = defineOperation({
  name: "AssociateEipsToSnat",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/join-snat-for-eips",
  input: snatEips,
  output: z.unknown(),
  idempotent: "clientToken",
});

export const DisassociateEipsFromSnat = defineOperation({
  name: "DisassociateEipsFromSnat",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/revoke-snat-for-eips",
  input: snatEips,
  output: z.unknown(),
  idempotent: "clientToken",
});

export const DeleteSnatEntry = defineOperation({
  name: "DeleteSnatEntry",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/delete-snat-entry",
  input: z.object({ clientToken: z.string().min(1).max(64).optional(), regionID: z.string(), sNatID: z.string().min(1) }),
  output: z.unknown(),
  idempotent: "clientToken",
});

/** `virtualMachineType` on the wire: 1 a cloud server, 2 a custom address (TF nat/resource_ctyun_dnat.go). */
export const DNAT_TARGET_TYPES = { instance: 1, custom: 2 } as const;

const dnatFields = {
  externalID: z.string().min(1),
  externalPort: z.number().int(),
  virtualMachineType: z.union([z.literal(1), z.literal(2)]),
  virtualMachineID: z.string().optional(),
  /** `VM` or `BM`, upper case. */
  serverType: z.enum(["VM", "BM"]).optional(),
  internalIp: z.string().optional(),
  internalPort: z.number().int(),
  protocol: z.enum(["tcp", "udp"]),
  description: z.string().optional(),
};

export const CreateDnatEntry = defineOperation({
  name: "CreateDnatEntry",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/create-dnat-entry",
  input: z.object({ clientToken: z.string().min(1).max(64).optional(), regionID: z.string(), natGatewayID: z.string().min(1), ...dnatFields }),
  output: z.looseObject({ dnat: z.looseObject({ status: z.string().nullish(), dnatID: z.string().nullish() }) }),
  idempotent: "clientToken",
});

export const dnatRecord = z.looseObject({
  dNatID: z.string(),
  description: z.string().nullish(),
  externalID: z.string(),
  externalIp: z.string().nullish(),
  externalPort: z.union([z.number(), z.string()]).transform(Number),
  internalIp: z.string().nullish(),
  internalPort: z.union([z.number(), z.string()]).transform(Number),
  protocol: z.string(),
  state: z.string().nullish(),
  virtualMachineID: z.string().nullish(),
  creationTime: z.string().nullish(),
});

export type DnatRecord = z.output<typeof dnatRecord>;

/** Every DNAT rule of a gateway: `returnObj` is the array, not paged. */
export const ListDnatEntries = defineOperation({
  name: "ListDnatEntries",
  service: "ctvpc",
  method: "GET",
  path: "/v4/vpc/describe-dnat-entries",
  input: z.object({ regionID: z.string(), natGatewayID: z.string().min(1) }),
  output: z.array(dnatRecord).nullish().transform((v) => v ?? []),
  idempotent: true,
});

/** Every field is sent each time: the API replaces the rule (TF updateDNat). */
export const UpdateDnatEntry = defineOperation({
  name: "UpdateDnatEntry",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/modify-dnat-entry",
  input: z.object({ clientToken: z.string().min(1).max(64).optional(), regionID: z.string(), dNatID: z.string().min(1), ...dnatFields }),
  output: z.unknown(),
  idempotent: "clientToken",
});

export const DeleteDnatEntry = defineOperation({
  name: "DeleteDnatEntry",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/delete-dnat-entry",
  input: z.object({ clientToken: z.string().min(1).max(64).optional(), regionID: z.string(), dNatID: z.string().min(1) }),
  output: z.unknown(),
  idempotent: "clientToken",
});
