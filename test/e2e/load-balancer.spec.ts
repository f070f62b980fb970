/**
 * Load balancing with the real engine: an internal load balancer in front of a VM (health check,
 * target group, target, HTTP listener) and a server certificate, from a program directory. Up, a
 * preview that changes nothing, an in-place update of the target's weight and the listener's name
 * (same ids, nothing replaced), destroy leaving the emulator empty. The certificate's private key,
 * given to the class as a plain string, is stored only encrypted.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { changes, describeE2E, storedBackendText, storedCheckpoint, timed, type E2EContext, type StackSettings, type StateResource } from "./harness";

const FIXTURE = join(__dirname, "fixtures", "load-balancer");
const PROJECT = "ctyun-e2e-load-balancer";
const SUITE = "load-balancer";
/** The key's base64 body: what must never be in the backend's files in clear. */
const KEY_BODY = readFileSync(join(__dirname, "..", "fixtures", "elb-certificates", "server.key"), "utf8").split("\n")[1] as string;
/** The SDK's marker of a secret value in a checkpoint. */
const SECRET_SIG: [string, string] = ["4dabf18193072939515e22adb298388d", "1b47061264138c4ac30d75fd1eb44270"];

async function settings(e2e: E2EContext, targetWeight: number, listenerName: string): Promise<StackSettings> {
  return {
    flavorId: await e2e.catalogId("flavor", "s7.medium.2"),
    imageId: await e2e.catalogId("image", "Ubuntu Server 22.04 64位"),
    password: { value: "Balance#e2e-7x", secret: true },
    targetWeight: String(targetWeight),
    listenerName,
  };
}

/** The ids and data of the emulator's ELB records, by kind. */
async function elbRecords(e2e: E2EContext): Promise<Record<string, Array<{ id: string; data: Record<string, unknown> }>>> {
  const all = await e2e.resources();
  const kinds = ["loadBalancer", "elbListener", "elbTargetGroup", "elbTarget", "elbHealthCheck", "elbCertificate"];
  return Object.fromEntries(kinds.map((kind) => [kind, (all[kind] ?? []).map((r) => ({ id: r.id, data: r.data }))]));
}

function certificateOf(resources: readonly StateResource[]): StateResource {
  const found = resources.find((r) => r.type === "pulumi-nodejs:dynamic/ctyun:Certificate");
  if (!found) throw new Error("no Certificate in the stored checkpoint");
  return found;
}

describeE2E("load balancer in front of a VM", (e2e) => {
  let stack: Stack;
  let before: Awaited<ReturnType<typeof elbRecords>>;

  it("creates the network, the VM and the load balancer with its listener, target group, target and check", async () => {
    stack = await e2e().programStack(PROJECT, FIXTURE, "dev", await settings(e2e(), 100, "http-front"));
    const up = await timed(SUITE, "up (create)", () => stack.up());
    assert.deepEqual(changes(up.summary), { create: 11 }, "the stack and ten resources");
    before = await elbRecords(e2e());
    assert.deepEqual(
      Object.fromEntries(Object.entries(before).map(([kind, records]) => [kind, records.length])),
      { loadBalancer: 1, elbListener: 1, elbTargetGroup: 1, elbTarget: 1, elbHealthCheck: 1, elbCertificate: 1 },
    );
    const [lb, listener, group, target, check] = [before["loadBalancer"]?.[0], before["elbListener"]?.[0], before["elbTargetGroup"]?.[0], before["elbTarget"]?.[0], before["elbHealthCheck"]?.[0]];
    const vm = (await e2e().resources())["instance"]?.[0];
    const outputs = await stack.outputs();
    assert.equal(outputs["loadBalancerId"]?.value, lb?.id);
    assert.deepEqual(
      { listener: [listener?.data["name"], listener?.data["protocol"], listener?.data["protocolPort"], listener?.data["loadBalancerID"]], group: group?.data["healthCheckID"], target: [target?.data["instanceID"], target?.data["protocolPort"], target?.data["weight"]] },
      { listener: ["http-front", "HTTP", 80, lb?.id], group: check?.id, target: [vm?.id, 80, 100] },
    );
  });

  it("stores the certificate's private key only encrypted, though the program passed it in clear", () => {
    const cert = certificateOf(storedCheckpoint(e2e().stateDir, PROJECT, "dev").resources);
    for (const where of ["inputs", "outputs"] as const) {
      const value = cert[where]?.["privateKey"] as Record<string, unknown> | undefined;
      assert.equal(value?.[SECRET_SIG[0]], SECRET_SIG[1], `${where}.privateKey is a secret`);
      assert.equal(typeof value?.["ciphertext"], "string", `${where}.privateKey is encrypted`);
    }
    assert.equal(storedBackendText(e2e().stateDir).includes(KEY_BODY), false, "the key's body is nowhere in the backend's files");
  });

  it("previews no change when nothing changed", async () => {
    await e2e().control.clearRequests();
    const preview = await timed(SUITE, "preview (no change)", () => stack.preview());
    assert.deepEqual(preview.changeSummary, { same: 11 });
    // check may read the cloud (the VM's image and flavor); nothing else is called.
    const notReads = Object.keys(await e2e().control.counts()).filter((op) => !/^(List|Show|Get|Query|Describe)[A-Z]/.test(op));
    assert.deepEqual(notReads, [], "a preview only reads");
  });

  it("updates the target's weight and the listener's name in place", async () => {
    await stack.setAllConfig({ targetWeight: { value: "40" }, listenerName: { value: "http-main" } });
    const up = await timed(SUITE, "up (in-place update)", () => stack.up());
    assert.deepEqual(changes(up.summary), { update: 2, same: 9 });
    const after = await elbRecords(e2e());
    assert.deepEqual(
      Object.fromEntries(Object.entries(after).map(([kind, records]) => [kind, records.map((r) => r.id)])),
      Object.fromEntries(Object.entries(before).map(([kind, records]) => [kind, records.map((r) => r.id)])),
      "the same objects: nothing was replaced",
    );
    assert.deepEqual([after["elbTarget"]?.[0]?.data["weight"], after["elbListener"]?.[0]?.data["name"]], [40, "http-main"]);
  });

  it("destroys everything", async () => {
    await timed(SUITE, "destroy", () => stack.destroy());
    assert.deepEqual(await e2e().resources(), {});
    await stack.workspace.removeStack(stack.name);
  });
});
