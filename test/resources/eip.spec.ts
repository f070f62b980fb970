/** Eip through its serialized provider against the emulator: the contract, orders, billing, checks. */
import assert from "node:assert/strict";
import { describeResourceContract } from "../helpers/resource-contract";
import { useProviderTestbed } from "../helpers/providers";
import { REGION_HUABEI2 } from "../helpers/emulator";

describeResourceContract({
  kind: "Eip",
  idOutput: "eipId",
  recordKind: "eip",
  createOperation: "CreateEip",
  createPath: "/v4/eip/create",
  inputs: async () => ({ bandwidth: 5 }),
  updates: [{ name: "renamed-eip" }, { bandwidth: 20 }, { name: "both-changed", bandwidth: 2 }],
  replacements: [{ billing: { mode: "monthly", count: 1 } }, { billing: { mode: "onDemand", chargeBy: "traffic" } }, { regionId: REGION_HUABEI2 }, { projectId: "0" }],
  drift: { patch: { bandwidth: 9, name: "renamed-by-hand" }, inputs: { bandwidth: 9, name: "renamed-by-hand" } },
});

type Props = Record<string, any>;

describe("Eip: specifics", () => {
  const bed = useProviderTestbed();

  async function operations(): Promise<string[]> {
    return (await bed.emu.control.requests()).map((r) => (r.errorCode && r.errorCode !== "SUCCESS" ? `${r.operation}:${r.errorCode}` : String(r.operation)));
  }

  // The order finishes at the second poll, one (virtual) second after the create: terms run from then.
  const billings: Array<[string, Props | undefined, Props]> = [
    ["no billing (on demand by bandwidth)", undefined, { cycleType: "on_demand", cycleCount: 0, demandBillingType: "bandwidth", expiredAt: "" }],
    ["on demand by traffic", { mode: "onDemand", chargeBy: "traffic" }, { cycleType: "on_demand", cycleCount: 0, demandBillingType: "upflowc", expiredAt: "" }],
    ["3 months", { mode: "monthly", count: 3 }, { cycleType: "month", cycleCount: 3, demandBillingType: "", expiredAt: "2024-09-01T00:00:02Z" }],
    ["2 years", { mode: "yearly", count: 2 }, { cycleType: "year", cycleCount: 2, demandBillingType: "", expiredAt: "2026-06-01T00:00:02Z" }],
  ];
  for (const [title, billing, wire] of billings) {
    it(`buys ${title} with the matching wire cycle`, async () => {
      const { id, outs, inputs } = await bed.create("Eip", billing === undefined ? {} : { billing });
      const record = (await bed.emu.control.resource<Props>("eip", id))!.data;
      assert.deepEqual({ cycleType: record["cycleType"], cycleCount: record["cycleCount"], demandBillingType: record["demandBillingType"], expiredAt: record["expiredAt"] }, wire);
      assert.equal(outs["expireTime"], wire["expiredAt"] === "" ? undefined : wire["expiredAt"]);
      assert.deepEqual(inputs["billing"], billing ?? { mode: "onDemand", chargeBy: "bandwidth" });
      assert.deepEqual(
        { eipId: outs["eipId"], address: outs["address"], status: outs["status"], bandwidth: outs["bandwidth"] },
        { eipId: id, address: "180.101.64.1", status: "down", bandwidth: 1 },
      );
      assert.match(id, /^eip-[a-z0-9]{10}$/);
    });
  }

  it("waits for the create order through QueryOrder polls and records the id only once the order gives it", async () => {
    await bed.create("Eip", { name: "web-ip" });
    assert.deepEqual(await operations(), ["CreateEip", "QueryOrderUuid", "QueryOrderUuid", "ShowEip"]);
  });

  it("leaves nothing behind when the order fails, and a rerun buys a fresh one", async () => {
    const provider = await bed.provider("Eip");
    const checked = await provider.check({}, { pulumiName: "unlucky", bandwidth: 3 });
    await bed.emu.control.setTiming("order", { mode: "fail", times: 1, reason: "no capacity" });
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), (error: Error & { id?: string; kind?: string }) => {
      assert.equal(error.kind, "order-failed");
      assert.match(error.message, /^order [0-9a-f]{32} ended in status 5 \(provisioning failed; CTyun's order query gives no reason: see the order in the console's order center\)\. Nothing was created; the next `pulumi up` orders again\.$/);
      assert.equal(error.id, undefined, "not a partial create: there is no EIP to record");
      return true;
    });
    assert.equal(((await bed.emu.control.state()).resources["eip"] ?? []).length, 0);
    const again = await provider.create({ ...checked.inputs, __provider: provider.text });
    const state = await bed.emu.control.state();
    assert.equal(state.orders.length, 2, "the failed create's token was not reused");
    assert.deepEqual((state.resources["eip"] ?? []).map((r) => r.id), [again.id]);
  });

  it("resumes the same order after a create timed out while the order was still running (no second EIP)", async () => {
    const provider = await bed.provider("Eip");
    await bed.emu.control.setTiming("order", { mode: "delay", ms: 5 * 60_000 });
    const first = await provider.check({}, { pulumiName: "slow", timeouts: { create: "3m" } });
    await assert.rejects(provider.create({ ...first.inputs, __provider: provider.text }), (error: Error & { kind?: string; id?: string }) => {
      assert.equal(error.kind, "waiter-timeout");
      assert.match(error.message, /^timed out after 180s waiting for order [0-9a-f]{32} to finish/);
      assert.equal(error.id, undefined);
      return true;
    });
    assert.ok(bed.logs.some((line) => /EIP order [0-9a-f]{32} is still running; run `pulumi up` again without changing this Eip's inputs to resume waiting for it/.test(line)), bed.logs.join("\n"));
    const orderId = ((await bed.emu.control.state()).orders as Array<{ masterOrderID: string }>)[0]!.masterOrderID;
    // The rerun: same logical name and inputs, so the journaled clientToken replays the create.
    const rerun = await provider.check({}, { pulumiName: "slow", timeouts: { create: "3m" } });
    assert.equal(rerun.inputs["name"], first.inputs["name"], "the generated name is reused");
    const { id } = await provider.create({ ...rerun.inputs, __provider: provider.text });
    const state = await bed.emu.control.state();
    assert.deepEqual((state.orders as Array<{ masterOrderID: string }>).map((o) => o.masterOrderID), [orderId], "one order, replayed");
    assert.deepEqual((state.resources["eip"] ?? []).map((r) => r.id), [id]);
    assert.equal((await bed.emu.control.counts())["CreateEip"], 2);
  });

  it("records a partial create when the EIP exists but cannot be read back, and the next update resumes it", async () => {
    const provider = await bed.provider("Eip");
    const checked = await provider.check({}, { pulumiName: "half", bandwidth: 4 });
    await bed.emu.control.addFault({ path: "/v4/eip/show", kind: "http", status: 503, times: 1000 });
    let partial: { id: string; properties: Props; reasons: string[] } | undefined;
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), (error: typeof partial & Error) => {
      partial = error;
      return true;
    });
    assert.ok(partial);
    assert.match(partial.id, /^eip-[a-z0-9]{10}$/);
    assert.equal(partial.properties["eipId"], partial.id);
    assert.notEqual(await bed.emu.control.resource("eip", partial.id), undefined);
    await bed.emu.control.clearFaults();
    await bed.emu.control.clearRequests();
    const resumed = await provider.update(partial.id, partial.properties, { ...checked.inputs, __provider: provider.text });
    assert.deepEqual([resumed.outs["eipId"], resumed.outs["address"], resumed.outs["bandwidth"]], [partial.id, "180.101.64.1", 4]);
    assert.deepEqual(await operations(), ["ShowEip"], "nothing to change: one read gives the outputs");
  });

  it("changes bandwidth through modify-spec and its order, observed as QueryOrder polls", async () => {
    const provider = await bed.provider("Eip");
    const { id, outs, inputs } = await bed.create("Eip", { bandwidth: 5 });
    await bed.emu.control.clearRequests();
    const updated = await provider.update(id, outs, { ...inputs, bandwidth: 50 });
    assert.deepEqual(await operations(), ["ShowEip", "ModifyEipSpec", "QueryOrderUuid", "QueryOrderUuid", "ShowEip"]);
    assert.deepEqual([updated.outs["bandwidth"], updated.outs["status"]], [50, "down"]);
    assert.equal((await bed.emu.control.resource<Props>("eip", id))!.data["bandwidth"], 50);
  });

  it("waits for another order of the EIP (Openapi.Order.Inprogress), then places its own", async () => {
    const provider = await bed.provider("Eip");
    const { id, outs, inputs } = await bed.create("Eip", { bandwidth: 5 });
    // Someone else (the console, another stack) started a change that is still running.
    const other = await bed.emu.post("/v4/eip/modify-spec", { regionID: outs["regionId"], clientToken: "console", eipID: id, bandwidth: 7 });
    const otherOrder = other.envelope<{ masterOrderID: string }>().returnObj.masterOrderID;
    await bed.emu.control.clearRequests();
    const updated = await provider.update(id, outs, { ...inputs, bandwidth: 30 });
    assert.deepEqual(await operations(), [
      "ShowEip",
      "ModifyEipSpec:Openapi.Order.Inprogress",
      "QueryOrderUuid",
      "QueryOrderUuid",
      "ShowEip",
      "ModifyEipSpec",
      "QueryOrderUuid",
      "QueryOrderUuid",
      "ShowEip",
    ]);
    assert.ok(bed.logs.some((line) => line.includes(`another order is still running (${otherOrder}); waiting for it first`)), bed.logs.join("\n"));
    assert.equal(updated.outs["bandwidth"], 30);
  });

  it("renames in place without touching the bandwidth", async () => {
    const provider = await bed.provider("Eip");
    const { id, outs, inputs } = await bed.create("Eip", { name: "before", bandwidth: 5 });
    await bed.emu.control.clearRequests();
    const updated = await provider.update(id, outs, { ...inputs, name: "after" });
    assert.deepEqual(await operations(), ["ShowEip", "ChangeEipName", "ShowEip"]);
    assert.equal(updated.outs["name"], "after");
  });

  it("refuses to delete an EIP that is still associated, naming what to do, and sends no unsubscribe", async () => {
    const provider = await bed.provider("Eip");
    const { id, outs } = await bed.create("Eip", {});
    const instanceID = "0b7c3a52-6d1e-4f8a-9c2b-1a2b3c4d5e6f";
    bed.emu.app.context.store
      .collection<Props>("instance")
      .insert(outs["regionId"], instanceID, { instanceID, instanceStatus: "running", networkCardList: [{ isMaster: true, subnetID: "subnet-aaaaaaaaaa", IPv4Address: "10.0.0.5", IPv6Address: [], nicID: "port-1" }] });
    await bed.emu.post("/v4/eip/associate", { regionID: outs["regionId"], clientToken: "bind", eipID: id, associationID: instanceID, associationType: 1 });
    await bed.emu.control.clearRequests();
    await assert.rejects(provider.delete(id, outs), {
      message: `EIP ${id} (180.101.64.1) is still associated with instance ${instanceID}: delete its EipAssociation first (Pulumi does so when the association uses this Eip's eipId), or disassociate it, then run again`,
    });
    assert.deepEqual(await operations(), ["ShowEip"]);
    assert.equal((await bed.emu.control.resource<Props>("eip", id))!.data["status"], "ACTIVE");
  });

  it("deletes through the unsubscribe order; the finished order confirms it (no not-found read)", async () => {
    const provider = await bed.provider("Eip");
    const { id, outs } = await bed.create("Eip", { billing: { mode: "yearly", count: 1 } });
    await bed.emu.control.clearRequests();
    await provider.delete(id, outs);
    assert.deepEqual(await operations(), ["ShowEip", "DeleteEip", "QueryOrderUuid", "QueryOrderUuid"]);
  });

  it("resumes an unsubscribe that is already running (e.g. after a delete timed out) by waiting for its order", async () => {
    const provider = await bed.provider("Eip");
    const { id, outs } = await bed.create("Eip", {});
    const earlier = await bed.emu.post("/v4/eip/delete", { regionID: outs["regionId"], clientToken: "earlier-run", eipID: id });
    const refund = earlier.envelope<{ masterOrderID: string }>().returnObj.masterOrderID;
    await bed.emu.control.clearRequests();
    await provider.delete(id, outs);
    assert.deepEqual(await operations(), [
      "ShowEip",
      "DeleteEip:Openapi.Order.Inprogress",
      "QueryOrderUuid",
      "QueryOrderUuid",
      "ShowEip:Openapi.Eip.NotFound",
    ]);
    assert.ok(bed.logs.some((line) => line.includes(`(${refund}); waiting for it first`)), bed.logs.join("\n"));
    assert.equal(await bed.emu.control.resource("eip", id), undefined);
  });

  it("reads an EIP the cloud reports as DELETED as gone", async () => {
    const provider = await bed.provider("Eip");
    const { id, outs } = await bed.create("Eip", {});
    await bed.emu.control.patchResource("eip", id, { status: "DELETED" });
    assert.deepEqual(await provider.read(id, outs), {});
  });

  it("diffs: name and bandwidth update in place, billing replaces, the default billing equals its explicit form", async () => {
    const provider = await bed.provider("Eip");
    const base = (await provider.check({}, { pulumiName: "d" })).inputs;
    const olds = { ...base, eipId: "eip-abcde12345", address: "180.101.64.1", status: "down", expireTime: undefined };
    const explicit = (await provider.check(base, { pulumiName: "d", billing: { mode: "onDemand", chargeBy: "bandwidth" }, bandwidth: 1 })).inputs;
    assert.deepEqual(await provider.diff("eip-abcde12345", olds, explicit), { changes: false, replaces: [], deleteBeforeReplace: false });
    const rename = (await provider.check(base, { pulumiName: "d", name: "other-name", bandwidth: 8 })).inputs;
    assert.deepEqual(await provider.diff("eip-abcde12345", olds, rename), { changes: true, replaces: [], deleteBeforeReplace: false });
    const yearly = (await provider.check(base, { pulumiName: "d", billing: { mode: "yearly", count: 1 } })).inputs;
    assert.deepEqual(await provider.diff("eip-abcde12345", olds, yearly), { changes: true, replaces: ["billing"], deleteBeforeReplace: false });
    assert.deepEqual(await bed.emu.control.requests(), []);
  });
});

