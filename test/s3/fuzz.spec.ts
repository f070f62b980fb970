/**
 * Hostile input never breaks the ZOS S3 data plane (issue 16, as the route fuzzer does for the EOP
 * gateway): seeded requests through a real socket, signed with SigV4 for exactly what they carry
 * (so they reach the handlers) unless the case breaks the signature on purpose. They aim at every
 * sub-resource (uploads, parts, tagging, acl, versioning, versions, batch delete, listings, copy,
 * ranges and conditionals) with malformed XML, entity tricks, random bytes, broken chunked
 * streams, unicode and oversized keys, broken escapes and odd headers.
 *
 * Every answer must come within 10 s and never be a 5xx other than S3's own 501 NotImplemented (its
 * answer for what it does not offer: bucket writes, which the emulator takes through the ZOS API
 * only, and bucket sub-resources); every refusal must be S3's XML error document with a request id
 * and must leave the emulator's state exactly as it was; the emulator must report no unexpected
 * error and still be healthy at the end.
 *
 * `CTYUN_FUZZ_SEED=<n>` draws another sequence; `CTYUN_S3_FUZZ_RUNS=<n>` requests (default 600).
 */
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { request as httpRequest, Agent } from "node:http";
import { CreateMultipartUploadCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import fc from "fast-check";
import { sha256Hex, signingKey, uriEncode } from "../../emulator/services/zos/s3/sigv4";
import { useEmulator } from "../helpers/emulator";
import { createBucket, s3Client, zosAccess, type ZosAccess } from "../helpers/s3";

const SEED = Number(process.env["CTYUN_FUZZ_SEED"] ?? "16");
const RUNS = Number(process.env["CTYUN_S3_FUZZ_RUNS"] ?? "600");
const BUCKET = "fuzz";

/** Printable ASCII (what node's client lets through as a header value), empty and long. */
const headerText = fc.oneof(
  fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, "?")),
  fc.constantFrom("", " ", "*", "-1", "0", "99999999999999999999", "bytes=", "a".repeat(3000), "%zz", "\"etag\"", "Wed, 21 Oct 2015 07:28:00 GMT", "not a date"),
);
const keyText = fc.oneof(
  fc.constantFrom("a", "dir/b.txt", "x".repeat(1100), "%", "..", "../../etc/passwd", "a b", "😀🎉", "\u0000", "\ud800", "名字", "\u202Eevil", "a//b", "/", "?", "#"),
  fc.string({ maxLength: 20 }),
);
const queryText = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("", "-1", "0", "1001", "abc", "10001", "%", "😀", "a".repeat(2000)));

type Subresource = [string, string][];
const subresource: fc.Arbitrary<Subresource> = fc.oneof(
  fc.constant<Subresource>([]),
  fc.constant<Subresource>([["uploads", ""]]),
  fc.tuple(queryText, queryText).map(([id, n]): Subresource => [["uploadId", id], ["partNumber", n]]),
  queryText.map((id): Subresource => [["uploadId", id]]),
  fc.constantFrom<Subresource>([["tagging", ""]], [["acl", ""]], [["versioning", ""]], [["versions", ""]], [["delete", ""]], [["location", ""]]),
  fc.tuple(queryText, queryText, queryText).map(([max, token, prefix]): Subresource => [["list-type", "2"], ["max-keys", max], ["continuation-token", token], ["prefix", prefix]]),
  fc.tuple(queryText, queryText).map(([prefix, delimiter]): Subresource => [["prefix", prefix], ["delimiter", delimiter], ["marker", prefix]]),
  queryText.map((v): Subresource => [["versionId", v]]),
  fc.array(fc.tuple(fc.string({ maxLength: 8 }), queryText), { maxLength: 3 }),
);

const xml = fc.constantFrom(
  "<Tagging><TagSet><Tag><Key>a</Key>",
  "<Tagging><TagSet>" + "<Tag><Key>k</Key><Value>v</Value></Tag>".repeat(11) + "</TagSet></Tagging>",
  "<?xml version=\"1.0\"?><Delete><Object><Key></Key></Object></Delete>",
  "<Delete>" + "<Object><Key>k</Key></Object>".repeat(1001) + "</Delete>",
  "<CompleteMultipartUpload><Part><PartNumber>x</PartNumber><ETag>y</ETag></Part></CompleteMultipartUpload>",
  "<CompleteMultipartUpload><Part><PartNumber>2</PartNumber></Part><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>",
  "<VersioningConfiguration><Status>Sometimes</Status></VersioningConfiguration>",
  "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><Tagging>&b;&b;&b;</Tagging>",
  "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Tagging><TagSet><Tag><Key>&e;</Key><Value>v</Value></Tag></TagSet></Tagging>",
  "<a>".repeat(20_000),
  "<AccessControlPolicy><AccessControlList><Grant/></AccessControlList></AccessControlPolicy>",
);
const payload = fc.oneof(
  { weight: 3, arbitrary: xml.map((text) => Buffer.from(text)) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)) },
  { weight: 2, arbitrary: fc.constant(Buffer.alloc(0)) },
  { weight: 1, arbitrary: fc.constantFrom(2 * 1024 * 1024, 5 * 1024 * 1024 + 1).map((size) => Buffer.alloc(size, 0x61)) },
);

