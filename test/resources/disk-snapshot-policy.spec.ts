/** DiskSnapshotPolicy and DiskSnapshotPolicyAttachment through their serialized providers against the emulator. */
import assert from "node:assert/strict";
import type { PolicyBindingRecord } from "../../emulator/services/ebs-snapshot/records";
import { describeResourceContract } from "../helpers/resource-contract";
import { useProviderTestbed, type Props, type ProviderTestbed } from "../helpers/providers";
import { REGION_HUABEI2, REGION_HUADONG1 } from "../helpers/emulator";

const OTHER = "55555555-5555-4555-8555-555555555555";

async function bindings(bed: ProviderTestbed): Promise<PolicyBindingRecord[]> {
  return ((await bed.emu.control.state()).resources["snapshotPolicyBinding"] ?? []).map((r) => r.data as PolicyBindingRecord);
}

async function newDisk(bed: ProviderTestbed): Promise<string> {
  return (await bed.create("Disk", { type: "ssd", size: 20 })).id;
}

async function newPolicy(bed: ProviderTestbed, extra: Props = {}): Promise<string> {
  return (await bed.create("DiskSnapshotPolicy", { weekdays: [1], hours: [2], ...extra })).id;
}

async function operations(bed: ProviderTestbed): Promise<string[]> {
  return (await bed.emu.control.requests()).map((r) => (r.errorCode && r.errorCode !== "SUCCESS" ? `${r.operation}:${r.errorCode}` : String(r.operation)));
}

describeResourceContract({
  kind: "DiskSnapshotPolicy",
  idOutput: "snapshotPolicyId",
  recordKind: "snapshotPolicy",
  createOperation: "CreateSnapshotPolicy",
  createPath: "/v4/ebs_snapshot/create-policy-ebs-snap",
  inputs: async () => ({ weekdays: [0, 6], hours: [3, 1], retentionDays: 7 }),
  updates: [{ name: "renamed-policy" }, { weekdays: [1, 2, 3] }, { hours: [23] }, { retentionDays: 30 }, { enabled: false }, { retentionDays: undefined, enabled: true, hours: [4, 5] }],
  replacements: [{ regionId: REGION_HUABEI2 }, { projectId: "0123456789abcdef0123456789abcdef" }],
  drift: { patch: { snapshotPolicyStatus: "deactivated", repeatTimes: "12" }, inputs: { enabled: false, hours: [12] } },
});

describeResourceContract({
  kind: "DiskSnapshotPolicyAttachment",
  idOutput: "snapshotPolicyAttachmentId",
  createOperation: "ApplySnapshotPolicy",
  createPath: "/v4/ebs_snapshot/apply-policy-ebs-snap",
  inputs: async (bed) => ({ snapshotPolicyId: await newPolicy(bed), diskIds: [await newDisk(bed)] }),
  updates: [],
  replacements: [{ snapshotPolicyId: OTHER }, { regionId: REGION_HUABEI2 }],
  exists: async (bed, id) => (await bindings(bed)).some((b) => b.snapshotPolicyID === id),
  removeOutOfBand: async (bed, id) => {
    for (const b of (await bindings(bed)).filter((x) => x.snapshotPolicyID === id)) await bed.emu.control.deleteResource("snapshotPolicyBinding", b.diskID);
  },
  count: async (bed) => new Set((await bindings(bed)).map((b) => b.snapshotPolicyID)).size,
});

describe("DiskSnapshotPolicy: specifics", () => {
  const bed = useProviderTestbed();

  it("sends the schedule as sorted comma lists and forever as -1, and reads it back as numbers in the program's order", async () => {
    const { id, outs } = await bed.create("DiskSnapshotPolicy", { name: "nightly", weekdays: [5, 0], hours: [22, 2], enabled: false });
    const record = (await bed.emu.control.resource<Props>("snapshotPolicy", id))!.data;
    assert.deepEqual(
      { weekdays: record["repeatWeekdays"], hours: record["repeatTimes"], retention: record["retentionTime"], status: record["snapshotPolicyStatus"] },
      { weekdays: "0,5", hours: "2,22", retention: -1, status: "deactivated" },
    );
    assert.deepEqual({ status: outs["status"], boundDiskCount: outs["boundDiskCount"], createTime: outs["createTime"] }, { status: "deactivated", boundDiskCount: 0, createTime: "2024-06-01T00:00:00Z" });
    const read = await (await bed.provider("DiskSnapshotPolicy")).read(id, outs);
    assert.deepEqual({ weekdays: read.inputs!["weekdays"], hours: read.inputs!["hours"], retentionDays: read.inputs!["retentionDays"], enabled: read.inputs!["enabled"] }, { weekdays: [5, 0], hours: [22, 2], retentionDays: undefined, enabled: false });
  });

  it("updates the schedule and the status in one update (both calls)", async () => {
    const provider = await bed.provider("DiskSnapshotPolicy");
    const { id, outs, inputs } = await bed.create("DiskSnapshotPolicy", { weekdays: [1], hours: [2] });
    await bed.emu.control.clearRequests();
    const checked = await provider.check(inputs, { ...inputs, hours: [3], enabled: false });
    await provider.update(id, outs, checked.inputs);
    assert.deepEqual(await operations(bed), ["QuerySnapshotPolicy", "ModifySnapshotPolicy", "ModifySnapshotPolicyStatus", "QuerySnapshotPolicy"]);
  });

  it("waits while disks are still being let go before deleting, and refuses a name another policy has", async () => {
    const provider = await bed.provider("DiskSnapshotPolicy");
    const diskId = await newDisk(bed);
    const { id, outs } = await bed.create("DiskSnapshotPolicy", { name: "busy", weekdays: [1], hours: [2] });
    await bed.emu.post("/v4/ebs_snapshot/apply-policy-ebs-snap", { regionID: REGION_HUADONG1, snapshotPolicyID: id, targetDiskIDs: diskId });
    bed.onSleep(() => bed.emu.post("/v4/ebs_snapshot/cancel-policy-ebs-snap", { regionID: REGION_HUADONG1, targetDiskIDs: diskId }).then(() => undefined));
    await provider.delete(id, outs);
    assert.equal(await bed.emu.control.resource("snapshotPolicy", id), undefined);
    const ops = await operations(bed);
    assert.ok(ops.some((op) => /^DeleteSnapshotPolicy:/.test(op)), "refused once while the disk followed it");

    const { id: kept } = await bed.create("DiskSnapshotPolicy", { name: "taken", weekdays: [1], hours: [2] });
    await assert.rejects(bed.create("DiskSnapshotPolicy", { name: "taken", weekdays: [1], hours: [2] }), new RegExp(`a snapshot policy named taken already exists in region ${REGION_HUADONG1} \\(${kept}\\): choose another name, or manage it with adoptId "${kept}"`));
  });

  it("checks the schedule before any call", async () => {
    const checked = await (await bed.provider("DiskSnapshotPolicy")).check({}, { pulumiName: "p", weekdays: [7, 1, 1], hours: [], retentionDays: 0 });
    assert.deepEqual(checked.failures, [
      { property: "weekdays", reason: "must list whole numbers from 0 to 6" },
      { property: "hours", reason: "must list at least one hour" },
      { property: "retentionDays", reason: "must be a whole number of days from 1 to 65535 (omit it to keep the snapshots until deleted)" },
    ]);
  });
});

