/**
 * Affinity groups in the emulator (api-notes/affinity-group.md): CRUD, VMs created into a group and
 * placed on hosts its policy allows (a strict anti-affinity group takes at most as many VMs per zone
 * as the zone has hosts: the order fails), bind-check/bind/unbind, details and members, and the
 * in-use refusal.
 */
import assert from "node:assert/strict";
import type { InstanceRecord } from "../../emulator/services/ecs/records";
import { UNKNOWN_CODE_SITUATIONS } from "../../emulator/unknown-codes";
import { REGION_HUADONG1, useEmulator, type EmulatorHarness } from "../helpers/emulator";
import { AZ1, createInstance, createNetwork, details, failure, finishOrder, instanceBody, ok, settle, type Network } from "./fixtures/ecs";

const R = REGION_HUADONG1;

async function createGroup(emu: EmulatorHarness, policyType: number, name = "spread"): Promise<string> {
  return ok((await emu.post("/v4/ecs/affinity-group/create", { regionID: R, affinityGroupName: name, policyType })).envelope<{ affinityGroupID: string }>()).affinityGroupID;
}

async function hostOf(emu: EmulatorHarness, instanceID: string): Promise<string> {
  return (await emu.control.resource<InstanceRecord>("instance", instanceID))!.data.hostID!;
}

async function orderVm(emu: EmulatorHarness, net: Network, body: Record<string, unknown>): Promise<{ orderStatus: string; instanceIDList: string[] }> {
  const placed = ok((await emu.post("/v4/ecs/create-instance", instanceBody(net, body))).envelope<{ masterOrderID: string }>());
  return finishOrder(emu, placed.masterOrderID);
}

