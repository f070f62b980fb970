/**
 * Orders, jobs, transitions, idempotency and transactions, through a test-only service and the real
 * order/job query routes. Time is the harness's fake clock; nothing sleeps.
 */
import assert from "node:assert/strict";
import { ID_PATTERNS } from "../../emulator/store/ids";
import { REGION_HUABEI2, REGION_HUADONG1, useEmulator, type EmulatorHarness } from "../helpers/emulator";
import { WIDGET_KIND, WIDGET_NOT_FOUND, widgetService, type Widget } from "./fixtures/widget-service";

interface OrderStatusReturn {
  orderStatus: string;
  instanceIDList: string[];
}

async function createWidget(emu: EmulatorHarness, name = "alpha", extra: Record<string, unknown> = {}): Promise<{ masterOrderID: string; masterOrderNO: string }> {
  const res = await emu.post("/v4/test/widget/create", { regionID: REGION_HUADONG1, name, ...extra });
  const envelope = res.envelope<{ masterOrderID: string; masterOrderNO: string }>();
  assert.equal(envelope.statusCode, 800, res.body);
  return envelope.returnObj;
}

async function pollOrder(emu: EmulatorHarness, masterOrderID: string): Promise<OrderStatusReturn> {
  const res = await emu.get("/v4/ecs/order/query-uuid", { masterOrderID });
  const envelope = res.envelope<OrderStatusReturn>();
  assert.equal(envelope.statusCode, 800, res.body);
  return envelope.returnObj;
}

async function showWidget(emu: EmulatorHarness, widgetID: string, regionID = REGION_HUADONG1) {
  return (await emu.get("/v4/test/widget/show", { regionID, widgetID })).envelope<Widget>();
}

