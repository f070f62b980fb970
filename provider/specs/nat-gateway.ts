/**
 * NatGateway (emulator/api-notes/nat.md §2): a NAT gateway bought through a billing order, placed in
 * a VPC and an availability zone (the API has no subnet placement: subnets reach it through SNAT
 * rules, and routes through it).
 *
 * - create: place the order with the create's clientToken; the id comes from the create's own
 *   answer once `started`, else from the order (`waitForOrder`); `ctx.created` at once, then wait
 *   until the list shows it. A timed-out create resumes the same order on the next `pulumi up`.
 * - update: name and description via modify-nat-gateway-attribute; spec via modify-nat-gateway-spec
 *   and its order (waiting out another running order of the gateway: `Openapi.Order.Inprogress`).
 * - delete: the unsubscribe order (retried while a read shows SNAT/DNAT rules still on the gateway),
 *   then wait until the list no longer shows it.
 *
 * No NAT error code is official: "gone" is read from `describe-nat-gateways` filtered by the id.
 */
import { z } from "zod";
import { hasKind } from "../client/errors";
import { waitForOrder } from "../client/orders";
import {
  CreateNatGateway,
  DeleteNatGateway,
  ListDnatEntries,
  ListNatGateways,
  ListSnats,
  ModifyNatGatewaySpec,
  NAT_SPEC_CODES,
  ShowNatGateway,
  UpdateNatGatewayAttribute,
  type NatGatewayRecord,
  type NatSpecName,
} from "../client/operations/nat";
import type { HandlerContext } from "../lifecycle/context";
import { azName, billing, billingCycle, ctyunName, description, prefixedId, projectId, regionId } from "../lifecycle/fields";
import { defineResource } from "../lifecycle/spec";
import { retryWhileHeld, waitForState, waitUntilGone } from "../lifecycle/waits";
import { placeOrderAndWait } from "./order-rounds";

const SPEC_NAMES = Object.keys(NAT_SPEC_CODES) as [NatSpecName, ...NatSpecName[]];

const inputs = z.object({
  name: ctyunName(32),
  description: description(),
  vpcId: prefixedId("vpc"),
  spec: z.enum(SPEC_NAMES, { error: `must be ${SPEC_NAMES.map((s) => `"${s}"`).join(", ")}` }).default("small"),
  azName: azName.optional(),
  billing: billing({ maxYears: 3 }).default({ mode: "onDemand" }),
  regionId,
  projectId: projectId.optional(),
});

type NatGatewayInputs = z.output<typeof inputs>;

export interface NatGatewayOutputs {
  natGatewayId: string;
  /** `running`, `expired`, `freeze`, … as the API reports it. */
  status: string;
  /** The VPC's IPv4 range. */
  vpcCidr: string;
  /** RFC 3339. */
  createTime: string;
  /** End of a monthly/yearly term (RFC 3339); undefined on demand. */
  expireTime: string | undefined;
}

const project = (projectID: string | undefined) => (projectID ? { projectID } : {});

/** The gateway's list row, or undefined when the cloud no longer lists it (the official way to tell it is gone). */
export async function findNatGateway(ctx: HandlerContext, regionID: string, natGatewayID: string) {
  const rows = await ctx.client.send(ListNatGateways, { regionID, natGatewayID, pageNo: 1, pageSize: 10 });
  return rows.find((row) => row.natGatewayID === natGatewayID);
}

async function showNatGateway(ctx: HandlerContext, regionID: string, natGatewayID: string): Promise<NatGatewayRecord> {
  return ctx.client.send(ShowNatGateway, { regionID, natGatewayID });
}

/** show, or undefined when the list does not have the gateway (yet, or any more). */
async function readNatGateway(ctx: HandlerContext, regionID: string, natGatewayID: string): Promise<NatGatewayRecord | undefined> {
  if (!(await findNatGateway(ctx, regionID, natGatewayID))) return undefined;
  return showNatGateway(ctx, regionID, natGatewayID);
}

function specName(gateway: NatGatewayRecord): NatSpecName {
  const name = gateway.specs.toLowerCase();
  if (!(name in NAT_SPEC_CODES)) throw new Error(`NAT gateway ${gateway.natGatewayID} reports spec "${gateway.specs}", which is none of ${SPEC_NAMES.join(", ")}`);
  return name as NatSpecName;
}

function outputsOf(gateway: NatGatewayRecord): NatGatewayOutputs {
  return {
    natGatewayId: gateway.natGatewayID,
    status: gateway.state ?? "",
    vpcCidr: gateway.vpcCidr ?? "",
    createTime: gateway.creationTime ?? "",
    expireTime: gateway.expiredTime || undefined,
  };
}

/** The SNAT and DNAT rules of a gateway, read from the cloud (what a delete waits for to go). */
async function rulesOf(ctx: HandlerContext, regionID: string, natGatewayID: string): Promise<string[]> {
  if (!(await findNatGateway(ctx, regionID, natGatewayID))) return [];
  const snats = await ctx.client.send(ListSnats, { regionID, natGatewayID, pageNo: 1, pageSize: 50 });
  const dnats = await ctx.client.send(ListDnatEntries, { regionID, natGatewayID });
  return [...snats.results.map((r) => `SNAT rule ${r.sNatID}`), ...dnats.map((r) => `DNAT rule ${r.dNatID}`)];
}

