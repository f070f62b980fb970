/** RouteTable, RouteTableRule and RouteTableAssociation through their serialized providers against the emulator. */
import assert from "node:assert/strict";
import { describeResourceContract } from "../helpers/resource-contract";
import { useProviderTestbed, type ProviderTestbed } from "../helpers/providers";
import { REGION_HUABEI2, REGION_HUADONG1 } from "../helpers/emulator";
import { createNatGateway } from "../emulator/fixtures/nat-gateway";
import { createNetwork } from "../emulator/fixtures/ecs";

type Props = Record<string, any>;

let tables = 0;
async function newTable(bed: ProviderTestbed, vpcID: string): Promise<string> {
  const envelope = (await bed.emu.post("/v4/vpc/route-table/create", { regionID: REGION_HUADONG1, clientToken: `fixture-table-${++tables}`, vpcID, name: "fixture" })).envelope<{ id: string }>();
  assert.equal(envelope.statusCode, 800, JSON.stringify(envelope));
  return envelope.returnObj.id;
}

const subnetTable = async (bed: ProviderTestbed, subnetID: string) =>
  (await bed.emu.get("/v4/vpc/query-subnet", { regionID: REGION_HUADONG1, subnetID })).envelope<{ routeTableID: string }>().returnObj.routeTableID;

describeResourceContract({
  kind: "RouteTable",
  idOutput: "routeTableId",
  recordKind: "routeTable",
  createOperation: "CreateRouteTable",
  createPath: "/v4/vpc/route-table/create",
  inputs: async (bed) => ({ vpcId: (await createNetwork(bed.emu)).vpcID }),
  updates: [{ name: "renamed-rtb" }, { description: "private subnets" }],
  replacements: [{ vpcId: "vpc-abcdefghij" }, { regionId: REGION_HUABEI2 }, { projectId: "0" }],
  drift: { patch: { name: "by-hand" }, inputs: { name: "by-hand" } },
  // Every VPC also has its default table: count the user tables only.
  count: async (bed) => ((await bed.emu.control.state()).resources["routeTable"] ?? []).filter((r) => (r.data as Props)["origin"] === "user").length,
});

describeResourceContract({
  kind: "RouteTableRule",
  idOutput: "routeTableRuleId",
  recordKind: "routeRule",
  createOperation: "CreateRouteRule",
  createPath: "/v4/vpc/route-table/create-rule",
  inputs: async (bed) => {
    const net = await createNetwork(bed.emu);
    return { routeTableId: await newTable(bed, net.vpcID), destination: "0.0.0.0/0", nextHopType: "natgw", nextHopId: await createNatGateway(bed.emu, net.vpcID) };
  },
  updates: [{ description: "egress through NAT" }],
  replacements: [{ destination: "10.9.0.0/16" }, { nextHopType: "vm" }, { nextHopId: "natgw-abcdefghij" }, { routeTableId: "rtb-abcdefghij" }, { regionId: REGION_HUABEI2 }],
  drift: { patch: { description: "by hand" }, inputs: { description: "by hand" } },
  count: async (bed) => ((await bed.emu.control.state()).resources["routeRule"] ?? []).filter((r) => (r.data as Props)["origin"] === "user").length,
});

describeResourceContract({
  kind: "RouteTableAssociation",
  idOutput: "routeTableAssociationId",
  createOperation: "ReplaceSubnetRouteTable",
  createPath: "/v4/vpc/replace-subnet-route-table",
  inputs: async (bed) => {
    const net = await createNetwork(bed.emu);
    return { routeTableId: await newTable(bed, net.vpcID), subnetId: net.subnetID };
  },
  updates: [],
  replacements: [{ routeTableId: "rtb-abcdefghij" }, { subnetId: "subnet-abcdefghij" }, { regionId: REGION_HUABEI2 }],
  exists: async (bed, id) => {
    const [table, subnet] = id.split(":") as [string, string];
    return (await subnetTable(bed, subnet)) === table;
  },
  removeOutOfBand: async (bed, id) => {
    await bed.emu.post("/v4/vpc/subnet-disassociate-route-table", { regionID: REGION_HUADONG1, subnetID: id.split(":")[1] });
  },
  count: async (bed) => {
    const subnets = (await bed.emu.control.state()).resources["subnet"] ?? [];
    return subnets.filter((s) => !String((s.data as Props)["routeTableID"]).endsWith(String((s.data as Props)["vpcID"]).slice(4))).length;
  },
});

