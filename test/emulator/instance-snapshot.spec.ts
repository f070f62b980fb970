/**
 * Instance (ECS) snapshots in the emulator (api-notes/snapshot.md §3): a job during which the
 * snapshot is pending and the VM snapshotting, members per disk, details/list/status, rename, and
 * delete rules (pending, held by an image being made).
 */
import assert from "node:assert/strict";
import { UNKNOWN_CODE_SITUATIONS } from "../../emulator/unknown-codes";
import { REGION_HUADONG1, useEmulator, type EmulatorHarness } from "../helpers/emulator";
import { attachDataDisk, createInstance, createNetwork, details, failure, ok, S7_LARGE, settle, UBUNTU } from "./fixtures/ecs";

const R = REGION_HUADONG1;

type Snapshot = Record<string, any> & { snapshotID: string; snapshotStatus: string };

async function detail(emu: EmulatorHarness, snapshotID: string): Promise<Snapshot | undefined> {
  return ok((await emu.get("/v4/ecs/snapshot/details", { regionID: R, snapshotID })).envelope<{ results: Snapshot[] }>()).results[0];
}

async function take(emu: EmulatorHarness, instanceID: string, snapshotName: string): Promise<{ snapshotID: string; jobID: string }> {
  return ok((await emu.post("/v4/ecs/snapshot/create", { regionID: R, instanceID, snapshotName })).envelope<{ snapshotID: string; jobID: string }>());
}

describe("emulator: instance snapshots", () => {
  const emu = useEmulator({ transport: "in-process" });

  it("snapshots every disk of a VM through a job: pending (VM snapshotting), then available (VM back to running)", async () => {
    const vm = await createInstance(emu, await createNetwork(emu));
    const dataDisk = await attachDataDisk(emu, vm);
    const created = ok((await emu.post("/v4/ecs/snapshot/create", { regionID: R, instanceID: vm, snapshotName: "before-upgrade" })).envelope<Record<string, string>>());
    assert.deepEqual(Object.keys(created).sort(), ["instanceID", "instanceName", "jobID", "projectID", "snapshotID", "snapshotName", "snapshotStatus"]);
    assert.equal(created["snapshotStatus"], "pending");
    const pending = (await detail(emu, created["snapshotID"]!))!;
    assert.equal(pending.snapshotStatus, "pending", "the first poll sees it pending");
    assert.equal(pending["instanceStatus"], "snapshotting");
    assert.equal(ok(await details(emu, vm)).instanceStatus, "running", "a poll of the VM is a poll of its snapshot job too: the second poll finishes it");
    const done = (await detail(emu, created["snapshotID"]!))!;
    assert.deepEqual(
      { status: done.snapshotStatus, image: done["imageID"], cpu: done["cpu"], memory: done["memory"], flavor: done["flavorID"], members: done["members"].map((m: Record<string, unknown>) => [m["isBootable"], m["diskSnapshotStatus"]]) },
      { status: "available", image: UBUNTU, cpu: 2, memory: 4096, flavor: S7_LARGE, members: [[true, "available"], [false, "available"]] },
    );
    assert.equal(done["members"][1].diskID, dataDisk);
    assert.equal(ok(await details(emu, vm)).instanceStatus, "running");
  });

  it("refuses a VM that is not running or stopped, a taken name, and deleting a pending snapshot", async () => {
    const vm = await createInstance(emu, await createNetwork(emu));
    ok((await emu.post("/v4/ecs/stop-instance", { regionID: R, instanceID: vm, force: false })).envelope());
    failure((await emu.post("/v4/ecs/snapshot/create", { regionID: R, instanceID: vm, snapshotName: "s1" })).envelope(), "Ecs.Instance.StatusInvalid", `instance ${vm} is stopping; this operation needs it running or stopped`);
    assert.equal((await settle(emu, vm, "stopping")).instanceStatus, "stopped", "a stopped VM may be snapshotted");
    const { snapshotID } = await take(emu, vm, "s1");
    failure((await emu.post("/v4/ecs/snapshot-delete", { regionID: R, snapshotID })).envelope(), "Ecs.Snapshot.InvalidStatus", `instance snapshot ${snapshotID} is still being taken`);
    failure((await emu.post("/v4/ecs/snapshot/create", { regionID: R, instanceID: vm, snapshotName: "s2" })).envelope(), "Ecs.Instance.StatusInvalid", `instance ${vm} is snapshotting; this operation needs it running or stopped`);
    await detail(emu, snapshotID);
    await detail(emu, snapshotID);
    const taken = (await emu.post("/v4/ecs/snapshot/create", { regionID: R, instanceID: vm, snapshotName: "s1" })).envelope();
    assert.ok((UNKNOWN_CODE_SITUATIONS["instance-snapshot-name-taken"] as readonly string[]).includes(taken.errorCode));
    failure((await emu.post("/v4/ecs/snapshot/create", { regionID: R, instanceID: vm, snapshotName: " padded " })).envelope(), "Openapi.Parameter.Invalid", "snapshotName must not start or end with blanks");
  });

  it("lists, reports the status, renames, and deletes (then details answer an empty list)", async () => {
    const vm = await createInstance(emu, await createNetwork(emu));
    const { snapshotID } = await take(emu, vm, "nightly");
    const listed = ok((await emu.post("/v4/ecs/snapshot/list", { regionID: R, instanceID: vm, pageNo: 1, pageSize: 10 })).envelope<{ totalCount: number; results: Snapshot[] }>());
    assert.deepEqual({ total: listed.totalCount, name: listed.results[0]!["snapshotName"] }, { total: 1, name: "nightly" });
    assert.deepEqual(ok((await emu.get("/v4/ecs/snapshot/status", { regionID: R, snapshotID })).envelope()), { snapshotStatus: "available" });
    ok((await emu.post("/v4/ecs/snapshot/update", { regionID: R, snapshotID, snapshotName: "weekly", snapshotDescription: "kept a week" })).envelope());
    const renamed = (await detail(emu, snapshotID))!;
    assert.deepEqual([renamed["snapshotName"], renamed["snapshotDescription"]], ["weekly", "kept a week"]);
    assert.deepEqual(ok((await emu.post("/v4/ecs/snapshot-delete", { regionID: R, snapshotID })).envelope()), { snapshotID });
    assert.equal(await detail(emu, snapshotID), undefined);
    failure((await emu.post("/v4/ecs/snapshot-delete", { regionID: R, snapshotID })).envelope(), "Ecs.Snapshot.NotFound", `instance snapshot ${snapshotID} does not exist in region ${R}`);
  });

  it("is held by an image being made from it", async () => {
    const vm = await createInstance(emu, await createNetwork(emu));
    const { snapshotID } = await take(emu, vm, "golden");
    await detail(emu, snapshotID);
    await detail(emu, snapshotID);
    const { images } = ok((await emu.post("/v4/image/create-from-ecs-snapshot", { regionID: R, snapshotID, imageName: "golden-image" })).envelope<{ images: Array<{ imageID: string }> }>());
    const held = (await emu.post("/v4/ecs/snapshot-delete", { regionID: R, snapshotID })).envelope();
    assert.ok((UNKNOWN_CODE_SITUATIONS["instance-snapshot-in-use"] as readonly string[]).includes(held.errorCode));
    assert.equal(held.message, `instance snapshot ${snapshotID} is held by images being made from it: ${images[0]!.imageID}`);
  });
});
