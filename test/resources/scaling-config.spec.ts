/** ScalingConfig through its serialized provider against the emulator: the contract, login, zones, in-use deletes, checks. */
import assert from "node:assert/strict";
import { describeResourceContract } from "../helpers/resource-contract";
import { useProviderTestbed, type ProviderTestbed } from "../helpers/providers";
import { REGION_HUABEI2 } from "../helpers/emulator";
import { AZ1, GOOD_PASSWORD, RSA_2048, UBUNTU, WINDOWS, createNetwork, imageId, importKeyPair } from "../emulator/fixtures/ecs";
import { AZ2, createGroup, scaling } from "../emulator/fixtures/scaling";

type Props = Record<string, any>;
const AZ3 = "cn-huadong1-jsnj3A-public-ctcloud";

async function configInputs(bed: ProviderTestbed): Promise<Props> {
  await importKeyPair(bed.emu, "contract-key", RSA_2048);
  return { imageId: UBUNTU, flavorName: "s7.large.2", password: GOOD_PASSWORD, dataDisks: [{ type: "ssd", size: 20 }] };
}

describeResourceContract({
  kind: "ScalingConfig",
  idOutput: "configId",
  recordKind: "scalingConfig",
  createOperation: "CreateScalingConfig",
  createPath: "/v4/scaling/config-create",
  inputs: configInputs,
  updates: [
    { name: "renamed-cfg" },
    { flavorName: "s7.xlarge.2", systemDiskSize: 60, systemDiskType: "ssd" },
    { dataDisks: [{ type: "sata", size: 100, mode: "iscsi" }, { type: "ssd", size: 10, mode: "vbd" }] },
    { imageId: imageId("centos-7.9") },
    { password: "N3w!Passw0rd" },
    { keyPairName: "contract-key", password: undefined },
    { azNames: [AZ2], tags: { team: "web" }, monitoring: false },
  ],
  replacements: [{ regionId: REGION_HUABEI2 }],
  drift: { patch: { specName: "s7.xlarge.2" }, inputs: { flavorName: "s7.xlarge.2" } },
});

