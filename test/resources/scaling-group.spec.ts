/** ScalingGroup through its serialized provider against the emulator: the contract, scaling in place, waits, protection, checks. */
import assert from "node:assert/strict";
import { describeResourceContract } from "../helpers/resource-contract";
import { useProviderTestbed, type ProviderTestbed } from "../helpers/providers";
import { REGION_HUABEI2, REGION_HUADONG1 } from "../helpers/emulator";
import { createNetwork } from "../emulator/fixtures/ecs";
import { createConfig, members, type Row } from "../emulator/fixtures/scaling";
import { createLoadBalancer, createTargetGroup, get } from "../emulator/fixtures/elb";
import { ok } from "../emulator/fixtures/ebs";

type Props = Record<string, any>;

async function groupInputs(bed: ProviderTestbed, extra: Props = {}): Promise<Props> {
  const net = await createNetwork(bed.emu);
  const configID = await createConfig(bed.emu, { name: `cfg-${net.vpcID.slice(4, 10)}` });
  return { vpcId: net.vpcID, subnetIds: [net.subnetID], securityGroupIds: [net.securityGroupID], configIds: [String(configID)], minCount: 1, maxCount: 4, desiredCount: 2, ...extra };
}

async function vms(bed: ProviderTestbed): Promise<Row[]> {
  return (await bed.emu.post("/v4/ecs/describe-instances", { regionID: REGION_HUADONG1, pageNo: 1, pageSize: 50 })).envelope<{ results: Row[] }>().returnObj.results;
}

describeResourceContract({
  kind: "ScalingGroup",
  idOutput: "groupId",
  recordKind: "scalingGroup",
  createOperation: "CreateScalingGroup",
  createPath: "/v4/scaling/group/create",
  inputs: (bed) => groupInputs(bed),
  updates: [
    { name: "renamed-group" },
    { desiredCount: 3 },
    { minCount: 0, desiredCount: 1 },
    { maxCount: 6, healthPeriod: 600 },
    { moveOutStrategy: "later_vm", azStrategy: "priority_distribution" },
    { enabled: false },
    { enabled: true, deleteProtection: true },
    { deleteProtection: false },
  ],
  replacements: [{ vpcId: "vpc-0000000000" }, { regionId: REGION_HUABEI2 }, { projectId: "0" }],
  drift: { patch: { name: "renamed-by-hand", healthPeriod: 900 }, inputs: { name: "renamed-by-hand", healthPeriod: 900 } },
});

