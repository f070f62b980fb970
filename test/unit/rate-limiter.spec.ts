/** The adaptive client-side rate limit on virtual time: off while healthy, cut on throttles, cubic recovery, one line, off again. */
import assert from "node:assert/strict";
import { AdaptiveRateLimiter, DEFAULT_RATE_LIMIT, processRateLimiter } from "../../provider/client/rate-limiter";
import { VirtualScheduler } from "./virtual-scheduler";

/** A limiter on a virtual clock, and senders that follow it as the client does. */
function harness() {
  const time = new VirtualScheduler();
  const limiter = new AdaptiveRateLimiter(time.deps);
  return {
    limiter,
    time,
    /** Records `count` unthrottled answers, one every `everyMs` (the limit is off meanwhile). */
    async steady(count: number, everyMs: number): Promise<void> {
      for (let i = 0; i < count; i++) {
        limiter.record(false, time.now());
        await time.run(time.deps.sleep(everyMs));
      }
    },
    /** Callers that each send one request through the limit now; resolves with their hold times. */
    line(callers: number): Promise<number[]> {
      return time.run(Promise.all(Array.from({ length: callers }, () => limiter.acquire())));
    },
    /** One sender, as fast as the limit allows, for `ms`: the allowed rate after each answer. */
    async greedy(ms: number): Promise<Array<{ at: number; rate: number }>> {
      const from = time.now();
      const series: Array<{ at: number; rate: number }> = [];
      while (time.now() - from < ms) {
        await time.run(limiter.acquire());
        limiter.record(false, time.now());
        series.push({ at: time.now() - from, rate: limiter.state().allowedRate });
        await time.run(time.deps.sleep(1));
      }
      return series;
    },
  };
}

