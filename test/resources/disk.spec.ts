/** Disk through its serialized provider against the emulator: the contract, both create answers, resize, delete rules, checks. */
import assert from "node:assert/strict";
import { describeResourceContract } from "../helpers/resource-contract";
import { AZ_HUADONG1, useProviderTestbed, type Props } from "../helpers/providers";
import { REGION_HUABEI2, REGION_HUADONG1 } from "../helpers/emulator";
import { createInstance, createNetwork } from "../emulator/fixtures/ecs";

const AZ2 = "cn-huadong1-jsnj2A-public-ctcloud";

describeResourceContract({
  kind: "Disk",
  idOutput: "diskId",
  recordKind: "disk",
  createOperation: "CreateEbs",
  createPath: "/v4/ebs/new-ebs",
  inputs: async () => ({ type: "ssd", size: 20 }),
  updates: [{ size: 30 }, { name: "renamed-disk" }, { name: "both-changed", size: 64 }],
  replacements: [
    { type: "sas" },
    { mode: "iscsi" },
    { billing: { mode: "monthly", count: 1 } },
    { multiAttach: true },
    { azName: AZ2 },
    { regionId: REGION_HUABEI2 },
    { projectId: "0123456789abcdef0123456789abcdef" },
  ],
  drift: { patch: { diskName: "renamed-by-hand", diskSize: 99 }, inputs: { name: "renamed-by-hand", size: 99 } },
});

