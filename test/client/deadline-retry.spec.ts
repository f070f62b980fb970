/**
 * Retries bounded by the call's deadline, the shared rate limit and the handler context's progress
 * lines, against a local scripted server on virtual time (nothing sleeps for real).
 */
import assert from "node:assert/strict";
import { z } from "zod";
import { createClient, defineOperation, type CtyunClient, type DelayEvent } from "../../provider/index";
import type { AttemptEvent } from "../../provider/client/client";
import type { CtyunError, CtyunHttpError, CtyunServiceError } from "../../provider/client/errors";
import { humanDuration } from "../../provider/client/human-duration";
import { createContext, resetClients } from "../../provider/lifecycle/context";
import { createFakeTime, type FakeTime } from "../helpers/fake-time";
import { fail, ok, startScriptedServer, type ScriptedServer, type Step } from "../helpers/scripted-server";

const AK = "a".repeat(32);
const SK = "s".repeat(32);
const FIVE_MINUTES = 5 * 60_000;

const ShowThing = defineOperation({
  name: "ShowThing",
  service: "ctvpc",
  method: "GET",
  path: "/v4/thing/show",
  input: z.object({ regionID: z.string(), thingID: z.string() }),
  output: z.object({ thingID: z.string() }),
  idempotent: true,
});

const CreateThing = defineOperation({
  name: "CreateThing",
  service: "ctvpc",
  method: "POST",
  path: "/v4/thing/create",
  input: z.object({ clientToken: z.string().optional(), regionID: z.string(), name: z.string() }),
  output: z.object({ thingID: z.string() }),
  idempotent: "clientToken",
});

const PokeThing = defineOperation({
  name: "PokeThing",
  service: "ctvpc",
  method: "POST",
  path: "/v4/thing/poke",
  input: z.object({ regionID: z.string() }),
  output: z.unknown(),
  idempotent: false,
});

const throttled = (retryAfterSeconds = 1): Step => ({
  status: 429,
  headers: { "retry-after": String(retryAfterSeconds) },
  json: { statusCode: 900, errorCode: "Openapi.Throttling", message: "too many requests", description: "限流" },
});
const unavailable: Step = { status: 503, json: { statusCode: 900, errorCode: "Openapi.ServiceUnavailable", message: "busy", description: "忙" } };
const show = { regionID: "r", thingID: "t" };

async function rejection(promise: Promise<unknown>): Promise<CtyunError> {
  try {
    await promise;
  } catch (error) {
    return error as CtyunError;
  }
  throw new assert.AssertionError({ message: "expected the promise to reject" });
}


