/** Envelopes, request ids, not-implemented, the request log, reset and the control plane. */
import assert from "node:assert/strict";
import { REGION_HUADONG1, useEmulator } from "../helpers/emulator";
import { WIDGET_KIND, widgetService } from "./fixtures/widget-service";

describe("emulator request pipeline", () => {
  const unexpected: unknown[] = [];
  const emu = useEmulator({ emulator: { extraServices: [widgetService], onUnexpectedError: (error) => unexpected.push(error) } });

  it("wraps results in the success envelope with exact field types", async () => {
    const res = await emu.get("/v4/region/get-zones", { regionID: REGION_HUADONG1 });
    assert.equal(res.status, 200);
    assert.match(res.headers["content-type"] ?? "", /^application\/json/);
    const envelope = res.envelope();
    assert.deepEqual(Object.keys(envelope), ["statusCode", "errorCode", "error", "message", "description", "returnObj"]);
    assert.equal(envelope.statusCode, 800);
    assert.equal(envelope.errorCode, "SUCCESS");
    assert.equal(envelope.message, "success");
    assert.equal(envelope.description, "成功");
    assert.equal(typeof envelope.returnObj, "object");
  });

  it("answers business failures with HTTP 200 + 900 and string message/description", async () => {
    const res = await emu.get("/v4/region/get-zones", { regionID: "ffffffffffffffffffffffffffffffff" });
    assert.equal(res.status, 200);
    const envelope = res.envelope();
    assert.equal(envelope.statusCode, 900);
    assert.equal(envelope.errorCode, "Unknown.Region.RegionIDError");
    assert.equal(envelope.error, "Unknown.Region.RegionIDError");
    assert.match(envelope.message, /^Not found region by ID/);
    assert.equal(typeof envelope.description, "string");
    assert.equal(envelope.returnObj, null);
  });

  it("echoes the client's ctyun-eop-request-id and mints one when absent", async () => {
    const given = await emu.get("/v4/region/list-regions", undefined, { requestId: "11111111-2222-4333-8444-555555555555" });
    assert.equal(given.headers["ctyun-eop-request-id"], "11111111-2222-4333-8444-555555555555");
    const minted = await emu.control.raw("GET", "/_emulator/health");
    assert.match(minted.headers["ctyun-eop-request-id"] ?? "", /^[0-9a-f-]{36}$/);
  });

  it("answers an unknown path with an explicit 501 not-implemented envelope", async () => {
    const res = await emu.post("/v4/vpc/create-something-new", { regionID: REGION_HUADONG1 });
    assert.equal(res.status, 501);
    const envelope = res.envelope();
    assert.equal(envelope.statusCode, 900);
    assert.equal(envelope.errorCode, "Emulator.Operation.NotImplemented");
    assert.equal(envelope.message, "POST /v4/vpc/create-something-new is not implemented by the CTyun emulator");
  });

  it("names the right method when a known path is called with the wrong one", async () => {
    const res = await emu.post("/v4/region/get-zones", { regionID: REGION_HUADONG1 });
    assert.equal(res.status, 405);
    assert.equal(res.headers["allow"], "GET");
    assert.equal(res.envelope().errorCode, "Emulator.Operation.MethodNotAllowed");
    assert.match(res.envelope().message, /this path takes GET/);
  });

  it("rejects a malformed JSON body with Openapi.Parameter.Invalid", async () => {
    const res = await emu.post("/v4/ecs/flavor/list", '{"regionID": ');
    assert.equal(res.status, 200);
    assert.equal(res.envelope().errorCode, "Openapi.Parameter.Invalid");
  });

  it("turns an unexpected exception into HTTP 500 Emulator.InternalError and reports it", async () => {
    const res = await emu.post("/v4/test/widget/explode", { regionID: REGION_HUADONG1 });
    assert.equal(res.status, 500);
    assert.equal(res.envelope().errorCode, "Emulator.InternalError");
    assert.equal(unexpected.length, 1);
    assert.ok(unexpected[0] instanceof TypeError);
    unexpected.length = 0;
  });

  it("logs API requests (not control-plane calls) with operation names, outcomes and counts", async () => {
    await emu.get("/v4/region/get-zones", { regionID: REGION_HUADONG1 }, { requestId: "req-a" });
    await emu.get("/v4/region/get-zones", { regionID: "ffffffffffffffffffffffffffffffff" }, { requestId: "req-b" });
    await emu.post("/v4/ecs/flavor/list", { regionID: REGION_HUADONG1 }, { requestId: "req-c" });
    await emu.get("/v4/nothing/here", undefined, { requestId: "req-d" });
    await emu.get("/v4/region/list-regions", undefined, { sign: false, requestId: "req-e" });
    await emu.control.state();
    const log = await emu.control.requests();
    assert.deepEqual(
      log.map(({ seq, method, path, operation, status, statusCode, errorCode, requestId }) => ({ seq, method, path, operation, status, statusCode, errorCode, requestId })),
      [
        { seq: 1, method: "GET", path: "/v4/region/get-zones", operation: "GetZones", status: 200, statusCode: 800, errorCode: "SUCCESS", requestId: "req-a" },
        { seq: 2, method: "GET", path: "/v4/region/get-zones", operation: "GetZones", status: 200, statusCode: 900, errorCode: "Unknown.Region.RegionIDError", requestId: "req-b" },
        { seq: 3, method: "POST", path: "/v4/ecs/flavor/list", operation: "ListFlavors", status: 200, statusCode: 800, errorCode: "SUCCESS", requestId: "req-c" },
        { seq: 4, method: "GET", path: "/v4/nothing/here", operation: null, status: 501, statusCode: 900, errorCode: "Emulator.Operation.NotImplemented", requestId: "req-d" },
        { seq: 5, method: "GET", path: "/v4/region/list-regions", operation: "ListRegions", status: 401, statusCode: 900, errorCode: "Openapi.Auth.MissingHeader", requestId: "req-e" },
      ],
    );
    assert.ok(log.every((entry) => typeof entry.ms === "number" && entry.ms >= 0));
    assert.deepEqual(await emu.control.counts(), { GetZones: 2, ListFlavors: 1, "(unmatched)": 1, ListRegions: 1 });
    await emu.control.clearRequests();
    assert.deepEqual(await emu.control.requests(), []);
  });

  it("reset restores state, log, faults and timing; catalog and ids come back as at startup", async () => {
    const created = (await emu.post("/v4/test/widget/create-sync", { regionID: REGION_HUADONG1, name: "tmp" })).envelope<{ widgetID: string }>().returnObj;
    await emu.control.setTiming("order", { mode: "delay", ms: 1 });
    await emu.control.setProfile("realistic");
    await emu.control.reset();
    const state = await emu.control.state();
    assert.equal(state.resources[WIDGET_KIND], undefined);
    assert.equal(state.resources["region"]?.length, 3);
    assert.deepEqual(await emu.control.requests(), []);
    const timing = await emu.control.transitions();
    assert.equal(timing.profile, "fast");
    assert.deepEqual(timing.kinds["order"], { mode: "polls", count: 1 });
    assert.ok(created.widgetID);
  });

  it("dumps state, and reads/patches/deletes stored records out of band", async () => {
    const { widgetID } = (await emu.post("/v4/test/widget/create-sync", { regionID: REGION_HUADONG1, name: "drift" })).envelope<{ widgetID: string }>().returnObj;
    const stored = await emu.control.resource(WIDGET_KIND, widgetID);
    assert.deepEqual(stored, { kind: WIDGET_KIND, id: widgetID, region: REGION_HUADONG1, data: { widgetID, name: "drift", status: "running" } });
    await emu.control.patchResource(WIDGET_KIND, widgetID, { name: "renamed outside" });
    const shown = (await emu.get("/v4/test/widget/show", { regionID: REGION_HUADONG1, widgetID })).envelope<{ name: string }>();
    assert.equal(shown.returnObj.name, "renamed outside");
    await emu.control.deleteResource(WIDGET_KIND, widgetID);
    const gone = (await emu.get("/v4/test/widget/show", { regionID: REGION_HUADONG1, widgetID })).envelope();
    assert.equal(gone.errorCode, "Test.Widget.NotFound");
    const missing = await emu.control.raw("PATCH", `/_emulator/resources/${WIDGET_KIND}/${widgetID}`, { name: "x" });
    assert.equal(missing.status, 404);
    assert.equal(missing.envelope().errorCode, "Emulator.Control.NotFound");
  });

  it("validates timing changes and reports the table", async () => {
    const bad = await emu.control.raw("PUT", "/_emulator/transitions/order", { mode: "polls" });
    assert.equal(bad.status, 400);
    const unknown = await emu.control.raw("PUT", "/_emulator/transitions/teleport", { mode: "immediate" });
    assert.equal(unknown.status, 400);
    const bulk = await emu.control.raw("PUT", "/_emulator/transitions", { kinds: { job: { mode: "delay", ms: 10 }, power: { mode: "immediate" } } });
    assert.equal(bulk.status, 200);
    const timing = await emu.control.transitions();
    assert.deepEqual(timing.kinds["job"], { mode: "delay", ms: 10 });
    assert.deepEqual(timing.kinds["power"], { mode: "immediate" });
    // The core kinds are always there; services register more of their own.
    for (const kind of ["boot", "job", "order", "power", "refund", "transition"]) assert.ok(kind in timing.kinds, `core timing kind ${kind}`);
  });

  it("answers unknown control-plane calls with 404 and lists the routes", async () => {
    assert.equal((await emu.control.raw("GET", "/_emulator/nope")).status, 404);
    const routes = (await emu.control.raw("GET", "/_emulator/routes")).json<{ routes: Array<{ operation: string }> }>().routes;
    assert.ok(routes.some((route) => route.operation === "ListFlavors"));
    assert.ok(routes.some((route) => route.operation === "CreateWidget"));
  });
});

describe("emulator request log limit", () => {
  const emu = useEmulator({ transport: "in-process", emulator: { requestLogLimit: 3 } });
  it("keeps the newest entries only, with their original sequence numbers", async () => {
    for (let i = 0; i < 7; i++) await emu.get("/v4/region/list-regions");
    const log = await emu.control.requests();
    assert.deepEqual(log.map((entry) => entry.seq), [5, 6, 7]);
    assert.deepEqual(await emu.control.counts(), { ListRegions: 3 });
  });
});
