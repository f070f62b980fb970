/**
 * Auto-scaling rules (policies), moving VMs in and out by hand, and the load-balancer seam (the
 * group's VMs become targets of the ELB service's target groups).
 */
import assert from "node:assert/strict";
import { REGION_HUADONG1 as R, useEmulator } from "../helpers/emulator";
import { createInstance, createNetwork, type Network } from "./fixtures/ecs";
import { failure } from "./fixtures/ebs";
import { createTargetGroup, get } from "./fixtures/elb";
import { activities, createConfig, createGroup, group, members, ok, scaling, settled, type Row } from "./fixtures/scaling";

const ALARM = { name: "cpu-high", metricName: "cpu_util", statistics: "avg", comparisonOperator: "ge", threshold: 80, period: "5m", evaluationCount: 2 };
const HOUR = 3_600_000;

describe("emulator auto scaling: rules", () => {
  const emu = useEmulator({ transport: "in-process" });
  let net: Network;
  let configID: number;
  let groupID: number;

  beforeEach(async () => {
    net = await createNetwork(emu);
    configID = await createConfig(emu);
    groupID = await createGroup(emu, net, configID, { minCount: 1, maxCount: 4, expectedCount: 1 });
    await settled(emu, groupID);
  });

  async function rules(): Promise<Row[]> {
    return ok(await scaling<{ ruleList: Row[] }>(emu, "rule/list", { groupID })).ruleList;
  }

  it("creates an alarm rule, enabled, listed with the official types (the alarm's own status inverted)", async () => {
    const { ruleID } = ok(await scaling<{ ruleID: number }>(emu, "rule/create", { groupID, name: "up", type: 1, action: 1, operateUnit: 1, operateCount: 2, cooldown: 300, triggerObj: ALARM }));
    assert.equal(ruleID, 30001);
    const [rule] = await rules();
    assert.deepEqual(rule, {
      ruleID,
      name: "up",
      ruleType: 1,
      status: 1,
      action: 1,
      operateCount: 2,
      operateUnit: 1,
      cooldown: 300,
      executionTime: "",
      cycle: 0,
      effectiveFrom: "",
      effectiveTill: "",
      day: [],
      scalingGroupID: groupID,
      projectIDEcs: "0",
      createDate: "2024-06-01 08:00:00",
      updateDate: "2024-06-01 08:00:00",
      triggerObj: { triggerID: `alarm-${ruleID}`, ...ALARM, cooldown: 300, status: 0 },
      targetObj: null,
    });
    ok(await scaling(emu, "rule/stop", { groupID, ruleID }));
    ok(await scaling(emu, "rule/stop", { groupID, ruleID }));
    assert.deepEqual([(await rules())[0]!["status"], (await rules())[0]!["triggerObj"]["status"]], [2, 1]);
  });

  const refusals: Array<[string, Row, string]> = [
    ["an unknown type", { type: 5 }, "type must be 1 (alarm), 2 (scheduled), 3 (periodic) or 4 (target tracking) (got 5)"],
    ["an alarm rule without its alarm", { type: 1, action: 1, operateUnit: 1, operateCount: 1, cooldown: 60 }, "triggerObj is required for alarm rules"],
    ["an alarm on an unknown metric", { type: 1, action: 1, operateUnit: 1, operateCount: 1, cooldown: 60, triggerObj: { ...ALARM, metricName: "gpu_util" } }, "triggerObj.metricName must be one of cpu_util, mem_util, network_incoming_bytes_rate_inband, network_outing_bytes_rate_inband, disk_read_bytes_rate, disk_write_bytes_rate, disk_read_requests_rate, disk_write_requests_rate"],
    ["a rule without an action", { type: 2, operateUnit: 1, operateCount: 1, executionTime: "2024-06-02 08:00:00" }, "action is required (1 increase, 2 decrease, 3 set to)"],
    ["a percentage with set-to", { type: 2, action: 3, operateUnit: 2, operateCount: 50, executionTime: "2024-06-02 08:00:00" }, "action 3 (set to) takes a count (operateUnit 1)"],
    ["a scheduled rule in the past", { type: 2, action: 1, operateUnit: 1, operateCount: 1, executionTime: "2024-06-01 07:00:00" }, "executionTime of a scheduled rule must be in the future"],
    ["a malformed time", { type: 2, action: 1, operateUnit: 1, operateCount: 1, executionTime: "2024-06-31 07:00:00" }, "executionTime must be a time like 2024-06-01 08:00:00 (%Y-%m-%d %H:%M:%S)"],
    ["a weekly rule without days", { type: 3, action: 1, operateUnit: 1, operateCount: 1, cycle: 2, executionTime: "2024-06-01 09:00:00", effectiveFrom: "2024-06-01 00:00:00", effectiveTill: "2024-07-01 00:00:00" }, "day is required for a weekly cycle"],
    ["a weekly rule on day 8", { type: 3, action: 1, operateUnit: 1, operateCount: 1, cycle: 2, day: [8], executionTime: "2024-06-01 09:00:00", effectiveFrom: "2024-06-01 00:00:00", effectiveTill: "2024-07-01 00:00:00" }, "day must hold whole numbers from 1 to 7"],
    ["a period that ends before it starts", { type: 3, action: 1, operateUnit: 1, operateCount: 1, cycle: 3, executionTime: "2024-06-01 09:00:00", effectiveFrom: "2024-07-01 00:00:00", effectiveTill: "2024-06-01 00:00:00" }, "effectiveFrom must be before effectiveTill"],
    ["a target outside 1-100 % CPU", { type: 4, cooldown: 60, targetObj: { metricName: "cpu_util", targetValue: 120, scaleOutEvaluationCount: 1, scaleInEvaluationCount: 1, operateRange: 10, disableScaleIn: false } }, "targetObj.targetValue must be 1-100"],
  ];
  for (const [what, body, message] of refusals) {
    it(`refuses ${what}`, async () => {
      failure(await scaling(emu, "rule/create", { groupID, name: "r", ...body }), "Openapi.Parameter.Invalid", message);
    });
  }

  it("refuses a second rule of the same name in the group, and answers unknown rules and groups", async () => {
    const body = { groupID, name: "dup", type: 2, action: 1, operateUnit: 1, operateCount: 1, executionTime: "2024-06-02 08:00:00" };
    ok(await scaling(emu, "rule/create", body));
    failure(await scaling(emu, "rule/create", body), "Scaling.Rule.NameDuplicated", `scaling group ${groupID} already has a rule named dup`);
    failure(await scaling(emu, "rule/delete", { groupID, ruleID: 39999 }), "Scaling.Rule.NotFound", `NotFound: scaling rule 39999 not found in group ${groupID}`);
    failure(await scaling(emu, "rule/list", { groupID: 19999 }), "Scaling.Group.NotExists", "NotExists: scaling group 19999 does not exist");
  });

  it("executes a rule: the desired count moves (clipped to maxCount) and an activity (mode 2) launches the difference", async () => {
    const { ruleID } = ok(await scaling<{ ruleID: number }>(emu, "rule/create", { groupID, name: "up", type: 1, action: 1, operateUnit: 1, operateCount: 5, cooldown: 60, triggerObj: ALARM }));
    ok(await scaling(emu, "rule/execute", { groupID, ruleID }));
    failure(await scaling(emu, "rule/execute", { groupID, ruleID }), "Scaling.Group.ActivityInProgress", `scaling group ${groupID} has a running activity (40002); try again when it has finished`);
    assert.equal((await settled(emu, groupID)).length, 4);
    const activity = (await activities(emu, groupID))[0]!;
    assert.deepEqual([activity["executionMode"], activity["ruleID"], activity["ruleExpectDelta"], activity["ruleRealDelta"], activity["executionResult"]], [2, String(ruleID), 5, 3, 1]);
    assert.equal((await group(emu, groupID))["expectedCount"], 4);
    // Down by 50 % of 4, then set to 1; executing into the bounds records an activity that moves nothing.
    const half = ok(await scaling<{ ruleID: number }>(emu, "rule/create", { groupID, name: "half", type: 2, action: 2, operateUnit: 2, operateCount: 50, executionTime: "2024-06-09 08:00:00" })).ruleID;
    ok(await scaling(emu, "rule/execute", { groupID, ruleID: half }));
    assert.equal((await settled(emu, groupID)).length, 2);
    const one = ok(await scaling<{ ruleID: number }>(emu, "rule/create", { groupID, name: "one", type: 2, action: 3, operateUnit: 1, operateCount: 0, executionTime: "2024-06-09 08:00:00" })).ruleID;
    ok(await scaling(emu, "rule/execute", { groupID, ruleID: one }));
    await settled(emu, groupID);
    ok(await scaling(emu, "rule/execute", { groupID, ruleID: one }));
    const [last] = await activities(emu, groupID);
    assert.deepEqual([last!["ruleExpectDelta"], last!["ruleRealDelta"], last!["beforeCount"], last!["afterCount"], last!["executionResult"]], [-1, 0, 1, 1, 1]);
    ok(await scaling(emu, "group/disable", { groupID }));
    failure(await scaling(emu, "rule/execute", { groupID, ruleID }), "Scaling.Group.StatusInvalid", `scaling group ${groupID} is disabled: enable it to execute its rules`);
  });

  it("fires a scheduled rule once, on the first scaling call at or after its time", async () => {
    ok(await scaling(emu, "rule/create", { groupID, name: "morning", type: 2, action: 3, operateUnit: 1, operateCount: 3, executionTime: "2024-06-01 09:00:00" }));
    emu.clock.advance(HOUR - 1000);
    await settled(emu, groupID);
    assert.equal((await group(emu, groupID))["expectedCount"], 1, "not yet");
    emu.clock.advance(1000);
    assert.equal((await group(emu, groupID))["expectedCount"], 3);
    assert.equal((await settled(emu, groupID)).length, 3);
    assert.deepEqual((await activities(emu, groupID))[0]!["executionMode"], 1);
    emu.clock.advance(24 * HOUR);
    await settled(emu, groupID);
    assert.equal((await activities(emu, groupID)).length, 2, "a one-off rule fires once");
  });

  it("fires a periodic rule on its days within its period (weekly: 1 Monday … 7 Sunday)", async () => {
    // 2024-06-01 is a Saturday (6); the rule runs on Mondays at 09:00 Beijing time.
    ok(await scaling(emu, "rule/create", { groupID, name: "weekly", type: 3, action: 1, operateUnit: 1, operateCount: 1, cycle: 2, day: [1], executionTime: "2024-06-01 09:00:00", effectiveFrom: "2024-06-01 00:00:00", effectiveTill: "2024-06-15 00:00:00" }));
    const expected = async (): Promise<number> => (await group(emu, groupID))["expectedCount"];
    emu.clock.advance(2 * 24 * HOUR + HOUR); // Monday 09:00
    assert.equal(await expected(), 2);
    await settled(emu, groupID);
    emu.clock.advance(24 * HOUR); // Tuesday
    assert.equal(await expected(), 2);
    emu.clock.advance(6 * 24 * HOUR); // the next Monday
    assert.equal(await expected(), 3);
    await settled(emu, groupID);
    emu.clock.advance(7 * 24 * HOUR); // after effectiveTill
    assert.equal(await expected(), 3);
  });

  it("fires an alarm rule when the group's metric crosses the threshold, then waits out its cooldown", async () => {
    ok(await scaling(emu, "rule/create", { groupID, name: "up", type: 1, action: 1, operateUnit: 1, operateCount: 1, cooldown: 600, triggerObj: ALARM }));
    await emu.control.patchResource("scalingGroup", String(groupID), { metrics: { cpu_util: 85 } });
    assert.equal((await group(emu, groupID))["expectedCount"], 2);
    await settled(emu, groupID);
    emu.clock.advance(300_000);
    assert.equal((await group(emu, groupID))["expectedCount"], 2, "cooling down");
    emu.clock.advance(300_000);
    assert.equal((await group(emu, groupID))["expectedCount"], 3);
    await settled(emu, groupID);
    await emu.control.patchResource("scalingGroup", String(groupID), { metrics: { cpu_util: 20 } });
    emu.clock.advance(600_000);
    assert.equal((await group(emu, groupID))["expectedCount"], 3, "below the threshold: nothing");
  });

  it("updates a rule in place and deletes it; a group's rules go with the group", async () => {
    const { ruleID } = ok(await scaling<{ ruleID: number }>(emu, "rule/create", { groupID, name: "later", type: 2, action: 1, operateUnit: 1, operateCount: 1, executionTime: "2024-06-02 08:00:00" }));
    ok(await scaling(emu, "rule/update", { groupID, ruleID, name: "later2", operateCount: 2 }));
    assert.deepEqual([(await rules())[0]!["name"], (await rules())[0]!["operateCount"], (await rules())[0]!["ruleType"]], ["later2", 2, 2]);
    failure(await scaling(emu, "rule/update", { groupID, ruleID, operateCount: 0 }), "Openapi.Parameter.Invalid", "operateCount must be a whole number of at least 1");
    ok(await scaling(emu, "rule/delete", { groupID, ruleID }));
    assert.deepEqual(await rules(), []);
  });
});