describe("Eip: check refuses invalid inputs before any request", () => {
  const bed = useProviderTestbed();
  const cases: Array<[string, Props, string, string]> = [
    ["a one-character name", { name: "e" }, "name", "must be 2-32 characters long (got 1)"],
    ["a name starting with a digit", { name: "1eip" }, "name", "must start with a letter or Chinese character and contain only letters, digits, Chinese characters, '_' and '-'"],
    ["bandwidth 0", { bandwidth: 0 }, "bandwidth", "must be a whole number of Mbps from 1 to 1024"],
    ["bandwidth 1025", { bandwidth: 1025 }, "bandwidth", "must be a whole number of Mbps from 1 to 1024"],
    ["a fractional bandwidth", { bandwidth: 2.5 }, "bandwidth", "must be a whole number of Mbps from 1 to 1024"],
    ["a bandwidth given as text", { bandwidth: "10" }, "bandwidth", "must be a whole number of Mbps from 1 to 1024"],
    ["billing as a string", { billing: "monthly" }, "billing", 'must be an object such as { mode: "onDemand" } or { mode: "monthly", count: 1 }'],
    ["an unknown billing mode", { billing: { mode: "MONTHLY", count: 1 } }, "billing", 'mode: must be "onDemand", "monthly" or "yearly"'],
    ["monthly without a count", { billing: { mode: "monthly" } }, "billing", "count: is required for monthly billing: 1 to 11 months"],
    ["12 months", { billing: { mode: "monthly", count: 12 } }, "billing", "count: must be a whole number from 1 to 11 (use yearly billing for 12 months or more)"],
    ["4 years", { billing: { mode: "yearly", count: 4 } }, "billing", "count: must be a whole number from 1 to 3 (yearly billing)"],
    ["half a year", { billing: { mode: "yearly", count: 0.5 } }, "billing", "count: must be a whole number from 1 to 3 (yearly billing)"],
    ["a term for on-demand billing", { billing: { mode: "onDemand", count: 1 } }, "billing", "count: on-demand billing has no term; count applies to monthly and yearly billing"],
    ["chargeBy on a subscription", { billing: { mode: "monthly", count: 1, chargeBy: "traffic" } }, "billing", "chargeBy: applies only to on-demand billing"],
    ["the API's name for traffic billing", { billing: { mode: "onDemand", chargeBy: "upflowc" } }, "billing", 'chargeBy: must be "bandwidth" or "traffic"'],
    ["an unknown billing field", { billing: { mode: "onDemand", period: 1 } }, "billing", "period: is not a billing field (onDemand billing takes mode, chargeBy)"],
    ["a malformed region", { regionId: "cn-east-1" }, "regionId", "must be a CTyun regionID: 32 hexadecimal characters"],
    ["a malformed project", { projectId: "Default" }, "projectId", 'must be "" (default project), "0" or 32 lower-case letters and digits'],
    ["an unknown input", { bandwidthMbps: 5 }, "bandwidthMbps", "is not an input of ctyun:Eip"],
  ];
  for (const [title, inputs, property, reason] of cases) {
    it(`refuses ${title}`, async () => {
      const provider = await bed.provider("Eip");
      const { failures } = await provider.check({}, { pulumiName: "checked", ...inputs });
      assert.deepEqual(failures, [{ property, reason }]);
      assert.deepEqual(await bed.emu.control.requests(), []);
    });
  }
});
