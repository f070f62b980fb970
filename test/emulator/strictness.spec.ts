/**
 * The emulator is as strict as the gateway where it matters (issue 16):
 * - a request-body limit (1 MiB by default) answered with an envelope, the body never buffered
 *   past it; requests node:http cannot parse get an envelope too;
 * - `eop-date` is Beijing time within ±15 minutes, nothing wider: what CTyun's SDKs send on a host
 *   in China (local time + a literal Z), not the same clock read as UTC;
 * - an unknown access key gets exactly the answer of a wrong signature: no access-key oracle.
 */
import assert from "node:assert/strict";
import { connect } from "node:net";
import { request } from "node:http";
import { Readable } from "node:stream";
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from "../../emulator";
import { DEFAULT_MAX_BODY_BYTES } from "../../emulator/settings";
import { formatEopDate } from "../../provider/client/signer";
import { REGION_HUADONG1, useEmulator, type CallResult, type Credentials, type EmulatorHarness } from "../helpers/emulator";

/** Sends raw bytes on a fresh connection and returns everything the server wrote before closing. */
function rawExchange(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    let text = "";
    socket.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
    socket.setTimeout(5_000, () => reject(new Error(`no answer within 5 s; got ${JSON.stringify(text)}`)));
  });
}

function envelopeOf(rawResponse: string): { status: number; envelope: Record<string, unknown> } {
  const [head, body] = rawResponse.split("\r\n\r\n", 2) as [string, string];
  return { status: Number(head.split(" ")[1]), envelope: JSON.parse(body) as Record<string, unknown> };
}

async function stateText(emu: EmulatorHarness): Promise<string> {
  return JSON.stringify(await emu.control.state());
}

describe("strictness: request-body limit", () => {
  const emu = useEmulator({ emulator: { maxBodyBytes: 4096 } });

  it("is 1 MiB unless configured", () => {
    assert.equal(DEFAULT_MAX_BODY_BYTES, 1_048_576);
  });

  it("accepts a body of exactly the limit and refuses one byte more with HTTP 413 and an envelope, changing nothing", async () => {
    const padding = (size: number) => {
      const base = JSON.stringify({ regionID: REGION_HUADONG1, name: "vpc-limit", CIDR: "10.0.0.0/16", description: "" });
      return base.replace('"description":""', `"description":"${"x".repeat(size - base.length)}"`);
    };
    const before = await stateText(emu);
    const over = await emu.post("/v4/vpc/create", padding(4097));
    assert.equal(over.status, 413);
    assert.deepEqual(over.envelope(), {
      statusCode: 900,
      errorCode: "Openapi.Request.EntityTooLarge",
      error: "Openapi.Request.EntityTooLarge",
      message: "the request body (4097 bytes) is larger than the 4096-byte limit",
      description: "请求体过大",
      returnObj: null,
    });
    assert.ok(over.headers["ctyun-eop-request-id"], "the answer carries a request id");
    assert.equal(await stateText(emu), before, "nothing changed");
    const exact = await emu.post("/v4/vpc/create", padding(4096));
    // Within the limit the request goes on: the description's own rule refuses it, not the size.
    assert.equal(exact.status, 200);
    assert.equal(exact.envelope().errorCode, "Openapi.Parameter.Invalid");
    const log = await emu.control.requests();
    assert.deepEqual(log.map((entry) => [entry.status, entry.errorCode]), [[413, "Openapi.Request.EntityTooLarge"], [200, "Openapi.Parameter.Invalid"]]);
  });

  it("answers a declared oversized body at once, without waiting for (or keeping) a byte of it", async () => {
    // 1 GiB declared, nothing sent: an emulator that read the body first would never answer.
    const answer = await rawExchange(
      emu.url,
      `POST /v4/vpc/create HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${1024 ** 3}\r\n\r\n{"regionID":`,
    );
    const { status, envelope } = envelopeOf(answer);
    assert.equal(status, 413);
    assert.equal(envelope["errorCode"], "Openapi.Request.EntityTooLarge");
    assert.equal(envelope["message"], `the request body (${1024 ** 3} bytes) is larger than the 4096-byte limit`);
    assert.match(answer, /\r\nconnection: close\r\n/i, "the connection is closed: the rest of the body is not read into anything");
  });

  it("counts a chunked body without keeping it and answers 413 once it is sent", async () => {
    const target = new URL("/v4/vpc/create", emu.url);
    const chunks = Array.from({ length: 64 }, () => Buffer.alloc(1024, 0x61));
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(target, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      Readable.from(chunks).pipe(req);
    });
    assert.equal(answer.status, 413);
    assert.equal(JSON.parse(answer.body).message, "the request body (65536 bytes) is larger than the 4096-byte limit");
  });

  it("answers what node:http cannot parse, and oversized headers, with an envelope", async () => {
    const garbage = envelopeOf(await rawExchange(emu.url, "GARBAGE\r\n\r\n"));
    assert.equal(garbage.status, 400);
    assert.equal(garbage.envelope["errorCode"], "Openapi.Request.Malformed");
    assert.equal(garbage.envelope["statusCode"], 900);
    const huge = envelopeOf(await rawExchange(emu.url, `GET /v4/region/list-regions HTTP/1.1\r\nhost: x\r\nx-padding: ${"p".repeat(20_000)}\r\n\r\n`));
    assert.equal(huge.status, 431);
    assert.equal(huge.envelope["errorCode"], "Openapi.Request.HeaderTooLarge");
    // The emulator is still serving.
    assert.equal((await emu.get("/v4/region/list-regions")).status, 200);
  });
});

