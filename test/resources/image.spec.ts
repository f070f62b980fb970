/** Image, InstanceSnapshot and Instance booting from a private image, through the serialized providers against the emulator. */
import assert from "node:assert/strict";
import type { ImageShareRecord } from "../../emulator/services/image/records";
import { describeResourceContract } from "../helpers/resource-contract";
import { useProviderTestbed, type Props, type ProviderTestbed } from "../helpers/providers";
import { REGION_HUABEI2, REGION_HUADONG1 } from "../helpers/emulator";
import { createInstance, createNetwork, instanceInputs, power } from "../emulator/fixtures/ecs";

const OTHER = "77777777-7777-4777-8777-777777777777";
const ACCOUNT_A = "0123456789abcdef0123456789abcdef";
const ACCOUNT_B = "fedcba9876543210fedcba9876543210";

async function stoppedVm(bed: ProviderTestbed): Promise<string> {
  const vm = await createInstance(bed.emu, await createNetwork(bed.emu));
  assert.equal(await power(bed.emu, "stop", vm), "stopped");
  return vm;
}

async function operations(bed: ProviderTestbed): Promise<string[]> {
  return (await bed.emu.control.requests()).map((r) => (r.errorCode && r.errorCode !== "SUCCESS" ? `${r.operation}:${r.errorCode}` : String(r.operation)));
}

async function shares(bed: ProviderTestbed): Promise<Array<[string, string]>> {
  return ((await bed.emu.control.state()).resources["imageShare"] ?? []).map((r) => [(r.data as ImageShareRecord).destinationAccountID, (r.data as ImageShareRecord).status]);
}

describeResourceContract({
  kind: "Image",
  idOutput: "imageId",
  recordKind: "privateImage",
  createOperation: "CreateImage",
  createPath: "/v4/image/create",
  inputs: async (bed) => ({ instanceId: await stoppedVm(bed) }),
  updates: [{ name: "renamed-image" }, { description: "golden build" }, { sharedWith: [ACCOUNT_A, ACCOUNT_B] }, { sharedWith: [ACCOUNT_B] }, { description: undefined }],
  replacements: [{ instanceId: OTHER }, { regionId: REGION_HUABEI2 }, { projectId: "0123456789abcdef0123456789abcdef" }],
  drift: { patch: { imageName: "renamed-by-hand", description: "by hand" }, inputs: { name: "renamed-by-hand", description: "by hand" } },
});

describeResourceContract({
  kind: "InstanceSnapshot",
  idOutput: "instanceSnapshotId",
  recordKind: "instanceSnapshot",
  createOperation: "CreateInstanceSnapshot",
  createPath: "/v4/ecs/snapshot/create",
  inputs: async (bed) => ({ instanceId: await createInstance(bed.emu, await createNetwork(bed.emu)) }),
  updates: [{ name: "renamed snapshot" }, { description: "before upgrade" }],
  replacements: [{ instanceId: OTHER }, { regionId: REGION_HUABEI2 }],
  drift: { patch: { snapshotName: "renamed-by-hand" }, inputs: { name: "renamed-by-hand" } },
});

