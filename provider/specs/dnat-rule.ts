/**
 * DnatRule (emulator/api-notes/nat.md §4): a public port of an EIP on a NAT gateway forwarded to a
 * private address and port — a VM of the gateway's VPC (`instanceId`) or any IPv4 address
 * (`internalIp`). Synchronous: create answers the id.
 *
 * - create: create-dnat-entry with the create's clientToken (a replay gets the same rule).
 * - update: everything but the gateway changes in place through modify-dnat-entry, which replaces
 *   every field of the rule (so every field is sent, as the official client does).
 * - delete: delete-dnat-entry; a refusal is judged by reading the rule again. Gone is read from the
 *   gateway's list (describe-dnat-entries), after the list of gateways says the gateway still exists:
 *   no NAT error code is official.
 */
import { z } from "zod";
import { isServiceError } from "../client/errors";
import { CreateDnatEntry, DeleteDnatEntry, DNAT_TARGET_TYPES, ListDnatEntries, UpdateDnatEntry, type DnatRecord } from "../client/operations/nat";
import type { HandlerContext } from "../lifecycle/context";
import { description, prefixedId, regionId, uuid } from "../lifecycle/fields";
import { defineResource, type CheckFailure } from "../lifecycle/spec";
import { waitUntilGone } from "../lifecycle/waits";
import { findNatGateway } from "./nat-gateway";

const port = (max: number) => z.number({ error: `must be a whole number from 1 to ${max}` }).refine((n) => Number.isInteger(n) && n >= 1 && n <= max, `must be a whole number from 1 to ${max}`);

const inputs = z.object({
  natGatewayId: prefixedId("natgw"),
  eipId: prefixedId("eip"),
  externalPort: port(1024),
  instanceId: uuid("VM instance").optional(),
  internalIp: z.string().regex(/^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/, "must be an IPv4 address like 10.0.1.20").optional(),
  internalPort: port(65535),
  protocol: z.enum(["tcp", "udp"], { error: 'must be "tcp" or "udp"' }).default("tcp"),
  description: description(),
  regionId,
});

type DnatInputs = z.output<typeof inputs>;

export interface DnatRuleOutputs {
  dnatId: string;
  /** The EIP's public address. */
  externalIp: string;
  /** Where the traffic goes: the VM's private address, or `internalIp`. */
  privateIp: string;
  /** `ACTIVE`, `CREATING`, `FREEZING`. */
  state: string;
}

/** The rule, or undefined when its gateway or the rule is no longer listed. */
async function findDnat(ctx: HandlerContext, regionID: string, natGatewayID: string, dNatID: string): Promise<DnatRecord | undefined> {
  if (!(await findNatGateway(ctx, regionID, natGatewayID))) return undefined;
  const rules = await ctx.client.send(ListDnatEntries, { regionID, natGatewayID });
  return rules.find((rule) => rule.dNatID === dNatID);
}

function outputsOf(rule: DnatRecord): DnatRuleOutputs {
  return { dnatId: rule.dNatID, externalIp: rule.externalIp ?? "", privateIp: rule.internalIp ?? "", state: rule.state ?? "" };
}

/** The rule's fields as the API takes them (create and the full-replace modify). */
function wireFields(args: DnatInputs) {
  return {
    externalID: args.eipId,
    externalPort: args.externalPort,
    internalPort: args.internalPort,
    protocol: args.protocol,
    description: args.description,
    ...(args.instanceId !== undefined
      ? { virtualMachineType: DNAT_TARGET_TYPES.instance, virtualMachineID: args.instanceId, serverType: "VM" as const }
      : { virtualMachineType: DNAT_TARGET_TYPES.custom, internalIp: args.internalIp as string }),
  };
}

