/**
 * What the adaptive rate limit is for, simulated on virtual time: a cloud that allows R requests per
 * second (a token bucket, as API gateways meter) and throttles the rest, and parallel callers that
 * retry throttled calls as the client does (Retry-After 1 s, full-jitter backoff). A discrete-event
 * loop runs them with and without the limiter: with it, far fewer calls are throttled, at no cost
 * in the time to finish. `CTYUN_PRINT_FIGURES=1` prints the figures.
 */
import assert from "node:assert/strict";
import { AdaptiveRateLimiter } from "../../provider/client/rate-limiter";
import { backoffDelay, DEFAULT_RETRY } from "../../provider/client/retry";
import { seededRandom } from "../helpers/fake-time";
import { VirtualScheduler } from "./virtual-scheduler";

interface Outcome {
  readonly calls: number;
  readonly sent: number;
  readonly throttled: number;
  readonly finishedMs: number;
}

interface Scenario {
  readonly callers: number;
  readonly callsPerCaller: number;
  /** What the cloud allows, per second (and as a burst). */
  readonly cloudRate: number;
  readonly latencyMs: number;
  readonly limited: boolean;
}

async function simulate(scenario: Scenario): Promise<Outcome> {
  const time = new VirtualScheduler(0);
  const random = seededRandom(7);
  const limiter = scenario.limited ? new AdaptiveRateLimiter(time.deps) : undefined;

  // The cloud: a token bucket of `cloudRate` tokens, refilled at `cloudRate` per second.
  let cloudTokens = scenario.cloudRate;
  let cloudRefilled = 0;
  const admit = (at: number): boolean => {
    cloudTokens = Math.min(scenario.cloudRate, cloudTokens + ((at - cloudRefilled) / 1000) * scenario.cloudRate);
    cloudRefilled = at;
    if (cloudTokens < 1) return false;
    cloudTokens -= 1;
    return true;
  };

  let sent = 0;
  let throttled = 0;
  const caller = async (): Promise<void> => {
    for (let call = 0; call < scenario.callsPerCaller; call++) {
      for (let attempt = 1; ; attempt++) {
        await limiter?.acquire();
        const sentAt = time.now();
        sent++;
        const ok = admit(sentAt);
        await time.deps.sleep(scenario.latencyMs);
        limiter?.record(!ok, sentAt);
        if (ok) break;
        throttled++;
        await time.deps.sleep(Math.max(1_000, backoffDelay(attempt, DEFAULT_RETRY, random)));
      }
    }
  };
  await time.run(Promise.all(Array.from({ length: scenario.callers }, caller)));
  return { calls: scenario.callers * scenario.callsPerCaller, sent, throttled, finishedMs: time.now() };
}

function print(label: string, outcome: Outcome): void {
  if (process.env["CTYUN_PRINT_FIGURES"] !== "1") return;
  // eslint-disable-next-line no-console
  console.log(`      ${label}: ${outcome.calls} calls, ${outcome.sent} sent, ${outcome.throttled} throttled, done in ${(outcome.finishedMs / 1000).toFixed(1)} s`);
}

describe("adaptive rate limit against a cloud that meters requests (simulation, virtual time)", () => {
  for (const [callers, cloudRate] of [
    [20, 5],
    [50, 10],
  ] as const) {
    it(`${callers} parallel callers x 10 calls against ${cloudRate} requests/s: far fewer throttles, no slower`, async () => {
      const base = { callers, callsPerCaller: 10, cloudRate, latencyMs: 50 };
      const without = await simulate({ ...base, limited: false });
      const withLimit = await simulate({ ...base, limited: true });
      print(`${callers} callers, ${cloudRate}/s, no limiter`, without);
      print(`${callers} callers, ${cloudRate}/s, adaptive limiter`, withLimit);
      assert.equal(withLimit.sent - withLimit.throttled, withLimit.calls, "every call went through once");
      assert.ok(withLimit.throttled * 3 < without.throttled, `throttles: ${withLimit.throttled} with the limit, ${without.throttled} without`);
      assert.ok(withLimit.finishedMs <= without.finishedMs * 1.1, `done in ${withLimit.finishedMs} ms with the limit, ${without.finishedMs} ms without`);
      const floor = (base.callers * base.callsPerCaller - cloudRate) / cloudRate;
      assert.ok(withLimit.finishedMs / 1000 < floor * 1.6, `within 60% of the cloud's own limit (${floor} s): ${withLimit.finishedMs} ms`);
    });
  }
});
