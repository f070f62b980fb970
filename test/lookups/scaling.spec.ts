/** getScalingGroups / getScalingGroup against the emulator, as a program calls them. */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as ctyun from "../../provider";
import { configureRuntime } from "../../provider/runtime";
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from "../../emulator/index";
import { REGION_HUADONG1, useEmulator } from "../helpers/emulator";
import { createNetwork } from "../emulator/fixtures/ecs";
import { createConfig, createGroup, scaling } from "../emulator/fixtures/scaling";

describe("lookups: scaling groups", () => {
  const emu = useEmulator();
  const saved = process.env["PULUMI_CONFIG"];

  beforeEach(() => {
    configureRuntime({ deps: { now: () => emu.clock.now() } });
    pulumi.runtime.setAllConfig({ "ctyun:endpoint": emu.url, "ctyun:accessKey": DEMO_ACCESS_KEY, "ctyun:secretKey": DEMO_SECRET_KEY, "ctyun:regionId": REGION_HUADONG1 });
  });
  after(() => {
    if (saved === undefined) delete process.env["PULUMI_CONFIG"];
    else process.env["PULUMI_CONFIG"] = saved;
    configureRuntime(undefined);
  });

  it("lists every page of groups with their settings, filters by name, VPC and status, and finds one", async () => {
    const net = await createNetwork(emu);
    const other = await createNetwork(emu, "172.16.0.0/16", "172.16.1.0/24");
    const configID = await createConfig(emu);
    const ids: number[] = [];
    for (let i = 0; i < 102; i++) ids.push(await createGroup(emu, net, configID, { name: `web-${String(i).padStart(3, "0")}`, minCount: 0, expectedCount: 0 }));
    const api = await createGroup(emu, other, configID, { name: "api", minCount: 0, maxCount: 3, expectedCount: 0, healthPeriod: 600 });
    await scaling(emu, "group/disable", { groupID: api });
    const all = await ctyun.getScalingGroups();
    assert.equal(all.groups.length, 103, "two pages of 100 followed");
    assert.deepEqual(all.ids.slice(0, 2), [String(ids[0]), String(ids[1])]);
    const found = await ctyun.getScalingGroup({ vpcId: other.vpcID });
    assert.deepEqual(
      { ...found, createdAt: typeof found.createdAt },
      {
        groupId: String(api),
        name: "api",
        status: "disabled",
        vpcId: other.vpcID,
        subnetIds: [other.subnetID],
        securityGroupIds: [other.securityGroupID],
        configIds: [String(configID)],
        minCount: 0,
        maxCount: 3,
        desiredCount: 0,
        instanceCount: 0,
        healthMode: "server",
        healthPeriod: 600,
        deleteProtection: false,
        createdAt: "string",
      },
    );
    assert.equal((await ctyun.getScalingGroups({ status: "enabled" })).groups.length, 102);
    assert.deepEqual((await ctyun.getScalingGroups({ nameRegex: "^web-10[01]$" })).groups.map((g) => g.name), ["web-100", "web-101"]);
    await assert.rejects(ctyun.getScalingGroup({ nameRegex: "^web-00" }), (error: Error) => {
      assert.match(error.message, /^10 scaling groups match name ~ \/\^web-00\/; narrow the filters to one of:\n  - web-000 \(\d+, 0 VMs, enabled\)/);
      return true;
    });
    await assert.rejects(ctyun.getScalingGroup({ nameRegex: "^nope$" }), /^Error: no scaling group matches name ~ \/\^nope\$\/$/);
  });

  it("has Output forms taking Inputs", async () => {
    const net = await createNetwork(emu);
    const configID = await createConfig(emu);
    const id = await createGroup(emu, net, configID, { name: "solo", minCount: 0, expectedCount: 0 });
    const found = await new Promise<ctyun.ScalingGroupInfo>((resolve) => ctyun.getScalingGroupOutput({ nameRegex: pulumi.output("^solo$") }).apply(resolve));
    assert.equal(found.groupId, String(id));
  });
});
