import assert from "node:assert/strict";
import { describeResourceContract } from "../helpers/resource-contract";
import { useProviderTestbed, AZ_HUADONG1 } from "../helpers/providers";
import { REGION_HUABEI2 } from "../helpers/emulator";
import { S7_XLARGE, imageId, instanceInputs } from "../emulator/fixtures/ecs";

describeResourceContract({
  kind: "Instance",
  idOutput: "instanceId",
  recordKind: "instance",
  createOperation: "CreateInstance",
  createPath: "/v4/ecs/create-instance",
  inputs: (bed) => instanceInputs(bed),
  updates: [
    { displayName: "Web Frontend" },
    { status: "stopped" },
    { status: "running" },
    { flavorId: S7_XLARGE },
    { systemDiskSize: 60 },
    { password: "N3w!Passw0rd" },
    { keyPairName: "contract-key", password: undefined },
  ],
  replacements: [
    { instanceName: "web-2" },
    { imageId: imageId("centos-7.9") },
    { systemDiskType: "ssd" },
    { userData: "I2Nsb3VkLWNvbmZpZwo=" },
    { billing: { mode: "monthly", count: 1 } },
    { azName: "cn-huadong1-jsnj2A-public-ctcloud" },
    { regionId: REGION_HUABEI2 },
  ],
  drift: { patch: { displayName: "changed-by-hand" }, inputs: { displayName: "changed-by-hand" } },
});

describe("Instance: outputs", () => {
  const bed = useProviderTestbed();

  it("reports the instance's address, system disk, flavor details and status", async () => {
    const { id, outs } = await bed.create("Instance", await instanceInputs(bed, { systemDiskType: "ssd-genric", systemDiskSize: 50 }));
    assert.equal(outs["instanceId"], id);
    assert.equal(outs["status"], "running");
    assert.equal(outs["privateIp"], "10.0.1.2");
    assert.match(outs["systemDiskId"], /^[0-9a-f-]{36}$/);
    assert.deepEqual([outs["flavorName"], outs["cpu"], outs["memory"]], ["s7.large.2", 2, 4]);
    assert.equal(outs["floatingIp"], undefined);
    assert.equal(outs["azName"], AZ_HUADONG1);
    const disk = await bed.emu.control.resource<{ diskType: string; diskSize: number }>("disk", outs["systemDiskId"]);
    assert.deepEqual([disk?.data.diskType, disk?.data.diskSize], ["SSD-genric", 50]);
  });
});
