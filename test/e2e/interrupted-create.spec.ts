/**
 * `pulumi up` killed while a VM's billing order is in flight, then rerun. The engine recorded a
 * pending create and knows nothing else; the create journal in `$PULUMI_HOME/ctyun/create-journal`
 * keeps the clientToken (and, once known, the id), so the rerun's create call gets the original
 * order back instead of buying twice.
 *
 * The documented recovery, in order: `pulumi cancel` (the killed CLI left its lock on the file
 * backend), `pulumi refresh --clear-pending-creates` (drop the engine's pending create; importing
 * it does not work for dynamic resources), `pulumi up`.
 *
 * Two ways to die:
 * - the whole process tree at once (a crashed machine or container, a CI job's cgroup killed);
 * - only the CLI's process group (`kill -9 -<pgid>` of `pulumi`, a terminal closed): the engine
 *   starts every plugin in a process group of its own (Setpgid), so the language host and the
 *   dynamic-provider process outlive the CLI, and the provider finishes the create on its own.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { changes, commandLine, describeE2E, eventually, exportedState, filesIn, killDuringUp, pendingOperations, seen, stateResource, timed, type E2EContext, type KillMode, type StackSettings } from "./harness";

const FIXTURE = join(__dirname, "fixtures", "interrupted");
const PROJECT = "ctyun-e2e-interrupted";
/** The resource killed mid-create, and how it shows up in the emulator and its request log. */
const TARGET = { type: "Instance", name: "vm", kind: "instance", createOperation: "CreateInstance", pollOperation: "QueryOrderUuid", timing: "order" };

/** The fixture's settings: a flavor and an image of the emulator's catalog, the root password. */
async function settings(e2e: E2EContext): Promise<StackSettings> {
  return {
    flavorId: await e2e.catalogId("flavor", "s7.medium.2"),
    imageId: await e2e.catalogId("image", "Ubuntu Server 22.04 64位"),
    password: { value: "Crash#Test-e2e7x", secret: true },
  };
}

const journalDir = (e2e: E2EContext) => join(e2e.homeDir, "ctyun", "create-journal");

interface JournalEntry {
  readonly clientToken: string;
  readonly resourceId?: string;
}

/** The create journal's entries (one per logical create, kept until the resource is recorded). */
function journal(e2e: E2EContext): JournalEntry[] {
  return filesIn(journalDir(e2e))
    .filter((name) => name.endsWith(".json"))
    .map((name) => JSON.parse(readFileSync(join(journalDir(e2e), name), "utf8")) as JournalEntry);
}

/** Starts `pulumi up`, waits until the order is placed and polled once, kills as `mode` says. */
async function interruptedUp(e2e: E2EContext, stack: Stack, mode: KillMode): Promise<{ survivors: number[] }> {
  // An order now answers "in progress" twice: the run dies after the first poll, the rerun's first
  // poll still sees it running, its second sees it done.
  await e2e.control.setTiming(TARGET.timing, { mode: "polls", count: 2 });
  return killDuringUp(e2e, stack, mode, () => seen(e2e, TARGET.createOperation, TARGET.pollOperation));
}

/** `pulumi cancel` (stale lock), `pulumi refresh --clear-pending-creates`, `pulumi up`. */
async function recover(e2e: E2EContext, stack: Stack, suite: string): Promise<Record<string, number>> {
  const locks = join(e2e.stateDir, ".pulumi", "locks", "organization", PROJECT, stack.name);
  const lockFiles = () => filesIn(locks).filter((name) => name.endsWith(".json"));
  assert.equal(lockFiles().length, 1, "the killed run left its lock behind");
  await assert.rejects(stack.refresh(), /the stack is currently locked/);
  await timed(suite, "cancel (stale lock)", () => stack.cancel());
  assert.deepEqual(lockFiles(), []);
  await e2e.control.clearRequests();
  const refresh = await timed(suite, "refresh --clear-pending-creates", () => stack.refresh({ clearPendingCreates: true }));
  assert.equal(refresh.summary.result, "succeeded");
  assert.deepEqual(await pendingOperations(stack), []);
  const up = await timed(suite, "up (rerun)", () => stack.up());
  return changes(up.summary);
}

