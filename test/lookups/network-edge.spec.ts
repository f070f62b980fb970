/**
 * The network edge lookups against the emulator, as a program calls them: NAT gateways (filtered by
 * VPC here, the API having no such filter), route tables (default ones included, every page) and
 * shared bandwidths, their single-result forms naming the candidates, and the `…Output` forms.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as ctyun from "../../provider";
import { configureRuntime } from "../../provider/runtime";
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from "../../emulator/index";
import { REGION_HUADONG1, useEmulator } from "../helpers/emulator";
import { createNetwork, finishOrder, ok } from "../emulator/fixtures/ecs";
import { createNatGateway } from "../emulator/fixtures/nat-gateway";

describe("lookups: NAT gateways, route tables, shared bandwidths", () => {
  const emu = useEmulator();
  let tokens = 0;

  beforeEach(() => {
    configureRuntime({ deps: { now: () => emu.clock.now() } });
    pulumi.runtime.setAllConfig({ "ctyun:endpoint": emu.url, "ctyun:accessKey": DEMO_ACCESS_KEY, "ctyun:secretKey": DEMO_SECRET_KEY, "ctyun:regionId": REGION_HUADONG1 });
  });
  after(() => configureRuntime(undefined));

  const table = async (vpcID: string, name: string) =>
    ok((await emu.post("/v4/vpc/route-table/create", { regionID: REGION_HUADONG1, clientToken: `t-${++tokens}`, vpcID, name })).envelope<{ id: string }>()).id;
  async function bandwidth(name: string, mbps: number): Promise<string> {
    const placed = ok((await emu.post("/v4/bandwidth/create", { regionID: REGION_HUADONG1, clientToken: `b-${++tokens}`, name, bandwidth: mbps, cycleType: "on_demand" })).envelope<{ masterOrderID: string }>());
    return (await finishOrder(emu, placed.masterOrderID)).instanceIDList[0] as string;
  }

  it("finds NAT gateways by VPC and name, and names the candidates when several match", async () => {
    const a = await createNetwork(emu);
    const b = await createNetwork(emu, "10.1.0.0/16", "10.1.1.0/24");
    const egress = await createNatGateway(emu, a.vpcID, { name: "egress-a" });
    const other = await createNatGateway(emu, b.vpcID, { name: "egress-b" });
    const { natGateways, ids } = await ctyun.getNatGateways();
    assert.deepEqual(ids, [egress, other]);
    assert.deepEqual(natGateways[0], { natGatewayId: egress, name: "egress-a", description: "", vpcId: a.vpcID, azName: "cn-huadong1-jsnj1A-public-ctcloud", status: "running", createTime: "2024-06-01T00:00:00Z", expireTime: undefined });
    assert.equal((await ctyun.getNatGateway({ vpcId: b.vpcID })).natGatewayId, other);
    assert.equal((await ctyun.getNatGateway({ nameRegex: "-a$" })).natGatewayId, egress);
    await assert.rejects(ctyun.getNatGateway({ nameRegex: "^egress" }), (error: Error) => {
      assert.equal(error.message, `2 NAT gateways match name ~ /^egress/; narrow the filters to one of:\n  - egress-a (${egress} in ${a.vpcID})\n  - egress-b (${other} in ${b.vpcID})`);
      return true;
    });
    await assert.rejects(ctyun.getNatGateway({ vpcId: "vpc-none000000" }), /^Error: no NAT gateway matches vpcId "vpc-none000000"$/);
  });

  it("finds a VPC's default table and its own tables, following every page (55 tables)", async () => {
    const net = await createNetwork(emu);
    for (let i = 0; i < 54; i++) await table(net.vpcID, `private-${i}`);
    const all = await ctyun.getRouteTables({ vpcId: net.vpcID });
    assert.equal(all.routeTables.length, 55);
    const main = await ctyun.getRouteTable({ vpcId: net.vpcID, origin: "default" });
    assert.deepEqual(main, { routeTableId: `rtb-${net.vpcID.slice(4)}`, name: "default", description: "", vpcId: net.vpcID, origin: "default", ruleCount: 1 });
    assert.equal((await ctyun.getRouteTables({ vpcId: net.vpcID, origin: "user", nameRegex: "^private-5\\d$" })).ids.length, 4);
  });

  it("finds shared bandwidths by name, and takes pulumi.Inputs in the …Output forms", async () => {
    const shared = await bandwidth("shared-egress", 50);
    await bandwidth("other", 10);
    const found = await ctyun.getBandwidth({ nameRegex: "^shared-" });
    assert.deepEqual(found, { bandwidthId: shared, name: "shared-egress", bandwidth: 50, status: "active", eipIds: [], expireTime: undefined });
    assert.equal((await ctyun.getBandwidths()).bandwidths.length, 2);
    const output = ctyun.getBandwidthOutput({ nameRegex: pulumi.output("^other$") });
    const value = await new Promise<ctyun.BandwidthInfo>((resolve) => output.apply(resolve));
    assert.equal(value.bandwidth, 10);
  });
});
