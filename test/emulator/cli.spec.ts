/** CLI flags and env parsing, and the real `ctyun-emulator` process: ready line, credentials, SIGTERM. */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { canonicalQuery } from "../../provider/client/canonical";
import { signRequest } from "../../provider/client/signer";
import { CREDENTIALS_ENV, parseCliArgs, resolveSettings, UsageError } from "../../emulator/settings";
import { DEMO_ACCESS_KEY } from "../../emulator/index";
import { REGION_HUADONG1 } from "../helpers/emulator";

describe("emulator settings", () => {
  it("parses every CLI flag", () => {
    const config = parseCliArgs(
      ["--host", "0.0.0.0", "--port=8443", "--data-dir", "/tmp/x", "--credentials", "AK1:SK1", "--credentials=AK2:S:K2", "--profile", "fast",
        "--no-verify-signatures", "--signature-window-minutes", "60", "--seed", "7", "--log-requests", "--no-demo-credentials", "--unknown-codes", "first"],
      {},
    );
    assert.equal(config.host, "0.0.0.0");
    assert.equal(config.port, 8443);
    assert.equal(config.logRequests, true);
    assert.deepEqual(config.options, {
      dataDir: "/tmp/x",
      seed: "7",
      credentials: [{ accessKey: "AK1", secretKey: "SK1" }, { accessKey: "AK2", secretKey: "S:K2" }],
      demoCredentials: false,
      signature: { verify: false, windowMinutes: 60 },
      profile: "fast",
      unknownCodes: "first",
    });
  });

  it("defaults to 127.0.0.1, the documented port 8600, memory, realistic timing and verified signatures", () => {
    const config = parseCliArgs([], {});
    assert.equal(config.host, "127.0.0.1");
    assert.equal(config.port, 8600);
    assert.equal(parseCliArgs(["--port", "0"], {}).port, 0, "0 asks for an ephemeral port");
    const settings = resolveSettings(config.options);
    assert.deepEqual(settings.location, { kind: "memory" });
    assert.equal(settings.profile, "realistic");
    assert.deepEqual(settings.signature, { verify: true, windowMinutes: 15 });
    assert.deepEqual([...settings.credentials.keys()], [DEMO_ACCESS_KEY]);
  });

  it("reads extra credentials from CTYUN_EMULATOR_CREDENTIALS", () => {
    const config = parseCliArgs(["--credentials", "C:D"], { [CREDENTIALS_ENV]: "A:B, E:F" });
    assert.deepEqual(config.options.credentials, [{ accessKey: "A", secretKey: "B" }, { accessKey: "E", secretKey: "F" }, { accessKey: "C", secretKey: "D" }]);
  });

  it("rejects bad flags with a UsageError", () => {
    assert.throws(() => parseCliArgs(["--port", "http"], {}), UsageError);
    assert.throws(() => parseCliArgs(["--profile", "slow"], {}), UsageError);
    assert.throws(() => parseCliArgs(["--data-dir", "/x", "--in-memory"], {}), UsageError);
    assert.throws(() => parseCliArgs(["--frobnicate"], {}), /unknown option --frobnicate/);
    assert.throws(() => parseCliArgs(["--credentials", "no-colon"], {}), /AK:SK/);
  });
});

describe("ctyun-emulator process", function () {
  this.timeout(30_000);
  let child: ChildProcess | undefined;

  afterEach(() => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
  });

  it("prints exactly 'listening on http://HOST:PORT', serves signed requests, and exits 0 on SIGTERM", async () => {
    child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", join(__dirname, "../../emulator/cli.ts"), "--port", "0", "--in-memory"], {
      cwd: join(__dirname, "../.."),
      env: { ...process.env, [CREDENTIALS_ENV]: "envaccesskey00000000000000000001:envsecretkey00000000000000000001" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let banner = "";
    child.stderr!.on("data", (chunk: Buffer) => (banner += chunk.toString("utf8")));
    const line = await new Promise<string>((resolve, reject) => {
      let out = "";
      child!.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString("utf8");
        if (out.includes("\n")) resolve(out);
      });
      child!.once("exit", (code) => reject(new Error(`exited early with ${code}`)));
    });
    const match = /^listening on (http:\/\/127\.0\.0\.1:(\d+))\n$/.exec(line);
    assert.ok(match, `unexpected ready line ${JSON.stringify(line)}`);
    const query: Array<[string, string]> = [["regionID", REGION_HUADONG1]];
    const headers = signRequest({ accessKey: "envaccesskey00000000000000000001", secretKey: "envsecretkey00000000000000000001", query, body: "" });
    const res = await fetch(`${match[1]}/v4/region/get-zones?${canonicalQuery(query)}`, { headers: { ...headers } });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { statusCode: number }).statusCode, 800);
    // The banner tells a newcomer how to point a stack at it (on stderr: stdout is the ready line).
    for (const expected of [
      `pulumi config set ctyun:endpoint ${match[1]}`,
      `pulumi config set --secret ctyun:accessKey ${DEMO_ACCESS_KEY}`,
      `pulumi config set ctyun:regionId ${REGION_HUADONG1}`,
      "pulumi config set ctyun:azName cn-huadong1-jsnj1A-public-ctcloud",
    ]) {
      assert.ok(banner.includes(expected), `the banner says ${JSON.stringify(expected)}:\n${banner}`);
    }
    const exit = new Promise<number | null>((resolve) => child!.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    assert.equal(await exit, 0);
  });
});