describeE2E("pulumi up killed mid-create (the whole process tree dies)", (e2e) => {
  const suite = "interrupted: tree";
  let stack: Stack;
  let inFlight: JournalEntry | undefined;

  it("leaves a pending create, a journal entry with the clientToken, and an order in flight", async () => {
    stack = await e2e().programStack(PROJECT, FIXTURE, "crash", await settings(e2e()));
    const { survivors } = await interruptedUp(e2e(), stack, "process tree");
    assert.deepEqual(survivors, [], "every process of the run is gone");
    assert.equal((await e2e().control.state()).orders.length, 1, "one order placed");
    assert.equal((await e2e().resources())[TARGET.kind], undefined, "the order has not delivered the VM yet");
    // The network was created (entries with ids); the VM's create was cut short (no id yet).
    const unfinished = journal(e2e()).filter((entry) => entry.resourceId === undefined);
    assert.equal(unfinished.length, 1, `one create without a result in the journal: ${JSON.stringify(journal(e2e()))}`);
    inFlight = unfinished[0];
    assert.deepEqual(await pendingOperations(stack), [["creating", TARGET.name]], "the engine recorded a pending create");
  });

  it("cancel, refresh --clear-pending-creates, up: the rerun gets the same order back, nothing is bought twice", async () => {
    assert.deepEqual(await recover(e2e(), stack, suite), { create: 1, same: 4 });
    assert.equal((await e2e().control.counts())[TARGET.createOperation], 1, "the rerun called create once more…");
    assert.equal((await e2e().control.state()).orders.length, 1, "…with the journaled clientToken: the original order came back");
    const records = (await e2e().resources())[TARGET.kind] ?? [];
    assert.equal(records.length, 1, `exactly one ${TARGET.kind}`);
    const id = stateResource((await exportedState(stack)).resources, TARGET.type, TARGET.name).id;
    assert.equal(id, records[0]?.id, "the stack manages that very resource");
    const entry = journal(e2e()).find((e) => e.resourceId === id);
    assert.equal(entry?.clientToken, inFlight?.clientToken, "the rerun used the interrupted create's clientToken");
    const preview = await timed(suite, "preview (expect no changes)", () => stack.preview({ expectNoChanges: true }));
    assert.deepEqual(Object.keys(changes({ resourceChanges: preview.changeSummary })), ["same"]);
  });

  it("destroys, which also clears the journal", async () => {
    await e2e().control.setTiming(TARGET.timing, { mode: "polls", count: 1 });
    await timed(suite, "destroy", () => stack.destroy());
    assert.deepEqual(await e2e().resources(), {});
    assert.deepEqual(journal(e2e()), []);
    await stack.workspace.removeStack(stack.name);
  });
});

describeE2E("pulumi up killed mid-create (only the CLI's process group dies)", (e2e) => {
  const suite = "interrupted: CLI only";
  let stack: Stack;
  let survivors: number[] = [];

  after(() => {
    for (const pid of survivors) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Gone by now.
      }
    }
  });

  it("leaves the plugins running: the orphaned provider process finishes the create nobody will record", async () => {
    stack = await e2e().programStack(PROJECT, FIXTURE, "orphan", await settings(e2e()));
    survivors = (await interruptedUp(e2e(), stack, "CLI process group")).survivors;
    assert.ok(
      survivors.some((pid) => commandLine(pid).includes("dynamic-provider")),
      `the dynamic-provider process outlives the CLI (survivors: ${survivors.map(commandLine).join("; ")})`,
    );
    // It keeps polling the order and completes the create in the cloud; then it falls silent.
    await eventually("the orphaned create to deliver the VM", async () => ((await e2e().resources())[TARGET.kind]?.length === 1 ? true : undefined), 60_000);
    let last = -1;
    let since = Date.now();
    await eventually("the orphaned provider to stop calling the API", async () => {
      const count = (await e2e().control.requests()).length;
      if (count !== last) [last, since] = [count, Date.now()];
      return Date.now() - since > 5_000 ? true : undefined;
    });
    assert.deepEqual(await pendingOperations(stack), [["creating", TARGET.name]], "the engine never heard of the result");
  });

  it("the rerun takes over the orphan's VM instead of buying a second one (the journal kept the token)", async () => {
    assert.deepEqual(await recover(e2e(), stack, suite), { create: 1, same: 4 });
    const records = (await e2e().resources())[TARGET.kind] ?? [];
    assert.equal(records.length, 1, `one ${TARGET.kind}, not ${records.length} (${records.map((r) => r.id).join(", ")})`);
    assert.equal((await e2e().control.state()).orders.length, 1, "one order");
    assert.equal(stateResource((await exportedState(stack)).resources, TARGET.type, TARGET.name).id, records[0]?.id);
  });

  it("destroys", async () => {
    await timed(suite, "destroy", () => stack.destroy());
    assert.deepEqual(await e2e().resources(), {});
    assert.deepEqual(journal(e2e()), []);
    await stack.workspace.removeStack(stack.name);
  });
});
