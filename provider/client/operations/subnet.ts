/** Subnet operations (ctvpc host, spec D.2). All synchronous. */
import { z } from "zod";
import { defineOperation } from "../operation";

const projectID = z.string().optional();

export const CreateSubnet = defineOperation({
  name: "CreateSubnet",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/create-subnet",
  input: z.object({
    regionID: z.string(),
    clientToken: z.string().optional(),
    name: z.string(),
    vpcID: z.string(),
    CIDR: z.string(),
    description: z.string(),
    enableIpv6: z.boolean(),
    dnsList: z.array(z.string()),
    subnetType: z.enum(["common", "cbm"]),
    projectID,
  }),
  output: z.looseObject({ subnetID: z.string() }),
  idempotent: "clientToken",
});

/**
 * What `query-subnet` and the list rows carry. The gateway comes as `gateway` (old SDK) and/or
 * `gatewayIP` (generated doc, list); the free-address count as `availableIpCount` and/or
 * `availableIPCount`; IPv6 as `enableIpv6` (bool) and/or `ipv6Enabled` (int 0/1).
 */
export const subnetRecord = z.looseObject({
  subnetID: z.string(),
  vpcID: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  CIDR: z.string(),
  gateway: z.string().nullish(),
  gatewayIP: z.string().nullish(),
  start: z.string().nullish(),
  end: z.string().nullish(),
  availableIpCount: z.number().int().nullish(),
  availableIPCount: z.number().int().nullish(),
  enableIpv6: z.boolean().nullish(),
  ipv6Enabled: z.number().int().nullish(),
  ipv6CIDR: z.string().nullish(),
  ipv6GatewayIP: z.string().nullish(),
  dnsList: z.array(z.string()).nullish(),
  /** 0 common, 1 cbm (bare metal). */
  type: z.number().int().nullish(),
  projectID: z.string().nullish(),
});

export const QuerySubnet = defineOperation({
  name: "QuerySubnet",
  service: "ctvpc",
  method: "GET",
  path: "/v4/vpc/query-subnet",
  input: z.object({ regionID: z.string(), subnetID: z.string(), projectID }),
  output: subnetRecord,
  idempotent: true,
});

export const UpdateSubnet = defineOperation({
  name: "UpdateSubnet",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/update-subnet",
  input: z.object({
    regionID: z.string(),
    subnetID: z.string(),
    name: z.string(),
    description: z.string(),
    dnsList: z.array(z.string()),
  }),
  output: z.unknown(),
  // Sets absolute values: repeating it is harmless.
  idempotent: true,
});

export const DeleteSubnet = defineOperation({
  name: "DeleteSubnet",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/delete-subnet",
  input: z.object({ regionID: z.string(), subnetID: z.string(), clientToken: z.string().optional(), projectID }),
  output: z.unknown(),
  idempotent: "clientToken",
});

/** `GET /v4/vpc/new-list-subnet` (generated layer): no projectID; `pageSize` at most 50. */
export const ListSubnets = defineOperation({
  name: "ListSubnets",
  service: "ctvpc",
  method: "GET",
  path: "/v4/vpc/new-list-subnet",
  input: z.object({
    regionID: z.string(),
    // Required (py ctyunsdk_vpc20220909/models/v4_vpc_new_list_subnet.py).
    vpcID: z.string(),
    subnetID: z.string().optional(),
    pageNo: z.number().int().positive().optional(),
    pageSize: z.number().int().min(1).max(50).optional(),
  }),
  output: z.looseObject({
    subnets: z.array(subnetRecord).nullish().transform((v) => v ?? []),
    totalCount: z.number().int(),
    currentCount: z.number().int().nullish(),
    totalPage: z.number().int().nullish(),
  }),
  idempotent: true,
});

export const SUBNET_NOT_FOUND = "Openapi.Subnet.NotFound";
