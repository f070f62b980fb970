/** LoadBalancer through its serialized provider against the emulator: the contract, orders, EIPs, checks. */
import assert from "node:assert/strict";
import { describeResourceContract } from "../helpers/resource-contract";
import { useProviderTestbed, type ProviderTestbed } from "../helpers/providers";
import { REGION_HUABEI2 } from "../helpers/emulator";
import { createNetwork } from "../emulator/fixtures/ecs";
import { createListener, createTargetGroup, newEip } from "../emulator/fixtures/elb";

type Props = Record<string, any>;

/** A VPC 10.40.0.0/16 with the subnet 10.40.1.0/24 (the emulator is reset before each test). */
async function subnetOf(bed: ProviderTestbed): Promise<{ vpcID: string; subnetID: string }> {
  return createNetwork(bed.emu, "10.40.0.0/16", "10.40.1.0/24");
}

describeResourceContract({
  kind: "LoadBalancer",
  idOutput: "loadBalancerId",
  recordKind: "loadBalancer",
  createOperation: "CreatePgelb",
  createPath: "/v4/elb/create-pgelb",
  inputs: async (bed) => ({ subnetId: (await subnetOf(bed)).subnetID }),
  updates: [{ name: "renamed-lb" }, { spec: "elb.s3.small" }, { description: "front door", deleteProtection: true }, { deleteProtection: false }],
  replacements: [
    { subnetId: "subnet-abcdefghij" },
    { type: "external", eipId: "eip-abcdefghij" },
    { privateIp: "10.99.1.50" },
    { billing: { mode: "monthly", count: 1 } },
    { regionId: REGION_HUABEI2 },
    { projectId: "0" },
  ],
  drift: { patch: { name: "renamed-by-hand", deleteProtection: true }, inputs: { name: "renamed-by-hand", deleteProtection: true } },
});

