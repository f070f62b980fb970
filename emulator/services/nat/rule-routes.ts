/**
 * SNAT and DNAT rule operations (api-notes/nat.md §3, §4; ctvpc host). Creates are synchronous and
 * answer the id at once (`status: "done"`: TF needs it in the first answer); show-snat and
 * detail-dnat-entries answer 900 with a null returnObj once a rule is gone (TF's delete loop).
 */
import { z } from "zod";
import { defineRoute } from "../route";
import { listResult, paginate, readPaging } from "../shared/paging";
import type { RouteDefinition } from "../types";
import { DnatRules } from "./dnat";
import { dnatView, snatView } from "./rule-views";
import { SnatRules } from "./snat";

const requiredToken = z.string({ error: "is required (1-64 characters)" }).min(1, "is required (1-64 characters)").max(64, "must be 1-64 characters");
const id = z.string({ error: "is required" }).min(1, "is required");
const idList = z.array(z.string({ error: "must be an array of EIP ids" }), { error: "must be an array of EIP ids" });
const port = z.number({ error: "must be an integer" }).int("must be an integer");

const createSnat = defineRoute({
  method: "POST", path: "/v4/vpc/create-snat-entry", operation: "CreateSnatEntry", service: "ctvpc",
  input: z.object({ clientToken: requiredToken, natGatewayID: id, sourceSubnetID: z.string().optional(), sourceCIDR: z.string().optional(), snatIps: idList }),
  handle: (ctx, { input, region }) =>
    ctx.idempotent(() => ({ snat: { status: "done", message: "", snatID: new SnatRules(ctx).create(region.regionID, input).sNatID } })),
});

const showSnat = defineRoute({
  method: "GET", path: "/v4/vpc/show-snat", operation: "ShowSnat", service: "ctvpc",
  input: z.object({ sNatID: id }),
  handle: (ctx, { input, region }) => snatView(ctx, region.regionID, new SnatRules(ctx).require(region.regionID, input.sNatID)),
});

const listSnats = defineRoute({
  method: "GET", path: "/v4/vpc/list-snats", operation: "ListSnats", service: "ctvpc",
  input: z.object({ natGatewayID: z.string().optional(), sNatID: z.string().optional(), subnetID: z.string().optional() }),
  handle(ctx, { input, region, params }) {
    const page = paginate(new SnatRules(ctx).list(region.regionID, input), readPaging(params));
    return listResult("results", page, (rule) => snatView(ctx, region.regionID, rule));
  },
});

const modifySnat = defineRoute({
  method: "POST", path: "/v4/vpc/modify-snat-entry", operation: "UpdateSnatEntry", service: "ctvpc",
  input: z.object({ clientToken: z.string().optional(), sNatID: id, sourceSubnetID: z.string().optional(), sourceCIDR: z.string().optional(), description: z.string().optional() }),
  handle(ctx, { input, region }) {
    new SnatRules(ctx).modify(region.regionID, input.sNatID, input);
    return null;
  },
});

const eipsBody = z.object({ clientToken: z.string().optional(), natGatewayID: id, sNatID: id, ipAddressIds: idList.min(1, "must list at least one EIP id") });

const joinEips = defineRoute({
  method: "POST", path: "/v4/vpc/join-snat-for-eips", operation: "AssociateEipsToSnat", service: "ctvpc",
  input: eipsBody,
  handle: (ctx, { input, region }) =>
    ctx.idempotent(() => {
      new SnatRules(ctx).joinEips(region.regionID, input.natGatewayID, input.sNatID, input.ipAddressIds);
      return null;
    }),
});

const revokeEips = defineRoute({
  method: "POST", path: "/v4/vpc/revoke-snat-for-eips", operation: "DisassociateEipsFromSnat", service: "ctvpc",
  input: eipsBody,
  handle: (ctx, { input, region }) =>
    ctx.idempotent(() => {
      new SnatRules(ctx).revokeEips(region.regionID, input.natGatewayID, input.sNatID, input.ipAddressIds);
      return null;
    }),
});

const deleteSnat = defineRoute({
  method: "POST", path: "/v4/vpc/delete-snat-entry", operation: "DeleteSnatEntry", service: "ctvpc",
  input: z.object({ clientToken: z.string().optional(), sNatID: id }),
  handle(ctx, { input, region }) {
    new SnatRules(ctx).delete(region.regionID, input.sNatID);
    return null;
  },
});

const dnatFields = {
  externalID: id,
  externalPort: port,
  virtualMachineType: port,
  virtualMachineID: z.string().optional(),
  serverType: z.string().optional(),
  internalIp: z.string().optional(),
  internalPort: port,
  protocol: z.string({ error: "must be tcp or udp" }),
  description: z.string().optional(),
};

const createDnat = defineRoute({
  method: "POST", path: "/v4/vpc/create-dnat-entry", operation: "CreateDnatEntry", service: "ctvpc",
  input: z.object({ clientToken: requiredToken, natGatewayID: id, ...dnatFields }),
  handle: (ctx, { input, region }) =>
    ctx.idempotent(() => ({ dnat: { status: "done", dnatID: new DnatRules(ctx).create(region.regionID, input.natGatewayID, input).dNatID } })),
});

const showDnat = defineRoute({
  method: "GET", path: "/v4/vpc/detail-dnat-entries", operation: "ShowDnatEntry", service: "ctvpc",
  input: z.object({ natGatewayID: z.string().optional(), dNatID: id }),
  handle: (ctx, { input, region }) => dnatView(ctx, region.regionID, new DnatRules(ctx).require(region.regionID, input.dNatID, input.natGatewayID)),
});

// Not paged: the array itself (TF gen ctvpc_list_dnat_entries_api.go).
const listDnats = defineRoute({
  method: "GET", path: "/v4/vpc/describe-dnat-entries", operation: "ListDnatEntries", service: "ctvpc",
  input: z.object({ natGatewayID: id }),
  handle(ctx, { input, region }) {
    ctx.backend("nat").require(region.regionID, input.natGatewayID);
    return new DnatRules(ctx).list(region.regionID, input.natGatewayID).map((rule) => dnatView(ctx, region.regionID, rule));
  },
});

const modifyDnat = defineRoute({
  method: "POST", path: "/v4/vpc/modify-dnat-entry", operation: "UpdateDnatEntry", service: "ctvpc",
  input: z.object({ clientToken: z.string().optional(), dNatID: id, ...dnatFields }),
  handle(ctx, { input, region }) {
    new DnatRules(ctx).modify(region.regionID, input.dNatID, input);
    return null;
  },
});

const deleteDnat = defineRoute({
  method: "POST", path: "/v4/vpc/delete-dnat-entry", operation: "DeleteDnatEntry", service: "ctvpc",
  input: z.object({ clientToken: z.string().optional(), dNatID: id }),
  handle(ctx, { input, region }) {
    new DnatRules(ctx).delete(region.regionID, input.dNatID);
    return null;
  },
});

export const NAT_RULE_ROUTES: readonly RouteDefinition[] = [
  createSnat, showSnat, listSnats, modifySnat, joinEips, revokeEips, deleteSnat,
  createDnat, showDnat, listDnats, modifyDnat, deleteDnat,
];
