/**
 * With the real engine: what one stack's create leaves behind is never another stack's, whatever
 * happened to it; a create cut short (CLI killed, whole tree killed, answers lost) is found before
 * anything new is bought, also when the rerun changed an input; secrets never show in check
 * failures; failed and partial creates say what exists and what the next `pulumi up` does.
 */
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import {
  changes,
  describeE2E,
  eventually,
  exportedState,
  killDuringUp,
  quiet,
  recoverAfterKill,
  seen,
  stateResource,
  timed,
  type E2EContext,
  type StackSettings,
} from "./harness";

const FIXTURE = join(__dirname, "fixtures", "recovery");
const PROJECT = "ctyun-e2e-recovery";

interface Ids {
  readonly vpcId: string;
  readonly eipId: string;
  readonly bucketName: string;
}

async function outputs(stack: Stack): Promise<Ids> {
  const out = await stack.outputs();
  return { vpcId: String(out["vpcId"]?.value), eipId: String(out["eipId"]?.value), bucketName: String(out["bucketName"]?.value) };
}

/** How many VPCs, EIPs and buckets the emulator holds. */
async function counts(e2e: E2EContext): Promise<{ vpc: number; eip: number; bucket: number }> {
  const resources = await e2e.resources();
  return { vpc: (resources["vpc"] ?? []).length, eip: (resources["eip"] ?? []).length, bucket: (resources["bucket"] ?? []).length };
}

/** Everything but the platform's default security groups that go with their VPCs. */
async function leftovers(e2e: E2EContext): Promise<Record<string, number>> {
  return Object.fromEntries(Object.entries(await e2e.resources()).map(([kind, records]) => [kind, records.length]));
}

describeE2E("two stacks of one project, and one stack name in two backends", (e2e) => {
  const suite = "ownership";
  let dev: Stack;
  let prod: Stack;
  let devIds: Ids;

  it("gives each stack its own resources: prod takes over none of dev's", async () => {
    dev = await e2e().programStack(PROJECT, FIXTURE, "dev");
    prod = await e2e().programStack(PROJECT, FIXTURE, "prod");
    await timed(suite, "up dev", () => dev.up());
    devIds = await outputs(dev);
    await timed(suite, "up prod", () => prod.up());
    const prodIds = await outputs(prod);
    for (const key of ["vpcId", "eipId", "bucketName"] as const) assert.notEqual(prodIds[key], devIds[key], `${key} differs between the stacks`);
    assert.deepEqual(await counts(e2e()), { vpc: 2, eip: 2, bucket: 2 });
  });

  it("destroying prod leaves dev's resources, and dev's refresh finds them all", async () => {
    await timed(suite, "destroy prod", () => prod.destroy());
    assert.deepEqual(await counts(e2e()), { vpc: 1, eip: 1, bucket: 1 });
    const refresh = await timed(suite, "refresh dev", () => dev.refresh());
    assert.deepEqual(Object.keys(changes(refresh.summary)), ["same"]);
    assert.deepEqual(await outputs(dev), devIds);
  });

  it("keeps a stack of the same name in another backend apart too", async () => {
    const stateDir = join(e2e().dir, "other-backend");
    mkdirSync(stateDir, { recursive: true });
    const workDir = join(e2e().dir, "projects", `${PROJECT}-dev`);
    const other = await LocalWorkspace.createOrSelectStack(
      { stackName: "dev", workDir },
      { pulumiCommand: e2e().pulumiCommand, envVars: { ...e2e().env, PULUMI_BACKEND_URL: pathToFileURL(stateDir).href }, secretsProvider: "passphrase" },
    );
    await other.setAllConfig(e2e().providerConfig());
    await timed(suite, "up dev (other backend)", () => other.up());
    const otherIds = await outputs(other);
    for (const key of ["vpcId", "eipId", "bucketName"] as const) assert.notEqual(otherIds[key], devIds[key], `${key} differs between the backends`);
    await timed(suite, "destroy dev (other backend)", () => other.destroy());
    await timed(suite, "destroy dev", () => dev.destroy());
    assert.deepEqual(await leftovers(e2e()), {});
  });
});

