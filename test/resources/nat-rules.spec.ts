/** SnatRule and DnatRule through their serialized providers against the emulator: the contract, updates, rules, checks. */
import assert from "node:assert/strict";
import { describeResourceContract } from "../helpers/resource-contract";
import { useProviderTestbed, type ProviderTestbed } from "../helpers/providers";
import { REGION_HUABEI2, REGION_HUADONG1 } from "../helpers/emulator";
import { createEip, createNatGateway } from "../emulator/fixtures/nat-gateway";
import { createInstance, createNetwork } from "../emulator/fixtures/ecs";
import { UNKNOWN } from "../../provider/lifecycle/unknowns";

type Props = Record<string, any>;

/** A VPC with a subnet, a NAT gateway in it and a fresh EIP. */
async function natSetup(bed: ProviderTestbed): Promise<{ natGatewayId: string; subnetId: string; eipId: string; vpcId: string }> {
  const net = await createNetwork(bed.emu);
  return { natGatewayId: await createNatGateway(bed.emu, net.vpcID), subnetId: net.subnetID, eipId: await createEip(bed.emu), vpcId: net.vpcID };
}

describeResourceContract({
  kind: "SnatRule",
  idOutput: "snatId",
  recordKind: "snatRule",
  createOperation: "CreateSnatEntry",
  createPath: "/v4/vpc/create-snat-entry",
  inputs: async (bed) => {
    const { natGatewayId, subnetId, eipId } = await natSetup(bed);
    return { natGatewayId, sourceSubnetId: subnetId, eipIds: [eipId] };
  },
  updates: [{ description: "private subnet egress" }],
  replacements: [{ natGatewayId: "natgw-abcdefghij" }, { sourceSubnetId: "subnet-abcdefghij" }, { regionId: REGION_HUABEI2 }],
  drift: { patch: { description: "changed by hand" }, inputs: { description: "changed by hand" } },
});

describeResourceContract({
  kind: "DnatRule",
  idOutput: "dnatId",
  recordKind: "dnatRule",
  createOperation: "CreateDnatEntry",
  createPath: "/v4/vpc/create-dnat-entry",
  inputs: async (bed) => {
    const { natGatewayId, eipId } = await natSetup(bed);
    return { natGatewayId, eipId, externalPort: 22, internalIp: "10.0.1.9", internalPort: 22 };
  },
  updates: [{ externalPort: 80 }, { internalPort: 8080, internalIp: "10.0.1.20" }, { protocol: "udp" }, { description: "web" }],
  replacements: [{ natGatewayId: "natgw-abcdefghij" }, { regionId: REGION_HUABEI2 }],
  drift: { patch: { internalPort: 9000 }, inputs: { internalPort: 9000 } },
});

