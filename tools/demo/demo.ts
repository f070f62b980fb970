/**
 * `npm run demo` / `npm run demo:destroy`: the quickstart stack (examples/quickstart, run through the
 * root Pulumi.yaml) against the local CTyun emulator, with the real Pulumi engine.
 *
 * Everything lives under `.demo/` (git-ignored): the emulator's persistent state and its log/pid,
 * the `file://` backend, `PULUMI_HOME`, the stack settings and an `env.sh` for running `pulumi` by
 * hand. Rerunning the demo reuses all of it; `demo:destroy` destroys the stack and stops the emulator.
 *
 *   node -r ts-node/register/transpile-only tools/demo/demo.ts [up|destroy]
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { spawnSync } from "node:child_process";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { ensureEngine, engineEnv, REPO_ROOT, type EngineLocation } from "./engine";
import { describeResources, EmulatorControl, processAlive, startEmulatorProcess, stopProcess } from "./emulator-process";

/** The demo's passphrase for the passphrase secrets provider. It protects nothing real: demo only. */
export const DEMO_PASSPHRASE = "ctyun-demo";
export const DEMO_STACK = "demo";
/** The emulator's documented demo key pair (emulator/credentials.ts); valid for the emulator only. */
const DEMO_ACCESS_KEY = "emulatordemoaccesskey00000000001";
const DEMO_SECRET_KEY = "emulatordemosecretkey00000000001";
/** 华东1 (cn-huadong1) and its first availability zone in the emulator's catalog. */
const DEMO_REGION_ID = "bb9fdb42056f11eda1610242ac110002";
const DEMO_AZ_NAME = "cn-huadong1-jsnj1A-public-ctcloud";
/** Preferred emulator port (any free one if taken). */
const DEMO_PORT = Number(process.env["CTYUN_DEMO_PORT"] ?? 8600);

const DEMO_DIR = join(REPO_ROOT, ".demo");
const paths = {
  dir: DEMO_DIR,
  emulatorData: join(DEMO_DIR, "emulator"),
  emulatorLog: join(DEMO_DIR, "emulator.log"),
  emulatorPid: join(DEMO_DIR, "emulator.pid"),
  emulatorInfo: join(DEMO_DIR, "emulator.json"),
  state: join(DEMO_DIR, "state"),
  home: join(DEMO_DIR, "home"),
  stacks: join(DEMO_DIR, "stacks"),
  envFile: join(DEMO_DIR, "env.sh"),
};

const bold = (text: string) => (process.stdout.isTTY ? `\u001b[1m${text}\u001b[0m` : text);
function say(text: string): void {
  process.stdout.write(`${bold(`demo: ${text}`)}\n`);
}
const rel = (path: string) => relative(process.cwd(), path) || ".";

/** dist/ is what the program and the provider process load; rebuild it if a source is newer. */
function ensureBuilt(): void {
  const marker = join(REPO_ROOT, "dist", "provider", "runtime.js");
  const builtAt = existsSync(marker) && existsSync(join(REPO_ROOT, "emulator", "dist", "cli.js")) ? statSync(marker).mtimeMs : 0;
  const newest = (dir: string): number => {
    let latest = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) latest = entry.name === "dist" || entry.name === "node_modules" ? latest : Math.max(latest, newest(full));
      else if (entry.name.endsWith(".ts")) latest = Math.max(latest, statSync(full).mtimeMs);
    }
    return latest;
  };
  if (builtAt > 0 && builtAt >= Math.max(newest(join(REPO_ROOT, "provider")), newest(join(REPO_ROOT, "emulator")))) return;
  say(builtAt === 0 ? "building the library (dist/ is missing)" : "rebuilding the library (sources are newer than dist/)");
  const result = spawnSync("npm", ["run", "--silent", "build"], { cwd: REPO_ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error("npm run build failed");
}

async function engine(): Promise<EngineLocation> {
  say("making sure the Pulumi engine is available (tools/engine/ensure-engine.sh)");
  say("  the first time this builds the Pulumi CLI from Go modules: several minutes; afterwards it takes a second");
  const location = await ensureEngine((line) => process.stderr.write(`  ${line}\n`));
  say(`  engine: ${location.binDir}`);
  return location;
}

interface EmulatorInfo {
  readonly pid: number;
  readonly url: string;
}

function readEmulatorInfo(): EmulatorInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(paths.emulatorInfo, "utf8")) as EmulatorInfo;
    return typeof info.pid === "number" && typeof info.url === "string" ? info : undefined;
  } catch {
    return undefined;
  }
}

