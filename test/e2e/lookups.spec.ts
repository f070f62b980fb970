/**
 * Lookups and `get` with the real engine: a program reads a VPC another team manages, finds it by
 * name, builds in it, and picks a flavor by shape — in preview and up; refresh keeps the read VPC
 * current; destroy leaves it alone. And the README's first program, run exactly as written.
 */
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "../../provider/client/client";
import { CreateVpc } from "../../provider/client/operations/vpc";
import { ACCESS_KEY, REGION_ID, SECRET_KEY, changes, describeE2E, exportedState, stateResource, timed, type StackSettings } from "./harness";
import { REPO_ROOT } from "../../tools/demo/engine";

const FIXTURE = join(__dirname, "fixtures", "lookups");

describeE2E("lookups and get", (e2e) => {
  const suite = "lookups";

  it("reads another team's VPC, finds it by name, builds in it, and leaves it alone on destroy", async () => {
    const client = createClient({ credentials: { accessKey: ACCESS_KEY, secretKey: SECRET_KEY }, endpoint: e2e().emulator.url });
    const { vpcID } = await client.send(CreateVpc, { regionID: REGION_ID, name: "team-shared", CIDR: "10.50.0.0/16", description: "owned by the network team", enableIpv6: false });
    client.close();
    const stack = await e2e().programStack("ctyun-e2e-lookups", FIXTURE, "dev", { sharedVpcId: vpcID });
    const preview = await timed(suite, "preview", () => stack.preview());
    assert.deepEqual(preview.changeSummary, { create: 2 }, "preview plans the stack and the subnet only");
    await timed(suite, "up", () => stack.up());
    const out = await stack.outputs();
    assert.deepEqual(
      { cidr: out["sharedCidr"]?.value, description: out["sharedDescription"]?.value, found: out["foundVpcId"]?.value, flavor: out["flavorName"]?.value, zones: out["zoneCount"]?.value },
      { cidr: "10.50.0.0/16", description: "owned by the network team", found: vpcID, flavor: "s7.large.2", zones: 3 },
    );
    await e2e().control.patchResource("vpc", vpcID, { description: "renamed by the network team" });
    const refresh = await timed(suite, "refresh", () => stack.refresh());
    assert.equal(changes(refresh.summary)["update"], 1, "the read VPC is refreshed");
    const read = stateResource((await exportedState(stack)).resources, "Vpc", "shared");
    assert.equal(read.outputs?.["description"], "renamed by the network team", "refresh read the VPC again");
    await timed(suite, "destroy", () => stack.destroy());
    const left = await e2e().resources();
    assert.deepEqual(Object.keys(left), ["vpc"], "the subnet is gone, the VPC another team manages is not");
    assert.equal(left["vpc"]?.[0]?.id, vpcID);
  });
});

/** The first ```lang block after `heading` in the README. */
function readmeBlock(heading: string, lang: string): string {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf(heading));
  const match = new RegExp("```" + lang + "\\n([\\s\\S]*?)```").exec(section);
  if (!match?.[1]) throw new Error(`no ${lang} block after ${heading} in README.md`);
  return match[1];
}

/** `pulumi config set [--secret] key value` lines, as stack settings. */
function configLines(block: string): StackSettings {
  const settings: StackSettings = {};
  for (const line of block.split("\n")) {
    const m = /^pulumi config set (--secret )?(\S+) (?:'([^']*)'|(\S+))\s*$/.exec(line.trim());
    if (m?.[2]) settings[m[2]] = { value: m[3] ?? m[4] ?? "", secret: Boolean(m[1]) };
  }
  return settings;
}

describeE2E("the README's first program", (e2e) => {
  it("runs as written against the emulator", async () => {
    const dir = join(e2e().dir, "readme-program");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "index.ts"), readmeBlock("## Using it", "ts"));
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "readme-program", main: "index.ts" }));
    symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"));
    const settings = configLines(readmeBlock("## Using it", "sh"));
    assert.deepEqual(Object.keys(settings).sort(), ["ctyun:accessKey", "ctyun:azName", "ctyun:endpoint", "ctyun:regionId", "ctyun:secretKey", "vmPassword"]);
    // The one difference: this suite's emulator listens on an ephemeral port, not 8600.
    const stack = await e2e().programStack("readme-program", dir, "dev", { ...settings, "ctyun:endpoint": e2e().emulator.url });
    await timed("readme", "up", () => stack.up());
    const out = await stack.outputs();
    assert.match(String(out["address"]?.value), /^\d+\.\d+\.\d+\.\d+$/);
    assert.equal(out["flavorName"]?.value, "s7.large.2");
    const counts = Object.fromEntries(Object.entries(await e2e().resources()).map(([kind, records]) => [kind, records.length]));
    assert.deepEqual(counts, { vpc: 1, subnet: 1, securityGroup: 1, securityGroupRule: 3, instance: 1, disk: 1, eip: 1 });
    await timed("readme", "destroy", () => stack.destroy());
    assert.deepEqual(await e2e().resources(), {});
  });
});