describe("ScalingGroup: specifics", () => {
  const bed = useProviderTestbed();

  async function operations(): Promise<string[]> {
    return (await bed.emu.control.requests()).map((r) => (r.errorCode && r.errorCode !== "SUCCESS" ? `${r.operation}:${r.errorCode}` : String(r.operation)));
  }

  it("creates the group and waits until its desired count of VMs is in service; the VMs are ordinary ECS instances", async () => {
    const { id, outs } = await bed.create("ScalingGroup", await groupInputs(bed));
    assert.match(id, /^\d+$/);
    const running = await vms(bed);
    assert.deepEqual([outs["status"], outs["instanceCount"], outs["currentDesiredCount"]], ["enabled", 2, 2]);
    assert.deepEqual([...outs["instanceIds"]].sort(), running.map((vm) => vm["instanceID"]).sort());
    assert.deepEqual(running.map((vm) => vm["instanceStatus"]), ["running", "running"]);
    assert.deepEqual((await members(bed.emu, Number(id))).map((m) => m["status"]), [1, 1]);
  });

  it("scales the desired count in place (out, then in: the oldest VMs go), with no diff left after a refresh", async () => {
    const provider = await bed.provider("ScalingGroup");
    const { id, outs, inputs } = await bed.create("ScalingGroup", await groupInputs(bed));
    const first = outs["instanceIds"] as string[];
    const grown = await provider.update(id, outs, { ...inputs, desiredCount: 4 });
    assert.equal(grown.outs["instanceCount"], 4);
    assert.deepEqual((grown.outs["instanceIds"] as string[]).slice(0, 2), first);
    const shrunk = await provider.update(id, grown.outs, { ...inputs, desiredCount: 1 });
    assert.deepEqual(shrunk.outs["instanceIds"], [(grown.outs["instanceIds"] as string[])[3]], "earlier_vm: the oldest leave first");
    assert.deepEqual((await vms(bed)).map((vm) => vm["instanceID"]), shrunk.outs["instanceIds"], "released VMs are gone");
    const read = await provider.read(id, shrunk.outs);
    const diff = await provider.diff(id, read.props ?? {}, { ...inputs, desiredCount: 1 });
    assert.equal(diff.changes, false);
  });

  it("registers its VMs as targets of a load balancer's target group, and deregisters the VMs it releases", async () => {
    const provider = await bed.provider("ScalingGroup");
    const inputs = await groupInputs(bed);
    const loadBalancerId = await createLoadBalancer(bed.emu, inputs["subnetIds"][0]);
    const targetGroupId = await createTargetGroup(bed.emu, inputs["vpcId"]);
    const targets = async (): Promise<Array<[string, number, number]>> =>
      (ok(await get(bed.emu, "/v4/elb/list-target", { targetGroupID: targetGroupId })) as Row[]).map((t): [string, number, number] => [t["instanceID"], t["protocolPort"], t["weight"]]).sort();
    const expected = (ids: readonly string[]) => [...ids].sort().map((id): [string, number, number] => [id, 8080, 30]);

    const { id, outs, inputs: bound } = await bed.create("ScalingGroup", { ...inputs, loadBalancers: [{ loadBalancerId, targetGroupId, port: 8080, weight: 30 }] });
    assert.deepEqual(outs["loadBalancers"], [{ loadBalancerId, targetGroupId, port: 8080, weight: 30 }]);
    assert.deepEqual(await targets(), expected(outs["instanceIds"]), "both VMs are targets, on the group's port and weight");
    const grown = await provider.update(id, outs, { ...bound, desiredCount: 3 });
    assert.deepEqual(await targets(), expected(grown.outs["instanceIds"]), "the VM launched by scaling out joins");
    const shrunk = await provider.update(id, grown.outs, { ...bound, desiredCount: 1 });
    assert.equal(shrunk.outs["instanceIds"].length, 1);
    assert.deepEqual(await targets(), expected(shrunk.outs["instanceIds"]), "the VMs released by scaling in left the target group");
    await provider.delete(id, shrunk.outs);
    assert.deepEqual(await targets(), [], "deleting the group empties the target group");
  });

  it("disables the group to change its subnets (CTyun's rule) and enables it again; new VMs use the new subnet", async () => {
    const provider = await bed.provider("ScalingGroup");
    const inputs0 = await groupInputs(bed, { desiredCount: 1 });
    const { id, outs, inputs } = await bed.create("ScalingGroup", inputs0);
    const second = (await bed.emu.post("/v4/vpc/create-subnet", { regionID: REGION_HUADONG1, vpcID: inputs0["vpcId"], name: "subnet-b", CIDR: "10.0.2.0/24" })).envelope<{ subnetID: string }>().returnObj.subnetID;
    await bed.emu.control.clearRequests();
    const updated = await provider.update(id, outs, { ...inputs, subnetIds: [second], desiredCount: 2 });
    const ops = (await operations()).filter((op) => !op.startsWith("List") && !op.startsWith("Describe"));
    assert.deepEqual(ops, ["DisableScalingGroup", "UpdateScalingGroup", "EnableScalingGroup"]);
    assert.equal(updated.outs["status"], "enabled");
    const newest = (updated.outs["instanceIds"] as string[])[1]!;
    const vm = (await bed.emu.get("/v4/ecs/instance-details", { regionID: REGION_HUADONG1, instanceID: newest })).envelope<Row>().returnObj;
    assert.deepEqual(vm["subnetIDList"], [second]);
  });

  it("fails create with the scaling activity's reason, recording the group; the next update tries again", async () => {
    const provider = await bed.provider("ScalingGroup");
    const checked = await provider.check({}, { pulumiName: "unlucky", ...(await groupInputs(bed)) });
    await bed.emu.control.setTiming("order", { mode: "fail", times: 1, reason: "sold out" });
    let partial: { id?: string; properties?: Props; reasons?: string[] } | undefined;
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), (error: typeof partial & Error) => {
      partial = error;
      return true;
    });
    assert.match(partial?.id ?? "", /^\d+$/);
    assert.match(partial?.reasons?.[0] ?? "", /its scaling activity failed: instance [0-9a-f-]{36} could not be created: sold out/);
    const resumed = await provider.update(partial!.id!, partial!.properties!, { ...checked.inputs, __provider: provider.text });
    assert.equal(resumed.outs["instanceCount"], 2);
  });

  it("refuses to delete while delete protection is on, and releases every VM it launched once deleted", async () => {
    const provider = await bed.provider("ScalingGroup");
    const { id, outs, inputs } = await bed.create("ScalingGroup", await groupInputs(bed, { deleteProtection: true }));
    await assert.rejects(provider.delete(id, outs), /has delete protection on: set deleteProtection to false and run `pulumi up`, then delete it$/);
    const unprotected = await provider.update(id, outs, { ...inputs, deleteProtection: false });
    await provider.delete(id, unprotected.outs);
    assert.deepEqual(await vms(bed), []);
    const state = await bed.emu.control.state();
    assert.deepEqual(["scalingGroup", "scalingMember", "disk"].map((kind) => state.resources[kind]?.length ?? 0), [0, 0, 0]);
  });

  it("refuses to take over a group of the same name made by someone else", async () => {
    const inputs = await groupInputs(bed, { name: "shared-group", minCount: 0, desiredCount: 0 });
    await bed.create("ScalingGroup", inputs);
    const provider = await bed.provider("ScalingGroup");
    const checked = await provider.check({}, { pulumiName: "other", ...inputs });
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), /^Error: a scaling group named shared-group already exists in region [0-9a-f]{32} \(\d+\): choose another name, or take it under management with adoptId$/);
  });

  const checks: Array<[string, Props, Array<{ property: string; reason: string }>]> = [
    ["maxCount below minCount", { minCount: 3, maxCount: 2, desiredCount: undefined }, [{ property: "maxCount", reason: "must be at least minCount (3)" }]],
    ["desiredCount above maxCount", { desiredCount: 5 }, [{ property: "desiredCount", reason: "must be within minCount and maxCount (1-4)" }]],
    ["desiredCount below minCount", { minCount: 3, desiredCount: 2 }, [{ property: "desiredCount", reason: "must be within minCount and maxCount (3-4)" }]],
    ["minCount above 50", { minCount: 51, maxCount: 60, desiredCount: undefined }, [{ property: "minCount", reason: "must be a whole number from 0 to 50" }]],
    ["a health period of 60 s", { healthPeriod: 60 }, [{ property: "healthPeriod", reason: "must be a whole number from 300 to 10080 seconds" }]],
    ["lb health checks without load balancers", { healthMode: "lb" }, [{ property: "healthMode", reason: '"lb" needs loadBalancers: the load balancers check the VMs\' health' }]],
    ["six subnets", { subnetIds: ["subnet-a", "subnet-b", "subnet-c", "subnet-d", "subnet-e", "subnet-f"].map((s) => s.padEnd(17, "0")) }, [{ property: "subnetIds", reason: "must list at most 5 subnets" }]],
    ["a config id that is not one", { configIds: ["web"] }, [{ property: "configIds", reason: "0: must hold ScalingConfig ids (digits), e.g. config.configId" }]],
    ["a config twice", { configIds: ["20001", "20001"] }, [{ property: "configIds", reason: "must not list a scaling config twice" }]],
    ["a target group and port twice", { loadBalancers: [{ loadBalancerId: "lb-1", targetGroupId: "tg-1", port: 80 }, { loadBalancerId: "lb-1", targetGroupId: "tg-1", port: 80 }] }, [{ property: "loadBalancers", reason: "must not name the same target group and port twice" }]],
    ["an unknown move-out strategy", { moveOutStrategy: "random" }, [{ property: "moveOutStrategy", reason: "must be earlier_config, later_config, earlier_vm or later_vm" }]],
  ];
  for (const [what, change, failures] of checks) {
    it(`check refuses ${what}, before any call`, async () => {
      const provider = await bed.provider("ScalingGroup");
      const news: Props = { pulumiName: "checked", vpcId: "vpc-abcdefghij", subnetIds: ["subnet-abcdefghij"], configIds: ["20001"], minCount: 1, maxCount: 4, desiredCount: 2, ...change };
      for (const key of Object.keys(news)) if (news[key] === undefined) delete news[key];
      await bed.emu.control.clearRequests();
      assert.deepEqual((await provider.check({}, news)).failures, failures);
      assert.deepEqual(await bed.emu.control.requests(), [], "check calls nothing");
    });
  }
});
