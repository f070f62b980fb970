/**
 * EBS attach/detach in the emulator (spec D.9, C.5): jobs 0 → 1 (or 2), the attaching → in-use and
 * detaching → available status machines, VM status and AZ rules, shared (multiAttach) disks,
 * system disks refused.
 */
import assert from "node:assert/strict";
import type { DiskRecord } from "../../emulator/services/ebs/records";
import { ID_PATTERNS } from "../../emulator/store/ids";
import { REGION_HUABEI2, REGION_HUADONG1, useEmulator, type EmulatorHarness } from "../helpers/emulator";
import { AZ2, createDisk, failure, finishOrder, insertInstance, insertSystemDisk, ok, show } from "./fixtures/ebs";
import { createInstance, createNetwork, power } from "./fixtures/ecs";

const R = REGION_HUADONG1;

interface JobInfo {
  jobID: string;
  status: number;
  jobStatus: string;
  resourceId: string;
  fields: Record<string, string>;
  ID: string;
}

async function job(emu: EmulatorHarness, jobID: string, regionID = R): Promise<JobInfo> {
  return ok((await emu.get("/v4/job/info", { jobID, regionID })).envelope<JobInfo>());
}

async function attach(emu: EmulatorHarness, diskID: string, instanceID: string): Promise<string> {
  const result = ok((await emu.post("/v4/ebs/attach-ebs", { regionID: R, diskID, instanceID })).envelope<{ diskJobID: string; diskRequestID: string }>());
  assert.equal(result.diskRequestID, result.diskJobID);
  return result.diskJobID;
}

async function detach(emu: EmulatorHarness, diskID: string, instanceID?: string): Promise<string> {
  const body = instanceID === undefined ? { regionID: R, diskID } : { regionID: R, diskID, instanceID };
  return ok((await emu.post("/v4/ebs/detach-ebs", body)).envelope<{ diskJobID: string }>()).diskJobID;
}

/** Polls the job until it is no longer executing. */
async function finishJob(emu: EmulatorHarness, jobID: string): Promise<JobInfo> {
  for (let i = 0; i < 5; i++) {
    const info = await job(emu, jobID);
    if (info.status !== 0) return info;
  }
  throw new Error(`job ${jobID} did not finish`);
}