describe("retries within the call's deadline (scripted server, virtual time)", () => {
  let server: ScriptedServer;
  let time: FakeTime;
  let client: CtyunClient;
  let delays: DelayEvent[];
  const make = (extra: Partial<Parameters<typeof createClient>[0]> = {}) => createClient({ credentials: { accessKey: AK, secretKey: SK }, endpoint: server.url, deps: time, ...extra });
  const within = (ms: number) => ({ deadline: time.now() + ms, deadlineName: `the ${humanDuration(ms)} create timeout`, onDelay: (event: DelayEvent) => delays.push(event) });

  beforeEach(async () => {
    server = await startScriptedServer();
    server.fallback = ok({ thingID: "t" });
    time = createFakeTime();
    client = make();
    delays = [];
  });
  afterEach(async () => {
    client.close();
    await server.close();
  });

  it("waits out a call throttled 30 times and then answered, inside a 5-minute budget", async () => {
    server.script(...Array.from({ length: 30 }, () => throttled(1)), ok({ thingID: "t" }));
    const started = time.now();
    assert.deepEqual(await client.send(ShowThing, show, within(FIVE_MINUTES)), { thingID: "t" });
    const elapsed = time.now() - started;
    assert.equal(server.requests.length, 31);
    assert.equal(delays.filter((d) => d.reason === "throttled").length, 30);
    assert.ok(elapsed < FIVE_MINUTES, `converged in ${elapsed} ms of virtual time`);
    assert.ok(time.sleeps.every((ms) => ms <= 20_000), "no wait beyond the 20 s backoff cap");
    assert.ok(delays.every((d) => d.failure === "HTTP 429 Openapi.Throttling" || d.reason === "rate-limit"));
    const first = delays[0]!;
    assert.deepEqual([first.operation, first.attempt, first.remainingMs], ["ShowThing", 1, FIVE_MINUTES], "the first wait names the call, the attempt and the time left");
  });

  it("fails at the deadline, naming the attempts, the last error and the budget", async () => {
    server.fallback = unavailable;
    const started = time.now();
    const error = await rejection(client.send(ShowThing, show, within(FIVE_MINUTES)));
    const e = error as CtyunHttpError;
    assert.equal(time.now() - started, FIVE_MINUTES, "the last wait was clamped to the deadline, and the last attempt made there");
    assert.equal(e.kind, "http");
    assert.equal(e.status, 503);
    assert.equal(e.attempts, server.requests.length);
    assert.ok(e.attempts! > 4, `more than the no-deadline limit of 4: ${e.attempts}`);
    assert.equal(e.retryRefusedReason, "the 5m create timeout ran out");
    assert.equal(e.retriedForMs, FIVE_MINUTES);
    assert.equal(
      e.message,
      `ShowThing failed: HTTP 503 Openapi.ServiceUnavailable: busy / 忙 (request id ${String(server.requests.at(-1)?.headers["ctyun-eop-request-id"])}, ${e.attempts} attempts in 5m; gave up: the 5m create timeout ran out)`,
    );
  });

  it("ignores maxAttempts when the call has a deadline, and keeps it when it has none", async () => {
    client = make({ retry: { maxAttempts: 2 } });
    server.script(unavailable, unavailable, unavailable, ok({ thingID: "t" }));
    await client.send(ShowThing, show, within(60_000));
    assert.equal(server.requests.length, 4);
    server.script(unavailable, unavailable, ok({ thingID: "t" }));
    const e = await rejection(client.send(ShowThing, show));
    assert.equal(e.attempts, 2);
    assert.equal(e.retryRefusedReason, "attempt limit (2) reached");
  });

  it("honours Retry-After, clamped to the time left", async () => {
    server.script(throttled(7), ok({ thingID: "t" }));
    await client.send(ShowThing, show, within(60_000));
    assert.deepEqual(time.sleeps, [7_000], "the server's hint, above the jittered backoff");
    // Without the rate limit (which the throttle above switched on), so that only the retry waits.
    client.close();
    client = make({ rateLimiter: false });
    time.sleeps.length = 0;
    server.script(throttled(45), throttled(45));
    const e = await rejection(client.send(ShowThing, show, within(10_000)));
    assert.deepEqual(time.sleeps, [10_000], "a 45 s hint with 10 s left: wait 10 s, try once more, stop");
    assert.equal(e.attempts, 2);
    assert.equal(e.retryRefusedReason, "the 10s create timeout ran out");
  });

  it("keeps retries from multiplying an outage's load: with the budget spent, retries wait the longest backoff", async () => {
    client = make({ retry: { budget: 10 } });
    server.script(...Array.from({ length: 6 }, () => unavailable), ok({ thingID: "t" }));
    await client.send(ShowThing, show, within(FIVE_MINUTES));
    assert.equal(server.requests.length, 7, "it still converges");
    assert.deepEqual(
      delays.map((d) => d.slowed ?? false),
      [false, false, true, true, true, true],
      "two retries at cost 5 empty the budget; the rest are slowed, not refused",
    );
    const slow = time.sleeps.slice(2);
    assert.ok(slow.every((ms) => ms >= 10_000 && ms <= 20_000), `slowed waits between half the cap and the cap: ${slow.join(", ")}`);
    assert.ok(time.sleeps.slice(0, 2).every((ms) => ms <= 500), "the first retries back off briefly");
  });

  it("retries only what is safe to repeat, deadline or not", async () => {
    server.script(unavailable);
    const poke = await rejection(client.send(PokeThing, { regionID: "r" }, within(FIVE_MINUTES)));
    assert.equal(server.requests.length, 1, "a non-idempotent call that may have been processed is never repeated");
    assert.equal(poke.attempts, 1);
    server.script(throttled(1), ok(null));
    await client.send(PokeThing, { regionID: "r" }, within(FIVE_MINUTES));
    assert.equal(server.requests.length, 3, "a throttled one was refused before it did anything: repeated");
    server.script("reset", unavailable, ok({ thingID: "t-1" }));
    await client.send(CreateThing, { regionID: "r", name: "n" }, within(FIVE_MINUTES));
    const tokens = server.requests.slice(3).map((r) => (JSON.parse(r.body) as { clientToken: string }).clientToken);
    assert.equal(tokens.length, 3);
    assert.equal(new Set(tokens).size, 1, "a create repeats with its one clientToken");
  });

  it("says whether an earlier attempt may have reached the cloud (throttled ones did not)", async () => {
    server.script(throttled(1), fail("Vpc.Name.Duplicated"));
    const afterThrottle = (await rejection(client.send(CreateThing, { regionID: "r", name: "n" }, within(60_000)))) as CtyunServiceError;
    assert.deepEqual([afterThrottle.attempts, afterThrottle.mayRepeatEarlierAttempt], [2, false]);
    server.script(unavailable, fail("Vpc.Name.Duplicated"));
    const after503 = (await rejection(client.send(CreateThing, { regionID: "r", name: "n" }, within(60_000)))) as CtyunServiceError;
    assert.deepEqual([after503.attempts, after503.mayRepeatEarlierAttempt], [2, true]);
  });

  it("adds no wait at all to a healthy run", async () => {
    for (let i = 0; i < 50; i++) await client.send(ShowThing, show, within(60_000));
    assert.deepEqual(time.sleeps, []);
    assert.deepEqual(delays, []);
  });

  it("shares one rate limit among the clients of a process: a throttle seen by one holds the others back", async () => {
    const attempts: AttemptEvent[] = [];
    const other = make({ onAttempt: (event) => attempts.push(event) });
    const isolated = createClient({ credentials: { accessKey: AK, secretKey: SK }, endpoint: server.url, deps: createFakeTime(), onAttempt: (event) => attempts.push(event) });
    const unlimited = make({ rateLimiter: false, onAttempt: (event) => attempts.push(event) });
    try {
      server.script(throttled(0), ok({ thingID: "t" }));
      await client.send(ShowThing, show, within(60_000));
      const heldFirst = delays.filter((d) => d.reason === "rate-limit");
      assert.equal(heldFirst.length, 1, "the retry itself waited for the limit");
      await other.send(ShowThing, show);
      assert.ok((attempts[0]?.heldBackMs ?? 0) > 0, `another client on the same clock was held back: ${attempts[0]?.heldBackMs} ms`);
      await isolated.send(ShowThing, show);
      await unlimited.send(ShowThing, show);
      assert.deepEqual(
        attempts.slice(1).map((a) => a.heldBackMs),
        [undefined, undefined],
        "a client on another clock, or built with rateLimiter: false, is not",
      );
    } finally {
      other.close();
      isolated.close();
      unlimited.close();
    }
  });
});