describe("route tables: specifics", () => {
  const bed = useProviderTestbed();

  async function operations(): Promise<string[]> {
    return (await bed.emu.control.requests()).map((r) => (r.errorCode && r.errorCode !== "SUCCESS" ? `${r.operation}:${r.errorCode}` : String(r.operation)));
  }

  it("builds a private subnet's egress through a NAT gateway: table, association, 0.0.0.0/0 → natgw; destroy in reverse", async () => {
    const net = await createNetwork(bed.emu);
    const nat = await createNatGateway(bed.emu, net.vpcID);
    const table = await bed.create("RouteTable", { vpcId: net.vpcID, name: "private" });
    const association = await bed.create("RouteTableAssociation", { routeTableId: table.id, subnetId: net.subnetID });
    const rule = await bed.create("RouteTableRule", { routeTableId: table.id, destination: "0.0.0.0/0", nextHopType: "natgw", nextHopId: nat });
    assert.equal(association.id, `${table.id}:${net.subnetID}`);
    assert.equal(await subnetTable(bed, net.subnetID), table.id);
    assert.equal(rule.outs["ipVersion"], 4);
    const refreshed = await (await bed.provider("RouteTable")).read(table.id, table.outs);
    assert.deepEqual(refreshed.props?.["subnetIds"], [net.subnetID]);
    await (await bed.provider("RouteTableRule")).delete(rule.id, rule.outs);
    await (await bed.provider("RouteTableAssociation")).delete(association.id, association.outs);
    assert.equal(await subnetTable(bed, net.subnetID), `rtb-${net.vpcID.slice(4)}`, "back on the default table");
    await (await bed.provider("RouteTable")).delete(table.id, table.outs);
    assert.equal(await bed.emu.control.resource("routeTable", table.id), undefined);
  });

  it("does not take a subnet from another association, naming it", async () => {
    const net = await createNetwork(bed.emu);
    const first = await newTable(bed, net.vpcID);
    const second = await newTable(bed, net.vpcID);
    await bed.create("RouteTableAssociation", { routeTableId: first, subnetId: net.subnetID });
    const provider = await bed.provider("RouteTableAssociation");
    const checked = await provider.check({}, { pulumiName: "steal", routeTableId: second, subnetId: net.subnetID });
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), (error: Error) => {
      assert.match(error.message, new RegExp(`subnet ${net.subnetID} is on route table ${first}, not its VPC's default table: another RouteTableAssociation holds it`));
      return true;
    });
    assert.equal(await subnetTable(bed, net.subnetID), first);
  });

  it("deletes a table only once its subnets are gone, waiting while a read still shows them", async () => {
    const net = await createNetwork(bed.emu);
    const table = await bed.create("RouteTable", { vpcId: net.vpcID });
    const association = await bed.create("RouteTableAssociation", { routeTableId: table.id, subnetId: net.subnetID });
    const associations = await bed.provider("RouteTableAssociation");
    let moved = false;
    bed.onSleep(async () => {
      if (moved) return;
      moved = true;
      await associations.delete(association.id, association.outs);
    });
    await bed.emu.control.clearRequests();
    await (await bed.provider("RouteTable")).delete(table.id, table.outs);
    const deletes = (await operations()).filter((op) => op.startsWith("DeleteRouteTable"));
    assert.equal(deletes.length, 2, deletes.join(", "));
    assert.match(deletes[0]!, /^DeleteRouteTable:/);
    assert.equal(deletes[1], "DeleteRouteTable");
  });

  it("takes over its own route after a lost answer, but refuses someone else's route to the same destination", async () => {
    const net = await createNetwork(bed.emu);
    const table = await newTable(bed, net.vpcID);
    const nat = await createNatGateway(bed.emu, net.vpcID);
    const other = (await bed.emu.post("/v4/vpc/route-table/create-rule", { regionID: REGION_HUADONG1, routeTableID: table, destination: "10.50.0.0/16", nextHopType: "natgw", nextHopID: nat, ipVersion: 4, description: "" })).envelope<{ routeRuleID: string }>();
    const provider = await bed.provider("RouteTableRule");
    const checked = await provider.check({}, { pulumiName: "dup", routeTableId: table, destination: "10.50.0.0/16", nextHopType: "natgw", nextHopId: nat });
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), (error: Error) => {
      assert.match(error.message, new RegExp(`route table ${table} already has a route to 10.50.0.0/16 \\(${other.returnObj.routeRuleID} → natgw ${nat}\\): remove it, or take it under management with adoptId`));
      return true;
    });
  });

  it("names each rule that check refuses, before any call", async () => {
    const rule = await bed.provider("RouteTableRule");
    const cases: Array<[Props, string, string]> = [
      [{ routeTableId: "rtb-abcdefghij", destination: "10.0.0.1/16", nextHopType: "natgw", nextHopId: "natgw-abcdefghij" }, "destination", "must be in network form"],
      [{ routeTableId: "rtb-abcdefghij", destination: "0.0.0.0/0", nextHopType: "nat", nextHopId: "natgw-abcdefghij" }, "nextHopType", "must be one of vpcpeering, havip, bm, vm, natgw, igw, igw6, dc, ticc, vpngw, enic, gwlbe"],
      [{ routeTableId: "table-1", destination: "0.0.0.0/0", nextHopType: "natgw", nextHopId: "natgw-abcdefghij" }, "routeTableId", "must be an id like rtb-abcde12345"],
    ];
    for (const [news, property, reason] of cases) {
      const checked = await rule.check({}, { pulumiName: "bad", ...news });
      const failure = checked.failures.find((f) => f.property === property);
      assert.ok(failure, `${JSON.stringify(news)}: ${JSON.stringify(checked.failures)}`);
      assert.ok(failure.reason.includes(reason), `${property}: ${failure.reason}`);
    }
    const replaced = await rule.diff("route-rule-x", { routeTableId: "rtb-abcdefghij", destination: "0.0.0.0/0", nextHopType: "natgw", nextHopId: "natgw-abcdefghij", description: "", regionId: REGION_HUADONG1 }, {
      routeTableId: "rtb-abcdefghij", destination: "0.0.0.0/0", nextHopType: "natgw", nextHopId: "natgw-zzzzzzzzzz", description: "", regionId: REGION_HUADONG1,
    });
    assert.deepEqual([replaced.replaces, replaced.deleteBeforeReplace], [["nextHopId"], true], "the same destination: the old route goes first");
    assert.deepEqual(await bed.emu.control.counts(), {}, "check and diff call nothing");
  });
});
