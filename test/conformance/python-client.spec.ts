import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY, startEmulator, type RunningEmulator } from "../../emulator/index";
import { REGION_HUADONG1 } from "../helpers/emulator";

const run = promisify(execFile);

describe("conformance: an independent Python client signs and calls the emulator", () => {
  let emulator: RunningEmulator;
  // The Python client signs with the real clock, so this emulator runs on real time.
  before(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  after(() => emulator.close());

  it("creates, reads and deletes a VPC, and is refused with a wrong secret", async () => {
    const { stdout } = await run("python3", [join(__dirname, "eop_client.py"), emulator.url, DEMO_ACCESS_KEY, DEMO_SECRET_KEY, REGION_HUADONG1]);
    const steps = stdout.trim().split("\n").map((line) => JSON.parse(line) as { step: string; http: number; statusCode: number; errorCode: string; returnObj: Record<string, unknown> | null });
    assert.deepEqual(steps.map((s) => [s.step, s.http, s.statusCode, s.errorCode]), [
      ["create", 200, 800, "SUCCESS"],
      ["query", 200, 800, "SUCCESS"],
      ["delete", 200, 800, "SUCCESS"],
      ["query-after-delete", 200, 900, "Openapi.Vpc.NotFound"],
      ["bad-signature", 403, 900, "Openapi.Auth.SignatureDoesNotMatch"],
    ]);
    const vpc = steps[1]?.returnObj ?? {};
    assert.equal(vpc["vpcID"], steps[0]?.returnObj?.["vpcID"]);
    assert.equal(vpc["CIDR"], "10.77.0.0/16");
    assert.equal(vpc["description"], "created by an independent client 测试");
  });
});