describe("emulator: EBS attach and detach", () => {
  const emu = useEmulator({ transport: "in-process" });

  it("attaches as a job: attaching at once, job 0 → 1 with exact field types, then in-use with a device", async () => {
    insertInstance(emu, "vm-a1");
    const diskID = await createDisk(emu);
    const jobID = await attach(emu, diskID, "vm-a1");
    assert.match(jobID, ID_PATTERNS.uuid);
    const attaching = (await emu.control.resource<DiskRecord>("disk", diskID))!.data;
    assert.deepEqual({ diskStatus: attaching.diskStatus, attachments: attaching.attachments }, { diskStatus: "attaching", attachments: [] });
    assert.deepEqual(await job(emu, jobID), { jobID, status: 0, jobStatus: "executing", resourceId: diskID, fields: { taskName: "AttachVolume" }, ID: jobID });
    assert.deepEqual(await job(emu, jobID), { jobID, status: 1, jobStatus: "success", resourceId: diskID, fields: { taskName: "AttachVolume" }, ID: jobID });
    const disk = ok(await show(emu, diskID));
    const attachments = disk["attachments"] as Array<{ instanceID: string; attachmentID: string; device: string }>;
    assert.deepEqual(
      { diskStatus: disk.diskStatus, instanceID: disk["instanceID"], instanceName: disk["instanceName"], instanceStatus: disk["instanceStatus"], devices: attachments.map((a) => [a.instanceID, a.device]) },
      { diskStatus: "in-use", instanceID: "vm-a1", instanceName: "vm vm-a1", instanceStatus: "running", devices: [["vm-a1", "/dev/vdb"]] },
    );
    assert.match(attachments[0]!.attachmentID, ID_PATTERNS.uuid);
    // A second disk on the same VM takes the next device name.
    const second = await createDisk(emu);
    await finishJob(emu, await attach(emu, second, "vm-a1"));
    assert.deepEqual((ok(await show(emu, second))["attachments"] as Array<{ device: string }>).map((a) => a.device), ["/dev/vdc"]);
  });

  it("counts an info-ebs poll of an attaching or detaching disk as a poll of its job", async () => {
    insertInstance(emu, "vm-p1");
    const diskID = await createDisk(emu);
    const attachJob = await attach(emu, diskID, "vm-p1");
    assert.equal(ok(await show(emu, diskID)).diskStatus, "attaching");
    assert.equal(ok(await show(emu, diskID)).diskStatus, "in-use");
    assert.equal((await job(emu, attachJob)).status, 1);
    const detachJob = await detach(emu, diskID);
    assert.equal(ok(await show(emu, diskID)).diskStatus, "detaching");
    assert.equal(ok(await show(emu, diskID)).diskStatus, "available");
    assert.equal((await job(emu, detachJob)).status, 1);
  });

  it("fails the job (status 2) through the attach timing and puts the disk back to available", async () => {
    insertInstance(emu, "vm-a2");
    const diskID = await createDisk(emu);
    await emu.control.setTiming("attach", { mode: "fail", times: 1, reason: "hypervisor busy" });
    const jobID = await attach(emu, diskID, "vm-a2");
    assert.deepEqual(await job(emu, jobID), {
      jobID,
      status: 2,
      jobStatus: "fail",
      resourceId: diskID,
      fields: { taskName: "AttachVolume", failReason: "hypervisor busy" },
      ID: jobID,
    });
    const disk = ok(await show(emu, diskID));
    assert.deepEqual({ diskStatus: disk.diskStatus, attached: disk.attachments != null }, { diskStatus: "available", attached: false });
    // The failure was for the next job only: the retry succeeds.
    assert.equal((await finishJob(emu, await attach(emu, diskID, "vm-a2"))).status, 1);
  });

  it("fails a job whose VM disappeared meanwhile", async () => {
    insertInstance(emu, "vm-gone");
    const diskID = await createDisk(emu);
    const jobID = await attach(emu, diskID, "vm-gone");
    await emu.control.deleteResource("instance", "vm-gone");
    const info = await finishJob(emu, jobID);
    assert.deepEqual({ status: info.status, failReason: info.fields["failReason"] }, { status: 2, failReason: "instance vm-gone no longer exists" });
    assert.equal(ok(await show(emu, diskID)).diskStatus, "available");
  });

  it("requires the VM to be running, stopped or shelved, to exist, and to be in the disk's zone", async () => {
    const diskID = await createDisk(emu);
    insertInstance(emu, "vm-starting", { instanceStatus: "starting" });
    failure(
      (await emu.post("/v4/ebs/attach-ebs", { regionID: R, diskID, instanceID: "vm-starting" })).envelope(),
      "Ebs.Instance.InvalidStatus",
      "cannot attach a disk to instance vm-starting while it is starting (allowed: running, stopped, shelve)",
    );
    failure((await emu.post("/v4/ebs/attach-ebs", { regionID: R, diskID, instanceID: "vm-nope" })).envelope(), "Ecs.Instance.NotFound", "instance vm-nope does not exist");
    insertInstance(emu, "vm-az2", { azName: AZ2 });
    failure(
      (await emu.post("/v4/ebs/attach-ebs", { regionID: R, diskID, instanceID: "vm-az2" })).envelope(),
      "Openapi.Parameter.Invalid",
      `disk ${diskID} is in cn-huadong1-jsnj1A-public-ctcloud but instance vm-az2 is in ${AZ2}: a disk attaches only to instances of its availability zone`,
    );
    insertInstance(emu, "vm-north", {}, REGION_HUABEI2);
    failure((await emu.post("/v4/ebs/attach-ebs", { regionID: R, diskID, instanceID: "vm-north" })).envelope(), "Ecs.Instance.NotFound", "instance vm-north does not exist");
    insertInstance(emu, "vm-shelved", { instanceStatus: "shelve" });
    assert.equal((await finishJob(emu, await attach(emu, diskID, "vm-shelved"))).status, 1);
    assert.deepEqual((await emu.control.state()).jobs.length, 1, "refused attaches start no job");
  });

  it("refuses a second VM for a non-shared disk, the same VM twice, a busy disk and a system disk", async () => {
    insertInstance(emu, "vm-b1");
    insertInstance(emu, "vm-b2");
    const diskID = await createDisk(emu);
    const jobID = await attach(emu, diskID, "vm-b1");
    failure(
      (await emu.post("/v4/ebs/attach-ebs", { regionID: R, diskID, instanceID: "vm-b2" })).envelope(),
      "Ebs.Disk.InvalidStatus",
      `cannot attach disk ${diskID} while it is attaching (allowed: available)`,
    );
    await finishJob(emu, jobID);
    failure(
      (await emu.post("/v4/ebs/attach-ebs", { regionID: R, diskID, instanceID: "vm-b2" })).envelope(),
      "Openapi.Resource.InUse",
      `disk ${diskID} is already attached to instance vm-b1 and is not a shared (multiAttach) disk`,
    );
    failure((await emu.post("/v4/ebs/attach-ebs", { regionID: R, diskID, instanceID: "vm-b1" })).envelope(), "Openapi.Resource.InUse", `disk ${diskID} is already attached to instance vm-b1`);
    const system = insertSystemDisk(emu, "vm-b2");
    failure(
      (await emu.post("/v4/ebs/attach-ebs", { regionID: R, diskID: system, instanceID: "vm-b1" })).envelope(),
      "Ebs.Disk.SystemVolumeNotSupported",
      `disk ${system} is the system disk of instance vm-b2: it cannot be attached on its own; manage it through the instance`,
    );
  });

  it("attaches a shared (multiAttach) disk to several VMs and detaches them one by one", async () => {
    insertInstance(emu, "vm-s1");
    insertInstance(emu, "vm-s2");
    const diskID = await createDisk(emu, { multiAttach: true });
    await finishJob(emu, await attach(emu, diskID, "vm-s1"));
    await finishJob(emu, await attach(emu, diskID, "vm-s2"));
    let disk = ok(await show(emu, diskID));
    assert.deepEqual(
      { status: disk.diskStatus, instanceID: disk["instanceID"], on: (disk["attachments"] as Array<{ instanceID: string; device: string }>).map((a) => [a.instanceID, a.device]) },
      { status: "in-use", instanceID: "vm-s1", on: [["vm-s1", "/dev/vdb"], ["vm-s2", "/dev/vdb"]] },
    );
    failure(
      (await emu.post("/v4/ebs/detach-ebs", { regionID: R, diskID })).envelope(),
      "Openapi.Parameter.Invalid",
      `disk ${diskID} is attached to 2 instances: instanceID is required to say which one to detach`,
    );
    failure((await emu.post("/v4/ebs/detach-ebs", { regionID: R, diskID, instanceID: "vm-other" })).envelope(), "Openapi.Parameter.Invalid", `disk ${diskID} is not attached to instance vm-other`);
    await finishJob(emu, await detach(emu, diskID, "vm-s1"));
    disk = ok(await show(emu, diskID));
    assert.deepEqual(
      { status: disk.diskStatus, instanceID: disk["instanceID"], on: (disk["attachments"] as Array<{ instanceID: string }>).map((a) => a.instanceID) },
      { status: "in-use", instanceID: "vm-s2", on: ["vm-s2"] },
    );
    await finishJob(emu, await detach(emu, diskID));
    disk = ok(await show(emu, diskID));
    assert.deepEqual({ status: disk.diskStatus, attached: disk.attachments != null, instanceID: disk.instanceID != null }, { status: "available", attached: false, instanceID: false });
  });

  it("detaches as a job: detaching at once, then available; refusals for detached and system disks", async () => {
    insertInstance(emu, "vm-d1");
    const diskID = await createDisk(emu);
    failure((await emu.post("/v4/ebs/detach-ebs", { regionID: R, diskID })).envelope(), "Ebs.Disk.InvalidStatus", `disk ${diskID} is not attached to any instance`);
    await finishJob(emu, await attach(emu, diskID, "vm-d1"));
    const jobID = await detach(emu, diskID);
    assert.equal((await emu.control.resource<DiskRecord>("disk", diskID))!.data.diskStatus, "detaching");
    assert.deepEqual(await job(emu, jobID), { jobID, status: 0, jobStatus: "executing", resourceId: diskID, fields: { taskName: "DetachVolume" }, ID: jobID });
    assert.equal((await job(emu, jobID)).status, 1);
    assert.equal(ok(await show(emu, diskID)).diskStatus, "available");
    const system = insertSystemDisk(emu, "vm-d1");
    failure(
      (await emu.post("/v4/ebs/detach-ebs", { regionID: R, diskID: system })).envelope(),
      "Ebs.Disk.SystemVolumeNotSupported",
      `disk ${system} is the system disk of instance vm-d1: it cannot be detached on its own; manage it through the instance`,
    );
  });

  it("puts the disk back in-use when the detach job fails, and detaches from a VM that no longer exists", async () => {
    insertInstance(emu, "vm-d2");
    const diskID = await createDisk(emu);
    await finishJob(emu, await attach(emu, diskID, "vm-d2"));
    await emu.control.setTiming("detach", { mode: "fail", times: 1 });
    const failed = await finishJob(emu, await detach(emu, diskID));
    assert.deepEqual({ status: failed.status, failReason: failed.fields["failReason"] }, { status: 2, failReason: "injected failure (detach)" });
    assert.equal(ok(await show(emu, diskID)).diskStatus, "in-use");
    await emu.control.patchResource("instance", "vm-d2", { instanceStatus: "rebuild" });
    failure(
      (await emu.post("/v4/ebs/detach-ebs", { regionID: R, diskID })).envelope(),
      "Ebs.Instance.InvalidStatus",
      "cannot detach a disk from instance vm-d2 while it is rebuild (allowed: running, stopped, shelve)",
    );
    await emu.control.deleteResource("instance", "vm-d2");
    const disk = ok(await show(emu, diskID));
    assert.deepEqual({ instanceName: disk["instanceName"], instanceStatus: disk["instanceStatus"] }, { instanceName: "", instanceStatus: "" });
    assert.equal((await finishJob(emu, await detach(emu, diskID))).status, 1);
    assert.equal(ok(await show(emu, diskID)).diskStatus, "available");
  });

  it("refuses to unsubscribe while attaching or attached, and allows it once detached", async () => {
    insertInstance(emu, "vm-u1");
    const diskID = await createDisk(emu);
    const jobID = await attach(emu, diskID, "vm-u1");
    failure((await emu.post("/v4/ebs/refund-ebs", { regionID: R, diskID })).envelope(), "Ebs.Disk.InvalidStatus", `cannot unsubscribe disk ${diskID} while it is attaching (allowed: available, error)`);
    await finishJob(emu, jobID);
    failure((await emu.post("/v4/ebs/refund-ebs", { regionID: R, diskID })).envelope(), "Openapi.Resource.InUse", `disk ${diskID} is attached to instance vm-u1: detach it before unsubscribing`);
    await finishJob(emu, await detach(emu, diskID));
    assert.equal((await emu.post("/v4/ebs/refund-ebs", { regionID: R, diskID })).envelope().statusCode, 800);
  });

  it("grows an attached data disk online and returns it to in-use", async () => {
    insertInstance(emu, "vm-g1");
    const diskID = await createDisk(emu, { diskSize: 10 });
    await finishJob(emu, await attach(emu, diskID, "vm-g1"));
    await emu.control.setTiming("ebsOrder", { mode: "immediate" });
    ok((await emu.post("/v4/ebs/resize-ebs", { regionID: R, diskID, diskSize: 15 })).envelope());
    const disk = ok(await show(emu, diskID));
    assert.deepEqual({ diskSize: disk.diskSize, diskStatus: disk.diskStatus }, { diskSize: 15, diskStatus: "in-use" });
  });
});

