import assert from "node:assert/strict";
import { humanDuration } from "../../provider/client/human-duration";

describe("humanDuration (progress lines and messages)", () => {
  it("writes tenths below ten seconds, whole seconds above, and drops zero parts", () => {
    const table: Array<[number, string]> = [
      [0, "0ms"],
      [850, "850ms"],
      [1_000, "1s"],
      [2_149, "2.1s"],
      [9_949, "9.9s"],
      [9_950, "10s"],
      [42_400, "42s"],
      [60_000, "1m"],
      [250_000, "4m10s"],
      [300_000, "5m"],
      [3_720_000, "1h2m"],
      [-5, "0ms"],
    ];
    for (const [ms, text] of table) assert.equal(humanDuration(ms), text, String(ms));
  });
});
