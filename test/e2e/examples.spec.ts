/**
 * Every example, the way a user drives it, with the real engine against the emulator:
 * up → preview shows no changes → change an updatable and a create-only setting → up (update in
 * place keeps ids; replace gives new ids and deletes the old cloud resources) → someone edits a
 * resource behind Pulumi's back → refresh shows the drift and preview offers to undo it → destroy →
 * the emulator holds nothing.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { ACCESS_KEY, changes, describeE2E, exportedState, SECRET_KEY, stateResource, storedBackendText, storedCheckpoint, timed, type E2EContext, type ExampleName, type StackSettings, type StateResource } from "./harness";

interface Ref {
  /** The resource class, e.g. "Vpc". */
  readonly type: string;
  /** Its logical name in the program. */
  readonly name: string;
  /** Its record kind in the emulator. */
  readonly kind: string;
  /** The output holding its cloud id. */
  readonly idOutput: string;
}

interface Scenario {
  readonly example: ExampleName;
  /** Stack settings of the first up (provider settings are added by the harness). */
  readonly initial?: (e2e: E2EContext) => Promise<StackSettings>;
  /** Emulator record kinds (and how many) right after the first up. */
  readonly created: Record<string, number>;
  /** Stack settings changed for the second up. */
  readonly change: (e2e: E2EContext) => Promise<StackSettings>;
  /** What the second up does: replacements, at least this many updates, creations. */
  readonly expect: { readonly replace: number; readonly minUpdates: number; readonly create?: number };
  /** Emulator record kinds after the second up (default: as after the first). */
  readonly afterChange?: Record<string, number>;
  /** Updated in place by `change`: same id, and the emulator record shows `field` = `value`. */
  readonly inPlace: ReadonlyArray<Ref & { readonly field: string; readonly value: unknown | ((e2e: E2EContext) => Promise<unknown>) }>;
  /** Replaced by `change`: a new id, the old record gone from the emulator. */
  readonly replaced: readonly Ref[];
  /** An out-of-band edit of one record, and the output that shows it after refresh. */
  readonly drift: Ref & { readonly patch: Record<string, unknown>; readonly output: string; readonly value: unknown };
  /** Checks on the stack's outputs after the first up (e.g. a site served anonymously). */
  readonly afterUp?: (outputs: Record<string, unknown>) => Promise<void>;
  /** Secret inputs: encrypted in the state (inputs and outputs), never in plain text. */
  readonly secrets?: ReadonlyArray<{ readonly type: string; readonly name: string; readonly property: string; readonly value: string }>;
}

const vpc = (name: string): Ref => ({ type: "Vpc", name, kind: "vpc", idOutput: "vpcId" });
const subnet = (name: string): Ref => ({ type: "Subnet", name, kind: "subnet", idOutput: "subnetId" });
const securityGroup = (name: string): Ref => ({ type: "SecurityGroup", name, kind: "securityGroup", idOutput: "securityGroupId" });
const rule = (name: string): Ref => ({ type: "SecurityGroupRule", name, kind: "securityGroupRule", idOutput: "securityGroupRuleId" });
const eip = (name: string): Ref => ({ type: "Eip", name, kind: "eip", idOutput: "eipId" });
const instance = (name: string): Ref => ({ type: "Instance", name, kind: "instance", idOutput: "instanceId" });
const bucket = (name: string): Ref => ({ type: "Bucket", name, kind: "bucket", idOutput: "bucketName" });


const WEB_PASSWORD = "Web#Tier-e2e7x";

const CHANGED = "changed by the e2e test";