describe("Image: specifics", () => {
  const bed = useProviderTestbed();

  it("makes the image from a stopped instance, waits until it is active, shares it, and reports what it inherited", async () => {
    const instanceId = await stoppedVm(bed);
    await bed.emu.control.clearRequests();
    const { id, outs } = await bed.create("Image", { name: "golden", instanceId, sharedWith: [ACCOUNT_A] });
    assert.deepEqual(await operations(bed), ["CreateImage", "DescribeImage", "DescribeImage", "ShowImageShares", "ShareImage"]);
    assert.deepEqual(
      { status: outs["status"], osType: outs["osType"], osDistro: outs["osDistro"], osVersion: outs["osVersion"], architecture: outs["architecture"], diskSizeGb: outs["diskSizeGb"], createTime: outs["createTime"] },
      { status: "active", osType: "linux", osDistro: "Ubuntu", osVersion: "22.04", architecture: "x86_64", diskSizeGb: 40, createTime: "2024-06-01T00:00:00Z" },
    );
    assert.deepEqual(await shares(bed), [[ACCOUNT_A, "waiting"]]);
    assert.match(id, /^[0-9a-f-]{36}$/);
  });

  it("fails clearly for a running instance, and checks the source before any call", async () => {
    const running = await createInstance(bed.emu, await createNetwork(bed.emu));
    await assert.rejects(bed.create("Image", { instanceId: running }), new RegExp(`instance ${running} is running: an image is made from a stopped instance \\(stop it first\\)`));
    const provider = await bed.provider("Image");
    assert.deepEqual((await provider.check({}, { pulumiName: "i" })).failures, [
      { property: "instanceId", reason: "set exactly one of instanceId (a stopped instance's system disk) and instanceSnapshotId (an instance snapshot's system disk)" },
    ]);
    assert.deepEqual((await provider.check({}, { pulumiName: "i", instanceId: OTHER, instanceSnapshotId: OTHER, name: "9x" })).failures.map((f) => f.property), ["name", "instanceId"]);
  });

  it("refuses to unshare or delete an image a recipient accepted, before any call, naming the recipient", async () => {
    const provider = await bed.provider("Image");
    const { id, outs, inputs } = await bed.create("Image", { instanceId: await stoppedVm(bed), sharedWith: [ACCOUNT_A] });
    await bed.emu.control.patchResource("imageShare", `${id}:${ACCOUNT_A}`, { status: "accepted" });
    const checked = await provider.check(inputs, { ...inputs, sharedWith: [] });
    await assert.rejects(provider.update(id, outs, checked.inputs), new RegExp(`image ${id} was accepted by account\\(s\\) ${ACCOUNT_A}: they can be removed from sharedWith only after they reject it`));
    await bed.emu.control.clearRequests();
    await assert.rejects(provider.delete(id, outs), new RegExp(`image ${id} was accepted by account\\(s\\) ${ACCOUNT_A}: it can be deleted only after they reject it`));
    assert.equal((await bed.emu.control.counts())["DeleteImage"], undefined);
    await bed.emu.control.patchResource("imageShare", `${id}:${ACCOUNT_A}`, { status: "rejected" });
    await provider.delete(id, outs);
    assert.equal(await bed.emu.control.resource("privateImage", id), undefined);
  });

  it("boots an instance from the image (imageType 0), from an instance snapshot of a running instance too", async () => {
    const running = await createInstance(bed.emu, await createNetwork(bed.emu));
    const snap = await bed.create("InstanceSnapshot", { instanceId: running });
    assert.deepEqual({ status: snap.outs["status"], disks: snap.outs["diskIds"].length }, { status: "available", disks: 1 });
    const image = await bed.create("Image", { instanceSnapshotId: snap.id, name: "from-snap" });
    const created = await bed.create("Instance", await instanceInputs(bed, { imageId: image.id }));
    const record = (await bed.emu.control.resource<Props>("instance", created.id))!.data;
    assert.deepEqual({ image: record["imageID"], name: record["imageName"] }, { image: image.id, name: "from-snap" });
    const order = (await bed.emu.control.requests()).find((r) => r.operation === "CreateInstance");
    assert.ok(order);
  });

  it("refuses an instance whose private image is not active yet, before ordering", async () => {
    const { id } = await bed.create("Image", { instanceId: await stoppedVm(bed) });
    await bed.emu.control.patchResource("privateImage", id, { status: "queued" });
    await bed.emu.control.clearRequests();
    await assert.rejects(bed.create("Instance", await instanceInputs(bed, { imageId: id })), new RegExp(`image .* \\(${id}\\) is queued, not active: it cannot boot an instance yet`));
    assert.equal((await bed.emu.control.counts())["CreateInstance"], undefined);
  });
});

describe("InstanceSnapshot: specifics", () => {
  const bed = useProviderTestbed();

  it("waits while the instance is busy, then snapshots it; deletes after the images made from it are done", async () => {
    const instanceId = await createInstance(bed.emu, await createNetwork(bed.emu));
    await bed.emu.post("/v4/ecs/stop-instance", { regionID: REGION_HUADONG1, instanceID: instanceId, force: false });
    const { id, outs } = await bed.create("InstanceSnapshot", { instanceId, description: "stopped" });
    const ops = await operations(bed);
    assert.ok(ops.some((op) => op.startsWith("CreateInstanceSnapshot:")), "refused once while the VM was stopping");
    assert.equal(outs["status"], "available");
    const provider = await bed.provider("InstanceSnapshot");
    const read = await provider.read(id, outs);
    assert.equal(read.inputs!["description"], "stopped");
    const { images } = (await bed.emu.post("/v4/image/create-from-ecs-snapshot", { regionID: REGION_HUADONG1, snapshotID: id, imageName: "in-the-making" })).envelope<{ images: Array<{ imageID: string }> }>().returnObj;
    await provider.delete(id, outs);
    assert.equal(await bed.emu.control.resource("instanceSnapshot", id), undefined);
    assert.equal((await bed.emu.control.resource<Props>("privateImage", images[0]!.imageID))!.data["status"], "active", "deleted once the image was made");
  });

  it("refuses a name another snapshot has, naming it for adoptId", async () => {
    const instanceId = await createInstance(bed.emu, await createNetwork(bed.emu));
    const { id } = await bed.create("InstanceSnapshot", { instanceId, name: "taken" });
    await assert.rejects(bed.create("InstanceSnapshot", { instanceId, name: "taken" }), new RegExp(`an instance snapshot named taken already exists in region ${REGION_HUADONG1} \\(${id}, of instance ${instanceId}\\)`));
  });
});
