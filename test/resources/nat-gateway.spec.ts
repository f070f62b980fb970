/** NatGateway through its serialized provider against the emulator: the contract, orders, rules, checks. */
import assert from "node:assert/strict";
import { describeResourceContract } from "../helpers/resource-contract";
import { useProviderTestbed, type ProviderTestbed } from "../helpers/providers";
import { REGION_HUABEI2, REGION_HUADONG1 } from "../helpers/emulator";

type Props = Record<string, any>;

let vpcs = 0;
async function newVpc(bed: ProviderTestbed): Promise<string> {
  const envelope = (await bed.emu.post("/v4/vpc/create", { regionID: REGION_HUADONG1, name: `nat-vpc-${++vpcs}`, CIDR: "10.0.0.0/16" })).envelope<{ vpcID: string }>();
  assert.equal(envelope.statusCode, 800, JSON.stringify(envelope));
  return envelope.returnObj.vpcID;
}

describeResourceContract({
  kind: "NatGateway",
  idOutput: "natGatewayId",
  recordKind: "natGateway",
  createOperation: "CreateNatGateway",
  createPath: "/v4/vpc/create-nat-gateway",
  inputs: async (bed) => ({ vpcId: await newVpc(bed) }),
  updates: [{ name: "renamed-nat" }, { description: "egress for the app tier" }, { spec: "large" }, { name: "both-changed", spec: "medium" }],
  replacements: [{ vpcId: "vpc-abcdefghij" }, { azName: "cn-huadong1-jsnj2A-public-ctcloud" }, { billing: { mode: "monthly", count: 1 } }, { regionId: REGION_HUABEI2 }, { projectId: "0" }],
  drift: { patch: { name: "renamed-by-hand", spec: 4 }, inputs: { name: "renamed-by-hand", spec: "xlarge" } },
});

