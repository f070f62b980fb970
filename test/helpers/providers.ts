/**
 * Resource tests the way the engine runs them: an emulator on an ephemeral port, and each provider
 * serialized with `pulumi.runtime.serializeFunction`, loaded back from its text with
 * `require-from-string` and configured with the stack settings, exactly like the dynamic-provider
 * process does. The provider runtime (loaded from `dist/` through `pulumi-ctyun/runtime`) runs on
 * the emulator's fake clock: every wait advances virtual time, nothing sleeps for real.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from "../../emulator/index";
import { providerFor } from "../../provider/resources/shim";
import { REGION_HUADONG1, useEmulator, type EmulatorHarness, type HarnessOptions } from "./emulator";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const requireFromString = require("require-from-string") as (code: string) => { handler(): pulumi.dynamic.ResourceProvider };

export type Props = Record<string, any>;

/** A provider as the engine sees it, with every method present. */
export interface LoadedProvider {
  /** The serialized `__provider` text stored in state. */
  readonly text: string;
  check(olds: Props, news: Props): Promise<{ inputs: Props; failures: Array<{ property: string; reason: string }> }>;
  diff(id: string, olds: Props, news: Props): Promise<{ changes?: boolean; replaces?: string[]; deleteBeforeReplace?: boolean }>;
  create(inputs: Props): Promise<{ id: string; outs: Props }>;
  read(id: string, props: Props): Promise<{ id?: string; props?: Props; inputs?: Props }>;
  update(id: string, olds: Props, news: Props): Promise<{ outs: Props }>;
  delete(id: string, props: Props): Promise<void>;
}

export const AZ_HUADONG1 = "cn-huadong1-jsnj1A-public-ctcloud";

/** The stack configuration every test provider gets (the engine passes namespaced keys). */
export function stackConfig(url: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    "ctyun:endpoint": url,
    "ctyun:accessKey": DEMO_ACCESS_KEY,
    "ctyun:secretKey": DEMO_SECRET_KEY,
    "ctyun:regionId": REGION_HUADONG1,
    "ctyun:azName": AZ_HUADONG1,
    ...overrides,
  };
}

/** Serializes the provider of `kind`, loads it from the text and configures it. */
export async function loadProvider(kind: string, config: Record<string, string>): Promise<LoadedProvider> {
  const provider = providerFor(kind);
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  const loaded = requireFromString(serialized.text).handler() as unknown as LoadedProvider & {
    configure(req: { config: { get(key: string): string | undefined; require(key: string): string } }): Promise<void>;
  };
  await loaded.configure({
    config: {
      get: (key) => config[key],
      require: (key) => {
        const value = config[key];
        if (value === undefined) throw new Error(`missing required configuration key ${key}`);
        return value;
      },
    },
  });
  return Object.assign(loaded, { text: serialized.text });
}

/** The compiled runtime the serialized providers require (same module instance as theirs). */
export function runtimeModule(): {
  configureRuntime(options: Record<string, unknown> | undefined): void;
  kinds(): string[];
} {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("pulumi-ctyun/runtime");
}

export interface ProviderTestbed {
  readonly emu: EmulatorHarness;
  /** Progress lines the runtime printed during the current test. */
  readonly logs: string[];
  /** Delays the runtime slept (virtual), in order, during the current test. */
  readonly sleeps: number[];
  /** Runs `callback` at each of the runtime's (virtual) sleeps in the current test: a deterministic "meanwhile". */
  onSleep(callback: (sleepIndex: number) => void | Promise<void>): void;
  /** The serialized, configured provider of a kind (config overrides merge over `stackConfig`). */
  provider(kind: string, configOverrides?: Record<string, string>): Promise<LoadedProvider>;
  /** check + create, as `pulumi up` does for a new resource; fails the test on check failures. */
  create(kind: string, inputs: Props, name?: string): Promise<{ id: string; outs: Props; inputs: Props }>;
}

export interface TestbedOptions extends HarnessOptions {}

/**
 * Mocha hooks: emulator per suite (reset before each test), virtual time and a private create
 * journal for the runtime, restored after the suite.
 */
export function useProviderTestbed(options: TestbedOptions = {}): ProviderTestbed {
  // Undocumented error codes are drawn from their sets: the provider must not depend on one of them.
  const emu = useEmulator({ ...options, emulator: { unknownCodes: "draw", ...options.emulator } });
  const logs: string[] = [];
  const sleeps: number[] = [];
  let journalDir = "";
  let ids = 0;
  let sleepHook: ((sleepIndex: number) => void | Promise<void>) | undefined;

  before(() => {
    journalDir = mkdtempSync(join(tmpdir(), "ctyun-journal-"));
  });
  beforeEach(() => {
    logs.length = 0;
    sleeps.length = 0;
    sleepHook = undefined;
    runtimeModule().configureRuntime({
      deps: {
        now: () => emu.clock.now(),
        sleep: async (ms: number) => {
          sleeps.push(ms);
          emu.clock.advance(ms);
          await sleepHook?.(sleeps.length);
        },
        random: () => 0.5,
        uuid: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, "0")}`,
      },
      pollMinDelayMs: 1_000,
      pollMaxDelayMs: 5_000,
      log: (line: string) => logs.push(line),
      journalDir,
    });
  });
  after(() => {
    runtimeModule().configureRuntime(undefined);
    rmSync(journalDir, { recursive: true, force: true });
  });

  const bed: ProviderTestbed = {
    emu,
    logs,
    sleeps,
    onSleep: (callback) => {
      sleepHook = callback;
    },
    provider: (kind, overrides = {}) => loadProvider(kind, stackConfig(emu.url, overrides)),
    async create(kind, inputs, name = `${kind.toLowerCase()}-${++ids}`) {
      const provider = await bed.provider(kind);
      const checked = await provider.check({}, { pulumiName: name, ...inputs });
      if (checked.failures.length > 0) throw new Error(`check failed for ${kind} ${name}: ${JSON.stringify(checked.failures)}`);
      const created = await provider.create({ ...checked.inputs, __provider: provider.text });
      return { ...created, inputs: { ...checked.inputs, __provider: provider.text } };
    },
  };
  return bed;
}
