/**
 * The provider branches only on error codes an official source states (issue 10): every string in
 * its sources shaped like a CTyun error code (`product.module.reason`) must be listed in
 * emulator/api-notes/README.md's table of official codes (or be the SDK mocks' unknown-region code),
 * except the throttling codes it retries on, which are harmless if never sent. A code the emulator
 * invented, or draws from a set, would let a test pass that the real cloud fails.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { THROTTLING_ERROR_CODES } from "../../provider/client/classify";

const ROOT = join(__dirname, "..", "..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

/** Codes in the first column of the README's "Codes an official source states" table. */
function officialCodes(): Set<string> {
  const notes = readFileSync(join(ROOT, "emulator", "api-notes", "README.md"), "utf8");
  const start = notes.indexOf("Codes an official source states");
  const table = notes.slice(start, notes.indexOf("\n\n", notes.indexOf("|---|", start)));
  const codes = [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1] as string);
  return new Set([...codes, "Unknown.Region.RegionIDError"]);
}

/** Quoted strings shaped like a CTyun error code; ELB flavour names (`elb.s2.small`) are not codes. */
const CODE = /"((?:Openapi|Ecs|Ebs|Image|Scaling|Unknown|ebs|oss|Oss)\.[A-Za-z][A-Za-z0-9]*\.[A-Za-z][A-Za-z0-9]*)"/g;

describe("the provider's error codes", () => {
  it("are all stated by an official source (or are throttling codes it only retries on)", () => {
    const official = officialCodes();
    assert.ok(official.size >= 15, `the README's table lists ${official.size} codes`);
    const found = new Map<string, string>();
    for (const file of sources(join(ROOT, "provider"))) {
      for (const match of readFileSync(file, "utf8").matchAll(CODE)) found.set(match[1] as string, file.slice(ROOT.length + 1));
    }
    assert.ok(found.size >= 10, `the scan finds the codes the provider uses (${found.size})`);
    const unofficial = [...found].filter(([code]) => !official.has(code) && !THROTTLING_ERROR_CODES.includes(code));
    assert.deepEqual(unofficial, [], "codes no official source states");
  });
});
