/**
 * LoadBalancer (emulator/api-notes/elb.md §2): a performance-guaranteed ("pgelb") load balancer in a
 * subnet, bought through a billing order; external ones take an EIP as their public address.
 *
 * - create: create-pgelb with the create's clientToken, then its order (`waitForOrder`); the id comes
 *   from the order, or — when the order names none — from create-pgelb replayed with the same
 *   clientToken, which answers `started` with the `elbID` (CTyun's Terraform provider polls that way).
 *   `ctx.created` at once, then show until it is ACTIVE (then delete protection, which create-pgelb
 *   does not take, is switched on when asked for). A rerun after a crash replays the same
 *   clientToken and gets the same order back: no second load balancer is bought.
 * - update: name, description and delete protection in place (update-loadbalancer); the spec through
 *   modify-pgelb-spec and its order, then show until it reports the new spec. When another order of
 *   the LB runs (`Openapi.Order.Inprogress` naming it) the handler waits for it and places its own.
 * - delete: refused up front while delete protection is on; refund-pgelb, retried while listeners
 *   (read from the cloud) are still going away, then its order, then until the LB is gone.
 */
import { isIPv4 } from "node:net";
import { z } from "zod";
import { hasKind, isServiceError, type CtyunServiceError } from "../client/errors";
import { waitForOrder } from "../client/orders";
import { ShowEip } from "../client/operations/eip";
import { CreatePgelb, ListLoadBalancers, ModifyPgelbSpec, ORDER_IN_PROGRESS, PGELB_SPECS, RefundPgelb, ShowLoadBalancer, UpdateLoadBalancer, type LoadBalancerRecord } from "../client/operations/elb";
import { ListListeners } from "../client/operations/elb-listeners";
import type { HandlerContext } from "../lifecycle/context";
import { billing, billingCycle, ctyunName, description, prefixedId, projectId, regionId } from "../lifecycle/fields";
import { defineResource } from "../lifecycle/spec";
import { retryWhileHeld, waitForState, waitUntilGone } from "../lifecycle/waits";
import { findElbObject } from "./elb-common";

/** How many times an operation waits for someone else's order before giving up. */
const MAX_ORDER_ROUNDS = 5;

const inputs = z.object({
  name: ctyunName(32),
  description: description(),
  subnetId: prefixedId("subnet"),
  type: z.enum(["internal", "external"], { error: 'must be "internal" (a private address only) or "external" (with an EIP)' }).optional(),
  eipId: prefixedId("eip").optional(),
  spec: z.enum(PGELB_SPECS, { error: `must be one of ${PGELB_SPECS.join(", ")}` }).default("elb.s2.small"),
  privateIp: z.string().refine((value) => isIPv4(value), "must be an IPv4 address of the subnet").optional(),
  deleteProtection: z.boolean().default(false),
  billing: billing({ maxYears: 3 }).default({ mode: "onDemand" }),
  regionId,
  projectId: projectId.optional(),
});

type LoadBalancerInputs = z.output<typeof inputs>;

export interface LoadBalancerOutputs {
  loadBalancerId: string;
  vpcId: string | undefined;
  privateAddress: string | undefined;
  publicAddress: string | undefined;
  status: string | undefined;
}

const project = (projectID: string | undefined) => (projectID ? { projectID } : {});

export async function showLoadBalancer(ctx: HandlerContext, regionID: string, elbID: string): Promise<LoadBalancerRecord> {
  const [lb] = await ctx.client.send(ShowLoadBalancer, { regionID, elbID });
  if (!lb) throw new Error(`show-loadbalancer answered no load balancer for ${elbID}`);
  return lb;
}

/** The load balancer, or undefined when the region's list does not have it. */
export function findLoadBalancer(ctx: HandlerContext, regionID: string, elbID: string): Promise<LoadBalancerRecord | undefined> {
  return findElbObject(() => showLoadBalancer(ctx, regionID, elbID), () => ctx.client.send(ListLoadBalancers, { regionID }), elbID);
}

async function outputsOf(ctx: HandlerContext, regionID: string, lb: LoadBalancerRecord): Promise<LoadBalancerOutputs> {
  const eipID = lb.eipInfo?.[0]?.eipID ?? undefined;
  const publicAddress = eipID ? (await ctx.client.send(ShowEip, { regionID, eipID }).catch(() => undefined))?.eipAddress : undefined;
  return { loadBalancerId: lb.ID, vpcId: lb.vpcID ?? undefined, privateAddress: lb.privateIpAddress || undefined, publicAddress, status: lb.status?.toLowerCase() };
}

