/**
 * Public entry of the CTyun emulator: `createEmulator` (in-process, no socket) and `startEmulator`
 * (listening on 127.0.0.1, port 0 = ephemeral).
 */
import { createApp, type EmulatorApp } from "./app";
import { listen } from "./http/node-server";
import { resolveSettings, type EmulatorOptions } from "./settings";

export type { EmulatorApp, EmulatorState, RouteSummary } from "./app";
export type { EmulatorRequest, EmulatorResponse } from "./http/types";
export type { EmulatorOptions, SignatureOptions } from "./settings";
export type { TimingSpec, ProfileName } from "./engine/timing";
export type { FaultRuleInput, FaultKind } from "./control/faults";
export type { RequestLogEntry } from "./control/request-log";
export { DEMO_ACCESS_KEY, DEMO_SECRET_KEY } from "./credentials";
export { SchemaVersionError, SCHEMA_VERSION } from "./store/schema";
export { DATABASE_FILE_NAME } from "./store/database";

/** An emulator without a socket: call `app.handle({method, url, headers, body})`. */
export function createEmulator(options: EmulatorOptions = {}): EmulatorApp {
  return createApp(resolveSettings(options));
}

export interface StartOptions extends EmulatorOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0 (ephemeral). */
  readonly port?: number;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:<port>`: the one base URL for every CTyun service. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly app: EmulatorApp;
  /** Stops listening, drops open connections and closes the database. */
  close(): Promise<void>;
}

export async function startEmulator(options: StartOptions = {}): Promise<RunningEmulator> {
  const app = createEmulator(options);
  const host = options.host ?? "127.0.0.1";
  try {
    const server = await listen(app, host, options.port ?? 0, { onError: app.settings.onUnexpectedError, maxBodyBytes: app.settings.maxBodyBytes });
    const urlHost = host.includes(":") ? `[${host}]` : host;
    let closed: Promise<void> | undefined;
    return {
      url: `http://${urlHost}:${server.port}`,
      host,
      port: server.port,
      app,
      close: () => (closed ??= server.close().then(() => app.close())),
    };
  } catch (error) {
    app.close();
    throw error;
  }
}
