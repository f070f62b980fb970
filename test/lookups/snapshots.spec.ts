/**
 * Snapshot and private image lookups against the emulator, as a program calls them:
 * getDiskSnapshots/getDiskSnapshot (list-ebs-snap, nextToken paging, filters, single results naming
 * the candidates, the Output forms) and getImages/getImage finding the account's private images.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as ctyun from "../../provider";
import { configureRuntime } from "../../provider/runtime";
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from "../../emulator/index";
import { DISK_SNAPSHOT_KIND, type DiskSnapshotRecord } from "../../emulator/services/ebs-snapshot/records";
import { REGION_HUADONG1, useEmulator } from "../helpers/emulator";
import { AZ1, createDisk, finishOrder, ok, type OrderReturn } from "../emulator/fixtures/ebs";
import { createInstance, createNetwork, power } from "../emulator/fixtures/ecs";

const R = REGION_HUADONG1;

describe("lookups: disk snapshots and private images", () => {
  const emu = useEmulator();
  const saved = process.env["PULUMI_CONFIG"];

  beforeEach(() => {
    configureRuntime({ deps: { now: () => emu.clock.now() } });
    pulumi.runtime.setAllConfig({ "ctyun:endpoint": emu.url, "ctyun:accessKey": DEMO_ACCESS_KEY, "ctyun:secretKey": DEMO_SECRET_KEY, "ctyun:regionId": R });
  });
  after(() => {
    if (saved === undefined) delete process.env["PULUMI_CONFIG"];
    else process.env["PULUMI_CONFIG"] = saved;
    configureRuntime(undefined);
  });

  /** A snapshot of the disk (its first through the order, later ones through a job), polled by name until available. */
  async function snapshot(diskID: string, snapshotName: string, retention: Record<string, unknown> = { retentionPolicy: "forever" }): Promise<string> {
    const env = (await emu.post("/v4/ebs_snapshot/create-ebs-snap", { regionID: R, diskID, snapshotName, clientToken: `t-${snapshotName}`, ...retention })).envelope<OrderReturn>();
    if (env.errorCode === "ebs.order.inProgress") assert.equal((await finishOrder(emu, env.returnObj.masterOrderID)).orderStatus, "3");
    else ok(env);
    for (let i = 0; i < 5; i++) {
      const listed = ok((await emu.get("/v4/ebs_snapshot/list-ebs-snap", { regionID: R, diskID, snapshotName })).envelope<{ snapshotList: Array<{ snapshotID: string; snapshotStatus: string }> }>());
      const found = listed.snapshotList.find((s) => s.snapshotStatus === "available");
      if (found) return found.snapshotID;
    }
    throw new Error(`snapshot ${snapshotName} did not become available`);
  }

  it("finds a disk's snapshots by disk, status and name, and one snapshot with what a disk made from it gets", async () => {
    const data = await createDisk(emu, { diskName: "data-a", diskSize: 30, diskType: "SAS" });
    const other = await createDisk(emu, { diskName: "data-b" });
    const before = await snapshot(data, "before-upgrade", { retentionPolicy: "custom", retentionTime: 7 });
    const nightly = await snapshot(data, "nightly-1");
    const elsewhere = await snapshot(other, "other-disk");

    const ofData = await ctyun.getDiskSnapshots({ diskId: data });
    assert.deepEqual({ names: ofData.snapshots.map((s) => s.name), ids: ofData.ids, region: ofData.regionId }, { names: ["before-upgrade", "nightly-1"], ids: [before, nightly], region: R });
    assert.deepEqual((await ctyun.getDiskSnapshots({ status: "available" })).ids, [before, nightly, elsewhere]);
    assert.deepEqual((await ctyun.getDiskSnapshots({ snapshotType: "timer" })).ids, [], "none taken by a policy");
    assert.deepEqual((await ctyun.getDiskSnapshots({ nameRegex: "^nightly-" })).ids, [nightly]);

    const one = await ctyun.getDiskSnapshot({ nameRegex: "^before-upgrade$" });
    assert.deepEqual(
      { ...one, createTime: typeof one.createTime, expireTime: typeof one.expireTime },
      {
        snapshotId: before,
        name: "before-upgrade",
        status: "available",
        diskId: data,
        snapshotType: "manu",
        volumeAttr: "data",
        diskType: "SAS",
        sizeGb: 30,
        azName: AZ1,
        retentionPolicy: "custom",
        retentionDays: 7,
        createTime: "string",
        expireTime: "string",
      },
    );
    await assert.rejects(ctyun.getDiskSnapshot({ diskId: data }), {
      message: `2 disk snapshots match diskId "${data}"; narrow the filters to one of:\n  - before-upgrade (${before}, disk ${data}, available)\n  - nightly-1 (${nightly}, disk ${data}, available)`,
    });
    await assert.rejects(ctyun.getDiskSnapshot({ nameRegex: "^none$" }), { message: "no disk snapshot matches name ~ /^none$/" });
  });

  it("follows nextToken over every page (1001 snapshots: two pages of 1000)", async () => {
    const diskID = await createDisk(emu, { diskName: "many" });
    const first = await snapshot(diskID, "snap-0000");
    const template = emu.app.context.store.collection<DiskSnapshotRecord>(DISK_SNAPSHOT_KIND).get(R, first)!;
    // Inserted directly: a thousand creates through the API would only test the create route again.
    for (let i = 1; i <= 1000; i++) {
      const snapshotID = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
      emu.app.context.store.collection<DiskSnapshotRecord>(DISK_SNAPSHOT_KIND).insert(R, snapshotID, { ...template, snapshotID, snapshotName: `snap-${String(i).padStart(4, "0")}` });
    }
    await emu.control.clearRequests();
    const { snapshots } = await ctyun.getDiskSnapshots({ diskId: diskID });
    assert.equal(snapshots.length, 1001);
    assert.equal(new Set(snapshots.map((s) => s.snapshotId)).size, 1001, "no snapshot twice across pages");
    assert.deepEqual([snapshots[0]!.name, snapshots[1000]!.name], ["snap-0000", "snap-1000"]);
    assert.equal((await emu.control.counts())["ListEbsSnap"], 2);
  });

  it("takes pulumi.Inputs in the Output forms", async () => {
    const diskID = await createDisk(emu, { diskName: "out" });
    const id = await snapshot(diskID, "out-snap");
    const found = await new Promise<string>((resolve) => ctyun.getDiskSnapshotOutput({ diskId: pulumi.output(diskID) }).apply((s) => resolve(s.snapshotId)));
    assert.equal(found, id);
    const all = await new Promise<readonly string[]>((resolve) => ctyun.getDiskSnapshotsOutput({ nameRegex: pulumi.output("^out-") }).apply((r) => resolve(r.ids)));
    assert.deepEqual(all, [id]);
  });

  it("getImages/getImage find the account's private images (visibility private), with their status", async () => {
    const vm = await createInstance(emu, await createNetwork(emu));
    assert.equal(await power(emu, "stop", vm), "stopped");
    const { images } = ok((await emu.post("/v4/image/create", { regionID: R, instanceID: vm, imageName: "golden-web" })).envelope<{ images: Array<{ imageID: string }> }>());
    const imageID = images[0]!.imageID;
    const queued = await ctyun.getImage({ visibility: "private", nameRegex: "^golden-" });
    assert.deepEqual({ id: queued.imageId, visibility: queued.visibility, status: queued.status }, { id: imageID, visibility: "private", status: "queued" });
    const active = await ctyun.getImage({ visibility: "private", nameRegex: "^golden-" });
    assert.deepEqual({ status: active.status, osType: active.osType, size: active.diskSizeGb }, { status: "active", osType: "linux", size: 40 });
    assert.ok(!(await ctyun.getImages()).ids.includes(imageID), "not among the public images");
  });
});
