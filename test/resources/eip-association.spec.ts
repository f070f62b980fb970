/** EipAssociation through its serialized provider against the emulator: the contract, binding rules, checks. */
import assert from "node:assert/strict";
import { UNKNOWN_CODE_SITUATIONS } from "../../emulator/unknown-codes";
import { REGION_HUABEI2, REGION_HUADONG1, type EmulatorHarness } from "../helpers/emulator";
import { useProviderTestbed, type ProviderTestbed } from "../helpers/providers";
import { describeResourceContract } from "../helpers/resource-contract";

type Props = Record<string, any>;

const R = REGION_HUADONG1;
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
let serial = 0;

/** Buys an EIP directly on the emulator and waits for its order; returns its id. */
async function emulatorEip(emu: EmulatorHarness): Promise<string> {
  const placed = (await emu.post("/v4/eip/create", { clientToken: `eip-${++serial}`, regionID: R, cycleType: "on_demand", demandBillingType: "bandwidth", name: "eip-for-vm", bandwidth: 2 })).envelope<{ masterOrderID: string }>();
  for (;;) {
    const order = (await emu.get("/v4/ecs/order/query-uuid", { masterOrderID: placed.returnObj.masterOrderID })).envelope<{ orderStatus: string; instanceIDList: string[] }>().returnObj;
    if (order.orderStatus === "3") return order.instanceIDList[0] as string;
  }
}

/** A minimal instance record as the ECS service stores it; returns its id. */
function emulatorInstance(emu: EmulatorHarness, privateIp: string): string {
  const instanceID = `0b7c3a52-6d1e-4f8a-9c2b-${String(++serial).padStart(12, "0")}`;
  emu.app.context.store.collection<Props>("instance").insert(R, instanceID, {
    instanceID,
    instanceStatus: "running",
    networkCardList: [{ isMaster: true, subnetID: "subnet-aaaaaaaaaa", IPv4Address: privateIp, IPv6Address: [], nicID: `port-${serial}` }],
  });
  return instanceID;
}

async function eipRecord(bed: ProviderTestbed, eipId: string): Promise<Props | undefined> {
  return (await bed.emu.control.resource<Props>("eip", eipId))?.data;
}

async function boundCount(bed: ProviderTestbed): Promise<number> {
  return ((await bed.emu.control.state()).resources["eip"] ?? []).filter((r) => (r.data as Props)["associationID"] !== "").length;
}

function split(id: string): [string, string] {
  const at = id.indexOf(":");
  return [id.slice(0, at), id.slice(at + 1)];
}

describeResourceContract({
  kind: "EipAssociation",
  idOutput: "eipAssociationId",
  createOperation: "AssociateEip",
  createPath: "/v4/eip/associate",
  inputs: async (bed) => ({ eipId: await emulatorEip(bed.emu), instanceId: emulatorInstance(bed.emu, "10.0.0.5") }),
  updates: [{ timeouts: { delete: "2m" } }],
  replacements: [
    { instanceId: "7f8e9d0c-1b2a-4c3d-8e5f-6a7b8c9d0e1f" },
    { eipId: "eip-zzzzzzzzzz" },
    { associationType: "vip", instanceId: "havip-abcde12345" },
    { regionId: REGION_HUABEI2 },
  ],
  exists: async (bed, id) => {
    const [eipId, instanceId] = split(id);
    return (await eipRecord(bed, eipId))?.["associationID"] === instanceId;
  },
  removeOutOfBand: async (bed, id) => {
    await bed.emu.control.patchResource("eip", split(id)[0], { associationID: "", associationType: "", privateIpAddress: "", status: "DOWN" });
  },
  count: boundCount,
});

