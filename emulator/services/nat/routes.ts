/**
 * NAT gateway operations (api-notes/nat.md §2; ctvpc host): parse, ask the backend or the orders,
 * shape the answer. Create answers from its order each time (a replay with the same clientToken is
 * how the official client polls); describe-nat-gateways answers a bare array.
 */
import { z } from "zod";
import { defineRoute } from "../route";
import { paginate, readPaging } from "../shared/paging";
import type { RouteDefinition } from "../types";
import { NatBackend } from "./backend";
import { DnatRules } from "./dnat";
import { NatOrders } from "./orders";
import { CYCLE_TYPES } from "./rules";
import { ruleTables } from "./rule-views";
import { SnatRules } from "./snat";
import { natGatewayRow, natGatewayView } from "./views";

const requiredToken = z.string({ error: "is required (1-64 characters)" }).min(1, "is required (1-64 characters)").max(64, "must be 1-64 characters");
const natGatewayID = z.string({ error: "is required" }).min(1, "is required");
const spec = z.number({ error: "must be an integer from 1 to 4" }).int("must be an integer from 1 to 4");
const voucher = z.string().regex(/^\d+(\.\d{1,2})?$/, "must be a decimal with at most two fraction digits").optional();

const createSchema = z.object({
  clientToken: requiredToken,
  vpcID: z.string({ error: "is required" }).min(1, "is required"),
  spec,
  name: z.string({ error: "is required" }),
  description: z.string().optional(),
  cycleType: z.enum(CYCLE_TYPES, { error: "must be month, year or on_demand" }),
  cycleCount: z.number({ error: "must be an integer" }).int("must be an integer").optional(),
  azName: z.string().optional(),
  payVoucherPrice: voucher,
  projectID: z.string().optional(),
});

const create = defineRoute({
  method: "POST", path: "/v4/vpc/create-nat-gateway", operation: "CreateNatGateway", service: "ctvpc",
  input: createSchema,
  handle(ctx, { input, region }) {
    const orders = new NatOrders(ctx);
    let fresh = false;
    const placed = ctx.idempotent(() => {
      fresh = true;
      return orders.create(region, input);
    });
    return orders.createAnswer(placed, !fresh);
  },
});

const show = defineRoute({
  method: "GET", path: "/v4/vpc/get-nat-gateway-attribute", operation: "ShowNatGateway", service: "ctvpc",
  input: z.object({ natGatewayID, projectID: z.string().optional() }),
  handle(ctx, { input, region }) {
    const gateway = new NatBackend(ctx).require(region.regionID, input.natGatewayID, input.projectID);
    const snats = new SnatRules(ctx).list(region.regionID, { natGatewayID: gateway.natGatewayID });
    const dnats = new DnatRules(ctx).list(region.regionID, gateway.natGatewayID);
    return natGatewayView(ctx, region.regionID, gateway, ruleTables(ctx, region.regionID, gateway, snats, dnats));
  },
});

// returnObj is the array itself (TF gen ctvpc_list_nat_gateways_api.go); the official counts sit
// beside it in the envelope, which the emulator's envelope does not carry (COVERAGE.md → Decisions).
const list = defineRoute({
  method: "GET", path: "/v4/vpc/describe-nat-gateways", operation: "ListNatGateways", service: "ctvpc",
  input: z.object({ natGatewayID: z.string().optional(), projectID: z.string().optional() }),
  handle(ctx, { input, region, params }) {
    const page = paginate(new NatBackend(ctx).list(region.regionID, input), readPaging(params));
    return page.items.map((gateway) => natGatewayRow(ctx, region.regionID, gateway));
  },
});

const modifyAttribute = defineRoute({
  method: "POST", path: "/v4/vpc/modify-nat-gateway-attribute", operation: "UpdateNatGatewayAttribute", service: "ctvpc",
  input: z.object({ clientToken: z.string().optional(), natGatewayID, name: z.string().optional(), description: z.string().optional() }),
  handle(ctx, { input, region }) {
    new NatBackend(ctx).modifyAttribute(region.regionID, input.natGatewayID, input);
    return null;
  },
});

const modifySpec = defineRoute({
  method: "POST", path: "/v4/vpc/modify-nat-gateway-spec", operation: "ModifyNatGatewaySpec", service: "ctvpc",
  input: z.object({ clientToken: requiredToken, natGatewayID, spec, payVoucherPrice: voucher }),
  handle: (ctx, { input, region }) =>
    ctx.idempotent(() => ({ ...new NatOrders(ctx).modifySpec(region.regionID, input.natGatewayID, input.spec), regionID: region.regionID })),
});

// TF requires masterResourceStatus and accepts only "refunded" (api-notes/nat.md §2.6).
const remove = defineRoute({
  method: "POST", path: "/v4/vpc/delete-nat-gateway", operation: "DeleteNatGateway", service: "ctvpc",
  input: z.object({ clientToken: requiredToken, natGatewayID, projectID: z.string().optional() }),
  handle: (ctx, { input, region }) =>
    ctx.idempotent(() => ({ ...new NatOrders(ctx).delete(region.regionID, input.natGatewayID), regionID: region.regionID, masterResourceStatus: "refunded" })),
});

export const NAT_GATEWAY_ROUTES: readonly RouteDefinition[] = [create, show, list, modifyAttribute, modifySpec, remove];
