/**
 * Snapshot policies in the emulator (api-notes/snapshot.md §2): create/query/modify/status/delete,
 * which disks follow a policy (info-ebs `snapshotPolicyID`, re-binding, cancel), the in-use refusal,
 * and the schedule (Beijing weekdays × hours on the emulator clock) with retention expiry.
 */
import assert from "node:assert/strict";
import { UNKNOWN_CODE_SITUATIONS } from "../../emulator/unknown-codes";
import { DEFAULT_START_TIME, REGION_HUADONG1, useEmulator, type EmulatorHarness } from "../helpers/emulator";
import { createDisk, failure, finishOrder, ok, show, type OrderReturn } from "./fixtures/ebs";

const R = REGION_HUADONG1;
const HOUR = 3_600_000;
const DONE = { snapshotPolicyJobResult: "任务执行成功" };

type Policy = Record<string, unknown> & { snapshotPolicyID: string; boundDiskNum: number; snapshotPolicyStatus: string };

async function createPolicy(emu: EmulatorHarness, body: Record<string, unknown> = {}): Promise<string> {
  const res = ok((await emu.post("/v4/ebs_snapshot/create-policy-ebs-snap", { regionID: R, snapshotPolicyName: "nightly", repeatWeekdays: "0,1,2,3,4,5,6", repeatTimes: "2", retentionTime: 7, ...body })).envelope<Record<string, string>>());
  assert.equal(res["snapshotPolicyJobResult"], "任务执行成功");
  return res["snapshotPolicyID"]!;
}

async function query(emu: EmulatorHarness, filter: Record<string, string> = {}): Promise<{ snapshotPolicyTotalCount: number; snapshotPolicyList: Policy[] }> {
  return ok((await emu.get("/v4/ebs_snapshot/query-policy-ebs-snap", { regionID: R, ...filter })).envelope());
}

async function snapshotsOf(emu: EmulatorHarness, diskID: string): Promise<Array<Record<string, unknown>>> {
  return ok((await emu.get("/v4/ebs_snapshot/list-ebs-snap", { regionID: R, diskID })).envelope<{ snapshotList: Array<Record<string, unknown>> }>()).snapshotList;
}

