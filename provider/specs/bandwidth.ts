/**
 * Bandwidth (emulator/api-notes/bandwidth.md §2): a shared bandwidth package (共享带宽) bought
 * through a billing order; on-demand EIPs join it with `BandwidthEipAttachment`.
 *
 * - create: place the order with the create's clientToken; the id comes from the create's own
 *   answer once present, else from the order; `ctx.created` at once, then wait until describe sees it.
 * - update: name via modify-attribute, then bandwidth via modify-spec and its order (waiting out
 *   another running order of the package: `Openapi.Order.Inprogress`), as TF orders them.
 * - delete: the unsubscribe order, retried while describe still lists EIPs in the package, then
 *   wait until describe answers `Openapi.Sharedbandwidth.NotFound` (official: TF checks it).
 */
import { z } from "zod";
import { hasKind, isServiceError } from "../client/errors";
import { waitForOrder } from "../client/orders";
import { CreateBandwidth, DeleteBandwidth, DescribeBandwidth, ModifyBandwidthAttribute, ModifyBandwidthSpec, SHARED_BANDWIDTH_NOT_FOUND, type BandwidthRecord } from "../client/operations/bandwidth";
import type { HandlerContext } from "../lifecycle/context";
import { billing, billingCycle, projectId, regionId } from "../lifecycle/fields";
import { defineResource } from "../lifecycle/spec";
import { retryWhileHeld, waitForState, waitUntilGone } from "../lifecycle/waits";
import { placeOrderAndWait } from "./order-rounds";

export const SHARED_BANDWIDTH = { min: 5, max: 1000 } as const;
const mbpsRule = `must be a whole number of Mbps from ${SHARED_BANDWIDTH.min} to ${SHARED_BANDWIDTH.max}`;
const CN = "\\u4e00-\\u9fa5";
/** TF vpc/resource_ctyun_bandwidth.go: 2–63, a letter or Chinese character first. */
const NAME = new RegExp(`^[a-zA-Z${CN}][0-9a-zA-Z_${CN}-]{1,62}$`);

const inputs = z.object({
  name: z.string().regex(NAME, "must be 2-63 characters, starting with a letter or Chinese character, then letters, digits, Chinese characters, '_' or '-'"),
  bandwidth: z.number({ error: mbpsRule }).refine((n) => Number.isInteger(n) && n >= SHARED_BANDWIDTH.min && n <= SHARED_BANDWIDTH.max, mbpsRule),
  billing: billing({ maxYears: 3 }).default({ mode: "onDemand" }),
  regionId,
  projectId: projectId.optional(),
});

type BandwidthInputs = z.output<typeof inputs>;

export interface BandwidthOutputs {
  bandwidthId: string;
  /** Lower-cased from the API: `active`, `expired`, `freezing`. */
  status: string;
  /** The EIPs in the package (through `BandwidthEipAttachment`s, this stack's or others'). */
  eipIds: string[];
  /** RFC 3339. */
  createTime: string;
  /** End of a monthly/yearly term (RFC 3339); undefined on demand. */
  expireTime: string | undefined;
}

const project = (projectID: string | undefined) => (projectID ? { projectID } : {});

export async function describeBandwidth(ctx: HandlerContext, regionID: string, bandwidthID: string): Promise<BandwidthRecord> {
  return ctx.client.send(DescribeBandwidth, { regionID, bandwidthID });
}

/** describe, or undefined when the cloud says the package does not exist. */
export async function findBandwidth(ctx: HandlerContext, regionID: string, bandwidthID: string): Promise<BandwidthRecord | undefined> {
  try {
    return await describeBandwidth(ctx, regionID, bandwidthID);
  } catch (error) {
    if (isServiceError(error, SHARED_BANDWIDTH_NOT_FOUND)) return undefined;
    throw error;
  }
}

function outputsOf(found: BandwidthRecord): BandwidthOutputs {
  return { bandwidthId: found.id, status: found.status.toLowerCase(), eipIds: found.eips.map((e) => e.eipID), createTime: found.createdAt ?? "", expireTime: found.expireAt || undefined };
}