/** The order a 900 `Openapi.Order.Inprogress` names, if that is what `error` is. */
function runningOrderOf(error: unknown): string | undefined {
  if (!isServiceError(error, ORDER_IN_PROGRESS)) return undefined;
  const id = ((error as CtyunServiceError).returnObj as { masterOrderID?: unknown } | null)?.masterOrderID;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/** Runs `place`; when another order of the LB runs, waits for it (its failure is not ours) and places again. */
async function placeAfterOthers<T>(ctx: HandlerContext, what: string, place: () => Promise<T>): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await place();
    } catch (error) {
      const running = runningOrderOf(error);
      if (running === undefined || round >= MAX_ORDER_ROUNDS) throw error;
      ctx.progress(`${what}: another order of this load balancer is still running (${running}); waiting for it first`);
      await waitForOrder(ctx.client, running, "refund", ctx.waitTiming(`order ${running}`)).catch((waitError: unknown) => {
        if (!hasKind(waitError, "order-failed")) throw waitError;
      });
    }
  }
}

function settled(ctx: HandlerContext, regionID: string, elbID: string, spec?: string): Promise<LoadBalancerRecord> {
  return waitForState(
    ctx,
    spec ? `load balancer ${elbID} to report spec ${spec}` : `load balancer ${elbID} to be active`,
    () => findLoadBalancer(ctx, regionID, elbID),
    (lb) => lb !== undefined && lb.status === "ACTIVE" && (spec === undefined || lb.slaName === spec),
    (lb) => (lb ? `${lb.status ?? "?"}, ${lb.slaName ?? "?"}` : "not visible yet"),
  ) as Promise<LoadBalancerRecord>;
}

async function changeSpec(ctx: HandlerContext, regionID: string, elbID: string, spec: LoadBalancerInputs["spec"]): Promise<LoadBalancerRecord> {
  const placed = await placeAfterOthers(ctx, `spec change of load balancer ${elbID}`, async () => {
    const current = await showLoadBalancer(ctx, regionID, elbID);
    if (current.slaName === spec) return undefined;
    return ctx.client.send(ModifyPgelbSpec, { regionID, elbID, slaName: spec });
  });
  if (placed) await waitForOrder(ctx.client, placed.masterOrderID, "order", ctx.waitTiming(`spec change order ${placed.masterOrderID}`));
  return settled(ctx, regionID, elbID, spec);
}

async function listenersOf(ctx: HandlerContext, regionID: string, elbID: string): Promise<string[]> {
  return (await ctx.client.send(ListListeners, { regionID, loadBalancerID: elbID })).map((l) => `listener ${l.ID} (${l.protocol}:${l.protocolPort})`);
}