describe("emulator: EBS snapshot policies", () => {
  const emu = useEmulator({ transport: "in-process" });

  it("creates, queries, modifies and deletes a policy; the query answers the canonical schedule", async () => {
    const id = await createPolicy(emu, { repeatWeekdays: "5,1,1", repeatTimes: "23,0" });
    assert.deepEqual(await query(emu, { snapshotPolicyID: id }), {
      snapshotPolicyTotalCount: 1,
      snapshotPolicyList: [
        { snapshotPolicyID: id, snapshotPolicyName: "nightly", snapshotPolicyStatus: "activated", repeatWeekdays: "1,5", repeatTimes: "0,23", retentionTime: 7, projectID: "0", boundDiskNum: 0, snapshotPolicyCreateTime: "2024-06-01T00:00:00Z" },
      ],
    });
    assert.deepEqual(ok((await emu.post("/v4/ebs_snapshot/modify-policy-ebs-snap", { regionID: R, snapshotPolicyID: id, snapshotPolicyName: "weekly", repeatWeekdays: "0", retentionTime: -1 })).envelope()), DONE);
    const modified = (await query(emu, { snapshotPolicyName: "weekly" })).snapshotPolicyList[0]!;
    assert.deepEqual({ name: modified["snapshotPolicyName"], days: modified["repeatWeekdays"], hours: modified["repeatTimes"], retention: modified["retentionTime"] }, { name: "weekly", days: "0", hours: "0,23", retention: -1 });
    assert.deepEqual(ok((await emu.post("/v4/ebs_snapshot/modify-policy-status-ebs-snap", { regionID: R, snapshotPolicyID: id, targetStatus: "nonactivated" })).envelope()), { ...DONE, failedList: [] });
    assert.equal((await query(emu, { snapshotPolicyID: id })).snapshotPolicyList[0]!.snapshotPolicyStatus, "deactivated", "the query says deactivated for the request's nonactivated");
    assert.deepEqual(ok((await emu.post("/v4/ebs_snapshot/delete-policy-ebs-snap", { regionID: R, snapshotPolicyID: id })).envelope()), DONE);
    assert.deepEqual(await query(emu, { snapshotPolicyID: id }), { snapshotPolicyTotalCount: 0, snapshotPolicyList: [] }, "not found is an empty list");
  });

  it("refuses bad schedules, retentions and taken names, and answers an invented code for unknown policies", async () => {
    const post = (path: string, body: Record<string, unknown>) => emu.post(`/v4/ebs_snapshot/${path}`, { regionID: R, ...body });
    const base = { snapshotPolicyName: "p1", repeatWeekdays: "1", repeatTimes: "2", retentionTime: 3 };
    failure((await post("create-policy-ebs-snap", { ...base, repeatWeekdays: "7" })).envelope(), "Openapi.Parameter.Invalid", "repeatWeekdays values must be from 0 to 6 (got 7)");
    failure((await post("create-policy-ebs-snap", { ...base, repeatTimes: "1;2" })).envelope(), "Openapi.Parameter.Invalid", 'repeatTimes must be a comma-separated list of integers from 0 to 23 (got "1;2")');
    failure((await post("create-policy-ebs-snap", { ...base, retentionTime: 0 })).envelope(), "Openapi.Parameter.Invalid", "retentionTime must be -1 (forever) or 1-65535 days (got 0)");
    await createPolicy(emu, { snapshotPolicyName: "p1" });
    const taken = (await post("create-policy-ebs-snap", base)).envelope();
    assert.ok((UNKNOWN_CODE_SITUATIONS["snapshot-policy-name-taken"] as readonly string[]).includes(taken.errorCode));
    const unknown = "00000000-0000-4000-8000-000000000001";
    failure((await post("delete-policy-ebs-snap", { snapshotPolicyID: unknown })).envelope(), "Ebs.SnapshotPolicy.NotFound", `snapshot policy ${unknown} does not exist in region ${R}`);
    failure((await post("modify-policy-status-ebs-snap", { snapshotPolicyID: unknown, targetStatus: "off" })).envelope(), "Openapi.Parameter.Invalid", "targetStatus must be activated or nonactivated (got off)");
  });

  it("binds disks (info-ebs shows the policy, boundDiskNum counts them), re-binds to another policy, cancels, and refuses deleting a policy in use", async () => {
    const [a, b] = [await createDisk(emu), await createDisk(emu)];
    const p1 = await createPolicy(emu, { snapshotPolicyName: "p1" });
    const p2 = await createPolicy(emu, { snapshotPolicyName: "p2" });
    assert.deepEqual(ok((await emu.post("/v4/ebs_snapshot/apply-policy-ebs-snap", { regionID: R, snapshotPolicyID: p1, targetDiskIDs: `${a},${b}` })).envelope()), DONE);
    assert.deepEqual([ok(await show(emu, a))["snapshotPolicyID"], ok(await show(emu, b))["snapshotPolicyID"]], [p1, p1]);
    assert.equal((await query(emu, { snapshotPolicyID: p1 })).snapshotPolicyList[0]!.boundDiskNum, 2);
    const inUse = (await emu.post("/v4/ebs_snapshot/delete-policy-ebs-snap", { regionID: R, snapshotPolicyID: p1 })).envelope();
    assert.ok((UNKNOWN_CODE_SITUATIONS["snapshot-policy-in-use"] as readonly string[]).includes(inUse.errorCode));
    assert.equal(inUse.message, `snapshot policy ${p1} is still applied to disks: ${a}, ${b}; cancel it on them first`);
    ok((await emu.post("/v4/ebs_snapshot/apply-policy-ebs-snap", { regionID: R, snapshotPolicyID: p2, targetDiskIDs: b })).envelope());
    assert.deepEqual([(await query(emu, { snapshotPolicyID: p1 })).snapshotPolicyList[0]!.boundDiskNum, ok(await show(emu, b))["snapshotPolicyID"]], [1, p2]);
    ok((await emu.post("/v4/ebs_snapshot/cancel-policy-ebs-snap", { regionID: R, targetDiskIDs: a })).envelope());
    assert.equal(ok(await show(emu, a))["snapshotPolicyID"], null);
    ok((await emu.post("/v4/ebs_snapshot/delete-policy-ebs-snap", { regionID: R, snapshotPolicyID: p1 })).envelope());
    failure((await emu.post("/v4/ebs_snapshot/apply-policy-ebs-snap", { regionID: R, snapshotPolicyID: p2, targetDiskIDs: "00000000-0000-4000-8000-000000000002" })).envelope(), "ebs.ebsInfo.dataDamaged", "disk 00000000-0000-4000-8000-000000000002 does not exist");
  });

  it("takes a timer snapshot of each bound disk at each scheduled Beijing hour, and expires snapshots past their retention", async () => {
    // Start: 2024-06-01T00:00Z = Saturday 08:00 in Beijing. Schedule: every day at 10:00 and 11:00 Beijing.
    const diskID = await createDisk(emu, { diskName: "db-data" });
    const policy = await createPolicy(emu, { repeatTimes: "10,11", retentionTime: 1 });
    ok((await emu.post("/v4/ebs_snapshot/apply-policy-ebs-snap", { regionID: R, snapshotPolicyID: policy, targetDiskIDs: diskID })).envelope());
    emu.clock.advance(2 * HOUR + 30 * 60_000); // 10:30 Beijing
    const first = await snapshotsOf(emu, diskID);
    assert.deepEqual(
      first.map((s) => [s["snapshotName"], s["snapshotType"], s["snapshotStatus"], s["createTime"], s["expireTime"], s["retentionPolicy"]]),
      [[`auto-202406011000-${diskID.slice(0, 8)}`, "timer", "available", "2024-06-01T02:00:00Z", "2024-06-02T02:00:00Z", "custom"]],
    );
    emu.clock.set(DEFAULT_START_TIME + 24 * HOUR + 2 * HOUR + 30 * 60_000); // Sunday 10:30 Beijing
    assert.deepEqual(
      (await snapshotsOf(emu, diskID)).map((s) => s["createTime"]),
      ["2024-06-01T03:00:00Z", "2024-06-02T02:00:00Z"],
      "Saturday 10:00 expired after its 1 day; Saturday 11:00 and Sunday 10:00 are kept",
    );
    ok((await emu.post("/v4/ebs_snapshot/modify-policy-status-ebs-snap", { regionID: R, snapshotPolicyID: policy, targetStatus: "nonactivated" })).envelope());
    emu.clock.advance(HOUR);
    assert.equal((await snapshotsOf(emu, diskID)).length, 1, "a disabled schedule takes nothing (Sunday 11:00 skipped); Saturday 11:00 expired");
  });

  it("unbinds a disk that is unsubscribed", async () => {
    const diskID = await createDisk(emu);
    const policy = await createPolicy(emu);
    ok((await emu.post("/v4/ebs_snapshot/apply-policy-ebs-snap", { regionID: R, snapshotPolicyID: policy, targetDiskIDs: diskID })).envelope());
    const refund = ok((await emu.post("/v4/ebs/refund-ebs", { regionID: R, diskID, clientToken: "refund-2" })).envelope<OrderReturn>());
    await finishOrder(emu, refund.masterOrderID);
    assert.equal((await query(emu, { snapshotPolicyID: policy })).snapshotPolicyList[0]!.boundDiskNum, 0);
  });
});
