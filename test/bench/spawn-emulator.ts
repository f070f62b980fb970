/** Starts the built emulator CLI in its own process and resolves with its URL once it listens. */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

export interface EmulatorProcess {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

export function spawnEmulator(args: readonly string[] = []): Promise<EmulatorProcess> {
  const cli = join(__dirname, "..", "..", "emulator", "dist", "cli.js");
  const child = spawn(process.execPath, [cli, "--port", "0", "--in-memory", "--profile", "fast", ...args], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let buffer = "";
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code} before listening`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(buffer);
      if (match?.[1]) {
        resolve({
          url: match[1],
          child,
          stop: () =>
            new Promise<void>((done) => {
              child.removeAllListeners("exit");
              child.once("exit", () => done());
              child.kill("SIGTERM");
            }),
        });
      }
    });
  });
}
