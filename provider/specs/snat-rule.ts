/**
 * SnatRule (emulator/api-notes/nat.md §3): a source — a subnet of the gateway's VPC or any IPv4 CIDR
 * — leaves through a NAT gateway with the addresses of 1–5 EIPs. Synchronous: create answers the id.
 *
 * - create: create-snat-entry with the create's clientToken (a replay gets the same rule), then the
 *   description through modify-snat-entry (create takes none).
 * - update: a CIDR source and the description through modify-snat-entry; EIPs added (join) before
 *   EIPs removed (revoke), so the rule never has none.
 * - replace: a change of sourceSubnetId, although the API could move the rule (TF updates it in
 *   place). The rule holds its subnet, so a subnet replaced delete-first (an overlapping CIDR in the
 *   same VPC) could never be deleted while the rule waited for the new subnet to move to: Pulumi
 *   deletes a dependant first only when the dependant would be replaced by the change (measured
 *   with the real engine: the destroy of the old subnet was refused; replaceOnChanges does not
 *   reach that decision).
 * - delete: delete-snat-entry; a refusal is judged by reading the rule again. Gone is read from
 *   list-snats filtered by the id (no SNAT error code is official).
 */
import { z } from "zod";
import { isServiceError } from "../client/errors";
import { AssociateEipsToSnat, CreateSnatEntry, DeleteSnatEntry, DisassociateEipsFromSnat, ListSnats, UpdateSnatEntry, type SnatRecord } from "../client/operations/nat";
import type { HandlerContext } from "../lifecycle/context";
import { description, ipv4Cidr, prefixedId, regionId } from "../lifecycle/fields";
import { defineResource, type CheckFailure } from "../lifecycle/spec";
import { waitUntilGone } from "../lifecycle/waits";

/** TF nat/resource_ctyun_snat.go: 1–5 EIPs. */
const MAX_EIPS = 5;

const inputs = z.object({
  natGatewayId: prefixedId("natgw"),
  sourceSubnetId: prefixedId("subnet").optional(),
  sourceCidr: ipv4Cidr(1, 32).optional(),
  eipIds: z
    .array(prefixedId("eip"))
    .min(1, `must list 1-${MAX_EIPS} EIP ids`)
    .max(MAX_EIPS, `must list 1-${MAX_EIPS} EIP ids`)
    .refine((ids) => new Set(ids).size === ids.length, "must not list an EIP twice"),
  description: description(),
  regionId,
});

type SnatInputs = z.output<typeof inputs>;

export interface SnatRuleOutputs {
  snatId: string;
  /** The source as an IPv4 range (the subnet's range for a subnet source). */
  sourceRange: string;
  /** The public addresses of the rule's EIPs, in the cloud's order. */
  eipAddresses: string[];
  /** RFC 3339. */
  createTime: string;
}

export async function findSnat(ctx: HandlerContext, regionID: string, sNatID: string): Promise<SnatRecord | undefined> {
  const listed = await ctx.client.send(ListSnats, { regionID, sNatID, pageNo: 1, pageSize: 10 });
  return listed.results.find((rule) => rule.sNatID === sNatID);
}

async function requireSnat(ctx: HandlerContext, regionID: string, sNatID: string): Promise<SnatRecord> {
  const rule = await findSnat(ctx, regionID, sNatID);
  if (!rule) throw new Error(`SNAT rule ${sNatID} no longer exists in region ${regionID}`);
  return rule;
}

function outputsOf(rule: SnatRecord): SnatRuleOutputs {
  return { snatId: rule.sNatID, sourceRange: rule.subnetCidr ?? "", eipAddresses: rule.eips.map((e) => e.ipAddress ?? ""), createTime: rule.creationTime ?? "" };
}

function source(args: { sourceSubnetId?: string | undefined; sourceCidr?: string | undefined }): { sourceSubnetID: string } | { sourceCIDR: string } {
  return args.sourceSubnetId !== undefined ? { sourceSubnetID: args.sourceSubnetId } : { sourceCIDR: args.sourceCidr as string };
}

function sameSource(rule: SnatRecord, args: SnatInputs): boolean {
  return args.sourceSubnetId !== undefined ? rule.subnetID === args.sourceSubnetId : !rule.subnetID && rule.subnetCidr === args.sourceCidr;
}

