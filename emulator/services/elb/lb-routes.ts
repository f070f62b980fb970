/**
 * Load balancer operations (api-notes/elb.md §2; host ctelb). The pgelb orders are polled the way
 * CTyun's Terraform provider polls them, by sending the same request again with the same clientToken:
 * a replay answers the first request's order with its live status (create: `in_progress` → `started`
 * with `elbID`; refund: `in_progress` → `refunded`, also after the LB is gone) and counts as a poll
 * of the order. `GET /v4/ecs/order/query-uuid` sees the same orders.
 */
import { z } from "zod";
import { ORDER_STATUS, type OrderRecord } from "../../engine/orders";
import { InvalidParameterError } from "../../errors";
import { defineRoute } from "../route";
import type { OperationContext, RouteDefinition } from "../types";
import { LoadBalancers } from "./load-balancers";
import { clientToken, idsFilter, objectId, optionalFlag, optionalText, textFilter } from "./route-fields";
import { PGELB_SLA_NAMES, RESOURCE_TYPES } from "./rules";
import { loadBalancerView } from "./views";

const slaName = z.enum(PGELB_SLA_NAMES, { error: `must be one of ${PGELB_SLA_NAMES.join(", ")}` });
const payVoucherPrice = z.string({ error: "must be a decimal string" }).regex(/^\d+(\.\d{1,2})?$/, "must be a decimal with at most two fraction digits").optional();

const createSchema = z.object({
  clientToken,
  projectID: optionalText,
  vpcID: optionalText,
  subnetID: z.string({ error: "is required" }).min(1, "is required"),
  name: z.string({ error: "is required" }),
  description: optionalText,
  eipID: optionalText,
  slaName,
  resourceType: z.enum(RESOURCE_TYPES, { error: "must be internal or external" }),
  privateIpAddress: optionalText,
  cycleType: z.enum(["on_demand", "month", "year"], { error: "must be month, year or on_demand" }),
  cycleCount: z.number({ error: "must be an integer" }).int("must be an integer").optional(),
  payVoucherPrice,
});

/** One order's status as the pgelb operations report it (`masterResourceStatus`). */
function resourceStatus(order: OrderRecord | undefined, done: "started" | "refunded" | "changed"): string {
  if (!order) return "unknown";
  if (order.status === ORDER_STATUS.finished) return done;
  return order.status === ORDER_STATUS.failed ? "failed" : "in_progress";
}

/**
 * Runs `place` once per clientToken (ctx.idempotent); a replay polls the order instead, so a client
 * that resends the request sees the order progress. Returns the order as it is now.
 */
function placeOrReplay<T extends { masterOrderID: string }>(ctx: OperationContext, place: () => T): { placed: T; order: OrderRecord | undefined } {
  let fresh = false;
  const placed = ctx.idempotent(() => {
    fresh = true;
    return place();
  });
  return { placed, order: fresh ? ctx.orders.get(placed.masterOrderID) : ctx.orders.poll(placed.masterOrderID) };
}

const createPgelb = defineRoute({
  method: "POST", path: "/v4/elb/create-pgelb", operation: "CreatePgelb", service: "ctelb",
  input: createSchema,
  handle(ctx, { input, region }) {
    const { placed, order } = placeOrReplay(ctx, () => {
      const created = new LoadBalancers(ctx).create(region.regionID, input);
      return { masterOrderID: created.masterOrderID, masterOrderNO: created.masterOrderNO, masterResourceID: created.masterResourceID, regionID: region.regionID };
    });
    const status = resourceStatus(order, "started");
    // Inferred (api-notes §2.1): the id is reported once the LB is started, like NAT gateways and bandwidths.
    return { ...placed, masterResourceStatus: status, elbID: status === "started" ? (order?.resourceIds[0] ?? "") : "" };
  },
});