describe("LoadBalancer: specifics", () => {
  const bed = useProviderTestbed();

  async function operations(): Promise<string[]> {
    return (await bed.emu.control.requests()).map((r) => (r.errorCode && r.errorCode !== "SUCCESS" ? `${r.operation}:${r.errorCode}` : String(r.operation)));
  }

  it("orders, waits for the order through QueryOrder, then sees it active; an external one reports its EIP's address", async () => {
    const net = await subnetOf(bed);
    await bed.emu.control.clearRequests();
    const internal = await bed.create("LoadBalancer", { subnetId: net.subnetID, name: "lb-internal" });
    assert.deepEqual(await operations(), ["CreatePgelb", "QueryOrderUuid", "QueryOrderUuid", "ShowLoadBalancer"]);
    assert.deepEqual(
      { vpcId: internal.outs["vpcId"], privateAddress: internal.outs["privateAddress"], publicAddress: internal.outs["publicAddress"], status: internal.outs["status"], type: internal.inputs["type"] },
      { vpcId: net.vpcID, privateAddress: "10.40.1.2", publicAddress: undefined, status: "active", type: "internal" },
    );
    const eipID = await newEip(bed.emu);
    const external = await bed.create("LoadBalancer", { subnetId: net.subnetID, eipId: eipID, spec: "elb.s4.large", billing: { mode: "yearly", count: 1 } });
    const eip = (await bed.emu.control.resource<Props>("eip", eipID))!.data;
    assert.deepEqual([external.inputs["type"], external.outs["publicAddress"], external.outs["privateAddress"]], ["external", eip["eipAddress"], "10.40.1.3"]);
    const record = (await bed.emu.control.resource<Props>("loadBalancer", external.id))!.data;
    assert.deepEqual([record["slaName"], record["cycleType"], record["cycleCount"], record["resourceType"]], ["elb.s4.large", "year", 1, "external"]);
  });

  it("names each rule it checks before any call", async () => {
    const provider = await bed.provider("LoadBalancer");
    const cases: Array<[Props, Array<{ property: string; reason: string }>]> = [
      [{ subnetId: "subnet-abcdefghij", type: "external" }, [{ property: "eipId", reason: "is required for an external load balancer (its public address)" }]],
      [{ subnetId: "subnet-abcdefghij", type: "internal", eipId: "eip-abcdefghij" }, [{ property: "eipId", reason: 'applies only to external load balancers (type "external")' }]],
      [{ subnetId: "subnet-abcdefghij", spec: "elb.default" }, [{ property: "spec", reason: "must be one of elb.s2.small, elb.s2.large, elb.s3.small, elb.s3.large, elb.s4.small, elb.s4.large, elb.s5.small, elb.s5.large" }]],
      [{ subnetId: "subnet-abcdefghij", privateIp: "10.0.0" }, [{ property: "privateIp", reason: "must be an IPv4 address of the subnet" }]],
      [{ subnetId: "sn-1" }, [{ property: "subnetId", reason: "must be an id like subnet-abcde12345" }]],
      [{ subnetId: "subnet-abcdefghij", billing: { mode: "yearly", count: 5 } }, [{ property: "billing", reason: "count: must be a whole number from 1 to 3 (yearly billing)" }]],
      [{ subnetId: "subnet-abcdefghij", name: "1lb" }, [{ property: "name", reason: "must start with a letter or Chinese character and contain only letters, digits, Chinese characters, '_' and '-'" }]],
    ];
    for (const [inputs, failures] of cases) assert.deepEqual((await provider.check({}, { pulumiName: "lb", ...inputs })).failures, failures, JSON.stringify(inputs));
    assert.equal((await provider.check({}, { pulumiName: "lb", subnetId: "subnet-abcdefghij", eipId: "eip-abcdefghij" })).inputs["type"], "external", "an EIP makes it external");
  });

  it("deletes only after its listeners are gone, and unbinds its EIP", async () => {
    const net = await subnetOf(bed);
    const eipID = await newEip(bed.emu);
    const lb = await bed.create("LoadBalancer", { subnetId: net.subnetID, eipId: eipID });
    const tg = await createTargetGroup(bed.emu, net.vpcID);
    const listener = await createListener(bed.emu, lb.id, tg);
    const provider = await bed.provider("LoadBalancer");
    // The listener goes away while the delete waits (as Pulumi's parallel deletes would have it).
    let deleted = false;
    bed.onSleep(async () => {
      if (!deleted) await bed.emu.control.deleteResource("elbListener", listener);
      deleted = true;
    });
    await provider.delete(lb.id, lb.outs);
    assert.equal(await bed.emu.control.resource("loadBalancer", lb.id), undefined);
    assert.deepEqual(((await bed.emu.control.resource<Props>("eip", eipID))!.data)["associationID"], "");
    const refunds = (await operations()).filter((op) => op.startsWith("RefundPgelb"));
    assert.ok(refunds.length >= 2 && refunds[refunds.length - 1] === "RefundPgelb", refunds.join(","));
  });

  it("refuses to delete while delete protection is on, saying how to proceed", async () => {
    const net = await subnetOf(bed);
    const lb = await bed.create("LoadBalancer", { subnetId: net.subnetID, deleteProtection: true });
    const provider = await bed.provider("LoadBalancer");
    await assert.rejects(provider.delete(lb.id, lb.outs), {
      message: `load balancer ${lb.id} has delete protection on: set deleteProtection to false (and run \`pulumi up\`) before deleting it`,
    });
    assert.ok(await bed.emu.control.resource("loadBalancer", lb.id));
  });

  it("waits for a spec order another client placed before placing its own", async () => {
    const net = await subnetOf(bed);
    const lb = await bed.create("LoadBalancer", { subnetId: net.subnetID });
    // The other client's order is still running when the provider's first attempt arrives.
    await bed.emu.control.setTiming("order", { mode: "polls", count: 3 });
    await bed.emu.post("/v4/elb/modify-pgelb-spec", { regionID: lb.inputs["regionId"], clientToken: "other-client", elbID: lb.id, slaName: "elb.s2.large" });
    const provider = await bed.provider("LoadBalancer");
    const checked = await provider.check(lb.inputs, { ...lb.inputs, spec: "elb.s5.small" });
    await bed.emu.control.clearRequests();
    const updated = await provider.update(lb.id, lb.outs, checked.inputs);
    assert.equal(updated.outs["spec"], "elb.s5.small");
    const ops = await operations();
    assert.ok(ops.some((op) => op.startsWith("ModifyPgelbSpec:Openapi.Order.Inprogress")), ops.join(","));
    assert.equal(((await bed.emu.control.resource<Props>("loadBalancer", lb.id))!.data)["slaName"], "elb.s5.small");
  });
});
