/** Fault rules over a real socket: throttle, HTTP errors, resets, delays, commit-then-drop, N vs probability. */
import assert from "node:assert/strict";
import { REGION_HUADONG1, useEmulator } from "../helpers/emulator";
import { WIDGET_KIND, widgetService } from "./fixtures/widget-service";

/** A scripted random source: returns the queued values in order. */
function scriptedRandom(): { random: () => number; queue: number[] } {
  const queue: number[] = [];
  return {
    queue,
    random: () => {
      const next = queue.shift();
      if (next === undefined) throw new Error("scripted random source exhausted");
      return next;
    },
  };
}

describe("emulator fault injection", () => {
  const sleeps: number[] = [];
  const scripted = scriptedRandom();
  const emu = useEmulator({
    emulator: {
      extraServices: [widgetService],
      random: scripted.random,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    },
  });
  const zones = () => emu.get("/v4/region/get-zones", { regionID: REGION_HUADONG1 });

  beforeEach(() => {
    sleeps.length = 0;
    scripted.queue.length = 0;
  });

  it("throttles with HTTP 429, Retry-After and an Openapi.Throttling envelope, for the next N calls only", async () => {
    const id = await emu.control.addFault({ path: "/v4/region/get-zones", kind: "throttle", retryAfterSeconds: 7, times: 2 });
    assert.equal(id, "fault-1");
    for (let i = 0; i < 2; i++) {
      const res = await zones();
      assert.equal(res.status, 429);
      assert.equal(res.headers["retry-after"], "7");
      const envelope = res.envelope();
      assert.equal(envelope.statusCode, 900);
      assert.equal(envelope.errorCode, "Openapi.Throttling");
      assert.equal(typeof envelope.message, "string");
    }
    assert.equal((await zones()).status, 200, "the rule is used up");
    assert.deepEqual(await emu.control.faults(), []);
    const log = await emu.control.requests();
    assert.deepEqual(log.map((entry) => [entry.status, entry.fault, entry.errorCode]), [
      [429, "throttle", "Openapi.Throttling"],
      [429, "throttle", "Openapi.Throttling"],
      [200, null, "SUCCESS"],
    ]);
  });

  it("answers an http fault with the status and an envelope (503 → Openapi.ServiceUnavailable)", async () => {
    await emu.control.addFault({ path: "/v4/region/*", method: "GET", kind: "http", status: 503, times: 1 });
    const res = await zones();
    assert.equal(res.status, 503);
    assert.equal(res.envelope().errorCode, "Openapi.ServiceUnavailable");
    assert.equal((await zones()).status, 200);
  });

  it("matches the method when given", async () => {
    await emu.control.addFault({ path: "*", method: "POST", kind: "http", status: 500 });
    assert.equal((await zones()).status, 200);
    const res = await emu.post("/v4/ecs/flavor/list", { regionID: REGION_HUADONG1 });
    assert.equal(res.status, 500);
    assert.equal(res.envelope().errorCode, "Openapi.InternalError");
  });

  it("resets the connection without a response", async () => {
    await emu.control.addFault({ path: "/v4/region/get-zones", kind: "reset", times: 1 });
    await assert.rejects(zones(), (error: NodeJS.ErrnoException) => {
      assert.ok(error.code === "ECONNRESET" || /socket hang up/.test(error.message), String(error));
      return true;
    });
    const [entry] = await emu.control.requests();
    assert.equal(entry?.status, 0);
    assert.equal(entry?.fault, "reset");
    assert.equal((await zones()).status, 200);
  });

  it("delays through the injected sleep, then answers normally", async () => {
    await emu.control.addFault({ path: "/v4/region/get-zones", kind: "delay", ms: 2500, times: 1 });
    const res = await zones();
    assert.equal(res.status, 200);
    assert.equal(res.envelope().statusCode, 800);
    assert.deepEqual(sleeps, [2500]);
  });

  it("commit-then-drop: the state change is committed although the client gets no response", async () => {
    await emu.control.addFault({ path: "/v4/test/widget/create-sync", kind: "commit-then-drop", times: 1 });
    await assert.rejects(emu.post("/v4/test/widget/create-sync", { regionID: REGION_HUADONG1, name: "lost-reply" }));
    const widgets = (await emu.control.state()).resources[WIDGET_KIND] ?? [];
    assert.equal(widgets.length, 1);
    assert.equal((widgets[0]!.data as { name: string }).name, "lost-reply");
  });

  it("probability rules fire when the random draw is below p (one draw per matching call)", async () => {
    await emu.control.addFault({ path: "/v4/region/get-zones", kind: "http", status: 502, probability: 0.5 });
    scripted.queue.push(0.49, 0.5, 0.99, 0.1);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await zones()).status);
    assert.deepEqual(statuses, [502, 200, 200, 502]);
    assert.equal(scripted.queue.length, 0);
    const [rule] = await emu.control.faults();
    assert.equal(rule?.hits, 2);
    assert.equal(rule?.remaining, null);
  });

  it("applies faults before authentication, and lists/deletes rules", async () => {
    const id = await emu.control.addFault({ path: "/v4/region/get-zones", kind: "throttle" });
    const unsigned = await emu.get("/v4/region/get-zones", { regionID: REGION_HUADONG1 }, { sign: false });
    assert.equal(unsigned.status, 429);
    assert.equal((await emu.control.faults()).length, 1);
    await emu.control.removeFault(id);
    assert.equal((await zones()).status, 200);
    await emu.control.addFault({ path: "*", kind: "throttle" });
    await emu.control.clearFaults();
    assert.equal((await zones()).status, 200);
    const missing = await emu.control.raw("DELETE", "/_emulator/faults/fault-99");
    assert.equal(missing.status, 404);
  });

  it("rejects malformed rules with HTTP 400", async () => {
    const both = await emu.control.raw("POST", "/_emulator/faults", { path: "*", kind: "throttle", times: 1, probability: 0.5 });
    assert.equal(both.status, 400);
    assert.equal(both.envelope().errorCode, "Emulator.Control.InvalidRequest");
    const kind = await emu.control.raw("POST", "/_emulator/faults", { path: "*", kind: "explode" });
    assert.equal(kind.status, 400);
  });

  it("reset clears fault rules", async () => {
    await emu.control.addFault({ path: "*", kind: "throttle" });
    await emu.control.reset();
    assert.deepEqual(await emu.control.faults(), []);
    assert.equal((await zones()).status, 200);
  });
});

describe("emulator fault probability with a seed", () => {
  const emu = useEmulator({ transport: "in-process", emulator: { seed: 42 } });
  async function pattern(): Promise<number[]> {
    await emu.control.addFault({ path: "/v4/region/list-regions", kind: "http", status: 503, probability: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) statuses.push((await emu.get("/v4/region/list-regions")).status);
    return statuses;
  }
  it("draws the same sequence after every reset", async () => {
    const first = await pattern();
    await emu.control.reset();
    const second = await pattern();
    assert.deepEqual(second, first);
    assert.ok(first.includes(503) && first.includes(200), `a fair coin over 16 draws shows both faces: ${first.join(",")}`);
  });
});
