/**
 * What a fresh emulator holds is its catalog and settings, which the e2e suites and `npm run demo`
 * leave out of "the resources" (tools/demo/emulator-process.ts CATALOG_KINDS): a service seeding a
 * new kind must be listed there, or every "destroy leaves nothing" check sees it.
 */
import assert from "node:assert/strict";
import { CATALOG_KINDS } from "../../tools/demo/emulator-process";
import { useEmulator } from "../helpers/emulator";

describe("emulator: the kinds a fresh emulator holds", () => {
  const emu = useEmulator({ transport: "in-process" });

  it("are all catalog kinds, so an emulator nobody used shows no resources", async () => {
    const { resources } = await emu.control.state();
    const seeded = Object.entries(resources).filter(([, records]) => records.length > 0).map(([kind]) => kind);
    assert.ok(seeded.includes("region") && seeded.includes("hostPool"), `(seeded: ${seeded.join(", ")})`);
    assert.deepEqual(seeded.filter((kind) => !CATALOG_KINDS.has(kind)), []);
  });
});
