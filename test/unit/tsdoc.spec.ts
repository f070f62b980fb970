/**
 * Every input and output of every resource class, and every lookup's arguments and results, carry
 * TSDoc in the shipped declarations (what an editor shows on hover, and what the API reference is
 * generated from).
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as ts from "typescript";

const DIST = join(__dirname, "..", "..", "dist", "provider");

/** `Class.member` / `Interface.member` names declared without a TSDoc comment in a .d.ts. */
function undocumented(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const missing: string[] = [];
  const documented = (node: ts.Node): boolean => ts.getJSDocCommentsAndTags(node).some((doc) => ts.isJSDoc(doc) && (doc.comment !== undefined || (doc.tags?.length ?? 0) > 0));
  source.forEachChild((node) => {
    if ((ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)) && node.name) {
      const owner = node.name.text;
      for (const member of node.members) {
        if (!(ts.isPropertyDeclaration(member) || ts.isPropertySignature(member)) || !member.name || !ts.isIdentifier(member.name)) continue;
        if (!documented(member)) missing.push(`${owner}.${member.name.text}`);
      }
    }
  });
  return missing;
}

function declarations(folder: string): string[] {
  return readdirSync(join(DIST, folder))
    .filter((name) => name.endsWith(".d.ts"))
    .map((name) => join(DIST, folder, name));
}

describe("TSDoc in the shipped declarations", () => {
  it("documents every input and output of every resource class", () => {
    const missing = declarations("resources").flatMap(undocumented);
    assert.deepEqual(missing, []);
  });

  it("documents every lookup argument and result field", () => {
    const missing = declarations("lookups").flatMap(undocumented);
    assert.deepEqual(missing, []);
  });
});