describe("adaptive rate limiter (virtual time)", () => {
  it("never holds a request back while the cloud does not throttle", async () => {
    const h = harness();
    await h.steady(100, 10);
    assert.deepEqual(await h.line(1000), Array.from({ length: 1000 }, () => 0), "a burst of 1000 goes out at once");
    assert.deepEqual([h.limiter.state().enabled, h.limiter.state().cuts], [false, 0]);
  });

  it("cuts the rate to 0.7 x the rate being sent on a throttle, and lets a line of callers through at the new rate", async () => {
    const h = harness();
    await h.steady(50, 100); // 10 requests per second for 5 s
    assert.equal(h.limiter.state().measuredRate, 9, "the answers of the last second (the tenth is due now)");
    h.limiter.record(true, h.time.now() - 100);
    assert.equal(h.limiter.state().measuredRate, 10);
    assert.ok(Math.abs(h.limiter.state().allowedRate - 7) < 1e-9, `allowed ${h.limiter.state().allowedRate}`);
    assert.deepEqual(await h.line(5), [143, 286, 429, 572, 715], "first come first served, 1/7 s apart");
  });

  it("knows the rate of a run's first burst: a throttle at the start cuts from it, not from zero", () => {
    const h = harness();
    for (let i = 0; i < 9; i++) h.limiter.record(false, h.time.now()); // nine parallel creates answered at once
    h.limiter.record(true, h.time.now()); // the tenth throttled
    assert.ok(Math.abs(h.limiter.state().allowedRate - 7) < 1e-9, `0.7 x 10: ${h.limiter.state().allowedRate}`);
  });

  it("counts the throttles of requests sent before a cut as the same congestion event", async () => {
    const h = harness();
    await h.steady(50, 100);
    const burstSentAt = h.time.now() - 50;
    h.limiter.record(true, burstSentAt);
    const afterFirst = h.limiter.state().allowedRate;
    for (let i = 0; i < 9; i++) h.limiter.record(true, burstSentAt);
    assert.equal(h.limiter.state().cuts, 1, "ten throttled answers of one burst: one cut");
    assert.equal(h.limiter.state().allowedRate, afterFirst);
    await h.time.run(h.time.deps.sleep(200));
    h.limiter.record(true, h.time.now() - 10);
    assert.equal(h.limiter.state().cuts, 2, "a throttle of a request sent after the cut cuts again");
    assert.ok(h.limiter.state().allowedRate < afterFirst * 0.71, `${h.limiter.state().allowedRate} < 0.7 x ${afterFirst}`);
  });

  it("recovers along the cubic curve: back at the old rate after K = cbrt(0.3 r / 0.4) s, then above it", async () => {
    const h = harness();
    await h.steady(50, 100);
    h.limiter.record(true, h.time.now());
    const series = await h.greedy(6_000);
    const rateAt = (ms: number) => series.filter((p) => p.at <= ms).at(-1)?.rate ?? NaN;
    const k = Math.cbrt((10 * 0.3) / 0.4) * 1000; // 1957 ms for r = 10
    assert.ok(rateAt(500) > 7 && rateAt(500) < 10, `between the cut and the old rate at 0.5 s: ${rateAt(500)}`);
    assert.ok(Math.abs(rateAt(k + 100) - 10) < 0.5, `about the old rate at K: ${rateAt(k + 100)}`);
    assert.ok(rateAt(6_000) > 20, `probing above it later: ${rateAt(6_000)}`);
    for (let i = 1; i < series.length; i++) assert.ok(series[i]!.rate >= series[i - 1]!.rate - 1e-9, "never falls without a throttle");
  });

  it("drains its line at the rate of the moment: a rate that rises lets waiting callers through sooner", async () => {
    const h = harness();
    h.limiter.record(true, h.time.now()); // the first answer is a throttle: 0.7 x 1 request per second
    assert.ok(Math.abs(h.limiter.state().allowedRate - 0.7) < 1e-9);
    // 4 s later, answers of other calls come back unthrottled: the cubic curve allows about 13 per second.
    h.time.at(h.time.now() + 4_000, () => {
      for (let i = 0; i < 10; i++) h.limiter.record(false, h.time.now());
    });
    const holds = await h.line(6);
    assert.deepEqual(holds.slice(0, 2), [1_429, 2_858], "at 0.7 per second until the rate rose");
    assert.ok(holds[5]! < 5_000, `the sixth is through within 5 s, not at 8.6 s as a wait computed up front would have it: ${holds.join(", ")}`);
  });

  it("never allows more than twice the rate actually sent", async () => {
    const h = harness();
    await h.steady(50, 100);
    h.limiter.record(true, h.time.now());
    await h.steady(20, 1_000); // 20 s at 1 request per second, inside the quiet period
    assert.equal(h.limiter.state().allowedRate, 2, "twice the one request per second sent; the curve alone would allow hundreds");
  });

  it("never goes below 0.5 requests per second, however often it is throttled", async () => {
    const h = harness();
    await h.steady(50, 100);
    for (let i = 0; i < 40; i++) {
      await h.time.run(h.limiter.acquire());
      h.limiter.record(true, h.time.now());
      await h.time.run(h.time.deps.sleep(1));
    }
    assert.equal(h.limiter.state().allowedRate, DEFAULT_RATE_LIMIT.minRatePerSecond);
    const [hold] = await h.line(1);
    assert.ok(hold! > 1_990 && hold! <= 2_000, `one token every two seconds: ${hold}`);
  });

  it("switches off 30 s after the last throttle: a healthy run is not slowed by an old one", async () => {
    const h = harness();
    await h.steady(50, 100);
    h.limiter.record(true, h.time.now());
    await h.time.run(h.time.deps.sleep(29_999));
    assert.equal(h.limiter.state().enabled, true);
    await h.time.run(h.time.deps.sleep(1));
    assert.deepEqual(await h.line(500), Array.from({ length: 500 }, () => 0), "a burst goes out at once again");
    assert.equal(h.limiter.state().enabled, false);
  });

  it("lets a waiting caller leave the line when its call is aborted", async () => {
    const h = harness();
    h.limiter.record(true, h.time.now());
    const controller = new AbortController();
    const first = h.limiter.acquire();
    const second = h.limiter.acquire(controller.signal);
    const third = h.limiter.acquire();
    controller.abort();
    await assert.rejects(second, { name: "CtyunAbortedError" });
    assert.deepEqual(await h.time.run(Promise.all([first, third])), [1_429, 2_858], "at 0.7 per second (0.7 x the one answer of the last second), the third moved up");
    assert.equal(h.limiter.state().waiting, 0);
  });

  it("is one per clock: every client of a process shares it, a test's virtual clock gets its own", () => {
    const clock = { now: () => 0, sleep: async () => {} };
    const other = { now: () => 0, sleep: async () => {} };
    assert.equal(processRateLimiter(clock), processRateLimiter({ ...clock }), "same clock function, same limiter");
    assert.notEqual(processRateLimiter(clock), processRateLimiter(other));
  });
});
