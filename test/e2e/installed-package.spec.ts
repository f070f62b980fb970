/**
 * The library as users get it: `npm pack` of this repository installed into a fresh project outside
 * the repository (its own package.json with @pulumi/pulumi 3.248.0 and TypeScript 5.9, Pulumi.yaml,
 * index.ts), `npm install`, and `pulumi up` there with ts-node type-checking the program as it does
 * by default. The serialized providers must resolve `pulumi-ctyun/runtime` from that project's
 * node_modules.
 *
 * Then the upgrade path: a newer build of the library (another version, and provider code whose
 * serialized text differs) is installed over it, and `preview` must show no changes: the explicit
 * diff ignores `__provider`.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { REPO_ROOT } from "../../tools/demo/engine";
import { changes, describeE2E, exportedState, timed } from "./harness";

const PROJECT = "ctyun-user-project";
const UPGRADE_VERSION = "0.1.1-e2e.0";
const UPGRADE_MARKER = `/* pulumi-ctyun ${UPGRADE_VERSION} */`;

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as ctyun from "pulumi-ctyun";

const config = new pulumi.Config();
const vpc = new ctyun.Vpc("app", { cidr: "10.20.0.0/16", description: config.get("description") ?? "a user's project" });
const subnet = new ctyun.Subnet("app", { vpcId: vpc.vpcId, cidr: "10.20.1.0/24" });
const sg = new ctyun.SecurityGroup("app", { vpcId: vpc.vpcId });
new ctyun.SecurityGroupRule("app-https", {
  securityGroupId: sg.securityGroupId,
  direction: "ingress",
  action: "accept",
  protocol: "tcp",
  etherType: "ipv4",
  range: "443",
});
const ip = new ctyun.Eip("app", { bandwidth: 2 });

export const vpcId: pulumi.Output<string> = vpc.vpcId;
export const subnetId: pulumi.Output<string> = subnet.subnetId;
export const address: pulumi.Output<string> = ip.address;
`;

function npm(args: readonly string[], cwd: string, env: Record<string, string> = {}): string {
  return execFileSync("npm", [...args], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false", ...env },
  });
}

/** `npm install` as a user runs it: the library depends on no native module, so nothing compiles. */
function install(project: string): void {
  npm(["install", "--no-audit", "--no-fund", "--prefer-offline"], project);
}

/** Native addons (`*.node`) anywhere under a project's node_modules. */
function nativeAddons(dir: string): string[] {
  const found: string[] = [];
  const walk = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".node")) found.push(full.slice(dir.length + 1));
    }
  };
  walk(join(dir, "node_modules"));
  return found;
}

/** `npm pack` → the tarball's absolute path. */
function pack(dir: string, destination: string): string {
  const name = npm(["pack", "--ignore-scripts", "--pack-destination", destination], dir).trim().split("\n").pop() as string;
  return join(destination, name);
}

