/**
 * The resource contract (shared/resource-contract.md) as one generated suite, run for every
 * resource through its serialized provider against the emulator:
 *
 *   create → read → each in-place update (diff says update, read shows it) → create-only changes
 *   (diff says replace) → delete → read says gone; delete when already gone; a create whose
 *   response was lost; a rerun after the deployment died mid-create; adoption; drift; and the
 *   serialized provider's size and secrets.
 */
import assert from "node:assert/strict";
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from "../../emulator/index";
import { useProviderTestbed, type Props, type ProviderTestbed, type TestbedOptions } from "./providers";

export interface ContractCase {
  /** Resource kind, e.g. `Vpc`. */
  readonly kind: string;
  /** The output holding the cloud id, e.g. `vpcId`. */
  readonly idOutput: string;
  /** The emulator operation that creates it, e.g. `CreateVpc` (request-log counts). */
  readonly createOperation: string;
  /** The create call's path, e.g. `/v4/vpc/create` (fault injection). */
  readonly createPath: string;
  /** The create call's method, where other calls share its path (S3: HEAD before PUT). */
  readonly createMethod?: string;
  /** Builds prerequisites and returns the resource's inputs (no `pulumiName`). */
  inputs(bed: ProviderTestbed): Promise<Props>;
  /** In-place changes, applied one after another. */
  readonly updates: readonly Props[];
  /** Create-only changes; diff must replace exactly these keys. */
  readonly replacements: readonly Props[];
  /** An out-of-band change to the stored record, and the inputs read must then report. */
  readonly drift?: { readonly patch: Props; readonly inputs: Props };
  /** Emulator record kind (`vpc`) — or override the three record probes below. */
  readonly recordKind?: string;
  /** True while the cloud resource exists (default: the emulator record `recordKind/<id>`). */
  exists?(bed: ProviderTestbed, id: string, outs: Props): Promise<boolean>;
  /** Deletes the cloud resource behind the provider's back. */
  removeOutOfBand?(bed: ProviderTestbed, id: string, outs: Props): Promise<void>;
  /** How many such cloud resources exist. */
  count?(bed: ProviderTestbed): Promise<number>;
  readonly testbed?: TestbedOptions;
  /**
   * False when the client never repeats the create (the API takes no clientToken and no unique name
   * would refuse a repeat): a lost answer then fails that `up`, and the next one finds what it made.
   */
  readonly createRepeatable?: false;
}

function probes(c: ContractCase) {
  const kind = c.recordKind;
  const need = (what: string): never => {
    throw new Error(`contract case ${c.kind}: give recordKind or ${what}`);
  };
  return {
    exists: c.exists ?? (async (bed: ProviderTestbed, id: string) => (kind ? (await bed.emu.control.resource(kind, id)) !== undefined : need("exists"))),
    remove: c.removeOutOfBand ?? (async (bed: ProviderTestbed, id: string) => (kind ? bed.emu.control.deleteResource(kind, id) : need("removeOutOfBand"))),
    count: c.count ?? (async (bed: ProviderTestbed) => (kind ? ((await bed.emu.control.state()).resources[kind] ?? []).length : need("count"))),
  };
}

function pick(bag: Props, keys: readonly string[]): Props {
  return Object.fromEntries(keys.map((k) => [k, bag[k]]));
}

