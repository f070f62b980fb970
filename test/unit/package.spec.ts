/**
 * What `npm pack` publishes, for both packages of the repository: `pulumi-ctyun` (the built library
 * with its types, README, changelog and licence, and no native module among its dependencies) and
 * `ctyun-emulator` (the emulator's build, its bin, COVERAGE.md and API notes). Neither holds tests,
 * fixtures, TypeScript sources, source maps or secrets, and each stays within its size budget.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const EMULATOR = join(ROOT, "emulator");

/**
 * Compressed tarball budgets: raise one deliberately, with a reason. Measured when the emulator became
 * its own package, with 37 resources: the library 353 kB (every resource's TSDoc'd .d.ts, the S3
 * client, lookups), the emulator 502 kB (every service, the S3 data plane, the console, COVERAGE.md and
 * the API notes). Together they were one 787 kB package before.
 */
const BUDGETS = { library: 380_000, emulator: 540_000 };

interface Packed {
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: ReadonlyArray<{ readonly path: string; readonly size: number }>;
}

interface Manifest {
  readonly exports: Record<string, unknown>;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly bin?: Record<string, string>;
}

function pack(dir: string): Packed {
  const json = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: dir, encoding: "utf8" });
  return (JSON.parse(json) as Packed[])[0] as Packed;
}

const manifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;

function unwantedIn(packed: Packed): string[] {
  return packed.files
    .map((f) => f.path)
    .filter((path) => /(^|\/)(test|fixtures?)\//.test(path) || /\.spec\./.test(path) || /\.map$/.test(path) || (/\.ts$/.test(path) && !path.endsWith(".d.ts")));
}

function secretsIn(dir: string, packed: Packed): string[] {
  return packed.files
    .map((f) => f.path)
    .filter((path) => /(^|\/)(\.env|\.npmrc|credentials\.json|id_rsa)/.test(path) || /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(readFileSync(join(dir, path), "utf8")));
}

describe("the published library (npm pack of pulumi-ctyun)", function () {
  this.timeout(60_000);
  let packed: Packed;

  before(() => {
    packed = pack(ROOT);
  });

  it("holds the entry points with their types, the README, changelog and licence, and no emulator", () => {
    const paths = new Set(packed.files.map((f) => f.path));
    for (const path of ["package.json", "README.md", "CHANGELOG.md", "LICENSE", "dist/provider/index.js", "dist/provider/index.d.ts", "dist/provider/runtime.js", "dist/provider/runtime.d.ts"]) {
      assert.ok(paths.has(path), `${path} is published`);
    }
    assert.deepEqual([...paths].filter((path) => path.startsWith("dist/emulator") || path.startsWith("emulator/")), []);
  });

  it("depends on no native module: npm install pulumi-ctyun compiles nothing", () => {
    const pkg = manifest(ROOT);
    assert.deepEqual(Object.keys(pkg.dependencies ?? {}).sort(), ["axios", "ipaddr.js", "zod"]);
    assert.equal(pkg.optionalDependencies, undefined);
    assert.equal(pkg.bin, undefined, "the emulator's bin belongs to ctyun-emulator");
  });

  it("holds no tests, fixtures, TypeScript sources, source maps, private keys or credentials files", () => {
    assert.deepEqual([...unwantedIn(packed), ...secretsIn(ROOT, packed)], []);
  });

  it("exports only the documented entry points", () => {
    assert.deepEqual(Object.keys(manifest(ROOT).exports).sort(), [".", "./package.json", "./providers/*", "./runtime"]);
  });

  it(`stays within ${BUDGETS.library / 1000} kB compressed`, () => {
    assert.ok(packed.size <= BUDGETS.library, `the tarball is ${packed.size} bytes (${packed.files.length} files, ${packed.unpackedSize} unpacked)`);
  });
});

describe("the published emulator (npm pack of ctyun-emulator)", function () {
  this.timeout(60_000);
  let packed: Packed;

  before(() => {
    packed = pack(EMULATOR);
  });

  it("holds its entry point with types, the ctyun-emulator bin, COVERAGE.md, the API notes, README and licence", () => {
    const paths = new Set(packed.files.map((f) => f.path));
    for (const path of ["package.json", "README.md", "LICENSE", "COVERAGE.md", "api-notes/README.md", "dist/index.js", "dist/index.d.ts", "dist/cli.js"]) {
      assert.ok(paths.has(path), `${path} is published`);
    }
    assert.deepEqual(manifest(EMULATOR).bin, { "ctyun-emulator": "dist/cli.js" });
    assert.match(readFileSync(join(EMULATOR, "dist", "cli.js"), "utf8"), /^#!\/usr\/bin\/env node\n/, "the bin runs with node");
  });

  it("holds no tests, fixtures, TypeScript sources, source maps, private keys or credentials files", () => {
    assert.deepEqual([...unwantedIn(packed), ...secretsIn(EMULATOR, packed)], []);
  });

  it("exports only its entry point", () => {
    assert.deepEqual(Object.keys(manifest(EMULATOR).exports).sort(), [".", "./package.json"]);
  });

  it(`stays within ${BUDGETS.emulator / 1000} kB compressed`, () => {
    assert.ok(packed.size <= BUDGETS.emulator, `the tarball is ${packed.size} bytes (${packed.files.length} files, ${packed.unpackedSize} unpacked)`);
  });
});
