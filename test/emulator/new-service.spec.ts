/**
 * A new resource family costs one folder and one line: the test-only NAT service (fixtures/nat)
 * holds VPCs and subnets by declaring it, with no edit to the VPC service or the core. Its holders
 * count in the subnet's free addresses (so ECS skips them), show in the VPC's natGatewayIDs, and
 * block the subnet's deletion with the subnet's own refusal and a drawn `subnet-in-use` code.
 */
import assert from "node:assert/strict";
import { UNKNOWN_CODE_SITUATIONS } from "../../emulator/unknown-codes";
import { REGION_HUADONG1 as R, useEmulator, type CtyunEnvelope } from "../helpers/emulator";
import { createInstance, createNetwork, details, ok } from "./fixtures/ecs";
import { natService } from "./fixtures/nat";

describe("emulator: a service added from its own folder (test NAT gateways)", () => {
  const emu = useEmulator({ transport: "in-process", emulator: { extraServices: [natService] } });

  const subnet = async (subnetID: string) => ok((await emu.get("/v4/vpc/query-subnet", { regionID: R, subnetID })).envelope<{ availableIpCount: number }>());
  const createNat = async (vpcID: string, subnetID: string) =>
    ok((await emu.post("/v4/test/nat/create", { regionID: R, name: "nat-1", vpcID, subnetID })).envelope<{ natGatewayID: string }>()).natGatewayID;

  it("takes an address of its subnet: the subnet counts it and a VM created later gets the next one", async () => {
    const net = await createNetwork(emu);
    assert.equal((await subnet(net.subnetID)).availableIpCount, 251);
    const natID = await createNat(net.vpcID, net.subnetID);
    assert.match(natID, /^natgw-[a-z0-9]{10}$/);
    assert.equal(ok((await emu.get("/v4/test/nat/show", { regionID: R, natGatewayID: natID })).envelope<{ privateIp: string }>()).privateIp, "10.0.1.2");
    assert.equal((await subnet(net.subnetID)).availableIpCount, 250);
    const vm = await createInstance(emu, net);
    assert.equal(ok(await details(emu, vm)).privateIP, "10.0.1.3");
  });

  it("is a holder of its VPC after the built-in ones (natGatewayIDs lists only the NAT service's kind)", async () => {
    const net = await createNetwork(emu);
    const natID = await createNat(net.vpcID, net.subnetID);
    assert.deepEqual(ok((await emu.get("/v4/vpc/query", { regionID: R, vpcID: net.vpcID })).envelope<{ natGatewayIDs: string[] }>()).natGatewayIDs, []);
    assert.deepEqual(
      emu.app.context.dependantsOf("vpc", R, net.vpcID).map((group) => [group.kind, group.holders.map((h) => h.id)]),
      [["securityGroup", [net.securityGroupID]], ["testGateway", [natID]]],
    );
  });

  it("keeps its subnet from being deleted, with the subnet's refusal naming it, until it is gone", async () => {
    const net = await createNetwork(emu);
    const natID = await createNat(net.vpcID, net.subnetID);
    const refused = (await emu.post("/v4/vpc/delete-subnet", { regionID: R, subnetID: net.subnetID })).envelope() as CtyunEnvelope;
    assert.equal(refused.statusCode, 900);
    assert.ok((UNKNOWN_CODE_SITUATIONS["subnet-in-use"] as readonly string[]).includes(refused.errorCode ?? ""), refused.errorCode ?? "");
    assert.deepEqual([refused.message, refused.description], [`subnet ${net.subnetID} is in use by test gateways: ${natID}`, "子网中存在测试网关，无法删除"]);
    ok((await emu.post("/v4/test/nat/delete", { regionID: R, natGatewayID: natID })).envelope());
    ok((await emu.post("/v4/vpc/delete-subnet", { regionID: R, subnetID: net.subnetID })).envelope());
  });

  it("is listed with its backend and declared relations by GET /_emulator/services", async () => {
    const services = (await emu.call("GET", "/_emulator/services")).json<{ backends: string[]; dependants: Record<string, string[]> }>();
    // Only the test service's own entries: every other service adds its own, so a full list would
    // make each new family edit this test. Extra services register last, after the built-in holders.
    assert.ok(services.backends.includes("testGateway") && services.backends.includes("vpc"), services.backends.join(", "));
    assert.deepEqual([services.dependants["vpc"]?.at(-1), services.dependants["subnet"]?.at(-1)], ["testGateway", "testGateway"]);
  });
});