describe("EipAssociation: specifics", () => {
  const bed = useProviderTestbed();

  async function operations(): Promise<string[]> {
    return (await bed.emu.control.requests()).map((r) => (r.errorCode && r.errorCode !== "SUCCESS" ? `${r.operation}:${r.errorCode}` : String(r.operation)));
  }

  it("binds the EIP to the instance's primary address and reports both addresses", async () => {
    const eipId = await emulatorEip(bed.emu);
    const instanceId = emulatorInstance(bed.emu, "10.0.3.7");
    await bed.emu.control.clearRequests();
    const { id, outs } = await bed.create("EipAssociation", { eipId, instanceId });
    assert.equal(id, `${eipId}:${instanceId}`);
    assert.deepEqual(
      { id: outs["eipAssociationId"], address: outs["address"], privateIpAddress: outs["privateIpAddress"], associationType: outs["associationType"] },
      { id, address: "180.101.64.1", privateIpAddress: "10.0.3.7", associationType: "vm" },
    );
    assert.deepEqual(await operations(), ["AssociateEip", "ShowEip"]);
    const record = await eipRecord(bed, eipId);
    assert.deepEqual([record?.["status"], record?.["associationType"], record?.["associationID"]], ["ACTIVE", "INSTANCE", instanceId]);
  });

  it("binds a HAVIP with associationType vip", async () => {
    const eipId = await emulatorEip(bed.emu);
    const { outs } = await bed.create("EipAssociation", { eipId, instanceId: "havip-abcde12345", associationType: "vip" });
    assert.deepEqual([outs["privateIpAddress"], outs["associationType"]], ["", "vip"]);
    assert.equal((await eipRecord(bed, eipId))?.["associationType"], "VIP");
  });

  it("reads as gone once the EIP is unbound, bound to another instance, or deleted", async () => {
    const provider = await bed.provider("EipAssociation");
    const eipId = await emulatorEip(bed.emu);
    const instanceId = emulatorInstance(bed.emu, "10.0.0.5");
    const { id, outs } = await bed.create("EipAssociation", { eipId, instanceId });
    const other = emulatorInstance(bed.emu, "10.0.0.6");
    await bed.emu.control.patchResource("eip", eipId, { associationID: other, privateIpAddress: "10.0.0.6" });
    assert.deepEqual(await provider.read(id, outs), {});
    await bed.emu.control.patchResource("eip", eipId, { associationID: "", associationType: "", privateIpAddress: "", status: "DOWN" });
    assert.deepEqual(await provider.read(id, outs), {});
    await bed.emu.control.deleteResource("eip", eipId);
    assert.deepEqual(await provider.read(id, outs), {});
  });

  it("deletes by disassociating, and leaves an EIP bound elsewhere alone", async () => {
    const provider = await bed.provider("EipAssociation");
    const eipId = await emulatorEip(bed.emu);
    const instanceId = emulatorInstance(bed.emu, "10.0.0.5");
    const { id, outs } = await bed.create("EipAssociation", { eipId, instanceId });
    await bed.emu.control.clearRequests();
    await provider.delete(id, outs);
    // disassociate is synchronous: its answer is the unbinding, and no read confirms it.
    assert.deepEqual(await operations(), ["ShowEip", "DisassociateEip"]);
    const record = await eipRecord(bed, eipId);
    assert.deepEqual([record?.["status"], record?.["associationID"]], ["DOWN", ""]);

    const again = await bed.create("EipAssociation", { eipId, instanceId });
    const other = emulatorInstance(bed.emu, "10.0.0.6");
    await bed.emu.control.patchResource("eip", eipId, { associationID: other });
    await bed.emu.control.clearRequests();
    await provider.delete(again.id, again.outs);
    assert.deepEqual(await operations(), ["ShowEip"], "nothing to undo: the EIP is bound to someone else now");
    assert.equal((await eipRecord(bed, eipId))?.["associationID"], other);
  });

  it("treats a disassociate whose answer was lost as done", async () => {
    const provider = await bed.provider("EipAssociation");
    const eipId = await emulatorEip(bed.emu);
    const { id, outs } = await bed.create("EipAssociation", { eipId, instanceId: emulatorInstance(bed.emu, "10.0.0.5") });
    await bed.emu.control.addFault({ path: "/v4/eip/disassociate", kind: "commit-then-drop", times: 1 });
    await provider.delete(id, outs);
    assert.equal((await eipRecord(bed, eipId))?.["associationID"], "");
    assert.equal((await bed.emu.control.counts())["DisassociateEip"], 2, "the retry replayed the first disassociate");
  });

  it("fails clearly when the instance already holds another EIP, recording nothing", async () => {
    const provider = await bed.provider("EipAssociation");
    const first = await emulatorEip(bed.emu);
    const second = await emulatorEip(bed.emu);
    const instanceId = emulatorInstance(bed.emu, "10.0.0.5");
    await bed.create("EipAssociation", { eipId: first, instanceId });
    const checked = await provider.check({}, { pulumiName: "second", eipId: second, instanceId });
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), (error: Error & { errorCode?: string; id?: string }) => {
      assert.ok((UNKNOWN_CODE_SITUATIONS["eip-bound"] as readonly string[]).includes(error.errorCode ?? ""));
      assert.match(error.message, new RegExp(`^AssociateEip failed: ${error.errorCode}: instance ${instanceId} already has eip ${first} \\(180\\.101\\.64\\.1\\) associated`));
      assert.equal(error.id, undefined);
      return true;
    });
    assert.equal((await eipRecord(bed, second))?.["status"], "DOWN");
  });

  it("fails clearly when the instance does not exist", async () => {
    const provider = await bed.provider("EipAssociation");
    const eipId = await emulatorEip(bed.emu);
    const instanceId = "7f8e9d0c-1b2a-4c3d-8e5f-6a7b8c9d0e1f";
    const checked = await provider.check({}, { pulumiName: "nowhere", eipId, instanceId });
    await assert.rejects(provider.create({ ...checked.inputs, __provider: provider.text }), { errorCode: "Ecs.Instance.NotFound" });
  });

  it("refuses a binding to this very instance made by somebody else (by hand, another stack), naming adoptId, which takes it over", async () => {
    const eipId = await emulatorEip(bed.emu);
    const instanceId = emulatorInstance(bed.emu, "10.0.0.5");
    await bed.emu.post("/v4/eip/associate", { regionID: R, clientToken: "by-hand", eipID: eipId, associationID: instanceId, associationType: 1 });
    await bed.emu.control.clearRequests();
    const id = `${eipId}:${instanceId}`;
    await assert.rejects(bed.create("EipAssociation", { eipId, instanceId }), {
      message: `EIP ${eipId} is already bound to ${instanceId}, and not by this create: manage that binding with adoptId "${id}", or remove the duplicate from the program`,
    });
    const ops = await operations();
    assert.deepEqual(ops.map((op) => op.split(":")[0]), ["AssociateEip", "ShowEip"]);
    assert.ok((UNKNOWN_CODE_SITUATIONS["eip-bound"] as readonly string[]).includes(ops[0]!.split(":")[1]!), "refused with a code of the in-use set, which decides nothing");
    const adopted = await bed.create("EipAssociation", { eipId, instanceId, adoptId: id });
    assert.equal(adopted.id, id);
  });

  it("rebinds on update when the binding was lost since the last run (resume)", async () => {
    const provider = await bed.provider("EipAssociation");
    const eipId = await emulatorEip(bed.emu);
    const instanceId = emulatorInstance(bed.emu, "10.0.0.5");
    const { id, outs, inputs } = await bed.create("EipAssociation", { eipId, instanceId });
    await bed.emu.control.patchResource("eip", eipId, { associationID: "", associationType: "", privateIpAddress: "", status: "DOWN" });
    const updated = await provider.update(id, outs, inputs);
    assert.equal(updated.outs["privateIpAddress"], "10.0.0.5");
    assert.equal((await eipRecord(bed, eipId))?.["associationID"], instanceId);
  });

  it("deletes before replacing when the old and new binding share the EIP or the instance", async () => {
    const provider = await bed.provider("EipAssociation");
    const olds = { eipId: "eip-aaaaaaaaaa", instanceId: "0b7c3a52-6d1e-4f8a-9c2b-1a2b3c4d5e6f", associationType: "vm", regionId: R };
    const news = (change: Props) => ({ ...olds, ...change });
    assert.deepEqual(await provider.diff("x", olds, news({ instanceId: "7f8e9d0c-1b2a-4c3d-8e5f-6a7b8c9d0e1f" })), { changes: true, replaces: ["instanceId"], deleteBeforeReplace: true });
    assert.deepEqual(await provider.diff("x", olds, news({ eipId: "eip-bbbbbbbbbb" })), { changes: true, replaces: ["eipId"], deleteBeforeReplace: true });
    assert.deepEqual(
      await provider.diff("x", olds, news({ eipId: "eip-bbbbbbbbbb", instanceId: "7f8e9d0c-1b2a-4c3d-8e5f-6a7b8c9d0e1f" })),
      { changes: true, replaces: ["eipId", "instanceId"], deleteBeforeReplace: false },
    );
    assert.deepEqual(await bed.emu.control.requests(), []);
  });

  it("goes with an Eip: the EIP cannot be deleted while bound; deleting the association first (Pulumi's order) frees it", async () => {
    const eipProvider = await bed.provider("Eip");
    const provider = await bed.provider("EipAssociation");
    const eip = await bed.create("Eip", { bandwidth: 10 });
    const instanceId = emulatorInstance(bed.emu, "10.0.0.5");
    const association = await bed.create("EipAssociation", { eipId: eip.outs["eipId"], instanceId });
    await assert.rejects(eipProvider.delete(eip.id, eip.outs), /is still associated with instance .*: delete its EipAssociation first/);
    await provider.delete(association.id, association.outs);
    await eipProvider.delete(eip.id, eip.outs);
    assert.equal(await eipRecord(bed, eip.id), undefined);
  });
});