const HEADER_NAMES = ["range", "if-match", "if-none-match", "if-modified-since", "if-unmodified-since", "x-amz-copy-source", "x-amz-copy-source-range", "x-amz-tagging", "content-md5", "x-amz-acl", "x-amz-meta-fuzz", "x-amz-checksum-crc32", "x-amz-sdk-checksum-algorithm", "content-type", "x-amz-metadata-directive", "x-amz-decoded-content-length", "x-amz-bypass-governance-retention"];
const extraHeaders = fc.dictionary(fc.constantFrom(...HEADER_NAMES), fc.oneof(headerText, fc.constantFrom("bytes=0-", "bytes=-1", "bytes=5-2", "bytes=a-b", "items=0-1", "bytes=0-1,3-4", `/${BUCKET}/a`, "fuzz/missing", "/other/x?versionId=zz", "a=b&&=", "1B2M2Y8AsgTpgAmY7PhCfg==", "public-read", "COPY", "MD7", "zz==")), { maxKeys: 3 });

type Signing = "signed" | "unsigned" | "bad-signature" | "unknown-key" | "skewed" | "streaming-garbage" | "unsigned-payload" | "presigned-garbage" | "claimed-hash-mismatch";
const signing = fc.oneof({ weight: 6, arbitrary: fc.constant<Signing>("signed") }, { weight: 4, arbitrary: fc.constantFrom<Signing>("unsigned", "bad-signature", "unknown-key", "skewed", "streaming-garbage", "unsigned-payload", "presigned-garbage", "claimed-hash-mismatch") });

interface FuzzCase {
  readonly method: string;
  readonly target: "service" | "bucket" | "object" | "other-bucket" | "raw";
  readonly key: string;
  readonly query: Subresource;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  readonly signing: Signing;
}

const fuzzCase: fc.Arbitrary<FuzzCase> = fc.record({
  method: fc.constantFrom("GET", "PUT", "POST", "DELETE", "HEAD", "PUT", "POST"),
  target: fc.constantFrom<FuzzCase["target"]>("service", "bucket", "object", "object", "object", "other-bucket", "raw"),
  key: keyText,
  query: subresource,
  headers: extraHeaders,
  body: payload,
  signing,
});

