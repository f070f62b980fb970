/**
 * Every emulator knob in one place: programmatic options → resolved settings, and the CLI/env
 * parser. Nothing else in the emulator reads `process.env` or `process.argv`.
 */
import { DEMO_CREDENTIAL, parseCredential, type Credential } from "./credentials";
import type { StoreLocation } from "./store/database";
import type { RandomSource } from "./store/random";
import type { UnknownCodeMode } from "./unknown-codes";
import { PROFILE_NAMES, timingSpecSchema, type ProfileName, type TimingSpec } from "./engine/timing";
import type { ServiceModule } from "./services/types";

export interface SignatureOptions {
  /** Verify EOP signatures (default true). */
  readonly verify?: boolean;
  /** Accepted clock difference of `eop-date`, read as Beijing time (UTC+8), in minutes (default 15: the gateway doc). */
  readonly windowMinutes?: number;
}

export interface EmulatorOptions {
  /** Persist to `DIR/ctyun-emulator.db` (WAL). Without it the store is in memory. */
  readonly dataDir?: string;
  /** Explicitly in memory; contradicts `dataDir`. */
  readonly inMemory?: boolean;
  /** Extra credentials; the demo pair stays valid unless `demoCredentials` is false. */
  readonly credentials?: readonly Credential[];
  readonly demoCredentials?: boolean;
  readonly signature?: SignatureOptions;
  /** Timing profile at startup and after reset (default `fast`; the CLI defaults to `realistic`). */
  readonly profile?: ProfileName;
  /** Per-kind timing overrides applied at startup and after reset. */
  readonly timing?: Readonly<Record<string, TimingSpec>>;
  /** Makes ids and probabilistic faults reproducible. */
  readonly seed?: string | number;
  /** Emulator time in epoch ms (default `Date.now`). */
  readonly clock?: () => number;
  /** Random source for fault probabilities (default: derived from `seed`, else the OS). */
  readonly random?: RandomSource;
  /** Used by `delay` faults (default: a real timer). Tests inject a recorder. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Request log entries kept in memory (default 10000). */
  readonly requestLogLimit?: number;
  /**
   * Largest request body accepted, in bytes (default 1 MiB, `DEFAULT_MAX_BODY_BYTES`); a larger one is
   * answered with HTTP 413 `Openapi.Request.EntityTooLarge` and never buffered past the limit.
   */
  readonly maxBodyBytes?: number;
  /** Called with unexpected (non-emulator) errors; default prints them to stderr. */
  readonly onUnexpectedError?: (error: unknown) => void;
  /** Receives one line per API request when set (the CLI's `--log-requests`). */
  readonly accessLog?: (line: string) => void;
  /** Services registered after the built-in ones (tests use this for fixture services). */
  readonly extraServices?: readonly ServiceModule[];
  /**
   * How codes of situations whose real CTyun code is unknown are chosen (unknown-codes.ts): `draw`
   * (default) picks one of the documented set per answer with the seeded random source; `first`
   * always answers the set's first code (for tests that pin exact envelopes).
   */
  readonly unknownCodes?: UnknownCodeMode;
}

export interface EmulatorSettings {
  readonly location: StoreLocation;
  readonly credentials: ReadonlyMap<string, string>;
  readonly signature: { readonly verify: boolean; readonly windowMinutes: number };
  readonly profile: ProfileName;
  readonly timing: Readonly<Record<string, TimingSpec>>;
  readonly seed: string | number | undefined;
  readonly clock: () => number;
  readonly random: RandomSource | undefined;
  readonly sleep: (ms: number) => Promise<void>;
  readonly requestLogLimit: number;
  readonly maxBodyBytes: number;
  readonly onUnexpectedError: (error: unknown) => void;
  readonly accessLog: ((line: string) => void) | undefined;
  readonly extraServices: readonly ServiceModule[];
  readonly unknownCodes: UnknownCodeMode;
}

export const DEFAULT_SIGNATURE_WINDOW_MINUTES = 15;
/**
 * 1 MiB. Inferred (no official source states the gateway's limit): far above the largest body CTyun's
 * clients build for the emulated operations (create-instance with 16 KiB of user data and a key pair's
 * public key are a few tens of KiB), small enough that a runaway client cannot make the emulator hold
 * large buffers.
 */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

