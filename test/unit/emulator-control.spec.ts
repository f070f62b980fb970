/**
 * The control client the e2e suites and the demo use (tools/demo/emulator-process.ts): "the emulator
 * holds nothing" must mean nothing anybody created, whatever the emulator seeds at start (host pools
 * were seeded once without being left out, and every example's e2e count failed).
 */
import assert from "node:assert/strict";
import { CATALOG_KINDS, EmulatorControl } from "../../tools/demo/emulator-process";
import { REGION_HUADONG1, useEmulator } from "../helpers/emulator";

describe("EmulatorControl.resources", () => {
  const emu = useEmulator();

  it("leaves out every kind a fresh emulator seeds (catalog, host pools, settings)", async () => {
    const control = new EmulatorControl(emu.url);
    const seeded = Object.entries((await control.state()).resources).filter(([, records]) => records.length > 0).map(([kind]) => kind);
    // (Seeded kinds exist, so the check below means something.)
    assert.ok(seeded.includes("flavor") && seeded.includes("hostPool"), `seeded: ${seeded.join(", ")}`);
    assert.deepEqual(seeded.filter((kind) => !CATALOG_KINDS.has(kind)), [], "every seeded kind is a catalog kind");
    assert.deepEqual(await control.resources(), {});
  });

  it("reports what was created, by kind", async () => {
    const created = await emu.post("/v4/vpc/create", { regionID: REGION_HUADONG1, clientToken: "control-1", name: "vpc-control", CIDR: "10.9.0.0/16" });
    assert.equal(created.envelope().statusCode, 800);
    const resources = await new EmulatorControl(emu.url).resources();
    assert.deepEqual(Object.keys(resources), ["vpc"]);
    assert.equal(resources["vpc"]?.[0]?.data["name"], "vpc-control");
  });
});