describe("emulator auto scaling: moving VMs in and out", () => {
  const emu = useEmulator({ transport: "in-process" });

  it("moves a running VM of the VPC in (association id back), out again (the VM stays), and releases a member (the VM goes)", async () => {
    const net = await createNetwork(emu);
    const configID = await createConfig(emu);
    const groupID = await createGroup(emu, net, configID, { minCount: 0, maxCount: 2, expectedCount: 1 });
    const [launched] = await settled(emu, groupID);
    const own = await createInstance(emu, net);
    const { instanceIDList } = ok(await scaling<{ instanceIDList: number[] }>(emu, "group/instance-move-in", { groupID, instanceUUIDList: [own] }));
    assert.equal(typeof instanceIDList[0], "number");
    const rows = await members(emu, groupID);
    assert.deepEqual(rows.map((m) => [m["instanceID"], m["status"], m["executionMode"]]), [[launched!["instanceID"], 1, 5], [own, 1, 3]]);
    assert.deepEqual([(await group(emu, groupID))["expectedCount"], (await activities(emu, groupID))[0]!["executionMode"]], [2, 3]);
    const third = await createInstance(emu, net);
    failure(await scaling(emu, "group/instance-move-in", { groupID, instanceUUIDList: [third] }), "Scaling.Group.MaxCountExceeded", `moving 1 instance(s) into scaling group ${groupID} would exceed its maxCount 2 (it has 2)`);
    ok(await scaling(emu, "group/instance-move-out", { groupID, instanceIDList: [own] }));
    assert.deepEqual((await members(emu, groupID)).map((m) => m["instanceID"]), [launched!["instanceID"]]);
    assert.equal(ok((await emu.get("/v4/ecs/instance-details", { regionID: R, instanceID: own })).envelope<Row>())["instanceStatus"], "running", "moved out, not released");
    ok(await scaling(emu, "group/instance-move-out-release", { groupID, instanceIDList: [launched!["id"]] }));
    assert.deepEqual(await settled(emu, groupID), []);
    assert.equal((await emu.get("/v4/ecs/instance-details", { regionID: R, instanceID: launched!["instanceID"] })).envelope().errorCode, "Ecs.Instance.NotFound");
    assert.equal((await group(emu, groupID))["expectedCount"], 0);
  });
});