/** The path as a client would send it: each key segment percent-encoded, or raw broken escapes. */
function pathOf(c: FuzzCase): string {
  const key = [...Buffer.from(c.key, "utf8")].map((b) => (b === 0x2f || /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`)).join("");
  switch (c.target) {
    case "service":
      return "/_s3/";
    case "bucket":
      return `/_s3/${BUCKET}`;
    case "other-bucket":
      return `/_s3/no-such-bucket-${c.key.length}/${key}`;
    case "raw":
      return `/_s3/${BUCKET}/%zz%E6%B5/${key}`;
    default:
      return `/_s3/${BUCKET}/${key}`;
  }
}

const amzDateOf = (ms: number) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, "");

/** Headers (and query) for `c`, signed with SigV4 the way the AWS SDK signs path-style requests. */
function signedRequest(c: FuzzCase, access: ZosAccess, host: string, now: number): { path: string; headers: Record<string, string> } {
  const path = pathOf(c);
  const query = c.query.map(([k, v]) => `${uriEncode(k)}=${uriEncode(v)}`).join("&");
  const when = c.signing === "skewed" ? now - 20 * 60_000 : now;
  const amzDate = amzDateOf(when);
  const date = amzDate.slice(0, 8);
  const sent = c.method === "GET" || c.method === "HEAD" ? Buffer.alloc(0) : c.body;
  const payloadHash =
    c.signing === "streaming-garbage" ? "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" : c.signing === "unsigned-payload" ? "UNSIGNED-PAYLOAD" : c.signing === "claimed-hash-mismatch" ? sha256Hex("other") : sha256Hex(sent);
  const headers: Record<string, string> = { ...c.headers, host, "x-amz-date": amzDate, "x-amz-content-sha256": payloadHash };
  if (c.signing === "streaming-garbage") headers["content-encoding"] = "aws-chunked";
  if (c.signing === "presigned-garbage") {
    const garbage = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=%2F%2F&X-Amz-Date=zz&X-Amz-Expires=-5&X-Amz-SignedHeaders=host&X-Amz-Signature=00";
    return { path: `${path}?${query === "" ? garbage : `${query}&${garbage}`}`, headers: { host, ...c.headers } };
  }
  if (c.signing === "unsigned") return { path: query === "" ? path : `${path}?${query}`, headers };
  const names = Object.keys(headers).map((n) => n.toLowerCase()).sort();
  const canonicalQuery = c.query.map(([k, v]) => [uriEncode(k), uriEncode(v)] as const).sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join("&");
  const canonical = [c.method, path, canonicalQuery, names.map((n) => `${n}:${(headers[n] ?? "").trim().replace(/\s+/g, " ")}\n`).join(""), names.join(";"), payloadHash].join("\n");
  const scope = `${date}/us-east-1/s3/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonical)].join("\n");
  const secret = c.signing === "bad-signature" ? `${access.secretAccessKey}x` : access.secretAccessKey;
  const accessKey = c.signing === "unknown-key" ? "NOBODY0000000000KEY1" : access.accessKeyId;
  const signature = createHmac("sha256", signingKey(secret, date, "us-east-1", "s3")).update(stringToSign).digest("hex");
  headers["authorization"] = `AWS4-HMAC-SHA256 Credential=${accessKey}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`;
  return { path: query === "" ? path : `${path}?${query}`, headers };
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

function send(base: string, agent: Agent, method: string, path: string, headers: Record<string, string>, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // The path goes as it is (a URL object would resolve `..` segments away).
    const { hostname, port } = new URL(base);
    const sent = method === "GET" || method === "HEAD" ? Buffer.alloc(0) : body;
    const req = httpRequest({ hostname, port, path, method, headers: { ...headers, "content-length": String(sent.length) }, agent, timeout: 10_000 }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within 10 s: ${method} ${path.slice(0, 200)}`)));
    req.on("error", reject);
    req.end(sent);
  });
}

describe("fuzz: the ZOS S3 data plane answers hostile requests with S3 errors, never a 5xx, and refusals change nothing", function () {
  this.timeout(300_000);
  const unexpected: unknown[] = [];
  const emu = useEmulator({ emulator: { onUnexpectedError: (error) => unexpected.push(error) } });
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const tally = { requests: 0, accepted: 0, refused: new Map<string, number>() };

  after(() => {
    agent.destroy();
    const refused = [...tally.refused].sort(([, a], [, b]) => b - a).slice(0, 8).map(([code, n]) => `${n} ${code}`).join(", ");
    // eslint-disable-next-line no-console
    console.log(`      S3 fuzz (seed ${SEED}): ${tally.requests} requests, ${tally.accepted} accepted; refused most as ${refused}`);
  });

  it(`sends ${RUNS} hostile requests (seed ${SEED})`, async () => {
    const access = await zosAccess(emu);
    await createBucket(emu, BUCKET);
    const s3 = s3Client(emu, access);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "a", Body: "0123456789" }));
    await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: "big" }));
    const base = new URL(access.endpoint);
    const state = async () => (await fetch(`${emu.url}/_emulator/state`)).text();
    let before = await state();
    let previous = "none";

    await fc.assert(
      fc.asyncProperty(fuzzCase, async (c) => {
        const { path, headers } = signedRequest(c, access, base.host, emu.clock.now());
        const what = `${c.method} ${path.slice(0, 160)} (${c.signing}, headers ${JSON.stringify(c.headers).slice(0, 200)}, body ${c.body.length} B: ${JSON.stringify(c.body.subarray(0, 60).toString())})`;
        const answer = await send(base.origin, agent, c.method, path, headers, c.body).catch((error: unknown) => {
          throw new Error(`${what}: ${String(error)} (the request before: ${previous})`);
        });
        previous = `${what} -> HTTP ${answer.status} ${answer.headers["connection"] ?? ""}`;
        tally.requests += 1;
        const notImplemented = answer.status === 501 && (c.method === "HEAD" || answer.text.includes("<Code>NotImplemented</Code>"));
        assert.ok(answer.status > 0 && (answer.status < 500 || notImplemented), `${what}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
        assert.ok(answer.headers["x-amz-request-id"], `${what}: no x-amz-request-id`);
        if (answer.status < 300) {
          tally.accepted += 1;
          before = await state();
          return;
        }
        if (c.method !== "HEAD" && answer.status !== 304) {
          const code = /<Error>[\s\S]*<Code>([^<]+)<\/Code>[\s\S]*<RequestId>[^<]+<\/RequestId>/.exec(answer.text)?.[1];
          assert.ok(code, `${what}: HTTP ${answer.status} without S3's error document: ${answer.text.slice(0, 300)}`);
          tally.refused.set(code, (tally.refused.get(code) ?? 0) + 1);
        }
        assert.equal(await state(), before, `${what} was refused (HTTP ${answer.status}) but changed the state`);
      }),
      // The case is in the assertion's message; fast-check's own dump of it would print megabytes.
      { seed: SEED, numRuns: RUNS, endOnFailure: true, reporter: (details) => { if (details.failed) throw details.errorInstance; } },
    );
    assert.ok(tally.accepted > 0 && tally.refused.size >= 10, `the fuzz reaches the handlers: ${tally.accepted} accepted, ${tally.refused.size} distinct refusals`);
    assert.equal((await fetch(`${emu.url}/_emulator/health`)).status, 200);
    assert.deepEqual(unexpected, [], "the emulator reported unexpected errors");
  });
});
