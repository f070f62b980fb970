/** Bandwidth and BandwidthEipAttachment through their serialized providers against the emulator. */
import assert from "node:assert/strict";
import { describeResourceContract } from "../helpers/resource-contract";
import { useProviderTestbed, type ProviderTestbed } from "../helpers/providers";
import { REGION_HUABEI2, REGION_HUADONG1 } from "../helpers/emulator";
import { createEip } from "../emulator/fixtures/nat-gateway";
import { finishOrder } from "../emulator/fixtures/ecs";

type Props = Record<string, any>;

let packages = 0;
async function newPackage(bed: ProviderTestbed): Promise<string> {
  const envelope = (await bed.emu.post("/v4/bandwidth/create", { clientToken: `fixture-bw-${++packages}`, regionID: REGION_HUADONG1, name: `fixture-${packages}`, bandwidth: 10, cycleType: "on_demand" })).envelope<{ masterOrderID: string }>();
  assert.equal(envelope.statusCode, 800, JSON.stringify(envelope));
  return (await finishOrder(bed.emu, envelope.returnObj.masterOrderID)).instanceIDList[0] as string;
}

const members = async (bed: ProviderTestbed, bandwidthID: string) =>
  (await bed.emu.get("/v4/bandwidth/describe", { regionID: REGION_HUADONG1, bandwidthID })).envelope<{ eips: Array<{ eipID: string }> }>().returnObj.eips.map((e) => e.eipID);

describeResourceContract({
  kind: "Bandwidth",
  idOutput: "bandwidthId",
  recordKind: "bandwidth",
  createOperation: "CreateBandwidth",
  createPath: "/v4/bandwidth/create",
  inputs: async () => ({ bandwidth: 20 }),
  updates: [{ name: "renamed-shared" }, { bandwidth: 100 }, { name: "both-changed", bandwidth: 5 }],
  replacements: [{ billing: { mode: "monthly", count: 1 } }, { regionId: REGION_HUABEI2 }, { projectId: "0" }],
  drift: { patch: { bandwidth: 77, name: "by-hand" }, inputs: { bandwidth: 77, name: "by-hand" } },
});

describeResourceContract({
  kind: "BandwidthEipAttachment",
  idOutput: "bandwidthEipAttachmentId",
  createOperation: "AssociateEipToBandwidth",
  createPath: "/v4/bandwidth/associate-eip",
  inputs: async (bed) => ({ bandwidthId: await newPackage(bed), eipId: await createEip(bed.emu) }),
  updates: [],
  replacements: [{ bandwidthId: "bandwidth-abcdefghij" }, { eipId: "eip-abcdefghij" }, { regionId: REGION_HUABEI2 }],
  exists: async (bed, id) => (await members(bed, id.split(":")[0]!)).includes(id.split(":")[1]!),
  removeOutOfBand: async (bed, id) => {
    const [bandwidthID, eipID] = id.split(":");
    await bed.emu.post("/v4/bandwidth/disassociate-eip", { regionID: REGION_HUADONG1, bandwidthID, eipIDs: [eipID] });
  },
  count: async (bed) => ((await bed.emu.control.state()).resources["bandwidth"] ?? []).reduce((n, r) => n + ((r.data as Props)["eipIDs"] as string[]).length, 0),
});