export function resolveSettings(options: EmulatorOptions = {}): EmulatorSettings {
  if (options.dataDir !== undefined && options.inMemory === true) throw new Error("choose either dataDir or inMemory, not both");
  const credentials = new Map<string, string>();
  if (options.demoCredentials !== false) credentials.set(DEMO_CREDENTIAL.accessKey, DEMO_CREDENTIAL.secretKey);
  for (const credential of options.credentials ?? []) credentials.set(credential.accessKey, credential.secretKey);
  const windowMinutes = options.signature?.windowMinutes ?? DEFAULT_SIGNATURE_WINDOW_MINUTES;
  if (!(windowMinutes >= 0)) throw new Error(`signature window must be >= 0 minutes, got ${windowMinutes}`);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 0) throw new Error(`maxBodyBytes must be a non-negative integer, got ${maxBodyBytes}`);
  const timing: Record<string, TimingSpec> = {};
  for (const [kind, spec] of Object.entries(options.timing ?? {})) timing[kind] = timingSpecSchema.parse(spec);
  return {
    location: options.dataDir !== undefined ? { kind: "directory", dir: options.dataDir } : { kind: "memory" },
    credentials,
    signature: { verify: options.signature?.verify ?? true, windowMinutes },
    profile: options.profile ?? "fast",
    timing,
    seed: options.seed,
    clock: options.clock ?? Date.now,
    random: options.random,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    requestLogLimit: options.requestLogLimit ?? 10_000,
    maxBodyBytes,
    onUnexpectedError: options.onUnexpectedError ?? ((error) => console.error("[ctyun-emulator] unexpected error:", error)),
    accessLog: options.accessLog,
    extraServices: options.extraServices ?? [],
    unknownCodes: options.unknownCodes ?? "draw",
  };
}

// ---------------------------------------------------------------------------------------------
// CLI

export const CREDENTIALS_ENV = "CTYUN_EMULATOR_CREDENTIALS";
/** The one documented port: the README, the demo and the examples all use it. */
export const DEFAULT_PORT = 8600;

export const USAGE = `Usage: ctyun-emulator [options]

  --host HOST                     bind address (default 127.0.0.1)
  --port N                        port, 0 = ephemeral (default ${DEFAULT_PORT})
  --data-dir DIR                  persist state in DIR/ctyun-emulator.db
  --in-memory                     keep state in memory (default)
  --credentials AK:SK             accept another key pair (repeatable); also ${CREDENTIALS_ENV}="AK:SK,AK2:SK2"
  --no-demo-credentials           do not accept the built-in demo key pair
  --profile fast|realistic        timing profile (default realistic)
  --no-verify-signatures          accept unsigned requests
  --signature-window-minutes N    accepted eop-date skew (default ${DEFAULT_SIGNATURE_WINDOW_MINUTES})
  --seed S                        deterministic ids and fault draws
  --max-body-bytes N              largest request body accepted (default ${DEFAULT_MAX_BODY_BYTES}); larger: HTTP 413 envelope
  --unknown-codes draw|first      undocumented error codes: drawn from their set (default) or the set's first
  --log-requests                  print one line per API request to stderr
  --help                          show this help
`;

export class UsageError extends Error {
  override readonly name = "UsageError";
}

export interface CliConfig {
  readonly host: string;
  readonly port: number;
  readonly help: boolean;
  readonly logRequests: boolean;
  readonly options: EmulatorOptions;
}

export function parseCliArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliConfig {
  let host = "127.0.0.1";
  let port = DEFAULT_PORT;
  let help = false;
  let logRequests = false;
  let dataDir: string | undefined;
  let inMemory = false;
  let profile: ProfileName = "realistic";
  let verify = true;
  let windowMinutes: number | undefined;
  let seed: string | undefined;
  let maxBodyBytes: number | undefined;
  let unknownCodes: UnknownCodeMode = "draw";
  let demoCredentials = true;
  const credentials: Credential[] = [];
  for (const entry of (env[CREDENTIALS_ENV] ?? "").split(",")) {
    if (entry.trim() !== "") credentials.push(parseCredential(entry.trim()));
  }

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case "--host": host = value(); break;
      case "--port": port = integer(flag, value(), 0, 65535); break;
      case "--data-dir": dataDir = value(); break;
      case "--in-memory": inMemory = true; break;
      case "--credentials": credentials.push(parseCredential(value())); break;
      case "--no-demo-credentials": demoCredentials = false; break;
      case "--profile": {
        const name = value();
        if (!(PROFILE_NAMES as readonly string[]).includes(name)) throw new UsageError(`--profile must be one of ${PROFILE_NAMES.join(", ")}`);
        profile = name as ProfileName;
        break;
      }
      case "--no-verify-signatures": verify = false; break;
      case "--signature-window-minutes": windowMinutes = integer(flag, value(), 0, 10_000_000); break;
      case "--seed": seed = value(); break;
      case "--max-body-bytes": maxBodyBytes = integer(flag, value(), 0, 1_073_741_824); break;
      case "--unknown-codes": {
        const mode = value();
        if (mode !== "draw" && mode !== "first") throw new UsageError("--unknown-codes must be draw or first");
        unknownCodes = mode;
        break;
      }
      case "--log-requests": logRequests = true; break;
      case "--help": case "-h": help = true; break;
      default: throw new UsageError(`unknown option ${arg}`);
    }
  }
  if (dataDir !== undefined && inMemory) throw new UsageError("--data-dir and --in-memory are mutually exclusive");

  const signature: SignatureOptions = windowMinutes === undefined ? { verify } : { verify, windowMinutes };
  const options: EmulatorOptions = {
    ...(dataDir !== undefined ? { dataDir } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(maxBodyBytes !== undefined ? { maxBodyBytes } : {}),
    credentials,
    demoCredentials,
    signature,
    profile,
    unknownCodes,
  };
  return { host, port, help, logRequests, options };
}

function integer(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be an integer between ${min} and ${max}`);
  return n;
}
