import assert from "node:assert/strict";
import { describeResourceContract } from "../helpers/resource-contract";
import { useProviderTestbed } from "../helpers/providers";
import { REGION_HUABEI2 } from "../helpers/emulator";

describeResourceContract({
  kind: "Vpc",
  idOutput: "vpcId",
  recordKind: "vpc",
  createOperation: "CreateVpc",
  createPath: "/v4/vpc/create",
  inputs: async () => ({ cidr: "10.10.0.0/16", description: "contract" }),
  updates: [{ name: "renamed-vpc" }, { description: "new description" }],
  replacements: [{ cidr: "10.11.0.0/16" }, { enableIpv6: true }, { regionId: REGION_HUABEI2 }],
  drift: { patch: { name: "changed-by-hand" }, inputs: { name: "changed-by-hand" } },
});

describe("Vpc: specifics", () => {
  const bed = useProviderTestbed();

  it("adopts an existing VPC without a name, taking the cloud's name", async () => {
    const original = await bed.create("Vpc", { cidr: "10.30.0.0/16", name: "existing-vpc" });
    const adopted = await bed.create("Vpc", { cidr: "10.30.0.0/16", adoptId: original.id }, "adopter");
    assert.equal(adopted.id, original.id);
    assert.equal(adopted.outs["name"], "existing-vpc");
  });

  it("refuses to adopt a VPC whose create-only inputs differ, naming them", async () => {
    const original = await bed.create("Vpc", { cidr: "10.31.0.0/16" });
    await assert.rejects(bed.create("Vpc", { cidr: "10.32.0.0/16", adoptId: original.id }, "adopter"), {
      message: `ctyun:Vpc adopter: cannot adopt ${original.id}: cidr is "10.31.0.0/16" in the cloud; these cannot change in place, so set them to the cloud's values`,
    });
  });

  it("reuses the interrupted create's token when the rerun only changes timeouts", async () => {
    const provider = await bed.provider("Vpc");
    await bed.emu.control.addFault({ path: "/v4/vpc/create", kind: "commit-then-drop", times: 100 });
    const first = await provider.check({}, { pulumiName: "slow", cidr: "10.40.0.0/16" });
    await assert.rejects(provider.create({ ...first.inputs, __provider: provider.text }));
    await bed.emu.control.clearFaults();
    const rerun = await provider.check({}, { pulumiName: "slow", cidr: "10.40.0.0/16", timeouts: { create: "30m" } });
    await provider.create({ ...rerun.inputs, __provider: provider.text });
    assert.equal(((await bed.emu.control.state()).resources["vpc"] ?? []).length, 1);
  });

  it("does not buy twice when a create finished but its result never reached the engine", async () => {
    // As when only the CLI is killed: the provider process completes the create on its own.
    const provider = await bed.provider("Vpc");
    const checked = await provider.check({}, { pulumiName: "orphaned", cidr: "10.50.0.0/16" });
    const orphan = await provider.create({ ...checked.inputs, __provider: provider.text });
    const rerun = await provider.check({}, { pulumiName: "orphaned", cidr: "10.50.0.0/16" });
    assert.equal(rerun.inputs["name"], checked.inputs["name"], "the rerun reuses the generated name");
    const again = await provider.create({ ...rerun.inputs, __provider: provider.text });
    assert.equal(again.id, orphan.id);
    assert.equal(((await bed.emu.control.state()).resources["vpc"] ?? []).length, 1);
  });

  it("creates afresh when the journaled create's resource has been deleted since", async () => {
    const provider = await bed.provider("Vpc");
    const checked = await provider.check({}, { pulumiName: "recreated", cidr: "10.51.0.0/16" });
    const first = await provider.create({ ...checked.inputs, __provider: provider.text });
    // Deleted behind Pulumi's back, and the state lost it (e.g. a stack rebuilt from scratch).
    await bed.emu.control.deleteResource("vpc", first.id);
    const second = await provider.create({ ...checked.inputs, __provider: provider.text });
    assert.notEqual(second.id, first.id);
    assert.ok(await bed.emu.control.resource("vpc", second.id));
  });

  it("returns subnet ids and IPv6 ranges as outputs", async () => {
    const { outs } = await bed.create("Vpc", { cidr: "192.168.0.0/16", enableIpv6: true });
    assert.match(outs["vpcId"], /^vpc-[a-z0-9]{10}$/);
    assert.deepEqual(outs["subnetIds"], []);
    assert.equal(outs["ipv6Cidrs"].length, 1);
    assert.match(outs["ipv6Cidrs"][0], /^240e:/);
  });

  it("fails check before any request for a non-canonical CIDR", async () => {
    const provider = await bed.provider("Vpc");
    const { failures } = await provider.check({}, { pulumiName: "bad", cidr: "10.0.0.1/8" });
    assert.deepEqual(failures, [{ property: "cidr", reason: "must be in network form: did you mean 10.0.0.0/8?" }]);
    assert.deepEqual(await bed.emu.control.requests(), []);
  });

  it("reports missing credentials at create, naming both ways to set them, and not at check", async () => {
    const provider = await bed.provider("Vpc", { "ctyun:accessKey": "", "ctyun:secretKey": "" });
    const checked = await provider.check({}, { pulumiName: "nocreds", cidr: "10.0.0.0/16" });
    assert.deepEqual(checked.failures, []);
    const saved = { ak: process.env["CTYUN_AK"], sk: process.env["CTYUN_SK"] };
    delete process.env["CTYUN_AK"];
    delete process.env["CTYUN_SK"];
    try {
      await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), {
        message:
          "CTyun credentials are missing: set the access key (stack config ctyun:accessKey or env CTYUN_AK) and the secret key (stack config ctyun:secretKey --secret or env CTYUN_SK)",
      });
    } finally {
      if (saved.ak !== undefined) process.env["CTYUN_AK"] = saved.ak;
      if (saved.sk !== undefined) process.env["CTYUN_SK"] = saved.sk;
    }
    assert.deepEqual(await bed.emu.control.requests(), []);
  });

  it("waits while the VPC still has dependants, then deletes it", async () => {
    const provider = await bed.provider("Vpc");
    const { id, outs } = await bed.create("Vpc", { cidr: "10.20.0.0/16" });
    // A security group is still in the VPC and goes away meanwhile (as when Pulumi deletes in parallel).
    const group = (await bed.emu.post("/v4/vpc/create-security-group", { regionID: outs["regionId"], vpcID: id, name: "blocking" })).envelope<{ securityGroupID: string }>();
    assert.equal(group.statusCode, 800);
    const base = bed.sleeps.length;
    bed.onSleep(async (n) => {
      if (n === base + 2) await bed.emu.post("/v4/vpc/delete-security-group", { regionID: outs["regionId"], securityGroupID: group.returnObj.securityGroupID });
    });
    await bed.emu.control.clearRequests();
    await provider.delete(id, outs);
    const counts = await bed.emu.control.counts();
    assert.equal(counts["DeleteVpc"], 3, "delete was retried while the VPC still held the group");
    assert.equal(await bed.emu.control.resource("vpc", id), undefined);
  });
});
