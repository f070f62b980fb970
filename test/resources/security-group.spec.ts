import assert from "node:assert/strict";
import { UNKNOWN_CODE_SITUATIONS } from "../../emulator/unknown-codes";
import { REGION_HUABEI2, REGION_HUADONG1 } from "../helpers/emulator";
import { useProviderTestbed, type ProviderTestbed } from "../helpers/providers";
import { describeResourceContract } from "../helpers/resource-contract";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

async function emulatorVpc(bed: ProviderTestbed, name = "vpc-sg"): Promise<string> {
  const env = (await bed.emu.post("/v4/vpc/create", { regionID: REGION_HUADONG1, name, CIDR: "10.0.0.0/16" })).envelope<{ vpcID: string }>();
  assert.equal(env.statusCode, 800, JSON.stringify(env));
  return env.returnObj.vpcID;
}

/** An instance using the groups, written into the store as the ECS service would. */
function insertInstance(bed: ProviderTestbed, instanceID: string, secGroupIDs: string[]): void {
  bed.emu.app.context.store.collection("instance").insert(REGION_HUADONG1, instanceID, { instanceID, secGroupIDs, networkCardList: [] });
}

describeResourceContract({
  kind: "SecurityGroup",
  idOutput: "securityGroupId",
  recordKind: "securityGroup",
  createOperation: "CreateSecurityGroup",
  createPath: "/v4/vpc/create-security-group",
  inputs: async (bed) => ({ vpcId: await emulatorVpc(bed), description: "contract" }),
  updates: [{ name: "renamed-sg" }, { description: "new description" }],
  replacements: [{ vpcId: "vpc-zzzzzzzzzz" }, { regionId: REGION_HUABEI2 }, { projectId: "0123456789abcdef0123456789abcdef" }],
  drift: { patch: { securityGroupName: "changed-by-hand" }, inputs: { name: "changed-by-hand" } },
});

