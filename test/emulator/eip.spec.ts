/** EIPs in the emulator (spec D.5, D.6, D.0.2, C.5): envelopes, field types, orders, invariants. */
import assert from "node:assert/strict";
import type { InstanceRecord } from "../../emulator/services/ecs/records";
import { ID_PATTERNS } from "../../emulator/store/ids";
import { REGION_HUABEI2, REGION_HUADONG1, useEmulator, type CtyunEnvelope, type EmulatorHarness } from "../helpers/emulator";

const R = REGION_HUADONG1;
const T0 = "2024-06-01T00:00:00Z";
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

interface Placed {
  masterOrderID: string;
  masterOrderNO: string;
  regionID: string;
}

type Eip = Record<string, unknown> & { ID: string; status: string; bandwidth: number; eipAddress: string };

let tokens = 0;

/** The body of an on-demand create; override anything. */
function createBody(body: Record<string, unknown> = {}): Record<string, unknown> {
  return { clientToken: `token-${++tokens}`, regionID: R, cycleType: "on_demand", demandBillingType: "bandwidth", name: "eip-web", bandwidth: 5, ...body };
}

function ok<T>(envelope: CtyunEnvelope<T>): T {
  assert.equal(envelope.statusCode, 800, JSON.stringify(envelope));
  return envelope.returnObj;
}

function failure(envelope: CtyunEnvelope, errorCode: string, message: string): void {
  assert.deepEqual(
    { statusCode: envelope.statusCode, errorCode: envelope.errorCode, message: envelope.message, descriptionIsString: typeof envelope.description === "string" },
    { statusCode: 900, errorCode, message, descriptionIsString: true },
  );
}

async function pollOrder(emu: EmulatorHarness, masterOrderID: string): Promise<{ orderStatus: string; instanceIDList: string[] }> {
  return ok((await emu.get("/v4/ecs/order/query-uuid", { masterOrderID })).envelope<{ orderStatus: string; instanceIDList: string[] }>());
}

/** Polls the order until it leaves "14" (the fast profile needs two polls) and returns its end state. */
async function finishOrder(emu: EmulatorHarness, masterOrderID: string): Promise<{ orderStatus: string; instanceIDList: string[] }> {
  for (let i = 0; i < 5; i++) {
    const order = await pollOrder(emu, masterOrderID);
    if (order.orderStatus !== "14") return order;
  }
  throw new Error(`order ${masterOrderID} did not finish`);
}

async function show(emu: EmulatorHarness, eipID: string, regionID = R): Promise<CtyunEnvelope<Eip>> {
  return (await emu.get("/v4/eip/show", { regionID, eipID })).envelope<Eip>();
}

/** Creates an EIP and completes its order; returns its id. */
async function provision(emu: EmulatorHarness, body: Record<string, unknown> = {}): Promise<string> {
  const placed = ok((await emu.post("/v4/eip/create", createBody(body))).envelope<Placed>());
  const order = await finishOrder(emu, placed.masterOrderID);
  assert.equal(order.orderStatus, "3");
  return order.instanceIDList[0] as string;
}

/** A minimal instance record as the ECS service stores it (read by associate). */
function insertInstance(emu: EmulatorHarness, instanceID: string, privateIp: string, status = "running", regionID = R): void {
  const record = {
    instanceID,
    instanceName: "vm-1",
    displayName: "vm-1",
    instanceStatus: status,
    azName: "cn-huadong1-jsnj1A-public-ctcloud",
    projectID: "0",
    vpcID: "vpc-aaaaaaaaaa",
    networkCardList: [
      { isMaster: false, subnetID: "subnet-bbbbbbbbbb", IPv4Address: "10.0.1.9", IPv6Address: [], nicID: "port-bbbbbbbbbb" },
      { isMaster: true, subnetID: "subnet-aaaaaaaaaa", IPv4Address: privateIp, IPv6Address: [], nicID: "port-aaaaaaaaaa" },
    ],
    secGroupIDs: [],
  } as unknown as InstanceRecord;
  emu.app.context.store.collection<InstanceRecord>("instance").insert(regionID, instanceID, record);
}

const VM_1 = "0b7c3a52-6d1e-4f8a-9c2b-1a2b3c4d5e6f";
const VM_2 = "7f8e9d0c-1b2a-4c3d-8e5f-6a7b8c9d0e1f";

async function associate(emu: EmulatorHarness, eipID: string, associationID: string, body: Record<string, unknown> = {}): Promise<CtyunEnvelope> {
  return (await emu.post("/v4/eip/associate", { regionID: R, clientToken: `assoc-${++tokens}`, eipID, associationID, associationType: 1, ...body })).envelope();
}

