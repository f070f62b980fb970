/**
 * NAT gateways in the official clients' wire forms (api-notes/nat.md §2): the billed create polled
 * by replaying it with its clientToken (live status, the id once started) or by query-uuid, show and
 * the list's types, rename, the spec change and the unsubscribe as orders, and the rules: spec 1–4,
 * billing terms, the VPC must exist and cannot go while a gateway holds it.
 */
import assert from "node:assert/strict";
import { UNKNOWN_CODE_SITUATIONS } from "../../emulator/unknown-codes";
import { REGION_HUADONG1 as R, useEmulator, type CtyunEnvelope } from "../helpers/emulator";
import { createNetwork, failure, finishOrder, ok, pollOrder } from "./fixtures/ecs";
import { createNatGateway, natCreateBody } from "./fixtures/nat-gateway";

type Placed = { masterOrderID: string; masterOrderNO: string; masterResourceID: string; masterResourceStatus: string; regionID: string; natGatewayID: string };

describe("emulator: NAT gateways", () => {
  const emu = useEmulator({ transport: "in-process" });

  const show = async (natGatewayID: string) => (await emu.get("/v4/vpc/get-nat-gateway-attribute", { regionID: R, natGatewayID })).envelope<Record<string, unknown>>();
  const isDrawn = (situation: keyof typeof UNKNOWN_CODE_SITUATIONS, code: string | undefined) => (UNKNOWN_CODE_SITUATIONS[situation] as readonly string[]).includes(code ?? "");

  it("creates through an order that a replay with the same clientToken polls: starting without an id, then started with it", async () => {
    const { vpcID } = await createNetwork(emu);
    const body = natCreateBody(vpcID, { name: "edge" });
    const first = ok((await emu.post("/v4/vpc/create-nat-gateway", body)).envelope<Placed>());
    assert.deepEqual({ ...first, masterOrderID: "", masterOrderNO: "", masterResourceID: "" }, {
      masterOrderID: "", masterOrderNO: "", masterResourceID: "", masterResourceStatus: "starting", regionID: R, natGatewayID: "",
    });
    assert.match(first.masterOrderID, /^[0-9a-f]{32}$/);
    // Each replay is a poll of the order (the fast profile finishes it at the second observation).
    const polled = ok((await emu.post("/v4/vpc/create-nat-gateway", body)).envelope<Placed>());
    assert.deepEqual([polled.masterOrderID, polled.masterResourceStatus, polled.natGatewayID], [first.masterOrderID, "starting", ""]);
    const replay = ok((await emu.post("/v4/vpc/create-nat-gateway", body)).envelope<Placed>());
    assert.equal(replay.masterOrderID, first.masterOrderID, "the same order, not a second gateway");
    assert.equal(replay.masterResourceStatus, "started");
    assert.match(replay.natGatewayID, /^natgw-[a-z0-9]{10}$/);
    assert.equal((await emu.control.state()).resources["natGateway"]?.length, 1);
    assert.deepEqual(await emu.control.counts(), { CreateVpc: 1, CreateSubnet: 1, CreateSecurityGroup: 1, CreateNatGateway: 3 });
  });

  it("reports the gateway in the create order's instanceIDList, and is invisible until the order finished", async () => {
    const { vpcID } = await createNetwork(emu);
    const placed = ok((await emu.post("/v4/vpc/create-nat-gateway", natCreateBody(vpcID))).envelope<Placed>());
    assert.deepEqual(await pollOrder(emu, placed.masterOrderID), { orderStatus: "14", instanceIDList: [] });
    assert.deepEqual(ok((await emu.get("/v4/vpc/describe-nat-gateways", { regionID: R })).envelope<unknown[]>()), []);
    const done = await pollOrder(emu, placed.masterOrderID);
    assert.equal(done.orderStatus, "3");
    assert.equal(ok(await show(done.instanceIDList[0]!))["natGatewayID"], done.instanceIDList[0]);
  });

  it("shows the gateway with the official types: specs by name, status an integer, the VPC's name and CIDR, empty rule tables", async () => {
    const { vpcID, vpcName } = await createNetwork(emu);
    const id = await createNatGateway(emu, vpcID, { name: "edge", description: "egress", spec: 3 });
    assert.deepEqual(ok(await show(id)), {
      natGatewayID: id, name: "edge", description: "egress", status: 2, state: "running", specs: "large",
      zoneID: "cn-huadong1-jsnj1A-public-ctcloud", vpcID, vpcName, vpcCidr: "10.0.0.0/16", projectID: "0",
      creationTime: "2024-06-01T00:00:00Z", expiredTime: "", snatTable: [], dnatTable: [],
    });
  });

  it("lists gateways as a bare array, filtered by natGatewayID, 50 a page at most", async () => {
    const { vpcID, vpcName } = await createNetwork(emu);
    const a = await createNatGateway(emu, vpcID, { name: "nat-a" });
    const b = await createNatGateway(emu, vpcID, { name: "nat-b", cycleType: "month", cycleCount: 2 });
    const rows = ok((await emu.get("/v4/vpc/describe-nat-gateways", { regionID: R })).envelope<Array<Record<string, unknown>>>());
    assert.deepEqual(rows.map((row) => row["natGatewayID"]), [a, b]);
    assert.deepEqual(rows[1], {
      ID: b, natGatewayID: b, name: "nat-b", description: "", status: 2, state: "running", zoneID: "cn-huadong1-jsnj1A-public-ctcloud",
      vpcID, vpcName, creationTime: "2024-06-01T00:00:00Z", expireTime: "2024-08-01T00:00:00Z", projectID: "0",
    });
    assert.deepEqual(ok((await emu.get("/v4/vpc/describe-nat-gateways", { regionID: R, natGatewayID: b })).envelope<Array<{ name: string }>>()).map((g) => g.name), ["nat-b"]);
    assert.deepEqual(ok((await emu.get("/v4/vpc/describe-nat-gateways", { regionID: R, natGatewayID: "natgw-unknown000" })).envelope<unknown[]>()), []);
    failure((await emu.get("/v4/vpc/describe-nat-gateways", { regionID: R, pageSize: "51" })).envelope(), "Openapi.Parameter.Invalid", "pageSize must not exceed 50");
  });

  const refusals: Array<[string, Record<string, unknown>, string]> = [
    ["spec 0 (TF sends it when spec is unset)", { spec: 0 }, "spec must be 1 (small), 2 (medium), 3 (large) or 4 (xlarge), got 0"],
    ["spec 5", { spec: 5 }, "spec must be 1 (small), 2 (medium), 3 (large) or 4 (xlarge), got 5"],
    ["a one-letter name", { name: "n" }, "name must be 2-32 characters long"],
    ["a month term of 12", { cycleType: "month", cycleCount: 12 }, "cycleCount must be an integer from 1 to 11 for cycleType month (got 12)"],
    ["a year term without a count", { cycleType: "year" }, "cycleCount must be an integer from 1 to 3 for cycleType year (got nothing)"],
    ["a count for on_demand", { cycleCount: 1 }, "cycleCount must be 0 or omitted for an on-demand create (got 1)"],
    ["an unknown zone", { azName: "cn-huadong1-nowhere" }, "azName cn-huadong1-nowhere is not a zone of region " + R],
    ["no clientToken", { clientToken: undefined }, "clientToken: is required (1-64 characters)"],
  ];
  for (const [title, change, message] of refusals) {
    it(`refuses ${title}`, async () => {
      const { vpcID } = await createNetwork(emu);
      failure((await emu.post("/v4/vpc/create-nat-gateway", natCreateBody(vpcID, change))).envelope(), "Openapi.Parameter.Invalid", message);
      assert.equal((await emu.control.state()).orders.length, 0, "no order was placed");
    });
  }

  it("refuses a VPC that does not exist with Openapi.Vpc.NotFound", async () => {
    failure((await emu.post("/v4/vpc/create-nat-gateway", natCreateBody("vpc-missing000"))).envelope(), "Openapi.Vpc.NotFound", "vpc vpc-missing000 not found");
  });

  it("places the gateway in the region's first zone when azName is not sent", async () => {
    const { vpcID } = await createNetwork(emu);
    const id = await createNatGateway(emu, vpcID, { azName: undefined });
    assert.equal(ok(await show(id))["zoneID"], "cn-huadong1-jsnj1A-public-ctcloud");
  });

  it("answers an unknown gateway with a drawn not-found code whose texts say `not found` and 不存在", async () => {
    const envelope = (await show("natgw-missing000")) as CtyunEnvelope;
    assert.equal(envelope.statusCode, 900);
    assert.ok(isDrawn("nat-gateway-not-found", envelope.errorCode), envelope.errorCode);
    assert.deepEqual([envelope.message, envelope.description], ["nat gateway natgw-missing000 not found", "NAT网关 natgw-missing000 不存在"]);
  });

  it("renames and redescribes in place", async () => {
    const { vpcID } = await createNetwork(emu);
    const id = await createNatGateway(emu, vpcID);
    ok((await emu.post("/v4/vpc/modify-nat-gateway-attribute", { regionID: R, natGatewayID: id, clientToken: "t1", name: "renamed", description: "new" })).envelope());
    const shown = ok(await show(id));
    assert.deepEqual([shown["name"], shown["description"]], ["renamed", "new"]);
    failure((await emu.post("/v4/vpc/modify-nat-gateway-attribute", { regionID: R, natGatewayID: id, name: "http:x" })).envelope(), "Openapi.Parameter.Invalid", "name must start with a letter or Chinese character and contain only letters, digits, Chinese characters, '_' and '-'");
  });

  it("changes the spec through an order, one order at a time (Openapi.Order.Inprogress names the running one)", async () => {
    const { vpcID } = await createNetwork(emu);
    const id = await createNatGateway(emu, vpcID);
    const placed = ok((await emu.post("/v4/vpc/modify-nat-gateway-spec", { regionID: R, natGatewayID: id, clientToken: "m1", spec: 2 })).envelope<{ masterOrderID: string; regionID: string }>());
    assert.equal(placed.regionID, R);
    const busy = (await emu.post("/v4/vpc/modify-nat-gateway-spec", { regionID: R, natGatewayID: id, clientToken: "m2", spec: 4 })).envelope<{ masterOrderID: string }>();
    assert.deepEqual([busy.statusCode, busy.errorCode, busy.returnObj], [900, "Openapi.Order.Inprogress", { masterOrderID: placed.masterOrderID }]);
    assert.equal(ok(await show(id))["specs"], "small", "the old spec until the order finished");
    assert.equal((await finishOrder(emu, placed.masterOrderID)).orderStatus, "3");
    assert.equal(ok(await show(id))["specs"], "medium");
    failure((await emu.post("/v4/vpc/modify-nat-gateway-spec", { regionID: R, natGatewayID: id, clientToken: "m3", spec: 2 })).envelope(), "Openapi.Parameter.Invalid", `nat gateway ${id} already has spec 2`);
  });

  it("deletes through a refund order answering masterResourceStatus refunded; gone when it finishes", async () => {
    const { vpcID } = await createNetwork(emu);
    const id = await createNatGateway(emu, vpcID);
    const placed = ok((await emu.post("/v4/vpc/delete-nat-gateway", { regionID: R, natGatewayID: id, clientToken: "d1" })).envelope<Record<string, string>>());
    assert.deepEqual(Object.keys(placed).sort(), ["masterOrderID", "masterOrderNO", "masterResourceStatus", "regionID"]);
    assert.equal(placed["masterResourceStatus"], "refunded");
    assert.equal(ok(await show(id))["natGatewayID"], id, "still shown while the refund runs");
    const busy = (await emu.post("/v4/vpc/delete-nat-gateway", { regionID: R, natGatewayID: id, clientToken: "d2" })).envelope();
    assert.equal(busy.errorCode, "Openapi.Order.Inprogress");
    await finishOrder(emu, placed["masterOrderID"]!);
    assert.ok(isDrawn("nat-gateway-not-found", (await show(id)).errorCode));
  });

  it("holds its VPC: listed in natGatewayIDs, and the VPC refuses to go until the gateway is gone", async () => {
    const net = await createNetwork(emu, "10.0.0.0/16", "10.0.1.0/24");
    const id = await createNatGateway(emu, net.vpcID);
    assert.deepEqual(ok((await emu.get("/v4/vpc/query", { regionID: R, vpcID: net.vpcID })).envelope<{ natGatewayIDs: string[] }>()).natGatewayIDs, [id]);
    ok((await emu.post("/v4/vpc/delete-subnet", { regionID: R, subnetID: net.subnetID })).envelope());
    ok((await emu.post("/v4/vpc/delete-security-group", { regionID: R, securityGroupID: net.securityGroupID })).envelope());
    const refused = (await emu.post("/v4/vpc/delete", { regionID: R, vpcID: net.vpcID })).envelope();
    assert.ok(isDrawn("vpc-has-dependents", refused.errorCode), refused.errorCode);
    assert.deepEqual([refused.message, refused.description], [`vpc ${net.vpcID} still has NAT gateways: ${id}`, "VPC下存在NAT网关，无法删除"]);
    const placed = ok((await emu.post("/v4/vpc/delete-nat-gateway", { regionID: R, natGatewayID: id, clientToken: "d" })).envelope<{ masterOrderID: string }>());
    await finishOrder(emu, placed.masterOrderID);
    ok((await emu.post("/v4/vpc/delete", { regionID: R, vpcID: net.vpcID })).envelope());
  });

  it("fails the create order (nothing made) when the VPC went while it ran", async () => {
    const { vpcID, subnetID, securityGroupID } = await createNetwork(emu);
    const placed = ok((await emu.post("/v4/vpc/create-nat-gateway", natCreateBody(vpcID))).envelope<Placed>());
    await emu.post("/v4/vpc/delete-subnet", { regionID: R, subnetID });
    await emu.post("/v4/vpc/delete-security-group", { regionID: R, securityGroupID });
    ok((await emu.post("/v4/vpc/delete", { regionID: R, vpcID })).envelope());
    assert.equal((await finishOrder(emu, placed.masterOrderID)).orderStatus, "5");
    assert.equal((await emu.control.state()).resources["natGateway"], undefined);
  });
});
