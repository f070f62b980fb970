/**
 * Route tables in the official clients' wire forms (api-notes/route-table.md): the VPC's default
 * table (the id its subnets report) with a system route to the VPC's IPv4 gateway, user tables and
 * rules, subnets moved between tables (each on exactly one), and the rules: next hops must exist in
 * the table's VPC, a table with subnets or the default table cannot be deleted, a VPC with user
 * tables cannot either, a NAT gateway routes point at cannot be unsubscribed.
 */
import assert from "node:assert/strict";
import { UNKNOWN_CODE_SITUATIONS } from "../../emulator/unknown-codes";
import { REGION_HUADONG1 as R, useEmulator, type CtyunEnvelope } from "../helpers/emulator";
import { createInstance, createNetwork, failure, ok, type Network } from "./fixtures/ecs";
import { createNatGateway } from "./fixtures/nat-gateway";

type Table = Record<string, unknown> & { id: string; routeRules: string[]; subnetDetail: Array<{ id: string }> };

describe("emulator: route tables", () => {
  const emu = useEmulator({ transport: "in-process" });
  const isDrawn = (situation: keyof typeof UNKNOWN_CODE_SITUATIONS, code: string | undefined) => (UNKNOWN_CODE_SITUATIONS[situation] as readonly string[]).includes(code ?? "");

  let net: Network;
  let tokens = 0;
  beforeEach(async () => {
    net = await createNetwork(emu);
  });

  const show = async (routeTableID: string) => (await emu.get("/v4/vpc/route-table/show", { regionID: R, routeTableID })).envelope<Table>();
  const createTable = async (body: Record<string, unknown> = {}) =>
    ok((await emu.post("/v4/vpc/route-table/create", { regionID: R, clientToken: `rt-${++tokens}`, vpcID: net.vpcID, name: "private", ...body })).envelope<{ id: string }>()).id;
  const createRule = async (routeTableID: string, body: Record<string, unknown>) =>
    (await emu.post("/v4/vpc/route-table/create-rule", { regionID: R, routeTableID, ipVersion: 4, description: "", ...body })).envelope<{ routeRuleID: string }>();
  const rules = async (routeTableID: string) =>
    ok((await emu.get("/v4/vpc/route-table/new-list-rules", { regionID: R, routeTableID })).envelope<{ routeRules: Array<Record<string, unknown>>; totalCount: number }>());
  const subnetTable = async (subnetID: string) => ok((await emu.get("/v4/vpc/query-subnet", { regionID: R, subnetID })).envelope<{ routeTableID: string }>()).routeTableID;

  it("gives every VPC a default table: the one its subnets report, with a system route to the VPC's IPv4 gateway", async () => {
    const defaultId = await subnetTable(net.subnetID);
    assert.equal(defaultId, `rtb-${net.vpcID.slice(4)}`);
    const table = ok(await show(defaultId));
    assert.deepEqual(
      { origin: table["origin"], type: table["type"], freezing: table["freezing"], routeRulesCount: table["routeRulesCount"], subnets: table.subnetDetail.map((s) => s.id), vpcID: table["vpcID"] },
      { origin: "default", type: 0, freezing: false, routeRulesCount: 1, subnets: [net.subnetID], vpcID: net.vpcID },
    );
    assert.deepEqual((await rules(defaultId)).routeRules, [
      { routeRuleID: `route-rule-${net.vpcID.slice(4)}`, destination: "0.0.0.0/0", nextHopType: "igw", nextHopID: `igw-${net.vpcID.slice(4)}`, ipVersion: 4, description: "", origin: "default" },
    ]);
    const listed = ok((await emu.get("/v4/vpc/route-table/new-list", { regionID: R, vpcID: net.vpcID })).envelope<{ routeTables: Array<{ id: string }>; totalCount: number }>());
    assert.deepEqual([listed.routeTables.map((t) => t.id), listed.totalCount], [[defaultId], 1]);
    failure((await emu.post("/v4/vpc/route-table/delete", { regionID: R, routeTableID: defaultId, clientToken: "d" })).envelope(), "Openapi.Parameter.Invalid", `route table ${defaultId} is the default table of vpc ${net.vpcID}: it is deleted with the VPC`);
  });

  it("creates a user table answering its id, shows and renames it, and lists it with the default one", async () => {
    const created = ok((await emu.post("/v4/vpc/route-table/create", { regionID: R, clientToken: "c1", vpcID: net.vpcID, name: "private", description: "via NAT" })).envelope<Record<string, unknown>>());
    assert.deepEqual(Object.keys(created).sort(), ["createdAt", "description", "id", "name", "routeRulesCount", "updatedAt", "vpcID"]);
    assert.match(String(created["id"]), /^rtb-[a-z0-9]{10}$/);
    assert.equal(created["routeRulesCount"], 1, "a user table starts with the system route too");
    ok((await emu.post("/v4/vpc/route-table/modify", { regionID: R, clientToken: "m", routeTableID: created["id"], name: "renamed" })).envelope());
    assert.equal(ok(await show(String(created["id"])))["name"], "renamed");
    const found = ok((await emu.get("/v4/vpc/route-table/new-list", { regionID: R, queryContent: "RENAMED" })).envelope<{ routeTables: Array<{ id: string }> }>());
    assert.deepEqual(found.routeTables.map((t) => t.id), [created["id"]]);
    failure((await emu.post("/v4/vpc/route-table/create", { regionID: R, clientToken: "c2", vpcID: "vpc-missing000", name: "x1" })).envelope(), "Openapi.Vpc.NotFound", "vpc vpc-missing000 not found");
  });

  it("answers an unknown table with a drawn not-found code (text 不存在), and an unknown routeTableID filter with Openapi.RouterTable.AccessFailed", async () => {
    const missing = (await show("rtb-missing000")) as CtyunEnvelope;
    assert.ok(isDrawn("route-table-not-found", missing.errorCode), missing.errorCode);
    assert.equal(missing.description, "路由表 rtb-missing000 不存在");
    const listed = (await emu.get("/v4/vpc/route-table/new-list", { regionID: R, routeTableID: "rtb-missing000" })).envelope();
    assert.deepEqual([listed.statusCode, listed.errorCode], [900, "Openapi.RouterTable.AccessFailed"]);
  });

  it("moves a subnet to a user table and back to the default one: always exactly one table", async () => {
    const table = await createTable();
    ok((await emu.post("/v4/vpc/replace-subnet-route-table", { regionID: R, subnetID: net.subnetID, routeTableID: table })).envelope());
    assert.equal(await subnetTable(net.subnetID), table);
    assert.deepEqual(ok(await show(table)).subnetDetail.map((s) => s.id), [net.subnetID]);
    assert.deepEqual(ok(await show(`rtb-${net.vpcID.slice(4)}`)).subnetDetail, []);
    const refused = (await emu.post("/v4/vpc/route-table/delete", { regionID: R, routeTableID: table, clientToken: "d" })).envelope() as CtyunEnvelope;
    assert.ok(isDrawn("route-table-in-use", refused.errorCode), refused.errorCode);
    assert.equal(refused.message, `route table ${table} is associated with subnets: ${net.subnetID}`);
    assert.deepEqual(ok((await emu.post("/v4/vpc/subnet-disassociate-route-table", { regionID: R, subnetID: net.subnetID })).envelope()), { subnetID: net.subnetID });
    assert.equal(await subnetTable(net.subnetID), `rtb-${net.vpcID.slice(4)}`);
    ok((await emu.post("/v4/vpc/route-table/delete", { regionID: R, routeTableID: table, clientToken: "d2" })).envelope());
    assert.ok(isDrawn("route-table-not-found", (await show(table)).errorCode));
  });

  it("refuses a table of another VPC for a subnet", async () => {
    const other = await createNetwork(emu, "10.1.0.0/16", "10.1.1.0/24");
    const table = await createTable({ vpcID: other.vpcID });
    failure((await emu.post("/v4/vpc/replace-subnet-route-table", { regionID: R, subnetID: net.subnetID, routeTableID: table })).envelope(), "Openapi.Parameter.Invalid", `route table ${table} is in vpc ${other.vpcID}, subnet ${net.subnetID} in vpc ${net.vpcID}`);
  });

  it("routes to a NAT gateway or a VM of the table's VPC; only the description changes; system routes stay", async () => {
    const table = await createTable();
    const nat = await createNatGateway(emu, net.vpcID);
    const vm = await createInstance(emu, net);
    const toNat = ok(await createRule(table, { destination: "0.0.0.0/0", nextHopType: "natgw", nextHopID: nat, description: "egress" }));
    assert.match(toNat.routeRuleID, /^route-rule-[a-z0-9]{10}$/);
    ok(await createRule(table, { destination: "192.168.100.0/24", nextHopType: "vm", nextHopID: vm }));
    failure(await createRule(table, { destination: "0.0.0.0/0", nextHopType: "vm", nextHopID: vm }), "Openapi.Parameter.Invalid", `route table ${table} already has a route to 0.0.0.0/0 (${toNat.routeRuleID})`);
    ok((await emu.post("/v4/vpc/route-table/modify-rule", { regionID: R, routeRuleID: toNat.routeRuleID, description: "all egress" })).envelope());
    const listed = await rules(table);
    assert.equal(listed.totalCount, 3);
    assert.deepEqual(listed.routeRules.filter((r) => r["origin"] === "user").map((r) => [r["destination"], r["nextHopType"], r["description"]]), [["0.0.0.0/0", "natgw", "all egress"], ["192.168.100.0/24", "vm", ""]]);
    const system = listed.routeRules.find((r) => r["origin"] === "default")!;
    failure((await emu.post("/v4/vpc/route-table/delete-rule", { regionID: R, routeRuleID: system["routeRuleID"] })).envelope(), "Openapi.Parameter.Invalid", `route rule ${String(system["routeRuleID"])} is a system route and cannot be deleted`);
  });

  const badHops: Array<[string, Record<string, unknown>, string, string]> = [
    ["a NAT gateway that does not exist", { destination: "0.0.0.0/0", nextHopType: "natgw", nextHopID: "natgw-missing000" }, "", "nat gateway natgw-missing000 not found"],
    ["a VM that does not exist", { destination: "0.0.0.0/0", nextHopType: "vm", nextHopID: "00000000-0000-0000-0000-000000000000" }, "Ecs.Instance.NotFound", "instance 00000000-0000-0000-0000-000000000000 not found"],
    ["an IPv4 gateway of another VPC", { destination: "0.0.0.0/0", nextHopType: "igw", nextHopID: "igw-zzzzzzzzzz" }, "Openapi.Parameter.Invalid", ""],
    ["a next-hop type the official clients do not name", { destination: "0.0.0.0/0", nextHopType: "router", nextHopID: "x" }, "Openapi.Parameter.Invalid", ""],
    ["a peering connection (nothing to check it against)", { destination: "0.0.0.0/0", nextHopType: "vpcpeering", nextHopID: "pcx-1" }, "Openapi.Parameter.Invalid", "nextHopType vpcpeering: no such device exists in this region"],
    ["a destination with host bits", { destination: "10.8.0.1/16", nextHopType: "igw", nextHopID: "" }, "Openapi.Parameter.Invalid", "destination 10.8.0.1/16 is not a network address"],
    ["an IPv6 destination with ipVersion 4", { destination: "::/0", nextHopType: "igw", nextHopID: "" }, "Openapi.Parameter.Invalid", "destination ::/0 is not an IPv4 CIDR"],
  ];
  for (const [title, body, code, message] of badHops) {
    it(`refuses a route to ${title}`, async () => {
      const envelope = (await createRule(await createTable(), body)) as CtyunEnvelope;
      assert.equal(envelope.statusCode, 900);
      if (code) assert.equal(envelope.errorCode, code);
      else assert.ok(isDrawn("nat-gateway-not-found", envelope.errorCode), envelope.errorCode);
      if (message) assert.equal(envelope.message, message);
    });
  }

  it("refuses a NAT gateway of another VPC as next hop", async () => {
    const other = await createNetwork(emu, "10.1.0.0/16", "10.1.1.0/24");
    const nat = await createNatGateway(emu, other.vpcID);
    const table = await createTable();
    failure(await createRule(table, { destination: "0.0.0.0/0", nextHopType: "natgw", nextHopID: nat }), "Openapi.Parameter.Invalid", `nat gateway ${nat} is in vpc ${other.vpcID}, not in vpc ${net.vpcID} of route table ${table}`);
  });

  it("refuses a VM of another VPC as next hop", async () => {
    const other = await createNetwork(emu, "10.1.0.0/16", "10.1.1.0/24");
    const vm = await createInstance(emu, other);
    const table = await createTable();
    failure(await createRule(table, { destination: "0.0.0.0/0", nextHopType: "vm", nextHopID: vm }), "Openapi.Parameter.Invalid", `instance ${vm} is in vpc ${other.vpcID}, not in vpc ${net.vpcID} of route table ${table}`);
    assert.equal((await rules(table)).totalCount, 1, "only the system route");
  });

  it("keeps a NAT gateway that routes point at from being unsubscribed", async () => {
    const table = await createTable();
    const nat = await createNatGateway(emu, net.vpcID);
    const { routeRuleID } = ok(await createRule(table, { destination: "0.0.0.0/0", nextHopType: "natgw", nextHopID: nat }));
    const refused = (await emu.post("/v4/vpc/delete-nat-gateway", { regionID: R, natGatewayID: nat, clientToken: "d" })).envelope();
    assert.equal(refused.message, `nat gateway ${nat} still has routes: ${routeRuleID}`);
    ok((await emu.post("/v4/vpc/route-table/delete-rule", { regionID: R, routeRuleID })).envelope());
    ok((await emu.post("/v4/vpc/delete-nat-gateway", { regionID: R, natGatewayID: nat, clientToken: "d2" })).envelope());
  });

  it("keeps a VPC with user tables; its default table and rules go with it", async () => {
    const table = await createTable();
    await emu.post("/v4/vpc/delete-subnet", { regionID: R, subnetID: net.subnetID });
    await emu.post("/v4/vpc/delete-security-group", { regionID: R, securityGroupID: net.securityGroupID });
    const refused = (await emu.post("/v4/vpc/delete", { regionID: R, vpcID: net.vpcID })).envelope();
    assert.deepEqual([refused.message, refused.description], [`vpc ${net.vpcID} still has route tables: ${table}`, "VPC下存在路由表，无法删除"]);
    ok((await emu.post("/v4/vpc/route-table/delete", { regionID: R, routeTableID: table, clientToken: "d" })).envelope());
    ok((await emu.post("/v4/vpc/delete", { regionID: R, vpcID: net.vpcID })).envelope());
    const state = await emu.control.state();
    assert.deepEqual([state.resources["routeTable"], state.resources["routeRule"]], [undefined, undefined]);
  });
});
