/**
 * The Pulumi engine for the demo and the end-to-end tests: where it is, how to build it, and the
 * environment every `pulumi` run gets (a `file://` backend, a passphrase secrets provider and a
 * `PULUMI_HOME` of its own, so nothing touches the user's ~/.pulumi or Pulumi Cloud).
 */
import { spawn } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** The repository root (this file is tools/demo/engine.ts). */
export const REPO_ROOT = resolve(__dirname, "..", "..");

/** Where `tools/engine/ensure-engine.sh` puts the binaries it builds. */
export const BUILT_ENGINE_BIN = join(REPO_ROOT, ".tools", "pulumi", "bin");

const ENGINE_FILES = ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"] as const;

export interface EngineLocation {
  /** Directory holding `pulumi`, `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`. */
  readonly binDir: string;
  /** `PulumiCommand.get({root})` wants the directory above `bin/`. */
  readonly root: string;
  readonly source: "PATH" | ".tools/pulumi/bin";
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env["PATH"] ?? "").split(delimiter)) {
    if (dir !== "" && executable(join(dir, name))) return dir;
  }
  return undefined;
}

/**
 * Finds an engine without building one: `pulumi` + `pulumi-language-nodejs` on PATH (the same rule
 * as ensure-engine.sh), else a complete `.tools/pulumi/bin`. The dynamic-provider plugin script must
 * sit next to `pulumi` or on PATH. `undefined` when there is none (a fresh clone).
 */
export function locateEngine(env: NodeJS.ProcessEnv = process.env): EngineLocation | undefined {
  const pathDir = onPath("pulumi", env);
  if (pathDir && onPath("pulumi-language-nodejs", env) && (executable(join(pathDir, ENGINE_FILES[2])) || onPath(ENGINE_FILES[2], env))) {
    return { binDir: pathDir, root: dirname(pathDir), source: "PATH" };
  }
  if (ENGINE_FILES.every((name) => executable(join(BUILT_ENGINE_BIN, name)))) {
    return { binDir: BUILT_ENGINE_BIN, root: dirname(BUILT_ENGINE_BIN), source: ".tools/pulumi/bin" };
  }
  return undefined;
}

/**
 * Runs `tools/engine/ensure-engine.sh`: reuses an engine on PATH or a matching `.tools/pulumi/bin`
 * (well under a second), else builds one from Go modules (several minutes the first time).
 * Progress lines go to `log`; resolves with the bin directory.
 */
export function ensureEngine(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Promise<EngineLocation> {
  const script = join(REPO_ROOT, "tools", "engine", "ensure-engine.sh");
  return new Promise((resolvePromise, reject) => {
    const child = spawn("bash", [script], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let pending = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) log(line);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (pending !== "") log(pending);
      const binDir = stdout.trim().split("\n").pop() ?? "";
      if (code !== 0 || binDir === "" || !existsSync(join(binDir, "pulumi"))) {
        reject(new Error(`tools/engine/ensure-engine.sh failed (exit ${code}); see the lines above`));
        return;
      }
      const source = binDir === BUILT_ENGINE_BIN ? ".tools/pulumi/bin" : "PATH";
      resolvePromise({ binDir, root: dirname(binDir), source });
    });
  });
}

export interface EngineEnvOptions {
  readonly engine: EngineLocation;
  /** Directory of the `file://` backend (created by the caller). */
  readonly stateDir: string;
  /** `PULUMI_HOME`: plugins, workspace settings, and the ctyun create journal. */
  readonly homeDir: string;
  /** Passphrase of the passphrase secrets provider. */
  readonly passphrase: string;
  /** Skip ts-node's type check of the program (it is type-checked by `npm run typecheck`). */
  readonly transpileOnly?: boolean;
  readonly extra?: Readonly<Record<string, string>>;
}

/**
 * The environment of every `pulumi` run. The CLI passes it on to the language host and to the
 * dynamic-provider process (which is where `ctyun:*` settings fall back to `CTYUN_*` variables).
 */
export function engineEnv(options: EngineEnvOptions, base: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined) env[key] = value;
  Object.assign(env, {
    PATH: [options.engine.binDir, base["PATH"] ?? ""].filter((part) => part !== "").join(delimiter),
    PULUMI_BACKEND_URL: pathToFileURL(options.stateDir).href,
    PULUMI_CONFIG_PASSPHRASE: options.passphrase,
    PULUMI_HOME: options.homeDir,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    // The CLI would otherwise look for a newer version of itself and of plugins on the internet.
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    ...(options.transpileOnly ? { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } : {}),
    ...options.extra,
  });
  // Blank rather than deleted: the Automation API merges `envVars` over process.env. A passphrase
  // file from the caller's shell would win over the passphrase.
  env["PULUMI_CONFIG_PASSPHRASE_FILE"] = "";
  return env;
}