describe("strictness: eop-date is Beijing time within ±15 minutes", () => {
  const emu = useEmulator();
  const query = { regionID: REGION_HUADONG1 };
  const at = (offsetMs: number, zoneMinutes = 480) => formatEopDate(new Date(emu.clock.now() + offsetMs), zoneMinutes);

  it("accepts what CTyun's SDKs send on a host in China (local time + literal Z), up to 15 minutes either way", async () => {
    for (const offset of [0, 15 * 60_000, -15 * 60_000]) {
      const res = await emu.get("/v4/region/get-zones", query, { eopDate: at(offset) });
      assert.equal(res.status, 200, `${offset / 60_000} min: ${res.body}`);
    }
  });

  it("refuses a second outside the window, and the same clock read as UTC (an SDK on a UTC host)", async () => {
    for (const [eopDate, minutes] of [
      [at(15 * 60_000 + 1_000), "15 min ahead of"],
      [at(-15 * 60_000 - 1_000), "15 min behind"],
      [at(0, 0), "480 min behind"],
      [at(0, 540), "60 min ahead of"],
    ] as const) {
      const res = await emu.get("/v4/region/get-zones", query, { eopDate });
      assert.equal(res.status, 403, eopDate);
      assert.equal(res.envelope().errorCode, "Openapi.Auth.RequestExpired");
      assert.match(res.envelope().message, new RegExp(`^eop-date ${eopDate} read as Beijing time \\(UTC\\+8\\) is ${minutes} the gateway's clock`));
    }
  });

  it("refuses every other spelling of the date (surrounding blanks are HTTP's, not the value's)", async () => {
    const good = at(0);
    const variants = [
      good.toLowerCase(),
      good.slice(0, -1),
      `${good.slice(0, -1)}.000Z`,
      `${good.slice(0, -1)}+0800`,
      `${good.slice(0, 4)}-${good.slice(4, 6)}-${good.slice(6)}`,
      good.replace(/^\d/, "²"),
      "20240230T120000Z",
      "20240601T240000Z",
      "20240601T126000Z",
    ];
    for (const eopDate of variants) {
      const res = await emu.get("/v4/region/get-zones", query, { eopDate });
      assert.equal(res.status, 401, JSON.stringify(eopDate));
      assert.equal(res.envelope().errorCode, "Openapi.Auth.InvalidDate", JSON.stringify(eopDate));
    }
  });
});

describe("strictness: no access-key oracle", () => {
  const emu = useEmulator();
  const unknown = { accessKey: "nobodyaccesskey00000000000000001", secretKey: DEMO_SECRET_KEY };
  const wrongSecret = { accessKey: DEMO_ACCESS_KEY, secretKey: "wrongsecretkey000000000000000000" };

  /** Status, headers but the request id, and the envelope: everything a caller can compare. */
  const visible = (res: CallResult) => {
    const { "ctyun-eop-request-id": _id, date: _date, ...headers } = res.headers;
    return { status: res.status, headers, body: res.body };
  };

  const variants: Array<[string, (sign: Credentials) => Promise<CallResult>]> = [
    ["a signed GET", (sign) => emu.get("/v4/region/get-zones", { regionID: REGION_HUADONG1 }, { sign })],
    ["a signed POST with a body", (sign) => emu.post("/v4/vpc/create", { regionID: REGION_HUADONG1, name: "vpc-oracle", CIDR: "10.0.0.0/16" }, { sign })],
    ["an unknown path", (sign) => emu.get("/v4/nothing/here", {}, { sign })],
    ["an expired date", (sign) => emu.get("/v4/region/get-zones", { regionID: REGION_HUADONG1 }, { sign, eopDate: formatEopDate(new Date(emu.clock.now() - 3_600_000)) })],
    ["a malformed date", (sign) => emu.get("/v4/region/get-zones", { regionID: REGION_HUADONG1 }, { sign, eopDate: "yesterday" })],
  ];

  for (const [what, send] of variants) {
    it(`answers ${what} with an unknown access key exactly as with a wrong secret`, async () => {
      const before = JSON.stringify(await emu.control.state());
      const [a, b] = [visible(await send(unknown)), visible(await send(wrongSecret))];
      assert.deepEqual(a, b);
      assert.notEqual(a.status, 200);
      assert.equal(JSON.stringify(await emu.control.state()), before);
    });
  }

  it("calls both a signature that does not match (HTTP 403)", async () => {
    const res = await emu.get("/v4/region/get-zones", { regionID: REGION_HUADONG1 }, { sign: unknown });
    assert.equal(res.status, 403);
    assert.equal(res.envelope().errorCode, "Openapi.Auth.SignatureDoesNotMatch");
    assert.equal(res.envelope().message, "the request signature does not match the signature computed by the server");
  });
});
