/**
 * The verifier against the shared vectors (primary and every alternative canonicalization, plus the
 * CLI known answer), and the authentication behaviour over HTTP.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { canonicalQuery, type QueryPair } from "../../provider/client/canonical";
import { formatEopDate, parseEopDate } from "../../provider/client/signer";
import { verifyEopSignature } from "../../emulator/auth/verify";
import { AuthError } from "../../emulator/errors";
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from "../../emulator/index";
import { REGION_HUADONG1, useEmulator } from "../helpers/emulator";

interface Vector {
  name: string;
  inputs: { accessKey: string; secretKey: string; query: QueryPair[]; body: string; requestId: string; eopDate: string };
  intermediate: { canonicalQuery: string };
  expected: { headers: Record<string, string> };
  alternativeCanonicalizations: Record<string, { canonicalQuery: string; "Eop-Authorization": string }>;
}
interface VectorFile {
  crossCheck: { inputs: { accessKey: string; secretKey: string; query: string; body: string; requestId: string; eopDate: string }; expectedAuthorization: string };
  vectors: Vector[];
}

const fixture = JSON.parse(readFileSync(join(__dirname, "../fixtures/eop-signing-vectors.json"), "utf8")) as VectorFile;

function verify(input: {
  headers: Record<string, string>;
  rawQuery: string;
  body: string;
  secrets: Record<string, string>;
  now: number;
  windowMinutes?: number | null;
}): { accessKey: string } {
  const lower = new Map(Object.entries(input.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return verifyEopSignature({
    header: (name) => lower.get(name),
    rawQuery: input.rawQuery,
    body: Buffer.from(input.body, "utf8"),
    lookupSecret: (ak) => input.secrets[ak],
    now: input.now,
    windowMinutes: input.windowMinutes === undefined ? 15 : input.windowMinutes,
  });
}

function assertAuthError(fn: () => unknown, code: string, status: number): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof AuthError, `expected AuthError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.httpStatus, status);
    return true;
  });
}

describe("emulator signature verifier (shared vectors)", () => {
  assert.ok(fixture.vectors.length >= 6, "the fixture has the six vectors");

  for (const vector of fixture.vectors) {
    const { inputs } = vector;
    const now = parseEopDate(inputs.eopDate)!.getTime();
    const secrets = { [inputs.accessKey]: inputs.secretKey };

    it(`${vector.name}: verifies the primary signature with the raw (Go canonical) query`, () => {
      assert.equal(canonicalQuery(inputs.query), vector.intermediate.canonicalQuery);
      const result = verify({ headers: vector.expected.headers, rawQuery: vector.intermediate.canonicalQuery, body: inputs.body, secrets, now });
      assert.equal(result.accessKey, inputs.accessKey);
    });

    it(`${vector.name}: header names are case-insensitive (Go wire spelling)`, () => {
      const h = vector.expected.headers;
      const headers = { "Ctyun-Eop-Request-Id": h["ctyun-eop-request-id"]!, "Eop-Date": h["eop-date"]!, "EOP-AUTHORIZATION": h["Eop-Authorization"]! };
      assert.equal(verify({ headers, rawQuery: vector.intermediate.canonicalQuery, body: inputs.body, secrets, now }).accessKey, inputs.accessKey);
    });

    it(`${vector.name}: a one-byte change of the body breaks the signature`, () => {
      assertAuthError(
        () => verify({ headers: vector.expected.headers, rawQuery: vector.intermediate.canonicalQuery, body: inputs.body + " ", secrets, now }),
        "Openapi.Auth.SignatureDoesNotMatch",
        403,
      );
    });

    for (const [variant, alternative] of Object.entries(vector.alternativeCanonicalizations)) {
      it(`${vector.name}: verifies the ${variant} alternative canonicalization`, () => {
        const headers = { ...vector.expected.headers, "Eop-Authorization": alternative["Eop-Authorization"] };
        // The client sends the RFC 3986 string as its URL query; the unescaped variant cannot go on the
        // wire as-is, so such a client sends a percent-encoded URL (Go style) and signed the raw text.
        const rawQuery = variant === "unescaped" ? vector.intermediate.canonicalQuery : alternative.canonicalQuery;
        assert.equal(verify({ headers, rawQuery, body: inputs.body, secrets, now }).accessKey, inputs.accessKey);
        // And the same alternative signature arriving with the other spelling of the query verifies too.
        assert.equal(verify({ headers, rawQuery: vector.intermediate.canonicalQuery, body: inputs.body, secrets, now }).accessKey, inputs.accessKey);
      });
    }
  }

  it("verifies the CLI known-answer cross-check", () => {
    const { inputs, expectedAuthorization } = fixture.crossCheck;
    const result = verify({
      headers: { "ctyun-eop-request-id": inputs.requestId, "eop-date": inputs.eopDate, "eop-authorization": expectedAuthorization },
      rawQuery: inputs.query,
      body: inputs.body,
      secrets: { [inputs.accessKey]: inputs.secretKey },
      now: parseEopDate(inputs.eopDate)!.getTime(),
    });
    assert.equal(result.accessKey, "test-ak");
  });

  const base = fixture.vectors[0]!;
  const baseNow = parseEopDate(base.inputs.eopDate)!.getTime();
  const baseSecrets = { [base.inputs.accessKey]: base.inputs.secretKey };
  const baseCall = (headers: Record<string, string>, now = baseNow, windowMinutes?: number | null) =>
    verify({ headers, rawQuery: base.intermediate.canonicalQuery, body: base.inputs.body, secrets: baseSecrets, now, ...(windowMinutes === undefined ? {} : { windowMinutes }) });

  it("accepts eop-date read as Beijing time (UTC+8), within the window only", () => {
    // The vector's date read as Beijing time:
    assert.ok(baseCall(base.expected.headers, baseNow + 14 * 60_000));
    // …not read as UTC (an SDK on a UTC host): eight hours later on the real clock.
    assertAuthError(() => baseCall(base.expected.headers, baseNow + 8 * 3_600_000 + 14 * 60_000), "Openapi.Auth.RequestExpired", 403);
    assertAuthError(() => baseCall(base.expected.headers, baseNow + 16 * 60_000), "Openapi.Auth.RequestExpired", 403);
    assertAuthError(() => baseCall(base.expected.headers, baseNow - 16 * 60_000), "Openapi.Auth.RequestExpired", 403);
    assert.ok(baseCall(base.expected.headers, baseNow + 365 * 86_400_000, null), "a null window disables the date check");
  });

  it("rejects a malformed eop-date, a malformed authorization and unsigned mandatory headers", () => {
    assertAuthError(() => baseCall({ ...base.expected.headers, "eop-date": "2024-01-02T15:30:45Z" }), "Openapi.Auth.InvalidDate", 401);
    assertAuthError(() => baseCall({ ...base.expected.headers, "Eop-Authorization": "garbage" }), "Openapi.Auth.MalformedAuthorization", 401);
    const onlyDate = base.expected.headers["Eop-Authorization"]!.replace("Headers=ctyun-eop-request-id;eop-date", "Headers=eop-date");
    assertAuthError(() => baseCall({ ...base.expected.headers, "Eop-Authorization": onlyDate }), "Openapi.Auth.MalformedAuthorization", 401);
  });

  it("rejects missing headers, and unknown access keys as a signature that does not match", () => {
    for (const missing of ["ctyun-eop-request-id", "eop-date", "Eop-Authorization"]) {
      const headers = { ...base.expected.headers };
      delete headers[missing];
      assertAuthError(() => baseCall(headers), "Openapi.Auth.MissingHeader", 401);
    }
    const foreign = base.expected.headers["Eop-Authorization"]!.replace(base.inputs.accessKey, "unknownaccesskey0000000000000000");
    assertAuthError(() => baseCall({ ...base.expected.headers, "Eop-Authorization": foreign }), "Openapi.Auth.SignatureDoesNotMatch", 403);
  });
});

describe("emulator authentication over HTTP", () => {
  const emu = useEmulator({ emulator: { credentials: [{ accessKey: "secondaccesskey00000000000000001", secretKey: "secondsecretkey00000000000000001" }] } });
  const query = { regionID: REGION_HUADONG1 };

  it("accepts the demo credentials (32-character keys) and extra configured ones", async () => {
    assert.equal(DEMO_ACCESS_KEY.length, 32);
    assert.equal(DEMO_SECRET_KEY.length, 32);
    assert.equal((await emu.get("/v4/region/get-zones", query)).envelope().statusCode, 800);
    const second = await emu.get("/v4/region/get-zones", query, { sign: { accessKey: "secondaccesskey00000000000000001", secretKey: "secondsecretkey00000000000000001" } });
    assert.equal(second.status, 200);
  });

  it("answers a bad signature with HTTP 403 and a JSON envelope", async () => {
    const res = await emu.get("/v4/region/get-zones", query, { sign: { accessKey: DEMO_ACCESS_KEY, secretKey: "wrongsecretkey000000000000000000" } });
    assert.equal(res.status, 403);
    const envelope = res.envelope();
    assert.deepEqual(envelope, {
      statusCode: 900,
      errorCode: "Openapi.Auth.SignatureDoesNotMatch",
      error: "Openapi.Auth.SignatureDoesNotMatch",
      message: "the request signature does not match the signature computed by the server",
      description: "鉴权失败: the request signature does not match the signature computed by the server",
      returnObj: null,
    });
  });

  it("answers an unknown access key like a bad signature (403), a missing header with 401", async () => {
    const unknown = await emu.get("/v4/region/get-zones", query, { sign: { accessKey: "nobodyaccesskey00000000000000001", secretKey: DEMO_SECRET_KEY } });
    assert.equal(unknown.status, 403);
    assert.equal(unknown.envelope().errorCode, "Openapi.Auth.SignatureDoesNotMatch");
    const unsigned = await emu.get("/v4/region/get-zones", query, { sign: false });
    assert.equal(unsigned.status, 401);
    assert.equal(unsigned.envelope().errorCode, "Openapi.Auth.MissingHeader");
    assert.equal(typeof unsigned.envelope().statusCode, "number");
  });

  it("rejects an expired eop-date against the emulator clock, accepts UTC+8 inside the window, refuses UTC saying why", async () => {
    const now = new Date(emu.clock.now());
    const beijing = await emu.get("/v4/region/get-zones", query, { eopDate: formatEopDate(now, 8 * 60) });
    assert.equal(beijing.status, 200);
    const utc = await emu.get("/v4/region/get-zones", query, { eopDate: formatEopDate(now, 0) });
    assert.equal(utc.status, 403);
    assert.match(utc.envelope().message, /read as Beijing time \(UTC\+8\) is 480 min behind the gateway's clock, outside the ±15 min window \(it is UTC: eop-date must be Beijing time, UTC\+8; CTyun's SDKs send the host's local time, so run them with TZ=Asia\/Shanghai\)$/);
    const stale = await emu.get("/v4/region/get-zones", query, { eopDate: formatEopDate(new Date(now.getTime() - 20 * 60_000), 0) });
    assert.equal(stale.status, 403);
    assert.equal(stale.envelope().errorCode, "Openapi.Auth.RequestExpired");
  });

  it("does not reject a repeated request id (TF resends the identical request once)", async () => {
    const first = await emu.get("/v4/region/get-zones", query, { requestId: "0b6e6a4c-1111-4c1c-9a8b-2f1e3d4c5b6a" });
    const second = await emu.get("/v4/region/get-zones", query, { requestId: "0b6e6a4c-1111-4c1c-9a8b-2f1e3d4c5b6a" });
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    assert.equal(second.headers["ctyun-eop-request-id"], "0b6e6a4c-1111-4c1c-9a8b-2f1e3d4c5b6a");
  });

  it("accepts a GWDOC-style (RFC 3986, %20) query sent and signed as such", async () => {
    const res = await emu.call("GET", "/v4/region/list-regions", {
      query: [["regionName", "华东 1"]],
      headers: {},
    });
    assert.equal(res.status, 200, "Go-style + encoding verifies");
    // Build the RFC 3986 spelling by hand and sign that exact string.
    const { signCanonical } = await import("../../provider/client/signer");
    const raw = "regionName=%E5%8D%8E%E4%B8%9C%201";
    const headers = signCanonical({ accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY, canonicalQuery: raw, body: "", requestId: "r-1", eopDate: formatEopDate(new Date(emu.clock.now())) });
    const response = await emu.app.handle({ method: "GET", url: `/v4/region/list-regions?${raw}`, headers: { ...headers } });
    assert.equal(response.status, 200);
  });
});

describe("emulator with signature verification disabled", () => {
  const emu = useEmulator({ transport: "in-process", emulator: { signature: { verify: false } } });
  it("accepts unsigned requests", async () => {
    const res = await emu.get("/v4/region/get-zones", { regionID: REGION_HUADONG1 }, { sign: false });
    assert.equal(res.status, 200);
    assert.equal(res.envelope().statusCode, 800);
  });
});