describe("emulator: affinity groups", () => {
  const emu = useEmulator({ transport: "in-process" });

  it("creates (policyType 2 by default), lists by exact id or query, renames and deletes a group", async () => {
    const created = ok((await emu.post("/v4/ecs/affinity-group/create", { regionID: R, affinityGroupName: "web.tier_1" })).envelope<Record<string, unknown>>());
    const id = created["affinityGroupID"] as string;
    assert.deepEqual(created, { affinityGroupID: id, affinityGroupName: "web.tier_1", affinityGroupPolicy: { policyType: 2, policyTypeName: "soft-anti-affinity" } });
    // A query also matches ids: "PRIMARY" cannot occur in a hex id, so only the name matches.
    await createGroup(emu, 0, "db-primary");
    const byId = ok((await emu.post("/v4/ecs/affinity-group/list", { regionID: R, affinityGroupID: id })).envelope<Record<string, unknown>>());
    assert.deepEqual(byId, {
      results: [{ affinityGroupID: id, affinityGroupName: "web.tier_1", affinityGroupPolicy: { policyType: 2, policyTypeName: "soft-anti-affinity" }, createdTime: "2024-06-01T00:00:00.000Z", updatedTime: "2024-06-01T00:00:00.000Z", deleted: false }],
      currentCount: 1,
      totalCount: 1,
      totalPage: 1,
    });
    assert.equal(ok((await emu.post("/v4/ecs/affinity-group/list", { regionID: R, queryContent: "PRIMARY" })).envelope<{ totalCount: number }>()).totalCount, 1);
    ok((await emu.post("/v4/ecs/affinity-group-update", { regionID: R, affinityGroupID: id, affinityGroupName: "web" })).envelope());
    ok((await emu.post("/v4/ecs/affinity-group-delete", { regionID: R, affinityGroupID: id })).envelope());
    assert.equal(ok((await emu.post("/v4/ecs/affinity-group/list", { regionID: R, affinityGroupID: id })).envelope<{ totalCount: number }>()).totalCount, 0);
    failure((await emu.post("/v4/ecs/affinity-group-delete", { regionID: R, affinityGroupID: id })).envelope(), "Ecs.AffinityGroup.NotFound", `affinity group ${id} does not exist in region ${R}`);
    failure((await emu.post("/v4/ecs/affinity-group/create", { regionID: R, affinityGroupName: "a b", policyType: 0 })).envelope(), "Openapi.Parameter.Invalid", "affinityGroupName may contain only Chinese characters, letters, digits, '_', '-' and '.'");
    failure((await emu.post("/v4/ecs/affinity-group/create", { regionID: R, affinityGroupName: "ab", policyType: 5 })).envelope(), "Openapi.Parameter.Invalid", "policyType must be 0, 1, 2, 3 or 4 (got 5)");
  });

  it("places VMs created into a strict anti-affinity group on distinct hosts, and fails the order when the zone's hosts ran out", async () => {
    const net = await createNetwork(emu);
    const group = await createGroup(emu, 0);
    await emu.control.patchResource("hostPool", AZ1, { hostCount: 2 });
    const a = await createInstance(emu, net, { affinityGroupID: group });
    const b = await createInstance(emu, net, { affinityGroupID: group });
    assert.notEqual(await hostOf(emu, a), await hostOf(emu, b));
    assert.deepEqual(ok(await details(emu, a))["affinityGroup"], { policy: "anti-affinity", affinityGroupPolicy: "anti-affinity", affinityGroupName: "spread", affinityGroupID: group });
    const third = await orderVm(emu, net, { affinityGroupID: group });
    assert.deepEqual(third, { orderStatus: "5", instanceIDList: [] });
    // A VM outside the group still fits: hosts have no capacity limit in this model.
    await createInstance(emu, net);
    const unknownGroup = "00000000-0000-4000-8000-00000000abcd";
    failure((await emu.post("/v4/ecs/create-instance", instanceBody(net, { affinityGroupID: unknownGroup }))).envelope(), "Ecs.AffinityGroup.NotFound", `affinity group ${unknownGroup} does not exist in region ${R}`);
  });

  it("keeps strict affinity members on one host, and soft anti-affinity spreads while it can", async () => {
    const net = await createNetwork(emu);
    const together = await createGroup(emu, 1, "together");
    const soft = await createGroup(emu, 2, "soft");
    await emu.control.patchResource("hostPool", AZ1, { hostCount: 2 });
    const [a, b] = [await createInstance(emu, net, { affinityGroupID: together }), await createInstance(emu, net, { affinityGroupID: together })];
    assert.equal(await hostOf(emu, a), await hostOf(emu, b));
    const spread = [];
    for (let i = 0; i < 3; i++) spread.push(await hostOf(emu, await createInstance(emu, net, { affinityGroupID: soft })));
    assert.equal(new Set(spread.slice(0, 2)).size, 2, "the first two on different hosts");
    assert.equal(spread.length, 3, "the third still placed (best effort)");
  });

  it("binds a VM after a check (needMigrate 0 when its host fits, 1 when it must move), shows it in details and members, and unbinds it", async () => {
    const net = await createNetwork(emu);
    const group = await createGroup(emu, 0);
    await emu.control.patchResource("hostPool", AZ1, { hostCount: 2 });
    const member = await createInstance(emu, net, { affinityGroupID: group });
    const other = await createInstance(emu, net);
    // Both hosts hold one VM: the second went to the other host, so it may join as it is.
    const check = ok((await emu.post("/v4/ecs/affinity-group/bind-instance-check", { regionID: R, instanceID: other, affinityGroupID: group })).envelope<{ needMigrate: number }>());
    assert.deepEqual(check, { needMigrate: 0 });
    await emu.control.patchResource("instance", other, { hostID: await hostOf(emu, member) });
    assert.deepEqual(ok((await emu.post("/v4/ecs/affinity-group/bind-instance-check", { regionID: R, instanceID: other, affinityGroupID: group })).envelope()), { needMigrate: 1 });
    ok((await emu.post("/v4/ecs/affinity-group/bind-instance", { regionID: R, instanceID: other, affinityGroupID: group })).envelope());
    assert.notEqual(await hostOf(emu, other), await hostOf(emu, member), "moved to a host without a member");
    assert.deepEqual(ok((await emu.get("/v4/ecs/affinity-group/details", { regionID: R, instanceID: other })).envelope()), { policyTypeName: "anti-affinity", affinityGroupName: "spread", affinityGroupID: group });
    const members = ok((await emu.post("/v4/ecs/affinity-group/list-instance", { regionID: R, affinityGroupID: group })).envelope<{ totalCount: number; results: Array<{ instanceID: string }> }>());
    assert.deepEqual({ total: members.totalCount, ids: members.results.map((r) => r.instanceID) }, { total: 2, ids: [member, other] });
    failure((await emu.post("/v4/ecs/affinity-group/bind-instance", { regionID: R, instanceID: other, affinityGroupID: group })).envelope(), "Ecs.AffinityGroup.AlreadyBound", `instance ${other} is already in affinity group ${group}; an instance is in at most one group`);
    // A third VM cannot join: both hosts run a member.
    const third = await createInstance(emu, net);
    failure((await emu.post("/v4/ecs/affinity-group/bind-instance-check", { regionID: R, instanceID: third, affinityGroupID: group })).envelope(), "Ecs.AffinityGroup.NoValidHost", `no host in ${AZ1} can run instance ${third} under the anti-affinity policy of affinity group ${group}`);
    ok((await emu.post("/v4/ecs/affinity-group/unbind-instance", { regionID: R, instanceID: other, affinityGroupID: group })).envelope());
    failure((await emu.get("/v4/ecs/affinity-group/details", { regionID: R, instanceID: other })).envelope(), "Ecs.AffinityGroup.NotBound", `instance ${other} is in no affinity group`);
    assert.equal(ok(await details(emu, other))["affinityGroup"], null);
  });

  it("refuses binding a VM in a passing status, and deleting a group that still has VMs, until they leave", async () => {
    const net = await createNetwork(emu);
    const group = await createGroup(emu, 2);
    const vm = await createInstance(emu, net, { affinityGroupID: group });
    const inUse = (await emu.post("/v4/ecs/affinity-group-delete", { regionID: R, affinityGroupID: group })).envelope();
    assert.ok((UNKNOWN_CODE_SITUATIONS["affinity-group-in-use"] as readonly string[]).includes(inUse.errorCode));
    assert.equal(inUse.message, `affinity group ${group} still has instances: ${vm}`);
    ok((await emu.post("/v4/ecs/stop-instance", { regionID: R, instanceID: vm, force: false })).envelope());
    failure((await emu.post("/v4/ecs/affinity-group/unbind-instance", { regionID: R, instanceID: vm, affinityGroupID: group })).envelope(), "Ecs.Instance.StatusInvalid", `instance ${vm} is stopping; this operation needs it running or stopped or shelve`);
    assert.equal((await settle(emu, vm, "stopping")).instanceStatus, "stopped");
    ok((await emu.post("/v4/ecs/affinity-group/unbind-instances", { regionID: R, instanceIDs: vm, affinityGroupID: group })).envelope());
    ok((await emu.post("/v4/ecs/affinity-group-delete", { regionID: R, affinityGroupID: group })).envelope());
  });
});