describe("SnatRule and DnatRule: specifics", () => {
  const bed = useProviderTestbed();

  async function operations(): Promise<string[]> {
    return (await bed.emu.control.requests()).map((r) => (r.errorCode && r.errorCode !== "SUCCESS" ? `${r.operation}:${r.errorCode}` : String(r.operation)));
  }

  it("creates an SNAT rule in one call (the id is in the answer) and sets its description afterwards", async () => {
    const { natGatewayId, subnetId, eipId } = await natSetup(bed);
    await bed.emu.control.clearRequests();
    const { id, outs } = await bed.create("SnatRule", { natGatewayId, sourceSubnetId: subnetId, eipIds: [eipId], description: "out" });
    assert.deepEqual(await operations(), ["CreateSnatEntry", "UpdateSnatEntry", "ListSnats"]);
    assert.match(id, /^snat-[a-z0-9]{10}$/);
    assert.deepEqual([outs["sourceRange"], outs["eipAddresses"], outs["description"]], ["10.0.1.0/24", ["180.101.64.1"], "out"]);
  });

  it("changes the EIPs in place, adding before removing, so the rule is never without one", async () => {
    const provider = await bed.provider("SnatRule");
    const { natGatewayId, subnetId, eipId } = await natSetup(bed);
    const second = await createEip(bed.emu);
    const { id, outs, inputs } = await bed.create("SnatRule", { natGatewayId, sourceSubnetId: subnetId, eipIds: [eipId] });
    const checked = await provider.check(inputs, { ...inputs, eipIds: [second] });
    assert.deepEqual((await provider.diff(id, outs, checked.inputs)).replaces, []);
    await bed.emu.control.clearRequests();
    const updated = await provider.update(id, outs, checked.inputs);
    assert.deepEqual(await operations(), ["ListSnats", "AssociateEipsToSnat", "DisassociateEipsFromSnat", "ListSnats"]);
    assert.deepEqual(updated.outs["eipAddresses"], ["180.101.64.2"]);
    // Order carries no meaning: the same set in another order is no change.
    const reordered = await provider.check(checked.inputs, { ...checked.inputs, eipIds: [second] });
    assert.equal((await provider.diff(id, updated.outs, reordered.inputs)).changes, false);
  });

  it("moves a CIDR source in place, but replaces the rule for another source subnet or a switch between the two", async () => {
    const provider = await bed.provider("SnatRule");
    const { natGatewayId, subnetId, eipId } = await natSetup(bed);
    const { id, outs, inputs } = await bed.create("SnatRule", { natGatewayId, sourceCidr: "10.0.8.0/24", eipIds: [eipId] });
    const moved = await provider.check(inputs, { ...inputs, sourceCidr: "10.0.9.0/24" });
    assert.deepEqual((await provider.diff(id, outs, moved.inputs)).replaces, []);
    await bed.emu.control.clearRequests();
    const updated = await provider.update(id, outs, moved.inputs);
    assert.deepEqual(await operations(), ["ListSnats", "UpdateSnatEntry", "ListSnats"]);
    assert.deepEqual([updated.outs["snatId"], updated.outs["sourceRange"]], [id, "10.0.9.0/24"]);
    const toSubnet = await provider.check(moved.inputs, { natGatewayId, sourceSubnetId: subnetId, eipIds: [eipId] });
    assert.deepEqual((await provider.diff(id, updated.outs, toSubnet.inputs)).replaces, ["sourceSubnetId"]);
    // What Pulumi asks when the subnet is replaced delete-first: its new id is unknown. The rule must
    // go first with it (it holds the old subnet), so the answer is a replacement.
    const subnetRule = await bed.create("SnatRule", { natGatewayId, sourceSubnetId: subnetId, eipIds: [eipId] });
    const unknownSubnet = { ...subnetRule.inputs, sourceSubnetId: UNKNOWN };
    assert.deepEqual((await provider.diff(subnetRule.id, subnetRule.outs, unknownSubnet)).replaces, ["sourceSubnetId"]);
  });

  it("keeps the subnet while the SNAT rule exists; deleting the rule frees it", async () => {
    const provider = await bed.provider("SnatRule");
    const { natGatewayId, subnetId, eipId } = await natSetup(bed);
    const { id, outs } = await bed.create("SnatRule", { natGatewayId, sourceSubnetId: subnetId, eipIds: [eipId] });
    assert.equal((await bed.emu.post("/v4/vpc/delete-subnet", { regionID: REGION_HUADONG1, subnetID: subnetId })).envelope().statusCode, 900);
    await provider.delete(id, outs);
    assert.equal((await bed.emu.post("/v4/vpc/delete-subnet", { regionID: REGION_HUADONG1, subnetID: subnetId })).envelope().statusCode, 800);
  });

  it("forwards SSH to a VM by its instance id, reporting the VM's private address", async () => {
    const net = await createNetwork(bed.emu);
    const natGatewayId = await createNatGateway(bed.emu, net.vpcID);
    const eipId = await createEip(bed.emu);
    const instanceId = await createInstance(bed.emu, net);
    const { outs } = await bed.create("DnatRule", { natGatewayId, eipId, externalPort: 22, instanceId, internalPort: 22 });
    assert.deepEqual([outs["externalIp"], outs["privateIp"], outs["state"], outs["protocol"]], ["180.101.64.1", "10.0.1.2", "ACTIVE", "tcp"]);
    const record = (await bed.emu.control.resource<Props>("dnatRule", outs["dnatId"]))!.data;
    assert.deepEqual([record["virtualMachineType"], record["virtualMachineID"], record["serverType"]], [1, instanceId, "VM"]);
  });

  it("deletes the NAT gateway only after its rules, waiting while a read still lists them", async () => {
    const nat = await bed.provider("NatGateway");
    const snat = await bed.provider("SnatRule");
    const { subnetId, eipId, vpcId } = await natSetup(bed);
    const gateway = await bed.create("NatGateway", { vpcId });
    const rule = await bed.create("SnatRule", { natGatewayId: gateway.id, sourceSubnetId: subnetId, eipIds: [eipId] });
    // The rule goes away while the gateway's delete is being refused (as a parallel destroy would).
    let removed = false;
    bed.onSleep(async () => {
      if (removed) return;
      removed = true;
      await snat.delete(rule.id, rule.outs);
    });
    await bed.emu.control.clearRequests();
    await nat.delete(gateway.id, gateway.outs);
    const ops = await operations();
    const deletes = ops.filter((op) => op.startsWith("DeleteNatGateway"));
    assert.equal(deletes.length, 2, deletes.join(", "));
    assert.match(deletes[0]!, /^DeleteNatGateway:/, "refused while the rule was there");
    assert.equal(deletes[1], "DeleteNatGateway", "accepted once the rule was gone");
    assert.equal(await bed.emu.control.resource("natGateway", gateway.id), undefined);
  });

  it("names each rule that check refuses, before any call", async () => {
    const snat = await bed.provider("SnatRule");
    const dnat = await bed.provider("DnatRule");
    const nat = "natgw-abcdefghij";
    const cases: Array<[typeof snat, Props, string, string]> = [
      [snat, { natGatewayId: nat, eipIds: ["eip-abcdefghij"] }, "sourceSubnetId", "give the source: sourceSubnetId (a subnet of the gateway's VPC) or sourceCidr"],
      [snat, { natGatewayId: nat, sourceSubnetId: "subnet-abcdefghij", sourceCidr: "10.0.0.0/24", eipIds: ["eip-abcdefghij"] }, "sourceCidr", "give sourceSubnetId or sourceCidr, not both"],
      [snat, { natGatewayId: nat, sourceCidr: "10.0.0.1/24", eipIds: ["eip-abcdefghij"] }, "sourceCidr", "must be in network form: did you mean 10.0.0.0/24?"],
      [snat, { natGatewayId: nat, sourceCidr: "10.0.0.0/24", eipIds: [] }, "eipIds", "must list 1-5 EIP ids"],
      [snat, { natGatewayId: nat, sourceCidr: "10.0.0.0/24", eipIds: ["eip-abcdefghij", "eip-abcdefghij"] }, "eipIds", "must not list an EIP twice"],
      [snat, { natGatewayId: "nat-1", sourceCidr: "10.0.0.0/24", eipIds: ["eip-abcdefghij"] }, "natGatewayId", "must be an id like natgw-abcde12345"],
      [dnat, { natGatewayId: nat, eipId: "eip-abcdefghij", externalPort: 2222, internalIp: "10.0.0.5", internalPort: 22 }, "externalPort", "must be a whole number from 1 to 1024"],
      [dnat, { natGatewayId: nat, eipId: "eip-abcdefghij", externalPort: 22, internalIp: "10.0.0.5", internalPort: 70000 }, "internalPort", "must be a whole number from 1 to 65535"],
      [dnat, { natGatewayId: nat, eipId: "eip-abcdefghij", externalPort: 22, internalIp: "10.0.0.5", internalPort: 22, protocol: "TCP" }, "protocol", 'must be "tcp" or "udp"'],
      [dnat, { natGatewayId: nat, eipId: "eip-abcdefghij", externalPort: 22, internalPort: 22 }, "instanceId", "give the target: instanceId (a VM of the gateway's VPC) or internalIp"],
      [dnat, { natGatewayId: nat, eipId: "eip-abcdefghij", externalPort: 22, internalIp: "10.0.0.5", instanceId: "7c1f3a52-0000-4000-8000-000000000001", internalPort: 22 }, "internalIp", "give instanceId (a VM of the gateway's VPC) or internalIp, not both"],
      [dnat, { natGatewayId: nat, eipId: "eip-abcdefghij", externalPort: 22, internalIp: "10.0.0.300", internalPort: 22 }, "internalIp", "must be an IPv4 address like 10.0.1.20"],
    ];
    for (const [provider, news, property, reason] of cases) {
      const checked = await provider.check({}, { pulumiName: "bad", ...news });
      const failure = checked.failures.find((f) => f.property === property);
      assert.ok(failure, `${JSON.stringify(news)}: ${JSON.stringify(checked.failures)}`);
      assert.ok(failure.reason.includes(reason), `${property}: ${failure.reason}`);
    }
    assert.deepEqual(await bed.emu.control.counts(), {}, "check calls nothing");
  });
});
