/**
 * Instance beyond the contract: update order in the request log, partial creates resumed by update,
 * pre-checks before ordering, subscription deletes, secrets kept out of plain outputs, errors and
 * progress lines, and the check table.
 */
import assert from "node:assert/strict";
import { useProviderTestbed, type Props } from "../helpers/providers";
import { REGION_HUADONG1 } from "../helpers/emulator";
import { RSA_1024, S7_XLARGE, WINDOWS, createSecurityGroup, flavorId, importKeyPair, instanceInputs } from "../emulator/fixtures/ecs";

const PASSWORD_2 = "Fresh#Pass2024";
/** Check leaves an invalid password out of the inputs, so the login rule speaks up too. */
const NO_LOGIN = { property: "keyPairName", reason: "is required when there is no password: the instance needs a key pair or a password to log in" };

describe("Instance: behaviour", () => {
  const bed = useProviderTestbed();

  /** The operations the emulator saw, in order, restricted to `names`. */
  async function sequence(...names: string[]): Promise<string[]> {
    return (await bed.emu.control.requests()).map((r) => r.operation ?? "").filter((op) => names.includes(op));
  }

  /** check + update, as `pulumi up` does for a changed resource. */
  async function update(created: { id: string; outs: Props; inputs: Props }, change: Props): Promise<Props> {
    const provider = await bed.provider("Instance");
    const checked = await provider.check(created.inputs, { ...created.inputs, ...change });
    assert.deepEqual(checked.failures, []);
    return (await provider.update(created.id, created.outs, { ...checked.inputs, __provider: provider.text })).outs;
  }

  it("changes the flavor as stop → UpdateFlavorSpec (order) → start, and grows the disk in the same stop", async () => {
    const created = await bed.create("Instance", await instanceInputs(bed));
    await bed.emu.control.clearRequests();
    const after = await update(created, { flavorId: S7_XLARGE, systemDiskSize: 80 });
    assert.deepEqual(await sequence("StopInstance", "UpdateFlavorSpec", "ResizeEbs", "StartInstance"), ["StopInstance", "UpdateFlavorSpec", "ResizeEbs", "StartInstance"]);
    assert.deepEqual([after["status"], after["flavorName"], after["cpu"], after["memory"], after["systemDiskSize"]], ["running", "s7.xlarge.2", 4, 8, 80]);
  });

  it("keeps a VM meant to be stopped stopped after a flavor change", async () => {
    const created = await bed.create("Instance", await instanceInputs(bed, { status: "stopped" }));
    assert.equal(created.outs["status"], "stopped");
    await bed.emu.control.clearRequests();
    const after = await update(created, { flavorId: S7_XLARGE });
    assert.deepEqual(await sequence("StopInstance", "UpdateFlavorSpec", "StartInstance"), ["UpdateFlavorSpec"]);
    assert.equal(after["status"], "stopped");
  });

  it("resets a password on a running VM: a stopped one is started for it and stopped again", async () => {
    const created = await bed.create("Instance", await instanceInputs(bed, { status: "stopped" }));
    await bed.emu.control.clearRequests();
    await update(created, { password: PASSWORD_2 });
    assert.deepEqual(await sequence("StartInstance", "ResetPassword", "StopInstance"), ["StartInstance", "ResetPassword", "StopInstance"]);
  });

  it("joins new security groups before leaving removed ones", async () => {
    const inputs = await instanceInputs(bed);
    const created = await bed.create("Instance", inputs);
    const other = await createSecurityGroup(bed.emu, inputs["vpcId"] as string, "other");
    await bed.emu.control.clearRequests();
    const after = await update(created, { securityGroupIds: [other] });
    assert.deepEqual(await sequence("JoinSecurityGroup", "LeaveSecurityGroup"), ["JoinSecurityGroup", "LeaveSecurityGroup"]);
    assert.deepEqual(after["securityGroupIds"], [other]);
    const record = await bed.emu.control.resource<{ secGroupIDs: string[] }>("instance", created.id);
    assert.deepEqual(record?.data.secGroupIDs, [other]);
  });

  it("swaps key pairs: detach the old one, then attach the new one", async () => {
    const created = await bed.create("Instance", await instanceInputs(bed, { password: undefined, keyPairName: "contract-key" }));
    await importKeyPair(bed.emu, "next-key", RSA_1024);
    await bed.emu.control.clearRequests();
    await update(created, { keyPairName: "next-key" });
    assert.deepEqual(await sequence("DetachKeyPair", "AttachKeyPair"), ["DetachKeyPair", "AttachKeyPair"]);
    const record = await bed.emu.control.resource<{ keypairName: string }>("instance", created.id);
    assert.equal(record?.data.keypairName, "next-key");
  });

  it("turns a failed boot into a partial create carrying the id, which update resumes without a second VM", async () => {
    const provider = await bed.provider("Instance");
    const inputs = await instanceInputs(bed);
    await bed.emu.control.setTiming("boot", { mode: "fail", times: 1 });
    const checked = await provider.check({}, { pulumiName: "flaky", ...inputs });
    const failure = await provider.create({ ...checked.inputs, __provider: provider.text }).then(
      () => assert.fail("create should fail"),
      (error: { id?: string; properties?: Props; reasons?: string[]; message: string }) => error,
    );
    const instanceId = failure.id!;
    assert.match(instanceId, /^[0-9a-f-]{36}$/);
    assert.equal(failure.properties?.["instanceId"], instanceId);
    assert.equal(failure.properties?.["__provider"], provider.text);
    const expected = `ctyun:Instance flaky was created but is not ready: it exists as ${instanceId} — instance ${instanceId} to be running: the instance is stopped. It is recorded in the stack; the next \`pulumi up\` resumes it.`;
    assert.equal(failure.message, expected);
    assert.deepEqual(failure.reasons, [expected], "the engine shows the reasons, not the message: they say the same");
    // The next `pulumi up` calls update with the partial state (old inputs, same inputs again).
    const resumed = await provider.update(instanceId, failure.properties!, { ...checked.inputs, __provider: provider.text });
    assert.equal(resumed.outs["status"], "running");
    assert.equal(resumed.outs["instanceId"], instanceId);
    assert.equal(((await bed.emu.control.state()).resources["instance"] ?? []).length, 1, "nothing leaked");
    assert.equal((await bed.emu.control.counts())["CreateInstance"], 1);
  });

  it("creates a VM that should be stopped, and deletes it: stop first, then unsubscribe until gone", async () => {
    const provider = await bed.provider("Instance");
    const { id, outs } = await bed.create("Instance", await instanceInputs(bed));
    await bed.emu.control.clearRequests();
    await provider.delete(id, outs);
    assert.deepEqual(await sequence("StopInstance", "UnsubscribeInstance", "DestroyInstance"), ["StopInstance", "UnsubscribeInstance"]);
    assert.equal(await bed.emu.control.resource("instance", id), undefined);
    assert.equal(await bed.emu.control.resource("disk", outs["systemDiskId"]), undefined, "the system disk went with it");
  });

  it("deletes a monthly VM: unsubscribe leaves it unsubscribed, destroy removes it", async () => {
    const provider = await bed.provider("Instance");
    const { id, outs } = await bed.create("Instance", await instanceInputs(bed, { billing: { mode: "monthly", count: 1 }, autoRenew: false }));
    const record = await bed.emu.control.resource<{ cycleType: string; cycleCount: number; autoRenewStatus: number; createdTime: string }>("instance", id);
    assert.deepEqual([record?.data.cycleType, record?.data.cycleCount, record?.data.autoRenewStatus], ["MONTH", 1, 0]);
    const oneMonthLater = new Date(record!.data.createdTime);
    oneMonthLater.setUTCMonth(oneMonthLater.getUTCMonth() + 1);
    assert.equal(outs["expireTime"], oneMonthLater.toISOString());
    await bed.emu.control.clearRequests();
    await provider.delete(id, outs);
    assert.deepEqual(await sequence("UnsubscribeInstance", "DestroyInstance"), ["UnsubscribeInstance", "DestroyInstance"]);
    assert.equal(await bed.emu.control.resource("instance", id), undefined);
  });

  it("shows the floating IP of an associated EIP after a refresh", async () => {
    const provider = await bed.provider("Instance");
    const { id, outs } = await bed.create("Instance", await instanceInputs(bed));
    const eip = await bed.create("Eip", {});
    await bed.create("EipAssociation", { eipId: eip.outs["eipId"], instanceId: id });
    const read = await provider.read(id, outs);
    assert.equal(read.props?.["floatingIp"], eip.outs["address"]);
  });

  it("checks the flavor, the image and the key pair before ordering, with clear errors", async () => {
    const provider = await bed.provider("Instance");
    const base = await instanceInputs(bed);
    const cases: Array<[Props, string]> = [
      [{ flavorId: flavorId("m7.4xlarge.8") }, `flavor m7.4xlarge.8 (${flavorId("m7.4xlarge.8")}) is sold out in availability zone cn-huadong1-jsnj1A-public-ctcloud`],
      [{ flavorId: "00000000-0000-4000-8000-000000000000" }, `flavorId 00000000-0000-4000-8000-000000000000 is not a flavor of region ${REGION_HUADONG1}`],
      [{ imageId: "00000000-0000-4000-8000-000000000001" }, `imageId 00000000-0000-4000-8000-000000000001 is not an image of region ${REGION_HUADONG1}`],
      [{ password: undefined, keyPairName: "no-such-key" }, `keyPairName no-such-key: there is no key pair of that name in region ${REGION_HUADONG1}`],
      [{ imageId: WINDOWS, flavorId: S7_XLARGE, password: undefined, keyPairName: "contract-key" }, "keyPairName: Windows images do not support key pairs; set password instead (image Windows Server 2019 数据中心版 64位中文版)"],
      [{ imageId: WINDOWS, flavorId: S7_XLARGE, instanceName: "windows-server-01" }, "instanceName must be 2-15 characters long for a Windows image (image Windows Server 2019 数据中心版 64位中文版)"],
      [{ imageId: WINDOWS, flavorId: S7_XLARGE, password: "Administrator#1x" }, "password must not contain the image's user name administrator, in any letter case (image Windows Server 2019 数据中心版 64位中文版)"],
      [{ password: "Toor#Pass2x" }, "password must not contain the image's user name root or toor, in any letter case (image Ubuntu Server 22.04 64位)"],
      [{ imageId: WINDOWS, flavorId: flavorId("s7.small.1") }, "flavor s7.small.1 has 1 GB of memory; image Windows Server 2019 数据中心版 64位中文版 needs at least 2 GB"],
    ];
    for (const [change, message] of cases) {
      const checked = await provider.check({}, { pulumiName: "pre", ...base, ...change });
      assert.deepEqual(checked.failures, [], JSON.stringify(change));
      await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), { message });
    }
    assert.equal((await bed.emu.control.counts())["CreateInstance"], undefined, "nothing was ordered");
  });

  it("keeps the password out of plain outputs, errors, progress lines and the serialized provider", async () => {
    const secret = "Unique#Secret77q";
    const provider = await bed.provider("Instance");
    const inputs = await instanceInputs(bed, { password: secret, status: "stopped" });
    const created = await bed.create("Instance", inputs);
    const outs = created.outs;
    const changed = await update(created, { password: "Other#Secret88z" });
    await bed.emu.control.setTiming("boot", { mode: "fail", times: 1 });
    const checked = await provider.check({}, { pulumiName: "leaky", ...inputs, instanceName: "web-2" });
    const failure: unknown = await provider.create({ ...checked.inputs, __provider: provider.text }).catch((error: unknown) => error);
    const bad = await provider.check({}, { pulumiName: "weak", ...inputs, password: "weaksecretvalue" });
    const plain = (bag: Props) => JSON.stringify(Object.fromEntries(Object.entries(bag).filter(([key]) => key !== "password")));
    const haystacks = [
      plain(outs),
      plain(changed),
      plain((failure as { properties: Props }).properties),
      String((failure as Error).message),
      JSON.stringify((failure as { reasons: string[] }).reasons),
      JSON.stringify(bad.failures),
      bed.logs.join("\n"),
      provider.text,
      JSON.stringify(await bed.emu.control.state()),
    ];
    for (const text of haystacks) {
      for (const value of [secret, "Other#Secret88z", "weaksecretvalue"]) assert.equal(text.includes(value), false, `${value} leaked into ${text.slice(0, 80)}`);
    }
    assert.deepEqual(bad.failures, [{ property: "", reason: "password: must contain at least three of: upper-case letters, lower-case letters, digits, special characters (the value is secret and not shown)" }]);
    assert.ok(bed.logs.length > 0, "progress lines were printed");
  });

  it("fails check before any request (table): password policy, host name, credentials, disk, billing, groups", async () => {
    const provider = await bed.provider("Instance");
    const base = await instanceInputs(bed);
    await bed.emu.control.clearRequests();
    const olds = { ...base, regionId: REGION_HUADONG1, systemDiskSize: 80 };
    const table: Array<[Props, Array<{ property: string; reason: string }>, Props?]> = [
      [{ password: "Sh0rt!" }, [{ property: "", reason: "password: must be 8-30 characters long (the value is secret and not shown)" }]],
      [{ password: "alllowercaseletters" }, [{ property: "", reason: "password: must contain at least three of: upper-case letters, lower-case letters, digits, special characters (the value is secret and not shown)" }]],
      [{ password: "Space in it1!" }, [{ property: "", reason: "password: may contain only letters, digits and the special characters ()`~!@#$%^&*_-+=|{}[]:;'<>,.?/\\ (the value is secret and not shown)" }]],
      [{ password: "/Slash1Lead" }, [{ property: "", reason: "password: must not start with / (the value is secret and not shown)" }]],
      [{ password: "Xyz#9Tqw" }, [{ property: "", reason: "password: must not contain three consecutive ascending characters such as abc or 123 (the value is secret and not shown)" }]],
      [{ instanceName: "web_1" }, [{ property: "instanceName", reason: "may contain only letters, digits, '-' and '.'" }]],
      [{ instanceName: "-web" }, [{ property: "instanceName", reason: "must not start or end with '-' or '.'" }]],
      [{ keyPairName: "contract-key" }, [{ property: "keyPairName", reason: "conflicts with password: set keyPairName or password, not both" }]],
      [{ password: undefined }, [NO_LOGIN]],
      [{ systemDiskSize: 39 }, [{ property: "systemDiskSize", reason: "must be a whole number of GB from 40 to 2048" }]],
      [{ systemDiskSize: 2049 }, [{ property: "systemDiskSize", reason: "must be a whole number of GB from 40 to 2048" }]],
      [{ systemDiskSize: 60 }, [{ property: "systemDiskSize", reason: "cannot shrink from 80 GB to 60 GB: CTyun disks only grow (replace the instance for a smaller disk)" }], olds],
      [{ systemDiskType: "SSD" }, [{ property: "systemDiskType", reason: "must be one of sata, sas, ssd, ssd-genric, fast-ssd" }]],
      [{ userData: "#cloud-config" }, [{ property: "userData", reason: "must be base64-encoded" }]],
      [{ billing: { mode: "monthly", count: 12 } }, [{ property: "billing", reason: "count: must be a whole number from 1 to 11 (use yearly billing for 12 months or more)" }]],
      [{ billing: { mode: "yearly", count: 6 } }, [{ property: "billing", reason: "count: must be a whole number from 1 to 5 (yearly billing)" }]],
      [{ autoRenew: true }, [{ property: "autoRenew", reason: "applies only to monthly or yearly billing" }]],
      [{ securityGroupIds: [] }, [{ property: "securityGroupIds", reason: "must list at least one security group" }]],
      [{ securityGroupIds: [base["securityGroupIds"] as string[]][0]!.concat(base["securityGroupIds"] as string[]) }, [{ property: "securityGroupIds", reason: "must not list a security group twice" }]],
      [{ status: "shelve" }, [{ property: "status", reason: 'must be "running" or "stopped"' }]],
      [{ flavorId: "s7.large.2" }, [{ property: "flavorId", reason: "must be a flavor UUID (8-4-4-4-12 hexadecimal digits)" }]],
    ];
    for (const [change, failures, previous] of table) {
      const { failures: actual } = await provider.check(previous ?? {}, { pulumiName: "bad", ...base, ...change });
      assert.deepEqual(actual, failures, JSON.stringify(change));
      const password = (change["password"] ?? base["password"]) as string | undefined;
      if (password) assert.ok(!JSON.stringify(actual).includes(password), "reasons never echo the password");
    }
    assert.deepEqual(await bed.emu.control.requests(), [], "check made no request");
  });
});
