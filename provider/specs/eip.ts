/**
 * Eip (spec D.5, D.0.2): an elastic public IPv4 address bought through a billing order.
 *
 * - create: place the order with the create's clientToken, wait for it, take the EIP id from the
 *   order (`ctx.created` at once), wait until show sees it. If the wait times out, the create
 *   journal keeps the clientToken, so the next `pulumi up` replays the create, gets the same order
 *   back from the cloud and resumes waiting: no second EIP is bought. A failed order leaves nothing.
 * - update: name via change-name; bandwidth via modify-spec + its order. When the cloud answers
 *   `Openapi.Order.Inprogress` (another order of this EIP is running) the handler waits for that
 *   order, re-reads the EIP and places its own again.
 * - delete: refuses while the EIP is associated (delete the EipAssociation first), then the
 *   unsubscribe order, then waits until show says not found.
 */
import { z } from "zod";
import { hasKind, isServiceError } from "../client/errors";
import { waitForOrder } from "../client/orders";
import { ChangeEipName, CreateEip, DeleteEip, EIP_NOT_FOUND, ModifyEipSpec, ORDER_IN_PROGRESS, ShowEip, type EipRecord } from "../client/operations/eip";
import type { HandlerContext } from "../lifecycle/context";
import { billing, billingCycle, ctyunName, projectId, regionId } from "../lifecycle/fields";
import { defineResource } from "../lifecycle/spec";
import { waitForState } from "../lifecycle/waits";
import { placeOrderAndWait } from "./order-rounds";

export const EIP_BANDWIDTH = { min: 1, max: 1024 } as const;
/** What users write for on-demand charging, and what the API calls it. */
const CHARGE_BY_WIRE = { bandwidth: "bandwidth", traffic: "upflowc" } as const;

const bandwidthRule = `must be a whole number of Mbps from ${EIP_BANDWIDTH.min} to ${EIP_BANDWIDTH.max}`;

const inputs = z.object({
  name: ctyunName(32),
  bandwidth: z
    .number({ error: bandwidthRule })
    .refine((n) => Number.isInteger(n) && n >= EIP_BANDWIDTH.min && n <= EIP_BANDWIDTH.max, bandwidthRule)
    .default(1),
  billing: billing({ maxYears: 3, chargeBy: { values: ["bandwidth", "traffic"], default: "bandwidth" } }).default({ mode: "onDemand", chargeBy: "bandwidth" }),
  regionId,
  projectId: projectId.optional(),
});

type EipInputs = z.output<typeof inputs>;

export interface EipOutputs {
  eipId: string;
  address: string;
  /** show's status, lower-cased: `down` (unbound), `active` (bound), `updating`, `deleting`, … */
  status: string;
  bandwidth: number;
  /** End of a monthly/yearly term (RFC 3339); absent for on-demand EIPs. */
  expireTime: string | undefined;
}

const project = (projectID: string | undefined) => (projectID ? { projectID } : {});

export async function showEip(ctx: HandlerContext, regionID: string, eipID: string): Promise<EipRecord> {
  return ctx.client.send(ShowEip, { regionID, eipID });
}

/** show, or undefined when the cloud says the EIP does not exist. */
export async function findEip(ctx: HandlerContext, regionID: string, eipID: string): Promise<EipRecord | undefined> {
  try {
    return await showEip(ctx, regionID, eipID);
  } catch (error) {
    if (isServiceError(error, EIP_NOT_FOUND)) return undefined;
    throw error;
  }
}

function outputsOf(eip: EipRecord): EipOutputs {
  return { eipId: eip.ID, address: eip.eipAddress, status: eip.status.toLowerCase(), bandwidth: eip.bandwidth, expireTime: eip.expiredAt ?? undefined };
}

/** `current` is the EIP as just read; later rounds (after waiting for another order) read it again. */
async function changeBandwidth(ctx: HandlerContext, regionID: string, eipID: string, bandwidth: number, current: EipRecord): Promise<EipRecord> {
  let known: EipRecord | undefined = current;
  await placeOrderAndWait(ctx, `bandwidth change of EIP ${eipID} to ${bandwidth} Mbps`, "order", async () => {
    const current = known ?? (await showEip(ctx, regionID, eipID));
    known = undefined;
    // UPDATING: an order may still move the bandwidth away from the target; modify-spec then names it.
    if (current.bandwidth === bandwidth && current.status !== "UPDATING") return undefined;
    return ctx.client.send(ModifyEipSpec, { regionID, eipID, bandwidth });
  });
  return waitForState(
    ctx,
    `EIP ${eipID} to show ${bandwidth} Mbps`,
    () => showEip(ctx, regionID, eipID),
    (eip) => eip.bandwidth === bandwidth && eip.status !== "UPDATING",
    (eip) => `${eip.bandwidth} Mbps, ${eip.status.toLowerCase()}`,
  );
}

