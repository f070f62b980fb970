/** startEmulator/createEmulator options: binding, startup timing, close. */
import assert from "node:assert/strict";
import { createEmulator, startEmulator } from "../../emulator/index";

describe("emulator startup options", () => {
  it("binds 127.0.0.1 on an ephemeral port and closes idempotently", async () => {
    const emu = await startEmulator();
    try {
      assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.ok(emu.port > 0);
      const res = await fetch(`${emu.url}/_emulator/health`);
      assert.deepEqual(await res.json(), { ok: true });
    } finally {
      await emu.close();
      await emu.close();
    }
    await assert.rejects(fetch(`${emu.url}/_emulator/health`));
  });

  it("applies the startup profile and timing overrides, and returns to them on reset", async () => {
    const app = createEmulator({ profile: "realistic", timing: { order: { mode: "immediate" } } });
    try {
      const read = async () => JSON.parse((await app.handle({ method: "GET", url: "/_emulator/transitions" })).body) as { profile: string; kinds: Record<string, unknown> };
      const initial = await read();
      assert.equal(initial.profile, "realistic");
      assert.deepEqual(initial.kinds["order"], { mode: "immediate" });
      assert.deepEqual(initial.kinds["power"], { mode: "delay", ms: 3000 });
      await app.handle({ method: "PUT", url: "/_emulator/transitions", body: JSON.stringify({ profile: "fast" }) });
      assert.deepEqual((await read()).kinds["order"], { mode: "polls", count: 1 });
      app.reset();
      assert.deepEqual(await read(), initial);
    } finally {
      app.close();
    }
  });

  it("refuses timing overrides for unknown kinds and contradictory storage options", () => {
    assert.throws(() => createEmulator({ timing: { teleport: { mode: "immediate" } } }), /unknown timing kind "teleport"/);
    assert.throws(() => createEmulator({ dataDir: "/tmp/x", inMemory: true }), /either dataDir or inMemory/);
  });
});
