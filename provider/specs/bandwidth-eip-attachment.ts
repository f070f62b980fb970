/**
 * BandwidthEipAttachment (emulator/api-notes/bandwidth.md §3): an on-demand EIP in a shared
 * bandwidth package. Its id is `<bandwidthId>:<eipId>`; every input replaces it. Synchronous.
 *
 * - create: associate-eip, then describe until the package lists the EIP. An EIP already in this
 *   package is taken over only as this create's own earlier work (`mayBeOwnEarlierWork`); anyone
 *   else's membership is refused naming `adoptId`.
 * - read: present while describe lists the EIP (TF's own check forgets that this EIP must be the one
 *   listed); the package gone (`Openapi.Sharedbandwidth.NotFound`) → gone.
 * - delete: disassociate-eip, then describe until the EIP is no longer listed.
 */
import { z } from "zod";
import { isServiceError } from "../client/errors";
import { AssociateEipToBandwidth, DisassociateEipFromBandwidth, SHARED_BANDWIDTH_NOT_FOUND, type BandwidthRecord } from "../client/operations/bandwidth";
import type { HandlerContext } from "../lifecycle/context";
import { prefixedId, regionId } from "../lifecycle/fields";
import { mayBeOwnEarlierWork } from "../lifecycle/ownership";
import { defineResource } from "../lifecycle/spec";
import { waitForState } from "../lifecycle/waits";
import { describeBandwidth, findBandwidth } from "./bandwidth";

const inputs = z.object({
  bandwidthId: prefixedId("bandwidth"),
  eipId: prefixedId("eip"),
  regionId,
});

type AttachmentInputs = z.output<typeof inputs>;

export interface BandwidthEipAttachmentOutputs {
  /** `<bandwidthId>:<eipId>`, the resource's id. */
  bandwidthEipAttachmentId: string;
  /** The EIP's public address. */
  address: string;
}

export function attachmentId(bandwidthId: string, eipId: string): string {
  return `${bandwidthId}:${eipId}`;
}

function parseId(id: string): { bandwidthId: string; eipId: string } {
  const [bandwidthId, eipId, ...rest] = id.split(":");
  if (!bandwidthId || !eipId || rest.length > 0) throw new Error(`"${id}" is not a BandwidthEipAttachment id: expected "<bandwidthId>:<eipId>"`);
  return { bandwidthId, eipId };
}

const member = (found: BandwidthRecord, eipId: string) => found.eips.find((e) => e.eipID === eipId);

function outputsOf(found: BandwidthRecord, eipId: string): BandwidthEipAttachmentOutputs {
  return { bandwidthEipAttachmentId: attachmentId(found.id, eipId), address: member(found, eipId)?.ip ?? "" };
}

async function ensureAttached(ctx: HandlerContext, args: AttachmentInputs, owned: boolean, accepted: () => void): Promise<BandwidthRecord> {
  const { regionId: regionID, bandwidthId, eipId } = args;
  const found = await describeBandwidth(ctx, regionID, bandwidthId);
  if (member(found, eipId)) {
    if (!owned && !mayBeOwnEarlierWork(ctx)) {
      throw new Error(`EIP ${eipId} is already in shared bandwidth ${bandwidthId}, and not by this create: manage it with adoptId "${attachmentId(bandwidthId, eipId)}", or remove the duplicate from the program`);
    }
    accepted();
    return found;
  }
  try {
    await ctx.client.send(AssociateEipToBandwidth, { regionID, bandwidthID: bandwidthId, eipIDs: [eipId] });
  } catch (error) {
    // A repeat of an associate that went through is refused (whatever the code): look again.
    if (!(isServiceError(error) && mayBeOwnEarlierWork(ctx, error) && member(await describeBandwidth(ctx, regionID, bandwidthId), eipId))) throw error;
  }
  accepted();
  return waitForState(ctx, `shared bandwidth ${bandwidthId} to list EIP ${eipId}`, () => describeBandwidth(ctx, regionID, bandwidthId), (value) => member(value, eipId) !== undefined, () => "EIP not listed yet");
}

export const bandwidthEipAttachmentSpec = defineResource({
  type: "BandwidthEipAttachment",
  inputs,
  outputs: { bandwidthEipAttachmentId: true, address: true },
  createOnly: ["bandwidthId", "eipId", "regionId"],
  settingDefaults: { regionId: "regionId" },
  notFoundCodes: [SHARED_BANDWIDTH_NOT_FOUND],
  timeouts: { create: 5 * 60_000, update: 5 * 60_000, delete: 5 * 60_000 },
  idOutput: "bandwidthEipAttachmentId",

  async create(ctx, args: AttachmentInputs) {
    const id = attachmentId(args.bandwidthId, args.eipId);
    const found = await ensureAttached(ctx, args, false, () => ctx.created(id, { bandwidthEipAttachmentId: id }));
    return { id, outputs: outputsOf(found, args.eipId) };
  },

  async read(ctx, id, state) {
    const { bandwidthId, eipId } = parseId(id);
    const found = await findBandwidth(ctx, state["regionId"] as string, bandwidthId);
    if (!found || !member(found, eipId)) return undefined;
    return { inputs: { bandwidthId, eipId }, outputs: outputsOf(found, eipId) };
  },

  async update(ctx, id, _olds, news: AttachmentInputs) {
    // Every input replaces: this finishes a partial create (or an adoption).
    const found = await ensureAttached(ctx, news, true, () => undefined);
    return outputsOf(found, parseId(id).eipId);
  },

  async delete(ctx, id, state) {
    const { bandwidthId, eipId } = parseId(id);
    const regionID = state["regionId"] as string;
    const found = await findBandwidth(ctx, regionID, bandwidthId);
    if (!found || !member(found, eipId)) return;
    try {
      await ctx.client.send(DisassociateEipFromBandwidth, { regionID, bandwidthID: bandwidthId, eipIDs: [eipId] });
    } catch (error) {
      // Refused, whatever the code: done if the EIP left meanwhile (a repeat of a call that landed).
      const now = await findBandwidth(ctx, regionID, bandwidthId);
      if (!isServiceError(error) || (now && member(now, eipId))) throw error;
      return;
    }
    await waitForState(ctx, `EIP ${eipId} to leave shared bandwidth ${bandwidthId}`, () => findBandwidth(ctx, regionID, bandwidthId), (value) => !value || !member(value, eipId), () => "EIP still listed");
  },
});
