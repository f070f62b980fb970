/** DiskSnapshot (and Disk made from a snapshot) through the serialized providers against the emulator. */
import assert from "node:assert/strict";
import { describeResourceContract } from "../helpers/resource-contract";
import { AZ_HUADONG1, useProviderTestbed, type Props, type ProviderTestbed } from "../helpers/providers";
import { REGION_HUABEI2, REGION_HUADONG1 } from "../helpers/emulator";
import { attachDataDisk, createInstance, createNetwork } from "../emulator/fixtures/ecs";

const OTHER_DISK = "33333333-3333-4333-8333-333333333333";

async function newDisk(bed: ProviderTestbed, extra: Props = {}): Promise<string> {
  return (await bed.create("Disk", { type: "ssd", size: 20, ...extra })).id;
}

async function operations(bed: ProviderTestbed): Promise<string[]> {
  return (await bed.emu.control.requests()).map((r) => (r.errorCode && r.errorCode !== "SUCCESS" ? `${r.operation}:${r.errorCode}` : String(r.operation)));
}

describeResourceContract({
  kind: "DiskSnapshot",
  idOutput: "snapshotId",
  recordKind: "diskSnapshot",
  createOperation: "CreateEbsSnap",
  createPath: "/v4/ebs_snapshot/create-ebs-snap",
  inputs: async (bed) => ({ diskId: await newDisk(bed) }),
  updates: [],
  replacements: [{ retentionDays: 3 }, { name: "other-name" }, { diskId: OTHER_DISK }, { regionId: REGION_HUABEI2 }],
  drift: { patch: { retentionPolicy: "custom", retentionTime: 9 }, inputs: { retentionDays: 9 } },
});

describe("DiskSnapshot: specifics", () => {
  const bed = useProviderTestbed();

  it("takes a disk's first snapshot through the order, waits until it is available, and reports what a disk made from it gets", async () => {
    const diskId = await newDisk(bed, { type: "sas", size: 30 });
    await bed.emu.control.clearRequests();
    const { id, outs } = await bed.create("DiskSnapshot", { diskId, name: "first", retentionDays: 7 });
    assert.deepEqual(await operations(bed), ["CreateEbsSnap:ebs.order.inProgress", "QueryOrderUuid", "QueryOrderUuid", "ListEbsSnap", "ListEbsSnap"]);
    assert.deepEqual(
      { snapshotId: outs["snapshotId"], status: outs["status"], sizeGb: outs["sizeGb"], diskType: outs["diskType"], azName: outs["azName"], createTime: outs["createTime"], expireTime: outs["expireTime"] },
      { snapshotId: id, status: "available", sizeGb: 30, diskType: "sas", azName: AZ_HUADONG1, createTime: "2024-06-01T00:00:04Z", expireTime: "2024-06-08T00:00:04Z" },
    );
  });

  it("takes later snapshots through the job, naming the snapshot at once", async () => {
    const diskId = await newDisk(bed);
    await bed.create("DiskSnapshot", { diskId, name: "one" });
    await bed.emu.control.clearRequests();
    const { outs } = await bed.create("DiskSnapshot", { diskId, name: "two" });
    assert.deepEqual(await operations(bed), ["CreateEbsSnap", "QueryJobInfo", "QueryJobInfo", "ListEbsSnap"]);
    assert.equal(outs["expireTime"], undefined, "kept until deleted");
  });

  it("waits while the disk is being detached (the cloud refuses), then takes the snapshot; other refusals fail after one more try", async () => {
    const instanceId = await createInstance(bed.emu, await createNetwork(bed.emu));
    const diskId = await attachDataDisk(bed.emu, instanceId);
    await bed.emu.post("/v4/ebs/detach-ebs", { regionID: REGION_HUADONG1, diskID: diskId, instanceID: instanceId });
    await bed.emu.control.clearRequests();
    const { outs } = await bed.create("DiskSnapshot", { diskId, name: "after-detach" });
    const ops = await operations(bed);
    const refused = ["CreateEbsSnap:Ebs.Snapshot.DiskNotSupported", "ListEbsSnap", "ShowEbs"];
    assert.deepEqual(ops.slice(0, 7), [...refused, ...refused, "CreateEbsSnap:ebs.order.inProgress"], "refused while the disk was detaching (two polls of the detach)");
    assert.equal(outs["status"], "available");
    const iscsi = await newDisk(bed, { mode: "iscsi", type: "sas" });
    await bed.emu.control.clearRequests();
    await assert.rejects(bed.create("DiskSnapshot", { diskId: iscsi, name: "never" }), /only VBD disks support snapshots/);
    assert.equal((await bed.emu.control.counts())["CreateEbsSnap"], 2, "once more, then the cloud's reason: nothing was in passing");
  });

  it("takes over its own snapshot when a job-path create's answer was lost and the retry is refused for the taken name", async () => {
    const diskId = await newDisk(bed);
    await bed.create("DiskSnapshot", { diskId, name: "one" });
    await bed.emu.control.addFault({ path: "/v4/ebs_snapshot/create-ebs-snap", kind: "commit-then-drop", times: 1 });
    await bed.emu.control.clearRequests();
    const { id } = await bed.create("DiskSnapshot", { diskId, name: "two" });
    const ops = await operations(bed);
    assert.equal(ops[0], "CreateEbsSnap");
    assert.match(ops[1]!, /^CreateEbsSnap:(Openapi\.Name\.Duplicated|Ebs\.Snapshot\.NameDuplicated|ebs\.snapshot\.nameExist)$/);
    const snapshots = ((await bed.emu.control.state()).resources["diskSnapshot"] ?? []).map((r) => r.id);
    assert.equal(snapshots.length, 2, "one snapshot per create");
    assert.ok(snapshots.includes(id));
  });

  it("refuses a name another snapshot already has, naming it for adoptId", async () => {
    const diskId = await newDisk(bed);
    const { id } = await bed.create("DiskSnapshot", { diskId, name: "taken" });
    await assert.rejects(bed.create("DiskSnapshot", { diskId, name: "taken" }), new RegExp(`a snapshot named taken already exists in region ${REGION_HUADONG1} \\(${id}, of disk ${diskId}\\): choose another name, or manage that snapshot with adoptId "${id}"`));
  });

  it("deletes only its own snapshot (never the disk's others), waiting out one still being copied", async () => {
    const provider = await bed.provider("DiskSnapshot");
    const diskId = await newDisk(bed);
    const keep = await bed.create("DiskSnapshot", { diskId, name: "keep" });
    const gone = await bed.create("DiskSnapshot", { diskId, name: "gone" });
    await bed.emu.control.patchResource("diskSnapshot", gone.id, { snapshotStatus: "cloning" });
    // A disk being made from it finishes while delete waits.
    bed.onSleep(() => bed.emu.control.patchResource("diskSnapshot", gone.id, { snapshotStatus: "available" }));
    await provider.delete(gone.id, gone.outs);
    const left = ((await bed.emu.control.state()).resources["diskSnapshot"] ?? []).map((r) => r.id);
    assert.deepEqual(left, [keep.id]);
    assert.ok((await bed.emu.control.requests()).every((r) => r.operation !== "DeleteEbsSnap" || r.status === 200));
  });

  it("reads a snapshot whose disk was deleted as gone", async () => {
    const provider = await bed.provider("DiskSnapshot");
    const diskId = await newDisk(bed);
    const { id, outs } = await bed.create("DiskSnapshot", { diskId });
    await (await bed.provider("Disk")).delete(diskId, { diskId, regionId: REGION_HUADONG1 });
    assert.deepEqual(await provider.read(id, outs), {});
  });

  it("checks the retention and name before any call", async () => {
    const provider = await bed.provider("DiskSnapshot");
    const checked = await provider.check({}, { pulumiName: "x", diskId: OTHER_DISK, name: "9lives", retentionDays: 0 });
    assert.deepEqual(checked.failures, [
      { property: "name", reason: "must start with a letter and contain only letters, digits, '_' and '-'" },
      { property: "retentionDays", reason: "must be a whole number of days from 1 to 65535 (omit it to keep the snapshot until deleted)" },
    ]);
  });
});