/** The running demo emulator, or a new one on the same persistent data directory. */
async function emulator(): Promise<EmulatorInfo> {
  const previous = readEmulatorInfo();
  if (previous && processAlive(previous.pid) && (await new EmulatorControl(previous.url).healthy())) {
    say(`emulator already running at ${previous.url} (pid ${previous.pid})`);
    return previous;
  }
  if (previous && processAlive(previous.pid)) await stopProcess(previous.pid);
  say(`starting the CTyun emulator in the background (state in ${rel(paths.emulatorData)}, realistic timing, log ${rel(paths.emulatorLog)})`);
  const common = { dataDir: paths.emulatorData, profile: "realistic" as const, logFile: paths.emulatorLog, detached: true };
  let started;
  try {
    started = await startEmulatorProcess({ ...common, port: DEMO_PORT });
  } catch (error) {
    if (!/EADDRINUSE|address already in use/i.test(String(error))) throw error;
    say(`  port ${DEMO_PORT} is taken; using a free one`);
    started = await startEmulatorProcess({ ...common, port: 0 });
  }
  const info = { pid: started.pid, url: started.url };
  writeFileSync(paths.emulatorInfo, `${JSON.stringify(info)}\n`);
  writeFileSync(paths.emulatorPid, `${info.pid}\n`);
  say(`  emulator listening at ${info.url} (pid ${info.pid})`);
  return info;
}

function writeEnvFile(location: EngineLocation): void {
  const lines = [
    "# Source this file to run pulumi by hand against the demo stack: . .demo/env.sh",
    `export PATH="${location.binDir}:$PATH"`,
    `export PULUMI_HOME="${paths.home}"`,
    `export PULUMI_BACKEND_URL="file://${paths.state}"`,
    `export PULUMI_CONFIG_PASSPHRASE="${DEMO_PASSPHRASE}"`,
    "export PULUMI_SKIP_UPDATE_CHECK=true",
    `cd "${REPO_ROOT}"`,
    "",
  ];
  writeFileSync(paths.envFile, lines.join("\n"));
}

async function openStack(location: EngineLocation, create: boolean): Promise<Stack | undefined> {
  for (const dir of [paths.state, paths.home, paths.stacks]) mkdirSync(dir, { recursive: true });
  writeEnvFile(location);
  const pulumiCommand = await PulumiCommand.get({ root: location.root, skipVersionCheck: true });
  const options = {
    pulumiCommand,
    secretsProvider: "passphrase",
    envVars: engineEnv({ engine: location, stateDir: paths.state, homeDir: paths.home, passphrase: DEMO_PASSPHRASE }),
  };
  const args = { stackName: DEMO_STACK, workDir: REPO_ROOT };
  if (create) return LocalWorkspace.createOrSelectStack(args, options);
  try {
    return await LocalWorkspace.selectStack(args, options);
  } catch (error) {
    if (/no stack named|not found|does not exist/i.test(String(error))) return undefined;
    throw error;
  }
}

/** The provider settings for the emulator (the program looks its flavor and image up itself). */
async function configure(stack: Stack, endpoint: string): Promise<void> {
  await stack.setAllConfig({
    "ctyun:endpoint": { value: endpoint },
    "ctyun:regionId": { value: DEMO_REGION_ID },
    "ctyun:azName": { value: DEMO_AZ_NAME },
    // Secret too: the engine records the whole stack configuration in the state (the default
    // pulumi-nodejs provider's inputs), so a plain access key would be stored in clear text.
    "ctyun:accessKey": { value: DEMO_ACCESS_KEY, secret: true },
    "ctyun:secretKey": { value: DEMO_SECRET_KEY, secret: true },
  });
}

