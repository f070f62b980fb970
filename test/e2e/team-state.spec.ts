/**
 * Team state on ZOS with the real engine: a bucket made with pulumi-ctyun holds the Pulumi state
 * (`pulumi login 's3://<bucket>?endpoint=…&use_path_style=true&region=us-east-1'`, the Go CDK s3blob
 * driver of the built CLI, with the ZOS keys of get-keys); two workspaces with their own PULUMI_HOME
 * share one stack: up from one, preview from the other sees no changes; an up from the second while
 * the first runs is refused by the stack lock; destroy.
 */
import assert from "node:assert/strict";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import * as ctyun from "../../provider";
import { createClient } from "../../provider/client/client";
import { GetZosKeys } from "../../provider/client/operations/zos";
import { ACCESS_KEY, changes, describeE2E, eventually, REGION_ID, SECRET_KEY, seen } from "./harness";

const STATE_BUCKET = "team-state-e2e";

describeE2E("team state on ZOS", (e2e) => {
  let url = "";
  let keys = { accessKey: "", secretKey: "" };
  const stacks: Stack[] = [];

  /** A workspace as one teammate has it: the repository's project files, and a PULUMI_HOME of its own. */
  async function teammate(name: string, projectDir: string): Promise<Stack> {
    const home = join(e2e().dir, `home-${name}`);
    mkdirSync(home, { recursive: true });
    const envVars = { ...e2e().env, PULUMI_HOME: home, PULUMI_BACKEND_URL: url, AWS_ACCESS_KEY_ID: keys.accessKey, AWS_SECRET_ACCESS_KEY: keys.secretKey };
    const stack = await LocalWorkspace.createOrSelectStack({ stackName: "dev", workDir: projectDir }, { pulumiCommand: e2e().pulumiCommand, envVars, secretsProvider: "passphrase" });
    stacks.push(stack);
    return stack;
  }

  it("creates the state bucket with pulumi-ctyun and logs in to it with the S3 URL options of the CLI's s3blob driver", async () => {
    const bootstrap = await e2e().inlineStack("state-bootstrap", "dev", async () => {
      const state = new ctyun.Bucket("state", { bucket: STATE_BUCKET, versioning: true });
      return { endpoint: state.endpoint };
    });
    const up = await bootstrap.up();
    const endpoint = String(up.outputs["endpoint"]!.value);
    assert.equal(endpoint, `${e2e().emulator.url}/_s3`);
    const client = createClient({ credentials: { accessKey: ACCESS_KEY, secretKey: SECRET_KEY }, endpoint: e2e().emulator.url });
    const pair = (await client.send(GetZosKeys, { regionID: REGION_ID }))[0]!;
    keys = { accessKey: pair.accessKey, secretKey: pair.secretKey };
    url = `s3://${STATE_BUCKET}?endpoint=${endpoint}&use_path_style=true&region=us-east-1`;
  });

  it("shares one stack between two workspaces: up from one, preview from the other sees no changes, a concurrent up is refused by the lock, destroy", async () => {
    const projectA = join(e2e().dir, "team-a");
    mkdirSync(projectA, { recursive: true });
    writeFileSync(join(projectA, "Pulumi.yaml"), `name: team-project\nruntime: nodejs\nmain: ${join(__dirname, "fixtures", "team-state")}\n`);
    const alice = await teammate("alice", projectA);
    await alice.setAllConfig(e2e().providerConfig());
    // Bob clones the repository: the same Pulumi.yaml and Pulumi.dev.yaml (encrypted config, salt).
    const projectB = join(e2e().dir, "team-b");
    cpSync(projectA, projectB, { recursive: true });
    const bob = await teammate("bob", projectB);

    // Alice's up takes a while (the new bucket's metadata propagates slowly), so Bob's up meets her lock.
    await e2e().control.setTiming("bucketMetadata", { mode: "delay", ms: 6_000 });
    await e2e().control.clearRequests();
    const aliceUp = alice.up();
    await eventually("Alice's up to be creating", async () => ((await seen(e2e(), "CreateBucket")) ? true : undefined));
    await assert.rejects(bob.up(), (error: Error) => /the stack is currently locked by 1 lock/.test(error.message), "Bob's concurrent up is refused by Alice's lock");
    const done = await aliceUp;
    assert.equal(done.summary.result, "succeeded");
    assert.deepEqual(changes(done.summary), { create: 3 });
    await e2e().control.setTiming("bucketMetadata", { mode: "immediate" });

    const preview = await bob.preview();
    assert.deepEqual(preview.changeSummary, { same: 3 }, "Bob sees Alice's resources, unchanged");
    const state = await e2e().control.requests();
    assert.ok(state.some((r) => r.operation === "S3PutObject" && r.path.startsWith(`/_s3/${STATE_BUCKET}/.pulumi/stacks/team-project/dev.json`)), "the checkpoint lives in the ZOS bucket");

    const destroyed = await bob.destroy();
    assert.equal(destroyed.summary.result, "succeeded");
    const left = await e2e().resources();
    assert.deepEqual((left["bucket"] ?? []).map((b) => b.id), [STATE_BUCKET], "only the state bucket remains");
    for (const stack of stacks) await stack.workspace.removeStack("dev").catch(() => undefined);
  });
});