describe("ScalingConfig: specifics", () => {
  const bed = useProviderTestbed();

  it("reports the flavor, image, OS and the zones where the flavor sells (the default), and sends the login the image needs", async () => {
    const { id, outs, inputs } = await bed.create("ScalingConfig", { imageId: UBUNTU, flavorName: "c7.large.2", password: GOOD_PASSWORD });
    assert.match(id, /^\d+$/);
    assert.deepEqual([outs["cpu"], outs["memory"], outs["osType"], outs["imageName"], outs["zones"]], [2, 4, "linux", "Ubuntu Server 22.04 64位", [AZ1, AZ2]]);
    assert.equal(inputs["azNames"], undefined, "the default stays out of the inputs (no diff on refresh)");
    const record = (await bed.emu.control.resource<Props>("scalingConfig", id))!.data;
    assert.deepEqual([record["loginMode"], record["username"], record["keyPairID"], record["azNames"]], [1, "root", "", [AZ1, AZ2]]);
    assert.equal(JSON.stringify(outs).includes(GOOD_PASSWORD), true, "the password stays in state (the class marks it secret)");
    const provider = await bed.provider("ScalingConfig");
    const read = await provider.read(id, outs);
    const diff = await provider.diff(id, read.props ?? {}, inputs);
    assert.deepEqual([diff.changes, diff.replaces], [false, []]);
  });

  it("logs Windows VMs in as Administrator and refuses a key pair for them before calling create", async () => {
    const { id } = await bed.create("ScalingConfig", { imageId: WINDOWS, flavorName: "s7.large.2", password: GOOD_PASSWORD });
    assert.equal((await bed.emu.control.resource<Props>("scalingConfig", id))!.data["username"], "administrator");
    await importKeyPair(bed.emu, "win-key", RSA_2048);
    const provider = await bed.provider("ScalingConfig");
    const checked = await provider.check({}, { pulumiName: "win", imageId: WINDOWS, flavorName: "s7.large.2", keyPairName: "win-key" });
    await bed.emu.control.clearRequests();
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), /keyPairName: Windows images do not support key pairs; set password instead/);
    assert.equal((await bed.emu.control.counts())["CreateScalingConfig"], undefined);
  });

  it("waits to delete while a group uses it, and deletes once the group is gone", async () => {
    const provider = await bed.provider("ScalingConfig");
    const { id, outs } = await bed.create("ScalingConfig", await configInputs(bed));
    const net = await createNetwork(bed.emu);
    const groupID = await createGroup(bed.emu, net, Number(id), { minCount: 0, expectedCount: 0 });
    // The group goes while delete waits (at its second sleep).
    bed.onSleep(async (n) => {
      if (n === 2) await scaling(bed.emu, "group/delete", { groupID });
    });
    await provider.delete(id, outs);
    assert.equal(await bed.emu.control.resource("scalingConfig", id), undefined);
    const operations = (await bed.emu.control.requests()).map((r) => `${r.operation}${r.statusCode === 900 ? ":refused" : ""}`).filter((op) => op.startsWith("DeleteScalingConfig"));
    assert.deepEqual(operations, ["DeleteScalingConfig:refused", "DeleteScalingConfig:refused", "DeleteScalingConfig"]);
  });

  it("refuses to take over a config of the same name made by someone else", async () => {
    await bed.create("ScalingConfig", { name: "shared-cfg", imageId: UBUNTU, flavorName: "s7.large.2", password: GOOD_PASSWORD });
    const provider = await bed.provider("ScalingConfig");
    const checked = await provider.check({}, { pulumiName: "other", name: "shared-cfg", imageId: UBUNTU, flavorName: "s7.large.2", password: GOOD_PASSWORD });
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), /^Error: a scaling config named shared-cfg already exists in region [0-9a-f]{32} \(\d+\): choose another name, or take it under management with adoptId$/);
  });

  const checks: Array<[string, Props, Array<{ property: string; reason: string }>]> = [
    ["a name with a leading dash", { name: "-web" }, [{ property: "name", reason: "must be 2-15 letters, digits, '-' or '.', not only digits, not starting or ending with '-' or '.', without two of them in a row" }]],
    ["no login", { password: undefined }, [{ property: "keyPairName", reason: "is required when there is no password: the VMs need a key pair or a password to log in" }]],
    ["both logins", { keyPairName: "k1" }, [{ property: "keyPairName", reason: "conflicts with password: set keyPairName or password, not both" }]],
    ["a weak password", { password: "password" }, [{ property: "", reason: "password: must contain at least three of: upper-case letters, lower-case letters, digits, special characters (the value is secret and not shown)" }]],
    ["a 30 GB system disk", { systemDiskSize: 30 }, [{ property: "systemDiskSize", reason: "must be a whole number of GB from 40 to 2048" }]],
    ["nine data disks", { dataDisks: Array.from({ length: 9 }, () => ({ type: "ssd", size: 10 })) }, [{ property: "dataDisks", reason: "must list at most 8 data disks" }]],
    ["an unknown disk type", { dataDisks: [{ type: "nvme", size: 10 }] }, [{ property: "dataDisks", reason: "0.type: must be one of sata, sas, ssd, ssd-genric, sata-kunpeng, sata-haiguang, sas-kunpeng, sas-haiguang" }]],
    ["a zone twice", { azNames: [AZ3, AZ3] }, [{ property: "azNames", reason: "must not list a zone twice" }]],
    ["userData", { userData: "aGk=" }, [{ property: "userData", reason: "is not an input of ctyun:ScalingConfig" }]],
  ];
  for (const [what, change, failures] of checks) {
    it(`check refuses ${what}`, async () => {
      const provider = await bed.provider("ScalingConfig");
      const news: Props = { pulumiName: "checked", imageId: UBUNTU, flavorName: "s7.large.2", password: GOOD_PASSWORD, ...change };
      for (const key of Object.keys(news)) if (news[key] === undefined) delete news[key];
      assert.deepEqual((await provider.check({}, news)).failures, failures);
    });
  }

  it("auto-names within 15 characters of the cloud's alphabet", async () => {
    const provider = await bed.provider("ScalingConfig");
    const checked = await provider.check({}, { pulumiName: "web_template_for_prod", imageId: UBUNTU, flavorName: "s7.large.2", password: GOOD_PASSWORD });
    assert.match(checked.inputs["name"], /^web-tem-[0-9a-f]{7}$/);
    assert.deepEqual(checked.failures, []);
  });
});
