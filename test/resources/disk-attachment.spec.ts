/** DiskAttachment through its serialized provider against the emulator: the contract, jobs, reads, delete rules, checks. */
import assert from "node:assert/strict";
import { UNKNOWN_CODE_SITUATIONS } from "../../emulator/unknown-codes";
import type { DiskRecord } from "../../emulator/services/ebs/records";
import { describeResourceContract } from "../helpers/resource-contract";
import { useProviderTestbed, type Props, type ProviderTestbed } from "../helpers/providers";
import { REGION_HUABEI2 } from "../helpers/emulator";
import { createInstance, createNetwork } from "../emulator/fixtures/ecs";

const VM1 = "11111111-1111-4111-8111-111111111111";
const VM2 = "22222222-2222-4222-8222-222222222222";
const OTHER_DISK = "33333333-3333-4333-8333-333333333333";

/** A fresh VM (through the ECS and VPC APIs) and a fresh Disk (through its provider). */
async function diskAndVm(bed: ProviderTestbed, disk: Props = {}): Promise<{ diskId: string; instanceId: string }> {
  const instanceId = await createInstance(bed.emu, await createNetwork(bed.emu));
  await bed.emu.control.clearRequests();
  const { id } = await bed.create("Disk", { type: "ssd", size: 20, ...disk });
  return { diskId: id, instanceId };
}

async function diskRecord(bed: ProviderTestbed, diskId: string): Promise<DiskRecord> {
  return (await bed.emu.control.resource<DiskRecord>("disk", diskId))!.data;
}

function split(id: string): [string, string] {
  const [diskId, instanceId] = id.split(":");
  return [diskId!, instanceId!];
}

describeResourceContract({
  kind: "DiskAttachment",
  idOutput: "diskAttachmentId",
  createOperation: "AttachEbs",
  createPath: "/v4/ebs/attach-ebs",
  inputs: (bed) => diskAndVm(bed),
  updates: [],
  replacements: [{ diskId: OTHER_DISK }, { instanceId: VM2 }, { regionId: REGION_HUABEI2 }],
  exists: async (bed, id) => {
    const [diskId, instanceId] = split(id);
    return (await diskRecord(bed, diskId)).attachments.some((a) => a.instanceID === instanceId);
  },
  removeOutOfBand: async (bed, id) => {
    await bed.emu.control.patchResource("disk", split(id)[0], { attachments: [], instanceID: "", diskStatus: "available" });
  },
  // Data-disk attachments (the VMs' system disks are attached too).
  count: async (bed) =>
    ((await bed.emu.control.state()).resources["disk"] ?? []).map((r) => r.data as DiskRecord).filter((d) => !d.isSystemVolume).reduce((n, d) => n + d.attachments.length, 0),
});

