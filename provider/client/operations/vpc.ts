/** VPC operations (ctvpc host, spec D.1). All synchronous. */
import { z } from "zod";
import { defineOperation } from "../operation";

const projectID = z.string().optional();

export const CreateVpc = defineOperation({
  name: "CreateVpc",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/create",
  input: z.object({
    regionID: z.string(),
    clientToken: z.string().optional(),
    CIDR: z.string(),
    name: z.string(),
    description: z.string(),
    enableIpv6: z.boolean(),
    projectID,
  }),
  output: z.looseObject({ vpcID: z.string() }),
  idempotent: "clientToken",
});

export const vpcRecord = z.looseObject({
  vpcID: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  CIDR: z.string(),
  ipv6Enabled: z.boolean().nullish(),
  enableIpv6: z.boolean().nullish(),
  ipv6CIDRS: z.array(z.string()).nullish(),
  subnetIDs: z.array(z.string()).nullish(),
  natGatewayIDs: z.array(z.string()).nullish(),
  projectID: z.string().nullish(),
});

export const QueryVpc = defineOperation({
  name: "QueryVpc",
  service: "ctvpc",
  method: "GET",
  path: "/v4/vpc/query",
  input: z.object({ regionID: z.string(), vpcID: z.string(), projectID }),
  output: vpcRecord,
  idempotent: true,
});

/** `GET /v4/vpc/new-list`: `vpcID` a comma list, `vpcName` exact name; `pageSize` at most 50. */
export const ListVpcs = defineOperation({
  name: "ListVpcs",
  service: "ctvpc",
  method: "GET",
  path: "/v4/vpc/new-list",
  input: z.object({
    regionID: z.string(),
    vpcID: z.string().optional(),
    vpcName: z.string().optional(),
    projectID,
    pageNo: z.number().int().positive().optional(),
    pageSize: z.number().int().min(1).max(50).optional(),
  }),
  output: z.looseObject({
    vpcs: z.array(vpcRecord).nullish().transform((v) => v ?? []),
    totalCount: z.number().int().nullish(),
  }),
  idempotent: true,
});

export const UpdateVpc = defineOperation({
  name: "UpdateVpc",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/update",
  input: z.object({
    vpcID: z.string(),
    clientToken: z.string().optional(),
    regionID: z.string(),
    name: z.string(),
    description: z.string(),
    projectID,
  }),
  output: z.unknown(),
  // Sets absolute values: repeating it is harmless. clientToken is required (py v4_vpc_update): `send` supplies it.
  idempotent: "clientToken",
});

export const DeleteVpc = defineOperation({
  name: "DeleteVpc",
  service: "ctvpc",
  method: "POST",
  path: "/v4/vpc/delete",
  input: z.object({ regionID: z.string(), vpcID: z.string(), clientToken: z.string().optional(), projectID }),
  output: z.unknown(),
  idempotent: "clientToken",
});

export const VPC_NOT_FOUND = "Openapi.Vpc.NotFound";