describe("Bandwidth and BandwidthEipAttachment: specifics", () => {
  const bed = useProviderTestbed();

  async function operations(): Promise<string[]> {
    return (await bed.emu.control.requests()).map((r) => (r.errorCode && r.errorCode !== "SUCCESS" ? `${r.operation}:${r.errorCode}` : String(r.operation)));
  }

  it("buys a package through an order it polls with QueryOrder, and reports the cloud's view", async () => {
    const { id, outs } = await bed.create("Bandwidth", { bandwidth: 50, name: "shared", billing: { mode: "monthly", count: 2 } });
    assert.deepEqual(await operations(), ["CreateBandwidth", "QueryOrderUuid", "QueryOrderUuid", "DescribeBandwidth"]);
    assert.match(id, /^bandwidth-[a-z0-9]{10}$/);
    assert.deepEqual([outs["status"], outs["bandwidth"], outs["eipIds"], outs["createTime"], outs["expireTime"]], ["active", 50, [], "2024-06-01T00:00:02Z", "2024-08-01T00:00:02Z"]);
  });

  it("puts an EIP in the package, which then shows in EIP show, and keeps the package until the attachment goes", async () => {
    const shared = await bed.create("Bandwidth", { bandwidth: 20 });
    const eipId = await createEip(bed.emu);
    const attachment = await bed.create("BandwidthEipAttachment", { bandwidthId: shared.id, eipId });
    assert.deepEqual([attachment.id, attachment.outs["address"]], [`${shared.id}:${eipId}`, "180.101.64.1"]);
    assert.equal((await bed.emu.get("/v4/eip/show", { regionID: REGION_HUADONG1, eipID: eipId })).envelope<{ bandwidthID: string }>().returnObj.bandwidthID, shared.id);
    const attachments = await bed.provider("BandwidthEipAttachment");
    let detached = false;
    bed.onSleep(async () => {
      if (detached) return;
      detached = true;
      await attachments.delete(attachment.id, attachment.outs);
    });
    await bed.emu.control.clearRequests();
    await (await bed.provider("Bandwidth")).delete(shared.id, shared.outs);
    const deletes = (await operations()).filter((op) => op.startsWith("DeleteBandwidth"));
    assert.equal(deletes.length, 2, deletes.join(", "));
    assert.match(deletes[0]!, /^DeleteBandwidth:/, "refused while the EIP was in it");
    assert.equal(await bed.emu.control.resource("bandwidth", shared.id), undefined);
  });

  it("refuses an EIP already in the package that this create did not put there, naming adoptId", async () => {
    const bandwidthId = await newPackage(bed);
    const eipId = await createEip(bed.emu);
    await bed.emu.post("/v4/bandwidth/associate-eip", { regionID: REGION_HUADONG1, bandwidthID: bandwidthId, eipIDs: [eipId] });
    const provider = await bed.provider("BandwidthEipAttachment");
    const checked = await provider.check({}, { pulumiName: "dup", bandwidthId, eipId });
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), (error: Error) => {
      assert.match(error.message, new RegExp(`EIP ${eipId} is already in shared bandwidth ${bandwidthId}, and not by this create: manage it with adoptId "${bandwidthId}:${eipId}"`));
      return true;
    });
  });

  it("names each rule that check refuses, before any call", async () => {
    const provider = await bed.provider("Bandwidth");
    const cases: Array<[Props, string, string]> = [
      [{ bandwidth: 4 }, "bandwidth", "must be a whole number of Mbps from 5 to 1000"],
      [{ bandwidth: 1001 }, "bandwidth", "must be a whole number of Mbps from 5 to 1000"],
      [{}, "bandwidth", "is required"],
      [{ bandwidth: 10, name: "9lives" }, "name", "must be 2-63 characters, starting with a letter or Chinese character"],
      [{ bandwidth: 10, billing: { mode: "yearly", count: 4 } }, "billing", "must be a whole number from 1 to 3 (yearly billing)"],
    ];
    for (const [news, property, reason] of cases) {
      const checked = await provider.check({}, { pulumiName: "bad", ...news });
      const failure = checked.failures.find((f) => f.property === property || f.property.startsWith(`${property}.`));
      assert.ok(failure, `${JSON.stringify(news)}: ${JSON.stringify(checked.failures)}`);
      assert.ok(failure.reason.includes(reason), `${property}: ${failure.reason}`);
    }
    const generated = await provider.check({}, { pulumiName: "shared-egress", bandwidth: 10 });
    assert.match(String(generated.inputs["name"]), /^shared-egress-[0-9a-f]{7}$/);
    assert.deepEqual(await bed.emu.control.counts(), {}, "check calls nothing");
  });
});
