/**
 * Hostile input never breaks the emulator (issue 16): a seeded fuzzer over every API route that
 * `GET /_emulator/routes` lists, through a real socket. Requests are signed for exactly what they
 * carry (so they reach the route's parameter reading and rules) unless the case breaks the
 * signature on purpose: malformed JSON, JSON of every wrong type, empty, huge and just-under-limit
 * bodies, unicode (emoji, RTL, NUL, lone surrogates, invalid UTF-8), broken and duplicated query
 * keys, missing, duplicated and odd headers, skewed and malformed dates, unknown keys, and raw bytes
 * node:http itself refuses.
 *
 * Every answer must come within 10 s, never be a 5xx, always be a CTyun envelope with a request id;
 * a call the emulator refuses must leave `/_emulator/state` exactly as it was; the emulator must
 * report no unexpected error and still be healthy at the end.
 *
 * `CTYUN_FUZZ_SEED=<n>` draws another sequence; `CTYUN_FUZZ_RUNS=<n>` requests per route (default 10).
 */
import assert from "node:assert/strict";
import { request as httpRequest, Agent } from "node:http";
import { connect } from "node:net";
import fc from "fast-check";
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY, startEmulator, type RunningEmulator } from "../../emulator";
import { bodyDigest, expectedSignature, stringToSign } from "../../emulator/auth/eop-signing";
import { formatEopDate } from "../../provider/client/signer";
import { REGION_HUADONG1 } from "../helpers/emulator";

const SEED = Number(process.env["CTYUN_FUZZ_SEED"] ?? "16");
const RUNS_PER_ROUTE = Number(process.env["CTYUN_FUZZ_RUNS"] ?? "10");
const LIMIT = 1_048_576;

interface Route {
  readonly method: string;
  readonly path: string;
  readonly operation: string;
}

/** Parameter names the emulated operations read: the fuzzer aims wrong values at real fields. */
const FIELDS = [
  "regionID", "projectID", "vpcID", "subnetID", "securityGroupID", "instanceID", "diskID", "eipID", "ID", "bucket", "name",
  "CIDR", "description", "clientToken", "pageNo", "pageSize", "bandwidth", "diskSize", "diskType", "diskMode", "azName",
  "flavorID", "imageID", "bootDiskType", "bootDiskSize", "networkCardList", "secGroupList", "userPassword", "keyPairName",
  "publicKey", "direction", "action", "protocol", "ethertype", "destCidrIp", "range", "priority", "securityGroupRules",
  "cycleType", "cycleCount", "onDemand", "masterOrderID", "jobID", "associationType", "dnsList", "enableIpv6", "tags",
  "ACL", "storageType", "updateInfo", "instanceIDList", "displayName", "instanceName", "status", "keyPairID",
];

const UNICODE = ["😀🎉", "\u202Emalicious\u202C", "名字名字", "\u0000", "\ud800", "\udfff\ud800", "e\u0301", "\uFEFF", "Ａ１", "ﷺ", "\u2028\u2029"];

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom("", " ", "null", "undefined", "NaN", "-1", "1e309", "0x1f", "true", "../../x", "' OR '1'='1", "%00", "a".repeat(5000), ...UNICODE),
);
const number = fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.constantFrom(-0, 2 ** 53, -(2 ** 63), 1e308, 0.5));
const scalar = fc.oneof(text, number, fc.boolean(), fc.constant(null));
const jsonValue = fc.oneof({ depthSize: "small" }, scalar, fc.array(scalar, { maxLength: 4 }), fc.dictionary(fc.constantFrom(...FIELDS), scalar, { maxKeys: 3 }));