async function resize(ctx: HandlerContext, regionID: string, id: string, bandwidth: number): Promise<BandwidthRecord> {
  await placeOrderAndWait(ctx, `bandwidth change of shared bandwidth ${id} to ${bandwidth} Mbps`, "order", async () => {
    if ((await describeBandwidth(ctx, regionID, id)).bandwidth === bandwidth) return undefined;
    return ctx.client.send(ModifyBandwidthSpec, { regionID, bandwidthID: id, bandwidth });
  });
  return waitForState(ctx, `shared bandwidth ${id} to show ${bandwidth} Mbps`, () => describeBandwidth(ctx, regionID, id), (found) => found.bandwidth === bandwidth, (found) => `${found.bandwidth} Mbps`);
}

export const bandwidthSpec = defineResource({
  type: "Bandwidth",
  inputs,
  outputs: { bandwidthId: true, status: true, eipIds: true, createTime: true, expireTime: true },
  createOnly: ["billing", "regionId", "projectId"],
  settingDefaults: { regionId: "regionId", projectId: "projectId" },
  autoName: { property: "name", maxLength: 63, mustStartWithLetter: true },
  notFoundCodes: [SHARED_BANDWIDTH_NOT_FOUND],
  timeouts: { create: 10 * 60_000, update: 10 * 60_000, delete: 10 * 60_000 },
  idOutput: "bandwidthId",

  // Names are unique in the region: a replacement keeping its name goes after the old one is gone.
  deleteBeforeReplace(olds, news: BandwidthInputs) {
    return olds["name"] === news.name && olds["regionId"] === news.regionId;
  },

  async create(ctx, args: BandwidthInputs) {
    const regionID = args.regionId;
    const placed = await ctx.client.send(CreateBandwidth, {
      clientToken: ctx.clientToken,
      regionID,
      name: args.name,
      bandwidth: args.bandwidth,
      ...billingCycle(args.billing),
      ...project(args.projectId),
    });
    let id = placed.bandwidthID || undefined;
    if (id === undefined) {
      try {
        id = (await waitForOrder(ctx.client, placed.masterOrderID, "order", ctx.waitTiming(`shared bandwidth order ${placed.masterOrderID}`))).resourceIds[0];
      } catch (error) {
        if (hasKind(error, "waiter-timeout")) {
          ctx.progress(
            `shared bandwidth order ${placed.masterOrderID} is still running; run \`pulumi up\` again without changing this Bandwidth's inputs to resume waiting for it ` +
              "(the same order is reused, nothing is bought twice)",
          );
        }
        throw error;
      }
    }
    if (id === undefined) throw new Error(`shared bandwidth order ${placed.masterOrderID} finished without reporting the package id`);
    const bandwidthId = id;
    ctx.created(bandwidthId, { bandwidthId });
    const found = await waitForState(ctx, `shared bandwidth ${bandwidthId} to be visible`, () => findBandwidth(ctx, regionID, bandwidthId), (value) => value !== undefined, () => "not visible yet");
    return { id: bandwidthId, outputs: outputsOf(found as BandwidthRecord) };
  },

  async read(ctx, id, state) {
    const found = await describeBandwidth(ctx, state["regionId"] as string, id);
    return { inputs: { name: found.name, bandwidth: found.bandwidth }, outputs: outputsOf(found) };
  },

  async update(ctx, id, _olds, news: BandwidthInputs) {
    const regionID = news.regionId;
    let found = await describeBandwidth(ctx, regionID, id);
    if (found.name !== news.name) {
      await ctx.client.send(ModifyBandwidthAttribute, { regionID, bandwidthID: id, name: news.name });
      found = await describeBandwidth(ctx, regionID, id);
    }
    if (found.bandwidth !== news.bandwidth) found = await resize(ctx, regionID, id, news.bandwidth);
    return outputsOf(found);
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    const projectID = state["projectId"] as string | undefined;
    await placeOrderAndWait(ctx, `unsubscribe of shared bandwidth ${id}`, "refund", async () => {
      if (!(await findBandwidth(ctx, regionID, id))) return undefined;
      // Refused while EIPs are in the package (whatever the code): retried while describe lists them.
      return retryWhileHeld(
        ctx,
        `shared bandwidth ${id} to have no EIPs`,
        () => ctx.client.send(DeleteBandwidth, { regionID, bandwidthID: id, ...project(projectID) }),
        async () => ((await findBandwidth(ctx, regionID, id))?.eips ?? []).map((e) => `EIP ${e.eipID}`),
      );
    });
    await waitUntilGone(ctx, `shared bandwidth ${id}`, async () => (await findBandwidth(ctx, regionID, id)) !== undefined, [SHARED_BANDWIDTH_NOT_FOUND]);
  },
});
