/**
 * Shared bandwidths in the official clients' wire forms (api-notes/bandwidth.md): the billed create
 * polled by replaying it (the id once started) or by query-uuid, describe/new-list types, rename,
 * resize and unsubscribe as orders, EIP membership (one package per EIP, on-demand EIPs, shown in EIP
 * show's bandwidthID, joining at EIP create), and the refusals: a package with EIPs, an EIP in one.
 */
import assert from "node:assert/strict";
import { UNKNOWN_CODE_SITUATIONS } from "../../emulator/unknown-codes";
import { REGION_HUADONG1 as R, useEmulator, type CtyunEnvelope } from "../helpers/emulator";
import { failure, finishOrder, ok } from "./fixtures/ecs";
import { createEip } from "./fixtures/nat-gateway";

type Placed = { masterOrderID: string; masterResourceStatus: string; bandwidthID: string | null; regionID: string };

describe("emulator: shared bandwidths", () => {
  const emu = useEmulator({ transport: "in-process" });
  const isDrawn = (situation: keyof typeof UNKNOWN_CODE_SITUATIONS, code: string | undefined) => (UNKNOWN_CODE_SITUATIONS[situation] as readonly string[]).includes(code ?? "");
  let tokens = 0;

  const body = (extra: Record<string, unknown> = {}) => ({ clientToken: `bw-${++tokens}`, regionID: R, name: `shared-${tokens}`, bandwidth: 10, cycleType: "on_demand", cycleCount: 0, ...extra });
  const describeBw = async (bandwidthID: string) => (await emu.get("/v4/bandwidth/describe", { regionID: R, bandwidthID, projectID: "" })).envelope<Record<string, unknown> & { eips: Array<{ eipID: string; ip: string }> }>();
  async function createPackage(extra: Record<string, unknown> = {}): Promise<string> {
    const placed = ok((await emu.post("/v4/bandwidth/create", body(extra))).envelope<Placed>());
    return (await finishOrder(emu, placed.masterOrderID)).instanceIDList[0] as string;
  }

  it("creates through an order that a replay with the same clientToken polls: bandwidthID null, then the id", async () => {
    const request = body({ name: "edge" });
    const first = ok((await emu.post("/v4/bandwidth/create", request)).envelope<Placed>());
    assert.deepEqual([first.masterResourceStatus, first.bandwidthID, first.regionID], ["starting", null, R]);
    const polled = ok((await emu.post("/v4/bandwidth/create", request)).envelope<Placed>());
    assert.deepEqual([polled.masterOrderID, polled.bandwidthID], [first.masterOrderID, null]);
    const done = ok((await emu.post("/v4/bandwidth/create", request)).envelope<Placed>());
    assert.equal(done.masterResourceStatus, "started");
    assert.match(String(done.bandwidthID), /^bandwidth-[a-z0-9]{10}$/);
    assert.deepEqual(ok(await describeBw(String(done.bandwidthID))), { id: done.bandwidthID, name: "edge", status: "ACTIVE", bandwidth: 10, createdAt: "2024-06-01T00:00:00Z", expireAt: "", eips: [] });
  });

  const refusals: Array<[string, Record<string, unknown>, string]> = [
    ["4 Mbps", { bandwidth: 4 }, "bandwidth must be an integer from 5 to 1000"],
    ["1001 Mbps", { bandwidth: 1001 }, "bandwidth must be an integer from 5 to 1000"],
    ["a name starting with a digit", { name: "1shared" }, "name must be 2-63 characters, starting with a letter or Chinese character, then letters, digits, Chinese characters, '_' or '-'"],
    ["a year term of 4", { cycleType: "year", cycleCount: 4 }, "cycleCount must be an integer from 1 to 3 for cycleType year (got 4)"],
  ];
  for (const [title, extra, message] of refusals) {
    it(`refuses ${title}`, async () => failure((await emu.post("/v4/bandwidth/create", body(extra))).envelope(), "Openapi.Parameter.Invalid", message));
  }

  it("keeps names unique in the region (also against a create still in its order), with a drawn code", async () => {
    await createPackage({ name: "taken" });
    const refused = (await emu.post("/v4/bandwidth/create", body({ name: "taken" }))).envelope() as CtyunEnvelope;
    assert.ok(isDrawn("bandwidth-name-taken", refused.errorCode), refused.errorCode);
    ok((await emu.post("/v4/bandwidth/create", body({ name: "pending" }))).envelope());
    assert.ok(isDrawn("bandwidth-name-taken", ((await emu.post("/v4/bandwidth/create", body({ name: "pending" }))).envelope() as CtyunEnvelope).errorCode));
  });

  it("answers an unknown package with Openapi.Sharedbandwidth.NotFound (the code TF checks)", async () => {
    failure(await describeBw("bandwidth-missing000"), "Openapi.Sharedbandwidth.NotFound", "shared bandwidth bandwidth-missing000 not found");
  });

  it("renames, resizes through an order (one at a time, answered as an object), lists with paging", async () => {
    const id = await createPackage();
    ok((await emu.post("/v4/bandwidth/modify-attribute", { regionID: R, clientToken: "r", bandwidthID: id, name: "renamed" })).envelope());
    const placed = ok((await emu.post("/v4/bandwidth/modify-spec", { regionID: R, clientToken: "m1", bandwidthID: id, bandwidth: 50 })).envelope<{ masterOrderID: string; regionID: string }>());
    assert.equal(placed.regionID, R);
    const busy = (await emu.post("/v4/bandwidth/modify-spec", { regionID: R, clientToken: "m2", bandwidthID: id, bandwidth: 60 })).envelope();
    assert.deepEqual([busy.errorCode, busy.returnObj], ["Openapi.Order.Inprogress", { masterOrderID: placed.masterOrderID }]);
    assert.equal(ok(await describeBw(id))["bandwidth"], 10);
    await finishOrder(emu, placed.masterOrderID);
    assert.deepEqual([ok(await describeBw(id))["bandwidth"], ok(await describeBw(id))["status"], ok(await describeBw(id))["name"]], [50, "ACTIVE", "renamed"]);
    const listed = ok((await emu.get("/v4/bandwidth/new-list", { regionID: R, queryContent: "RENAM" })).envelope<{ bandwidths: Array<{ id: string }>; totalCount: number }>());
    assert.deepEqual([listed.bandwidths.map((b) => b.id), listed.totalCount], [[id], 1]);
  });

  it("takes on-demand EIPs, one package each, shows them in describe and in EIP show's bandwidthID", async () => {
    const id = await createPackage();
    const other = await createPackage();
    const eip = await createEip(emu);
    ok((await emu.post("/v4/bandwidth/associate-eip", { regionID: R, clientToken: "a", bandwidthID: id, eipIDs: [eip] })).envelope());
    assert.deepEqual(ok(await describeBw(id)).eips, [{ eipID: eip, ip: "180.101.64.1" }]);
    assert.equal(ok((await emu.get("/v4/eip/show", { regionID: R, eipID: eip })).envelope<{ bandwidthID: string }>()).bandwidthID, id);
    const twice = (await emu.post("/v4/bandwidth/associate-eip", { regionID: R, bandwidthID: other, eipIDs: [eip] })).envelope() as CtyunEnvelope;
    assert.ok(isDrawn("eip-bound", twice.errorCode), twice.errorCode);
    assert.equal(twice.message, `eip ${eip} is already in shared bandwidth ${id}`);
    const monthly = await createEip(emu, { cycleType: "month", cycleCount: 1, demandBillingType: undefined });
    failure((await emu.post("/v4/bandwidth/associate-eip", { regionID: R, bandwidthID: id, eipIDs: [monthly] })).envelope(), "Openapi.Parameter.Invalid", `eip ${monthly} is billed by month: only on-demand EIPs can join a shared bandwidth`);
    failure((await emu.post("/v4/bandwidth/associate-eip", { regionID: R, bandwidthID: id, eipIDs: [] })).envelope(), "Openapi.Parameter.Invalid", "eipIDs must list 1-50 EIP ids");
    failure((await emu.post("/v4/bandwidth/associate-eip", { regionID: R, bandwidthID: id, eipIDs: ["eip-missing000"] })).envelope(), "Openapi.Eip.NotFound", "eip eip-missing000 not found");
  });

  it("keeps a package with EIPs, and an EIP in a package, from being unsubscribed; disassociate frees both", async () => {
    const id = await createPackage();
    const eip = await createEip(emu);
    ok((await emu.post("/v4/bandwidth/associate-eip", { regionID: R, bandwidthID: id, eipIDs: [eip] })).envelope());
    const refused = (await emu.post("/v4/bandwidth/delete", { regionID: R, clientToken: "d1", bandwidthID: id })).envelope() as CtyunEnvelope;
    assert.ok(isDrawn("bandwidth-has-eips", refused.errorCode), refused.errorCode);
    assert.equal(refused.message, `shared bandwidth ${id} still has EIPs: ${eip}`);
    const eipRefused = (await emu.post("/v4/eip/delete", { regionID: R, clientToken: "e1", eipID: eip })).envelope();
    assert.equal(eipRefused.message, `eip ${eip} is used by shared bandwidths: ${id}`);
    failure((await emu.post("/v4/bandwidth/disassociate-eip", { regionID: R, bandwidthID: id, eipIDs: ["eip-other00000"] })).envelope(), "Openapi.Parameter.Invalid", `eip eip-other00000 is not in shared bandwidth ${id}`);
    ok((await emu.post("/v4/bandwidth/disassociate-eip", { regionID: R, clientToken: "x", bandwidthID: id, eipIDs: [eip] })).envelope());
    assert.equal(ok((await emu.get("/v4/eip/show", { regionID: R, eipID: eip })).envelope<{ bandwidthID: string }>()).bandwidthID, "");
    const placed = ok((await emu.post("/v4/bandwidth/delete", { regionID: R, clientToken: "d2", bandwidthID: id })).envelope<{ masterOrderID: string; masterResourceStatus: string }>());
    assert.equal(placed.masterResourceStatus, "refunded");
    assert.equal(ok(await describeBw(id))["id"], id, "described until the refund finished");
    await finishOrder(emu, placed.masterOrderID);
    assert.equal((await describeBw(id)).errorCode, "Openapi.Sharedbandwidth.NotFound");
  });

  it("lets an on-demand EIP join a package at its creation (bandwidthID), and refuses an unknown package", async () => {
    const id = await createPackage();
    const eip = await createEip(emu, { bandwidthID: id });
    assert.deepEqual(ok(await describeBw(id)).eips.map((e) => e.eipID), [eip]);
    failure((await emu.post("/v4/eip/create", { clientToken: "e-x", regionID: R, name: "eip-x", cycleType: "on_demand", demandBillingType: "bandwidth", bandwidthID: "bandwidth-missing000" })).envelope(), "Openapi.Sharedbandwidth.NotFound", "shared bandwidth bandwidth-missing000 not found");
  });
});
