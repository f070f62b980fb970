/** AffinityGroup, AffinityGroupAttachment and Instance.affinityGroupId through the serialized providers against the emulator. */
import assert from "node:assert/strict";
import type { InstanceRecord } from "../../emulator/services/ecs/records";
import { describeResourceContract } from "../helpers/resource-contract";
import { AZ_HUADONG1, useProviderTestbed, type ProviderTestbed } from "../helpers/providers";
import { REGION_HUABEI2, REGION_HUADONG1 } from "../helpers/emulator";
import { createInstance, createNetwork, instanceInputs } from "../emulator/fixtures/ecs";

const OTHER = "66666666-6666-4666-8666-666666666666";

async function vm(bed: ProviderTestbed): Promise<string> {
  return createInstance(bed.emu, await createNetwork(bed.emu));
}

async function group(bed: ProviderTestbed, policy = "anti-affinity"): Promise<string> {
  return (await bed.create("AffinityGroup", { policy })).id;
}

async function groupOf(bed: ProviderTestbed, instanceId: string): Promise<string | undefined> {
  return (await bed.emu.control.resource<InstanceRecord>("instance", instanceId))?.data.affinityGroupID || undefined;
}

describeResourceContract({
  kind: "AffinityGroup",
  idOutput: "affinityGroupId",
  recordKind: "affinityGroup",
  createOperation: "CreateAffinityGroup",
  createPath: "/v4/ecs/affinity-group/create",
  createRepeatable: false,
  inputs: async () => ({ policy: "anti-affinity" }),
  updates: [{ name: "renamed.group_1" }],
  replacements: [{ policy: "soft-affinity" }, { regionId: REGION_HUABEI2 }],
  drift: { patch: { affinityGroupName: "renamed-by-hand" }, inputs: { name: "renamed-by-hand" } },
});

describeResourceContract({
  kind: "AffinityGroupAttachment",
  idOutput: "affinityGroupAttachmentId",
  createOperation: "BindAffinityGroupInstance",
  createPath: "/v4/ecs/affinity-group/bind-instance",
  inputs: async (bed) => ({ affinityGroupId: await group(bed, "soft-anti-affinity"), instanceId: await vm(bed) }),
  updates: [{ allowMigration: true }],
  replacements: [{ affinityGroupId: OTHER }, { instanceId: OTHER }, { regionId: REGION_HUABEI2 }],
  exists: async (bed, id) => (await groupOf(bed, id.split(":")[1]!)) === id.split(":")[0],
  removeOutOfBand: async (bed, id) => bed.emu.control.patchResource("instance", id.split(":")[1]!, { affinityGroupID: "" }),
  count: async (bed) => ((await bed.emu.control.state()).resources["instance"] ?? []).filter((r) => (r.data as InstanceRecord).affinityGroupID).length,
});

describe("AffinityGroup: specifics", () => {
  const bed = useProviderTestbed();

  it("sends the policy as its type and reads it back; waits while instances leave before deleting", async () => {
    const provider = await bed.provider("AffinityGroup");
    const { id, outs } = await bed.create("AffinityGroup", { name: "web-spread", policy: "soft-affinity" });
    const record = (await bed.emu.control.resource<{ policyType: number; affinityGroupName: string }>("affinityGroup", id))!.data;
    assert.deepEqual({ policyType: record.policyType, name: record.affinityGroupName }, { policyType: 3, name: "web-spread" });
    const read = (await provider.read(id, outs)).inputs!;
    assert.deepEqual({ name: read["name"], policy: read["policy"] }, { name: "web-spread", policy: "soft-affinity" });
    const member = await vm(bed);
    await bed.emu.post("/v4/ecs/affinity-group/bind-instance", { regionID: REGION_HUADONG1, instanceID: member, affinityGroupID: id });
    bed.onSleep(() => bed.emu.post("/v4/ecs/affinity-group/unbind-instance", { regionID: REGION_HUADONG1, instanceID: member, affinityGroupID: id }).then(() => undefined));
    await provider.delete(id, outs);
    assert.equal(await bed.emu.control.resource("affinityGroup", id), undefined);
    assert.ok((await bed.emu.control.requests()).some((r) => r.operation === "DeleteAffinityGroup" && r.errorCode !== "SUCCESS"), "refused while the instance was in it");
  });

  it("checks the name and policy before any call", async () => {
    const checked = await (await bed.provider("AffinityGroup")).check({}, { pulumiName: "g", name: "a b", policy: "spread" });
    assert.deepEqual(checked.failures, [
      { property: "name", reason: "may contain only Chinese characters, letters, digits, '_', '-' and '.'" },
      { property: "policy", reason: 'must be one of "anti-affinity", "affinity", "soft-anti-affinity", "soft-affinity"' },
    ]);
  });
});

