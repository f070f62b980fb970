/**
 * Shared-bandwidth operations (api-notes/bandwidth.md; ctvpc host). Create answers from its order on
 * every replay; modify-spec answers an object (TF's old layer decodes one); describe and new-list rows
 * carry `status` upper case and `bandwidth` an integer.
 */
import { z } from "zod";
import type { EngineContext } from "../../engine/context";
import { defineRoute } from "../route";
import { listResult, paginate, readPaging } from "../shared/paging";
import type { RouteDefinition } from "../types";
import { BandwidthBackend } from "./backend";
import { BandwidthOrders } from "./orders";
import type { BandwidthRecord } from "./records";
import { CYCLE_TYPES } from "./rules";

const requiredToken = z.string({ error: "is required (1-64 characters)" }).min(1, "is required (1-64 characters)").max(64, "must be 1-64 characters");
const bandwidthID = z.string({ error: "is required" }).min(1, "is required");
const mbps = z.number({ error: "must be an integer" }).int("must be an integer");
const eipIDs = z.array(z.string({ error: "must be an array of EIP ids" }), { error: "must be an array of EIP ids" });

function bandwidthView(ctx: EngineContext, regionId: string, found: BandwidthRecord): Record<string, unknown> {
  const eips = ctx.backend("eip");
  return {
    id: found.id,
    name: found.name,
    status: found.status,
    bandwidth: found.bandwidth,
    createdAt: found.createdAt,
    expireAt: found.expireAt,
    eips: found.eipIDs.map((eipID) => {
      let ip = "";
      try {
        ip = eips.show(regionId, eipID).eipAddress;
      } catch {
        // An EIP that went leaves its package (index.ts); nothing to show meanwhile.
      }
      return { eipID, ip };
    }),
  };
}

const create = defineRoute({
  method: "POST", path: "/v4/bandwidth/create", operation: "CreateBandwidth", service: "ctvpc",
  input: z.object({
    clientToken: requiredToken,
    name: z.string({ error: "is required" }),
    bandwidth: mbps,
    cycleType: z.enum(CYCLE_TYPES, { error: "must be month, year or on_demand" }),
    cycleCount: mbps.optional(),
    projectID: z.string().optional(),
    payVoucherPrice: z.string().optional(),
  }),
  handle(ctx, { input, region }) {
    const orders = new BandwidthOrders(ctx);
    let fresh = false;
    const placed = ctx.idempotent(() => {
      fresh = true;
      return orders.create(region.regionID, input);
    });
    return orders.createAnswer(placed, !fresh);
  },
});

const describe = defineRoute({
  method: "GET", path: "/v4/bandwidth/describe", operation: "DescribeBandwidth", service: "ctvpc",
  input: z.object({ bandwidthID, projectID: z.string().optional() }),
  handle: (ctx, { input, region }) => bandwidthView(ctx, region.regionID, new BandwidthBackend(ctx).require(region.regionID, input.bandwidthID, input.projectID)),
});

const list = defineRoute({
  method: "GET", path: "/v4/bandwidth/new-list", operation: "NewListBandwidths", service: "ctvpc",
  input: z.object({ queryContent: z.string().optional(), projectID: z.string().optional() }),
  handle(ctx, { input, region, params }) {
    const page = paginate(new BandwidthBackend(ctx).list(region.regionID, input), readPaging(params));
    return listResult("bandwidths", page, (found) => bandwidthView(ctx, region.regionID, found));
  },
});

const rename = defineRoute({
  method: "POST", path: "/v4/bandwidth/modify-attribute", operation: "ModifyBandwidthAttribute", service: "ctvpc",
  input: z.object({ clientToken: z.string().optional(), bandwidthID, name: z.string({ error: "is required" }) }),
  handle(ctx, { input, region }) {
    new BandwidthBackend(ctx).rename(region.regionID, input.bandwidthID, input.name);
    return null;
  },
});

const modifySpec = defineRoute({
  method: "POST", path: "/v4/bandwidth/modify-spec", operation: "ModifyBandwidthSpec", service: "ctvpc",
  input: z.object({ clientToken: requiredToken, bandwidthID, bandwidth: mbps, payVoucherPrice: z.string().optional() }),
  handle: (ctx, { input, region }) => ctx.idempotent(() => ({ ...new BandwidthOrders(ctx).modifySpec(region.regionID, input.bandwidthID, input.bandwidth), regionID: region.regionID })),
});

const remove = defineRoute({
  method: "POST", path: "/v4/bandwidth/delete", operation: "DeleteBandwidth", service: "ctvpc",
  input: z.object({ clientToken: requiredToken, bandwidthID, projectID: z.string().optional() }),
  handle: (ctx, { input, region }) =>
    ctx.idempotent(() => ({ ...new BandwidthOrders(ctx).delete(region.regionID, input.bandwidthID, input.projectID), regionID: region.regionID, masterResourceStatus: "refunded" })),
});

const associate = defineRoute({
  method: "POST", path: "/v4/bandwidth/associate-eip", operation: "AssociateEipToBandwidth", service: "ctvpc",
  input: z.object({ clientToken: z.string().optional(), bandwidthID, eipIDs, projectID: z.string().optional() }),
  handle: (ctx, { input, region }) =>
    ctx.idempotent(() => {
      new BandwidthBackend(ctx).associate(region.regionID, input.bandwidthID, input.eipIDs);
      return null;
    }),
});

const disassociate = defineRoute({
  method: "POST", path: "/v4/bandwidth/disassociate-eip", operation: "DisassociateEipFromBandwidth", service: "ctvpc",
  input: z.object({ clientToken: z.string().optional(), bandwidthID, eipIDs, projectID: z.string().optional() }),
  handle: (ctx, { input, region }) =>
    ctx.idempotent(() => {
      new BandwidthBackend(ctx).disassociate(region.regionID, input.bandwidthID, input.eipIDs);
      return null;
    }),
});

export const BANDWIDTH_ROUTES: readonly RouteDefinition[] = [create, describe, list, rename, modifySpec, remove, associate, disassociate];