describe("emulator: EIP operations", () => {
  const emu = useEmulator({ transport: "in-process" });

  describe("POST /v4/eip/create", () => {
    it("places an order; the EIP appears in show only when the order reaches 3", async () => {
      const created = (await emu.post("/v4/eip/create", createBody())).envelope<Record<string, unknown>>();
      const placed = ok(created);
      assert.deepEqual(Object.keys(placed).sort(), ["eipID", "masterOrderID", "masterOrderNO", "masterResourceID", "masterResourceStatus", "regionID"]);
      assert.match(placed["masterOrderID"] as string, ID_PATTERNS.hex32);
      assert.match(placed["masterOrderNO"] as string, ID_PATTERNS.orderNumber);
      assert.match(placed["masterResourceID"] as string, ID_PATTERNS.hex32);
      assert.deepEqual({ status: placed["masterResourceStatus"], regionID: placed["regionID"], eipID: placed["eipID"] }, { status: "starting", regionID: R, eipID: "" });

      const masterOrderID = placed["masterOrderID"] as string;
      assert.deepEqual(await pollOrder(emu, masterOrderID), { orderStatus: "14", instanceIDList: [] });
      assert.equal(((await emu.control.state()).resources["eip"] ?? []).length, 0, "nothing is visible while the order is provisioning");
      const done = await pollOrder(emu, masterOrderID);
      assert.equal(done.orderStatus, "3");
      assert.equal(done.instanceIDList.length, 1);
      const eipID = done.instanceIDList[0] as string;
      assert.match(eipID, ID_PATTERNS.prefixed("eip"));

      const eip = ok(await show(emu, eipID));
      assert.deepEqual(eip, {
        ID: eipID,
        name: "eip-web",
        description: "",
        eipAddress: "180.101.64.1",
        associationID: "",
        associationType: "",
        privateIpAddress: "",
        bandwidth: 5,
        bandwidthID: "",
        bandwidthType: "standalone",
        status: "DOWN",
        tags: "",
        createdAt: T0,
        updatedAt: T0,
        expiredAt: null,
        lineType: "163",
        projectID: "0",
        portID: "",
        isPackaged: false,
        billingMethod: "bandwidth",
        enableSecondLevelMonitor: false,
        resourceID: placed["masterResourceID"],
      });
      assert.deepEqual(await emu.control.counts(), { CreateEip: 1, QueryOrderUuid: 2, ShowEip: 1 });
    });

    it("bills subscriptions for whole months or years: expiredAt is the end of the term", async () => {
      const monthly = ok(await show(emu, await provision(emu, { cycleType: "month", cycleCount: 3, demandBillingType: undefined })));
      assert.equal(monthly.expiredAt, "2024-09-01T00:00:00Z");
      assert.match(monthly.expiredAt as string, RFC3339);
      const yearly = ok(await show(emu, await provision(emu, { cycleType: "year", cycleCount: 2, demandBillingType: undefined, bandwidth: undefined })));
      assert.equal(yearly.expiredAt, "2026-06-01T00:00:00Z");
      assert.equal(yearly.bandwidth, 1, "bandwidth defaults to 1 Mbps");
      emu.clock.set(Date.UTC(2024, 0, 31, 8, 30, 0));
      const endOfMonth = ok(await show(emu, await provision(emu, { cycleType: "month", cycleCount: 1, demandBillingType: undefined })));
      assert.equal(endOfMonth.expiredAt, "2024-02-29T08:30:00Z", "Jan 31 + 1 month is the last day of February");
    });

    it("ignores demandBillingType for subscriptions and records the billing of each EIP", async () => {
      const eipID = await provision(emu, { cycleType: "year", cycleCount: 1, demandBillingType: "upflowc", lineType: "bgp" });
      const record = (await emu.control.resource<Record<string, unknown>>("eip", eipID))!.data;
      assert.deepEqual(
        { cycleType: record["cycleType"], cycleCount: record["cycleCount"], demandBillingType: record["demandBillingType"], lineType: record["lineType"], projectID: record["projectID"] },
        { cycleType: "year", cycleCount: 1, demandBillingType: "", lineType: "bgp", projectID: "0" },
      );
      const onDemand = (await emu.control.resource<Record<string, unknown>>("eip", await provision(emu, { demandBillingType: "upflowc" })))!.data;
      assert.deepEqual({ cycleCount: onDemand["cycleCount"], demandBillingType: onDemand["demandBillingType"], lineType: onDemand["lineType"] }, { cycleCount: 0, demandBillingType: "upflowc", lineType: "163" });
    });

    it("replays a create with the same clientToken (one order, one EIP) and refuses the token with other parameters", async () => {
      const body = createBody({ clientToken: "same-token" });
      const first = ok((await emu.post("/v4/eip/create", body)).envelope<Placed>());
      const second = ok((await emu.post("/v4/eip/create", body)).envelope<Placed>());
      assert.deepEqual(second, first);
      await finishOrder(emu, first.masterOrderID);
      const after = ok((await emu.post("/v4/eip/create", body)).envelope<Placed>());
      assert.equal(after.masterOrderID, first.masterOrderID, "a replay after completion still answers with the original order");
      failure(
        (await emu.post("/v4/eip/create", { ...body, bandwidth: 6 })).envelope(),
        "Openapi.ClientToken.Conflict",
        "clientToken same-token was already used for CreateEip with different parameters",
      );
      const state = await emu.control.state();
      assert.equal(state.orders.length, 1);
      assert.equal((state.resources["eip"] ?? []).length, 1);
    });

    it("fails the order when provisioning fails: status 5, no EIP, no address taken", async () => {
      await emu.control.setTiming("order", { mode: "fail", times: 1, reason: "no capacity on line 163" });
      const placed = ok((await emu.post("/v4/eip/create", createBody())).envelope<Placed>());
      assert.deepEqual(await pollOrder(emu, placed.masterOrderID), { orderStatus: "5", instanceIDList: [] });
      assert.equal(((await emu.control.state()).resources["eip"] ?? []).length, 0);
      const next = ok(await show(emu, await provision(emu)));
      assert.equal(next.eipAddress, "180.101.64.1", "the failed order allocated nothing");
    });

    it("allocates unique addresses from the region's pool and reuses released ones", async () => {
      const a = await provision(emu);
      const b = await provision(emu);
      assert.deepEqual([ok(await show(emu, a)).eipAddress, ok(await show(emu, b)).eipAddress], ["180.101.64.1", "180.101.64.2"]);
      const north = await provision(emu, { regionID: REGION_HUABEI2 });
      assert.equal(ok(await show(emu, north, REGION_HUABEI2)).eipAddress, "42.81.160.1");
      const refund = ok((await emu.post("/v4/eip/delete", { regionID: R, clientToken: "del-a", eipID: a })).envelope<Placed>());
      await finishOrder(emu, refund.masterOrderID);
      assert.equal(ok(await show(emu, await provision(emu))).eipAddress, "180.101.64.1");
    });

    it("skips each /24's network and broadcast addresses", async () => {
      const store = emu.app.context.store.collection<Record<string, unknown>>("eip");
      for (let n = 1; n <= 254; n++) store.insert(R, `eip-f${String(n).padStart(9, "0")}`, { ID: `eip-f${String(n).padStart(9, "0")}`, eipAddress: `180.101.64.${n}` });
      assert.equal(ok(await show(emu, await provision(emu))).eipAddress, "180.101.65.1");
    });

    const invalid: Array<[string, Record<string, unknown>, string, string?]> = [
      ["an upper-case cycleType", { cycleType: "MONTH", cycleCount: 1 }, "cycleType: must be month, year or on_demand"],
      ["a month subscription without cycleCount", { cycleType: "month", demandBillingType: undefined }, "cycleCount must be an integer from 1 to 11 for cycleType month (got nothing)"],
      ["12 months", { cycleType: "month", cycleCount: 12 }, "cycleCount must be an integer from 1 to 11 for cycleType month (got 12)"],
      ["4 years", { cycleType: "year", cycleCount: 4 }, "cycleCount must be an integer from 1 to 3 for cycleType year (got 4)"],
      ["a cycleCount for on_demand", { cycleCount: 1 }, "cycleCount must be 0 or omitted for an on-demand create (got 1)"],
      ["on_demand without demandBillingType", { demandBillingType: undefined }, "demandBillingType is required when cycleType is on_demand (bandwidth or upflowc)"],
      ["an unknown demandBillingType", { demandBillingType: "traffic" }, "demandBillingType: must be bandwidth or upflowc"],
      ["bandwidth 0", { bandwidth: 0 }, "bandwidth: must be an integer from 1 to 1024"],
      ["bandwidth 1025", { bandwidth: 1025 }, "bandwidth: must be an integer from 1 to 1024"],
      ["a fractional bandwidth", { bandwidth: 1.5 }, "bandwidth: must be an integer from 1 to 1024"],
      ["a bandwidth sent as a string", { bandwidth: "5" }, "bandwidth: must be an integer from 1 to 1024"],
      ["a one-character name", { name: "e" }, "name must be 2-32 characters long"],
      ["a name starting with a digit", { name: "1eip" }, "name must start with a letter or Chinese character and contain only letters, digits, Chinese characters, '_' and '-'"],
      ["a missing clientToken", { clientToken: undefined }, "clientToken: is required (1-64 characters)"],
      ["a 65-character clientToken", { clientToken: "t".repeat(65) }, "clientToken: must be 1-64 characters"],
      ["a shared bandwidth for a subscription", { cycleType: "month", cycleCount: 1, bandwidthID: "bandwidth-abcdefghij" }, "bandwidthID (shared bandwidth) is only allowed when cycleType is on_demand"],
      ["an unknown line type", { lineType: "cn2" }, "lineType: must be 163, bgp, chinamobile or chinaunicom"],
      ["a voucher on on_demand", { payVoucherPrice: "10.00" }, "payVoucherPrice applies only to month or year subscriptions"],
      ["a malformed project", { projectID: "Project-1" }, "projectID must be empty, 0 or 32 lower-case letters and digits"],
      ["an unknown shared bandwidth", { bandwidthID: "bandwidth-abcdefghij" }, "shared bandwidth bandwidth-abcdefghij not found", "Openapi.Sharedbandwidth.NotFound"],
    ];
    for (const [title, body, message, code] of invalid) {
      it(`rejects ${title} without placing an order`, async () => {
        failure((await emu.post("/v4/eip/create", createBody(body))).envelope(), code ?? "Openapi.Parameter.Invalid", message);
        assert.equal((await emu.control.state()).orders.length, 0);
      });
    }

    it("rejects an unknown region", async () => {
      failure((await emu.post("/v4/eip/create", createBody({ regionID: "0000000000000000000000000000abcd" }))).envelope(), "Unknown.Region.RegionIDError", "Not found region by ID 0000000000000000000000000000abcd, check the ID and contact the admin");
    });
  });

  describe("GET /v4/eip/show", () => {
    it("answers Openapi.Eip.NotFound for an unknown id and for an id of another region", async () => {
      const eipID = await provision(emu);
      failure(await show(emu, "eip-zzzzzzzzzz"), "Openapi.Eip.NotFound", "eip eip-zzzzzzzzzz not found");
      failure(await show(emu, eipID, REGION_HUABEI2), "Openapi.Eip.NotFound", `eip ${eipID} not found`);
      const envelope = await show(emu, "eip-zzzzzzzzzz");
      assert.equal(envelope.description, "弹性IP不存在");
      assert.equal(envelope.returnObj, null);
      failure((await emu.get("/v4/eip/show", { regionID: R })).envelope(), "Openapi.Parameter.Invalid", "eipID: is required");
    });
  });

  describe("POST /v4/eip/change-name", () => {
    it("renames in place and checks the name rules", async () => {
      const eipID = await provision(emu);
      emu.clock.advance(60_000);
      assert.deepEqual(ok((await emu.post("/v4/eip/change-name", { regionID: R, clientToken: "n1", eipID, name: "公网-ip_2" })).envelope()), {});
      const eip = ok(await show(emu, eipID));
      assert.deepEqual({ name: eip["name"], updatedAt: eip["updatedAt"], createdAt: eip["createdAt"] }, { name: "公网-ip_2", updatedAt: "2024-06-01T00:01:00Z", createdAt: T0 });
      failure((await emu.post("/v4/eip/change-name", { regionID: R, eipID, name: "x" })).envelope(), "Openapi.Parameter.Invalid", "name must be 2-32 characters long");
      failure((await emu.post("/v4/eip/change-name", { regionID: R, eipID: "eip-zzzzzzzzzz", name: "valid-name" })).envelope(), "Openapi.Eip.NotFound", "eip eip-zzzzzzzzzz not found");
    });
  });

  describe("POST /v4/eip/modify-spec", () => {
    it("changes the bandwidth through an order: UPDATING at once, the new value when the order finishes", async () => {
      const eipID = await provision(emu);
      const placed = ok((await emu.post("/v4/eip/modify-spec", { regionID: R, clientToken: "m1", eipID, bandwidth: 20 })).envelope<Placed>());
      assert.deepEqual(Object.keys(placed).sort(), ["masterOrderID", "masterOrderNO", "regionID"]);
      assert.match(placed.masterOrderID, ID_PATTERNS.hex32);
      const during = ok(await show(emu, eipID));
      assert.deepEqual({ status: during.status, bandwidth: during.bandwidth }, { status: "UPDATING", bandwidth: 5 });
      assert.deepEqual(await finishOrder(emu, placed.masterOrderID), { orderStatus: "3", instanceIDList: [eipID] });
      const after = ok(await show(emu, eipID));
      assert.deepEqual({ status: after.status, bandwidth: after.bandwidth }, { status: "DOWN", bandwidth: 20 });
    });

    it("answers 900 Openapi.Order.Inprogress with the running order's masterOrderID, placing nothing", async () => {
      const eipID = await provision(emu);
      const first = ok((await emu.post("/v4/eip/modify-spec", { regionID: R, clientToken: "m1", eipID, bandwidth: 20 })).envelope<Placed>());
      const busy = (await emu.post("/v4/eip/modify-spec", { regionID: R, clientToken: "m2", eipID, bandwidth: 30 })).envelope<{ masterOrderID: string }>();
      failure(busy, "Openapi.Order.Inprogress", `an order for eip ${eipID} is still in progress (masterOrderID ${first.masterOrderID})`);
      assert.deepEqual(busy.returnObj, { masterOrderID: first.masterOrderID });
      assert.equal(busy.error, "Openapi.Order.Inprogress");
      assert.equal((await emu.control.state()).orders.length, 2, "the create order and the first modify order only");
      await finishOrder(emu, first.masterOrderID);
      const retried = ok((await emu.post("/v4/eip/modify-spec", { regionID: R, clientToken: "m2", eipID, bandwidth: 30 })).envelope<Placed>());
      await finishOrder(emu, retried.masterOrderID);
      assert.equal(ok(await show(emu, eipID)).bandwidth, 30);
    });

    it("keeps a bound EIP ACTIVE across the change and restores the status when the order fails", async () => {
      const eipID = await provision(emu);
      insertInstance(emu, VM_1, "10.0.0.5");
      ok(await associate(emu, eipID, VM_1));
      const placed = ok((await emu.post("/v4/eip/modify-spec", { regionID: R, clientToken: "m1", eipID, bandwidth: 8 })).envelope<Placed>());
      assert.equal(ok(await show(emu, eipID)).status, "UPDATING");
      await finishOrder(emu, placed.masterOrderID);
      assert.deepEqual(ok(await show(emu, eipID)).status, "ACTIVE");

      await emu.control.setTiming("order", { mode: "fail", times: 1 });
      const failing = ok((await emu.post("/v4/eip/modify-spec", { regionID: R, clientToken: "m2", eipID, bandwidth: 9 })).envelope<Placed>());
      assert.deepEqual(await pollOrder(emu, failing.masterOrderID), { orderStatus: "5", instanceIDList: [] });
      const after = ok(await show(emu, eipID));
      assert.deepEqual({ status: after.status, bandwidth: after.bandwidth }, { status: "ACTIVE", bandwidth: 8 });
    });

    it("rejects the current bandwidth, out-of-range values, a missing token and unknown EIPs", async () => {
      const eipID = await provision(emu);
      failure((await emu.post("/v4/eip/modify-spec", { regionID: R, clientToken: "m", eipID, bandwidth: 5 })).envelope(), "Openapi.Parameter.Invalid", `bandwidth of eip ${eipID} is already 5 Mbps`);
      failure((await emu.post("/v4/eip/modify-spec", { regionID: R, clientToken: "m", eipID, bandwidth: 2048 })).envelope(), "Openapi.Parameter.Invalid", "bandwidth: must be an integer from 1 to 1024");
      failure((await emu.post("/v4/eip/modify-spec", { regionID: R, eipID, bandwidth: 6 })).envelope(), "Openapi.Parameter.Invalid", "clientToken: is required (1-64 characters)");
      failure((await emu.post("/v4/eip/modify-spec", { regionID: R, clientToken: "m", eipID: "eip-zzzzzzzzzz", bandwidth: 6 })).envelope(), "Openapi.Eip.NotFound", "eip eip-zzzzzzzzzz not found");
      assert.equal((await emu.control.state()).orders.length, 1, "only the create order");
    });
  });

  describe("POST /v4/eip/delete", () => {
    it("unsubscribes through a refund order, on-demand too: DELETING at once, gone when the order finishes", async () => {
      const eipID = await provision(emu);
      const placed = ok((await emu.post("/v4/eip/delete", { regionID: R, clientToken: "d1", eipID })).envelope<Placed>());
      // py v4_eip_delete declares the create answer's shape.
      assert.deepEqual(Object.keys(placed).sort(), ["eipID", "masterOrderID", "masterOrderNO", "masterResourceID", "masterResourceStatus", "regionID"]);
      assert.equal(ok(await show(emu, eipID)).status, "DELETING");
      assert.deepEqual(await pollOrder(emu, placed.masterOrderID), { orderStatus: "14", instanceIDList: [] });
      assert.equal(ok(await show(emu, eipID)).status, "DELETING");
      assert.equal((await pollOrder(emu, placed.masterOrderID)).orderStatus, "3");
      failure(await show(emu, eipID), "Openapi.Eip.NotFound", `eip ${eipID} not found`);
      const orders = (await emu.control.state()).orders as Array<{ masterOrderID: string; kind: string }>;
      assert.equal(orders.find((o) => o.masterOrderID === placed.masterOrderID)?.kind, "refund");
    });

    it("refuses while associated (Openapi.Resource.InUse) and answers Inprogress while any order of the EIP runs", async () => {
      const eipID = await provision(emu);
      insertInstance(emu, VM_1, "10.0.0.5");
      ok(await associate(emu, eipID, VM_1));
      failure(
        (await emu.post("/v4/eip/delete", { regionID: R, clientToken: "d1", eipID })).envelope(),
        "Openapi.Resource.InUse",
        `eip ${eipID} is associated with instance ${VM_1}; disassociate it first`,
      );
      ok((await emu.post("/v4/eip/disassociate", { regionID: R, clientToken: "x1", eipID })).envelope());
      const modify = ok((await emu.post("/v4/eip/modify-spec", { regionID: R, clientToken: "m1", eipID, bandwidth: 7 })).envelope<Placed>());
      const duringModify = (await emu.post("/v4/eip/delete", { regionID: R, clientToken: "d2", eipID })).envelope<{ masterOrderID: string }>();
      failure(duringModify, "Openapi.Order.Inprogress", `an order for eip ${eipID} is still in progress (masterOrderID ${modify.masterOrderID})`);
      assert.deepEqual(duringModify.returnObj, { masterOrderID: modify.masterOrderID });
      await finishOrder(emu, modify.masterOrderID);
      const refund = ok((await emu.post("/v4/eip/delete", { regionID: R, clientToken: "d3", eipID })).envelope<Placed>());
      const again = (await emu.post("/v4/eip/delete", { regionID: R, clientToken: "d4", eipID })).envelope<{ masterOrderID: string }>();
      assert.deepEqual({ errorCode: again.errorCode, returnObj: again.returnObj }, { errorCode: "Openapi.Order.Inprogress", returnObj: { masterOrderID: refund.masterOrderID } });
      const replay = ok((await emu.post("/v4/eip/delete", { regionID: R, clientToken: "d3", eipID })).envelope<Placed>());
      assert.equal(replay.masterOrderID, refund.masterOrderID, "the same clientToken replays the refund order");
    });

    it("leaves the EIP in place when the refund order fails, and finds EIPs only in their own project", async () => {
      const eipID = await provision(emu);
      await emu.control.setTiming("refund", { mode: "fail", times: 1 });
      const placed = ok((await emu.post("/v4/eip/delete", { regionID: R, clientToken: "d1", eipID })).envelope<Placed>());
      assert.equal((await pollOrder(emu, placed.masterOrderID)).orderStatus, "5");
      assert.equal(ok(await show(emu, eipID)).status, "DOWN");
      failure((await emu.post("/v4/eip/delete", { regionID: R, clientToken: "d2", eipID: "eip-zzzzzzzzzz" })).envelope(), "Openapi.Eip.NotFound", "eip eip-zzzzzzzzzz not found");
      const foreign = { regionID: R, clientToken: "d3", eipID, projectID: "0123456789abcdef0123456789abcdef" };
      failure((await emu.post("/v4/eip/delete", foreign)).envelope(), "Openapi.Eip.NotFound", `eip ${eipID} not found`);
      ok((await emu.post("/v4/eip/delete", { ...foreign, clientToken: "d4", projectID: "0" })).envelope());
    });
  });

  describe("POST /v4/eip/new-list", () => {
    it("lists with paging (pageNo or pageNumber), the ids, status and ip filters, and exact field types", async () => {
      const ids = [await provision(emu, { name: "eip-a" }), await provision(emu, { name: "eip-b" }), await provision(emu, { name: "eip-c" })];
      await provision(emu, { regionID: REGION_HUABEI2 });
      const page = ok((await emu.post("/v4/eip/new-list", { clientToken: "l1", regionID: R, pageNo: 1, pageSize: 2, ids: null })).envelope<{ eips: Eip[]; totalCount: number; currentCount: number; totalPage: number }>());
      assert.deepEqual({ ids: page.eips.map((e) => e.ID), totalCount: page.totalCount, currentCount: page.currentCount, totalPage: page.totalPage }, { ids: ids.slice(0, 2), totalCount: 3, currentCount: 2, totalPage: 2 });
      assert.deepEqual(page.eips[0], ok(await show(emu, ids[0]!)), "list rows are the show shape");
      const second = ok((await emu.post("/v4/eip/new-list", { regionID: R, pageNumber: 2, pageSize: 2 })).envelope<{ eips: Eip[] }>());
      assert.deepEqual(second.eips.map((e) => e.ID), [ids[2]]);
      const byIds = ok((await emu.post("/v4/eip/new-list", { regionID: R, ids: [ids[2], ids[0], "eip-zzzzzzzzzz"] })).envelope<{ eips: Eip[] }>());
      assert.deepEqual(byIds.eips.map((e) => e.ID), [ids[0], ids[2]]);
      insertInstance(emu, VM_1, "10.0.0.5");
      ok(await associate(emu, ids[1]!, VM_1));
      const active = ok((await emu.post("/v4/eip/new-list", { regionID: R, status: "active" })).envelope<{ eips: Eip[] }>());
      assert.deepEqual(active.eips.map((e) => e.ID), [ids[1]]);
      const byIp = ok((await emu.post("/v4/eip/new-list", { regionID: R, ip: "180.101.64.3" })).envelope<{ eips: Eip[] }>());
      assert.deepEqual(byIp.eips.map((e) => e.ID), [ids[2]]);
      const other = ok((await emu.post("/v4/eip/new-list", { regionID: R, projectID: "0123456789abcdef0123456789abcdef" })).envelope<{ eips: Eip[]; totalCount: number }>());
      assert.deepEqual({ n: other.eips.length, total: other.totalCount }, { n: 0, total: 0 });
    });

    it("rejects a page size above 50 and an unknown status", async () => {
      failure((await emu.post("/v4/eip/new-list", { regionID: R, pageSize: 51 })).envelope(), "Openapi.Parameter.Invalid", "pageSize must not exceed 50");
      failure(
        (await emu.post("/v4/eip/new-list", { regionID: R, status: "BOUND" })).envelope(),
        "Openapi.Parameter.Invalid",
        "status: must be one of ACTIVE, DOWN, ERROR, UPDATING, BANDING_OR_UNBANGDING, DELETING, DELETED, EXPIRED",
      );
      failure((await emu.post("/v4/eip/new-list", { regionID: R, ids: "eip-a" })).envelope(), "Openapi.Parameter.Invalid", "ids: must be an array of eip ids");
    });
  });

  describe("POST /v4/eip/associate and /v4/eip/disassociate", () => {
    it("binds an EIP to an instance's master NIC address: ACTIVE, INSTANCE, associationID", async () => {
      const eipID = await provision(emu);
      insertInstance(emu, VM_1, "10.0.0.5");
      emu.clock.advance(1_000);
      assert.deepEqual(ok(await associate(emu, eipID, VM_1)), {});
      const bound = ok(await show(emu, eipID));
      assert.deepEqual(
        { status: bound.status, associationType: bound["associationType"], associationID: bound["associationID"], privateIpAddress: bound["privateIpAddress"], updatedAt: bound["updatedAt"] },
        { status: "ACTIVE", associationType: "INSTANCE", associationID: VM_1, privateIpAddress: "10.0.0.5", updatedAt: "2024-06-01T00:00:01Z" },
      );
      assert.deepEqual(ok((await emu.post("/v4/eip/disassociate", { regionID: R, clientToken: "x1", eipID })).envelope()), {});
      const unbound = ok(await show(emu, eipID));
      assert.deepEqual(
        { status: unbound.status, associationType: unbound["associationType"], associationID: unbound["associationID"], privateIpAddress: unbound["privateIpAddress"] },
        { status: "DOWN", associationType: "", associationID: "", privateIpAddress: "" },
      );
    });

    it("keeps one EIP per instance and one target per EIP (Openapi.Resource.InUse)", async () => {
      const first = await provision(emu);
      const second = await provision(emu);
      insertInstance(emu, VM_1, "10.0.0.5");
      insertInstance(emu, VM_2, "10.0.0.6");
      ok(await associate(emu, first, VM_1));
      failure(await associate(emu, first, VM_2), "Openapi.Resource.InUse", `eip ${first} is already associated with instance ${VM_1}`);
      failure(await associate(emu, first, VM_1), "Openapi.Resource.InUse", `eip ${first} is already associated with instance ${VM_1}`);
      failure(await associate(emu, second, VM_1), "Openapi.Resource.InUse", `instance ${VM_1} already has eip ${first} (180.101.64.1) associated`);
      ok(await associate(emu, second, VM_2));
      assert.equal(ok(await show(emu, second))["privateIpAddress"], "10.0.0.6");
    });

    it("replays an associate with the same clientToken instead of reporting the binding it made", async () => {
      const eipID = await provision(emu);
      insertInstance(emu, VM_1, "10.0.0.5");
      const body = { regionID: R, clientToken: "assoc-same", eipID, associationID: VM_1, associationType: 1 };
      ok((await emu.post("/v4/eip/associate", body)).envelope());
      assert.deepEqual(ok((await emu.post("/v4/eip/associate", body)).envelope()), {});
    });

    it("binds a VIP without a private address", async () => {
      const eipID = await provision(emu);
      ok(await associate(emu, eipID, "havip-abcde12345", { associationType: 2 }));
      const bound = ok(await show(emu, eipID));
      assert.deepEqual({ status: bound.status, type: bound["associationType"], id: bound["associationID"], ip: bound["privateIpAddress"] }, { status: "ACTIVE", type: "VIP", id: "havip-abcde12345", ip: "" });
      failure((await emu.post("/v4/eip/delete", { regionID: R, clientToken: "d1", eipID })).envelope(), "Openapi.Resource.InUse", `eip ${eipID} is associated with VIP havip-abcde12345; disassociate it first`);
    });

    it("checks the target: the instance must exist in the region and be usable; types are integers 1 or 2", async () => {
      const eipID = await provision(emu);
      failure(await associate(emu, eipID, VM_1), "Ecs.Instance.NotFound", `instance ${VM_1} not found`);
      insertInstance(emu, VM_2, "10.0.0.6", "running", REGION_HUABEI2);
      failure(await associate(emu, eipID, VM_2), "Ecs.Instance.NotFound", `instance ${VM_2} not found`);
      insertInstance(emu, VM_1, "10.0.0.5", "unsubscribed");
      failure(await associate(emu, eipID, VM_1), "Openapi.Parameter.Invalid", `instance ${VM_1} is unsubscribed and cannot be associated with an eip`);
      failure(await associate(emu, eipID, VM_1, { associationType: "1" }), "Openapi.Parameter.Invalid", "associationType: must be 1 (vm) or 2 (vip)");
      failure(await associate(emu, eipID, VM_1, { associationType: 3 }), "Openapi.Parameter.Invalid", "associationType 3 (bare metal) is not supported in this region");
      failure(await associate(emu, eipID, VM_1, { associationType: 4 }), "Openapi.Parameter.Invalid", "associationType must be 1 (vm) or 2 (vip)");
      failure(await associate(emu, eipID, "vip-1", { associationType: 2 }), "Openapi.Parameter.Invalid", "associationID vip-1 is not a VIP id (havip-xxxxxxxxxx)");
      failure(await associate(emu, "eip-zzzzzzzzzz", VM_1), "Openapi.Eip.NotFound", "eip eip-zzzzzzzzzz not found");
      assert.equal(ok(await show(emu, eipID)).status, "DOWN");
    });

    it("unbinds the EIPs of an instance that goes away (the release the EIP service declares for instances)", async () => {
      const eipID = await provision(emu);
      insertInstance(emu, VM_1, "10.0.0.5");
      ok(await associate(emu, eipID, VM_1));
      const busy = ok((await emu.post("/v4/eip/modify-spec", { regionID: R, clientToken: "m1", eipID, bandwidth: 9 })).envelope<Placed>());
      emu.clock.advance(2_000);
      assert.deepEqual(emu.app.context.dependantsOf("instance", R, VM_1).map((group) => [group.kind, group.holders]), [["eip", [{ id: eipID, addresses: ["180.101.64.1"] }]]]);
      emu.app.context.store.transaction(() => emu.app.context.releaseDependants("instance", R, VM_1));
      assert.deepEqual(emu.app.context.dependantsOf("instance", R, VM_1), []);
      const during = ok(await show(emu, eipID));
      assert.deepEqual(
        { status: during.status, associationID: during["associationID"], associationType: during["associationType"], privateIpAddress: during["privateIpAddress"], updatedAt: during["updatedAt"] },
        { status: "UPDATING", associationID: "", associationType: "", privateIpAddress: "", updatedAt: "2024-06-01T00:00:02Z" },
      );
      await finishOrder(emu, busy.masterOrderID);
      assert.equal(ok(await show(emu, eipID)).status, "DOWN");
      assert.deepEqual(emu.app.context.store.transaction(() => emu.app.context.backend("eip").unbindAllFrom(R, VM_1)), []);
    });

    it("refuses to bind an EIP that is being released, and to unbind one that is not bound", async () => {
      const eipID = await provision(emu);
      insertInstance(emu, VM_1, "10.0.0.5");
      failure((await emu.post("/v4/eip/disassociate", { regionID: R, clientToken: "x1", eipID })).envelope(), "Openapi.Parameter.Invalid", `eip ${eipID} is not associated with any instance or VIP`);
      ok((await emu.post("/v4/eip/delete", { regionID: R, clientToken: "d1", eipID })).envelope());
      failure(await associate(emu, eipID, VM_1), "Openapi.Resource.InUse", `eip ${eipID} is being released (unsubscribe order in progress)`);
      failure((await emu.post("/v4/eip/disassociate", { regionID: R, clientToken: "x2", eipID: "eip-zzzzzzzzzz" })).envelope(), "Openapi.Eip.NotFound", "eip eip-zzzzzzzzzz not found");
    });
  });
});