const SCENARIOS: readonly Scenario[] = [
  {
    example: "static-site",
    // Objects are not records: they live in the bucket's object store (checked through the site itself).
    created: { bucket: 1 },
    change: async () => ({ title: CHANGED, versioning: "true" }),
    // The bucket (versioning) and index.html (new content); the unchanged files are not uploaded again.
    expect: { replace: 0, minUpdates: 2 },
    inPlace: [{ ...bucket("site"), field: "versioning", value: "Enabled" }],
    replaced: [],
    drift: { ...bucket("site"), patch: { ACL: "private" }, output: "acl", value: "private" },
    afterUp: async (outputs) => {
      const page = await fetch(String(outputs["siteUrl"]));
      assert.equal(page.status, 200, "anyone may read the site");
      assert.match(await page.text(), /<h1>Hello from CTyun object storage<\/h1>/);
      const css = await fetch(String(outputs["siteUrl"]).replace(/index\.html$/, "style.css"));
      assert.deepEqual([css.status, css.headers.get("content-type"), css.headers.get("cache-control")], [200, "text/css; charset=utf-8", "max-age=60"]);
    },
  },
  {
    example: "network-only",
    // Each new security group brings two default egress rules.
    created: { vpc: 1, subnet: 2, securityGroup: 1, securityGroupRule: 5 },
    change: async () => ({ description: CHANGED, dataSubnetCidr: "10.0.3.0/24" }),
    expect: { replace: 1, minUpdates: 3 },
    inPlace: [
      { ...vpc("network"), field: "description", value: CHANGED },
      { ...subnet("app"), field: "description", value: CHANGED },
      { ...securityGroup("web"), field: "description", value: CHANGED },
    ],
    replaced: [subnet("data")],
    drift: { ...vpc("network"), patch: { description: "edited in the console" }, output: "description", value: "edited in the console" },
  },
  {
    example: "quickstart",
    created: { vpc: 1, subnet: 2, securityGroup: 1, securityGroupRule: 4, keyPair: 1, instance: 1, eip: 1, disk: 2, bucket: 1 },
    change: async () => ({ description: CHANGED, eipBandwidth: "10", sshCidr: "10.0.0.0/8" }),
    expect: { replace: 1, minUpdates: 4 },
    inPlace: [
      { ...vpc("quickstart"), field: "description", value: CHANGED },
      { ...subnet("public"), field: "description", value: CHANGED },
      { ...eip("quickstart"), field: "bandwidth", value: 10 },
    ],
    replaced: [rule("ssh")],
    // Not `name`: an auto-name is taken from the previous state, so a refreshed rename is kept, as
    // with bridged providers. The description is set by the program, so preview wants it back.
    drift: { ...subnet("private"), patch: { description: "edited in the console" }, output: "description", value: "edited in the console" },
  },
  {
    example: "web-tier",
    initial: async () => ({ webPassword: { value: WEB_PASSWORD, secret: true } }),
    created: { vpc: 1, subnet: 1, securityGroup: 1, securityGroupRule: 5, instance: 2, eip: 2, disk: 2 },
    // A bigger shape for the servers (the lookup picks s7.large.2: in place), a third server, another admin range (a new rule).
    change: async () => ({ description: CHANGED, adminCidr: "192.168.0.0/16", webCount: "3", vmCpu: "2", vmMemoryGb: "4" }),
    expect: { replace: 1, minUpdates: 4, create: 3 },
    afterChange: { vpc: 1, subnet: 1, securityGroup: 1, securityGroupRule: 5, instance: 3, eip: 3, disk: 3 },
    inPlace: [
      { ...vpc("web"), field: "description", value: CHANGED },
      { ...securityGroup("web"), field: "description", value: CHANGED },
      { ...instance("web-1"), field: "flavorID", value: (e2e: E2EContext) => e2e.catalogId("flavor", "s7.large.2") },
      { ...instance("web-2"), field: "flavorID", value: (e2e: E2EContext) => e2e.catalogId("flavor", "s7.large.2") },
    ],
    replaced: [rule("web-ssh")],
    drift: { ...securityGroup("web"), patch: { description: "edited in the console" }, output: "description", value: "edited in the console" },
    secrets: [
      { type: "Instance", name: "web-1", property: "password", value: WEB_PASSWORD },
      { type: "Instance", name: "web-2", property: "password", value: WEB_PASSWORD },
    ],
  },
];

function countByKind(resources: Record<string, unknown[]>): Record<string, number> {
  return Object.fromEntries(Object.entries(resources).map(([kind, records]) => [kind, records.length]));
}

