import assert from "node:assert/strict";
import { waitUntil, waitForOrder, waitForJob, CtyunHttpError, CtyunServiceError, type CtyunClient } from "../../provider/index";
import type { OrderFailedError, WaiterTimeoutError, JobFailedError } from "../../provider/client/errors";
import { createFakeTime, type FakeTime } from "../helpers/fake-time";

/** A client whose `send` answers from a list, recording the operations asked for. */
function fakeClient(time: FakeTime, answers: Array<unknown | Error>): CtyunClient & { calls: Array<{ op: string; input: unknown }> } {
  const calls: Array<{ op: string; input: unknown }> = [];
  return {
    calls,
    deps: time,
    endpoint: undefined,
    close() {},
    async send(op: { name: string }, input: unknown) {
      calls.push({ op: op.name, input });
      const next = answers.length > 1 ? answers.shift() : answers[0];
      if (next instanceof Error) throw next;
      return next;
    },
  } as unknown as CtyunClient & { calls: Array<{ op: string; input: unknown }> };
}

const meta = { operation: "QueryOrder", requestId: "r" };

describe("waitUntil (generic poller, virtual time)", () => {
  it("polls every minDelay while the wait is young (a completion is seen within one step)", async () => {
    const time = createFakeTime({ random: () => 1 - 1e-12 });
    let polls = 0;
    const value = await waitUntil({
      waitingFor: "thing",
      poll: async () => ++polls,
      accept: (n) => (n >= 6 ? { state: "success", value: `done after ${n}` } : { state: "retry", observed: "pending" }),
      deps: time,
      maxWaitMs: 600_000,
      minDelayMs: 1000,
      maxDelayMs: 8000,
    });
    assert.equal(value, "done after 6");
    assert.deepEqual(time.sleeps, [1000, 1000, 1000, 1000, 1000]);
  });

  it("waits firstPollAfterMs before the first poll of work that cannot be done at once", async () => {
    const time = createFakeTime({ random: () => 0 });
    const start = time.now();
    const pollTimes: number[] = [];
    await waitUntil({
      waitingFor: "order",
      poll: async () => pollTimes.push(time.now() - start),
      accept: (n) => (n >= 3 ? { state: "success", value: n } : { state: "retry", observed: "pending" }),
      deps: time,
      maxWaitMs: 60_000,
      firstPollAfterMs: 2_000,
      minDelayMs: 1000,
    });
    assert.deepEqual(pollTimes, [2000, 3000, 4000]);
  });

  it("spreads the polls of a long wait out after the first minute, up to maxDelay, with jitter", async () => {
    const time = createFakeTime({ random: () => 1 - 1e-12 });
    let polls = 0;
    await waitUntil({
      waitingFor: "thing",
      poll: async () => ++polls,
      accept: (n) => (n >= 66 ? { state: "success", value: n } : { state: "retry", observed: "pending" }),
      deps: time,
      maxWaitMs: 600_000,
      minDelayMs: 1000,
      maxDelayMs: 8000,
    });
    assert.deepEqual(time.sleeps.slice(0, 60), Array<number>(60).fill(1000), "one step a second for the first minute");
    assert.deepEqual(time.sleeps.slice(60), [2000, 4000, 8000, 8000, 8000]);
  });

  it("draws each delay between minDelay and the current ceiling", async () => {
    const time = createFakeTime({ random: () => 0 });
    let polls = 0;
    await waitUntil({
      waitingFor: "thing",
      poll: async () => ++polls,
      accept: (n) => (n >= 4 ? { state: "success", value: n } : { state: "retry", observed: "pending" }),
      deps: time,
      maxWaitMs: 60_000,
      minDelayMs: 500,
      maxDelayMs: 4000,
    });
    assert.deepEqual(time.sleeps, [500, 500, 500]);
  });

  it("times out with the observed states and polls once more just before the deadline", async () => {
    const time = createFakeTime({ random: () => 1 - 1e-12 });
    const start = time.now();
    const pollTimes: number[] = [];
    const error = await waitUntil({
      waitingFor: "VM abc to be running",
      poll: async () => {
        pollTimes.push(time.now() - start);
        return "starting";
      },
      accept: (s) => ({ state: "retry", observed: s }),
      deps: time,
      maxWaitMs: 10_000,
      minDelayMs: 1000,
      maxDelayMs: 4000,
    }).then(
      () => assert.fail("should time out"),
      (e: unknown) => e as WaiterTimeoutError,
    );
    assert.equal(error.kind, "waiter-timeout");
    assert.deepEqual(pollTimes, [0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 9900]);
    assert.deepEqual(error.observed, { starting: 11 });
    assert.equal(error.message, "timed out after 10s waiting for VM abc to be running (observed: starting x11)");
  });

  it("treats a transient error during a poll as 'not yet'", async () => {
    const time = createFakeTime();
    const answers: Array<string | Error> = [new CtyunHttpError(503, undefined, undefined, meta), "ready"];
    const value = await waitUntil({
      waitingFor: "thing",
      poll: async () => {
        const a = answers.shift();
        if (a instanceof Error) throw a;
        return a;
      },
      accept: (s) => (s === "ready" ? { state: "success", value: s } : { state: "retry", observed: String(s) }),
      deps: time,
      maxWaitMs: 60_000,
    });
    assert.equal(value, "ready");
    assert.equal(time.sleeps.length, 1);
  });

  it("never retries an acceptor's failure verdict, even one carrying a transient-looking error", async () => {
    const time = createFakeTime();
    const verdict = new CtyunHttpError(503, undefined, undefined, meta);
    let polls = 0;
    await assert.rejects(
      waitUntil({ waitingFor: "thing", poll: async () => ++polls, accept: () => ({ state: "failure", error: verdict }), deps: time, maxWaitMs: 60_000 }),
      (e: unknown) => e === verdict,
    );
    assert.equal(polls, 1);
  });

  it("fails at once on a non-transient error during a poll", async () => {
    const time = createFakeTime();
    const error = new CtyunServiceError("900", "Ecs.Instance.NotFound", "gone", "", null, 200, meta);
    await assert.rejects(
      waitUntil({ waitingFor: "thing", poll: async () => Promise.reject(error), accept: () => ({ state: "retry", observed: "x" }), deps: time, maxWaitMs: 60_000 }),
      (e: unknown) => e === error,
    );
    assert.equal(time.sleeps.length, 0);
  });

  it("stops when the signal aborts", async () => {
    const time = createFakeTime();
    const controller = new AbortController();
    let polls = 0;
    await assert.rejects(
      waitUntil({
        waitingFor: "thing",
        poll: async () => {
          if (++polls === 2) controller.abort();
          return "pending";
        },
        accept: () => ({ state: "retry", observed: "pending" }),
        deps: time,
        maxWaitMs: 60_000,
        signal: controller.signal,
      }),
      (e: unknown) => (e as { kind?: string }).kind === "aborted" || (e as Error).name === "AbortError",
    );
    assert.equal(polls, 2);
  });
});