const color = process.stdout.isTTY ? ("always" as const) : ("never" as const);
/** Streams the CLI's output as it comes (stdout and stderr). */
const streaming = {
  onOutput: (out: string) => process.stdout.write(out),
  onError: (err: string) => process.stderr.write(err),
  color,
};

async function up(): Promise<void> {
  const started = Date.now();
  ensureBuilt();
  const location = await engine();
  const emu = await emulator();
  const stack = (await openStack(location, true)) as Stack;
  await configure(stack, emu.url);
  say(`pulumi up --yes (stack "${DEMO_STACK}", project ctyun-quickstart; the emulator answers like CTyun does, so VM and disk orders take a few seconds)`);
  const result = await stack.up(streaming);
  const outputs = Object.fromEntries(Object.entries(result.outputs).map(([key, output]) => [key, output.secret ? "[secret]" : output.value]));
  const resources = await new EmulatorControl(emu.url).resources();
  process.stdout.write("\n");
  say(`done in ${Math.round((Date.now() - started) / 1000)}s: ${result.summary.result}`);
  process.stdout.write(`\nStack outputs:\n${JSON.stringify(outputs, null, 2)}\n`);
  process.stdout.write(`\nThe emulator holds: ${describeResources(resources)}\n`);
  const hints: Array<[string, string]> = [
    [`. ${rel(paths.envFile)} && pulumi stack output`, "the stack outputs (then pulumi stack, pulumi config, ...)"],
    [`curl -s ${emu.url}/_emulator/state`, "everything the emulator holds"],
    [`curl -s ${emu.url}/_emulator/requests`, "every API call the provider made"],
    ["npm run demo", "again: nothing changes"],
    ["npm run demo:destroy", "delete everything and stop the emulator"],
  ];
  const width = Math.max(...hints.map(([command]) => command.length));
  process.stdout.write(`\nLook around:\n${hints.map(([command, what]) => `  ${command.padEnd(width)}   # ${what}`).join("\n")}\n`);
}

async function destroy(): Promise<void> {
  const started = Date.now();
  ensureBuilt();
  const location = await engine();
  const stack = existsSync(paths.state) ? await openStack(location, false) : undefined;
  if (!stack) {
    say("there is no demo stack (run `npm run demo` first); stopping the emulator if it runs");
    await stopEmulator();
    return;
  }
  const emu = await emulator();
  await configure(stack, emu.url);
  say(`pulumi destroy --yes (stack "${DEMO_STACK}")`);
  const result = await stack.destroy(streaming);
  const left = await new EmulatorControl(emu.url).resources();
  await stopEmulator();
  say(`done in ${Math.round((Date.now() - started) / 1000)}s: ${result.summary.result}; the emulator holds ${describeResources(left)}`);
  say(`the stack's history is kept in ${rel(paths.state)}; \`rm -rf .demo\` forgets everything`);
}

async function stopEmulator(): Promise<void> {
  const info = readEmulatorInfo();
  if (info && processAlive(info.pid)) {
    say(`stopping the emulator (pid ${info.pid}); its state stays in ${rel(paths.emulatorData)}`);
    await stopProcess(info.pid);
  }
  rmSync(paths.emulatorInfo, { force: true });
  rmSync(paths.emulatorPid, { force: true });
}

async function main(): Promise<void> {
  const command = process.argv[2] ?? "up";
  if (command === "up") await up();
  else if (command === "destroy") await destroy();
  else throw new Error(`unknown command "${command}" (expected up or destroy)`);
}

main().catch((error: unknown) => {
  // The Automation API's CommandError repeats the whole (already streamed) output: just say how it ended.
  const result = (error as { commandResult?: { code: number } }).commandResult;
  const text = result ? `pulumi exited with code ${result.code} (its output is above)` : error instanceof Error ? error.message : String(error);
  process.stderr.write(`\ndemo: failed: ${text}\n`);
  process.exit(1);
});