describe("SecurityGroup: specifics", () => {
  const bed = useProviderTestbed();

  it("creates a group with an auto-name, the id and vmNum as outputs, and CTyun's default rules", async () => {
    const vpcId = await emulatorVpc(bed);
    const { id, outs } = await bed.create("SecurityGroup", { vpcId }, "web");
    assert.match(id, /^sg-[a-z0-9]{10}$/);
    assert.deepEqual(
      { securityGroupId: outs["securityGroupId"], vpcId: outs["vpcId"], description: outs["description"], vmNum: outs["vmNum"], regionId: outs["regionId"] },
      { securityGroupId: id, vpcId, description: "", vmNum: 0, regionId: REGION_HUADONG1 },
    );
    assert.match(outs["name"], /^web-[0-9a-f]{7}$/);
    const record = await bed.emu.control.resource<{ securityGroupName: string }>("securityGroup", id);
    assert.equal(record?.data.securityGroupName, outs["name"]);
    const rules = (await bed.emu.control.state()).resources["securityGroupRule"] ?? [];
    assert.equal(rules.length, 2, "the platform's two default egress rules, not managed by the resource");
    assert.deepEqual(await bed.emu.control.counts(), { CreateVpc: 1, CreateSecurityGroup: 1 });
  });

  it("shows on refresh how many VMs use the group", async () => {
    const provider = await bed.provider("SecurityGroup");
    const { id, outs } = await bed.create("SecurityGroup", { vpcId: await emulatorVpc(bed), name: "sg-vms" });
    insertInstance(bed, "11111111-1111-4111-8111-111111111111", [id]);
    const read = await provider.read(id, outs);
    assert.equal(read.props?.["vmNum"], 1);
  });

  it("fails create on a VPC that does not exist, creating nothing and recording nothing", async () => {
    const provider = await bed.provider("SecurityGroup");
    const checked = await provider.check({}, { pulumiName: "orphan", vpcId: "vpc-0000000000" });
    assert.deepEqual(checked.failures, []);
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), (error: Error & { id?: string }) => {
      assert.equal(error.id, undefined, "not a partial create");
      assert.match(error.message, /^CreateSecurityGroup failed: Openapi\.Vpc\.NotFound: vpc vpc-0000000000 not found/);
      return true;
    });
    assert.equal(((await bed.emu.control.state()).resources["securityGroup"] ?? []).length, 0);
  });

  it("updates only what changed, and resumes a partial create without calling modify", async () => {
    const provider = await bed.provider("SecurityGroup");
    const { id, outs, inputs } = await bed.create("SecurityGroup", { vpcId: await emulatorVpc(bed), name: "sg-a", description: "same" });
    await bed.emu.control.clearRequests();
    await provider.update(id, outs, inputs);
    assert.deepEqual(await bed.emu.control.counts(), { DescribeSecurityGroupAttribute: 1 }, "nothing changed: only a read");
    const renamed = await provider.check(inputs, { ...inputs, name: "sg-b" });
    await provider.update(id, outs, renamed.inputs);
    assert.deepEqual(await bed.emu.control.counts(), { DescribeSecurityGroupAttribute: 2, ModifySecurityGroupAttribute: 1 });
    const record = await bed.emu.control.resource<{ securityGroupName: string; description: string }>("securityGroup", id);
    assert.deepEqual([record?.data.securityGroupName, record?.data.description], ["sg-b", "same"]);
  });

  it("waits while a VM still uses the group, then deletes it", async () => {
    const provider = await bed.provider("SecurityGroup");
    const { id, outs } = await bed.create("SecurityGroup", { vpcId: await emulatorVpc(bed), name: "sg-busy" });
    insertInstance(bed, "22222222-2222-4222-8222-222222222222", [id]);
    bed.onSleep((n) => {
      if (n === 2) bed.emu.app.context.store.collection("instance").delete(REGION_HUADONG1, "22222222-2222-4222-8222-222222222222");
    });
    await provider.delete(id, outs);
    assert.equal((await bed.emu.control.counts())["DeleteSecurityGroup"], 3, "delete was retried while the group was in use");
    assert.equal(await bed.emu.control.resource("securityGroup", id), undefined);
  });

  it("gives up at the delete timeout with the cloud's in-use error", async () => {
    const provider = await bed.provider("SecurityGroup");
    const { id, outs } = await bed.create("SecurityGroup", { vpcId: await emulatorVpc(bed), name: "sg-stuck", timeouts: { delete: "30s" } });
    insertInstance(bed, "33333333-3333-4333-8333-333333333333", [id]);
    await assert.rejects(provider.delete(id, outs), (error: Error & { errorCode?: string }) => {
      assert.ok((UNKNOWN_CODE_SITUATIONS["security-group-in-use"] as readonly string[]).includes(error.errorCode ?? ""), String(error.errorCode));
      assert.match(error.message, /is still used by instances: 33333333-3333-4333-8333-333333333333.*; still held by 1 VM when the timeout ran out$/);
      return true;
    });
    assert.ok(bed.sleeps.reduce((a, b) => a + b, 0) <= 30_000, "waited no longer than the timeout");
    assert.notEqual(await bed.emu.control.resource("securityGroup", id), undefined);
  });

  it("tolerates unknown inputs during preview", async () => {
    const provider = await bed.provider("SecurityGroup");
    const { inputs, failures } = await provider.check({}, { pulumiName: "preview", vpcId: UNKNOWN, name: UNKNOWN });
    assert.deepEqual(failures, []);
    assert.deepEqual([inputs["vpcId"], inputs["name"]], [UNKNOWN, UNKNOWN]);
    const diff = await provider.diff("sg-aaaaaaaaaa", { vpcId: "vpc-aaaaaaaaaa", name: "x1", description: "", regionId: REGION_HUADONG1 }, inputs);
    assert.deepEqual([diff.changes, diff.replaces], [true, ["vpcId"]]);
    assert.deepEqual(await bed.emu.control.requests(), []);
  });
});
