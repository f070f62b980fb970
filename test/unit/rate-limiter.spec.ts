/** The adaptive client-side rate limit on a virtual clock: off while healthy, cut on throttles, cubic recovery, off again. */
import assert from "node:assert/strict";
import { AdaptiveRateLimiter, DEFAULT_RATE_LIMIT, processRateLimiter } from "../../provider/client/rate-limiter";

const START = Date.UTC(2026, 0, 1);

/** A limiter on its own clock, and a sender that follows it as the client does. */
function harness() {
  let now = START;
  const limiter = new AdaptiveRateLimiter(() => now);
  return {
    limiter,
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    /** Sends `count` requests, one every `everyMs`, each answered unthrottled; returns the total wait. */
    steady(count: number, everyMs: number): number {
      let waited = 0;
      for (let i = 0; i < count; i++) {
        const wait = limiter.reserve();
        waited += wait;
        now += wait;
        limiter.record(false, now);
        now += everyMs;
      }
      return waited;
    },
    /** Sends as fast as the limit allows for `ms`, returning the allowed rate after each answer. */
    greedy(ms: number): Array<{ at: number; rate: number }> {
      const from = now;
      const series: Array<{ at: number; rate: number }> = [];
      while (now - from < ms) {
        now += limiter.reserve();
        limiter.record(false, now);
        series.push({ at: now - from, rate: limiter.state().allowedRate });
      }
      return series;
    },
  };
}

describe("adaptive rate limiter (virtual time)", () => {
  it("never holds a request back while the cloud does not throttle", () => {
    const h = harness();
    assert.equal(h.steady(1000, 0), 0, "a burst of 1000 at one instant");
    assert.equal(h.steady(1000, 10), 0, "100 requests per second for 10 s");
    assert.equal(h.limiter.state().enabled, false);
    assert.equal(h.limiter.state().cuts, 0);
  });

  it("cuts the rate to 0.7 x the rate being sent on a throttle, and queues callers at the new rate", () => {
    const h = harness();
    h.steady(50, 100); // 10 requests per second for 5 s
    assert.ok(Math.abs(h.limiter.state().measuredRate - 10) < 0.01, `measured ${h.limiter.state().measuredRate}`);
    h.limiter.record(true, h.now() - 100);
    const state = h.limiter.state();
    assert.equal(state.enabled, true);
    assert.ok(Math.abs(state.allowedRate - 7) < 0.01, `allowed ${state.allowedRate}`);
    // Five callers at one instant each reserve the next token: 1/7 s apart.
    assert.deepEqual([1, 2, 3, 4, 5].map(() => h.limiter.reserve()), [143, 286, 429, 572, 715]);
  });

  it("counts the throttles of requests sent before a cut as the same congestion event", () => {
    const h = harness();
    h.steady(50, 100);
    const burstSentAt = h.now() - 50;
    h.limiter.record(true, burstSentAt);
    const afterFirst = h.limiter.state().allowedRate;
    for (let i = 0; i < 9; i++) h.limiter.record(true, burstSentAt);
    assert.equal(h.limiter.state().cuts, 1, "ten throttled answers of one burst: one cut");
    assert.equal(h.limiter.state().allowedRate, afterFirst);
    h.advance(200);
    h.limiter.record(true, h.now() - 10);
    assert.equal(h.limiter.state().cuts, 2, "a throttle of a request sent after the cut cuts again");
    assert.ok(h.limiter.state().allowedRate < afterFirst * 0.71, `${h.limiter.state().allowedRate} < 0.7 x ${afterFirst}`);
  });

  it("recovers along the cubic curve: back at the old rate after K = cbrt(0.3 r / 0.4) s, then above it", () => {
    const h = harness();
    h.steady(50, 100);
    h.limiter.record(true, h.now());
    const series = h.greedy(6_000);
    const rateAt = (ms: number) => series.filter((p) => p.at <= ms).at(-1)?.rate ?? NaN;
    const k = Math.cbrt((10 * 0.3) / 0.4) * 1000; // 1957 ms for r = 10
    assert.ok(rateAt(500) > 7 && rateAt(500) < 10, `between the cut and the old rate at 0.5 s: ${rateAt(500)}`);
    assert.ok(Math.abs(rateAt(k + 100) - 10) < 0.5, `about the old rate at K: ${rateAt(k + 100)}`);
    assert.ok(rateAt(6_000) > 20, `probing above it later: ${rateAt(6_000)}`);
    for (let i = 1; i < series.length; i++) assert.ok(series[i]!.rate >= series[i - 1]!.rate - 1e-9, "never falls without a throttle");
  });

  it("never allows more than twice the rate actually sent", () => {
    const h = harness();
    h.steady(50, 100);
    h.limiter.record(true, h.now());
    h.steady(100, 1_000); // one request per second for 100 s, far below the curve
    assert.equal(h.limiter.state().enabled, false, "and switches off after the quiet period");
    const fresh = harness();
    fresh.steady(50, 100);
    fresh.limiter.record(true, fresh.now());
    fresh.steady(20, 1_000); // 20 s at 1 request per second, inside the quiet period
    const { allowedRate, measuredRate } = fresh.limiter.state();
    assert.ok(allowedRate <= 2 * measuredRate + 1e-9, `${allowedRate} <= 2 x ${measuredRate}`);
    assert.ok(allowedRate < 3, `the curve alone would allow hundreds: ${allowedRate}`);
  });

  it("never goes below 0.5 requests per second, however often it is throttled", () => {
    const h = harness();
    h.steady(50, 100);
    for (let i = 0; i < 40; i++) {
      const wait = h.limiter.reserve();
      h.advance(wait);
      h.limiter.record(true, h.now());
      h.advance(1);
    }
    assert.equal(h.limiter.state().allowedRate, DEFAULT_RATE_LIMIT.minRatePerSecond);
    const wait = h.limiter.reserve();
    assert.ok(wait > 1_990 && wait <= 2_000, `one token every two seconds: ${wait}`);
  });

  it("switches off 30 s after the last throttle: a healthy run is not slowed by an old one", () => {
    const h = harness();
    h.steady(50, 100);
    h.limiter.record(true, h.now());
    h.advance(29_999);
    assert.equal(h.limiter.state().enabled, true);
    h.limiter.reserve();
    h.advance(1);
    assert.equal(h.limiter.reserve(), 0);
    assert.equal(h.limiter.state().enabled, false);
    assert.equal(h.steady(500, 0), 0, "a burst goes out at once again");
  });

  it("is one per clock: every client of a process shares it, a test's virtual clock gets its own", () => {
    const clock = () => START;
    const other = () => START;
    assert.equal(processRateLimiter(clock), processRateLimiter(clock));
    assert.notEqual(processRateLimiter(clock), processRateLimiter(other));
  });
});
