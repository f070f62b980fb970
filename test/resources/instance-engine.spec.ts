/**
 * Instance and KeyPair with the real Pulumi engine (CLI, language host, dynamic-provider process)
 * against the emulator: the password is a secret in state even when the program passes a plain
 * string, in-place updates keep the id, a failed boot is recorded as a partial create (init
 * errors) and the next `up` resumes it, destroy leaves nothing. Skipped without an engine.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { Stack } from "@pulumi/pulumi/automation";
import * as ctyun from "../../provider";
import { changes, describeE2E, exportedState, stateResource, timed } from "../e2e/harness";
import { RSA_2048, RSA_2048_MD5, S7_LARGE, S7_XLARGE, UBUNTU } from "../emulator/fixtures/ecs";

/** A plain (non-secret) string in the program: the Instance class must make it secret itself. */
const PASSWORD = "Engine#Secret42x";
/** Pulumi's marker of a secret value in a checkpoint. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

function program(): void {
  const config = new pulumi.Config();
  const vpc = new ctyun.Vpc("net", { cidr: "10.0.0.0/16" });
  const subnet = new ctyun.Subnet("net", { vpcId: vpc.vpcId, cidr: "10.0.1.0/24" });
  const group = new ctyun.SecurityGroup("web", { vpcId: vpc.vpcId });
  const key = new ctyun.KeyPair("deploy", { publicKey: RSA_2048 });
  const network = { vpcId: vpc.vpcId, subnetId: subnet.subnetId, securityGroupIds: [group.securityGroupId] };
  const web = new ctyun.Instance("web", {
    instanceName: "web-1",
    flavorId: config.get("flavorId") ?? S7_LARGE,
    imageId: UBUNTU,
    password: PASSWORD,
    status: (config.get("status") ?? "running") as "running" | "stopped",
    ...network,
  });
  const ops = new ctyun.Instance("ops", { instanceName: "ops-1", flavorId: S7_LARGE, imageId: UBUNTU, keyPairName: key.name, ...network });
  if (config.getBoolean("extra")) new ctyun.Instance("extra", { instanceName: "extra-1", flavorId: S7_LARGE, imageId: UBUNTU, password: PASSWORD, ...network });
  // Stack outputs as a program would export them.
  Object.assign(exported, { webId: web.instanceId, webIp: web.privateIp, webPassword: web.password, opsKey: ops.keyPairName, fingerPrint: key.fingerPrint });
}
const exported: Record<string, unknown> = {};

/** Every checkpoint file (and backup) under a file:// backend directory. */
function checkpointFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? checkpointFiles(path) : /\.json(\.bak)?$/.test(name) ? [path] : [];
  });
}

describeE2E("Instance and KeyPair with the engine", (e2e) => {
  const suite = "instance";
  let stack: Stack;
  let webId = "";

  it("up creates the VMs; the password is secret in state and in the stack outputs", async () => {
    stack = await e2e().inlineStack("instances", "dev", async () => {
      program();
      return exported;
    });
    const result = await timed(suite, "up (create)", () => stack.up());
    assert.equal(result.summary.result, "succeeded");
    assert.equal(result.outputs["webPassword"]?.secret, true);
    assert.equal(result.outputs["fingerPrint"]?.value, RSA_2048_MD5);
    assert.match(String(result.outputs["webIp"]?.value), /^10\.0\.1\.\d+$/);
    // The checkpoint as stored by the backend (exportStack decrypts secrets, so read the file).
    const stored = checkpointFiles(e2e().stateDir).map((file) => readFileSync(file, "utf8")).join("\n");
    assert.ok(stored.includes("webPassword"), "the stored checkpoint was found");
    assert.equal(stored.includes(PASSWORD), false, "the password is nowhere in the stored checkpoint in plain text");
    const state = await exportedState(stack);
    const web = stateResource(state.resources, "Instance", "web");
    webId = web.id ?? "";
    assert.equal(web.outputs?.["instanceId"], webId);
    assert.equal((web.outputs?.["password"] as Record<string, unknown>)[SECRET_SIG], "1b47061264138c4ac30d75fd1eb44270");
    assert.equal((web.inputs?.["password"] as Record<string, unknown>)[SECRET_SIG], "1b47061264138c4ac30d75fd1eb44270");
    assert.equal(web.outputs?.["status"], "running");
    assert.equal(stateResource(state.resources, "Instance", "ops").outputs?.["keyPairName"], stateResource(state.resources, "KeyPair", "deploy").outputs?.["name"]);
    const vms = (await e2e().resources())["instance"] ?? [];
    assert.equal(vms.length, 2);
  });

  it("previews no changes right after up", async () => {
    const preview = await timed(suite, "preview (expect no changes)", () => stack.preview({ expectNoChanges: true }));
    assert.deepEqual(Object.keys(changes({ resourceChanges: preview.changeSummary })), ["same"], preview.stdout);
  });

  it("changes the flavor and stops the VM in place, keeping its id", async () => {
    await stack.setAllConfig({ flavorId: { value: S7_XLARGE }, status: { value: "stopped" } });
    const result = await timed(suite, "up (flavor + stop)", () => stack.up());
    assert.deepEqual(changes(result.summary)["update"], 1, JSON.stringify(result.summary.resourceChanges));
    const web = stateResource((await exportedState(stack)).resources, "Instance", "web");
    assert.equal(web.id, webId);
    assert.deepEqual([web.outputs?.["flavorName"], web.outputs?.["status"]], ["s7.xlarge.2", "stopped"]);
    const record = await e2e().control.resource("instance", webId);
    assert.deepEqual([record?.data["flavorID"], record?.data["instanceStatus"]], [S7_XLARGE, "stopped"]);
  });

  it("records a VM that failed to boot with init errors, and the next up starts it", async () => {
    await e2e().control.setTiming("boot", { mode: "fail", times: 1 });
    await stack.setConfig("extra", { value: "true" });
    await assert.rejects(timed(suite, "up (boot fails)", () => stack.up()));
    const failed = stateResource((await exportedState(stack)).resources, "Instance", "extra");
    assert.ok(failed.id, "the VM is in state, not leaked");
    assert.equal(failed.initErrors?.length, 1);
    assert.match(failed.initErrors![0]!, /to be running: the instance is stopped/);
    const result = await timed(suite, "up (resume)", () => stack.up());
    assert.equal(result.summary.result, "succeeded");
    const resumed = stateResource((await exportedState(stack)).resources, "Instance", "extra");
    assert.equal(resumed.id, failed.id);
    assert.deepEqual(resumed.initErrors ?? [], []);
    assert.equal(resumed.outputs?.["status"], "running");
    assert.equal(((await e2e().resources())["instance"] ?? []).length, 3, "one VM per Instance, none leaked");
  });

  it("destroy leaves no VM, system disk or key pair behind", async () => {
    await timed(suite, "destroy", () => stack.destroy());
    const left = await e2e().resources();
    for (const kind of ["instance", "disk", "keyPair", "vpc", "subnet"]) assert.deepEqual(left[kind] ?? [], [], `${kind} left behind`);
  });
});