function stillAssociated(eip: EipRecord): Error {
  if (eip.associationType === "LOADBALANCER") {
    return new Error(`EIP ${eip.ID} (${eip.eipAddress}) is still the public address of load balancer ${eip.associationID}: delete that LoadBalancer first, then run again`);
  }
  const target = eip.associationType === "VIP" ? `VIP ${eip.associationID}` : `instance ${eip.associationID}`;
  return new Error(
    `EIP ${eip.ID} (${eip.eipAddress}) is still associated with ${target}: delete its EipAssociation first ` +
      `(Pulumi does so when the association uses this Eip's eipId), or disassociate it, then run again`,
  );
}

export const eipSpec = defineResource({
  type: "Eip",
  inputs,
  outputs: { eipId: true, address: true, status: true, bandwidth: true, expireTime: true },
  createOnly: ["billing", "regionId", "projectId"],
  settingDefaults: { regionId: "regionId", projectId: "projectId" },
  autoName: { property: "name", maxLength: 32, mustStartWithLetter: true },
  notFoundCodes: [EIP_NOT_FOUND],
  timeouts: { create: 10 * 60_000, update: 10 * 60_000, delete: 10 * 60_000 },
  idOutput: "eipId",

  async create(ctx, args: EipInputs) {
    const regionID = args.regionId;
    const placed = await ctx.client.send(CreateEip, {
      clientToken: ctx.clientToken,
      regionID,
      ...project(args.projectId),
      ...billingCycle(args.billing),
      ...(args.billing.mode === "onDemand" ? { demandBillingType: CHARGE_BY_WIRE[args.billing.chargeBy ?? "bandwidth"] } : {}),
      name: args.name,
      bandwidth: args.bandwidth,
    });
    let eipId: string | undefined;
    try {
      const order = await waitForOrder(ctx.client, placed.masterOrderID, "order", ctx.waitTiming(`EIP order ${placed.masterOrderID}`));
      eipId = order.resourceIds[0];
    } catch (error) {
      if (hasKind(error, "waiter-timeout")) {
        ctx.progress(
          `EIP order ${placed.masterOrderID} is still running; run \`pulumi up\` again without changing this Eip's inputs to resume waiting for it ` +
            `(the same order is reused, no second EIP is bought)`,
        );
      }
      throw error;
    }
    if (eipId === undefined) throw new Error(`EIP order ${placed.masterOrderID} finished without reporting the EIP id`);
    ctx.created(eipId, { eipId });
    const eip = await waitForState(
      ctx,
      `EIP ${eipId} to be visible`,
      () => findEip(ctx, regionID, eipId as string),
      (found) => found !== undefined,
      () => "not visible yet",
    );
    return { id: eipId, outputs: outputsOf(eip as EipRecord) };
  },

  async read(ctx, id, state) {
    const eip = await showEip(ctx, state["regionId"] as string, id);
    if (eip.status === "DELETED") return undefined;
    return { inputs: { name: eip.name, bandwidth: eip.bandwidth }, outputs: outputsOf(eip) };
  },

  async update(ctx, id, _olds, news: EipInputs, changed) {
    const regionID = news.regionId;
    // `changed` empty: resuming a partial create or adopting — converge whatever differs.
    const wanted = (key: string): boolean => changed.length === 0 || changed.includes(key);
    const current = await showEip(ctx, regionID, id);
    // The latest view of the EIP, if nothing changed it since it was read.
    let latest: EipRecord | undefined = current;
    if (wanted("name") && current.name !== news.name) {
      await ctx.client.send(ChangeEipName, { regionID, eipID: id, name: news.name });
      latest = undefined;
    }
    if (wanted("bandwidth") && (current.bandwidth !== news.bandwidth || current.status === "UPDATING")) {
      latest = await changeBandwidth(ctx, regionID, id, news.bandwidth, current);
    }
    return outputsOf(latest ?? (await showEip(ctx, regionID, id)));
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    const projectID = state["projectId"] as string | undefined;
    await placeOrderAndWait(ctx, `unsubscribe of EIP ${id}`, "refund", async () => {
      const eip = await findEip(ctx, regionID, id);
      if (eip === undefined) return undefined;
      if (eip.associationID) throw stillAssociated(eip);
      try {
        return await ctx.client.send(DeleteEip, { regionID, eipID: id, ...project(projectID) });
      } catch (error) {
        // Whatever the refusal's code, a read tells whether a binding made since is the reason
        // (another order in flight has its own, documented code, which the caller waits out).
        if (!isServiceError(error) || isServiceError(error, ORDER_IN_PROGRESS)) throw error;
        const now = await findEip(ctx, regionID, id);
        throw now?.associationID ? stillAssociated(now) : error;
      }
    });
    // The cloud answered the delete (and any order it placed finished): no read is spent on the not-found.
  },
});
