#!/usr/bin/env node
/**
 * `ctyun-emulator`: runs the emulator until SIGINT/SIGTERM. Prints exactly `listening on
 * http://HOST:PORT` on stdout once ready (scripts wait for that line).
 */
import { banner } from "./banner";
import { startEmulator } from "./index";
import { parseCliArgs, USAGE, UsageError } from "./settings";

async function main(): Promise<void> {
  let config;
  try {
    config = parseCliArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof UsageError || error instanceof Error) {
      process.stderr.write(`ctyun-emulator: ${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  if (config.help) {
    process.stdout.write(USAGE);
    return;
  }
  const emulator = await startEmulator({
    ...config.options,
    host: config.host,
    port: config.port,
    ...(config.logRequests ? { accessLog: (line: string) => process.stderr.write(line + "\n") } : {}),
  });
  const url = `http://${config.host}:${emulator.port}`;
  process.stdout.write(`listening on ${url}\n`);
  process.stderr.write(
    banner(url, {
      profile: config.options.profile ?? "realistic",
      storage: config.options.dataDir !== undefined ? `in ${config.options.dataDir}` : "in memory",
      demoCredentials: config.options.demoCredentials !== false,
    }),
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`ctyun-emulator: ${signal}, shutting down\n`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(`ctyun-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
