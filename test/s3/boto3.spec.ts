/**
 * The ZOS S3 data plane driven by Python's boto3 (pinned in test/conformance/python/requirements.txt,
 * installed in the conformance venv): a second real S3 client besides the AWS SDK for JavaScript, with
 * its own signer, paginator and multipart transfer manager. Set CTYUN_CONFORMANCE=skip to skip.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { startEmulator, type RunningEmulator } from "../../emulator/index";
import { REGION_HUADONG1 } from "../helpers/emulator";
import { ensurePythonSdks } from "../conformance/toolchain";

const run = promisify(execFile);

(process.env["CTYUN_CONFORMANCE"] === "skip" ? describe.skip : describe)("ZOS S3 data plane (boto3)", function () {
  this.timeout(10 * 60_000);
  let emulator: RunningEmulator;

  before(async () => {
    // boto3 signs with the real clock: the emulator runs on real time. The EOP calls that set the
    // scene go unsigned; the S3 data plane checks boto3's SigV4 as always.
    emulator = await startEmulator({ port: 0, profile: "fast", signature: { verify: false } });
  });
  after(() => emulator?.close());

  it("passes every boto3 check: objects, ranges, multipart, 1,050-key listing, copy, tags, conditionals, presigned URLs", async () => {
    const python = ensurePythonSdks();
    const call = async (path: string, body?: object): Promise<unknown> => {
      const init = body ? { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {};
      const envelope = (await (await fetch(`${emulator.url}${path}`, init)).json()) as { statusCode: number; returnObj: unknown };
      assert.equal(envelope.statusCode, 800, `${path}: ${JSON.stringify(envelope)}`);
      return envelope.returnObj;
    };
    await call("/v4/oss/create-bucket", { regionID: REGION_HUADONG1, bucket: "boto3-checks" });
    const endpoint = ((await call(`/v4/oss/get-endpoint?regionID=${REGION_HUADONG1}`)) as { internetEndpoint: string[] }).internetEndpoint[0]!;
    const keys = ((await call(`/v4/oss/get-keys?regionID=${REGION_HUADONG1}`)) as Array<{ accessKey: string; secretKey: string }>)[0]!;
    const { stdout } = await run(python, [join(__dirname, "boto3_scenarios.py"), endpoint, keys.accessKey, keys.secretKey, "boto3-checks"], { maxBuffer: 16 * 1024 * 1024 });
    const results = stdout.trim().split("\n").map((line) => JSON.parse(line) as { check: string; ok: boolean; detail: string });
    assert.equal(results.length, 7, "every check ran");
    assert.deepEqual(results.filter((r) => !r.ok).map((r) => `${r.check}: ${r.detail}`), []);
  });
});
