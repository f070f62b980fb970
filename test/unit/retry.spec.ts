import assert from "node:assert/strict";
import { backoffDelay, decideRetry, DEFAULT_RETRY, parseRetryAfter, RetryBudget } from "../../provider/client/retry";
import { classify } from "../../provider/client/classify";
import { CtyunHttpError, CtyunNetworkError, CtyunServiceError, CtyunTimeoutError, ResponseShapeError } from "../../provider/client/errors";

const meta = { operation: "Op" };

describe("retry policy", () => {
  it("computes full-jitter backoff under an exponential, capped ceiling", () => {
    const top = () => 1 - 1e-12;
    assert.deepEqual([1, 2, 3, 4, 8, 20].map((n) => backoffDelay(n, DEFAULT_RETRY, top)), [249, 499, 999, 1999, 19999, 19999]);
    assert.equal(backoffDelay(3, DEFAULT_RETRY, () => 0), 0);
  });

  it("parses Retry-After as seconds or an HTTP date", () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    assert.equal(parseRetryAfter("3", now), 3000);
    assert.equal(parseRetryAfter("1.5", now), 1500);
    assert.equal(parseRetryAfter("Thu, 01 Jan 2026 00:00:10 GMT", now), 10_000);
    assert.equal(parseRetryAfter("Wed, 31 Dec 2025 00:00:10 GMT", now), 0);
    assert.equal(parseRetryAfter("soon", now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });

  it("classifies failures by constant tables", () => {
    const table: Array<[unknown, string]> = [
      [new CtyunHttpError(429, undefined, undefined, meta), "throttling"],
      [new CtyunHttpError(503, undefined, undefined, meta), "transient"],
      [new CtyunHttpError(501, undefined, undefined, meta), "server"],
      [new CtyunHttpError(403, undefined, undefined, meta), "client"],
      [new CtyunServiceError("900", "Openapi.Throttling", "", "", null, 200, meta), "throttling"],
      [new CtyunServiceError("900", "Openapi.Vpc.NotFound", "", "", null, 200, meta), "client"],
      [new CtyunNetworkError("ECONNRESET", false, meta, null), "transient"],
      [new CtyunNetworkError("ENOTFOUND", true, meta, null), "unknown"],
      [new CtyunTimeoutError("read", 1, meta), "transient"],
      [new ResponseShapeError(["x"], meta), "client"],
      [new Error("plain"), "unknown"],
    ];
    for (const [error, expected] of table) assert.equal(classify(error), expected, String((error as Error).message));
  });

  it("refuses retries of non-idempotent calls unless the request was certainly not processed", () => {
    const budget = new RetryBudget(100);
    const base = { attempt: 1, options: DEFAULT_RETRY, budget, random: () => 0.5 };
    assert.deepEqual(decideRetry({ ...base, error: new CtyunHttpError(503, undefined, undefined, meta), idempotent: false }), {
      retry: false,
      reason: "not idempotent and the request may have been processed",
    });
    assert.equal(decideRetry({ ...base, error: new CtyunNetworkError("ECONNREFUSED", true, meta, null), idempotent: false }).retry, true);
    assert.equal(decideRetry({ ...base, error: new CtyunTimeoutError("connect", 1, meta), idempotent: false }).retry, true);
    assert.equal(decideRetry({ ...base, error: new CtyunHttpError(503, undefined, undefined, meta), idempotent: "clientToken" }).retry, true);
  });

  it("spends more budget on timeouts and refunds on success", () => {
    const budget = new RetryBudget(20);
    assert.equal(budget.tryAcquire(new CtyunTimeoutError("read", 1, meta)), 10);
    assert.equal(budget.tryAcquire(new CtyunHttpError(503, undefined, undefined, meta)), 5);
    assert.equal(budget.available, 5);
    assert.equal(budget.tryAcquire(new CtyunTimeoutError("read", 1, meta)), undefined);
    budget.recordSuccess();
    assert.equal(budget.available, 6);
    assert.equal(budget.tryAcquire(new CtyunHttpError(429, undefined, undefined, meta)), 1, "a throttle costs what a success refunds");
  });

  it("with a deadline: no attempt limit, waits clamped to the time left, an empty budget slows instead of refusing", () => {
    const error = new CtyunHttpError(503, undefined, undefined, meta);
    const decide = (over: Partial<Parameters<typeof decideRetry>[0]>) =>
      decideRetry({ error, attempt: 1, idempotent: true, options: DEFAULT_RETRY, budget: new RetryBudget(100), random: () => 0.5, ...over });
    assert.deepEqual(decide({ attempt: 40, deadline: 60_000, now: 0 }), { retry: true, delayMs: 10_000, throttled: false, slowed: false });
    assert.deepEqual(decide({ attempt: 40, deadline: 60_000, now: 57_000 }), { retry: true, delayMs: 3_000, throttled: false, slowed: false });
    assert.deepEqual(decide({ deadline: 60_000, now: 60_000 }), { retry: false, reason: "deadline reached", outOfTime: true });
    assert.deepEqual(decide({ budget: new RetryBudget(0), deadline: 60_000, now: 0 }), { retry: true, delayMs: 15_000, throttled: false, slowed: true });
    assert.deepEqual(decide({ budget: new RetryBudget(0) }), { retry: false, reason: "retry budget exhausted" });
    assert.deepEqual(decide({ attempt: 4 }), { retry: false, reason: "attempt limit (4) reached" });
    assert.deepEqual(decide({ idempotent: false, deadline: 60_000, now: 0 }), { retry: false, reason: "not idempotent and the request may have been processed" });
  });

  it("uses a Retry-After hint above the computed delay, clamped to the maximum", () => {
    const budget = new RetryBudget(100);
    const hinted = (ms: number) =>
      decideRetry({ error: new CtyunHttpError(429, undefined, ms, meta), attempt: 1, idempotent: true, options: { ...DEFAULT_RETRY, maxRetryAfterMs: 10_000 }, budget, random: () => 0.5 });
    const throttled = { retry: true, throttled: true, slowed: false };
    assert.deepEqual(hinted(2000), { ...throttled, delayMs: 2000 });
    assert.deepEqual(hinted(50), { ...throttled, delayMs: 125 }, "never below the computed backoff");
    assert.deepEqual(hinted(99_000), { ...throttled, delayMs: 10_000 });
  });
});
