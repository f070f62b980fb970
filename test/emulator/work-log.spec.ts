/**
 * The work log (GET /_emulator/work) and the request log's `at` and `poll`: what the stack
 * benchmark measures poll lag with. An order of 4 s is polled before, at and after it is due.
 */
import assert from "node:assert/strict";
import { DEFAULT_START_TIME, REGION_HUADONG1, useEmulator } from "../helpers/emulator";

interface WorkEntry {
  type: string;
  subjectKind: string;
  timing: string;
  startedAt: number;
  dueAt: number | null;
  settledAt: number | null;
  outcome: string | null;
  observedAt: number | null;
}

describe("emulator work log and request timestamps @emulator-only", () => {
  const emu = useEmulator();

  it("records an order's start, due time, settlement and first read, and marks the reads of it as polls", async () => {
    await emu.control.setTiming("order", { mode: "delay", ms: 4_000 });
    const placed = (await emu.post("/v4/eip/create", { clientToken: "work-log-1", regionID: REGION_HUADONG1, cycleType: "on_demand", demandBillingType: "bandwidth", name: "eip-work", bandwidth: 1 })).envelope<{ masterOrderID: string }>();
    assert.equal(placed.statusCode, 800);
    const query = () => emu.get("/v4/ecs/order/query-uuid", { masterOrderID: placed.returnObj.masterOrderID });
    emu.clock.advance(1_000);
    await query(); // still provisioning
    emu.clock.advance(3_500);
    await query(); // due 500 ms ago: settled and seen by this read
    emu.clock.advance(1_000);
    await query(); // nothing in flight any more

    const work = (await emu.control.raw("GET", "/_emulator/work")).json<{ work: WorkEntry[] }>().work.filter((w) => w.type === "order");
    assert.deepEqual(work, [
      {
        type: "order",
        subjectKind: "order",
        subjectId: placed.returnObj.masterOrderID,
        timing: "order",
        startedAt: DEFAULT_START_TIME,
        dueAt: DEFAULT_START_TIME + 4_000,
        settledAt: DEFAULT_START_TIME + 4_500,
        outcome: "success",
        observedAt: DEFAULT_START_TIME + 4_500,
      },
    ]);
    const requests = await emu.control.requests();
    assert.deepEqual(
      requests.map((r) => [r.operation, r.at - DEFAULT_START_TIME, r.poll]),
      [
        ["CreateEip", 0, false],
        ["QueryOrderUuid", 1_000, true],
        ["QueryOrderUuid", 4_500, true],
        ["QueryOrderUuid", 5_500, false],
      ],
    );
  });

  it("keeps the client's user agent, where callers name themselves", async () => {
    await emu.get("/v4/region/list-regions", {}, { headers: { "user-agent": "pulumi-ctyun resource/Vpc" } });
    assert.deepEqual((await emu.control.requests()).map((r) => r.userAgent), ["pulumi-ctyun resource/Vpc"]);
  });
});