async function changeSpec(ctx: HandlerContext, regionID: string, natGatewayID: string, spec: NatSpecName): Promise<NatGatewayRecord> {
  await placeOrderAndWait(ctx, `spec change of NAT gateway ${natGatewayID} to ${spec}`, "order", async () => {
    const current = await showNatGateway(ctx, regionID, natGatewayID);
    if (specName(current) === spec) return undefined;
    return ctx.client.send(ModifyNatGatewaySpec, { regionID, natGatewayID, spec: NAT_SPEC_CODES[spec] });
  });
  return waitForState(
    ctx,
    `NAT gateway ${natGatewayID} to show spec ${spec}`,
    () => showNatGateway(ctx, regionID, natGatewayID),
    (gateway) => specName(gateway) === spec,
    (gateway) => `spec ${gateway.specs}`,
  );
}

export const natGatewaySpec = defineResource({
  type: "NatGateway",
  inputs,
  outputs: { natGatewayId: true, status: true, vpcCidr: true, createTime: true, expireTime: true },
  createOnly: ["vpcId", "azName", "billing", "regionId", "projectId"],
  settingDefaults: { regionId: "regionId", projectId: "projectId", azName: "azName" },
  autoName: { property: "name", maxLength: 32, mustStartWithLetter: true },
  // Gone is read from the list (no official NAT code): no call depends on a not-found code.
  notFoundCodes: [],
  timeouts: { create: 15 * 60_000, update: 15 * 60_000, delete: 15 * 60_000 },
  idOutput: "natGatewayId",

  async create(ctx, args: NatGatewayInputs) {
    const regionID = args.regionId;
    const placed = await ctx.client.send(CreateNatGateway, {
      clientToken: ctx.clientToken,
      regionID,
      vpcID: args.vpcId,
      spec: NAT_SPEC_CODES[args.spec],
      name: args.name,
      description: args.description,
      ...billingCycle(args.billing),
      ...(args.azName !== undefined ? { azName: args.azName } : {}),
      ...project(args.projectId),
    });
    // A replayed create (same clientToken) whose order finished already names the gateway.
    let natGatewayId = placed.masterResourceStatus === "started" && placed.natGatewayID ? placed.natGatewayID : undefined;
    if (natGatewayId === undefined) {
      try {
        const order = await waitForOrder(ctx.client, placed.masterOrderID, "order", ctx.waitTiming(`NAT gateway order ${placed.masterOrderID}`));
        natGatewayId = order.resourceIds[0];
      } catch (error) {
        if (hasKind(error, "waiter-timeout")) {
          ctx.progress(
            `NAT gateway order ${placed.masterOrderID} is still running; run \`pulumi up\` again without changing this NatGateway's inputs to resume waiting for it ` +
              `(the same order is reused, no second gateway is bought)`,
          );
        }
        throw error;
      }
    }
    if (natGatewayId === undefined) throw new Error(`NAT gateway order ${placed.masterOrderID} finished without reporting the gateway id`);
    const id = natGatewayId;
    ctx.created(id, { natGatewayId: id });
    const gateway = await waitForState(
      ctx,
      `NAT gateway ${id} to be visible`,
      () => readNatGateway(ctx, regionID, id),
      (found) => found !== undefined,
      () => "not listed yet",
    );
    return { id, outputs: outputsOf(gateway as NatGatewayRecord) };
  },

  async read(ctx, id, state) {
    const gateway = await readNatGateway(ctx, state["regionId"] as string, id);
    if (!gateway) return undefined;
    return {
      inputs: {
        name: gateway.name,
        description: gateway.description ?? "",
        vpcId: gateway.vpcID,
        spec: specName(gateway),
        // The zone is reported only as the cloud chose it; an input left unset stays unset.
        ...(state["azName"] !== undefined && gateway.zoneID ? { azName: gateway.zoneID } : {}),
      },
      outputs: outputsOf(gateway),
    };
  },

  async update(ctx, id, _olds, news: NatGatewayInputs, changed) {
    const regionID = news.regionId;
    // `changed` empty: resuming a partial create or adopting — converge whatever differs.
    const wanted = (key: string): boolean => changed.length === 0 || changed.includes(key);
    let current = await showNatGateway(ctx, regionID, id);
    if ((wanted("name") && current.name !== news.name) || (wanted("description") && (current.description ?? "") !== news.description)) {
      // Both are sent together, as the official client does.
      await ctx.client.send(UpdateNatGatewayAttribute, { regionID, natGatewayID: id, name: news.name, description: news.description });
      current = await showNatGateway(ctx, regionID, id);
    }
    if (wanted("spec") && specName(current) !== news.spec) current = await changeSpec(ctx, regionID, id, news.spec);
    return outputsOf(current);
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    const projectID = state["projectId"] as string | undefined;
    await placeOrderAndWait(ctx, `unsubscribe of NAT gateway ${id}`, "refund", async () => {
      if (!(await findNatGateway(ctx, regionID, id))) return undefined;
      // Refused while rules are on the gateway (whatever the code): retried while a read lists them.
      return retryWhileHeld(
        ctx,
        `NAT gateway ${id} to have no SNAT/DNAT rules left`,
        () => ctx.client.send(DeleteNatGateway, { regionID, natGatewayID: id, ...project(projectID) }),
        () => rulesOf(ctx, regionID, id),
      );
    });
    await waitUntilGone(ctx, `NAT gateway ${id}`, async () => (await findNatGateway(ctx, regionID, id)) !== undefined, []);
  },
});