describe("Disk: made from a snapshot", () => {
  const bed = useProviderTestbed();

  async function snapshotOf(extra: Props = {}): Promise<{ snapshotId: string; outs: Props }> {
    const diskId = await newDisk(bed, { type: "sas", size: 30, ...extra });
    const { id, outs } = await bed.create("DiskSnapshot", { diskId });
    return { snapshotId: id, outs };
  }

  it("makes the disk from the snapshot (new-from-snapshot order) and reads snapshotId back", async () => {
    const { snapshotId } = await snapshotOf();
    await bed.emu.control.clearRequests();
    const { id, outs, inputs } = await bed.create("Disk", { snapshotId, type: "sas", size: 40, name: "restored" });
    assert.deepEqual(await operations(bed), ["ListEbsSnap", "CreateEbsFromSnapshot:ebs.order.inProgress", "QueryOrderUuid", "QueryOrderUuid", "ShowEbs"]);
    const record = (await bed.emu.control.resource<Props>("disk", id))!.data;
    assert.deepEqual({ type: record["diskType"], size: record["diskSize"], source: record["volumeSource"], status: outs["status"] }, { type: "SAS", size: 40, source: snapshotId, status: "available" });
    const read = await (await bed.provider("Disk")).read(id, outs);
    assert.equal(read.inputs!["snapshotId"], snapshotId);
    const diff = await (await bed.provider("Disk")).diff(id, read.props!, inputs);
    assert.equal(diff.changes, false);
  });

  it("fails before ordering when the type, size or zone does not fit the snapshot, naming what to write", async () => {
    const { snapshotId } = await snapshotOf();
    await assert.rejects(bed.create("Disk", { snapshotId, type: "ssd", size: 40 }), /type must be "sas" for a disk made from snapshot .*: the disk takes the snapshot's type \(got "ssd"\)/);
    await assert.rejects(bed.create("Disk", { snapshotId, type: "sas", size: 20 }), /size must be at least 30 GB, the size of snapshot .* \(got 20\)/);
    await assert.rejects(bed.create("Disk", { snapshotId, type: "sas", size: 30, azName: "cn-huadong1-jsnj2A-public-ctcloud" }), /azName must be cn-huadong1-jsnj1A-public-ctcloud for a disk made from snapshot/);
    assert.equal((await bed.emu.control.counts())["CreateEbsFromSnapshot"], undefined);
    const checked = await (await bed.provider("Disk")).check({}, { pulumiName: "x", snapshotId, type: "sas", size: 30, mode: "iscsi" });
    assert.deepEqual(checked.failures, [{ property: "mode", reason: 'must be "vbd" for a disk made from a snapshot (got "iscsi")' }]);
  });

  it("replaces the disk when snapshotId changes", async () => {
    const provider = await bed.provider("Disk");
    const { snapshotId } = await snapshotOf();
    const { id, outs, inputs } = await bed.create("Disk", { snapshotId, type: "sas", size: 30 });
    const checked = await provider.check(inputs, { ...inputs, snapshotId: "44444444-4444-4444-8444-444444444444" });
    assert.deepEqual((await provider.diff(id, outs, checked.inputs)).replaces, ["snapshotId"]);
  });
});