describe("Disk: specifics", () => {
  const bed = useProviderTestbed();

  async function operations(): Promise<string[]> {
    return (await bed.emu.control.requests()).map((r) => (r.errorCode && r.errorCode !== "SUCCESS" ? `${r.operation}:${r.errorCode}` : String(r.operation)));
  }

  async function record(diskId: string): Promise<Props> {
    return (await bed.emu.control.resource<Props>("disk", diskId))!.data;
  }

  it("creates through the in-progress answer: polls the order for the id, then reads the disk (available once the order is done)", async () => {
    const { id, outs, inputs } = await bed.create("Disk", { name: "data-1", type: "ssd", size: 40 });
    assert.deepEqual(await operations(), ["CreateEbs:ebs.order.inProgress", "QueryOrderUuid", "QueryOrderUuid", "ShowEbs"]);
    const disk = await record(id);
    assert.deepEqual(
      { diskName: disk["diskName"], diskType: disk["diskType"], diskMode: disk["diskMode"], diskSize: disk["diskSize"], azName: disk["azName"], onDemand: disk["onDemand"], cycleType: disk["cycleType"] },
      { diskName: "data-1", diskType: "SSD", diskMode: "VBD", diskSize: 40, azName: AZ_HUADONG1, onDemand: true, cycleType: "on_demand" },
    );
    assert.deepEqual(
      { diskId: outs["diskId"], status: outs["status"], attachedInstanceId: outs["attachedInstanceId"], attachedInstanceIds: outs["attachedInstanceIds"], createTime: outs["createTime"], expireTime: outs["expireTime"] },
      { diskId: id, status: "available", attachedInstanceId: undefined, attachedInstanceIds: [], createTime: new Date(disk["createTime"] as number).toISOString().replace(".000Z", "Z"), expireTime: undefined },
    );
    assert.match(outs["createTime"], /^2024-06-01T00:00:0\dZ$/);
    assert.deepEqual(
      { mode: inputs["mode"], billing: inputs["billing"], multiAttach: inputs["multiAttach"], azName: inputs["azName"], regionId: inputs["regionId"] },
      { mode: "vbd", billing: { mode: "onDemand" }, multiAttach: false, azName: AZ_HUADONG1, regionId: REGION_HUADONG1 },
    );
  });

  it("creates through the 800 answer: the id comes with the answer, no order polls", async () => {
    await bed.emu.control.setTiming("ebsOrder", { mode: "immediate" });
    const { id } = await bed.create("Disk", { type: "sata", size: 10 });
    assert.deepEqual(await operations(), ["CreateEbs", "ShowEbs"]);
    assert.equal((await record(id))["diskStatus"], "available");
  });

  it("sends the wire forms: upper-case type and mode, lower-case cycle, the count", async () => {
    const { id, outs } = await bed.create("Disk", { type: "ssd-genric", mode: "iscsi", size: 100, billing: { mode: "yearly", count: 2 } });
    const disk = await record(id);
    assert.deepEqual(
      { diskType: disk["diskType"], diskMode: disk["diskMode"], onDemand: disk["onDemand"], cycleType: disk["cycleType"], cycleCount: disk["cycleCount"] },
      { diskType: "SSD-genric", diskMode: "ISCSI", onDemand: false, cycleType: "year", cycleCount: 2 },
    );
    const created = new Date(disk["createTime"] as number);
    const end = new Date(created);
    end.setUTCFullYear(end.getUTCFullYear() + 2);
    assert.equal(outs["expireTime"], end.toISOString().replace(".000Z", "Z"));
  });

  it("grows through a resize order, observed through order polls", async () => {
    const provider = await bed.provider("Disk");
    const { id, outs, inputs } = await bed.create("Disk", { type: "ssd", size: 20 });
    await bed.emu.control.clearRequests();
    const checked = await provider.check(inputs, { ...inputs, size: 50 });
    assert.deepEqual(checked.failures, []);
    const updated = await provider.update(id, outs, checked.inputs);
    assert.deepEqual(await operations(), ["ShowEbs", "ResizeEbs:ebs.order.inProgress", "QueryOrderUuid", "QueryOrderUuid", "ShowEbs", "ShowEbs"]);
    assert.equal((await record(id))["diskSize"], 50);
    assert.equal(updated.outs["size"], 50);
    assert.equal(updated.outs["status"], "available");
  });

  it("renames in place without an order", async () => {
    const provider = await bed.provider("Disk");
    const { id, outs, inputs } = await bed.create("Disk", { name: "before", type: "ssd", size: 20 });
    await bed.emu.control.clearRequests();
    await provider.update(id, outs, { ...inputs, name: "after" });
    assert.deepEqual(await operations(), ["ShowEbs", "UpdateEbsName", "ShowEbs"]);
    assert.equal((await record(id))["diskName"], "after");
  });

  it("refuses to shrink in check, naming both sizes, before any request", async () => {
    const provider = await bed.provider("Disk");
    const olds = (await provider.check({}, { pulumiName: "shrinking", type: "ssd", size: 100 })).inputs;
    await bed.emu.control.clearRequests();
    const { failures } = await provider.check(olds, { ...olds, size: 50 });
    assert.deepEqual(failures, [
      { property: "size", reason: "cannot shrink the disk from 100 GB to 50 GB: disks can only grow (replace the disk, e.g. by changing its name with a new resource, to get a smaller one)" },
    ]);
    // A replacement may be smaller: a new disk is bought.
    assert.deepEqual((await provider.check(olds, { ...olds, size: 50, type: "sas" })).failures, []);
    assert.deepEqual(await bed.emu.control.requests(), []);
  });

  it("replaces with delete-before-replace when the name stays, create-before-delete when it changes", async () => {
    const provider = await bed.provider("Disk");
    const olds = { ...(await provider.check({}, { pulumiName: "replaced", name: "keep-me", type: "ssd", size: 20 })).inputs, diskId: "x" };
    const sameName = await provider.diff("x", olds, { ...olds, type: "sas" });
    assert.deepEqual(sameName, { changes: true, replaces: ["type"], deleteBeforeReplace: true });
    const newName = await provider.diff("x", olds, { ...olds, type: "sas", name: "new-me" });
    assert.deepEqual(newName, { changes: true, replaces: ["type"], deleteBeforeReplace: false });
    assert.deepEqual(await provider.diff("x", olds, { ...olds, size: 40 }), { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("refuses to delete an attached disk, naming the VM and the DiskAttachment to remove", async () => {
    const provider = await bed.provider("Disk");
    const vm = await createInstance(bed.emu, await createNetwork(bed.emu), { displayName: "web-server" });
    const { id, outs } = await bed.create("Disk", { name: "attached-disk", type: "ssd", size: 20 });
    const attach = await bed.create("DiskAttachment", { diskId: id, instanceId: vm });
    assert.equal(attach.outs["device"], "/dev/vdb");
    await bed.emu.control.clearRequests();
    await assert.rejects(provider.delete(id, outs), {
      message:
        `disk ${id} (attached-disk) is still attached to instance ${vm} (web-server): ` +
        `remove the ctyun.DiskAttachment "${id}:${vm}" first (Pulumi does so when the attachment uses this Disk's diskId), or detach the disk, then run again`,
    });
    assert.deepEqual(await operations(), ["ShowEbs"], "nothing was unsubscribed");
    assert.equal((await record(id))["diskStatus"], "in-use");
  });

  it("unsubscribes through a refund order; the finished order confirms it (no not-found read)", async () => {
    const provider = await bed.provider("Disk");
    const { id, outs } = await bed.create("Disk", { type: "ssd", size: 20 });
    await bed.emu.control.clearRequests();
    await provider.delete(id, outs);
    assert.deepEqual(await operations(), ["ShowEbs", "RefundEbs", "QueryOrderUuid", "QueryOrderUuid"]);
    assert.equal(await bed.emu.control.resource("disk", id), undefined);
  });

  it("reports a failed create order without recording a resource", async () => {
    const provider = await bed.provider("Disk");
    const checked = await provider.check({}, { pulumiName: "unlucky", type: "ssd", size: 20 });
    await bed.emu.control.setTiming("ebsOrder", { mode: "fail", times: 1, reason: "no capacity" });
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), (error: Error & { id?: string; kind?: string }) => {
      assert.equal(error.kind, "order-failed");
      assert.equal(error.id, undefined);
      return true;
    });
    assert.deepEqual((await bed.emu.control.state()).resources["disk"] ?? [], []);
  });

  it("turns a failure after the id is known into a partial create that update finishes", async () => {
    const provider = await bed.provider("Disk");
    const checked = await provider.check({}, { pulumiName: "half", type: "ssd", size: 20, timeouts: { create: "30s" } });
    // The disk stays `creating` for a long time: the create times out after the id is known.
    await bed.emu.control.setTiming("diskReady", { mode: "delay", ms: 120_000 });
    let partial: { id: string; properties: Props; reasons: string[] } | undefined;
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), (error: Error & { id: string; properties: Props; reasons: string[] }) => {
      partial = error;
      return true;
    });
    assert.ok(partial);
    assert.match(partial.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual({ diskId: partial.properties["diskId"], provider: typeof partial.properties["__provider"] }, { diskId: partial.id, provider: "string" });
    assert.match(partial.reasons[0]!, /^ctyun:Disk \S+ was created but is not ready: it exists as \S+ — timed out after \d+s waiting for disk .* to settle \(observed: creating x\d+\)\. It is recorded in the stack; the next `pulumi up` resumes it\.$/);
    // The next `pulumi up` calls update with the old inputs: it waits the disk out.
    const resumed = await provider.update(partial.id, partial.properties, checked.inputs);
    assert.equal(resumed.outs["status"], "available");
    assert.equal((await bed.emu.control.state()).resources["disk"]!.length, 1);
  });

  it("resumes waiting for the same order after a create timed out before the id was known", async () => {
    const provider = await bed.provider("Disk");
    const checked = await provider.check({}, { pulumiName: "slow", type: "ssd", size: 20, timeouts: { create: "1m" } });
    await bed.emu.control.setTiming("ebsOrder", { mode: "delay", ms: 5 * 60_000 });
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), { name: "WaiterTimeoutError" });
    // The user runs `pulumi up` again a few minutes later, with the same program.
    bed.emu.clock.advance(5 * 60_000);
    const rerun = await provider.check({}, { pulumiName: "slow", type: "ssd", size: 20, timeouts: { create: "1m" } });
    const { id } = await provider.create({ ...rerun.inputs, __provider: provider.text });
    const state = await bed.emu.control.state();
    assert.equal(state.orders.length, 1, "one order, waited for twice");
    assert.deepEqual(state.resources["disk"]!.map((r) => r.id), [id]);
    assert.equal(rerun.inputs["name"], checked.inputs["name"], "the rerun reuses the generated name");
  });

  it("auto-names from the logical name in the disk's character set", async () => {
    const provider = await bed.provider("Disk");
    const { inputs } = await provider.check({}, { pulumiName: "数据盘.web/1", type: "ssd", size: 20 });
    assert.match(inputs["name"], /^web-1-[0-9a-f]{7}$/);
  });

  const invalid: Array<[string, Props, Array<{ property: string; reason: string }>]> = [
    ["a one-letter name", { name: "a" }, [{ property: "name", reason: "must be 2-63 characters long (got 1)" }]],
    ["a name with a digit first", { name: "1disk" }, [{ property: "name", reason: "must start with a letter and contain only letters, digits, '_' and '-'" }]],
    ["a Chinese name", { name: "数据盘" }, [{ property: "name", reason: "must start with a letter and contain only letters, digits, '_' and '-'" }]],
    ["a 64-character name", { name: "d".repeat(64) }, [{ property: "name", reason: "must be 2-63 characters long (got 64)" }]],
    ["an unknown type", { type: "nvme" }, [{ property: "type", reason: 'must be one of "sata", "sas", "ssd", "ssd-genric", "fast-ssd" (lower-case)' }]],
    ["an upper-case type", { type: "SSD" }, [{ property: "type", reason: 'must be one of "sata", "sas", "ssd", "ssd-genric", "fast-ssd" (lower-case)' }]],
    ["no type", { type: undefined }, [{ property: "type", reason: "is required" }]],
    ["an unknown mode", { mode: "nfs" }, [{ property: "mode", reason: 'must be one of "vbd", "iscsi", "fcsan" (lower-case)' }]],
    ["fcsan with ssd", { mode: "fcsan" }, [{ property: "mode", reason: '"fcsan" is only available with type "sas" (got type "ssd")' }]],
    ["fast-ssd with iscsi", { mode: "iscsi", type: "fast-ssd" }, [{ property: "type", reason: '"fast-ssd" does not support mode "iscsi"' }]],
    ["9 GB", { size: 9 }, [{ property: "size", reason: "must be a whole number of GB from 10 to 32768" }]],
    ["32769 GB", { size: 32769 }, [{ property: "size", reason: "must be a whole number of GB from 10 to 32768" }]],
    ["10.5 GB", { size: 10.5 }, [{ property: "size", reason: "must be a whole number of GB from 10 to 32768" }]],
    ["a size as text", { size: "20" }, [{ property: "size", reason: "must be a whole number of GB from 10 to 32768" }]],
    ["12 months", { billing: { mode: "monthly", count: 12 } }, [{ property: "billing", reason: "count: must be a whole number from 1 to 11 (use yearly billing for 12 months or more)" }]],
    ["6 years", { billing: { mode: "yearly", count: 6 } }, [{ property: "billing", reason: "count: must be a whole number from 1 to 5 (yearly billing)" }]],
    ["a count for on-demand", { billing: { mode: "onDemand", count: 1 } }, [{ property: "billing", reason: "count: on-demand billing has no term; count applies to monthly and yearly billing" }]],
    ["an unknown billing mode", { billing: { mode: "hourly" } }, [{ property: "billing", reason: 'mode: must be "onDemand", "monthly" or "yearly"' }]],
    ["multiAttach as text", { multiAttach: "yes" }, [{ property: "multiAttach", reason: "Invalid input: expected boolean, received string" }]],
    ["an empty azName", { azName: "" }, [{ property: "azName", reason: "must not be empty" }]],
    ["a short regionId", { regionId: "abc" }, [{ property: "regionId", reason: "must be a CTyun regionID: 32 hexadecimal characters" }]],
    ["an upper-case projectId", { projectId: "ABC" }, [{ property: "projectId", reason: 'must be "" (default project), "0" or 32 lower-case letters and digits' }]],
    ["an unknown input", { sizeGb: 20 }, [{ property: "sizeGb", reason: "is not an input of ctyun:Disk" }]],
  ];
  for (const [title, change, failures] of invalid) {
    it(`check refuses ${title} with the exact reason, before any request`, async () => {
      const provider = await bed.provider("Disk");
      const result = await provider.check({}, { pulumiName: "checked", type: "ssd", size: 20, ...change });
      assert.deepEqual(result.failures, failures);
      assert.deepEqual(await bed.emu.control.requests(), []);
    });
  }

  it("tolerates unknown placeholders in check (preview) and treats them as changes in diff", async () => {
    const provider = await bed.provider("Disk");
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const olds = (await provider.check({}, { pulumiName: "preview", type: "ssd", size: 100 })).inputs;
    const checked = await provider.check(olds, { ...olds, size: unknown, type: unknown });
    assert.deepEqual(checked.failures, []);
    const diff = await provider.diff("x", olds, checked.inputs);
    assert.deepEqual({ changes: diff.changes, replaces: diff.replaces }, { changes: true, replaces: ["type"] });
    assert.deepEqual(await bed.emu.control.requests(), []);
  });

  it("reads a disk deleted out of band as gone", async () => {
    const provider = await bed.provider("Disk");
    const { id, outs } = await bed.create("Disk", { type: "ssd", size: 20 });
    await bed.emu.control.deleteResource("disk", id);
    assert.deepEqual(await provider.read(id, outs), {});
  });

  it("reports the attachment in its outputs after a refresh", async () => {
    const provider = await bed.provider("Disk");
    const vm = await createInstance(bed.emu, await createNetwork(bed.emu));
    const { id, outs } = await bed.create("Disk", { type: "ssd", size: 20 });
    await bed.create("DiskAttachment", { diskId: id, instanceId: vm });
    const read = await provider.read(id, outs);
    assert.deepEqual(
      { status: read.props!["status"], attachedInstanceId: read.props!["attachedInstanceId"], attachedInstanceIds: read.props!["attachedInstanceIds"] },
      { status: "in-use", attachedInstanceId: vm, attachedInstanceIds: [vm] },
    );
  });
});