export const snatRuleSpec = defineResource({
  type: "SnatRule",
  inputs,
  outputs: { snatId: true, sourceRange: true, eipAddresses: true, createTime: true },
  createOnly: ["natGatewayId", "sourceSubnetId", "regionId"],
  settingDefaults: { regionId: "regionId" },
  unorderedInputs: ["eipIds"],
  notFoundCodes: [],
  timeouts: { create: 5 * 60_000, update: 5 * 60_000, delete: 5 * 60_000 },
  idOutput: "snatId",

  crossCheck(args, known, _olds, given) {
    const failures: CheckFailure[] = [];
    // Set but unknown (preview) or already failing: nothing to say yet.
    if ((given("sourceSubnetId") && !known("sourceSubnetId")) || (given("sourceCidr") && !known("sourceCidr"))) return failures;
    if (given("sourceSubnetId") && given("sourceCidr")) failures.push({ property: "sourceCidr", reason: "give sourceSubnetId or sourceCidr, not both" });
    else if (!given("sourceSubnetId") && !given("sourceCidr")) failures.push({ property: "sourceSubnetId", reason: "give the source: sourceSubnetId (a subnet of the gateway's VPC) or sourceCidr" });
    return failures;
  },

  async create(ctx, args: SnatInputs) {
    const regionID = args.regionId;
    const created = await ctx.client.send(CreateSnatEntry, { clientToken: ctx.clientToken, regionID, natGatewayID: args.natGatewayId, ...source(args), snatIps: args.eipIds });
    const id = created.snat.snatID;
    if (!id) throw new Error(`create-snat-entry answered status ${created.snat.status ?? "unknown"} without a rule id`);
    ctx.created(id, { snatId: id });
    if (args.description !== "") await ctx.client.send(UpdateSnatEntry, { regionID, sNatID: id, description: args.description });
    return { id, outputs: outputsOf(await requireSnat(ctx, regionID, id)) };
  },

  async read(ctx, id, state) {
    const rule = await findSnat(ctx, state["regionId"] as string, id);
    if (!rule) return undefined;
    return {
      inputs: {
        ...(rule.natGatewayID ? { natGatewayId: rule.natGatewayID } : {}),
        ...(rule.subnetID ? { sourceSubnetId: rule.subnetID, sourceCidr: undefined } : { sourceCidr: rule.subnetCidr ?? "", sourceSubnetId: undefined }),
        eipIds: rule.eips.map((e) => e.eipID),
        description: rule.description ?? "",
      },
      outputs: outputsOf(rule),
    };
  },

  async update(ctx, id, _olds, news: SnatInputs) {
    const regionID = news.regionId;
    let rule = await requireSnat(ctx, regionID, id);
    const moved = !sameSource(rule, news);
    if (moved || (rule.description ?? "") !== news.description) {
      await ctx.client.send(UpdateSnatEntry, { regionID, sNatID: id, ...(moved ? source(news) : {}), description: news.description });
    }
    const current = rule.eips.map((e) => e.eipID);
    const added = news.eipIds.filter((e) => !current.includes(e));
    const removed = current.filter((e) => !news.eipIds.includes(e));
    if (added.length > 0) await ctx.client.send(AssociateEipsToSnat, { regionID, natGatewayID: news.natGatewayId, sNatID: id, ipAddressIds: added });
    if (removed.length > 0) await ctx.client.send(DisassociateEipsFromSnat, { regionID, natGatewayID: news.natGatewayId, sNatID: id, ipAddressIds: removed });
    rule = await requireSnat(ctx, regionID, id);
    return outputsOf(rule);
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    if (!(await findSnat(ctx, regionID, id))) return;
    try {
      await ctx.client.send(DeleteSnatEntry, { regionID, sNatID: id });
    } catch (error) {
      // Refused, whatever the code: done if it went away meanwhile (a repeat of a delete that landed).
      if (!isServiceError(error) || (await findSnat(ctx, regionID, id))) throw error;
    }
    await waitUntilGone(ctx, `SNAT rule ${id}`, async () => (await findSnat(ctx, regionID, id)) !== undefined, []);
  },
});