describe("emulator async engine", () => {
  const emu = useEmulator({ transport: "in-process", emulator: { extraServices: [widgetService], seed: "engine" } });

  describe("orders", () => {
    it("reports '14' with no ids, then '3' with the resource id (fast profile: one poll in progress)", async () => {
      const { masterOrderID, masterOrderNO } = await createWidget(emu);
      assert.match(masterOrderID, ID_PATTERNS.hex32);
      assert.match(masterOrderNO, ID_PATTERNS.orderNumber);
      assert.equal(masterOrderNO.slice(0, 14), "20240601080000", "Beijing time of the fake clock");
      assert.deepEqual(await pollOrder(emu, masterOrderID), { orderStatus: "14", instanceIDList: [] });
      const done = await pollOrder(emu, masterOrderID);
      assert.equal(done.orderStatus, "3");
      assert.equal(done.instanceIDList.length, 1);
      assert.match(done.instanceIDList[0]!, ID_PATTERNS.uuid);
      // The completion action made the resource visible, in its region only.
      const widget = await showWidget(emu, done.instanceIDList[0]!);
      assert.equal(widget.statusCode, 800);
      assert.equal(widget.returnObj.name, "alpha");
      const elsewhere = await showWidget(emu, done.instanceIDList[0]!, REGION_HUABEI2);
      assert.equal(elsewhere.errorCode, WIDGET_NOT_FOUND);
    });

    it("finishes a delay-timed order only when the emulator clock passes the delay", async () => {
      await emu.control.setTiming("order", { mode: "delay", ms: 5000 });
      const { masterOrderID } = await createWidget(emu);
      assert.equal((await pollOrder(emu, masterOrderID)).orderStatus, "14");
      emu.clock.advance(4999);
      assert.equal((await pollOrder(emu, masterOrderID)).orderStatus, "14");
      emu.clock.advance(1);
      // Any API request advances due work (here the catalog list), and so does a state dump.
      assert.equal(((await emu.control.state()).orders[0] as { status: string }).status, "3");
      assert.equal((await pollOrder(emu, masterOrderID)).orderStatus, "3");
    });

    it("finishes at once with immediate timing", async () => {
      await emu.control.setTiming("order", { mode: "immediate" });
      const { masterOrderID } = await createWidget(emu);
      assert.equal((await pollOrder(emu, masterOrderID)).orderStatus, "3");
    });

    it("fails the next N orders with status '5', runs the failAction, then returns to the previous timing", async () => {
      await emu.control.setTiming("order", { mode: "fail", times: 1, reason: "no capacity" });
      const failed = await createWidget(emu, "doomed");
      const ok = await createWidget(emu, "lucky");
      assert.deepEqual(await pollOrder(emu, failed.masterOrderID), { orderStatus: "5", instanceIDList: [] });
      assert.equal((await pollOrder(emu, ok.masterOrderID)).orderStatus, "14");
      assert.equal((await pollOrder(emu, ok.masterOrderID)).orderStatus, "3");
      const state = await emu.control.state();
      const failedOrder = state.orders.find((o) => (o as { masterOrderID: string }).masterOrderID === failed.masterOrderID) as { failureReason: string };
      assert.equal(failedOrder.failureReason, "no capacity");
      assert.equal(state.resources["widget-cleanup"]?.length, 1, "the failAction ran once");
      assert.equal((await emu.control.transitions()).kinds["order"]!.mode, "polls");
    });

    it("turns a throwing completion action into a failed order ('5') without failing the poll", async () => {
      const { masterOrderID } = await createWidget(emu, "broken");
      await pollOrder(emu, masterOrderID);
      assert.deepEqual(await pollOrder(emu, masterOrderID), { orderStatus: "5", instanceIDList: [] });
      const order = (await emu.control.state()).orders[0] as { failureReason: string };
      assert.equal(order.failureReason, "backend exploded");
    });

    it("reports refund orders as '14' then '3' and removes the resource on completion", async () => {
      await emu.control.setTiming("order", { mode: "immediate" });
      const created = await createWidget(emu);
      const [widgetID] = (await pollOrder(emu, created.masterOrderID)).instanceIDList;
      const refund = (await emu.post("/v4/test/widget/delete", { regionID: REGION_HUADONG1, widgetID })).envelope<{ masterOrderID: string }>().returnObj;
      assert.equal((await pollOrder(emu, refund.masterOrderID)).orderStatus, "14");
      assert.equal((await showWidget(emu, widgetID!)).statusCode, 800, "still there while unsubscribing");
      assert.equal((await pollOrder(emu, refund.masterOrderID)).orderStatus, "3");
      assert.equal((await showWidget(emu, widgetID!)).errorCode, WIDGET_NOT_FOUND);
    });

    it("answers an unknown order id with a 900 Openapi.Order.NotFound (HTTP 200)", async () => {
      const res = await emu.get("/v4/ecs/order/query-uuid", { masterOrderID: "0123456789abcdef0123456789abcdef" });
      assert.equal(res.status, 200);
      const envelope = res.envelope();
      assert.equal(envelope.statusCode, 900);
      assert.equal(envelope.errorCode, "Openapi.Order.NotFound");
      assert.equal(envelope.error, "Openapi.Order.NotFound");
      assert.equal(typeof envelope.message, "string");
      assert.equal(typeof envelope.description, "string");
    });

    it("also answers the generic order query with resourceType and resourceUuid", async () => {
      const { masterOrderID } = await createWidget(emu);
      const first = (await emu.get("/v4/order/query-uuid", { masterOrderId: masterOrderID })).envelope();
      // resourceUuid (TF) and resourceUUID (py v4_order_query_uuid) both.
      assert.deepEqual(first.returnObj, { orderStatus: "14", resourceType: "WIDGET", resourceUuid: [], resourceUUID: [] });
      const second = (await emu.get("/v4/order/query-uuid", { masterOrderId: masterOrderID })).envelope<{ resourceUuid: string[] }>();
      assert.equal(second.returnObj.resourceUuid.length, 1);
    });

    it("keeps state of a 900 that asks for it (order in progress) and returns its returnObj", async () => {
      const res = await emu.post("/v4/test/widget/create-in-progress", { regionID: REGION_HUADONG1, name: "slow" });
      const envelope = res.envelope<{ masterOrderID: string }>();
      assert.equal(envelope.statusCode, 900);
      assert.equal(envelope.errorCode, "Openapi.Order.Inprogress");
      assert.match(envelope.returnObj.masterOrderID, ID_PATTERNS.hex32);
      assert.equal((await pollOrder(emu, envelope.returnObj.masterOrderID)).orderStatus, "14", "the order was committed");
    });
  });

  describe("transitions", () => {
    async function runningWidget(): Promise<string> {
      const res = await emu.post("/v4/test/widget/create-sync", { regionID: REGION_HUADONG1, name: "box" });
      return res.envelope<{ widgetID: string }>().returnObj.widgetID;
    }

    it("shows the transitional status right after the call, the target after one more poll", async () => {
      const widgetID = await runningWidget();
      const stop = (await emu.post("/v4/test/widget/stop", { regionID: REGION_HUADONG1, widgetID })).envelope<{ jobID: string }>();
      assert.equal(stop.statusCode, 800);
      assert.match(stop.returnObj.jobID, ID_PATTERNS.uuid);
      assert.equal((await showWidget(emu, widgetID)).returnObj.status, "stopping");
      const after = (await showWidget(emu, widgetID)).returnObj;
      assert.equal(after.status, "stopped");
      assert.equal(after.name, "box [was running]", "the `then` action ran with the previous status");
    });

    it("advances delay-timed work at the start of any API request", async () => {
      await emu.control.setTiming("power", { mode: "delay", ms: 3000 });
      const widgetID = await runningWidget();
      await emu.post("/v4/test/widget/stop", { regionID: REGION_HUADONG1, widgetID });
      emu.clock.advance(3000);
      await emu.get("/v4/region/list-regions");
      const stored = await emu.control.resource<{ status: string }>(WIDGET_KIND, widgetID);
      assert.equal(stored?.data.status, "stopped");
    });

    it("with a delay, stays transitional until the clock passes it", async () => {
      await emu.control.setTiming("power", { mode: "delay", ms: 3000 });
      const widgetID = await runningWidget();
      await emu.post("/v4/test/widget/stop", { regionID: REGION_HUADONG1, widgetID });
      for (let i = 0; i < 3; i++) assert.equal((await showWidget(emu, widgetID)).returnObj.status, "stopping");
      emu.clock.advance(3000);
      assert.equal((await showWidget(emu, widgetID)).returnObj.status, "stopped");
    });

    it("falls back to the previous status when the transition fails", async () => {
      await emu.control.setTiming("power", { mode: "fail" });
      const widgetID = await runningWidget();
      await emu.post("/v4/test/widget/stop", { regionID: REGION_HUADONG1, widgetID });
      assert.equal((await showWidget(emu, widgetID)).returnObj.status, "running", "failure resolves at the first observation");
    });

    it("chains: order completion → creating → running (boot timing)", async () => {
      await emu.control.setTiming("order", { mode: "immediate" });
      const { masterOrderID } = await createWidget(emu, "chain");
      const [widgetID] = (await pollOrder(emu, masterOrderID)).instanceIDList;
      assert.equal((await showWidget(emu, widgetID!)).returnObj.status, "creating");
      assert.equal((await showWidget(emu, widgetID!)).returnObj.status, "running");
    });

    it("drops a transition whose resource was changed out of band (drift)", async () => {
      await emu.control.setTiming("power", { mode: "delay", ms: 1000 });
      const widgetID = await runningWidget();
      await emu.post("/v4/test/widget/stop", { regionID: REGION_HUADONG1, widgetID });
      await emu.control.patchResource(WIDGET_KIND, widgetID, { status: "error" });
      emu.clock.advance(1000);
      assert.equal((await showWidget(emu, widgetID)).returnObj.status, "error");
    });
  });

  describe("jobs", () => {
    it("reports status 0 → 1 with the exact field types, and runs the job action", async () => {
      const widgetID = (await emu.post("/v4/test/widget/create-sync", { regionID: REGION_HUADONG1, name: "rough" })).envelope<{ widgetID: string }>().returnObj.widgetID;
      const { jobID } = (await emu.post("/v4/test/widget/polish", { regionID: REGION_HUADONG1, widgetID })).envelope<{ jobID: string }>().returnObj;
      const first = (await emu.get("/v4/job/info", { jobID, regionID: REGION_HUADONG1 })).envelope();
      assert.deepEqual(first, {
        statusCode: 800, errorCode: "SUCCESS", error: "SUCCESS", message: "success", description: "成功",
        returnObj: { jobID, status: 0, jobStatus: "executing", resourceId: widgetID, fields: { taskName: "PolishWidget" }, ID: jobID },
      });
      const second = (await emu.get("/v4/job/info", { jobID, regionID: REGION_HUADONG1 })).envelope();
      assert.deepEqual(second.returnObj, { jobID, status: 1, jobStatus: "success", resourceId: widgetID, fields: { taskName: "PolishWidget" }, ID: jobID });
      assert.equal((await showWidget(emu, widgetID)).returnObj.name, "rough (polished)");
    });

    it("reports a failed job as status 2 with string fields", async () => {
      await emu.control.setTiming("job", { mode: "fail", reason: "disk busy" });
      const widgetID = (await emu.post("/v4/test/widget/create-sync", { regionID: REGION_HUADONG1, name: "rough" })).envelope<{ widgetID: string }>().returnObj.widgetID;
      const { jobID } = (await emu.post("/v4/test/widget/polish", { regionID: REGION_HUADONG1, widgetID })).envelope<{ jobID: string }>().returnObj;
      const info = (await emu.get("/v4/job/info", { jobID, regionID: REGION_HUADONG1 })).envelope();
      assert.deepEqual(info.returnObj, { jobID, status: 2, jobStatus: "fail", resourceId: widgetID, fields: { taskName: "PolishWidget", failReason: "disk busy" }, ID: jobID });
      assert.equal((await showWidget(emu, widgetID)).returnObj.name, "rough", "the action did not run");
    });

    it("answers an unknown job (or the wrong region) with 800 and status 2, never an error", async () => {
      const res = await emu.get("/v4/job/info", { jobID: "00000000-0000-4000-8000-000000000000", regionID: REGION_HUADONG1 });
      assert.equal(res.status, 200);
      const envelope = res.envelope<{ status: number; jobStatus: string; fields: Record<string, string> }>();
      assert.equal(envelope.statusCode, 800);
      assert.equal(envelope.returnObj.status, 2);
      assert.equal(envelope.returnObj.jobStatus, "fail");
      assert.ok(Object.values(envelope.returnObj.fields).every((value) => typeof value === "string"));
    });
  });

  describe("idempotency (clientToken)", () => {
    it("replays the original response for the same token and parameters, creating nothing new", async () => {
      const first = await createWidget(emu, "idem", { clientToken: "token-1" });
      const again = await createWidget(emu, "idem", { clientToken: "token-1" });
      assert.deepEqual(again, first);
      assert.equal((await emu.control.state()).orders.length, 1);
    });

    it("rejects the same token with different parameters", async () => {
      await createWidget(emu, "idem", { clientToken: "token-2" });
      const res = await emu.post("/v4/test/widget/create", { regionID: REGION_HUADONG1, name: "other", clientToken: "token-2" });
      const envelope = res.envelope();
      assert.equal(res.status, 200);
      assert.equal(envelope.statusCode, 900);
      assert.equal(envelope.errorCode, "Openapi.ClientToken.Conflict");
      assert.equal((await emu.control.state()).orders.length, 1);
    });

    it("scopes tokens per operation and forgets them after 24 hours", async () => {
      const order = await createWidget(emu, "idem", { clientToken: "token-3" });
      const sync = await emu.post("/v4/test/widget/create-sync", { regionID: REGION_HUADONG1, name: "idem", clientToken: "token-3" });
      assert.equal(sync.envelope().statusCode, 800, "another operation may reuse the token");
      emu.clock.advance(24 * 3_600_000);
      const later = await createWidget(emu, "idem", { clientToken: "token-3" });
      assert.notEqual(later.masterOrderID, order.masterOrderID);
    });

    it("does not record failed requests", async () => {
      const bad = await emu.post("/v4/test/widget/create", { regionID: "ffffffffffffffffffffffffffffffff", name: "x1", clientToken: "token-4" });
      assert.equal(bad.envelope().errorCode, "Unknown.Region.RegionIDError");
      const good = await createWidget(emu, "x1", { clientToken: "token-4" });
      assert.match(good.masterOrderID, ID_PATTERNS.hex32);
    });
  });

  describe("transactions", () => {
    it("rolls back the writes of a failing request", async () => {
      const res = await emu.post("/v4/test/widget/write-then-fail", { regionID: REGION_HUADONG1, name: "ghost" });
      assert.equal(res.envelope().errorCode, "Openapi.Parameter.Invalid");
      assert.equal(await emu.control.resource(WIDGET_KIND, "half-written"), undefined);
    });
  });
});