function idOf(resources: readonly StateResource[], ref: Ref): string {
  const found = stateResource(resources, ref.type, ref.name);
  const id = found.outputs?.[ref.idOutput];
  assert.equal(typeof id, "string", `${ref.type} ${ref.name} has no ${ref.idOutput} output`);
  assert.equal(found.id, id, `${ref.type} ${ref.name}: the Pulumi id is its ${ref.idOutput}`);
  return id as string;
}

for (const scenario of SCENARIOS) {
  describeE2E(`${scenario.example} example`, (e2e) => {
    const suite = scenario.example;
    let stack: Stack;
    let before: readonly StateResource[] = [];

    it("up creates every resource", async () => {
      stack = await e2e().exampleStack(scenario.example, "dev", (await scenario.initial?.(e2e())) ?? {});
      const result = await timed(suite, "up (create)", () => stack.up());
      assert.equal(result.summary.result, "succeeded");
      assert.deepEqual(countByKind(await e2e().resources()), scenario.created);
      await scenario.afterUp?.(Object.fromEntries(Object.entries(result.outputs).map(([k, v]) => [k, v.value])));
      before = (await exportedState(stack)).resources;
      for (const resource of before) assert.deepEqual(resource.initErrors ?? [], [], `${resource.urn} has init errors`);
    });

    it("keeps credentials out of the state; the secret key and secret inputs stay encrypted", async () => {
      // What the backend stores (checkpoint, backups, history), not `stack export --show-secrets`.
      const text = storedBackendText(e2e().stateDir);
      const project = (await stack.workspace.projectSettings()).name;
      const { resources } = storedCheckpoint(e2e().stateDir, project, stack.name);
      assert.ok(text.includes(stateResource(resources, scenario.drift.type, scenario.drift.name).id as string), "(the stored state was found)");
      assert.ok(!text.includes(ACCESS_KEY), "the access key is not in the state in plain text");
      assert.ok(!text.includes(SECRET_KEY), "the secret key is not in the state in plain text");
      // `pulumi config set --secret`: only ciphertext in the stack settings file.
      const settings = readFileSync(join(stack.workspace.workDir, `Pulumi.${stack.name}.yaml`), "utf8");
      assert.ok(!settings.includes(SECRET_KEY), "the secret key is not in the stack settings in plain text");
      assert.match(settings, /ctyun:secretKey:\s*\n\s*secure: v1:/, "ctyun:secretKey is stored encrypted");
      const config = await stack.getAllConfig();
      assert.equal(config["ctyun:secretKey"]?.secret, true);
      for (const secret of scenario.secrets ?? []) {
        assert.ok(!text.includes(secret.value), `${secret.type} ${secret.name}: ${secret.property} is not in the state in plain text`);
        const resource = stateResource(resources, secret.type, secret.name);
        for (const [where, bag] of [["inputs", resource.inputs], ["outputs", resource.outputs]] as const) {
          const value = bag?.[secret.property] as Record<string, unknown> | undefined;
          assert.equal(value?.["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270", `${secret.type} ${secret.name}: ${where}.${secret.property} is a secret`);
          assert.equal(typeof value?.["ciphertext"], "string", `${secret.type} ${secret.name}: ${where}.${secret.property} is encrypted`);
        }
      }
    });

    it("preview right after up reports no changes", async () => {
      const preview = await timed(suite, "preview (expect no changes)", () => stack.preview({ expectNoChanges: true }));
      const summary = changes({ resourceChanges: preview.changeSummary });
      assert.deepEqual(Object.keys(summary), ["same"], `preview wants changes: ${JSON.stringify(summary)}\n${preview.stdout}`);
    });

    it("updates updatable settings in place and replaces create-only ones", async () => {
      await e2e().control.clearRequests();
      const change = await scenario.change(e2e());
      await stack.setAllConfig(Object.fromEntries(Object.entries(change).map(([key, value]) => [key, typeof value === "string" ? { value } : value])));
      const result = await timed(suite, "up (update + replace)", () => stack.up());
      const summary = changes(result.summary);
      const shown = `resource changes: ${JSON.stringify(summary)}`;
      assert.equal(summary["replace"] ?? 0, scenario.expect.replace, shown);
      assert.ok((summary["update"] ?? 0) >= scenario.expect.minUpdates, shown);
      assert.equal(summary["create"] ?? 0, scenario.expect.create ?? 0, shown);
      const after = (await exportedState(stack)).resources;
      for (const ref of scenario.inPlace) {
        const id = idOf(after, ref);
        assert.equal(id, idOf(before, ref), `${ref.type} ${ref.name} kept its id`);
        const record = await e2e().control.resource(ref.kind, id);
        const expected = typeof ref.value === "function" ? await ref.value(e2e()) : ref.value;
        assert.deepEqual(record?.data[ref.field], expected, `${ref.type} ${ref.name}: the cloud has the new ${ref.field}`);
      }
      for (const ref of scenario.replaced) {
        const oldId = idOf(before, ref);
        const newId = idOf(after, ref);
        assert.notEqual(newId, oldId, `${ref.type} ${ref.name} got a new id`);
        assert.ok(await e2e().control.resource(ref.kind, newId), `${ref.type} ${ref.name}: the replacement exists`);
        assert.equal(await e2e().control.resource(ref.kind, oldId), undefined, `${ref.type} ${ref.name}: the old ${oldId} was deleted`);
      }
      assert.deepEqual(countByKind(await e2e().resources()), scenario.afterChange ?? scenario.created, "the cloud holds what the program declares");
      const again = await timed(suite, "preview (expect no changes)", () => stack.preview({ expectNoChanges: true }));
      assert.deepEqual(Object.keys(changes({ resourceChanges: again.changeSummary })), ["same"]);
    });

    it("refresh picks up an out-of-band change; preview offers to undo just that, and up does", async () => {
      const { drift } = scenario;
      const id = idOf((await exportedState(stack)).resources, drift);
      const desired = (await e2e().control.resource(drift.kind, id))?.data;
      await e2e().control.patchResource(drift.kind, id, drift.patch);
      const refreshed = await timed(suite, "refresh (drift)", () => stack.refresh());
      assert.equal(changes(refreshed.summary)["update"], 1, `refresh: ${JSON.stringify(refreshed.summary.resourceChanges)}`);
      const state = stateResource((await exportedState(stack)).resources, drift.type, drift.name);
      assert.deepEqual(state.outputs?.[drift.output], drift.value, "the state shows the cloud's value");
      assert.deepEqual(state.inputs?.[drift.output], drift.value, "read returned the cloud's value as an input too");
      // Only the drifted resource is updated: ids of updated resources stay known in a preview, so
      // nothing that refers to it looks replaced.
      const preview = await timed(suite, "preview (after drift)", () => stack.preview());
      const planned = changes({ resourceChanges: preview.changeSummary });
      assert.deepEqual(Object.keys(planned).sort(), ["same", "update"], `preview: ${JSON.stringify(planned)}\n${preview.stdout}`);
      assert.equal(planned["update"], 1, `preview: ${JSON.stringify(planned)}`);
      const up = await timed(suite, "up (undo drift)", () => stack.up());
      const summary = changes(up.summary);
      assert.equal(summary["update"], 1, `up: ${JSON.stringify(summary)}`);
      assert.deepEqual(Object.keys(summary).sort(), ["same", "update"], `up: ${JSON.stringify(summary)}`);
      const restored = (await e2e().control.resource(drift.kind, id))?.data;
      for (const key of Object.keys(drift.patch)) assert.deepEqual(restored?.[key], desired?.[key], `${drift.type} ${drift.name}: ${key} is back`);
    });

    it("destroy deletes everything it created", async () => {
      const result = await timed(suite, "destroy", () => stack.destroy());
      assert.equal(result.summary.result, "succeeded");
      assert.deepEqual(await e2e().resources(), {}, "the emulator holds no resources");
      await stack.workspace.removeStack(stack.name);
    });
  });
}
