/**
 * EBS disks in the emulator (spec D.8, D.0.2, C.3–C.5): both new-ebs answers, exact envelopes and
 * field types, name uniqueness, grow-only resize through orders, unsubscribe, reads and lists.
 * Attach/detach are in ebs-attach.spec.ts.
 */
import assert from "node:assert/strict";
import type { DiskRecord } from "../../emulator/services/ebs/records";
import { ID_PATTERNS } from "../../emulator/store/ids";
import { DEFAULT_START_TIME, REGION_HUABEI2, REGION_HUADONG1, useEmulator } from "../helpers/emulator";
import { AZ1, createBody, createDisk, failure, finishOrder, insertInstance, insertSystemDisk, ok, pollOrder, show, type Disk, type OrderReturn } from "./fixtures/ebs";

const R = REGION_HUADONG1;
/** The invented single-AZ region (COVERAGE.md → Regions and catalog). */
const REGION_SINGLE_AZ = "3c5ee1fa8f3d11ee9b6a0242ac110005";

function pickStatus(disk: Disk): { diskStatus: string; diskSize: number } {
  return { diskStatus: disk.diskStatus, diskSize: disk.diskSize };
}

describe("emulator: EBS disks", () => {
  const emu = useEmulator({ transport: "in-process" });

  describe("new-ebs", () => {
    it("answers 900 ebs.order.inProgress with the order by default; the disk appears, available, when the order finishes", async () => {
      const res = await emu.post("/v4/ebs/new-ebs", createBody({ diskName: "data-1" }));
      assert.equal(res.status, 200);
      const envelope = res.envelope<OrderReturn>();
      assert.deepEqual(
        { statusCode: envelope.statusCode, errorCode: envelope.errorCode, error: envelope.error, keys: Object.keys(envelope.returnObj).sort() },
        { statusCode: 900, errorCode: "ebs.order.inProgress", error: "Ebs.Order.InProgress", keys: ["masterOrderID", "masterOrderNO", "regionID"] },
      );
      assert.equal(typeof envelope.message, "string");
      assert.equal(typeof envelope.description, "string");
      assert.match(envelope.returnObj.masterOrderID, ID_PATTERNS.hex32);
      assert.match(envelope.returnObj.masterOrderNO, ID_PATTERNS.orderNumber);
      assert.equal(envelope.returnObj.regionID, R);

      assert.deepEqual(await pollOrder(emu, envelope.returnObj.masterOrderID), { orderStatus: "14", instanceIDList: [] });
      assert.deepEqual((await emu.control.state()).resources["disk"] ?? [], [], "no disk while the order provisions");
      const done = await pollOrder(emu, envelope.returnObj.masterOrderID);
      assert.equal(done.orderStatus, "3");
      const diskID = done.instanceIDList[0]!;
      assert.match(diskID, ID_PATTERNS.uuid);

      // A finished order is a usable disk (the Terraform provider attaches at once): no `creating` phase.
      const disk = ok(await show(emu, diskID));
      assert.deepEqual(disk, {
        diskName: "data-1",
        diskID,
        diskSize: 20,
        diskType: "SSD",
        diskMode: "VBD",
        diskStatus: "available",
        createTime: DEFAULT_START_TIME,
        updateTime: DEFAULT_START_TIME,
        // Every field py v4_ebs_info_ebs declares; conditional ones are null (not attached, on-demand, not encrypted).
        expireTime: null,
        isSystemVolume: false,
        isPackaged: false,
        instanceID: null,
        instanceName: null,
        instanceStatus: null,
        attachments: null,
        multiAttach: false,
        projectID: "0",
        isEncrypt: false,
        kmsUUID: null,
        onDemand: true,
        cycleType: null,
        cycleCount: null,
        regionID: R,
        azName: AZ1,
        diskFreeze: false,
        provisionedIops: null,
        volumeSource: null,
        volumeSourceType: null,
        volumeSourceID: null,
        snapshotPolicyID: null,
        deleteSnapWithEbs: "true",
        deleteDiskWithInstance: false,
        volumeTaskStatus: null,
        originVmID: null,
        decPoolID: null,
        decPoolName: null,
        iops: null,
        throughput: null,
        labels: [],
      });
    });

    it("answers 800 with resources[0].diskID (integers and a boolean as TF decodes them) when the order finishes in the request", async () => {
      await emu.control.setTiming("ebsOrder", { mode: "immediate" });
      const env = (await emu.post("/v4/ebs/new-ebs", createBody({ diskName: "data-sync", diskSize: 40 }))).envelope<Record<string, unknown> & { resources: Array<Record<string, unknown>> }>();
      const result = ok(env);
      const diskID = result.resources[0]!["diskID"] as string;
      assert.match(diskID, ID_PATTERNS.uuid);
      assert.deepEqual(result, {
        masterOrderID: result["masterOrderID"],
        masterOrderNO: result["masterOrderNO"],
        masterResourceID: diskID,
        masterResourceStatus: "started",
        regionID: R,
        resources: [
          {
            diskID,
            orderID: result["masterOrderID"],
            startTime: DEFAULT_START_TIME,
            createTime: DEFAULT_START_TIME,
            updateTime: DEFAULT_START_TIME,
            status: 1,
            isMaster: true,
            itemValue: 40,
            resourceType: "EBS",
            diskName: "data-sync",
            masterOrderID: result["masterOrderID"],
            masterResourceID: diskID,
          },
        ],
      });
      assert.equal((await pollOrder(emu, result["masterOrderID"] as string)).orderStatus, "3");
      assert.equal(ok(await show(emu, diskID)).diskStatus, "available");
    });

    it("replays the same answer and order for a repeated clientToken and rejects the token with other parameters", async () => {
      const body = createBody({ diskName: "data-token", clientToken: "tok-1" });
      const first = (await emu.post("/v4/ebs/new-ebs", body)).envelope<OrderReturn>();
      const again = (await emu.post("/v4/ebs/new-ebs", body)).envelope<OrderReturn>();
      assert.equal(first.errorCode, "ebs.order.inProgress");
      assert.deepEqual(again.returnObj, first.returnObj);
      assert.equal(again.errorCode, "ebs.order.inProgress");
      const diskID = (await finishOrder(emu, first.returnObj.masterOrderID)).instanceIDList[0]!;
      // Still the same answer once the order finished: nothing new is ordered.
      assert.deepEqual((await emu.post("/v4/ebs/new-ebs", body)).envelope<OrderReturn>().returnObj, first.returnObj);
      const state = await emu.control.state();
      assert.equal(state.orders.length, 1);
      assert.deepEqual(state.resources["disk"]!.map((r) => r.id), [diskID]);
      failure((await emu.post("/v4/ebs/new-ebs", { ...body, diskSize: 30 })).envelope(), "Openapi.ClientToken.Conflict", "clientToken tok-1 was already used for CreateEbs with different parameters");
    });

    it("keeps names unique per region, counting disks whose order is still provisioning", async () => {
      const pending = (await emu.post("/v4/ebs/new-ebs", createBody({ diskName: "shared-name" }))).envelope<OrderReturn>();
      const clash = "a disk named shared-name already exists in region bb9fdb42056f11eda1610242ac110002; disk names are unique per account and region";
      failure((await emu.post("/v4/ebs/new-ebs", createBody({ diskName: "shared-name" }))).envelope(), "Openapi.Name.Duplicated", clash);
      await finishOrder(emu, pending.returnObj.masterOrderID);
      failure((await emu.post("/v4/ebs/new-ebs", createBody({ diskName: "shared-name" }))).envelope(), "Openapi.Name.Duplicated", clash);
      // Another region is another namespace.
      const other = (await emu.post("/v4/ebs/new-ebs", createBody({ regionID: REGION_HUABEI2, azName: "cn-huabei2-tj1A-public-ctcloud", diskName: "shared-name" }))).envelope();
      assert.equal(other.errorCode, "ebs.order.inProgress");
    });

    it("frees the name of a failed create order, and reports the failed order as '5'", async () => {
      await emu.control.setTiming("ebsOrder", { mode: "fail", times: 1, reason: "no capacity in the zone" });
      const failed = (await emu.post("/v4/ebs/new-ebs", createBody({ diskName: "unlucky" }))).envelope<OrderReturn>();
      assert.equal(failed.errorCode, "ebs.order.inProgress");
      assert.deepEqual(await pollOrder(emu, failed.returnObj.masterOrderID), { orderStatus: "5", instanceIDList: [] });
      assert.equal(failed.returnObj.masterOrderID.length, 32);
      await createDisk(emu, { diskName: "unlucky" });
    });

    it("bills subscriptions: lower-case cycleType, expireTime after the period; on-demand disks show no period", async () => {
      const monthly = await createDisk(emu, { diskName: "monthly", onDemand: false, cycleType: "month", cycleCount: 3 });
      const disk = ok(await show(emu, monthly));
      assert.deepEqual(
        { onDemand: disk.onDemand, cycleType: disk["cycleType"], cycleCount: disk["cycleCount"], expireTime: disk["expireTime"] },
        { onDemand: false, cycleType: "month", cycleCount: 3, expireTime: Date.UTC(2024, 8, 1) },
      );
      const yearly = ok(await show(emu, await createDisk(emu, { diskName: "yearly", onDemand: false, cycleType: "year", cycleCount: 5 })));
      assert.equal(yearly["expireTime"], Date.UTC(2029, 5, 1));
      const onDemand = ok(await show(emu, await createDisk(emu, { diskName: "hourly" })));
      assert.deepEqual(["expireTime", "cycleType", "cycleCount"].filter((key) => onDemand[key] != null), []);
    });

    it("stores labels and encryption (a minted default key when kmsUUID is empty)", async () => {
      const diskID = await createDisk(emu, { diskName: "secret", isEncrypt: true, kmsUUID: "", labels: [{ key: "team", value: "storage" }] });
      const disk = ok(await show(emu, diskID));
      assert.equal(disk.isEncrypt, true);
      assert.match(disk["kmsUUID"] as string, ID_PATTERNS.uuid);
      const labels = disk["labels"] as Array<Record<string, string>>;
      assert.deepEqual(labels.map(({ key, value }) => ({ key, value })), [{ key: "team", value: "storage" }]);
      assert.match(labels[0]!["labelId"]!, ID_PATTERNS.uuid);
    });

    it("defaults the zone of a single-AZ region and does not show azName there", async () => {
      const diskID = await createDisk(emu, { regionID: REGION_SINGLE_AZ, azName: "", diskName: "single" });
      const disk = ok(await show(emu, diskID, REGION_SINGLE_AZ));
      assert.equal(disk.azName, null);
      assert.equal((await emu.control.resource<DiskRecord>("disk", diskID))!.data.azName, "default");
    });

    const invalid: Array<[string, Record<string, unknown>, string, string]> = [
      ["a one-letter name", { diskName: "a" }, "Openapi.Parameter.Invalid", "diskName must be 2-63 characters long (got 1)"],
      ["a 64-character name", { diskName: "d".repeat(64) }, "Openapi.Parameter.Invalid", "diskName must be 2-63 characters long (got 64)"],
      ["a name starting with a digit", { diskName: "1disk" }, "Openapi.Parameter.Invalid", "diskName must start with a letter and contain only letters, digits, '_' and '-'"],
      ["a name with a dot", { diskName: "disk.1" }, "Openapi.Parameter.Invalid", "diskName must start with a letter and contain only letters, digits, '_' and '-'"],
      ["a lower-case mode", { diskMode: "vbd" }, "Openapi.Parameter.Invalid", "diskMode must be one of VBD, ISCSI, FCSAN (got vbd)"],
      ["a lower-case type", { diskType: "ssd" }, "Openapi.Parameter.Invalid", "diskType must be one of SATA, SAS, SSD, SSD-genric, FAST-SSD (got ssd)"],
      ["an XSSD type", { diskType: "XSSD-0" }, "Openapi.Parameter.Invalid", "diskType must be one of SATA, SAS, SSD, SSD-genric, FAST-SSD (got XSSD-0)"],
      ["FCSAN with SSD", { diskMode: "FCSAN", diskType: "SSD" }, "Openapi.Parameter.Invalid", "diskMode FCSAN is only available with diskType SAS (got SSD)"],
      ["FAST-SSD with ISCSI", { diskMode: "ISCSI", diskType: "FAST-SSD" }, "Openapi.Parameter.Invalid", "diskType FAST-SSD does not support diskMode ISCSI"],
      ["9 GB", { diskSize: 9 }, "Openapi.Parameter.Invalid", "diskSize must be an integer from 10 to 32768 GB (got 9)"],
      ["32769 GB", { diskSize: 32769 }, "Openapi.Parameter.Invalid", "diskSize must be an integer from 10 to 32768 GB (got 32769)"],
      ["a fractional size", { diskSize: 10.5 }, "Openapi.Parameter.Invalid", "diskSize must be an integer from 10 to 32768 GB (got 10.5)"],
      ["a size sent as a string", { diskSize: "20" }, "Openapi.Parameter.Invalid", "diskSize: diskSize must be a number"],
      ["an upper-case cycleType", { onDemand: false, cycleType: "MONTH", cycleCount: 1 }, "Openapi.Parameter.Invalid", "cycleType must be month or year (lower-case) when onDemand is false (got MONTH)"],
      ["61 months", { onDemand: false, cycleType: "month", cycleCount: 61 }, "Openapi.Parameter.Invalid", "cycleCount must be an integer from 1 to 60 for cycleType month (got 61)"],
      ["6 years", { onDemand: false, cycleType: "year", cycleCount: 6 }, "Openapi.Parameter.Invalid", "cycleCount must be an integer from 1 to 5 for cycleType year (got 6)"],
      ["a subscription without a count", { onDemand: false, cycleType: "year", cycleCount: 0 }, "Openapi.Parameter.Invalid", "cycleCount must be an integer from 1 to 5 for cycleType year (got 0)"],
      ["on-demand with a month", { onDemand: true, cycleType: "month", cycleCount: 0 }, "Openapi.Parameter.Invalid", "cycleType must be on_demand or omitted when onDemand is true (got month)"],
      ["on-demand with a count", { onDemand: true, cycleType: "on_demand", cycleCount: 2 }, "Openapi.Parameter.Invalid", "cycleCount must be 0 or omitted for an on-demand create (got 2)"],
      ["no azName in a multi-AZ region", { azName: "" }, "Openapi.Parameter.Invalid", `azName is required in region ${R}, which has several availability zones`],
      ["a zone of another region", { azName: "cn-huabei2-tj1A-public-ctcloud" }, "Openapi.Parameter.Invalid", `azName cn-huabei2-tj1A-public-ctcloud is not an availability zone of region ${R}`],
      ["an encrypted shared disk", { isEncrypt: true, multiAttach: true }, "Openapi.Parameter.Invalid", "shared (multiAttach) disks cannot be encrypted"],
      ["an encrypted ISCSI disk", { isEncrypt: true, diskMode: "ISCSI" }, "Openapi.Parameter.Invalid", "ISCSI disks cannot be encrypted"],
      ["a key without encryption", { kmsUUID: "0f0f0f0f-0000-4000-8000-000000000000" }, "Openapi.Parameter.Invalid", "kmsUUID is only allowed with isEncrypt true"],
      ["a malformed projectID", { projectID: "Project-1" }, "Openapi.Parameter.Invalid", 'projectID must be "0" or 32 lower-case letters and digits (got Project-1)'],
      ["a disk from a backup", { backupID: "b-1" }, "Openapi.Parameter.Invalid", "backupID (a disk from a backup) is not supported by the emulator"],
      ["no regionID", { regionID: undefined }, "Openapi.Parameter.Invalid", "regionID is required"],
      ["an unknown region", { regionID: "0123456789abcdef0123456789abcdef" }, "Unknown.Region.RegionIDError", "Not found region by ID 0123456789abcdef0123456789abcdef, check the ID and contact the admin"],
    ];
    for (const [what, change, code, message] of invalid) {
      it(`refuses ${what} (${code}) and creates nothing`, async () => {
        failure((await emu.post("/v4/ebs/new-ebs", createBody(change))).envelope(), code, message);
        assert.deepEqual((await emu.control.state()).orders, []);
      });
    }
  });

  describe("info-ebs and info-by-name-ebs", () => {
    it("answers an unknown disk with ebs.ebsInfo.dataDamaged (HTTP 200, string texts, null returnObj)", async () => {
      const res = await emu.get("/v4/ebs/info-ebs", { regionID: R, diskID: "0f0f0f0f-0000-4000-8000-000000000000" });
      assert.equal(res.status, 200);
      assert.deepEqual(res.envelope(), {
        statusCode: 900,
        errorCode: "ebs.ebsInfo.dataDamaged",
        error: "Ebs.EbsInfo.DataDamaged",
        message: "disk 0f0f0f0f-0000-4000-8000-000000000000 does not exist",
        description: "云硬盘不存在",
        returnObj: null,
      });
    });

    it("finds a disk only in its own region, and anywhere when regionID is omitted", async () => {
      const diskID = await createDisk(emu);
      assert.equal((await show(emu, diskID, REGION_HUABEI2)).errorCode, "ebs.ebsInfo.dataDamaged");
      const regionless = ok((await emu.get("/v4/ebs/info-ebs", { diskID })).envelope<Disk>());
      assert.equal(regionless.regionID, R);
      failure((await emu.get("/v4/ebs/info-ebs", { regionID: R })).envelope(), "Openapi.Parameter.Invalid", "diskID: diskID is required");
    });

    it("looks a disk up by name in a region", async () => {
      const diskID = await createDisk(emu, { diskName: "by-name" });
      const found = ok((await emu.get("/v4/ebs/info-by-name-ebs", { regionID: R, diskName: "by-name" })).envelope<Disk>());
      assert.deepEqual(found, ok(await show(emu, diskID)));
      failure(
        (await emu.get("/v4/ebs/info-by-name-ebs", { regionID: R, diskName: "nope" })).envelope(),
        "ebs.ebsInfo.dataDamaged",
        `no disk named nope in region ${R}`,
      );
    });

    it("shows system disks inserted by the ECS service, packaged with their VM", async () => {
      insertInstance(emu, "vm-sys-1");
      const diskID = insertSystemDisk(emu, "vm-sys-1");
      const disk = ok(await show(emu, diskID));
      assert.deepEqual(
        { isSystemVolume: disk.isSystemVolume, isPackaged: disk["isPackaged"], instanceID: disk["instanceID"], instanceName: disk["instanceName"], instanceStatus: disk["instanceStatus"] },
        { isSystemVolume: true, isPackaged: true, instanceID: "vm-sys-1", instanceName: "vm vm-sys-1", instanceStatus: "running" },
      );
      assert.deepEqual(disk["attachments"], [{ instanceID: "vm-sys-1", attachmentID: "att-vm-sys-1", device: "/dev/vda" }]);
    });
  });

  describe("update-attr-ebs", () => {
    it("renames in place and keeps names unique", async () => {
      const diskID = await createDisk(emu, { diskName: "old-name" });
      await createDisk(emu, { diskName: "taken" });
      emu.clock.advance(60_000);
      const res = (await emu.post("/v4/ebs/update-attr-ebs", { regionID: R, diskID, diskName: "new-name" })).envelope();
      assert.equal(ok(res), null);
      const disk = ok(await show(emu, diskID));
      assert.deepEqual({ diskName: disk.diskName, updateTime: disk.updateTime }, { diskName: "new-name", updateTime: DEFAULT_START_TIME + 60_000 });
      // Renaming to its own name is a no-op, not a clash.
      assert.equal(ok((await emu.post("/v4/ebs/update-attr-ebs", { regionID: R, diskID, diskName: "new-name" })).envelope()), null);
      failure(
        (await emu.post("/v4/ebs/update-attr-ebs", { regionID: R, diskID, diskName: "taken" })).envelope(),
        "Openapi.Name.Duplicated",
        `a disk named taken already exists in region ${R}; disk names are unique per account and region`,
      );
      failure((await emu.post("/v4/ebs/update-attr-ebs", { regionID: R, diskID, diskName: "-bad" })).envelope(), "Openapi.Parameter.Invalid", "diskName must start with a letter and contain only letters, digits, '_' and '-'");
      failure(
        (await emu.post("/v4/ebs/update-attr-ebs", { regionID: R, diskID: "0f0f0f0f-0000-4000-8000-000000000000", diskName: "x-1" })).envelope(),
        "ebs.ebsInfo.dataDamaged",
        "disk 0f0f0f0f-0000-4000-8000-000000000000 does not exist",
      );
    });
  });

  describe("resize-ebs", () => {
    it("grows through a modify order: 900 in progress, extending meanwhile, the new size once '3'", async () => {
      const diskID = await createDisk(emu, { diskSize: 20 });
      const res = (await emu.post("/v4/ebs/resize-ebs", { regionID: R, diskID, diskSize: 50, clientToken: "grow-1" })).envelope<OrderReturn & { masterResourceID: string }>();
      assert.equal(res.errorCode, "ebs.order.inProgress");
      assert.deepEqual(Object.keys(res.returnObj).sort(), ["masterOrderID", "masterOrderNO", "masterResourceID", "masterResourceStatus", "regionID"]);
      assert.equal(res.returnObj.masterResourceID, diskID);
      const during = ok(await show(emu, diskID));
      assert.deepEqual({ diskStatus: during.diskStatus, diskSize: during.diskSize }, { diskStatus: "extending", diskSize: 20 });
      // The same token replays the same order instead of ordering twice.
      assert.deepEqual((await emu.post("/v4/ebs/resize-ebs", { regionID: R, diskID, diskSize: 50, clientToken: "grow-1" })).envelope().returnObj, res.returnObj);
      assert.equal((await finishOrder(emu, res.returnObj.masterOrderID)).orderStatus, "3");
      const after = ok(await show(emu, diskID));
      assert.deepEqual({ diskStatus: after.diskStatus, diskSize: after.diskSize }, { diskStatus: "available", diskSize: 50 });
      assert.equal((await emu.control.state()).orders.length, 2);
    });

    it("answers 800 with the finished order when the order completes in the request", async () => {
      const diskID = await createDisk(emu, { diskSize: 20 });
      await emu.control.setTiming("ebsOrder", { mode: "immediate" });
      const result = ok((await emu.post("/v4/ebs/resize-ebs", { regionID: R, diskID, diskSize: 30 })).envelope<OrderReturn & { masterResourceID: string }>());
      assert.equal(result.masterResourceID, diskID);
      assert.equal((await pollOrder(emu, result.masterOrderID)).orderStatus, "3");
      assert.equal(ok(await show(emu, diskID)).diskSize, 30);
    });

    it("refuses to shrink or keep the size, naming both sizes", async () => {
      const diskID = await createDisk(emu, { diskSize: 100 });
      for (const size of [50, 100]) {
        failure(
          (await emu.post("/v4/ebs/resize-ebs", { regionID: R, diskID, diskSize: size })).envelope(),
          "Openapi.Parameter.Invalid",
          `diskSize must be larger than the current size 100 GB (got ${size}): disks can only grow`,
        );
      }
      failure((await emu.post("/v4/ebs/resize-ebs", { regionID: R, diskID, diskSize: 40000 })).envelope(), "Openapi.Parameter.Invalid", "diskSize must be an integer of at most 32768 GB for a data disk (got 40000)");
      assert.equal(ok(await show(emu, diskID)).diskStatus, "available");
    });

    it("refuses a disk that is not available or in-use", async () => {
      await emu.control.setTiming("ebsOrder", { mode: "immediate" });
      // Only a test-set diskReady timing gives a finished order a `creating` disk.
      await emu.control.setTiming("diskReady", { mode: "polls", count: 1 });
      const diskID = ok((await emu.post("/v4/ebs/new-ebs", createBody())).envelope<{ masterResourceID: string }>()).masterResourceID;
      failure(
        (await emu.post("/v4/ebs/resize-ebs", { regionID: R, diskID, diskSize: 30 })).envelope(),
        "Ebs.Disk.InvalidStatus",
        `cannot resize disk ${diskID} while it is creating (allowed: available, in-use)`,
      );
    });

    it("puts the size and status back when the order fails", async () => {
      const diskID = await createDisk(emu, { diskSize: 20 });
      await emu.control.setTiming("ebsOrder", { mode: "fail", times: 1, reason: "quota" });
      const res = (await emu.post("/v4/ebs/resize-ebs", { regionID: R, diskID, diskSize: 60 })).envelope<OrderReturn>();
      assert.equal((await pollOrder(emu, res.returnObj.masterOrderID)).orderStatus, "5");
      const disk = ok(await show(emu, diskID));
      assert.deepEqual({ diskStatus: disk.diskStatus, diskSize: disk.diskSize }, { diskStatus: "available", diskSize: 20 });
    });

    it("grows a system disk only while its VM is stopped, and to at most 2048 GB", async () => {
      insertInstance(emu, "vm-sys-2");
      const diskID = insertSystemDisk(emu, "vm-sys-2");
      failure(
        (await emu.post("/v4/ebs/resize-ebs", { regionID: R, diskID, diskSize: 60 })).envelope(),
        "Ebs.Instance.InvalidStatus",
        `disk ${diskID} is the system disk of instance vm-sys-2, which is running: stop the instance before growing its system disk`,
      );
      await emu.control.patchResource("instance", "vm-sys-2", { instanceStatus: "stopped" });
      failure((await emu.post("/v4/ebs/resize-ebs", { regionID: R, diskID, diskSize: 2049 })).envelope(), "Openapi.Parameter.Invalid", "diskSize must be an integer of at most 2048 GB for a system disk (got 2049)");
      const res = (await emu.post("/v4/ebs/resize-ebs", { regionID: R, diskID, diskSize: 60 })).envelope<OrderReturn>();
      await finishOrder(emu, res.returnObj.masterOrderID);
      const disk = ok(await show(emu, diskID));
      assert.deepEqual({ diskSize: disk.diskSize, diskStatus: disk.diskStatus }, { diskSize: 60, diskStatus: "in-use" });
    });
  });

  describe("refund-ebs", () => {
    it("unsubscribes through a refund order: deleting at once, gone when '3'", async () => {
      const diskID = await createDisk(emu);
      const placed = ok((await emu.post("/v4/ebs/refund-ebs", { regionID: R, diskID, clientToken: "bye-1" })).envelope<OrderReturn>());
      assert.deepEqual(Object.keys(placed).sort(), ["masterOrderID", "masterOrderNO", "regionID"]);
      failure(
        (await emu.post("/v4/ebs/refund-ebs", { regionID: R, diskID })).envelope(),
        "Ebs.Disk.InvalidStatus",
        `cannot unsubscribe disk ${diskID} while it is deleting (allowed: available, error)`,
      );
      assert.deepEqual(await pollOrder(emu, placed.masterOrderID), { orderStatus: "14", instanceIDList: [] });
      assert.equal((await emu.control.resource<DiskRecord>("disk", diskID))!.data.diskStatus, "deleting");
      assert.deepEqual(await pollOrder(emu, placed.masterOrderID), { orderStatus: "3", instanceIDList: [diskID] });
      assert.equal((await show(emu, diskID)).errorCode, "ebs.ebsInfo.dataDamaged");
      assert.equal((await emu.post("/v4/ebs/refund-ebs", { regionID: R, diskID })).envelope().errorCode, "ebs.ebsInfo.dataDamaged");
    });

    it("puts the disk back to available when the refund order fails", async () => {
      const diskID = await createDisk(emu);
      await emu.control.setTiming("refund", { mode: "fail", times: 1 });
      const placed = ok((await emu.post("/v4/ebs/refund-ebs", { regionID: R, diskID })).envelope<OrderReturn>());
      assert.equal((await pollOrder(emu, placed.masterOrderID)).orderStatus, "5");
      assert.equal(ok(await show(emu, diskID)).diskStatus, "available");
    });

    it("refuses an attached disk with Openapi.Resource.InUse naming the VM, and system disks", async () => {
      insertInstance(emu, "vm-r1");
      const diskID = await createDisk(emu);
      await emu.control.patchResource("disk", diskID, {
        diskStatus: "in-use",
        instanceID: "vm-r1",
        attachments: [{ instanceID: "vm-r1", attachmentID: "att-1", device: "/dev/vdb" }],
      });
      failure(
        (await emu.post("/v4/ebs/refund-ebs", { regionID: R, diskID })).envelope(),
        "Openapi.Resource.InUse",
        `disk ${diskID} is attached to instance vm-r1: detach it before unsubscribing`,
      );
      const system = insertSystemDisk(emu, "vm-r1");
      failure(
        (await emu.post("/v4/ebs/refund-ebs", { regionID: R, diskID: system })).envelope(),
        "Ebs.Disk.SystemVolumeNotSupported",
        `disk ${system} is the system disk of instance vm-r1: it cannot be unsubscribed on its own; manage it through the instance`,
      );
      failure((await emu.post("/v4/ebs/refund-ebs", { regionID: R, diskID, deleteSnapWithEbs: false })).envelope(), "Openapi.Parameter.Invalid", "deleteSnapWithEbs can only be true (or omitted)");
      assert.deepEqual((await emu.control.state()).orders.filter((o) => (o as { kind: string }).kind === "refund"), []);
    });
  });

  describe("a disk poll observes the disk's work in flight", () => {
    it("advances the refund order when info-ebs is polled instead of the order", async () => {
      const diskID = await createDisk(emu);
      const placed = ok((await emu.post("/v4/ebs/refund-ebs", { regionID: R, diskID })).envelope<OrderReturn>());
      assert.equal(ok(await show(emu, diskID)).diskStatus, "deleting");
      assert.equal((await show(emu, diskID)).errorCode, "ebs.ebsInfo.dataDamaged");
      assert.deepEqual(await pollOrder(emu, placed.masterOrderID), { orderStatus: "3", instanceIDList: [diskID] });
    });

    it("advances the resize order through info-by-name-ebs polls", async () => {
      const diskID = await createDisk(emu, { diskName: "grow-by-name", diskSize: 20 });
      const placed = (await emu.post("/v4/ebs/resize-ebs", { regionID: R, diskID, diskSize: 25 })).envelope<OrderReturn>().returnObj;
      const byName = async () => ok((await emu.get("/v4/ebs/info-by-name-ebs", { regionID: R, diskName: "grow-by-name" })).envelope<Disk>());
      assert.deepEqual(pickStatus(await byName()), { diskStatus: "extending", diskSize: 20 });
      assert.deepEqual(pickStatus(await byName()), { diskStatus: "available", diskSize: 25 });
      assert.equal((await pollOrder(emu, placed.masterOrderID)).orderStatus, "3");
    });

    it("leaves other disks' work alone", async () => {
      const a = await createDisk(emu);
      const b = await createDisk(emu);
      const placed = ok((await emu.post("/v4/ebs/refund-ebs", { regionID: R, diskID: a })).envelope<OrderReturn>());
      for (let i = 0; i < 3; i++) ok(await show(emu, b));
      assert.deepEqual(await pollOrder(emu, placed.masterOrderID), { orderStatus: "14", instanceIDList: [] });
    });
  });

  describe("list-ebs", () => {
    it("filters and pages, with integer counts and diskTotal", async () => {
      insertInstance(emu, "vm-l1", { displayName: "web server" });
      const a = await createDisk(emu, { diskName: "list-a", diskType: "SAS" });
      const b = await createDisk(emu, { diskName: "list-b", multiAttach: true });
      await createDisk(emu, { diskName: "list-c", onDemand: false, cycleType: "month", cycleCount: 1 });
      await emu.control.patchResource("disk", b, { diskStatus: "in-use", instanceID: "vm-l1", attachments: [{ instanceID: "vm-l1", attachmentID: "att-b", device: "/dev/vdb" }] });
      const list = async (query: Record<string, string>) =>
        ok((await emu.get("/v4/ebs/list-ebs", { regionID: R, ...query })).envelope<{ diskList: Disk[]; diskTotal: number; currentCount: number; totalCount: number; totalPage: number }>());

      const all = await list({});
      assert.deepEqual(
        { names: all.diskList.map((d) => d.diskName), diskTotal: all.diskTotal, currentCount: all.currentCount, totalCount: all.totalCount, totalPage: all.totalPage },
        { names: ["list-a", "list-b", "list-c"], diskTotal: 3, currentCount: 3, totalCount: 3, totalPage: 1 },
      );
      assert.deepEqual(all.diskList[0], ok(await show(emu, a)));
      assert.deepEqual((await list({ diskType: "SAS" })).diskList.map((d) => d.diskID), [a]);
      assert.deepEqual((await list({ diskStatus: "attached" })).diskList.map((d) => d.diskID), [b]);
      assert.deepEqual((await list({ diskStatus: "unattached" })).diskList.map((d) => d.diskName), ["list-a", "list-c"]);
      assert.deepEqual((await list({ multiAttach: "true" })).diskList.map((d) => d.diskID), [b]);
      assert.deepEqual((await list({ queryContent: "WEB SERV" })).diskList.map((d) => d.diskID), [b], "fuzzy match on the VM name");
      assert.deepEqual((await list({ queryContent: a.slice(0, 8) })).diskList.map((d) => d.diskID), [a]);
      const page2 = await list({ pageNo: "2", pageSize: "2" });
      assert.deepEqual({ names: page2.diskList.map((d) => d.diskName), currentCount: page2.currentCount, totalPage: page2.totalPage }, { names: ["list-c"], currentCount: 1, totalPage: 2 });
      failure((await emu.get("/v4/ebs/list-ebs", { regionID: R, pageSize: "301" })).envelope(), "Openapi.Parameter.Invalid", "pageSize must not exceed 300");
      failure((await emu.get("/v4/ebs/list-ebs", { regionID: R, isEncrypt: "yes" })).envelope(), "Openapi.Parameter.Invalid", "isEncrypt: must be true or false");
      assert.deepEqual((await list({ isSystemVolume: "false", pageSize: "300" })).totalCount, 3);
    });
  });
});

describe("emulator: EBS timing kinds", () => {
  const emu = useEmulator({ transport: "in-process", emulator: { profile: "realistic" } });

  it("registers ebsOrder, attach and detach with realistic delays, and diskReady immediate (a finished order is a usable disk)", async () => {
    const kinds = (await emu.control.transitions()).kinds;
    assert.deepEqual(
      { ebsOrder: kinds["ebsOrder"], diskReady: kinds["diskReady"], attach: kinds["attach"], detach: kinds["detach"] },
      {
        ebsOrder: { mode: "delay", ms: 4000 },
        diskReady: { mode: "immediate" },
        attach: { mode: "delay", ms: 3000 },
        detach: { mode: "delay", ms: 3000 },
      },
    );
  });

  it("answers in progress under the realistic profile and finishes after the delay", async () => {
    const env = (await emu.post("/v4/ebs/new-ebs", createBody())).envelope<OrderReturn>();
    assert.equal(env.errorCode, "ebs.order.inProgress");
    emu.clock.advance(4000);
    const order = await pollOrder(emu, env.returnObj.masterOrderID);
    assert.equal(order.orderStatus, "3");
    assert.equal(ok(await show(emu, order.instanceIDList[0]!)).diskStatus, "available");
  });
});