export function describeResourceContract(c: ContractCase): void {
  describe(`${c.kind}: resource contract (serialized provider against the emulator)`, () => {
    const bed = useProviderTestbed(c.testbed ?? {});
    const probe = probes(c);
    const createMethod = c.createMethod ? { method: c.createMethod } : {};

    async function createOne(name: string): Promise<{ id: string; outs: Props; inputs: Props; user: Props }> {
      const user = await c.inputs(bed);
      const created = await bed.create(c.kind, user, name);
      return { ...created, user };
    }

    it("creates, reads back, updates each updatable input in place, and deletes until gone", async () => {
      const provider = await bed.provider(c.kind);
      const { id, outs, inputs, user } = await createOne("contract");
      assert.equal(outs[c.idOutput], id, `${c.idOutput} output carries the id`);
      assert.equal(await probe.exists(bed, id, outs), true);
      for (const key of Object.keys(user)) assert.deepEqual(outs[key], inputs[key], `output ${key} equals its input`);

      const read = await provider.read(id, outs);
      assert.equal(read.id, id);
      assert.deepEqual(pick(read.inputs ?? {}, Object.keys(user)), pick(inputs, Object.keys(user)), "read reports the inputs as created");

      let currentInputs = inputs;
      let currentOuts = outs;
      for (const change of c.updates) {
        const checked = await provider.check(currentInputs, { ...currentInputs, ...change });
        assert.deepEqual(checked.failures, []);
        const diff = await provider.diff(id, currentOuts, checked.inputs);
        assert.deepEqual({ changes: diff.changes, replaces: diff.replaces }, { changes: true, replaces: [] }, `${Object.keys(change).join(",")} updates in place`);
        const updated = await provider.update(id, currentOuts, checked.inputs);
        assert.equal(updated.outs[c.idOutput], id, "update keeps the id");
        const after = await provider.read(id, updated.outs);
        assert.deepEqual(pick(after.inputs ?? {}, Object.keys(change)), pick(checked.inputs, Object.keys(change)), `read shows the new ${Object.keys(change).join(",")}`);
        const again = await provider.diff(id, after.props ?? {}, checked.inputs);
        assert.equal(again.changes, false, "no diff left after the update and a refresh");
        currentInputs = checked.inputs;
        currentOuts = after.props ?? {};
      }

      for (const change of c.replacements) {
        const checked = await provider.check(currentInputs, { ...currentInputs, ...change });
        assert.deepEqual(checked.failures, []);
        const diff = await provider.diff(id, currentOuts, checked.inputs);
        assert.equal(diff.changes, true);
        assert.deepEqual([...(diff.replaces ?? [])].sort(), Object.keys(change).sort(), `${Object.keys(change).join(",")} forces replacement`);
      }

      await provider.delete(id, currentOuts);
      assert.equal(await probe.exists(bed, id, currentOuts), false, "the cloud resource is gone once delete returns");
      assert.deepEqual(await provider.read(id, currentOuts), {}, "read of a deleted resource removes it from state");
    });

    it("treats delete of a resource already gone as success", async () => {
      const provider = await bed.provider(c.kind);
      const { id, outs } = await createOne("gone");
      await probe.remove(bed, id, outs);
      await provider.delete(id, outs);
      assert.deepEqual(await provider.read(id, outs), {});
    });

    if (c.createRepeatable === false) {
      it("creates exactly one resource when the create's response is lost: that up fails, the next finds what it made", async () => {
        const provider = await bed.provider(c.kind);
        const user = await c.inputs(bed);
        const before = await probe.count(bed);
        await bed.emu.control.addFault({ path: c.createPath, ...createMethod, kind: "commit-then-drop", times: 1 });
        const first = await provider.check({}, { pulumiName: "lost-response", ...user });
        await assert.rejects(provider.create({ ...first.inputs, __provider: provider.text }), /the next `pulumi up` looks for what it made/);
        const { id, outs } = await provider.create({ ...(await provider.check({}, { pulumiName: "lost-response", ...user })).inputs, __provider: provider.text });
        assert.equal(await probe.exists(bed, id, outs), true);
        assert.equal(await probe.count(bed), before + 1);
        assert.equal((await bed.emu.control.counts())[c.createOperation], 1, "the create was sent once");
      });
    } else {
      it("creates exactly one resource when the create's response is lost and the client retries", async () => {
        const before = await probe.count(bed);
        await bed.emu.control.addFault({ path: c.createPath, ...createMethod, kind: "commit-then-drop", times: 1 });
        const { id, outs } = await createOne("lost-response");
        assert.equal(await probe.exists(bed, id, outs), true);
        assert.equal(await probe.count(bed), before + 1);
        assert.equal((await bed.emu.control.counts())[c.createOperation], 2, "the create was sent twice with one clientToken");
      });
    }

    it("resumes a create whose deployment died after the cloud accepted it, without a duplicate", async () => {
      const provider = await bed.provider(c.kind);
      const user = await c.inputs(bed);
      const before = await probe.count(bed);
      // Every attempt is committed and its answer lost: as if the process was killed mid-create.
      await bed.emu.control.addFault({ path: c.createPath, ...createMethod, kind: "commit-then-drop" });
      const first = await provider.check({}, { pulumiName: "crashed", ...user });
      await assert.rejects(provider.create({ ...first.inputs, __provider: provider.text }));
      await bed.emu.control.clearFaults();
      // The rerun: a fresh check (no old state) and create, like `pulumi up` after clearing pending operations.
      const rerun = await provider.check({}, { pulumiName: "crashed", ...user });
      assert.deepEqual(rerun.inputs, first.inputs, "the rerun's inputs (generated names included) match the interrupted create");
      const { id, outs } = await provider.create({ ...rerun.inputs, __provider: provider.text });
      assert.equal(await probe.exists(bed, id, outs), true);
      assert.equal(await probe.count(bed), before + 1, "no duplicate was created");
    });

    it("keeps two stacks of one project apart: stack prod never takes over what stack dev's cut-short create made", async () => {
      const provider = await bed.provider(c.kind);
      const before = await probe.count(bed);
      // Stack dev's create dies with the cloud's answer lost (its journal entry holds the token)…
      const devUser = await c.inputs(bed);
      await bed.emu.control.addFault({ path: c.createPath, ...createMethod, kind: "commit-then-drop" });
      const dev = await provider.check({}, { pulumiName: "shared", pulumiScope: "dev-scope", ...devUser });
      await assert.rejects(provider.create({ ...dev.inputs, __provider: provider.text }));
      await bed.emu.control.clearFaults();
      // …and stack prod, same project, logical name and inputs, runs its own create: it must not get
      // dev's resource (where the cloud's names are unique, prod's create is refused instead).
      const prod = await provider.check({}, { pulumiName: "shared", pulumiScope: "prod-scope", ...devUser });
      const prodCreated = await provider.create({ ...prod.inputs, __provider: provider.text }).catch(() => undefined);
      const devCreated = await provider.create({ ...(await provider.check({}, { pulumiName: "shared", pulumiScope: "dev-scope", ...devUser })).inputs, __provider: provider.text });
      assert.notEqual(devCreated.id, prodCreated?.id, "each stack has its own resource");
      assert.equal(await probe.count(bed), before + (prodCreated ? 2 : 1), "dev's rerun bought nothing more");
    });

    it("takes over what an unrecorded, finished create made (the CLI died, its provider finished) without a create call", async () => {
      const provider = await bed.provider(c.kind);
      const user = await c.inputs(bed);
      const first = await provider.check({}, { pulumiName: "orphaned", ...user });
      const made = await provider.create({ ...first.inputs, __provider: provider.text });
      const creates = (await bed.emu.control.counts())[c.createOperation];
      // The engine never recorded `made`: the rerun starts from no state.
      const rerun = await provider.check({}, { pulumiName: "orphaned", ...user });
      assert.deepEqual(rerun.inputs, first.inputs, "the rerun's generated names match");
      const again = await provider.create({ ...rerun.inputs, __provider: provider.text });
      assert.equal(again.id, made.id);
      assert.equal((await bed.emu.control.counts())[c.createOperation], creates, "no second create call");
      // Once the engine holds the id (any later call for it), the journal lets go: a later create is new.
      await provider.diff(again.id, again.outs, rerun.inputs);
      await provider.delete(again.id, again.outs);
      await provider.create({ ...(await provider.check({}, { pulumiName: "orphaned", ...user })).inputs, __provider: provider.text });
      assert.equal((await bed.emu.control.counts())[c.createOperation], (creates ?? 0) + 1, "a create after the recorded one was deleted calls create");
    });

    if (c.updates.length > 0) {
      const change = c.updates[0] as Props;
      it("resumes a create cut short when the rerun changed an updatable input: one resource, updated in place", async () => {
        const provider = await bed.provider(c.kind);
        const user = await c.inputs(bed);
        const before = await probe.count(bed);
        await bed.emu.control.addFault({ path: c.createPath, ...createMethod, kind: "commit-then-drop" });
        const first = await provider.check({}, { pulumiName: "changed", ...user });
        await assert.rejects(provider.create({ ...first.inputs, __provider: provider.text }));
        await bed.emu.control.clearFaults();
        const rerun = await provider.check({}, { pulumiName: "changed", ...user, ...change });
        assert.deepEqual(rerun.failures, []);
        const { id, outs } = await provider.create({ ...rerun.inputs, __provider: provider.text });
        assert.equal(await probe.count(bed), before + 1, "no second resource");
        const read = await provider.read(id, outs);
        assert.deepEqual(pick(read.inputs ?? {}, Object.keys(change)), pick(rerun.inputs, Object.keys(change)), "the found resource was brought to the new inputs");
      });
    }

    if (c.replacements.length > 0) {
      const change = c.replacements[0] as Props;
      it("records what a create cut short made when the rerun changed a create-only input, so Pulumi replaces it", async () => {
        const provider = await bed.provider(c.kind);
        const user = await c.inputs(bed);
        const before = await probe.count(bed);
        await bed.emu.control.addFault({ path: c.createPath, ...createMethod, kind: "commit-then-drop" });
        const first = await provider.check({}, { pulumiName: "recut", ...user });
        await assert.rejects(provider.create({ ...first.inputs, __provider: provider.text }));
        await bed.emu.control.clearFaults();
        const rerun = await provider.check({}, { pulumiName: "recut", ...user, ...change });
        let partial: { id?: string; properties?: Props; reasons?: string[] } | undefined;
        await assert.rejects(provider.create({ ...rerun.inputs, __provider: provider.text }), (error: typeof partial) => {
          partial = error;
          return true;
        });
        assert.ok(partial?.id, "a partial create carrying the found resource's id");
        assert.match(partial.reasons?.[0] ?? "", /made by an earlier create of this resource that was never recorded.*the next `pulumi up` replaces it/);
        assert.equal(await probe.count(bed), before + 1, "nothing new was bought");
        const diff = await provider.diff(partial.id, partial.properties ?? {}, rerun.inputs);
        assert.deepEqual([...(diff.replaces ?? [])].sort(), Object.keys(change).filter((k) => k !== "name").sort(), "the next up replaces it");
      });
    }

    it("adopts an existing cloud resource with adoptId instead of creating one", async () => {
      const { id, user } = await createOne("original");
      const creates = (await bed.emu.control.counts())[c.createOperation];
      const adopted = await bed.create(c.kind, { ...user, adoptId: id }, "adopter");
      assert.equal(adopted.id, id);
      assert.equal((await bed.emu.control.counts())[c.createOperation], creates, "adoption creates nothing");
      assert.equal(await probe.count(bed), 1);
    });

    if (c.drift) {
      const drift = c.drift;
      it("reports out-of-band changes on read, and the next diff proposes to fix them", async () => {
        const provider = await bed.provider(c.kind);
        const { id, outs, inputs } = await createOne("drifted");
        const kind = c.recordKind;
        assert.ok(kind, "drift needs recordKind");
        await bed.emu.control.patchResource(kind, id, drift.patch);
        const read = await provider.read(id, outs);
        assert.deepEqual(pick(read.inputs ?? {}, Object.keys(drift.inputs)), drift.inputs);
        const diff = await provider.diff(id, read.props ?? {}, inputs);
        assert.equal(diff.changes, true);
      });
    }

    it("serializes a small provider that captures no credentials", async () => {
      const provider = await bed.provider(c.kind);
      assert.ok(provider.text.length < 6000, `serialized provider is ${provider.text.length} bytes`);
      assert.ok(provider.text.includes(`"${c.kind}"`));
      for (const secret of [DEMO_ACCESS_KEY, DEMO_SECRET_KEY, bed.emu.url]) assert.equal(provider.text.includes(secret), false);
    });
  });
}
