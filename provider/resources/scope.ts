/**
 * Who owns a resource, computed in the program: the backend, the organization and the resource's
 * URN (stack, project, parent types, type, name). The provider keys its create journal by it
 * (provider/lifecycle/journal.ts), so two stacks of one project — or two projects, or two backends —
 * never read each other's entries. Only a hash is passed: a backend URL may carry credentials.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import * as pulumi from "@pulumi/pulumi";

let cachedBackend: string | undefined;

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** `backend: url:` of the nearest Pulumi.yaml above `dir`, as the CLI resolves it. */
function projectBackend(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    for (const name of ["Pulumi.yaml", "Pulumi.yml"]) {
      const file = join(current, name);
      if (!existsSync(file)) continue;
      const text = readText(file) ?? "";
      return /^backend:\s*\n(?:[ \t]+.*\n)*?[ \t]+url:\s*["']?([^"'\s]+)/m.exec(`${text}\n`)?.[1];
    }
    if (dirname(current) === current) return undefined;
  }
}

/**
 * The backend the CLI runs against, in the CLI's order: `PULUMI_BACKEND_URL`, the project's
 * `backend.url`, then the current login in `$PULUMI_HOME/credentials.json`.
 */
export function currentBackend(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  if (env["PULUMI_BACKEND_URL"]) return env["PULUMI_BACKEND_URL"];
  const fromProject = projectBackend(cwd);
  if (fromProject) return fromProject;
  const credentials = readText(join(env["PULUMI_HOME"] || join(homedir(), ".pulumi"), "credentials.json"));
  try {
    return (JSON.parse(credentials ?? "{}") as { current?: string }).current ?? "";
  } catch {
    return "";
  }
}

/** The `parent$child` type chain of a URN, the stack resource left out (as the engine does). */
function qualifiedType(type: string, parent: pulumi.Resource | undefined): string {
  const chain: string[] = [type];
  for (let r: pulumi.Resource | undefined = parent; r; r = (r as unknown as { __parentResource?: pulumi.Resource }).__parentResource) {
    const parentType = pulumi.resourceType(r);
    if (parentType === "pulumi:pulumi:Stack") break;
    chain.unshift(parentType);
  }
  return chain.join("$");
}

/** The URN the engine will give this resource. */
export function expectedUrn(typeToken: string, name: string, parent: pulumi.Resource | undefined): string {
  const type = qualifiedType(typeToken, parent);
  return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${type}::${name}`;
}

/** The owner scope of a resource: sha256 of backend, organization and URN. */
export function ownerScope(typeToken: string, name: string, parent: pulumi.Resource | undefined): string {
  cachedBackend ??= currentBackend();
  let organization = "";
  try {
    organization = pulumi.getOrganization();
  } catch {
    // Older engines set no organization.
  }
  return createHash("sha256").update([cachedBackend, organization, expectedUrn(typeToken, name, parent)].join("\u0000")).digest("hex");
}
