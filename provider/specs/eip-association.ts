/**
 * EipAssociation (spec D.6): binds an EIP to an ECS instance (`vm`) or a HAVIP (`vip`). Every input
 * replaces; the id is `<eipId>:<instanceId>`. It exists while show reports the EIP bound to this very
 * target: bound elsewhere, unbound or EIP gone all read as gone, and delete then has nothing to do.
 * Associate and disassociate are synchronous: associate is confirmed through show (for the
 * addresses it reports); disassociate's answer is the unbinding.
 */
import { z } from "zod";
import { isServiceError } from "../client/errors";
import { ASSOCIATION_TYPE_CODES, ASSOCIATION_TYPE_NAMES, AssociateEip, DisassociateEip, EIP_NOT_FOUND, type EipRecord } from "../client/operations/eip";
import type { HandlerContext } from "../lifecycle/context";
import { findEip, showEip } from "./eip";
import { prefixedId, projectId, regionId } from "../lifecycle/fields";
import { mayBeOwnEarlierWork } from "../lifecycle/ownership";
import { defineResource, type CheckFailure } from "../lifecycle/spec";
import { waitForState } from "../lifecycle/waits";

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const HAVIP = /^havip-[a-z0-9]{10}$/;

const inputs = z.object({
  eipId: prefixedId("eip"),
  instanceId: z.string({ error: "must be a string" }).min(1, "must not be empty"),
  associationType: z.enum(["vm", "vip"], { error: 'must be "vm" or "vip"' }).default("vm"),
  regionId,
  projectId: projectId.optional(),
});

type AssociationInputs = z.output<typeof inputs>;
type AssociationType = AssociationInputs["associationType"];

export interface EipAssociationOutputs {
  /** `<eipId>:<instanceId>`. */
  eipAssociationId: string;
  /** The EIP's public address. */
  address: string;
  /** The private address the EIP maps to (the instance's primary NIC; empty for a VIP). */
  privateIpAddress: string;
}

const SEPARATOR = ":";

export function associationId(eipId: string, instanceId: string): string {
  return `${eipId}${SEPARATOR}${instanceId}`;
}

function parseId(id: string): { eipId: string; instanceId: string } {
  const at = id.indexOf(SEPARATOR);
  if (at <= 0 || at === id.length - 1) throw new Error(`"${id}" is not an EipAssociation id: expected <eipId>:<instanceId>, e.g. eip-abcde12345:<instance UUID>`);
  return { eipId: id.slice(0, at), instanceId: id.slice(at + 1) };
}

function boundTo(eip: EipRecord, instanceId: string): boolean {
  return eip.associationID === instanceId;
}

function typeOf(eip: EipRecord): AssociationType {
  return eip.associationType === ASSOCIATION_TYPE_NAMES.vip ? "vip" : "vm";
}

function outputsOf(eip: EipRecord, instanceId: string): EipAssociationOutputs {
  return { eipAssociationId: associationId(eip.ID, instanceId), address: eip.eipAddress, privateIpAddress: eip.privateIpAddress ?? "" };
}

const project = (projectID: string | undefined) => (projectID ? { projectID } : {});

/** Binds, taking over a binding to this very target that already exists; then waits until show confirms it. */
async function associate(ctx: HandlerContext, args: AssociationInputs, clientToken: string | undefined): Promise<EipRecord> {
  try {
    await ctx.client.send(AssociateEip, {
      regionID: args.regionId,
      ...(clientToken ? { clientToken } : {}),
      eipID: args.eipId,
      associationID: args.instanceId,
      associationType: ASSOCIATION_TYPE_CODES[args.associationType],
      ...project(args.projectId),
    });
  } catch (error) {
    // Whatever the refusal's code: a binding to this very target that this create's earlier attempt
    // may have made is taken over; one made by somebody else is not.
    if (!isServiceError(error)) throw error;
    const eip = await findEip(ctx, args.regionId, args.eipId);
    if (!eip || !boundTo(eip, args.instanceId)) throw error;
    if (!mayBeOwnEarlierWork(ctx, error)) {
      const id = associationId(args.eipId, args.instanceId);
      throw new Error(`EIP ${args.eipId} is already bound to ${args.instanceId}, and not by this create: manage that binding with adoptId "${id}", or remove the duplicate from the program`, {
        cause: error,
      });
    }
  }
  return waitForState(
    ctx,
    `EIP ${args.eipId} to show the association with ${args.instanceId}`,
    () => showEip(ctx, args.regionId, args.eipId),
    (eip) => boundTo(eip, args.instanceId),
    (eip) => (eip.associationID ? `associated with ${eip.associationID}` : eip.status.toLowerCase()),
  );
}

export const eipAssociationSpec = defineResource({
  type: "EipAssociation",
  inputs,
  outputs: { eipAssociationId: true, address: true, privateIpAddress: true },
  createOnly: ["eipId", "instanceId", "associationType", "regionId", "projectId"],
  settingDefaults: { regionId: "regionId", projectId: "projectId" },
  notFoundCodes: [EIP_NOT_FOUND],
  timeouts: { create: 5 * 60_000, update: 5 * 60_000, delete: 5 * 60_000 },
  idOutput: "eipAssociationId",

  crossCheck(args, known): CheckFailure[] {
    if (!known("instanceId") || !known("associationType")) return [];
    const type = args.associationType;
    const id = args.instanceId as string;
    if (type === "vm" && !UUID.test(id)) return [{ property: "instanceId", reason: 'must be an ECS instance id (a UUID) when associationType is "vm"' }];
    if (type === "vip" && !HAVIP.test(id)) return [{ property: "instanceId", reason: 'must be a HAVIP id like havip-abcde12345 when associationType is "vip"' }];
    return [];
  },

  // The same EIP or the same target cannot be bound twice: remove the old binding first.
  deleteBeforeReplace(olds, news) {
    return olds["eipId"] === news.eipId || olds["instanceId"] === news.instanceId;
  },

  async create(ctx, args: AssociationInputs) {
    const id = associationId(args.eipId, args.instanceId);
    const eip = await associate(ctx, args, ctx.clientToken);
    ctx.created(id, { eipAssociationId: id });
    return { id, outputs: outputsOf(eip, args.instanceId) };
  },

  async read(ctx, id, state) {
    const { eipId, instanceId } = parseId(id);
    const eip = await showEip(ctx, state["regionId"] as string, eipId);
    if (!boundTo(eip, instanceId)) return undefined;
    return { inputs: { eipId, instanceId, associationType: typeOf(eip) }, outputs: outputsOf(eip, instanceId) };
  },

  // Nothing is updatable in place: converge (resume a partial create, or a binding lost meanwhile).
  async update(ctx, id, _olds, news: AssociationInputs) {
    const eip = await showEip(ctx, news.regionId, news.eipId);
    return outputsOf(boundTo(eip, news.instanceId) ? eip : await associate(ctx, news, undefined), parseId(id).instanceId);
  },

  async delete(ctx, id, state) {
    const { eipId, instanceId } = parseId(id);
    const regionID = state["regionId"] as string;
    const eip = await findEip(ctx, regionID, eipId);
    if (!eip || !boundTo(eip, instanceId)) return;
    try {
      await ctx.client.send(DisassociateEip, { regionID, eipID: eipId, ...project(state["projectId"] as string | undefined) });
    } catch (error) {
      // Unbound meanwhile (by someone else, or a first attempt whose answer was lost): done.
      const now = await findEip(ctx, regionID, eipId);
      if (now && boundTo(now, instanceId)) throw error;
      return;
    }
    // disassociate is synchronous (its answer is the unbinding): no read is spent confirming it.
  },
});
