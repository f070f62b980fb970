/**
 * The emulator is an independent second implementation of CTyun: nothing under emulator/ may import
 * from provider/ (or from the package root, which is the provider). Its EOP signing maths are pinned by
 * the same external vectors as the provider's signer, each side on its own.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { bodyDigest, eopDateInstant, expectedSignature, parseQuery, signedQueryCandidates, stringToSign } from "../../emulator/auth/eop-signing";

const REPO = resolve(__dirname, "..", "..");
const EMULATOR = join(REPO, "emulator");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    // The package's build output and dependencies are not its sources.
    if (name === "dist" || name === "node_modules") return [];
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|js)$/.test(name) ? [path] : [];
  });
}

/** Every module specifier in import/export-from statements, dynamic import() and require(). */
function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [/\bfrom\s+["']([^"']+)["']/g, /\bimport\s+["']([^"']+)["']/g, /\bimport\(\s*["']([^"']+)["']\s*\)/g, /\brequire\(\s*["']([^"']+)["']\s*\)/g];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]!);
  return found;
}

describe("emulator independence", () => {
  it("imports nothing from provider/ or the package root", () => {
    const files = sourceFiles(EMULATOR);
    assert.ok(files.length > 50, "the scan sees the emulator's sources");
    const offending: string[] = [];
    for (const file of files) {
      for (const specifier of specifiers(readFileSync(file, "utf8"))) {
        const target = specifier.startsWith(".") ? resolve(dirname(file), specifier) : undefined;
        const leavesEmulator = target !== undefined && !target.startsWith(EMULATOR + "/") && target !== EMULATOR;
        const packageRoot = specifier === "pulumi-ctyun" || specifier.startsWith("pulumi-ctyun/");
        if (leavesEmulator || packageRoot) offending.push(`${relative(REPO, file)} → ${specifier}`);
      }
    }
    assert.deepEqual(offending, []);
  });

  it("finds an import that leaves emulator/ (the scan can fail)", () => {
    const probe = 'import { x } from "../../provider/client/signer";\nconst y = require("../provider/index");';
    assert.deepEqual(specifiers(probe), ["../../provider/client/signer", "../provider/index"]);
  });

  describe("its own EOP signing against the shared vectors", () => {
    interface Vector {
      name: string;
      inputs: { accessKey: string; secretKey: string; query: Array<[string, string]>; body: string; requestId: string; eopDate: string };
      intermediate: { canonicalQuery: string; bodySha256Hex: string; stringToSign: string };
      expected: { signature: string };
    }
    const vectors = (JSON.parse(readFileSync(join(REPO, "test", "fixtures", "eop-signing-vectors.json"), "utf8")) as { vectors: Vector[] }).vectors;

    for (const v of vectors) {
      it(v.name, () => {
        const raw = v.intermediate.canonicalQuery;
        assert.deepEqual(parseQuery(raw)?.slice().sort(), v.inputs.query.slice().sort(), "the canonical query decodes to the inputs");
        assert.ok(signedQueryCandidates(raw).includes(v.intermediate.canonicalQuery));
        assert.equal(bodyDigest(Buffer.from(v.inputs.body, "utf8")), v.intermediate.bodySha256Hex);
        const toSign = stringToSign([["eop-date", v.inputs.eopDate], ["ctyun-eop-request-id", v.inputs.requestId]], v.intermediate.canonicalQuery, v.intermediate.bodySha256Hex);
        assert.equal(toSign, v.intermediate.stringToSign);
        assert.equal(expectedSignature(v.inputs.secretKey, v.inputs.accessKey, v.inputs.eopDate, toSign), v.expected.signature);
      });
    }

    it("re-encodes a query the way Go and the Python SDK v2 sign it", () => {
      const raw = "b=a%20b&a=x%2Fy";
      assert.deepEqual(signedQueryCandidates(raw), ["b=a%20b&a=x%2Fy", "a=x%2Fy&b=a+b", "a=x%2Fy&b=a%20b", "a=x/y&b=a b"]);
    });

    it("reads eop-date as wall-clock time at a UTC offset and refuses impossible dates", () => {
      assert.equal(eopDateInstant("20240102T153045Z", 480), Date.UTC(2024, 0, 2, 7, 30, 45));
      assert.equal(eopDateInstant("20240102T153045Z", 0), Date.UTC(2024, 0, 2, 15, 30, 45));
      for (const bad of ["20240230T000000Z", "20241301T000000Z", "20240102T246000Z", "2024-01-02T15:30:45Z"]) assert.equal(eopDateInstant(bad, 0), undefined, bad);
    });
  });
});
