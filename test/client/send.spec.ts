import assert from "node:assert/strict";
import { z } from "zod";
import { createClient, defineOperation, isCtyunError, type CtyunClient } from "../../provider/index";
import { computeSignature, stringToSign } from "../../provider/client/signer";
import { sha256Hex } from "../../provider/client/canonical";
import type { CtyunHttpError, CtyunNetworkError, CtyunServiceError, CtyunTimeoutError, ResponseShapeError } from "../../provider/client/errors";
import { createFakeTime, type FakeTime } from "../helpers/fake-time";
import { fail, ok, startScriptedServer, type RecordedRequest, type ScriptedServer } from "../helpers/scripted-server";

const AK = "a".repeat(32);
const SK = "s".repeat(32);

const ShowThing = defineOperation({
  name: "ShowThing",
  service: "ctvpc",
  method: "GET",
  path: "/v4/thing/show",
  input: z.object({ regionID: z.string(), thingID: z.string(), note: z.string().optional() }),
  output: z.object({ thingID: z.string(), size: z.number().int() }),
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

/** Recomputes the signature of a recorded request the way the gateway does. */
function verifySignature(r: RecordedRequest): boolean {
  const requestId = String(r.headers["ctyun-eop-request-id"]);
  const eopDate = String(r.headers["eop-date"]);
  const auth = String(r.headers["eop-authorization"]);
  const rawQuery = r.url.includes("?") ? r.url.slice(r.url.indexOf("?") + 1) : "";
  const sts = stringToSign([["ctyun-eop-request-id", requestId], ["eop-date", eopDate]], rawQuery, sha256Hex(r.body));
  return auth === `${AK} Headers=ctyun-eop-request-id;eop-date Signature=${computeSignature(SK, AK, eopDate, sts)}`;
}

async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown> & Error> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown> & Error;
  }
  throw new assert.AssertionError({ message: "expected the promise to reject" });
}