describe("order and job waiters", () => {
  it("polls an order 14 → 14 → 3 and returns its resource ids", async () => {
    const time = createFakeTime();
    const client = fakeClient(time, []);
    const answers = [
      { orderStatus: "14", instanceIDList: [] },
      { orderStatus: "14", instanceIDList: null },
      { orderStatus: "3", instanceIDList: ["eip-abcdefghij"] },
    ];
    client.send = (async (op: { name: string }, input: unknown) => {
      client.calls.push({ op: op.name, input });
      return answers.shift();
    }) as never;
    const result = await waitForOrder(client, "m".repeat(32), "order", { maxWaitMs: 300_000 });
    assert.deepEqual(result, { masterOrderId: "m".repeat(32), resourceIds: ["eip-abcdefghij"] });
    assert.equal(client.calls.length, 3);
    assert.deepEqual(client.calls[0], { op: "QueryOrder", input: { masterOrderID: "m".repeat(32) } });
  });

  it("fails with OrderFailedError on provisioning failure (5)", async () => {
    const time = createFakeTime();
    const client = fakeClient(time, [{ orderStatus: "5", instanceIDList: [] }]);
    const error = await waitForOrder(client, "o1", "order", { maxWaitMs: 60_000 }).then(
      () => assert.fail("should fail"),
      (e: unknown) => e as OrderFailedError,
    );
    assert.equal(error.kind, "order-failed");
    assert.equal(error.orderStatus, "5");
    assert.equal(error.message, "order o1 ended in status 5 (provisioning failed; CTyun's order query gives no reason: see the order in the console's order center)");
  });

  it("accepts refund orders passing through 12 and ending in 13", async () => {
    const time = createFakeTime();
    const answers = [{ orderStatus: "12", instanceIDList: [] }, { orderStatus: "13", instanceIDList: [] }];
    const client = fakeClient(time, []);
    client.send = (async () => answers.shift()) as never;
    const result = await waitForOrder(client, "o2", "refund", { maxWaitMs: 60_000 });
    assert.deepEqual(result.resourceIds, []);
  });

  it("treats 12 as a failure for a create order", async () => {
    const time = createFakeTime();
    const client = fakeClient(time, [{ orderStatus: "12", instanceIDList: [] }]);
    await assert.rejects(waitForOrder(client, "o3", "order", { maxWaitMs: 60_000 }), /status 12 \(unsubscribing;/);
  });

  it("waits a few polls for resource ids after a create order finished", async () => {
    const time = createFakeTime();
    const answers = [{ orderStatus: "3", instanceIDList: [] }, { orderStatus: "3", instanceIDList: ["id-1"] }];
    const client = fakeClient(time, []);
    client.send = (async () => answers.shift()) as never;
    assert.deepEqual((await waitForOrder(client, "o4", "order", { maxWaitMs: 60_000 })).resourceIds, ["id-1"]);
  });

  it("times out an order that never finishes, naming it", async () => {
    const time = createFakeTime();
    const client = fakeClient(time, [{ orderStatus: "14", instanceIDList: [] }]);
    await assert.rejects(waitForOrder(client, "o5", "order", { maxWaitMs: 30_000 }), /timed out after 30s waiting for order o5 to finish \(observed: status 14 x\d+\)/);
    assert.ok(time.now() - createFakeTime().now() <= 30_000);
  });

  it("waits for a job: 0 → 1", async () => {
    const time = createFakeTime();
    const answers = [{ jobID: "j", status: 0, jobStatus: "executing" }, { jobID: "j", status: 1, jobStatus: "success", resourceId: "d-1" }];
    const client = fakeClient(time, []);
    client.send = (async (op: { name: string }, input: unknown) => {
      client.calls.push({ op: op.name, input });
      return answers.shift();
    }) as never;
    assert.equal(await waitForJob(client, "j", "region-1", { maxWaitMs: 60_000 }), "d-1");
    assert.deepEqual(client.calls[0], { op: "QueryJob", input: { jobID: "j", regionID: "region-1" } });
  });

  it("fails a job with status 2", async () => {
    const time = createFakeTime();
    const client = fakeClient(time, [{ jobID: "j", status: 2, jobStatus: "fail" }]);
    const error = await waitForJob(client, "j", "r", { maxWaitMs: 60_000 }).then(
      () => assert.fail("should fail"),
      (e: unknown) => e as JobFailedError,
    );
    assert.equal(error.kind, "job-failed");
    assert.equal(error.message, "job j failed (status fail)");
  });
});