describe("DiskAttachment: specifics", () => {
  const bed = useProviderTestbed();

  async function operations(): Promise<string[]> {
    return (await bed.emu.control.requests()).map((r) => (r.errorCode && r.errorCode !== "SUCCESS" ? `${r.operation}:${r.errorCode}` : String(r.operation)));
  }

  it("attaches through a job, waits for in-use, and reports the device", async () => {
    const { diskId, instanceId } = await diskAndVm(bed);
    await bed.emu.control.clearRequests();
    const { id, outs } = await bed.create("DiskAttachment", { diskId, instanceId });
    assert.equal(id, `${diskId}:${instanceId}`);
    assert.deepEqual({ diskAttachmentId: outs["diskAttachmentId"], device: outs["device"] }, { diskAttachmentId: id, device: "/dev/vdb" });
    // A first create attaches at once (the disk was made and waited for by its own resource).
    assert.deepEqual(await operations(), ["AttachEbs", "QueryJobInfo", "QueryJobInfo", "ShowEbs"]);
    const disk = await diskRecord(bed, diskId);
    assert.deepEqual({ status: disk.diskStatus, on: disk.attachments.map((a) => a.instanceID) }, { status: "in-use", on: [instanceId] });
  });

  it("detaches through a job, and is done when the job is: the disk is available then, with no read spent on it", async () => {
    const provider = await bed.provider("DiskAttachment");
    const { diskId, instanceId } = await diskAndVm(bed);
    const { id, outs } = await bed.create("DiskAttachment", { diskId, instanceId });
    await bed.emu.control.clearRequests();
    await provider.delete(id, outs);
    assert.deepEqual(await operations(), ["ShowEbs", "DetachEbs", "QueryJobInfo", "QueryJobInfo"]);
    assert.deepEqual(await diskRecord(bed, diskId).then((d) => ({ status: d.diskStatus, attachments: d.attachments })), { status: "available", attachments: [] });
  });

  it("reads an attachment whose disk moved to another VM as gone", async () => {
    const provider = await bed.provider("DiskAttachment");
    const { diskId, instanceId } = await diskAndVm(bed);
    const { id, outs } = await bed.create("DiskAttachment", { diskId, instanceId });
    await bed.emu.control.patchResource("disk", diskId, { instanceID: VM1, attachments: [{ instanceID: VM1, attachmentID: "a-1", device: "/dev/vdc" }] });
    assert.deepEqual(await provider.read(id, outs), {});
  });

  it("reads an attachment as gone when the disk was detached or deleted, and deletes it as a no-op then", async () => {
    const provider = await bed.provider("DiskAttachment");
    const { diskId, instanceId } = await diskAndVm(bed);
    const { id, outs } = await bed.create("DiskAttachment", { diskId, instanceId });
    await bed.emu.control.patchResource("disk", diskId, { instanceID: "", attachments: [], diskStatus: "available" });
    assert.deepEqual(await provider.read(id, outs), {});
    await bed.emu.control.clearRequests();
    await provider.delete(id, outs);
    assert.deepEqual(await operations(), ["ShowEbs"], "nothing to detach");
    await bed.emu.control.deleteResource("disk", diskId);
    assert.deepEqual(await provider.read(id, outs), {});
    await provider.delete(id, outs);
  });

  it("reads the device back and keeps the inputs", async () => {
    const provider = await bed.provider("DiskAttachment");
    const { diskId, instanceId } = await diskAndVm(bed);
    const { id, outs } = await bed.create("DiskAttachment", { diskId, instanceId });
    const read = await provider.read(id, outs);
    assert.deepEqual({ id: read.id, inputs: { diskId: read.inputs!["diskId"], instanceId: read.inputs!["instanceId"] }, device: read.props!["device"] }, { id, inputs: { diskId, instanceId }, device: "/dev/vdb" });
  });

  it("turns a failed attach job into a partial create that the next update finishes", async () => {
    const provider = await bed.provider("DiskAttachment");
    const { diskId, instanceId } = await diskAndVm(bed);
    const checked = await provider.check({}, { pulumiName: "flaky", diskId, instanceId });
    await bed.emu.control.setTiming("attach", { mode: "fail", times: 1, reason: "hypervisor busy" });
    let partial: (Error & { id: string; properties: Props; reasons: string[] }) | undefined;
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), (error: Error & { id: string; properties: Props; reasons: string[] }) => {
      partial = error;
      return true;
    });
    assert.ok(partial);
    assert.equal(partial.id, `${diskId}:${instanceId}`);
    assert.match(partial.reasons[0]!, /^ctyun:DiskAttachment \S+ was created but is not ready: it exists as \S+ — job [0-9a-f-]{36} failed \(status fail: [^)]+\)\. It is recorded in the stack; the next `pulumi up` resumes it\.$/);
    assert.equal((await diskRecord(bed, diskId)).diskStatus, "available");
    const resumed = await provider.update(partial.id, partial.properties, checked.inputs);
    assert.equal(resumed.outs["device"], "/dev/vdb");
    assert.equal((await diskRecord(bed, diskId)).diskStatus, "in-use");
  });

  it("attaches again when its lost attach's job failed before the repeat was refused (found by the e2e fault matrix)", async () => {
    const { diskId, instanceId } = await diskAndVm(bed);
    // The first attach commits but its answer is lost; its job fails. The client's repeat is
    // refused (the disk is attaching); by the time the handler looks, the job has failed and the
    // disk is free again (a 503 on that look lets the job settle meanwhile).
    await bed.emu.control.addFault({ path: "/v4/ebs/attach-ebs", kind: "commit-then-drop", times: 1 });
    await bed.emu.control.setTiming("attach", { mode: "fail", times: 1, reason: "hypervisor busy" });
    const base = bed.sleeps.length;
    bed.onSleep(async (n) => {
      if (n === base + 1) await bed.emu.control.addFault({ path: "/v4/ebs/info-ebs", kind: "http", status: 503, times: 1 });
    });
    await bed.emu.control.clearRequests();
    const { outs } = await bed.create("DiskAttachment", { diskId, instanceId });
    assert.equal(outs["device"], "/dev/vdb");
    assert.equal((await diskRecord(bed, diskId)).diskStatus, "in-use");
    const attaches = (await operations()).filter((op) => op.startsWith("AttachEbs"));
    assert.equal(attaches.length, 3, attaches.join(", "));
    assert.equal(attaches[2], "AttachEbs");
  });

  it("waits while the VM is starting, then attaches", async () => {
    const { diskId, instanceId } = await diskAndVm(bed);
    await bed.emu.control.patchResource("instance", instanceId, { instanceStatus: "starting" });
    const base = bed.sleeps.length;
    bed.onSleep(async (n) => {
      if (n === base + 2) await bed.emu.control.patchResource("instance", instanceId, { instanceStatus: "running" });
    });
    await bed.emu.control.clearRequests();
    const { outs } = await bed.create("DiskAttachment", { diskId, instanceId });
    assert.equal(outs["device"], "/dev/vdb");
    assert.deepEqual((await operations()).filter((op) => op.startsWith("AttachEbs")), ["AttachEbs:Ebs.Instance.InvalidStatus", "AttachEbs:Ebs.Instance.InvalidStatus", "AttachEbs"]);
  });

  it("fails with the cloud's reason when the disk is attached to another VM", async () => {
    const { diskId, instanceId } = await diskAndVm(bed);
    await bed.create("DiskAttachment", { diskId, instanceId });
    const other = await createInstance(bed.emu, await createNetwork(bed.emu));
    await assert.rejects(bed.create("DiskAttachment", { diskId, instanceId: other }), (error: Error) => {
      const code = (error as Error & { errorCode?: string }).errorCode ?? "";
      assert.ok((UNKNOWN_CODE_SITUATIONS["disk-attached"] as readonly string[]).includes(code), code);
      const reason = `AttachEbs failed: ${code}: disk ${diskId} is already attached to instance ${instanceId} and is not a shared (multiAttach) disk / 云硬盘已挂载，非共享盘不支持挂载到多台云主机`;
      assert.equal(error.message.replace(/ \(request id [0-9a-f-]+\)$/, ""), reason);
      return true;
    });
    assert.deepEqual((await diskRecord(bed, diskId)).attachments.map((a) => a.instanceID), [instanceId]);
  });

  it("attaches a shared disk to two VMs and detaches only its own VM", async () => {
    const provider = await bed.provider("DiskAttachment");
    const { diskId, instanceId } = await diskAndVm(bed, { multiAttach: true });
    const other = await createInstance(bed.emu, await createNetwork(bed.emu));
    const first = await bed.create("DiskAttachment", { diskId, instanceId });
    const second = await bed.create("DiskAttachment", { diskId, instanceId: other });
    assert.deepEqual((await diskRecord(bed, diskId)).attachments.map((a) => a.instanceID), [instanceId, other]);
    await provider.delete(second.id, second.outs);
    assert.deepEqual((await diskRecord(bed, diskId)).attachments.map((a) => a.instanceID), [instanceId]);
    assert.deepEqual((await provider.read(first.id, first.outs)).id, first.id);
    assert.deepEqual(await provider.read(second.id, second.outs), {});
  });

  it("adopts an attachment by its composite id and refuses a malformed one", async () => {
    const { diskId, instanceId } = await diskAndVm(bed);
    const { id } = await bed.create("DiskAttachment", { diskId, instanceId });
    const adopted = await bed.create("DiskAttachment", { diskId, instanceId, adoptId: id });
    assert.deepEqual({ id: adopted.id, device: adopted.outs["device"] }, { id, device: "/dev/vdb" });
    await assert.rejects(bed.create("DiskAttachment", { diskId, instanceId, adoptId: diskId }), {
      message: `"${diskId}" is not a DiskAttachment id: expected "<diskId>:<instanceId>"`,
    });
  });

  const invalid: Array<[string, Props, Array<{ property: string; reason: string }>]> = [
    ["a disk id that is not a UUID", { diskId: "disk-1" }, [{ property: "diskId", reason: "must be a disk UUID (8-4-4-4-12 hexadecimal digits)" }]],
    ["an instance id that is not a UUID", { instanceId: "i-123" }, [{ property: "instanceId", reason: "must be a VM instance UUID (8-4-4-4-12 hexadecimal digits)" }]],
    ["no disk", { diskId: undefined }, [{ property: "diskId", reason: "is required" }]],
    ["no instance", { instanceId: undefined }, [{ property: "instanceId", reason: "is required" }]],
    ["a short regionId", { regionId: "xyz" }, [{ property: "regionId", reason: "must be a CTyun regionID: 32 hexadecimal characters" }]],
    ["an unknown input", { device: "/dev/vdb" }, [{ property: "device", reason: "is not an input of ctyun:DiskAttachment" }]],
  ];
  for (const [title, change, failures] of invalid) {
    it(`check refuses ${title} with the exact reason, before any request`, async () => {
      const provider = await bed.provider("DiskAttachment");
      const result = await provider.check({}, { pulumiName: "checked", diskId: OTHER_DISK, instanceId: VM1, ...change });
      assert.deepEqual(result.failures, failures);
      assert.deepEqual(await bed.emu.control.requests(), []);
    });
  }
});