describe("DiskSnapshotPolicyAttachment: specifics", () => {
  const bed = useProviderTestbed();

  it("applies the policy to every disk, updates the set in place (apply added, cancel removed), and cancels all on delete", async () => {
    const provider = await bed.provider("DiskSnapshotPolicyAttachment");
    const [a, b, c] = [await newDisk(bed), await newDisk(bed), await newDisk(bed)];
    const policy = await newPolicy(bed);
    const { id, outs, inputs } = await bed.create("DiskSnapshotPolicyAttachment", { snapshotPolicyId: policy, diskIds: [a, b] });
    assert.equal(id, policy);
    assert.deepEqual((await bindings(bed)).map((x) => x.diskID).sort(), [a, b].sort());
    const checked = await provider.check(inputs, { ...inputs, diskIds: [b, c] });
    const diff = await provider.diff(id, outs, checked.inputs);
    assert.deepEqual({ changes: diff.changes, replaces: diff.replaces }, { changes: true, replaces: [] });
    await bed.emu.control.clearRequests();
    await provider.update(id, outs, checked.inputs);
    assert.deepEqual((await operations(bed)).filter((op) => !op.startsWith("ListEbs")), ["ApplySnapshotPolicy", "CancelSnapshotPolicy"]);
    assert.deepEqual((await bindings(bed)).map((x) => x.diskID).sort(), [b, c].sort());
    await provider.delete(id, outs);
    assert.deepEqual(await bindings(bed), []);
  });

  it("shows disks bound or let go out of band as drift, in the program's order", async () => {
    const provider = await bed.provider("DiskSnapshotPolicyAttachment");
    const [a, b, c] = [await newDisk(bed), await newDisk(bed), await newDisk(bed)];
    const policy = await newPolicy(bed);
    const { id, outs, inputs } = await bed.create("DiskSnapshotPolicyAttachment", { snapshotPolicyId: policy, diskIds: [b, a] });
    await bed.emu.post("/v4/ebs_snapshot/apply-policy-ebs-snap", { regionID: REGION_HUADONG1, snapshotPolicyID: policy, targetDiskIDs: c });
    const read = await provider.read(id, outs);
    assert.deepEqual(read.inputs!["diskIds"], [b, a, c]);
    assert.equal((await provider.diff(id, read.props!, inputs)).changes, true);
  });

  it("refuses a disk that follows another policy, and a policy whose disks another attachment manages", async () => {
    const [a, b] = [await newDisk(bed), await newDisk(bed)];
    const first = await newPolicy(bed);
    const second = await newPolicy(bed);
    await bed.create("DiskSnapshotPolicyAttachment", { snapshotPolicyId: first, diskIds: [a] });
    await assert.rejects(
      bed.create("DiskSnapshotPolicyAttachment", { snapshotPolicyId: second, diskIds: [a] }),
      new RegExp(`disk ${a} follows snapshot policy ${first}; a disk follows one policy at a time`),
    );
    await assert.rejects(
      bed.create("DiskSnapshotPolicyAttachment", { snapshotPolicyId: first, diskIds: [b] }),
      new RegExp(`snapshot policy ${first} already applies to disk\\(s\\) ${a}, and not by this create: .*adoptId "${first}"`),
    );
    assert.equal((await bed.emu.control.counts())["ApplySnapshotPolicy"], 1);
  });

  it("reads the attachment as gone when its disks were deleted", async () => {
    const provider = await bed.provider("DiskSnapshotPolicyAttachment");
    const diskId = await newDisk(bed);
    const { id, outs } = await bed.create("DiskSnapshotPolicyAttachment", { snapshotPolicyId: await newPolicy(bed), diskIds: [diskId] });
    await (await bed.provider("Disk")).delete(diskId, { diskId, regionId: REGION_HUADONG1 });
    assert.deepEqual(await provider.read(id, outs), {});
  });
});