describe("client send pipeline (against a local scripted server)", () => {
  let server: ScriptedServer;
  let time: FakeTime;
  let client: CtyunClient;

  beforeEach(async () => {
    server = await startScriptedServer();
    time = createFakeTime();
    client = createClient({ credentials: { accessKey: AK, secretKey: SK }, endpoint: server.url, deps: time });
  });
  afterEach(async () => {
    client.close();
    await server.close();
  });

  it("sends a signed GET whose URL query is the signed canonical query, and validates returnObj", async () => {
    server.script(ok({ thingID: "t-1", size: 3 }));
    const result = await client.send(ShowThing, { regionID: "r1", thingID: "t 1/2", note: "测试" });
    assert.deepEqual(result, { thingID: "t-1", size: 3 });
    const [req] = server.requests;
    assert.ok(req);
    assert.equal(req.method, "GET");
    assert.equal(req.url, "/v4/thing/show?note=%E6%B5%8B%E8%AF%95&regionID=r1&thingID=t+1%2F2");
    assert.equal(req.body, "");
    assert.equal(req.headers["eop-date"], "20261127T120000Z", "Beijing time of the injected clock");
    assert.ok(verifySignature(req), "signature verifies against the raw URL query");
    assert.ok(String(req.headers["user-agent"]).length > 0);
  });

  it("sends POST bodies as compact JSON with a content type, signed over the exact bytes", async () => {
    server.script(ok({ thingID: "t-2" }));
    await client.send(CreateThing, { regionID: "r1", name: "n", clientToken: "tok-1" });
    const [req] = server.requests;
    assert.ok(req);
    assert.equal(req.body, '{"clientToken":"tok-1","regionID":"r1","name":"n"}');
    assert.equal(req.headers["content-type"], "application/json");
    assert.ok(verifySignature(req));
  });

  it("retries HTTP 429 honouring Retry-After, then succeeds", async () => {
    server.script({ status: 429, headers: { "retry-after": "7" }, json: { statusCode: 900, errorCode: "Openapi.Throttling", message: "slow down", description: "限流" } }, ok({ thingID: "t", size: 1 }));
    await client.send(ShowThing, { regionID: "r", thingID: "t" });
    assert.equal(server.requests.length, 2);
    assert.deepEqual(time.sleeps, [7000], "waited exactly the server's hint (above the jittered backoff)");
  });

  it("caps an excessive Retry-After at maxRetryAfterMs", async () => {
    client = createClient({ credentials: { accessKey: AK, secretKey: SK }, endpoint: server.url, deps: time, retry: { maxRetryAfterMs: 5000 } });
    server.script({ status: 429, headers: { "retry-after": "3600" }, text: "" }, ok({ thingID: "t", size: 1 }));
    await client.send(ShowThing, { regionID: "r", thingID: "t" });
    assert.deepEqual(time.sleeps, [5000]);
  });

  it("retries 503 with full-jitter backoff and gives up after maxAttempts with metadata", async () => {
    server.fallback = { status: 503, json: { statusCode: 900, errorCode: "Gateway.Unavailable", message: "busy", description: "忙" } };
    const error = await rejection(client.send(ShowThing, { regionID: "r", thingID: "t" }));
    assert.equal(server.requests.length, 4, "default maxAttempts is 4");
    assert.equal(time.sleeps.length, 3);
    time.sleeps.forEach((ms, i) => assert.ok(ms >= 0 && ms <= 250 * 2 ** i, `sleep ${i} = ${ms} within its jitter ceiling`));
    assert.ok(isCtyunError(error));
    const e = error as unknown as CtyunHttpError;
    assert.equal(e.kind, "http");
    assert.equal(e.status, 503);
    assert.equal(e.errorCode, "Gateway.Unavailable");
    assert.equal(e.attempts, 4);
    assert.equal(e.operation, "ShowThing");
    assert.equal(e.retryRefusedReason, "attempt limit (4) reached");
    const lastRequestId = String(server.requests[3]?.headers["ctyun-eop-request-id"]);
    assert.equal(e.requestId, lastRequestId);
    assert.equal(e.retriedForMs, time.sleeps.reduce((a, b) => a + b, 0), "the call went on for its backoff waits (virtual time)");
    assert.match(e.message, /^ShowThing failed: HTTP 503 Gateway\.Unavailable: busy \/ 忙 \(request id [0-9a-f-]+, 4 attempts in \d+(\.\d)?m?s; gave up: attempt limit \(4\) reached\)$/);
  });

  it("does not retry HTTP 501", async () => {
    server.script({ status: 501, text: "nope" });
    const error = await rejection(client.send(ShowThing, { regionID: "r", thingID: "t" }));
    assert.equal(server.requests.length, 1);
    assert.equal((error as unknown as CtyunHttpError).status, 501);
  });

  it("retries a connection reset on an idempotent read", async () => {
    server.script("reset", ok({ thingID: "t", size: 2 }));
    const result = await client.send(ShowThing, { regionID: "r", thingID: "t" });
    assert.equal(result.size, 2);
    assert.equal(server.requests.length, 2);
  });

  it("retries a create with the identical clientToken and a fresh signature per attempt", async () => {
    server.script("reset", { status: 503, text: "" }, ok({ thingID: "t-9" }));
    const result = await client.send(CreateThing, { regionID: "r1", name: "web" });
    assert.equal(result.thingID, "t-9");
    assert.equal(server.requests.length, 3);
    const bodies = server.requests.map((r) => JSON.parse(r.body) as { clientToken: string });
    const tokens = new Set(bodies.map((b) => b.clientToken));
    assert.equal(tokens.size, 1, "one clientToken for every attempt");
    assert.match([...tokens][0] ?? "", /^00000000-0000-4000-8000-\d{12}$/);
    const requestIds = new Set(server.requests.map((r) => r.headers["ctyun-eop-request-id"]));
    assert.equal(requestIds.size, 3, "each attempt has its own request id");
    assert.ok(server.requests.every(verifySignature));
  });

  it("keeps a caller's clientToken across attempts", async () => {
    server.script({ status: 502, text: "" }, ok({ thingID: "t" }));
    await client.send(CreateThing, { regionID: "r1", name: "web", clientToken: "mine-123" });
    assert.deepEqual(server.requests.map((r) => (JSON.parse(r.body) as { clientToken: string }).clientToken), ["mine-123", "mine-123"]);
  });

  it("never repeats a non-idempotent POST that may have been processed", async () => {
    server.script({ status: 503, text: "" });
    const error = await rejection(client.send(PokeThing, { regionID: "r" }));
    assert.equal(server.requests.length, 1);
    assert.equal(error["retryRefusedReason"], undefined, "first attempt: nothing was refused, it was never eligible");
    assert.equal((error as unknown as CtyunHttpError).status, 503);
  });

  it("retries a non-idempotent POST that was throttled (not processed)", async () => {
    server.script({ status: 429, text: "" }, ok(null));
    await client.send(PokeThing, { regionID: "r" });
    assert.equal(server.requests.length, 2);
  });

  it("turns statusCode 900 into a CtyunServiceError without retrying, keeping returnObj", async () => {
    server.script(fail("ebs.order.inProgress", "order in progress", { masterOrderID: "m-1" }));
    const error = await rejection(client.send(CreateThing, { regionID: "r", name: "x" }));
    assert.equal(server.requests.length, 1);
    const e = error as unknown as CtyunServiceError;
    assert.equal(e.kind, "service");
    assert.equal(e.statusCode, "900");
    assert.equal(e.errorCode, "ebs.order.inProgress");
    assert.deepEqual(e.returnObj, { masterOrderID: "m-1" });
    assert.match(e.message, /^CreateThing failed: ebs\.order\.inProgress: order in progress \/ 失败 \(request id /);
  });

  it("accepts statusCode and errorCode as strings or numbers", async () => {
    server.script({ json: { statusCode: "800", returnObj: { thingID: "t", size: 1 } } }, { json: { statusCode: 900, errorCode: 1234, message: null } });
    assert.equal((await client.send(ShowThing, { regionID: "r", thingID: "t" })).thingID, "t");
    const e = (await rejection(client.send(ShowThing, { regionID: "r", thingID: "t" }))) as unknown as CtyunServiceError;
    assert.equal(e.errorCode, "1234");
    assert.equal(e.serviceMessage, "");
  });

  it("reports a returnObj of the wrong shape as a ResponseShapeError naming the field", async () => {
    server.script(ok({ thingID: "t", size: "big" }));
    const e = (await rejection(client.send(ShowThing, { regionID: "r", thingID: "t" }))) as unknown as ResponseShapeError;
    assert.equal(e.kind, "response-shape");
    assert.match(e.message, /returnObj\.size/);
    assert.equal(server.requests.length, 1);
  });

  it("reports a non-JSON body as a ResponseShapeError", async () => {
    server.script({ text: "<html>proxy</html>" });
    const e = (await rejection(client.send(ShowThing, { regionID: "r", thingID: "t" }))) as unknown as ResponseShapeError;
    assert.deepEqual(e.issues, ["body is not JSON"]);
  });

  it("refuses to send an input that fails its schema, making no request", async () => {
    const e = await rejection(client.send(ShowThing, { regionID: "r" } as never));
    assert.equal(e["kind"], "invalid-request");
    assert.match(e.message, /thingID/);
    assert.equal(server.requests.length, 0);
  });

  it("fails with a read timeout when the server does not answer, then retries", async () => {
    client = createClient({ credentials: { accessKey: AK, secretKey: SK }, endpoint: server.url, deps: time, transport: { readTimeoutMs: 50 } });
    server.script("hang", ok({ thingID: "t", size: 1 }));
    await client.send(ShowThing, { regionID: "r", thingID: "t" });
    assert.equal(server.requests.length, 2);
  });

  it("classifies a read timeout as CtyunTimeoutError", async () => {
    client = createClient({ credentials: { accessKey: AK, secretKey: SK }, endpoint: server.url, deps: time, transport: { readTimeoutMs: 50 }, retry: { maxAttempts: 1 } });
    server.script("hang");
    const e = (await rejection(client.send(ShowThing, { regionID: "r", thingID: "t" }))) as unknown as CtyunTimeoutError;
    assert.equal(e.kind, "timeout");
    assert.equal(e.phase, "read");
  });

  it("reports a refused connection as a network error that was never sent", async () => {
    const url = server.url;
    await server.close();
    client = createClient({ credentials: { accessKey: AK, secretKey: SK }, endpoint: url, deps: time, retry: { maxAttempts: 2 } });
    const e = (await rejection(client.send(PokeThing, { regionID: "r" }))) as unknown as CtyunNetworkError;
    assert.equal(e.kind, "network");
    assert.equal(e.code, "ECONNREFUSED");
    assert.equal(e.notSent, true);
    assert.equal(e.attempts, 2, "refused connections are safe to retry even for non-idempotent calls");
    server = await startScriptedServer();
  });

  it("stops retrying when the shared retry budget is exhausted", async () => {
    client = createClient({ credentials: { accessKey: AK, secretKey: SK }, endpoint: server.url, deps: time, retry: { budget: 10, maxAttempts: 10 } });
    server.fallback = { status: 503, text: "" };
    const e = await rejection(client.send(ShowThing, { regionID: "r", thingID: "t" }));
    assert.equal(server.requests.length, 3, "two retries at cost 5 each, then the budget is empty");
    assert.equal(e["retryRefusedReason"], "retry budget exhausted");
  });

  it("fails at call time, not construction, when credentials are missing", async () => {
    const lazy = createClient({
      credentials: () => {
        throw new Error("no credentials configured");
      },
      endpoint: server.url,
      deps: time,
    });
    await assert.rejects(lazy.send(ShowThing, { regionID: "r", thingID: "t" }), /no credentials configured/);
    assert.equal(server.requests.length, 0);
  });

  it("never puts the secret key in a request or an error", async () => {
    server.script({ status: 400, json: { statusCode: 900, errorCode: "Bad", message: "bad", description: "bad" } });
    const e = await rejection(client.send(CreateThing, { regionID: "r", name: "x" }));
    const everything = JSON.stringify(server.requests) + e.message + JSON.stringify(e);
    assert.equal(everything.includes(SK), false);
  });
});
