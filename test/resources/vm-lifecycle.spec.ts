/**
 * The VM lifecycle of the compute issue, through the serialized providers against the emulator:
 * a VM with a key pair and two security groups → flavor change (stop → change → start, seen in the
 * request log) → leave one group → attach a data disk → grow it → detach → delete everything in
 * dependency order, leaving the emulator with no resources and no order in flight.
 */
import assert from "node:assert/strict";
import { useProviderTestbed, type LoadedProvider, type Props } from "../helpers/providers";
import { RSA_2048, S7_LARGE, S7_XLARGE, UBUNTU } from "../emulator/fixtures/ecs";

interface Created {
  readonly kind: string;
  readonly id: string;
  outs: Props;
  inputs: Props;
}

describe("VM lifecycle through the serialized providers", () => {
  const bed = useProviderTestbed();

  async function create(kind: string, name: string, inputs: Props): Promise<Created> {
    const created = await bed.create(kind, inputs, name);
    return { kind, id: created.id, outs: created.outs, inputs: created.inputs };
  }

  /** check → diff (must be an in-place update) → update, as `pulumi up` does. */
  async function update(resource: Created, change: Props): Promise<void> {
    const provider: LoadedProvider = await bed.provider(resource.kind);
    const checked = await provider.check(resource.inputs, { ...resource.inputs, ...change });
    assert.deepEqual(checked.failures, []);
    const diff = await provider.diff(resource.id, resource.outs, checked.inputs);
    assert.deepEqual([diff.changes, diff.replaces], [true, []], `${resource.kind} ${Object.keys(change).join(",")} updates in place`);
    resource.outs = (await provider.update(resource.id, resource.outs, checked.inputs)).outs;
    resource.inputs = checked.inputs;
  }

  async function remove(resource: Created): Promise<void> {
    await (await bed.provider(resource.kind)).delete(resource.id, resource.outs);
  }

  async function operations(...names: string[]): Promise<string[]> {
    return (await bed.emu.control.requests()).map((r) => r.operation ?? "").filter((op) => names.includes(op));
  }

  it("creates, changes and deletes a VM with its key pair, groups and data disk, leaving nothing behind", async () => {
    // The catalog (regions, flavors, images, service switches) is seeded: "empty" means as at start.
    const initial = (await bed.emu.control.state()).resources;
    const vpc = await create("Vpc", "net", { cidr: "10.0.0.0/16" });
    const subnet = await create("Subnet", "app", { vpcId: vpc.id, cidr: "10.0.1.0/24" });
    const web = await create("SecurityGroup", "web", { vpcId: vpc.id });
    const admin = await create("SecurityGroup", "admin", { vpcId: vpc.id });
    const key = await create("KeyPair", "deployer", { publicKey: RSA_2048 });
    const vm = await create("Instance", "vm", {
      instanceName: "web-1",
      flavorId: S7_LARGE,
      imageId: UBUNTU,
      vpcId: vpc.id,
      subnetId: subnet.id,
      securityGroupIds: [web.id, admin.id],
      keyPairName: key.outs["name"],
    });
    assert.equal(vm.outs["status"], "running");
    assert.match(vm.outs["privateIp"], /^10\.0\.1\.\d+$/);
    assert.equal(vm.outs["flavorName"], "s7.large.2");

    await bed.emu.control.clearRequests();
    await update(vm, { flavorId: S7_XLARGE });
    assert.deepEqual(await operations("StopInstance", "UpdateFlavorSpec", "StartInstance"), ["StopInstance", "UpdateFlavorSpec", "StartInstance"]);
    assert.deepEqual([vm.outs["flavorName"], vm.outs["status"]], ["s7.xlarge.2", "running"]);

    await bed.emu.control.clearRequests();
    await update(vm, { securityGroupIds: [web.id] });
    assert.deepEqual(await operations("JoinSecurityGroup", "LeaveSecurityGroup"), ["LeaveSecurityGroup"]);
    const record = await bed.emu.control.resource<{ secGroupIDs: string[] }>("instance", vm.id);
    assert.deepEqual(record?.data.secGroupIDs, [web.id]);

    const disk = await create("Disk", "data", { type: "ssd", size: 20 });
    const attachment = await create("DiskAttachment", "data-on-vm", { diskId: disk.id, instanceId: vm.id });
    assert.equal(attachment.id, `${disk.id}:${vm.id}`);
    assert.equal(attachment.outs["device"], "/dev/vdb");

    await bed.emu.control.clearRequests();
    await update(disk, { size: 40 });
    assert.deepEqual(await operations("ResizeEbs"), ["ResizeEbs"]);
    assert.equal((await bed.emu.control.resource<{ diskSize: number; diskStatus: string }>("disk", disk.id))?.data.diskSize, 40);

    // Dependants first, as the engine orders deletes.
    await remove(attachment);
    assert.equal((await bed.emu.control.resource<{ diskStatus: string }>("disk", disk.id))?.data.diskStatus, "available");
    for (const resource of [disk, vm, key, admin, web, subnet, vpc]) await remove(resource);

    const state = await bed.emu.control.state();
    assert.deepEqual(state.resources, initial, "the emulator holds what it held before the test, nothing more");
    assert.deepEqual(state.orders.filter((o) => !["3", "5"].includes(String((o as { status?: unknown }).status))), [], "no order in flight");
  });
});
