/**
 * EBS snapshots in the emulator (api-notes/snapshot.md §1): the first snapshot of a disk through an
 * order, later ones through a job whose `ID` is the snapshot, creating → available, the rules (disk
 * mode and status, names, retention), delete (job, lists of the refused) and refund, snapshots going
 * with their disk, and disks made from a snapshot (size, type, zone, `cloning`).
 */
import assert from "node:assert/strict";
import type { DiskSnapshotRecord } from "../../emulator/services/ebs-snapshot/records";
import { UNKNOWN_CODE_SITUATIONS } from "../../emulator/unknown-codes";
import { ID_PATTERNS } from "../../emulator/store/ids";
import { REGION_HUADONG1, useEmulator, type EmulatorHarness } from "../helpers/emulator";
import { AZ1, createDisk, failure, finishOrder, ok, show, type OrderReturn } from "./fixtures/ebs";
import { attachDataDisk, createInstance, createNetwork } from "./fixtures/ecs";

const R = REGION_HUADONG1;

type Listed = { snapshotID: string; snapshotName: string; snapshotStatus: string; [key: string]: unknown };
type ListAnswer = { snapshotTotal: number; snapshotList: Listed[]; snapshotManuTotal: number | null; nextToken: string | null; snapshotSize: number };

async function list(emu: EmulatorHarness, query: Record<string, string> = {}): Promise<ListAnswer> {
  return ok((await emu.get("/v4/ebs_snapshot/list-ebs-snap", { regionID: R, ...query })).envelope<ListAnswer>());
}

async function statusOf(emu: EmulatorHarness, snapshotID: string): Promise<string | undefined> {
  return (await list(emu, { snapshotID })).snapshotList[0]?.snapshotStatus;
}

function create(emu: EmulatorHarness, body: Record<string, unknown>) {
  return emu.post("/v4/ebs_snapshot/create-ebs-snap", { regionID: R, retentionPolicy: "forever", ...body });
}

/** The disk's first snapshot: through its order; returns the snapshot id (still `creating`). */
async function firstSnapshot(emu: EmulatorHarness, diskID: string, snapshotName: string): Promise<string> {
  const env = (await create(emu, { diskID, snapshotName, clientToken: `t-${snapshotName}` })).envelope<OrderReturn>();
  assert.equal(env.errorCode, "ebs.order.inProgress", JSON.stringify(env));
  const order = await finishOrder(emu, env.returnObj.masterOrderID);
  assert.equal(order.orderStatus, "3");
  return order.instanceIDList[0]!;
}

/** Polls until the snapshot is available. */
async function settle(emu: EmulatorHarness, snapshotID: string): Promise<void> {
  for (let i = 0; i < 4; i++) if ((await statusOf(emu, snapshotID)) === "available") return;
  throw new Error(`snapshot ${snapshotID} did not become available`);
}

async function availableSnapshot(emu: EmulatorHarness, name = "snap-a", disk: Record<string, unknown> = {}): Promise<{ diskID: string; snapshotID: string }> {
  const diskID = await createDisk(emu, disk);
  const snapshotID = await firstSnapshot(emu, diskID, name);
  await settle(emu, snapshotID);
  return { diskID, snapshotID };
}