/** The body bytes of a case. */
const body = fc.oneof(
  { weight: 4, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 8 })), jsonValue, { maxKeys: 6 }).map((o) => JSON.stringify({ regionID: REGION_HUADONG1, ...o })) },
  { weight: 2, arbitrary: jsonValue.map((v) => JSON.stringify(v) ?? "") },
  { weight: 2, arbitrary: fc.constantFrom("{", "{\"regionID\":", "[1,2", "{\"a\":1}}", "nul", "{'a':1}", "{\"a\":NaN}", "\uFEFF{}", "{\"regionID\":\"\\ud800\"}", "{}".repeat(3)) },
  { weight: 1, arbitrary: fc.constantFrom("", " ", "\n") },
  { weight: 1, arbitrary: fc.constantFrom(LIMIT + 1, LIMIT - 64, 200_000).map((size) => JSON.stringify({ regionID: REGION_HUADONG1, name: "x".repeat(size - 40) }).slice(0, size)) },
);

/** Query pairs (decoded), or a raw string with broken escapes. */
const query = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 6 })), text.map((t) => t.slice(0, 200))), { maxLength: 5 }).map((pairs) => ({ pairs: [["regionID", REGION_HUADONG1] as [string, string], ...pairs] })) },
  { weight: 1, arbitrary: fc.constantFrom("regionID=%zz", "regionID=%", "regionID=%E6%B5", "%%%", "regionID=a&regionID=b", "=x&&&", "regionID", "a=%ff%fe").map((raw) => ({ raw })) },
);

type HeaderCase = "signed" | "unsigned" | "unknown-key" | "duplicate-date" | "duplicate-auth" | "skewed" | "bad-date" | "no-content-type" | "odd-content-type" | "long-request-id" | "empty-request-id";
const headerCase = fc.oneof({ weight: 3, arbitrary: fc.constant<HeaderCase>("signed") }, { weight: 2, arbitrary: fc.constantFrom<HeaderCase>("unsigned", "unknown-key", "duplicate-date", "duplicate-auth", "skewed", "bad-date", "no-content-type", "odd-content-type", "long-request-id", "empty-request-id") });
const skew = fc.constantFrom(16 * 60_000, -16 * 60_000, 86_400_000, -8 * 3_600_000, -Date.now() + 1_000, 253_402_300_000_000 - Date.now());

interface FuzzCase {
  readonly route: number;
  readonly method: "route" | "other";
  readonly body: string | Buffer;
  readonly query: { pairs: Array<[string, string]> } | { raw: string };
  readonly headers: HeaderCase;
  readonly skewMs: number;
}

function fuzzCase(routeCount: number): fc.Arbitrary<FuzzCase> {
  return fc.record({
    route: fc.nat({ max: routeCount - 1 }),
    method: fc.constantFrom<"route" | "other">("route", "route", "route", "other"),
    body: fc.oneof({ weight: 9, arbitrary: body }, { weight: 1, arbitrary: fc.constant(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])) }),
    query,
    headers: headerCase,
    skewMs: skew,
  });
}