const showLoadBalancer = defineRoute({
  method: "GET", path: "/v4/elb/show-loadbalancer", operation: "ShowLoadBalancer", service: "ctelb",
  input: z.object({}),
  handle(ctx, { region, params }) {
    const lbs = new LoadBalancers(ctx);
    const elbID = objectId(params, "elbID");
    // A show observes the LB's orders in flight (a spec change, a refund), as TF's spec polling expects.
    for (const order of lbs.pendingOrders(region.regionID, elbID)) ctx.orders.poll(order.masterOrderID);
    // An array of one (TF takes [0]); a missing LB is a 900, never an empty array.
    return [loadBalancerView(ctx, lbs.require(region.regionID, elbID), region.regionID)];
  },
});

const listLoadBalancers = defineRoute({
  method: "GET", path: "/v4/elb/list-loadbalancer", operation: "ListLoadBalancer", service: "ctelb",
  input: z.object({}),
  handle: (ctx, { region, params }) =>
    new LoadBalancers(ctx)
      .list(region.regionID, { ids: idsFilter(params), resourceType: textFilter(params, "resourceType"), name: textFilter(params, "name"), subnetID: textFilter(params, "subnetID") })
      .map((lb) => loadBalancerView(ctx, lb, region.regionID)),
});

const updateLoadBalancer = defineRoute({
  method: "POST", path: "/v4/elb/update-loadbalancer", operation: "UpdateLoadBalancer", service: "ctelb",
  input: z.object({ clientToken: clientToken.optional(), name: optionalText, description: optionalText, deleteProtection: optionalFlag, slaName: optionalText }),
  handle(ctx, { input, region, params }) {
    const elbID = objectId(params, "elbID");
    return ctx.idempotent(() => {
      // slaName here would change a pgelb's spec without an order: pgelb specs change through modify-pgelb-spec.
      if (input.slaName !== undefined && input.slaName !== "" && input.slaName !== new LoadBalancers(ctx).require(region.regionID, elbID).slaName) {
        throw new InvalidParameterError(`slaName of load balancer ${elbID} changes through modify-pgelb-spec (a billing order)`);
      }
      new LoadBalancers(ctx).update(region.regionID, elbID, { name: input.name, description: input.description, deleteProtection: input.deleteProtection });
      return { ID: elbID };
    });
  },
});

const modifyPgelbSpec = defineRoute({
  method: "POST", path: "/v4/elb/modify-pgelb-spec", operation: "ModifyPgelbSpec", service: "ctelb",
  input: z.object({ clientToken, elbID: z.string({ error: "is required" }).min(1, "is required"), slaName, payVoucherPrice }),
  handle(ctx, { input, region }) {
    const { placed, order } = placeOrReplay(ctx, () => {
      const modified = new LoadBalancers(ctx).modifySpec(region.regionID, input.elbID, input.slaName);
      return { masterOrderID: modified.masterOrderID, masterOrderNO: modified.masterOrderNO, regionID: region.regionID };
    });
    return { ...placed, masterResourceStatus: resourceStatus(order, "changed"), masterResourceID: "", elbID: input.elbID };
  },
});

const refundPgelb = defineRoute({
  method: "POST", path: "/v4/elb/refund-pgelb", operation: "RefundPgelb", service: "ctelb",
  input: z.object({ clientToken, elbID: z.string({ error: "is required" }).min(1, "is required") }),
  handle(ctx, { input, region }) {
    const { placed, order } = placeOrReplay(ctx, () => {
      const refund = new LoadBalancers(ctx).refund(region.regionID, input.elbID);
      return { masterOrderID: refund.masterOrderID, masterOrderNO: refund.masterOrderNO, regionID: region.regionID };
    });
    return { ...placed, masterResourceStatus: resourceStatus(order, "refunded") };
  },
});

export const LOAD_BALANCER_ROUTES: readonly RouteDefinition[] = [createPgelb, showLoadBalancer, listLoadBalancers, updateLoadBalancer, modifyPgelbSpec, refundPgelb];