describe("emulator: EBS snapshots", () => {
  const emu = useEmulator({ transport: "in-process" });

  it("takes a disk's first snapshot through an order (900 in progress), then copies it: creating, then available", async () => {
    const diskID = await createDisk(emu, { diskName: "data-1", diskSize: 30 });
    const env = (await create(emu, { diskID, snapshotName: "first", retentionPolicy: "custom", retentionTime: 7, clientToken: "tok-1" })).envelope<Record<string, unknown>>();
    assert.deepEqual({ statusCode: env.statusCode, errorCode: env.errorCode }, { statusCode: 900, errorCode: "ebs.order.inProgress" });
    const orderID = env.returnObj["masterOrderID"] as string;
    assert.deepEqual(env.returnObj["resources"], [{ orderID, resourceType: "EBS", snapshotName: "first" }]);
    assert.equal(env.returnObj["snapshotJobID"], null);
    assert.equal((await list(emu)).snapshotTotal, 0, "nothing to list while the order provisions");
    // A replay with the same clientToken answers the same order.
    const replay = (await create(emu, { diskID, snapshotName: "first", retentionPolicy: "custom", retentionTime: 7, clientToken: "tok-1" })).envelope<Record<string, unknown>>();
    assert.equal(replay.returnObj["masterOrderID"], orderID);

    const order = await finishOrder(emu, orderID);
    const snapshotID = order.instanceIDList[0]!;
    assert.match(snapshotID, ID_PATTERNS.uuid);
    const first = (await list(emu, { snapshotID })).snapshotList[0]!;
    assert.deepEqual(first, {
      snapshotID,
      snapshotName: "first",
      snapshotStatus: "creating",
      diskID,
      availabilityZone: AZ1,
      azName: AZ1,
      regionID: R,
      createTime: "2024-06-01T00:00:00Z",
      updateTime: "2024-06-01T00:00:00Z",
      deleteTime: null,
      expireTime: "2024-06-08T00:00:00Z",
      description: "",
      freezing: false,
      isEncryted: false,
      isMaz: false,
      isTalkOrder: true,
      retentionPolicy: "custom",
      retentionTime: 7,
      snapshotType: "manu",
      volumeAttr: "data",
      volumeName: "data-1",
      volumeSize: 30,
      volumeSource: null,
      volumeStatus: "available",
      volumeType: "SSD",
    });
    assert.equal(await statusOf(emu, snapshotID), "available", "the second poll sees it copied");
  });

  it("takes later snapshots through a job whose job/info ID and resourceId are the snapshot (TF reads ID)", async () => {
    const { diskID } = await availableSnapshot(emu);
    const res = ok((await create(emu, { diskID, snapshotName: "second", clientToken: "tok-2" })).envelope<Record<string, unknown>>());
    const jobID = res["snapshotJobID"] as string;
    const snapshotID = (res["resources"] as Array<{ snapshotID: string }>)[0]!.snapshotID;
    assert.deepEqual({ masterOrderID: res["masterOrderID"], regionID: res["regionID"] }, { masterOrderID: null, regionID: R });
    assert.equal(await statusOf(emu, snapshotID), "creating", "listed at once, creating");
    const info = (await emu.get("/v4/job/info", { regionID: R, jobID })).envelope<Record<string, unknown>>().returnObj;
    assert.deepEqual(info, { jobID, status: 1, jobStatus: "success", resourceId: snapshotID, fields: { taskName: "CreateSnapshot" }, ID: snapshotID });
    assert.equal(await statusOf(emu, snapshotID), "available");
    // The job path records no clientToken: the same request again is another create, refused by the name.
    const again = (await create(emu, { diskID, snapshotName: "second", clientToken: "tok-2" })).envelope();
    assert.ok((UNKNOWN_CODE_SITUATIONS["snapshot-name-taken"] as readonly string[]).includes(again.errorCode), again.errorCode);
    assert.equal(again.message, `a snapshot named second already exists in region ${R}`);
  });

  it("refuses disks it cannot snapshot, bad names and retentions, with the rule in the message", async () => {
    const diskID = await createDisk(emu);
    const iscsi = await createDisk(emu, { diskMode: "ISCSI", diskType: "SAS" });
    failure((await create(emu, { diskID: "00000000-0000-4000-8000-000000000000", snapshotName: "x1" })).envelope(), "ebs.ebsInfo.dataDamaged", "disk 00000000-0000-4000-8000-000000000000 does not exist");
    failure((await create(emu, { diskID: iscsi, snapshotName: "x1" })).envelope(), "Ebs.Snapshot.DiskNotSupported", `disk ${iscsi} is a ISCSI disk: only VBD disks support snapshots`);
    await emu.control.patchResource("disk", diskID, { diskStatus: "attaching" });
    failure((await create(emu, { diskID, snapshotName: "x1" })).envelope(), "Ebs.Snapshot.DiskNotSupported", `cannot snapshot disk ${diskID} while it is attaching (allowed: available, in-use)`);
    await emu.control.patchResource("disk", diskID, { diskStatus: "available" });
    failure((await create(emu, { diskID, snapshotName: "1bad" })).envelope(), "Openapi.Parameter.Invalid", "snapshotName must start with a letter and contain only letters, digits, '_' and '-'");
    failure((await create(emu, { diskID, snapshotName: "x" })).envelope(), "Openapi.Parameter.Invalid", "snapshotName must be 2-63 characters long (got 1)");
    failure((await create(emu, { diskID, snapshotName: "x1", retentionPolicy: "custom" })).envelope(), "Openapi.Parameter.Invalid", "retentionTime must be an integer from 1 to 65535 days when retentionPolicy is custom (got nothing)");
    failure((await create(emu, { diskID, snapshotName: "x1", retentionPolicy: "weekly" })).envelope(), "Openapi.Parameter.Invalid", "retentionPolicy must be custom or forever (got weekly)");
    // A name whose order still provisions is taken too.
    (await create(emu, { diskID, snapshotName: "pending" })).envelope();
    const taken = (await create(emu, { diskID, snapshotName: "pending" })).envelope();
    assert.ok((UNKNOWN_CODE_SITUATIONS["snapshot-name-taken"] as readonly string[]).includes(taken.errorCode));
  });

  it("refuses a snapshot of a disk being detached, and takes it once the detach finished", async () => {
    const vm = await createInstance(emu, await createNetwork(emu));
    const diskID = await attachDataDisk(emu, vm);
    const { diskJobID } = ok((await emu.post("/v4/ebs/detach-ebs", { regionID: R, diskID, instanceID: vm })).envelope<{ diskJobID: string }>());
    failure((await create(emu, { diskID, snapshotName: "while-detaching", clientToken: "t-d1" })).envelope(), "Ebs.Snapshot.DiskNotSupported", `cannot snapshot disk ${diskID} while it is detaching (allowed: available, in-use)`);
    assert.equal((await list(emu, { diskID })).snapshotTotal, 0, "nothing was made");
    for (let i = 0; i < 5 && ok((await emu.get("/v4/job/info", { jobID: diskJobID, regionID: R })).envelope<{ status: number }>()).status !== 1; i++);
    assert.equal(ok(await show(emu, diskID)).diskStatus, "available");
    const env = (await create(emu, { diskID, snapshotName: "after-detach", clientToken: "t-d2" })).envelope();
    assert.equal(env.errorCode, "ebs.order.inProgress", JSON.stringify(env));
  });

  it("stores forever snapshots with retention 65535 and no expiry", async () => {
    const { snapshotID } = await availableSnapshot(emu, "kept");
    const row = (await list(emu, { snapshotID })).snapshotList[0]!;
    assert.deepEqual({ retentionPolicy: row["retentionPolicy"], retentionTime: row["retentionTime"], expireTime: row["expireTime"] }, { retentionPolicy: "forever", retentionTime: 65535, expireTime: null });
  });

  it("lists with filters (name substring), counts manual snapshots per disk, and pages by token only when asked", async () => {
    const { diskID } = await availableSnapshot(emu, "alpha-1");
    for (const name of ["alpha-2", "beta-1"]) ok((await create(emu, { diskID, snapshotName: name })).envelope());
    const other = await createDisk(emu);
    await firstSnapshot(emu, other, "gamma-1");
    assert.deepEqual((await list(emu, { snapshotName: "alpha" })).snapshotList.map((s) => s.snapshotName), ["alpha-1", "alpha-2"]);
    const ofDisk = await list(emu, { diskID });
    assert.deepEqual({ total: ofDisk.snapshotTotal, manual: ofDisk.snapshotManuTotal, size: ofDisk.snapshotSize }, { total: 3, manual: 3, size: 3 * 20 * 1024 ** 3 });
    const all = await list(emu);
    assert.deepEqual({ total: all.snapshotTotal, rows: all.snapshotList.length, manual: all.snapshotManuTotal, next: all.nextToken }, { total: 4, rows: 4, manual: null, next: null });
    const page1 = await list(emu, { maxResults: "3" });
    assert.deepEqual(page1.snapshotList.map((s) => s.snapshotName), ["alpha-1", "alpha-2", "beta-1"]);
    const page2 = await list(emu, { maxResults: "3", nextToken: page1.nextToken! });
    assert.deepEqual({ names: page2.snapshotList.map((s) => s.snapshotName), next: page2.nextToken }, { names: ["gamma-1"], next: null });
  });

  it("deletes through a job (deleting, then gone), reporting unknown and busy snapshots instead of refusing", async () => {
    const { diskID, snapshotID } = await availableSnapshot(emu);
    const busy = ok((await create(emu, { diskID, snapshotName: "busy" })).envelope<{ resources: Array<{ snapshotID: string }> }>()).resources[0]!.snapshotID;
    const unknown = "00000000-0000-4000-8000-00000000dead";
    const res = ok((await emu.post("/v4/ebs_snapshot/delete-ebs-snap", { regionID: R, diskID, snapshotIDs: [snapshotID, busy, unknown] })).envelope<Record<string, unknown>>());
    assert.deepEqual({ notAllowedList: res["notAllowedList"], notFoundList: res["notFoundList"], masterOrderID: res["masterOrderID"] }, { notAllowedList: [busy], notFoundList: [unknown], masterOrderID: null });
    assert.equal(await statusOf(emu, snapshotID), "deleting");
    const job = (await emu.get("/v4/job/info", { regionID: R, jobID: res["snapshotJobID"] as string })).envelope<{ status: number }>().returnObj;
    assert.equal(job.status, 1);
    assert.equal(await statusOf(emu, snapshotID), undefined);
    const nothing = ok((await emu.post("/v4/ebs_snapshot/delete-ebs-snap", { regionID: R, diskID, snapshotIDs: [snapshotID] })).envelope<Record<string, unknown>>());
    assert.deepEqual({ job: nothing["snapshotJobID"], notFound: nothing["notFoundList"] }, { job: null, notFound: [snapshotID] });
  });

  it("refunds: every snapshot of the disk goes and the next snapshot is an order again", async () => {
    const { diskID } = await availableSnapshot(emu, "r1");
    const second = ok((await create(emu, { diskID, snapshotName: "r2" })).envelope<{ resources: Array<{ snapshotID: string }> }>()).resources[0]!.snapshotID;
    await settle(emu, second);
    const refund = ok((await emu.post("/v4/ebs_snapshot/delete-ebs-snap", { regionID: R, diskID, snapshotIDs: [], refundOrder: true })).envelope<Record<string, unknown>>());
    assert.deepEqual((await list(emu, { diskID })).snapshotList.map((s) => s.snapshotStatus), ["deleting", "deleting"]);
    assert.equal((await finishOrder(emu, refund["masterOrderID"] as string)).orderStatus, "3");
    assert.equal((await list(emu, { diskID })).snapshotTotal, 0);
    assert.equal((await create(emu, { diskID, snapshotName: "r3" })).envelope().errorCode, "ebs.order.inProgress");
  });

  it("lets a disk's snapshots go with the disk when it is unsubscribed", async () => {
    const { diskID, snapshotID } = await availableSnapshot(emu);
    const refund = ok((await emu.post("/v4/ebs/refund-ebs", { regionID: R, diskID, clientToken: "refund-1" })).envelope<OrderReturn>());
    await finishOrder(emu, refund.masterOrderID);
    assert.equal(await emu.control.resource("diskSnapshot", snapshotID), undefined);
  });

  describe("new-from-snapshot-ebs-snap", () => {
    const body = (snapshotID: string, extra: Record<string, unknown> = {}) => ({ regionID: R, snapshotID, diskMode: "VBD", diskName: "restored", diskSize: 40, clientToken: "from-1", ...extra });

    it("makes a disk of the snapshot's type and zone; the snapshot shows cloning until the order finishes", async () => {
      const { snapshotID } = await availableSnapshot(emu, "src", { diskType: "SAS", diskSize: 30 });
      const env = (await emu.post("/v4/ebs/new-from-snapshot-ebs-snap", body(snapshotID))).envelope<OrderReturn>();
      assert.equal(env.errorCode, "ebs.order.inProgress");
      assert.equal((await emu.control.resource<DiskSnapshotRecord>("diskSnapshot", snapshotID))!.data.snapshotStatus, "cloning");
      const diskID = (await finishOrder(emu, env.returnObj.masterOrderID)).instanceIDList[0]!;
      const disk = ok(await show(emu, diskID));
      assert.deepEqual(
        { type: disk["diskType"], size: disk["diskSize"], az: disk["azName"], source: disk["volumeSource"], sourceType: disk["volumeSourceType"], sourceID: disk["volumeSourceID"] },
        { type: "SAS", size: 40, az: AZ1, source: snapshotID, sourceType: "snapshot", sourceID: snapshotID },
      );
      assert.equal(await statusOf(emu, snapshotID), "available");
    });

    it("refuses a disk smaller than the snapshot, another mode, and a snapshot still creating", async () => {
      const { diskID, snapshotID } = await availableSnapshot(emu, "src", { diskSize: 50 });
      failure(
        (await emu.post("/v4/ebs/new-from-snapshot-ebs-snap", body(snapshotID, { diskSize: 49 }))).envelope(),
        "Openapi.Parameter.Invalid",
        `diskSize 49 GB is smaller than snapshot ${snapshotID} (50 GB): a disk made from a snapshot is at least the snapshot's size`,
      );
      failure((await emu.post("/v4/ebs/new-from-snapshot-ebs-snap", body(snapshotID, { diskSize: 50, diskMode: "ISCSI" }))).envelope(), "Openapi.Parameter.Invalid", "diskMode must be VBD for a disk made from a snapshot (got ISCSI)");
      const creating = ok((await create(emu, { diskID, snapshotName: "young" })).envelope<{ resources: Array<{ snapshotID: string }> }>()).resources[0]!.snapshotID;
      failure(
        (await emu.post("/v4/ebs/new-from-snapshot-ebs-snap", body(creating, { diskSize: 50 }))).envelope(),
        "Ebs.Snapshot.InvalidStatus",
        `cannot create a disk from snapshot ${creating} while it is creating (allowed: available, cloning)`,
      );
    });

    it("lets go of the snapshot when the disk's order fails", async () => {
      const { snapshotID } = await availableSnapshot(emu);
      await emu.control.setTiming("ebsOrder", { mode: "fail", times: 1 });
      const env = (await emu.post("/v4/ebs/new-from-snapshot-ebs-snap", body(snapshotID))).envelope<OrderReturn>();
      assert.equal((await finishOrder(emu, env.returnObj.masterOrderID)).orderStatus, "5");
      assert.equal(await statusOf(emu, snapshotID), "available");
    });
  });
});