describe("NatGateway: specifics", () => {
  const bed = useProviderTestbed();

  async function operations(): Promise<string[]> {
    return (await bed.emu.control.requests()).map((r) => (r.errorCode && r.errorCode !== "SUCCESS" ? `${r.operation}:${r.errorCode}` : String(r.operation)));
  }

  it("buys the gateway through an order it polls with QueryOrder, placed in the stack's zone, and reports the cloud's view", async () => {
    const vpcId = await newVpc(bed);
    await bed.emu.control.clearRequests();
    const { id, outs } = await bed.create("NatGateway", { vpcId, name: "egress", billing: { mode: "yearly", count: 1 } });
    assert.deepEqual(await operations(), ["CreateNatGateway", "QueryOrderUuid", "QueryOrderUuid", "ListNatGateways", "ShowNatGateway"]);
    assert.match(id, /^natgw-[a-z0-9]{10}$/);
    assert.deepEqual(
      { natGatewayId: outs["natGatewayId"], status: outs["status"], vpcCidr: outs["vpcCidr"], createTime: outs["createTime"], expireTime: outs["expireTime"], spec: outs["spec"], azName: outs["azName"] },
      { natGatewayId: id, status: "running", vpcCidr: "10.0.0.0/16", createTime: "2024-06-01T00:00:02Z", expireTime: "2025-06-01T00:00:02Z", spec: "small", azName: "cn-huadong1-jsnj1A-public-ctcloud" },
    );
    const record = (await bed.emu.control.resource<Props>("natGateway", id))!.data;
    assert.deepEqual([record["spec"], record["zoneID"], record["cycleType"], record["cycleCount"]], [1, "cn-huadong1-jsnj1A-public-ctcloud", "year", 1]);
  });

  it("changes the spec through modify-nat-gateway-spec and its order, after waiting out another running order", async () => {
    const provider = await bed.provider("NatGateway");
    const { id, outs, inputs } = await bed.create("NatGateway", { vpcId: await newVpc(bed) });
    const other = await bed.emu.post("/v4/vpc/modify-nat-gateway-spec", { regionID: REGION_HUADONG1, clientToken: "console", natGatewayID: id, spec: 2 });
    const otherOrder = other.envelope<{ masterOrderID: string }>().returnObj.masterOrderID;
    await bed.emu.control.clearRequests();
    const updated = await provider.update(id, outs, { ...inputs, spec: "xlarge" });
    assert.deepEqual(await operations(), [
      "ShowNatGateway",
      "ShowNatGateway",
      "ModifyNatGatewaySpec:Openapi.Order.Inprogress",
      "QueryOrderUuid",
      "QueryOrderUuid",
      "ShowNatGateway",
      "ModifyNatGatewaySpec",
      "QueryOrderUuid",
      "QueryOrderUuid",
      "ShowNatGateway",
    ]);
    assert.ok(bed.logs.some((line) => line.includes(`another order is still running (${otherOrder}); waiting for it first`)), bed.logs.join("\n"));
    assert.equal(updated.outs["natGatewayId"], id);
    assert.equal((await bed.emu.control.resource<Props>("natGateway", id))!.data["spec"], 4);
  });

  it("resumes the same order after a create timed out while the order was still running (no second gateway)", async () => {
    const provider = await bed.provider("NatGateway");
    const vpcId = await newVpc(bed);
    await bed.emu.control.setTiming("order", { mode: "delay", ms: 20 * 60_000 });
    const first = await provider.check({}, { pulumiName: "slow", vpcId, timeouts: { create: "10m" } });
    await assert.rejects(provider.create({ ...first.inputs, __provider: provider.text }), (error: Error & { kind?: string; id?: string }) => {
      assert.equal(error.kind, "waiter-timeout");
      assert.equal(error.id, undefined);
      return true;
    });
    assert.ok(bed.logs.some((line) => /NAT gateway order [0-9a-f]{32} is still running; run `pulumi up` again/.test(line)), bed.logs.join("\n"));
    const rerun = await provider.check({}, { pulumiName: "slow", vpcId, timeouts: { create: "15m" } });
    const { id } = await provider.create({ ...rerun.inputs, __provider: provider.text });
    const state = await bed.emu.control.state();
    assert.equal(state.orders.length, 1, "one order, replayed");
    assert.deepEqual((state.resources["natGateway"] ?? []).map((r) => r.id), [id]);
  });

  it("deletes through the unsubscribe order and waits until the list no longer shows it", async () => {
    const provider = await bed.provider("NatGateway");
    const { id, outs } = await bed.create("NatGateway", { vpcId: await newVpc(bed) });
    await bed.emu.control.clearRequests();
    await provider.delete(id, outs);
    assert.deepEqual(await operations(), ["ListNatGateways", "DeleteNatGateway", "QueryOrderUuid", "QueryOrderUuid", "ListNatGateways"]);
    assert.equal(await bed.emu.control.resource("natGateway", id), undefined);
  });

  it("names each rule that check refuses, before any call", async () => {
    const provider = await bed.provider("NatGateway");
    const cases: Array<[Props, string, string]> = [
      [{}, "vpcId", "is required"],
      [{ vpcId: "net-1" }, "vpcId", "must be an id like vpc-abcde12345"],
      [{ vpcId: "vpc-abcdefghij", spec: "huge" }, "spec", 'must be "small", "medium", "large", "xlarge"'],
      [{ vpcId: "vpc-abcdefghij", name: "1nat" }, "name", "must start with a letter or Chinese character and contain only letters, digits, Chinese characters, '_' and '-'"],
      [{ vpcId: "vpc-abcdefghij", description: "https://x" }, "description", "must not start with http: or https:"],
      [{ vpcId: "vpc-abcdefghij", billing: { mode: "monthly", count: 12 } }, "billing", "must be a whole number from 1 to 11 (use yearly billing for 12 months or more)"],
      [{ vpcId: "vpc-abcdefghij", billing: { mode: "yearly", count: 4 } }, "billing", "must be a whole number from 1 to 3 (yearly billing)"],
    ];
    for (const [news, property, reason] of cases) {
      const checked = await provider.check({}, { pulumiName: "bad", ...news });
      const failure = checked.failures.find((f) => f.property === property || f.property.startsWith(`${property}.`));
      assert.ok(failure, `${JSON.stringify(news)}: ${JSON.stringify(checked.failures)}`);
      assert.ok(failure.reason.includes(reason), `${property}: ${failure.reason}`);
    }
    assert.deepEqual(await bed.emu.control.counts(), {}, "check calls nothing");
  });
});