/** Go-style escaping, as our signer's canonical query (what the official SDK sends). */
function encodePairs(pairs: ReadonlyArray<readonly [string, string]>): string {
  // Byte by byte over UTF-8 (a lone surrogate becomes U+FFFD there, as in any client) rather than
  // encodeURIComponent, which throws on lone surrogates.
  const escape = (s: string) =>
    [...Buffer.from(s, "utf8")].map((b) => (b === 0x20 ? "+" : /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`)).join("");
  return [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${escape(k)}=${escape(v)}`).join("&");
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

function send(url: string, agent: Agent, method: string, path: string, headers: Record<string, string | string[]>, payload: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // An explicit length: node's client frames a GET body with nothing at all, and the bytes would
    // reach the server as the next request on the connection (a malformed one) instead of this body.
    const framed = { ...headers, "content-length": String(Buffer.byteLength(payload)) };
    const req = httpRequest(new URL(path, url), { method, headers: framed, agent, timeout: 10_000 }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within 10 s: ${method} ${path}`)));
    req.on("error", reject);
    req.end(payload);
  });
}

function requestFor(route: Route, c: FuzzCase): { method: string; path: string; headers: Record<string, string | string[]>; payload: string | Buffer } {
  const method = c.method === "route" ? route.method : route.method === "GET" ? "POST" : "GET";
  const rawQuery = "raw" in c.query ? c.query.raw : encodePairs(c.query.pairs);
  const payload = method === "GET" && typeof c.body === "string" && c.body.length > 1000 ? "" : c.body;
  const now = Date.now() + (c.headers === "skewed" ? c.skewMs : 0);
  const eopDate = c.headers === "bad-date" ? "20241301T250000Z" : formatEopDate(new Date(Math.max(0, now)));
  const accessKey = c.headers === "unknown-key" ? "nobodyaccesskey00000000000000001" : DEMO_ACCESS_KEY;
  const requestId = c.headers === "empty-request-id" ? "" : c.headers === "long-request-id" ? "r".repeat(8_000) : "f0f0f0f0-0000-4000-8000-000000000001";
  const toSign = stringToSign([["ctyun-eop-request-id", requestId], ["eop-date", eopDate]], rawQuery, bodyDigest(Buffer.from(payload)));
  const signed: Record<string, string> = {
    "ctyun-eop-request-id": requestId,
    "eop-date": eopDate,
    "eop-authorization": `${accessKey} Headers=ctyun-eop-request-id;eop-date Signature=${expectedSignature(DEMO_SECRET_KEY, accessKey, eopDate, toSign)}`,
  };
  const headers: Record<string, string | string[]> = c.headers === "unsigned" ? {} : { ...signed };
  if (c.headers === "duplicate-date") headers["eop-date"] = [eopDate, formatEopDate(new Date(now - 60_000))];
  if (c.headers === "duplicate-auth") headers["eop-authorization"] = [signed["eop-authorization"] ?? "", signed["eop-authorization"] ?? ""];
  if (c.headers !== "no-content-type") headers["content-type"] = c.headers === "odd-content-type" ? "text/plain; charset=gbk" : "application/json";
  return { method, path: rawQuery === "" ? route.path : `${route.path}?${rawQuery}`, headers, payload };
}

/** Raw requests node:http's parser refuses before the emulator sees them. */
const RAW_CASES = [
  "GET /v4/vpc/list HTTP/1.1\r\nhost: x\r\nbad header line\r\n\r\n",
  "GET /v4/vpc/list HTTP/1.1\r\nhost: x\r\nx-bytes: \u0001\u0002\r\n\r\n",
  "POST /v4/vpc/create HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\ncontent-length: 6\r\n\r\n{}{}{}",
  "POST /v4/vpc/create HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
  "GET /v4/vpc/list HTTP/9.9\r\n\r\n",
  "\u0000\u0001\u0002\r\n\r\n",
];

function rawExchange(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(Buffer.from(bytes, "latin1")));
    let answer = "";
    socket.setEncoding("utf8").on("data", (chunk: string) => (answer += chunk));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
    socket.setTimeout(10_000, () => reject(new Error(`no answer within 10 s to ${JSON.stringify(bytes.slice(0, 60))}`)));
  });
}

function assertEnvelope(answer: Answer, what: string): { statusCode: number; errorCode: string } {
  assert.ok(answer.status < 500, `${what}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
  assert.ok(answer.headers["ctyun-eop-request-id"], `${what}: no ctyun-eop-request-id header`);
  let envelope: Record<string, unknown>;
  try {
    envelope = JSON.parse(answer.text) as Record<string, unknown>;
  } catch {
    throw new assert.AssertionError({ message: `${what}: not JSON: ${answer.text.slice(0, 300)}` });
  }
  assert.ok(envelope["statusCode"] === 800 || envelope["statusCode"] === 900, `${what}: statusCode ${String(envelope["statusCode"])}`);
  for (const field of ["errorCode", "message", "description"]) assert.equal(typeof envelope[field], "string", `${what}: ${field} is not a string`);
  if (envelope["statusCode"] === 800) assert.equal(answer.status, 200, `${what}: a success envelope with HTTP ${answer.status}`);
  return { statusCode: envelope["statusCode"] as number, errorCode: envelope["errorCode"] as string };
}

describe("fuzz: every emulator route answers hostile requests with an envelope, never a 5xx, and rejected calls change nothing", function () {
  this.timeout(300_000);
  const unexpected: unknown[] = [];
  let emulator: RunningEmulator;
  let routes: Route[];
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const tally = { requests: 0, accepted: 0, rejected: 0, raw: 0 };
  /** Refusals by the layer that gave them: the fuzz is only worth something if many get past the gateway. */
  const refusedBy = new Map<string, number>();

  before(async () => {
    emulator = await startEmulator({ port: 0, seed: SEED, onUnexpectedError: (error) => unexpected.push(error) });
    routes = ((await (await fetch(`${emulator.url}/_emulator/routes`)).json()) as { routes: Route[] }).routes;
  });
  after(async () => {
    agent.destroy();
    await emulator?.close();
    // eslint-disable-next-line no-console
    console.log(`      fuzz (seed ${SEED}): ${tally.requests} requests over ${routes?.length ?? 0} routes (${tally.accepted} accepted, ${tally.rejected} refused: ${[...refusedBy].map(([k, v]) => `${v} by the ${k}`).join(", ")}), ${tally.raw} raw`);
  });

  const state = async () => (await fetch(`${emulator.url}/_emulator/state`)).text();

  it("lists every API route", () => {
    assert.ok(routes.length >= 60, `${routes.length} routes`);
  });

  it(`sends ${RUNS_PER_ROUTE} hostile requests per route (seed ${SEED})`, async () => {
    let before = await state();
    await fc.assert(
      fc.asyncProperty(fuzzCase(routes.length), async (c) => {
        const route = routes[c.route] as Route;
        const r = requestFor(route, c);
        const answer = await send(emulator.url, agent, r.method, r.path, r.headers, r.payload);
        tally.requests += 1;
        const { statusCode, errorCode } = assertEnvelope(answer, `${r.method} ${route.path} (${route.operation}, ${c.headers})`);
        if (statusCode === 800) {
          tally.accepted += 1;
          // Accepted: whatever it made goes, so the next refusal is compared against a known state.
          await fetch(`${emulator.url}/_emulator/reset`, { method: "POST" });
          before = await state();
        } else {
          tally.rejected += 1;
          const layer = /^Openapi\.(Auth|Request)/.test(errorCode) ? "gateway" : errorCode.startsWith("Emulator.Operation") ? "method" : "operation";
          refusedBy.set(layer, (refusedBy.get(layer) ?? 0) + 1);
          const after = await state();
          assert.equal(after, before, `${r.method} ${route.path} was refused (${answer.text.slice(0, 200)}) but changed the state`);
        }
      }),
      { seed: SEED, numRuns: RUNS_PER_ROUTE * routes.length, endOnFailure: true },
    );
    assert.deepEqual(unexpected, [], "the emulator reported unexpected errors");
  });

  it("answers raw requests node:http refuses with an envelope, then keeps serving", async () => {
    const before = await state();
    for (const raw of RAW_CASES) {
      const answer = await rawExchange(emulator.url, raw);
      tally.raw += 1;
      const [head = "", text = ""] = answer.split("\r\n\r\n", 2);
      const headers: Record<string, string> = {};
      for (const line of head.split("\r\n").slice(1)) headers[line.slice(0, line.indexOf(":")).toLowerCase()] = line.slice(line.indexOf(":") + 1).trim();
      assertEnvelope({ status: Number(head.split(" ")[1]), headers, text }, JSON.stringify(raw.slice(0, 50)));
    }
    assert.equal(await state(), before);
    assert.equal((await fetch(`${emulator.url}/_emulator/health`)).status, 200);
    assert.deepEqual(unexpected, []);
  });
});