describe("AffinityGroupAttachment: specifics", () => {
  const bed = useProviderTestbed();

  it("refuses a join that needs a migration unless allowMigration, then moves the instance", async () => {
    const groupId = await group(bed);
    await bed.emu.control.patchResource("hostPool", AZ_HUADONG1, { hostCount: 2 });
    const member = await vm(bed);
    await bed.emu.post("/v4/ecs/affinity-group/bind-instance", { regionID: REGION_HUADONG1, instanceID: member, affinityGroupID: groupId });
    const other = await vm(bed);
    const memberHost = (await bed.emu.control.resource<InstanceRecord>("instance", member))!.data.hostID;
    await bed.emu.control.patchResource("instance", other, { hostID: memberHost });
    await assert.rejects(
      bed.create("AffinityGroupAttachment", { affinityGroupId: groupId, instanceId: other }),
      new RegExp(`instance ${other} would have to move to another host to join affinity group ${groupId} \\(needMigrate 1; a running instance may restart\\): set allowMigration: true`),
    );
    assert.equal((await bed.emu.control.counts())["BindAffinityGroupInstance"], 1, "only the test's own bind");
    await bed.create("AffinityGroupAttachment", { affinityGroupId: groupId, instanceId: other, allowMigration: true });
    assert.notEqual((await bed.emu.control.resource<InstanceRecord>("instance", other))!.data.hostID, memberHost);
  });

  it("refuses an instance in another group, and one already in the group by someone else (adoptId)", async () => {
    const [g1, g2] = [await group(bed, "soft-anti-affinity"), await group(bed, "soft-anti-affinity")];
    const instanceId = await vm(bed);
    await bed.create("AffinityGroupAttachment", { affinityGroupId: g1, instanceId });
    await assert.rejects(bed.create("AffinityGroupAttachment", { affinityGroupId: g2, instanceId }), new RegExp(`instance ${instanceId} is in affinity group ${g1}; an instance is in at most one group`));
    await assert.rejects(bed.create("AffinityGroupAttachment", { affinityGroupId: g1, instanceId }), new RegExp(`adoptId "${g1}:${instanceId}"`));
  });

  it("reads the attachment as gone once the instance left the group or is gone", async () => {
    const provider = await bed.provider("AffinityGroupAttachment");
    const groupId = await group(bed, "soft-anti-affinity");
    const instanceId = await vm(bed);
    const { id, outs } = await bed.create("AffinityGroupAttachment", { affinityGroupId: groupId, instanceId });
    await bed.emu.control.deleteResource("instance", instanceId);
    assert.deepEqual(await provider.read(id, outs), {});
    await provider.delete(id, outs);
  });
});

describe("Instance: in an affinity group", () => {
  const bed = useProviderTestbed();

  it("creates instances in the group, reads the group back, and explains a failed order when the group's hosts ran out", async () => {
    const groupId = await group(bed);
    await bed.emu.control.patchResource("hostPool", AZ_HUADONG1, { hostCount: 1 });
    const base = await instanceInputs(bed, { affinityGroupId: groupId });
    const { id, outs, inputs } = await bed.create("Instance", base);
    assert.equal(await groupOf(bed, id), groupId);
    const provider = await bed.provider("Instance");
    const read = await provider.read(id, outs);
    assert.equal(read.inputs!["affinityGroupId"], groupId);
    assert.equal((await provider.diff(id, read.props!, inputs)).changes, false);
    await assert.rejects(
      bed.create("Instance", { ...base, instanceName: "web-2" }),
      new RegExp(`; the instance was to join affinity group ${groupId}, whose policy may have no host left for it in ${AZ_HUADONG1}`),
    );
  });

  it("does not report a group an instance joined later (an attachment) as drift", async () => {
    const provider = await bed.provider("Instance");
    const { id, outs, inputs } = await bed.create("Instance", await instanceInputs(bed));
    await bed.create("AffinityGroupAttachment", { affinityGroupId: await group(bed, "soft-anti-affinity"), instanceId: id });
    const read = await provider.read(id, outs);
    assert.equal(read.inputs!["affinityGroupId"], undefined);
    assert.equal((await provider.diff(id, read.props!, inputs)).changes, false);
  });
});