export const loadBalancerSpec = defineResource({
  type: "LoadBalancer",
  inputs,
  outputs: { loadBalancerId: true, vpcId: true, privateAddress: true, publicAddress: true, status: true },
  createOnly: ["subnetId", "type", "eipId", "privateIp", "billing", "regionId", "projectId"],
  settingDefaults: { regionId: "regionId", projectId: "projectId" },
  autoName: { property: "name", maxLength: 32, mustStartWithLetter: true },
  // No ELB error code is documented: gone-ness is read from the cloud (elb-common.ts).
  notFoundCodes: [],
  timeouts: { create: 20 * 60_000, update: 20 * 60_000, delete: 20 * 60_000 },
  idOutput: "loadBalancerId",

  // An EIP makes it external (the EIP may still be unknown in a preview: it is there, so external).
  defaults: (args, known) => (known("type") ? {} : { type: args.eipId !== undefined ? ("external" as const) : ("internal" as const) }),

  crossCheck(args, known, _olds, given) {
    if (!known("type")) return [];
    if (args.type === "external" && !given("eipId")) return [{ property: "eipId", reason: "is required for an external load balancer (its public address)" }];
    if (args.type === "internal" && given("eipId")) return [{ property: "eipId", reason: 'applies only to external load balancers (type "external")' }];
    return [];
  },

  // Names are unique in the region, and an EIP or address serves one LB: the old one goes first.
  deleteBeforeReplace(olds, news: LoadBalancerInputs) {
    if (olds["regionId"] !== news.regionId) return false;
    return olds["name"] === news.name || (news.eipId !== undefined && olds["eipId"] === news.eipId) || (news.privateIp !== undefined && olds["privateIp"] === news.privateIp);
  },

  async create(ctx, args: LoadBalancerInputs) {
    const regionID = args.regionId;
    const request = {
      clientToken: ctx.clientToken,
      regionID,
      ...project(args.projectId),
      subnetID: args.subnetId,
      name: args.name,
      ...(args.description !== "" ? { description: args.description } : {}),
      ...(args.eipId !== undefined ? { eipID: args.eipId } : {}),
      slaName: args.spec,
      resourceType: args.type ?? "internal",
      ...(args.privateIp !== undefined ? { privateIpAddress: args.privateIp } : {}),
      ...billingCycle(args.billing),
    };
    const placed = await ctx.client.send(CreatePgelb, request);
    let elbID = placed.masterResourceStatus === "started" && placed.elbID ? placed.elbID : undefined;
    if (elbID === undefined) {
      try {
        const order = await waitForOrder(ctx.client, placed.masterOrderID, "order", ctx.waitTiming(`load balancer order ${placed.masterOrderID}`));
        elbID = order.resourceIds[0];
      } catch (error) {
        if (hasKind(error, "waiter-timeout")) {
          ctx.progress(`load balancer order ${placed.masterOrderID} is still running; run \`pulumi up\` again without changing this LoadBalancer's inputs to resume waiting for it (the same order is reused, nothing is bought twice)`);
        }
        throw error;
      }
      // The order named no id: the replayed create names it once the LB is started.
      if (elbID === undefined) elbID = (await ctx.client.send(CreatePgelb, request)).elbID || undefined;
    }
    if (elbID === undefined) throw new Error(`load balancer order ${placed.masterOrderID} finished without naming the load balancer`);
    ctx.created(elbID, { loadBalancerId: elbID });
    let lb = await settled(ctx, regionID, elbID);
    // create-pgelb takes no delete protection: it is switched on once the LB exists.
    if (args.deleteProtection && !lb.deleteProtection) {
      await ctx.client.send(UpdateLoadBalancer, { regionID, elbID, deleteProtection: true });
      lb = await showLoadBalancer(ctx, regionID, elbID);
    }
    return { id: elbID, outputs: await outputsOf(ctx, regionID, lb) };
  },

  async read(ctx, id, state) {
    const regionID = state["regionId"] as string;
    const lb = await findLoadBalancer(ctx, regionID, id);
    if (!lb) return undefined;
    const eipId = lb.eipInfo?.[0]?.eipID || undefined;
    return {
      inputs: {
        name: lb.name,
        description: lb.description ?? "",
        ...(lb.subnetID ? { subnetId: lb.subnetID } : {}),
        ...(lb.resourceType === "internal" || lb.resourceType === "external" ? { type: lb.resourceType as "internal" | "external" } : {}),
        eipId,
        ...(lb.slaName && (PGELB_SPECS as readonly string[]).includes(lb.slaName) ? { spec: lb.slaName as LoadBalancerInputs["spec"] } : {}),
        // Reported only when the program chose the address (else the cloud's pick is no drift).
        ...(state["privateIp"] !== undefined && lb.privateIpAddress ? { privateIp: lb.privateIpAddress } : {}),
        deleteProtection: lb.deleteProtection ?? false,
      },
      outputs: await outputsOf(ctx, regionID, lb),
    };
  },

  async update(ctx, id, _olds, news: LoadBalancerInputs, changed) {
    const regionID = news.regionId;
    // `changed` empty: resuming a partial create or adopting — converge whatever differs.
    const current = await settled(ctx, regionID, id);
    const change = {
      ...(current.name !== news.name ? { name: news.name } : {}),
      ...((current.description ?? "") !== news.description ? { description: news.description } : {}),
      ...((current.deleteProtection ?? false) !== news.deleteProtection ? { deleteProtection: news.deleteProtection } : {}),
    };
    if (Object.keys(change).length > 0 && (changed.length === 0 || ["name", "description", "deleteProtection"].some((k) => changed.includes(k)))) {
      await ctx.client.send(UpdateLoadBalancer, { regionID, elbID: id, ...change });
    }
    const latest = current.slaName !== news.spec ? await changeSpec(ctx, regionID, id, news.spec) : await showLoadBalancer(ctx, regionID, id);
    return outputsOf(ctx, regionID, latest);
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    const lb = await findLoadBalancer(ctx, regionID, id);
    if (!lb) return;
    if (lb.deleteProtection) {
      throw new Error(`load balancer ${id} has delete protection on: set deleteProtection to false (and run \`pulumi up\`) before deleting it`);
    }
    const refund = await placeAfterOthers(ctx, `refund of load balancer ${id}`, async () => {
      if (!(await findLoadBalancer(ctx, regionID, id))) return undefined;
      return retryWhileHeld(ctx, `load balancer ${id} to have no listeners`, () => ctx.client.send(RefundPgelb, { regionID, elbID: id }), () => listenersOf(ctx, regionID, id));
    });
    if (refund) await waitForOrder(ctx.client, refund.masterOrderID, "refund", ctx.waitTiming(`refund order ${refund.masterOrderID}`));
    await waitUntilGone(ctx, `load balancer ${id}`, async () => (await findLoadBalancer(ctx, regionID, id)) !== undefined, []);
  },
});
