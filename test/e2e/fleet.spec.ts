/**
 * The fleet example with the real engine: up bakes a private image from a stopped golden VM and
 * launches the scaling group's VMs from it, each with a data disk the snapshot policy applies to;
 * raising `desired` from 2 to 3 scales the group in place (a third VM runs, its data disk follows
 * the policy too); a preview then wants nothing; destroy leaves the emulator empty.
 *
 * Its own spec rather than a scenario of examples.spec.ts: that flow's replace and drift steps
 * would add two more ups of a scaling group for nothing the other examples do not cover, while
 * scaling in place needs checks of its own (the group's VMs, their image, their disks).
 */
import assert from "node:assert/strict";
import type { Stack } from "@pulumi/pulumi/automation";
import { changes, describeE2E, timed } from "./harness";
import type { StoredRecord } from "../../tools/demo/emulator-process";

const SUITE = "fleet";
const PASSWORD = { value: "Fleet#e2e-Pass7x", secret: true };

describeE2E("fleet example", (e2e) => {
  let stack: Stack;
  let first: string[] = [];

  async function records(kind: string): Promise<StoredRecord[]> {
    return (await e2e().resources())[kind] ?? [];
  }

  /** The running VMs the scaling group launched (every instance but the golden one), by id. */
  async function fleetVms(goldenId: string): Promise<StoredRecord[]> {
    return (await records("instance")).filter((vm) => vm.id !== goldenId).sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The data disks (not system disks) attached to `vmIds`, each with the snapshot policy it follows: [diskId, policyId], by disk id. */
  async function dataDisksOf(vmIds: readonly string[]): Promise<Array<[string, string | undefined]>> {
    const all = await e2e().resources();
    const policyOf = new Map((all["snapshotPolicyBinding"] ?? []).map((b) => [String(b.data["diskID"]), String(b.data["snapshotPolicyID"])]));
    return (all["disk"] ?? [])
      .filter((d) => d.data["isSystemVolume"] !== true && vmIds.includes(String(d.data["instanceID"])))
      .map((d): [string, string | undefined] => [d.id, policyOf.get(d.id)])
      .sort((a, b) => a[0].localeCompare(b[0]));
  }

  it("up bakes the image from the stopped golden VM and launches the group's VMs from it", async () => {
    stack = await e2e().exampleStack("fleet", "dev", { fleetPassword: PASSWORD });
    const up = await timed(SUITE, "up (create, desired 2)", () => stack.up());
    assert.equal(up.summary.result, "succeeded");
    const out = Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.value]));
    const golden = await e2e().control.resource("instance", String(out["goldenInstanceId"]));
    assert.equal(golden?.data["instanceStatus"], "stopped", "the golden VM stays stopped");
    first = [...(out["instanceIds"] as string[])].sort();
    assert.equal(out["instanceCount"], 2);
    const vms = await fleetVms(String(out["goldenInstanceId"]));
    assert.deepEqual(vms.map((vm) => vm.id), first, "the group's VMs are the emulator's other instances");
    for (const vm of vms) {
      assert.equal(vm.data["instanceStatus"], "running");
      assert.equal(vm.data["imageID"], out["imageId"], `${vm.id} boots the private image`);
    }
    const disks = await dataDisksOf(first);
    assert.equal(disks.length, 2, "one data disk per VM");
    assert.deepEqual(disks, [...(out["dataDiskIds"] as string[])].sort().map((id) => [id, out["snapshotPolicyId"]]), "the policy applies to the group's data disks");
  });

  it("scales desired 2 → 3 in place, and the new VM's data disk follows the policy", async () => {
    const before = await stack.outputs();
    await stack.setConfig("desired", { value: "3" });
    const up = await timed(SUITE, "up (desired 3)", () => stack.up());
    const summary = changes(up.summary);
    assert.deepEqual(Object.keys(summary).sort(), ["same", "update"], JSON.stringify(summary));
    assert.equal(summary["update"], 2, `the group and the policy's disks: ${JSON.stringify(summary)}`);
    const after = await stack.outputs();
    assert.equal(after["groupId"]?.value, before["groupId"]?.value);
    assert.equal(after["imageId"]?.value, before["imageId"]?.value);
    const ids = [...(after["instanceIds"]?.value as string[])].sort();
    assert.equal(ids.length, 3);
    assert.ok(first.every((id) => ids.includes(id)), "the first two VMs stay");
    assert.deepEqual((await fleetVms(String(after["goldenInstanceId"]?.value))).map((vm) => [vm.id, vm.data["instanceStatus"]]), ids.map((id) => [id, "running"]), "the emulator runs three VMs");
    const disks = await dataDisksOf(ids);
    assert.equal(disks.length, 3);
    assert.deepEqual(disks, [...(after["dataDiskIds"]?.value as string[])].sort().map((id) => [id, after["snapshotPolicyId"]?.value]), "the new VM's data disk follows the policy too");
  });

  it("previews no change after scaling", async () => {
    const preview = await timed(SUITE, "preview (expect no changes)", () => stack.preview({ expectNoChanges: true }));
    assert.deepEqual(Object.keys(changes({ resourceChanges: preview.changeSummary })), ["same"], preview.stdout);
  });

  it("destroy deletes everything it created", async () => {
    const result = await timed(SUITE, "destroy", () => stack.destroy());
    assert.equal(result.summary.result, "succeeded");
    assert.deepEqual(await e2e().resources(), {}, "the emulator holds no resources");
    await stack.workspace.removeStack(stack.name);
  });
});
