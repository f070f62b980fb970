/**
 * Auto scaling with the real engine: a program with a network, a ScalingConfig, a ScalingGroup of
 * two VMs and an alarm policy. Up launches the VMs (ordinary ECS instances, listed by
 * describe-instances); raising the desired count to 3 updates the group in place and a third VM
 * runs; a preview then wants nothing; destroy releases every VM and leaves the emulator empty.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { createClient } from "../../provider/client/client";
import { DescribeInstances } from "../../provider/client/operations/ecs";
import { ACCESS_KEY, REGION_ID, SECRET_KEY, changes, describeE2E, timed } from "./harness";

const FIXTURE = join(__dirname, "fixtures", "scaling");
const VM_PASSWORD = { value: "Fleet#Pass2024", secret: true };

describeE2E("auto scaling", (e2e) => {
  const suite = "scaling";

  /** The VMs as the ECS API lists them: id and status, by id. */
  async function ecsVms(): Promise<Array<[string, string]>> {
    const client = createClient({ credentials: { accessKey: ACCESS_KEY, secretKey: SECRET_KEY }, endpoint: e2e().emulator.url });
    try {
      const page = await client.send(DescribeInstances, { regionID: REGION_ID, pageNo: 1, pageSize: 50 });
      return page.results.map((vm): [string, string] => [vm.instanceID, String(vm.instanceStatus)]).sort();
    } finally {
      client.close();
    }
  }

  it("launches the group's VMs, scales 2 → 3 in place, previews no change, and destroy releases every VM", async () => {
    const stack = await e2e().programStack("ctyun-e2e-scaling", FIXTURE, "dev", { vmPassword: VM_PASSWORD, desiredCount: "2" });

    const up = await timed(suite, "up (desired 2)", () => stack.up());
    assert.deepEqual(changes(up.summary), { create: 7 }, "stack, VPC, subnet, security group, config, group, policy");
    const first = await stack.outputs();
    const firstIds = [...(first["instanceIds"]?.value as string[])].sort();
    assert.equal(first["instanceCount"]?.value, 2);
    assert.deepEqual(await ecsVms(), firstIds.map((id) => [id, "running"]), "the group's VMs are ordinary ECS instances");

    await stack.setConfig("desiredCount", { value: "3" });
    const scaled = await timed(suite, "up (desired 3)", () => stack.up());
    assert.deepEqual(changes(scaled.summary), { same: 6, update: 1 }, "the group is updated in place, nothing replaced");
    const second = await stack.outputs();
    assert.equal(second["groupId"]?.value, first["groupId"]?.value);
    const secondIds = [...(second["instanceIds"]?.value as string[])].sort();
    assert.equal(secondIds.length, 3);
    assert.ok(firstIds.every((id) => secondIds.includes(id)), "the first two VMs stay");
    assert.deepEqual(await ecsVms(), secondIds.map((id) => [id, "running"]), "the emulator runs three VMs");

    const preview = await timed(suite, "preview (expect no changes)", () => stack.preview({ expectNoChanges: true }));
    assert.deepEqual(Object.keys(changes({ resourceChanges: preview.changeSummary })), ["same"], preview.stdout);

    await timed(suite, "destroy", () => stack.destroy());
    assert.deepEqual(await ecsVms(), []);
    assert.deepEqual(await e2e().resources(), {}, "nothing is left in the emulator");
  });
});
