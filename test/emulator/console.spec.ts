/**
 * The emulator console in a real headless browser (Debian's chromium, driven by playwright-core):
 * it loads without console errors, shows a VPC created through the API within 2 s, nests its
 * subnet, marks an injected fault in the request log, and a screenshot is kept (artifacts/).
 * Without chromium the suite is skipped, unless CTYUN_BROWSER_REQUIRED=1 (CI), which fails it.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { startEmulator, DEMO_ACCESS_KEY, DEMO_SECRET_KEY, type RunningEmulator } from "../../emulator/index";
import { createClient } from "../../provider/client/client";
import { CreateSubnet } from "../../provider/client/operations/subnet";
import { CreateVpc, QueryVpc } from "../../provider/client/operations/vpc";
import { REGION_HUADONG1 } from "../helpers/emulator";

const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const ARTIFACTS = process.env["CTYUN_ARTIFACTS_DIR"] ?? join(__dirname, "..", "..", "artifacts");
/** The flags a sandboxed, offline, root CI machine needs (no sandbox, no background networking). */
const FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

describe("the emulator console in a browser", function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      if (process.env["CTYUN_BROWSER_REQUIRED"] === "1") throw new Error(`CTYUN_BROWSER_REQUIRED=1 but there is no chromium at ${CHROMIUM} (apt-get install chromium)`);
      this.skip();
    }
    emulator = await startEmulator({ port: 0, profile: "fast" });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
  });

  after(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it("loads without errors, then shows a VPC created through the API within 2 s, with its subnet", async () => {
    await page.goto(`${emulator.url}/_emulator/console`);
    await page.waitForSelector('section[data-section="Regions"] td', { timeout: 5_000 });
    const client = createClient({ credentials: { accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY }, endpoint: emulator.url });
    try {
      const { vpcID } = await client.send(CreateVpc, { regionID: REGION_HUADONG1, name: "console-vpc", CIDR: "10.60.0.0/16", description: "", enableIpv6: false });
      const started = Date.now();
      await page.waitForSelector(`tr[data-vpc="${vpcID}"]`, { timeout: 2_000 });
      assert.ok(Date.now() - started <= 2_000);
      assert.equal(await page.textContent(`tr[data-vpc="${vpcID}"] td:nth-child(2)`), "console-vpc");
      const { subnetID } = await client.send(CreateSubnet, { regionID: REGION_HUADONG1, vpcID, name: "console-subnet", CIDR: "10.60.1.0/24", description: "", enableIpv6: false, dnsList: ["114.114.114.114"], subnetType: "common" });
      await page.waitForSelector(`tr.child >> text=${subnetID}`, { timeout: 2_000 });
    } finally {
      client.close();
    }
    assert.deepEqual(errors, []);
  });

  it("marks an injected fault in the live request log", async () => {
    await fetch(`${emulator.url}/_emulator/faults`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ path: "/v4/vpc/query", kind: "http", status: 503, times: 1 }) });
    const client = createClient({ credentials: { accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY }, endpoint: emulator.url, retry: { maxAttempts: 1 } });
    await client.send(QueryVpc, { regionID: REGION_HUADONG1, vpcID: "vpc-0000000000" }).catch(() => undefined);
    client.close();
    const fault = await page.waitForSelector('section[data-section^="Requests"] td.fault', { timeout: 2_000 });
    assert.match((await fault.textContent()) ?? "", /http/);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "console.png"), fullPage: true });
    assert.deepEqual(errors, []);
  });
});
