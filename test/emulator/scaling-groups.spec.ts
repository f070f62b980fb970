/**
 * Auto-scaling groups: the rules of create/update/delete, and how a group reaches its desired count
 * by launching and releasing real ECS VMs (activities, members), polled through the scaling reads.
 */
import assert from "node:assert/strict";
import { REGION_HUADONG1 as R, useEmulator } from "../helpers/emulator";
import { AZ1, createInstance, createNetwork, power, type Network } from "./fixtures/ecs";
import { failure } from "./fixtures/ebs";
import { activities, AZ2, configBody, createConfig, createGroup, group, groupBody, members, ok, scaling, settled, states, type Row } from "./fixtures/scaling";

describe("emulator auto scaling: groups", () => {
  const emu = useEmulator({ transport: "in-process" });
  let net: Network;
  let configID: number;

  beforeEach(async () => {
    net = await createNetwork(emu);
    configID = await createConfig(emu, { volumes: [{ volumeType: "SATA", volumeSize: 40, flag: 1 }, { volumeType: "SSD", volumeSize: 20, flag: 2 }] });
  });

  async function vms(): Promise<Row[]> {
    return ok((await emu.post("/v4/ecs/describe-instances", { regionID: R, pageNo: 1, pageSize: 50 })).envelope<{ results: Row[] }>()).results;
  }

  it("starts enabled and launches its desired count through ECS: members at once (moving in), in service once the VMs run", async () => {
    const groupID = await createGroup(emu, net, configID);
    assert.equal(groupID, 10001);
    // The VMs are ordered at once: the member rows exist before any VM does (TF's createLoop counts them).
    const first = await members(emu, groupID);
    assert.deepEqual(states(first), [[2, 3], [2, 3]]);
    assert.deepEqual(first.map((m) => m["azName"]), [AZ1, AZ2], "uniform distribution over the config's zones");
    assert.deepEqual(first.map((m) => [m["executionMode"], m["configID"], m["configName"], m["protectStatus"], m["groupID"]]), [[5, configID, "web-cfg", 2, groupID], [5, configID, "web-cfg", 2, groupID]]);
    // The activity runs while the orders and boots do (fast timing: one poll each, observed by each read).
    const running = (await activities(emu, groupID))[0]!;
    assert.deepEqual([running["executionMode"], running["executionResult"], running["beforeCount"]], [5, 0, 0]);
    const done = await settled(emu, groupID);
    assert.deepEqual(states(done), [[1, 1], [1, 1]]);
    const activity = (await activities(emu, groupID))[0]!;
    assert.deepEqual([activity["executionResult"], activity["afterCount"], activity["failReason"], activity["instanceList"].map((i: Row) => i["instanceID"]).sort()], [1, 2, "", done.map((m) => m["instanceID"]).sort()]);
    // Ordinary VMs: in describe-instances, with the config's flavor, the group's network, and the config's data disk.
    const running2 = await vms();
    assert.deepEqual(running2.map((vm) => vm["instanceID"]).sort(), done.map((m) => m["instanceID"]).sort());
    for (const vm of running2) {
      assert.deepEqual([vm["instanceStatus"], vm["flavor"]["flavorName"], vm["vpcID"], vm["subnetIDList"], vm["secGroupList"].map((g: Row) => g["securityGroupID"]), vm["attachedVolume"].length], [
        "running",
        "s7.large.2",
        net.vpcID,
        [net.subnetID],
        [net.securityGroupID],
        2,
      ]);
      assert.match(vm["instanceName"], /^web-cfg-[a-z0-9]{6}$/);
    }
    const disks = (await emu.control.state()).resources["disk"]!.map((d) => d.data as Row).filter((d) => !d["isSystemVolume"]);
    assert.deepEqual(disks.map((d) => [d["diskType"], d["diskSize"], d["diskStatus"], d["isPackaged"], d["attachments"][0]["device"]]), [
      ["SSD", 20, "in-use", true, "/dev/vdb"],
      ["SSD", 20, "in-use", true, "/dev/vdb"],
    ]);
    assert.deepEqual([(await group(emu, groupID))["instanceCount"], (await group(emu, groupID))["status"]], [2, 1]);
  });

  it("launches VMs from a private image baked from a stopped VM (a config takes the account's images, as create-instance does)", async () => {
    const golden = await createInstance(emu, net);
    assert.equal(await power(emu, "stop", golden), "stopped");
    const made = ok((await emu.post("/v4/image/create", { regionID: R, instanceID: golden, imageName: "fleet-golden" })).envelope<{ images: Row[] }>()).images[0]!;
    const detail = async () => ok((await emu.get("/v4/image/detail", { regionID: R, imageID: made["imageID"] })).envelope<{ images: Row[] }>()).images[0]!;
    assert.equal((await detail())["status"], "queued");
    const early = await scaling(emu, "config-create", configBody({ name: "from-queued", imageID: made["imageID"] }));
    failure(early, "Image.Status.Invalid", `image ${made["imageID"]} is queued: only an active image can boot an instance`);
    assert.equal((await detail())["status"], "active", "(fast timing: active at the next poll)");
    const privateConfig = await createConfig(emu, { name: "private-cfg", imageID: made["imageID"] });
    const shown = ok(await scaling<Row[]>(emu, "config-list", { configID: privateConfig }))[0]!;
    assert.deepEqual([shown["imageID"], shown["imageName"], shown["visibility"]], [made["imageID"], "fleet-golden", 0], "the config shows the private image");
    const groupID = await createGroup(emu, net, privateConfig, { name: "private-fleet" });
    const launched = (await settled(emu, groupID)).map((m) => m["instanceID"]);
    const booted = (await vms()).filter((vm) => launched.includes(vm["instanceID"]));
    assert.deepEqual(booted.map((vm) => [vm["instanceStatus"], vm["image"]["imageID"]]), [["running", made["imageID"]], ["running", made["imageID"]]]);
  });

  it("lists a group with the official JSON types, and answers an unknown id with NotExists (what TF's read looks for)", async () => {
    const groupID = await createGroup(emu, net, configID, { minCount: 0, expectedCount: 0 });
    const { uuid, createDate, updateDate, ...row } = await group(emu, groupID);
    assert.match(uuid, /^[0-9a-f-]{36}$/);
    assert.deepEqual([createDate, updateDate], ["2024-06-01 08:00:00", "2024-06-01 08:00:00"]);
    assert.deepEqual(row, {
      groupID,
      name: "web",
      status: 1,
      minCount: 0,
      maxCount: 5,
      expectedCount: 0,
      instanceCount: 0,
      healthMode: 1,
      healthPeriod: 300,
      moveOutStrategy: 3,
      recoveryMode: 1,
      useLb: 2,
      azStrategy: 1,
      configID,
      configName: "web-cfg",
      configList: [configID],
      subnetIDList: [net.subnetID],
      securityGroupIDList: [net.securityGroupID],
      vpcID: net.vpcID,
      vpcName: net.vpcName,
      vpcCidr: "10.0.0.0/16",
      projectIDEcs: "0",
      zabbixName: "",
      deleteProtection: false,
    });
    const missing = await scaling(emu, "group/list", { groupID: 19999 });
    failure(missing, "Scaling.Group.NotExists", "NotExists: scaling group 19999 does not exist");
    assert.equal(missing.description, "伸缩组19999不存在");
    assert.deepEqual(ok(await scaling<Row>(emu, "group/list", { pageNo: 1, pageSize: 10 }))["numberOfAll"], 1);
  });

  const refusals: Array<[string, Row, string, string]> = [
    ["minCount above maxCount", { minCount: 3, maxCount: 2, expectedCount: 3 }, "Openapi.Parameter.Invalid", "maxCount must be 3 (minCount)-2147483647 (got 2)"],
    ["minCount above 50", { minCount: 51, maxCount: 60, expectedCount: 51 }, "Openapi.Parameter.Invalid", "minCount must be 0-50 (got 51)"],
    ["expectedCount above maxCount", { expectedCount: 6 }, "Openapi.Parameter.Invalid", "expectedCount must be within [minCount, maxCount] = [1, 5] (got 6)"],
    ["a health period below 300 s", { healthPeriod: 299 }, "Openapi.Parameter.Invalid", "healthPeriod must be 300-10080 seconds (got 299)"],
    ["a load balancer health check without a load balancer", { healthMode: 2 }, "Openapi.Parameter.Invalid", "healthMode 2 (load balancer health check) needs useLb 1"],
    ["useLb 1 without lbList", { useLb: 1 }, "Openapi.Parameter.Invalid", "lbList is required when useLb is 1"],
    ["a load balancer port of 0", { useLb: 1, lbList: [{ port: 0, lbID: "lb-1", weight: 100, hostGroupID: "tg-1" }] }, "Openapi.Parameter.Invalid", "lbList port must be 1-65535 (got 0)"],
    ["no subnet", { subnetIDList: [] }, "Openapi.Parameter.Invalid", "subnetIDList must hold 1-5 subnets (the first is the master NIC)"],
    ["an unknown subnet", { subnetIDList: ["subnet-0000000000"] }, "Openapi.Subnet.NotFound", "subnet subnet-0000000000 not found"],
    ["an unknown VPC", { vpcID: "vpc-0000000000" }, "Openapi.Vpc.NotFound", "vpc vpc-0000000000 not found"],
    ["no security group in a multi-AZ region", { securityGroupIDList: [] }, "Openapi.Parameter.Invalid", "securityGroupIDList is required in a region with multiple availability zones"],
    ["no azStrategy in a multi-AZ region", { azStrategy: undefined }, "Openapi.Parameter.Invalid", "azStrategy (in a region with multiple availability zones) is required"],
    ["an unknown config", { configList: [29999] }, "Scaling.Config.NotFound", "NotFound: scaling config 29999 not found"],
    ["configID with configList", { configID: 20001 }, "Openapi.Parameter.Invalid", "configID (deprecated) and configList are mutually exclusive"],
    ["moveOutStrategy 5", { moveOutStrategy: 5 }, "Openapi.Parameter.Invalid", "moveOutStrategy must be one of 1, 2, 3, 4 (got 5)"],
    ["the deprecated mazInfo", { mazInfo: [{ masterId: "subnet-1", azName: AZ1 }] }, "Openapi.Parameter.Invalid", "mazInfo: mazInfo (deprecated) is not supported by the emulator: use subnetIDList"],
  ];
  for (const [what, body, code, message] of refusals) {
    it(`refuses ${what}`, async () => {
      const sent = groupBody(net, configID, body);
      for (const key of Object.keys(sent)) if (sent[key] === undefined) delete sent[key];
      failure(await scaling(emu, "group/create", sent), code, message);
      assert.equal((await emu.control.state()).resources["scalingGroup"], undefined, "nothing was made");
    });
  }

  it("takes a missing minCount as 0 (TF drops it by omitempty) and a missing expectedCount as minCount", async () => {
    const body = groupBody(net, configID, { expectedCount: undefined });
    delete body["minCount"];
    delete body["expectedCount"];
    const groupID = ok(await scaling<{ groupID: number }>(emu, "group/create", body)).groupID;
    assert.deepEqual([(await group(emu, groupID))["minCount"], (await group(emu, groupID))["expectedCount"], (await members(emu, groupID)).length], [0, 0, 0]);
    assert.deepEqual(await activities(emu, groupID), [], "nothing to do: no activity");
  });

  it("refuses a second group of the same name", async () => {
    await createGroup(emu, net, configID, { minCount: 0, expectedCount: 0 });
    failure(await scaling(emu, "group/create", groupBody(net, configID, { minCount: 0, expectedCount: 0 })), "Scaling.Group.NameDuplicated", "a scaling group named web already exists in this region; group names are unique");
  });

  it("scales out and in place by the desired count; scale-in releases the oldest VMs (strategy 3) and they are gone", async () => {
    const groupID = await createGroup(emu, net, configID);
    const initial = await settled(emu, groupID);
    ok(await scaling(emu, "group/update", { groupID, expectedCount: 4 }));
    const grown = await settled(emu, groupID);
    assert.equal(grown.length, 4);
    const out = (await activities(emu, groupID))[0]!;
    assert.deepEqual([out["executionMode"], out["beforeCount"], out["afterCount"], out["executionResult"]], [6, 2, 4, 1]);
    assert.deepEqual(grown.map((m) => m["azName"]), [AZ1, AZ2, AZ1, AZ2]);
    ok(await scaling(emu, "group/update", { groupID, expectedCount: 1 }));
    const leaving = await members(emu, groupID);
    assert.deepEqual(states(leaving), [[1, 1], [3, 1], [3, 1], [3, 1]]);
    assert.deepEqual(leaving.filter((m) => m["status"] === 1).map((m) => m["instanceID"]), [grown[3]!["instanceID"]], "the newest stays");
    const left = await settled(emu, groupID);
    assert.deepEqual(left.map((m) => m["instanceID"]), [grown[3]!["instanceID"]]);
    assert.deepEqual((await vms()).map((vm) => vm["instanceID"]), [grown[3]!["instanceID"]], "the released VMs are gone");
    assert.deepEqual(initial.map((m) => m["instanceID"]).every((id) => !left.some((m) => m["instanceID"] === id)), true);
    const disks = (await emu.control.state()).resources["disk"]!.map((d) => d.data as Row);
    assert.equal(disks.length, 2, "one VM's system disk and its packaged data disk remain");
    const inAct = (await activities(emu, groupID))[0]!;
    assert.deepEqual([inAct["beforeCount"], inAct["afterCount"], inAct["instanceList"].length], [4, 1, 3]);
  });

  it("takes up a change made while an activity runs when that activity ends", async () => {
    const groupID = await createGroup(emu, net, configID);
    ok(await scaling(emu, "group/update", { groupID, expectedCount: 3 }));
    assert.equal((await activities(emu, groupID)).length, 1, "the first activity still runs: the change waits");
    await settled(emu, groupID, 10);
    const log = await activities(emu, groupID);
    assert.deepEqual(log.map((a) => [a["executionMode"], a["beforeCount"], a["afterCount"], a["executionResult"]]), [[6, 2, 3, 1], [5, 0, 2, 1]]);
  });

  it("keeps the desired count within new bounds when only min/max change", async () => {
    const groupID = await createGroup(emu, net, configID);
    await settled(emu, groupID);
    ok(await scaling(emu, "group/update", { groupID, minCount: 3 }));
    assert.equal((await group(emu, groupID))["expectedCount"], 3);
    assert.equal((await settled(emu, groupID)).length, 3);
    failure(await scaling(emu, "group/update", { groupID, maxCount: 2 }), "Openapi.Parameter.Invalid", "maxCount must be 3 (minCount)-2147483647 (got 2)");
    failure(await scaling(emu, "group/update", { groupID, expectedCount: 9 }), "Openapi.Parameter.Invalid", "expectedCount must be within [minCount, maxCount] = [3, 5] (got 9)");
  });

  it("changes subnets and load balancers only while disabled; a disabled group starts nothing until enabled", async () => {
    const groupID = await createGroup(emu, net, configID, { minCount: 0, expectedCount: 0 });
    const second = ok((await emu.post("/v4/vpc/create-subnet", { regionID: R, vpcID: net.vpcID, name: "subnet-b", CIDR: "10.0.2.0/24" })).envelope<{ subnetID: string }>()).subnetID;
    failure(await scaling(emu, "group/update", { groupID, subnetIDList: [second] }), "Scaling.Group.StatusInvalid", `scaling group ${groupID} is enabled: disable it before changing its subnets or load balancers`);
    ok(await scaling(emu, "group/disable", { groupID }));
    ok(await scaling(emu, "group/disable", { groupID }));
    ok(await scaling(emu, "group/update", { groupID, subnetIDList: [second], expectedCount: 1 }));
    assert.deepEqual([(await group(emu, groupID))["status"], (await members(emu, groupID)).length, (await activities(emu, groupID)).length], [2, 0, 0]);
    ok(await scaling(emu, "group/enable", { groupID }));
    const [member] = await settled(emu, groupID);
    const vm = ok((await emu.get("/v4/ecs/instance-details", { regionID: R, instanceID: member!["instanceID"] })).envelope<Row>());
    assert.deepEqual(vm["subnetIDList"], [second]);
  });

  it("holds its VPC and subnet: neither can be deleted while the group exists", async () => {
    const groupID = await createGroup(emu, net, configID, { minCount: 0, expectedCount: 0 });
    failure((await emu.post("/v4/vpc/delete-subnet", { regionID: R, subnetID: net.subnetID })).envelope(), "Openapi.Resource.InUse", `subnet ${net.subnetID} is in use by scaling groups: ${groupID}`);
    failure((await emu.post("/v4/vpc/delete-security-group", { regionID: R, securityGroupID: net.securityGroupID })).envelope(), "Openapi.Resource.InUse", `security group ${net.securityGroupID} is used by scaling groups: ${groupID}`);
    ok(await scaling(emu, "group/delete", { groupID }));
    ok((await emu.post("/v4/vpc/delete-subnet", { regionID: R, subnetID: net.subnetID })).envelope());
  });

  it("deletes: refused while protected, and without force while VMs remain; force releases the VMs, and the group goes with the last one", async () => {
    const groupID = await createGroup(emu, net, configID);
    await settled(emu, groupID);
    ok(await scaling(emu, "rule/create", { groupID, name: "up", type: 1, action: 1, operateUnit: 1, operateCount: 1, cooldown: 60, triggerObj: { name: "up", metricName: "cpu_util", statistics: "avg", comparisonOperator: "ge", threshold: 80, period: "5m", evaluationCount: 1 } }));
    ok(await scaling(emu, "group/enable-protection", { groupID }));
    assert.equal((await group(emu, groupID))["deleteProtection"], true);
    failure(await scaling(emu, "group/delete", { groupID, force: true }), "Scaling.Group.DeleteProtected", `scaling group ${groupID} has delete protection on: disable it first`);
    ok(await scaling(emu, "group/disable-protection", { groupID }));
    failure(await scaling(emu, "group/delete", { groupID }), "Scaling.Group.StatusInvalid", `scaling group ${groupID} still has 2 instance(s): delete it with force true, or scale it to 0 first`);
    await emu.control.setTiming("refund", { mode: "polls", count: 3 });
    ok(await scaling(emu, "group/delete", { groupID, force: true }));
    // Still listed while its VMs are released (unsubscribing), then gone, with its rules and activities.
    assert.deepEqual(states(await members(emu, groupID)), [[3, 1], [3, 1]]);
    assert.deepEqual((await vms()).map((vm) => vm["instanceStatus"]), ["unsubscribing", "unsubscribing"]);
    failure(await scaling(emu, "group/update", { groupID, expectedCount: 3 }), "Scaling.Group.StatusInvalid", `scaling group ${groupID} is being deleted`);
    const answers: string[] = [];
    for (let i = 0; i < 3; i++) answers.push((await scaling(emu, "group/list", { groupID })).errorCode);
    // Three polls of the refund orders (the refused update's is rolled back with it), then they complete.
    assert.deepEqual(answers, ["SUCCESS", "SUCCESS", "Scaling.Group.NotExists"]);
    assert.deepEqual(await vms(), []);
    const state = await emu.control.state();
    assert.deepEqual(["scalingGroup", "scalingMember", "scalingActivity", "scalingRule", "disk"].map((kind) => state.resources[kind]?.length ?? 0), [0, 0, 0, 0, 0]);
    failure(await scaling(emu, "group/delete", { groupID, force: true }), "Scaling.Group.NotExists", `NotExists: scaling group ${groupID} does not exist`);
  });

  it("ends the activity failed with the reason when a VM cannot be ordered, and the group stays below its target", async () => {
    await emu.control.setTiming("order", { mode: "fail", times: 1, reason: "no capacity in the zone" });
    const groupID = await createGroup(emu, net, configID);
    const rows = await settled(emu, groupID);
    assert.equal(rows.length, 1);
    const activity = (await activities(emu, groupID))[0]!;
    assert.equal(activity["executionResult"], 2);
    assert.match(activity["failReason"], /^instance [0-9a-f-]{36} could not be created: no capacity in the zone$/);
    assert.equal((await group(emu, groupID))["instanceCount"], 1);
  });

  it("fails the activity at once when the ECS service refuses the launch (the subnet is full)", async () => {
    const tiny = ok((await emu.post("/v4/vpc/create-subnet", { regionID: R, vpcID: net.vpcID, name: "tiny", CIDR: "10.0.9.0/28" })).envelope<{ subnetID: string }>()).subnetID;
    for (let i = 0; i < 11; i++) await createInstance(emu, net, { networkCardList: [{ isMaster: true, subnetID: tiny }] });
    const groupID = await createGroup(emu, net, configID, { subnetIDList: [tiny] });
    const activity = (await activities(emu, groupID))[0]!;
    assert.deepEqual([activity["executionResult"], activity["failReason"], (await members(emu, groupID)).length], [2, `launching an instance failed: Openapi.Quota.Exceeded: subnet ${tiny} has no free IPv4 address`, 0]);
  });

  it("replaces a VM deleted behind its back (health replacement, mode 7)", async () => {
    const groupID = await createGroup(emu, net, configID, { expectedCount: 1 });
    const [member] = await settled(emu, groupID);
    await emu.control.deleteResource("instance", member!["instanceID"]);
    const rows = await settled(emu, groupID);
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0]!["instanceID"], member!["instanceID"]);
    assert.deepEqual((await activities(emu, groupID)).map((a) => a["executionMode"]), [7, 5]);
  });
});