describe("emulator: EBS with VMs from the ECS API", () => {
  const emu = useEmulator({ transport: "in-process" });

  it("attaches next to the VM's system disk, shows in instance-details, and survives the VM's unsubscribe", async () => {
    const vm = await createInstance(emu, await createNetwork(emu));
    const details = ok((await emu.get("/v4/ecs/instance-details", { regionID: R, instanceID: vm })).envelope<{ attachedVolume: string[] }>());
    const [systemDisk] = details.attachedVolume;
    const system = ok(await show(emu, systemDisk!));
    assert.deepEqual(
      { isSystemVolume: system.isSystemVolume, device: (system["attachments"] as Array<{ device: string }>)[0]!.device, instanceStatus: system["instanceStatus"] },
      { isSystemVolume: true, device: "/dev/vda", instanceStatus: "running" },
    );
    const diskID = await createDisk(emu);
    await finishJob(emu, await attach(emu, diskID, vm));
    assert.deepEqual((ok(await show(emu, diskID))["attachments"] as Array<{ device: string }>).map((a) => a.device), ["/dev/vdb"]);
    const after = ok((await emu.get("/v4/ecs/instance-details", { regionID: R, instanceID: vm })).envelope<{ attachedVolume: string[] }>());
    assert.deepEqual(after.attachedVolume, [systemDisk, diskID]);
    failure(
      (await emu.post("/v4/ebs/detach-ebs", { regionID: R, diskID: systemDisk })).envelope(),
      "Ebs.Disk.SystemVolumeNotSupported",
      `disk ${systemDisk} is the system disk of instance ${vm}: it cannot be detached on its own; manage it through the instance`,
    );
    const unsubscribed = ok((await emu.post("/v4/ecs/unsubscribe-instance", { clientToken: "bye-vm", regionID: R, instanceID: vm })).envelope<{ masterOrderID: string }>());
    assert.equal((await finishOrder(emu, unsubscribed.masterOrderID)).orderStatus, "3");
    const kept = ok(await show(emu, diskID));
    assert.deepEqual({ status: kept.diskStatus, attached: kept.attachments != null }, { status: "available", attached: false });
    assert.equal((await show(emu, systemDisk!)).errorCode, "ebs.ebsInfo.dataDamaged");
  });

  it("grows a VM's system disk once the VM is stopped", async () => {
    const vm = await createInstance(emu, await createNetwork(emu));
    const systemDisk = ok((await emu.get("/v4/ecs/instance-details", { regionID: R, instanceID: vm })).envelope<{ attachedVolume: string[] }>()).attachedVolume[0]!;
    assert.equal((await emu.post("/v4/ebs/resize-ebs", { regionID: R, diskID: systemDisk, diskSize: 80 })).envelope().errorCode, "Ebs.Instance.InvalidStatus");
    assert.equal(await power(emu, "stop", vm), "stopped");
    const placed = (await emu.post("/v4/ebs/resize-ebs", { regionID: R, diskID: systemDisk, diskSize: 80 })).envelope<{ masterOrderID: string }>();
    assert.equal(placed.errorCode, "ebs.order.inProgress");
    assert.equal((await finishOrder(emu, placed.returnObj.masterOrderID)).orderStatus, "3");
    assert.deepEqual(pickSize(ok(await show(emu, systemDisk))), { diskSize: 80, diskStatus: "in-use" });
  });
});

function pickSize(disk: { diskSize: number; diskStatus: string }): { diskSize: number; diskStatus: string } {
  return { diskSize: disk.diskSize, diskStatus: disk.diskStatus };
}