describeE2E(
  "the packed library in a user's project outside the repository",
  (e2e) => {
    const suite = "installed package";
    let work: string;
    let project: string;
    let stack: Stack;
    let tarball: string;

    before(function () {
      // (inside describeE2E's own before hook, which has made the context or skipped)
      work = mkdtempSync(join(tmpdir(), "ctyun-user-"));
      project = join(work, "project");
      mkdirSync(project);
    });

    after(() => {
      if (work && process.env["CTYUN_E2E_KEEP"] !== "1") rmSync(work, { recursive: true, force: true });
    });

    it("npm pack, then npm install in a fresh project: @pulumi/pulumi 3.248.0, TypeScript 5.9, the tarball", async () => {
      tarball = await timed(suite, "npm pack", async () => pack(REPO_ROOT, work));
      writeFileSync(
        join(project, "package.json"),
        JSON.stringify(
          {
            name: PROJECT,
            private: true,
            main: "index.ts",
            dependencies: { "@pulumi/pulumi": "3.248.0", "pulumi-ctyun": `file:${tarball}` },
            devDependencies: { "@types/node": "^20.19.0", typescript: "~5.9.3" },
          },
          null,
          2,
        ),
      );
      writeFileSync(join(project, "Pulumi.yaml"), `name: ${PROJECT}\nruntime: nodejs\ndescription: A user's project on CTyun\n`);
      writeFileSync(
        join(project, "tsconfig.json"),
        JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "commonjs", moduleResolution: "node10", esModuleInterop: true, skipLibCheck: true, types: ["node"] }, files: ["index.ts"] }, null, 2),
      );
      writeFileSync(join(project, "index.ts"), PROGRAM);
      await timed(suite, "npm install", async () => install(project));
      assert.deepEqual(nativeAddons(project), [], "installing pulumi-ctyun builds no native module (the emulator, with SQLite, is the ctyun-emulator package)");
      const installed = JSON.parse(readFileSync(join(project, "node_modules", "pulumi-ctyun", "package.json"), "utf8")) as { version: string };
      assert.equal(installed.version, JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")).version);
    });

    it("pulumi up there (ts-node type-checks the program): providers load pulumi-ctyun/runtime from the project's node_modules", async () => {
      // As a user runs it: no transpile-only shortcut.
      const env = { ...e2e().env, PULUMI_NODEJS_TRANSPILE_ONLY: "false" };
      stack = await LocalWorkspace.createOrSelectStack({ stackName: "dev", workDir: project }, { pulumiCommand: e2e().pulumiCommand, envVars: env, secretsProvider: "passphrase" });
      await stack.setAllConfig(e2e().providerConfig());
      const up = await timed(suite, "up (create, type-checked)", () => stack.up());
      assert.deepEqual(changes(up.summary), { create: 6 });
      assert.match(String(up.outputs["address"]?.value), /^\d+\.\d+\.\d+\.\d+$/);
      const { resources } = await exportedState(stack);
      for (const resource of resources) {
        const text = String(resource.inputs?.["__provider"]);
        assert.match(text, /require\("pulumi-ctyun\/providers\/[a-z-]+"\)/, `${resource.urn}: the provider is the installed package's module, by name`);
        assert.ok(!text.includes(REPO_ROOT) && !text.includes(work), `${resource.urn}: the serialized provider holds no local path`);
        assert.ok(text.length < 1_000, `${resource.urn}: the serialized provider is a reference, not code (${text.length} chars)`);
      }
      const preview = await timed(suite, "preview (expect no changes)", () => stack.preview({ expectNoChanges: true }));
      assert.deepEqual(Object.keys(changes({ resourceChanges: preview.changeSummary })), ["same"]);
    });

    it("pulumi new from templates/ctyun-typescript: config answered, keys stored as secrets, the new project previews against the emulator", async () => {
      // The template as published, but installing this build of the library instead of the registry's.
      const template = join(work, "template");
      cpSync(join(REPO_ROOT, "templates", "ctyun-typescript"), template, { recursive: true });
      const manifest = JSON.parse(readFileSync(join(template, "package.json"), "utf8")) as { dependencies: Record<string, string> };
      manifest.dependencies = { ...manifest.dependencies, "@pulumi/pulumi": "3.248.0", "pulumi-ctyun": `file:${tarball}` };
      writeFileSync(join(template, "package.json"), JSON.stringify(manifest, null, 2));
      const dir = join(work, "from-template");
      const provider = e2e().providerConfig();
      await timed(suite, "pulumi new (template, npm install)", async () =>
        execFileSync(
          join(e2e().engine.binDir, "pulumi"),
          ["new", template, "--dir", dir, "--yes", "--non-interactive", "--name", "ctyun-from-template", "--stack", "dev", "--secrets-provider", "passphrase",
            "-c", `ctyun:endpoint=${e2e().emulator.url}`],
          { env: { ...e2e().env, npm_config_audit: "false", npm_config_fund: "false" }, stdio: ["ignore", "pipe", "pipe"] },
        ),
      );
      // Non-interactive, the prompts take their defaults (region, zone); keys have none. The template
      // marks them secret, so its prompts store them encrypted: the same is done here by hand.
      const templateFile = readFileSync(join(REPO_ROOT, "templates", "ctyun-typescript", "Pulumi.yaml"), "utf8");
      for (const key of ["ctyun:accessKey", "ctyun:secretKey"]) assert.match(templateFile, new RegExp(`${key}:\\n(\\s+\\w+: .*\\n)*?\\s+secret: true`), `${key} is a secret prompt`);
      const settings = readFileSync(join(dir, "Pulumi.dev.yaml"), "utf8");
      assert.match(settings, /ctyun:regionId: bb9fdb42056f11eda1610242ac110002/, "the region prompt's default");
      assert.match(settings, /ctyun:azName: cn-huadong1-jsnj1A-public-ctcloud/, "the zone prompt's default");
      const created = await LocalWorkspace.selectStack({ stackName: "dev", workDir: dir }, { pulumiCommand: e2e().pulumiCommand, envVars: e2e().env });
      await created.setAllConfig({ "ctyun:accessKey": { value: String(provider["ctyun:accessKey"]?.value), secret: true }, "ctyun:secretKey": { value: String(provider["ctyun:secretKey"]?.value), secret: true } });
      const preview = await timed(suite, "preview (new project)", () => created.preview());
      assert.deepEqual(preview.changeSummary, { create: 5 }, "the stack, a VPC, a subnet, a group and a rule");
    });

    it("a newer build of the library (other version, changed provider code) previews no changes and runs the new code", async () => {
      // The newer build: the installed package with another version and a changed provider method.
      const source = join(work, "upgrade");
      cpSync(join(project, "node_modules", "pulumi-ctyun"), source, { recursive: true });
      rmSync(join(source, "node_modules"), { recursive: true, force: true });
      const manifest = JSON.parse(readFileSync(join(source, "package.json"), "utf8")) as Record<string, unknown>;
      writeFileSync(join(source, "package.json"), JSON.stringify({ ...manifest, version: UPGRADE_VERSION }, null, 2));
      const shim = join(source, "dist", "provider", "resources", "shim.js");
      const code = readFileSync(shim, "utf8");
      const changed = code.replace(/(async check\([^)]*\) \{)/, `$1 process.stderr.write(${JSON.stringify(`${UPGRADE_MARKER}\n`)});`);
      assert.notEqual(changed, code, "found the check method in the compiled shim");
      writeFileSync(shim, changed);
      const tarball = pack(source, work);
      // Only pulumi-ctyun changes; its dependencies are installed already.
      await timed(suite, "npm install (upgrade)", async () => npm(["install", "--no-audit", "--no-fund", "--prefer-offline", tarball], project));

      const preview = await timed(suite, "preview (after upgrade)", () => stack.preview({ expectNoChanges: true, diff: true }));
      assert.deepEqual(Object.keys(changes({ resourceChanges: preview.changeSummary })), ["same"], preview.stdout);
      assert.ok(`${preview.stdout}${preview.stderr}`.includes(UPGRADE_MARKER), "the state's provider reference loaded the upgraded library's code");
      const references = async () => Object.fromEntries((await exportedState(stack)).resources.map((r) => [r.urn, r.inputs?.["__provider"]]));
      const before = await references();
      const up = await timed(suite, "up (after upgrade)", () => stack.up());
      assert.deepEqual(changes(up.summary), { same: 6 });
      const after = await references();
      assert.deepEqual(after, before, "the provider reference in state does not change with the library");
    });

    it("destroy with the upgraded library", async () => {
      await timed(suite, "destroy", () => stack.destroy());
      assert.deepEqual(await e2e().resources(), {});
      await stack.workspace.removeStack(stack.name);
    });
  },
  { timeoutMs: 15 * 60_000 },
);
