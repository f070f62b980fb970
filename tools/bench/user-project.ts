/**
 * The library as a user has it, for `npm run bench:stack`: `npm pack` of this repository installed
 * (with `npm install --prefer-offline`) into a fresh project in the system's temp directory, outside
 * the repository. The bench's programs are copied into that project and run from there.
 *
 * Why not run them in the repository: there `node_modules/pulumi-ctyun` is a link back to the
 * repository (the devDependency `file:.`), so Pulumi's closure serialization does not see an
 * installed package and stores the provider's code (~3 KB, twice) in every resource's state, and
 * the CLI's time grows with it. Installed, the serialized provider is a short
 * `require("pulumi-ctyun/providers/<kind>")` (as test/e2e/installed-package.spec.ts checks).
 * The approach is that spec's.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { REPO_ROOT } from "../demo/engine";

export interface UserProject {
  /** The project directory: its node_modules hold the installed tarball. */
  readonly dir: string;
  /** Copies a program directory (without node_modules) into the project; returns the copy's path. */
  addProgram(name: string, source: string): string;
  /** Removes the project and the tarball. */
  dispose(): void;
}

function npm(args: readonly string[], cwd: string): string {
  return execFileSync("npm", [...args], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" },
  });
}

/** The version installed in the repository, so the install can come from npm's cache. */
function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(REPO_ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
}

/** Packs the (already built) library and installs it into a new project outside the repository. */
export function installPackedLibrary(): UserProject {
  const work = mkdtempSync(join(tmpdir(), "ctyun-bench-user-"));
  const dir = join(work, "project");
  mkdirSync(dir);
  // --ignore-scripts: `npm run bench:stack` has built dist/ already; `prepare` would build it again.
  const tarball = join(work, npm(["pack", "--ignore-scripts", "--pack-destination", work], REPO_ROOT).trim().split("\n").pop() as string);
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify(
      {
        name: "ctyun-bench-user-project",
        private: true,
        dependencies: { "@pulumi/pulumi": installedVersion("@pulumi/pulumi"), "pulumi-ctyun": `file:${tarball}` },
        devDependencies: { "@types/node": installedVersion("@types/node"), typescript: installedVersion("typescript") },
      },
      null,
      2,
    ),
  );
  npm(["install", "--no-audit", "--no-fund", "--prefer-offline"], dir);
  return {
    dir,
    addProgram(name, source) {
      const target = join(dir, "programs", name);
      cpSync(source, target, { recursive: true, filter: (path) => basename(path) !== "node_modules" });
      return target;
    },
    dispose() {
      rmSync(work, { recursive: true, force: true });
    },
  };
}