function inputsOf(rule: DnatRecord, natGatewayId: string) {
  return {
    natGatewayId,
    eipId: rule.externalID,
    externalPort: rule.externalPort,
    internalPort: rule.internalPort,
    protocol: rule.protocol as "tcp" | "udp",
    description: rule.description ?? "",
    ...(rule.virtualMachineID ? { instanceId: rule.virtualMachineID, internalIp: undefined } : { internalIp: rule.internalIp ?? "", instanceId: undefined }),
  };
}

export const dnatRuleSpec = defineResource({
  type: "DnatRule",
  inputs,
  outputs: { dnatId: true, externalIp: true, privateIp: true, state: true },
  createOnly: ["natGatewayId", "regionId"],
  settingDefaults: { regionId: "regionId" },
  notFoundCodes: [],
  timeouts: { create: 5 * 60_000, update: 5 * 60_000, delete: 5 * 60_000 },
  idOutput: "dnatId",

  crossCheck(args, known, _olds, given) {
    const failures: CheckFailure[] = [];
    // Set but unknown (preview) or already failing: nothing to say yet.
    if ((given("instanceId") && !known("instanceId")) || (given("internalIp") && !known("internalIp"))) return failures;
    if (given("instanceId") && given("internalIp")) failures.push({ property: "internalIp", reason: "give instanceId (a VM of the gateway's VPC) or internalIp, not both" });
    else if (!given("instanceId") && !given("internalIp")) failures.push({ property: "instanceId", reason: "give the target: instanceId (a VM of the gateway's VPC) or internalIp" });
    return failures;
  },

  async create(ctx, args: DnatInputs) {
    const regionID = args.regionId;
    const created = await ctx.client.send(CreateDnatEntry, { clientToken: ctx.clientToken, regionID, natGatewayID: args.natGatewayId, ...wireFields(args) });
    const id = created.dnat.dnatID;
    if (!id) throw new Error(`create-dnat-entry answered status ${created.dnat.status ?? "unknown"} without a rule id`);
    ctx.created(id, { dnatId: id });
    const rule = await findDnat(ctx, regionID, args.natGatewayId, id);
    if (!rule) throw new Error(`DNAT rule ${id} was created but its gateway does not list it`);
    return { id, outputs: outputsOf(rule) };
  },

  async read(ctx, id, state) {
    const natGatewayId = state["natGatewayId"] as string;
    const rule = await findDnat(ctx, state["regionId"] as string, natGatewayId, id);
    if (!rule) return undefined;
    return { inputs: inputsOf(rule, natGatewayId), outputs: outputsOf(rule) };
  },

  async update(ctx, id, _olds, news: DnatInputs) {
    const regionID = news.regionId;
    const current = await findDnat(ctx, regionID, news.natGatewayId, id);
    if (!current) throw new Error(`DNAT rule ${id} no longer exists on NAT gateway ${news.natGatewayId}`);
    const wanted = inputsOf(current, news.natGatewayId);
    const differs = (Object.keys(wanted) as Array<keyof typeof wanted>).some((key) => wanted[key] !== news[key]);
    if (!differs) return outputsOf(current);
    await ctx.client.send(UpdateDnatEntry, { regionID, dNatID: id, ...wireFields(news) });
    const rule = await findDnat(ctx, regionID, news.natGatewayId, id);
    if (!rule) throw new Error(`DNAT rule ${id} was changed but its gateway no longer lists it`);
    return outputsOf(rule);
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    const natGatewayId = state["natGatewayId"] as string;
    if (!(await findDnat(ctx, regionID, natGatewayId, id))) return;
    try {
      await ctx.client.send(DeleteDnatEntry, { regionID, dNatID: id });
    } catch (error) {
      // Refused, whatever the code: done if it went away meanwhile (a repeat of a delete that landed).
      if (!isServiceError(error) || (await findDnat(ctx, regionID, natGatewayId, id))) throw error;
    }
    await waitUntilGone(ctx, `DNAT rule ${id}`, async () => (await findDnat(ctx, regionID, natGatewayId, id)) !== undefined, []);
  },
});