describe("emulator auto scaling: load balancers (through the ELB service)", () => {
  const emu = useEmulator({ transport: "in-process" });

  const targets = async (targetGroupID: string): Promise<string[]> =>
    ((await get(emu, "/v4/elb/list-target", { regionID: R, targetGroupID })).returnObj as Array<{ instanceID: string; protocolPort: number; weight: number }>).map(
      (t) => `${t.instanceID}:${t.protocolPort} w${t.weight}`,
    );

  it("makes each VM in service a target of every target group of lbList, takes it out when it leaves, and lists the load balancers", async () => {
    const net = await createNetwork(emu);
    const configID = await createConfig(emu);
    const first = await createTargetGroup(emu, net.vpcID, { protocol: "TCP" });
    const second = await createTargetGroup(emu, net.vpcID, { protocol: "TCP", name: "second-group" });
    const lbList = [{ port: 8080, lbID: "lb-abcdefghij", weight: 50, hostGroupID: first }];
    const groupID = await createGroup(emu, net, configID, { useLb: 1, healthMode: 2, lbList, expectedCount: 1 });
    const [member] = await settled(emu, groupID);
    const vm = member!["instanceID"];
    assert.deepEqual(await targets(first), [`${vm}:8080 w50`]);
    const listed = ok(await scaling<Row>(emu, "group/query-load-balancer-list", { groupID }));
    assert.deepEqual(listed, { totalCount: 1, loadBalancers: [{ hostGroupName: "", weight: 50, port: 8080, lbID: "lb-abcdefghij", lbName: "", hostGroupID: first, groupID }] });
    // Moving to another target group needs the group disabled; members move with it.
    ok(await scaling(emu, "group/disable", { groupID }));
    ok(await scaling(emu, "group/update", { groupID, useLb: 1, lbList: [{ port: 80, id: "lb-abcdefghij", weight: 100, hostGroupID: second }] }));
    assert.deepEqual([await targets(first), await targets(second)], [[], [`${vm}:80 w100`]]);
    ok(await scaling(emu, "group/enable", { groupID }));
    ok(await scaling(emu, "group/update", { groupID, minCount: 0, expectedCount: 0 }));
    assert.deepEqual(await targets(second), [], "taken out as it starts leaving");
  });
});
