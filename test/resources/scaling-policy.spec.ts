/** ScalingPolicy through its serialized provider against the emulator: the contract, each type, stop-update-start, checks. */
import assert from "node:assert/strict";
import { describeResourceContract } from "../helpers/resource-contract";
import { useProviderTestbed, type ProviderTestbed } from "../helpers/providers";
import { REGION_HUABEI2 } from "../helpers/emulator";
import { createNetwork } from "../emulator/fixtures/ecs";
import { createConfig, createGroup, group } from "../emulator/fixtures/scaling";

type Props = Record<string, any>;

async function groupId(bed: ProviderTestbed): Promise<string> {
  const net = await createNetwork(bed.emu);
  const configID = await createConfig(bed.emu, { name: `cfg-${net.vpcID.slice(4, 10)}` });
  return String(await createGroup(bed.emu, net, configID, { name: `group-${net.vpcID}`, minCount: 0, expectedCount: 0 }));
}

const ALARM = { metricName: "cpu_util", comparisonOperator: "ge", threshold: 80 };

describeResourceContract({
  kind: "ScalingPolicy",
  idOutput: "policyId",
  recordKind: "scalingRule",
  createOperation: "CreateScalingRule",
  createPath: "/v4/scaling/rule/create",
  inputs: async (bed) => ({ groupId: await groupId(bed), type: "scheduled", action: "increase", count: 1, executionTime: "2024-06-02 08:00:00" }),
  updates: [{ name: "renamed-policy" }, { count: 50, unit: "percent" }, { executionTime: "2024-06-03 09:30:00" }, { enabled: false }, { enabled: true, action: "set", count: 3, unit: "count" }],
  replacements: [{ groupId: "19999" }, { regionId: REGION_HUABEI2 }],
  drift: { patch: { name: "renamed-by-hand", operateCount: 7 }, inputs: { name: "renamed-by-hand", count: 7 } },
});