describe("EipAssociation: check refuses invalid inputs before any request", () => {
  const bed = useProviderTestbed();
  const VM = "0b7c3a52-6d1e-4f8a-9c2b-1a2b3c4d5e6f";
  const base: Props = { eipId: "eip-abcde12345", instanceId: VM };
  const cases: Array<[string, Props, string, string]> = [
    ["a malformed eipId", { eipId: "eip-1" }, "eipId", "must be an id like eip-abcde12345"],
    ["a missing eipId", { eipId: undefined }, "eipId", "is required"],
    ["a missing instanceId", { instanceId: undefined }, "instanceId", "is required"],
    ["an empty instanceId", { instanceId: "" }, "instanceId", "must not be empty"],
    ["a non-UUID instance for vm", { instanceId: "i-12345" }, "instanceId", 'must be an ECS instance id (a UUID) when associationType is "vm"'],
    ["an instance UUID for vip", { associationType: "vip" }, "instanceId", 'must be a HAVIP id like havip-abcde12345 when associationType is "vip"'],
    ["an unknown associationType", { associationType: "ecs" }, "associationType", 'must be "vm" or "vip"'],
    ["the wire code as associationType", { associationType: 1 }, "associationType", 'must be "vm" or "vip"'],
    ["a malformed region", { regionId: "cn-east-1" }, "regionId", "must be a CTyun regionID: 32 hexadecimal characters"],
    ["a malformed project", { projectId: "Default" }, "projectId", 'must be "" (default project), "0" or 32 lower-case letters and digits'],
    ["the API's field name", { instanceID: VM }, "instanceID", "is not an input of ctyun:EipAssociation"],
    ["an empty adoptId", { adoptId: "" }, "adoptId", "must be a non-empty cloud id"],
  ];
  for (const [title, change, property, reason] of cases) {
    it(`refuses ${title}`, async () => {
      const provider = await bed.provider("EipAssociation");
      const { failures } = await provider.check({}, { pulumiName: "checked", ...base, ...change });
      assert.deepEqual(failures, [{ property, reason }]);
      assert.deepEqual(await bed.emu.control.requests(), []);
    });
  }

  it("accepts unknown ids during preview and fills the default type", async () => {
    const provider = await bed.provider("EipAssociation");
    const { inputs, failures } = await provider.check({}, { pulumiName: "preview", eipId: UNKNOWN, instanceId: UNKNOWN });
    assert.deepEqual(failures, []);
    assert.deepEqual([inputs["eipId"], inputs["instanceId"], inputs["associationType"], inputs["regionId"]], [UNKNOWN, UNKNOWN, "vm", R]);
  });
});
