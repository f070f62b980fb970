/**
 * Load balancer operations (ctelb host, emulator/api-notes/elb.md §2). The billed "pgelb" family:
 * create, spec change and refund each answer a billing order (`masterOrderID`); the provider waits
 * for it with the generic order query (`waitForOrder`, as for every other billed product) and reads
 * the id from `instanceIDList`, falling back to a replay of create-pgelb with its clientToken, which
 * names the LB once `started` (CTyun's Terraform provider polls that way). Show answers an array.
 */
import { z } from "zod";
import { defineOperation } from "../operation";

/** The specs create-pgelb and modify-pgelb-spec accept (py CtelbCreatePgelbRequest.slaName). */
export const PGELB_SPECS = ["elb.s2.small", "elb.s2.large", "elb.s3.small", "elb.s3.large", "elb.s4.small", "elb.s4.large", "elb.s5.small", "elb.s5.large"] as const;
export type PgelbSpec = (typeof PGELB_SPECS)[number];

const placedOrder = z.looseObject({
  masterOrderID: z.string().min(1),
  masterOrderNO: z.string().nullish(),
  regionID: z.string().nullish(),
  /** started / in_progress / refunded / failed / … */
  masterResourceStatus: z.string().nullish(),
});

export const CreatePgelb = defineOperation({
  name: "CreatePgelb",
  service: "ctelb",
  method: "POST",
  path: "/v4/elb/create-pgelb",
  input: z.object({
    clientToken: z.string().min(1).max(64).optional(),
    regionID: z.string(),
    projectID: z.string().optional(),
    subnetID: z.string(),
    name: z.string(),
    description: z.string().optional(),
    eipID: z.string().optional(),
    slaName: z.enum(PGELB_SPECS),
    resourceType: z.enum(["internal", "external"]),
    privateIpAddress: z.string().optional(),
    cycleType: z.enum(["on_demand", "month", "year"]),
    cycleCount: z.number().int().optional(),
  }),
  output: placedOrder.extend({
    masterResourceID: z.string().nullish(),
    /** "" until the order has started the LB. */
    elbID: z.string().nullish(),
  }),
  idempotent: "clientToken",
});

export const loadBalancerRecord = z.looseObject({
  ID: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  vpcID: z.string().nullish(),
  subnetID: z.string().nullish(),
  privateIpAddress: z.string().nullish(),
  slaName: z.string().nullish(),
  eipInfo: z.array(z.looseObject({ eipID: z.string().nullish(), bandwidth: z.number().nullish() })).nullish(),
  deleteProtection: z.boolean().nullish(),
  /** DOWN / ACTIVE */
  status: z.string().nullish(),
  adminStatus: z.string().nullish(),
  /** internal / external */
  resourceType: z.string().nullish(),
  projectID: z.string().nullish(),
  createdTime: z.string().nullish(),
});
export type LoadBalancerRecord = z.output<typeof loadBalancerRecord>;

export const ShowLoadBalancer = defineOperation({
  name: "ShowLoadBalancer",
  service: "ctelb",
  method: "GET",
  path: "/v4/elb/show-loadbalancer",
  input: z.object({ regionID: z.string(), elbID: z.string().min(1) }),
  // An array of one element (TF takes [0]).
  output: z.array(loadBalancerRecord),
  idempotent: true,
});

export const ListLoadBalancers = defineOperation({
  name: "ListLoadBalancer",
  service: "ctelb",
  method: "GET",
  path: "/v4/elb/list-loadbalancer",
  input: z.object({
    regionID: z.string(),
    resourceType: z.enum(["internal", "external"]).optional(),
    name: z.string().optional(),
    subnetID: z.string().optional(),
  }),
  // No paging: every matching LB.
  output: z.array(loadBalancerRecord).nullish().transform((rows) => rows ?? []),
  idempotent: true,
});

export const UpdateLoadBalancer = defineOperation({
  name: "UpdateLoadBalancer",
  service: "ctelb",
  method: "POST",
  path: "/v4/elb/update-loadbalancer",
  input: z.object({
    clientToken: z.string().optional(),
    regionID: z.string(),
    elbID: z.string().min(1),
    name: z.string().optional(),
    description: z.string().optional(),
    deleteProtection: z.boolean().optional(),
  }),
  output: z.unknown(),
  // Sets absolute values: repeating it is harmless.
  idempotent: true,
});

export const ModifyPgelbSpec = defineOperation({
  name: "ModifyPgelbSpec",
  service: "ctelb",
  method: "POST",
  path: "/v4/elb/modify-pgelb-spec",
  input: z.object({ clientToken: z.string().min(1).max(64).optional(), regionID: z.string(), elbID: z.string().min(1), slaName: z.enum(PGELB_SPECS) }),
  output: placedOrder,
  idempotent: "clientToken",
});

export const RefundPgelb = defineOperation({
  name: "RefundPgelb",
  service: "ctelb",
  method: "POST",
  path: "/v4/elb/refund-pgelb",
  input: z.object({ clientToken: z.string().min(1).max(64).optional(), regionID: z.string(), elbID: z.string().min(1) }),
  output: placedOrder,
  idempotent: "clientToken",
});

/** Another order of the LB runs (`returnObj.masterOrderID` names it): the code CTyun documents for EIPs and bandwidths. */
export const ORDER_IN_PROGRESS = "Openapi.Order.Inprogress";