describe("ScalingPolicy: specifics", () => {
  const bed = useProviderTestbed();

  it("creates an alarm policy with its alarm's defaults, and reads it back unchanged", async () => {
    const provider = await bed.provider("ScalingPolicy");
    const { id, outs, inputs } = await bed.create("ScalingPolicy", { groupId: await groupId(bed), type: "alarm", action: "increase", count: 2, alarm: ALARM });
    const record = (await bed.emu.control.resource<Props>("scalingRule", id))!.data;
    assert.deepEqual([record["ruleType"], record["cooldown"], record["triggerObj"]], [1, 300, { name: inputs["name"], ...ALARM, statistics: "avg", period: "5m", evaluationCount: 1 }]);
    assert.equal(outs["status"], "enabled");
    const read = await provider.read(id, outs);
    assert.equal((await provider.diff(id, read.props ?? {}, inputs)).changes, false);
  });

  it("creates a weekly policy stopped, and changes it by stopping, updating and starting it again", async () => {
    const provider = await bed.provider("ScalingPolicy");
    const weekly = { groupId: await groupId(bed), type: "periodic", cycle: "weekly", days: [1, 5], action: "set", count: 2, executionTime: "2024-06-01 09:00:00", effectiveFrom: "2024-06-01 00:00:00", effectiveTill: "2024-12-31 00:00:00" };
    const { id, outs, inputs } = await bed.create("ScalingPolicy", { ...weekly, enabled: false });
    assert.deepEqual([outs["status"], (await bed.emu.control.resource<Props>("scalingRule", id))!.data["day"]], ["disabled", [1, 5]]);
    const enabled = await provider.update(id, outs, { ...inputs, enabled: true });
    assert.equal(enabled.outs["status"], "enabled");
    await bed.emu.control.clearRequests();
    await provider.update(id, enabled.outs, { ...inputs, enabled: true, days: [3] });
    const ops = (await bed.emu.control.requests()).map((r) => r.operation).filter((op) => !String(op).startsWith("List"));
    assert.deepEqual(ops, ["StopScalingRule", "UpdateScalingRule", "StartScalingRule"]);
    assert.deepEqual((await bed.emu.control.resource<Props>("scalingRule", id))!.data["day"], [3]);
  });

  it("fires in the cloud: a scheduled policy sets the group's desired count when its time comes", async () => {
    const gid = await groupId(bed);
    await bed.create("ScalingPolicy", { groupId: gid, type: "scheduled", action: "set", count: 1, executionTime: "2024-06-01 10:00:00" });
    bed.emu.clock.advance(2 * 3_600_000);
    assert.equal((await group(bed.emu, Number(gid)))["expectedCount"], 1);
  });

  it("is gone with its group", async () => {
    const provider = await bed.provider("ScalingPolicy");
    const gid = await groupId(bed);
    const { id, outs } = await bed.create("ScalingPolicy", { groupId: gid, type: "alarm", action: "decrease", count: 1, alarm: ALARM });
    await bed.emu.post("/v4/scaling/group/delete", { regionID: outs["regionId"], groupID: Number(gid) });
    assert.deepEqual(await provider.read(id, outs), {});
    await provider.delete(id, outs);
  });

  const checks: Array<[string, Props, Array<{ property: string; reason: string }>]> = [
    ["an alarm policy without its alarm", { type: "alarm" }, [{ property: "alarm", reason: "is required for alarm policies" }]],
    ["an alarm policy with a time", { type: "alarm", alarm: ALARM, executionTime: "2024-06-02 08:00:00" }, [{ property: "executionTime", reason: "applies only to scheduled and periodic policies" }]],
    ["a scheduled policy without a time", { type: "scheduled" }, [{ property: "executionTime", reason: "is required for scheduled policies" }]],
    ["a scheduled policy with a cooldown", { type: "scheduled", executionTime: "2024-06-02 08:00:00", cooldown: 60 }, [{ property: "cooldown", reason: "applies only to alarm policies" }]],
    ["a scheduled policy with a cycle", { type: "scheduled", executionTime: "2024-06-02 08:00:00", cycle: "daily" }, [{ property: "cycle", reason: "applies only to periodic policies" }]],
    ["a malformed time", { type: "scheduled", executionTime: "2024-6-2 8:00" }, [{ property: "executionTime", reason: 'must be a Beijing time like "2024-06-01 08:00:00"' }]],
    ["a periodic policy without its period", { type: "periodic", executionTime: "2024-06-02 08:00:00", cycle: "daily" }, [{ property: "effectiveFrom", reason: "is required for periodic policies" }, { property: "effectiveTill", reason: "is required for periodic policies" }]],
    ["a weekly policy on day 8", { type: "periodic", executionTime: "2024-06-02 08:00:00", cycle: "weekly", days: [8], effectiveFrom: "2024-06-01 00:00:00", effectiveTill: "2024-07-01 00:00:00" }, [{ property: "days", reason: "must list days from 1 to 7" }]],
    ["a period ending before it starts", { type: "periodic", executionTime: "2024-06-02 08:00:00", cycle: "daily", effectiveFrom: "2024-07-01 00:00:00", effectiveTill: "2024-06-01 00:00:00" }, [{ property: "effectiveTill", reason: "must be after effectiveFrom" }]],
    ["a percentage with set", { type: "scheduled", executionTime: "2024-06-02 08:00:00", action: "set", unit: "percent" }, [{ property: "unit", reason: '"percent" does not go with action "set" (set takes a count)' }]],
    ["increasing by 0", { type: "scheduled", executionTime: "2024-06-02 08:00:00", count: 0 }, [{ property: "count", reason: "must be at least 1 to increase or decrease" }]],
    ["an unknown alarm metric", { type: "alarm", alarm: { ...ALARM, metricName: "gpu_util" } }, [{ property: "alarm", reason: "metricName: must be one of cpu_util, mem_util, network_incoming_bytes_rate_inband, network_outing_bytes_rate_inband, disk_read_bytes_rate, disk_write_bytes_rate, disk_read_requests_rate, disk_write_requests_rate" }]],
    ["a target tracking type", { type: "target" }, [{ property: "type", reason: 'must be "alarm", "scheduled" or "periodic"' }]],
  ];
  for (const [what, change, failures] of checks) {
    it(`check refuses ${what}`, async () => {
      const provider = await bed.provider("ScalingPolicy");
      const news: Props = { pulumiName: "checked", groupId: "10001", action: "increase", count: 1, ...change };
      assert.deepEqual((await provider.check({}, news)).failures, failures);
    });
  }
});