describeE2E("a create cut short is found before anything new is bought", (e2e) => {
  const suite = "recovery";

  it("CLI killed while the bucket is created (its provider finishes alone): the documented recovery buys no second bucket", async () => {
    const stack = await e2e().programStack(PROJECT, FIXTURE, "cli-kill");
    // Slow the bucket's create down so the kill lands inside it.
    await e2e().control.addFault({ path: "/v4/oss/put-bucket-tagging", kind: "delay", ms: 2_000, times: 1 });
    const { survivors } = await killDuringUp(e2e(), stack, "CLI process group", () => seen(e2e(), "CreateBucket"));
    try {
      await eventually("the orphaned provider to finish the bucket", async () => ((await counts(e2e())).bucket === 1 ? true : undefined));
      await quiet(e2e());
    } finally {
      for (const pid of survivors) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // Gone by now.
        }
      }
    }
    await recoverAfterKill(e2e(), stack, suite);
    assert.deepEqual(await counts(e2e()), { vpc: 1, eip: 1, bucket: 1 }, "one of each, nothing bought twice");
    const bucket = (await e2e().resources())["bucket"]?.[0]?.id;
    assert.equal(stateResource((await exportedState(stack)).resources, "Bucket", "files").id, bucket, "the stack manages that very bucket");
    await timed(suite, "destroy", () => stack.destroy());
    assert.deepEqual(await leftovers(e2e()), {});
  });

  it("whole tree killed mid EIP order, bandwidth changed before the rerun: the order's EIP is taken over and resized", async () => {
    const stack = await e2e().programStack(PROJECT, FIXTURE, "eip-kill");
    await e2e().control.clearRequests();
    await e2e().control.setTiming("order", { mode: "polls", count: 3 });
    await killDuringUp(e2e(), stack, "process tree", () => seen(e2e(), "CreateEip", "QueryOrderUuid"));
    await stack.setConfig("bandwidth", { value: "5" });
    await e2e().control.setTiming("order", { mode: "polls", count: 1 });
    await recoverAfterKill(e2e(), stack, suite);
    const eips = (await e2e().resources())["eip"] ?? [];
    assert.equal(eips.length, 1, "one EIP");
    assert.equal((eips[0]?.data as { bandwidth?: number }).bandwidth, 5, "with the new bandwidth");
    assert.deepEqual(await counts(e2e()), { vpc: 1, eip: 1, bucket: 1 });
    await timed(suite, "destroy", () => stack.destroy());
    assert.deepEqual(await leftovers(e2e()), {});
  });

  it("VPC create answers lost, description changed before the rerun: the VPC is taken over and updated", async () => {
    // Every answer lost: the client retries the create (same clientToken) until its timeout, 20 s here.
    const stack = await e2e().programStack(PROJECT, FIXTURE, "vpc-lost", { vpcCreateTimeout: "20s" });
    await e2e().control.addFault({ path: "/v4/vpc/create", kind: "commit-then-drop" });
    let output = "";
    await assert.rejects(stack.up({ onOutput: (text) => (output += text) }));
    assert.match(output, /The cloud may have received the create: the next `pulumi up` looks for what it made \(same clientToken\) before ordering anything new/);
    await e2e().control.clearFaults();
    await stack.setConfig("vpcDescription", { value: "changed after the crash" });
    await timed(suite, "up (rerun)", () => stack.up());
    const vpcs = (await e2e().resources())["vpc"] ?? [];
    assert.equal(vpcs.length, 1, "one VPC");
    assert.equal((vpcs[0]?.data as { description?: string }).description, "changed after the crash");
    await timed(suite, "destroy", () => stack.destroy());
    assert.deepEqual(await leftovers(e2e()), {});
  });
});

describeE2E("what the engine shows: secrets hidden, failures explained", (e2e) => {
  const suite = "messages";
  let vmSettings: StackSettings = {};

  before(async () => {
    vmSettings = { flavorId: await e2e().catalogId("flavor", "s7.medium.2"), imageId: await e2e().catalogId("image", "Ubuntu Server 22.04 64位") };
  });

  it("never prints a weak plain-string password that check refuses", async () => {
    const stack = await e2e().programStack(PROJECT, FIXTURE, "weak", { ...vmSettings, vmPassword: "plainweak123" });
    let output = "";
    await assert.rejects(stack.preview({ onOutput: (text) => (output += text) }));
    assert.match(output, /password: must contain at least three of: upper-case letters, lower-case letters, digits, special characters \(the value is secret and not shown\)/);
    assert.equal(output.includes("plainweak123"), false, `the preview output shows the password:\n${output}`);
  });

  it("a VM that does not boot: the up names its id and says the next up resumes it, which it does", async () => {
    const stack = await e2e().programStack(PROJECT, FIXTURE, "no-boot", { ...vmSettings, vmPassword: "Strong#Pass42x" });
    await e2e().control.setTiming("boot", { mode: "fail", times: 1 });
    let output = "";
    await assert.rejects(stack.up({ onOutput: (text) => (output += text) }));
    const id = /ctyun:Instance vm was created but is not ready: it exists as ([0-9a-f-]{36}) — /.exec(output)?.[1];
    assert.ok(id, `the output names the VM's id:\n${output}`);
    assert.match(output, /It is recorded in the stack; the next `pulumi up` resumes it\./);
    await timed(suite, "up (resume)", () => stack.up());
    const vms = (await e2e().resources())["instance"] ?? [];
    assert.deepEqual(vms.map((vm) => vm.id), [id], "the same VM, running now");
    await timed(suite, "destroy", () => stack.destroy());
  });

  it("a failed order: the up says nothing was created and the next up orders again, which buys one", async () => {
    const stack = await e2e().programStack(PROJECT, FIXTURE, "order-fails");
    await e2e().control.setTiming("order", { mode: "fail", times: 1 });
    let output = "";
    await assert.rejects(stack.up({ onOutput: (text) => (output += text) }));
    assert.match(output, /order [0-9a-f]{32} ended in status 5 \(provisioning failed; .*\)\. Nothing was created; the next `pulumi up` orders again\./);
    assert.equal((await counts(e2e())).eip, 0);
    await timed(suite, "up (again)", () => stack.up());
    assert.equal((await counts(e2e())).eip, 1);
    await timed(suite, "destroy", () => stack.destroy());
    assert.deepEqual(await leftovers(e2e()), {});
  });
});