describe("a handler context's client (deadline and progress lines)", () => {
  let server: ScriptedServer;
  let time: FakeTime;
  let lines: string[];
  const context = (timeoutMs: number) =>
    createContext({
      type: "Vpc",
      name: "net",
      settings: { endpoint: server.url, accessKey: AK, secretKey: SK, regionId: "r", azName: undefined, projectId: undefined, endpointSource: "ctyun:endpoint" },
      runtime: { deps: time, pollMinDelayMs: 1_000, pollMaxDelayMs: 5_000, log: (line) => lines.push(line) },
      timeoutMs,
      step: "create",
    });

  beforeEach(async () => {
    server = await startScriptedServer();
    time = createFakeTime({ random: () => 0.5 });
    lines = [];
    resetClients();
  });
  afterEach(async () => {
    resetClients();
    await server.close();
  });

  it("gives every call the step's deadline and says, at most every 10 s, what it is waiting for", async () => {
    server.script(...Array.from({ length: 12 }, () => throttled(1)), ok({ thingID: "t" }));
    const ctx = context(FIVE_MINUTES);
    await ctx.client.send(ShowThing, show);
    assert.equal(server.requests.length, 13, "12 throttles waited out: more than four attempts");
    assert.equal(lines[0], "ctyun:Vpc net: ShowThing throttled by the cloud (HTTP 429 Openapi.Throttling), waiting 1s (attempt 1, 5m of 5m left)");
    assert.ok(lines.length < 12, `rate-limited: ${lines.length} lines for 12 waits`);
    assert.match(lines[1] ?? "", /^ctyun:Vpc net: ShowThing throttled by the cloud \(HTTP 429 Openapi\.Throttling\), waiting \d+(\.\d)?s \(attempt \d+, \d+m\d*s? of 5m left; \d+ more waits? since the last line\)$/);
  });

  it("fails a call the cloud never answers at the step's timeout, saying so", async () => {
    server.fallback = unavailable;
    const ctx = context(60_000);
    const e = await rejection(ctx.client.send(ShowThing, show));
    assert.match(e.message, /^ShowThing failed: HTTP 503 Openapi\.ServiceUnavailable: busy \/ 忙 \(request id [0-9a-f-]+, \d+ attempts in 1m; gave up: the 1m create timeout ran out\)$/);
    assert.ok(lines.some((line) => /^ctyun:Vpc net: ShowThing failed transiently \(HTTP 503 Openapi\.ServiceUnavailable\), retrying in /.test(line)), lines.join("\n"));
  });

  it("does not report a blip retried at once", async () => {
    server.script(unavailable, ok({ thingID: "t" }));
    await context(FIVE_MINUTES).client.send(ShowThing, show);
    assert.deepEqual(time.sleeps, [125], "one quick retry");
    assert.deepEqual(lines, []);
  });

  it("lets a call pass its own deadline", async () => {
    server.fallback = unavailable;
    const ctx = context(FIVE_MINUTES);
    const started = time.now();
    await rejection(ctx.client.send(ShowThing, show, { deadline: started + 5_000 }));
    assert.equal(time.now() - started, 5_000);
  });
});
