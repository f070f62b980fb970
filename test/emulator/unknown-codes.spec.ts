/**
 * Situations whose real CTyun error code no official source states answer a code drawn from a
 * documented set (emulator/unknown-codes.ts), so client code cannot come to depend on one invented
 * string. Seeded, the draws are reproducible; `first` pins each set's first code.
 */
import assert from "node:assert/strict";
import { UNKNOWN_CODE_SITUATIONS } from "../../emulator/unknown-codes";
import { REGION_HUADONG1 as R, useEmulator } from "../helpers/emulator";

describe("emulator: codes of undocumented situations", () => {
  const emu = useEmulator({ transport: "in-process", emulator: { unknownCodes: "draw", seed: "codes" } });

  async function deleteVpcWithSubnet(): Promise<string> {
    const { vpcID } = (await emu.post("/v4/vpc/create", { regionID: R, name: "vpc-a", CIDR: "10.0.0.0/16" })).envelope<{ vpcID: string }>().returnObj;
    await emu.post("/v4/vpc/create-subnet", { regionID: R, vpcID, name: "subnet-a", CIDR: "10.0.1.0/24" });
    const codes: string[] = [];
    for (let i = 0; i < 24; i++) {
      const envelope = (await emu.post("/v4/vpc/delete", { regionID: R, vpcID })).envelope();
      assert.equal(envelope.statusCode, 900);
      codes.push(envelope.errorCode);
    }
    return codes.join(",");
  }

  it("lists every situation and its codes on the control plane", async () => {
    const listed = (await emu.call("GET", "/_emulator/unknown-codes", { sign: false })).json<{ situations: Record<string, string[]> }>();
    assert.deepEqual(listed.situations, JSON.parse(JSON.stringify(UNKNOWN_CODE_SITUATIONS)));
    assert.ok(Object.values(listed.situations).every((codes) => codes.length >= 2), "each set offers more than one code");
  });

  it("draws each answer's code from the situation's set, every code in turn, reproducibly for a seed", async () => {
    const first = await deleteVpcWithSubnet();
    const seen = new Set(first.split(","));
    assert.deepEqual([...seen].sort(), [...UNKNOWN_CODE_SITUATIONS["vpc-has-dependents"]].sort());
    await emu.control.reset();
    emu.clock.set(emu.clock.now());
    assert.equal(await deleteVpcWithSubnet(), first, "the same seed draws the same sequence after a reset");
  });
});
