/**
 * The only place the client reads the clock, sleeps, draws random numbers or mints ids. Tests swap
 * these for virtual time, so no test waits for real.
 */
import { randomUUID } from "node:crypto";
import { CtyunAbortedError } from "./errors";

export interface RuntimeDeps {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or rejects with CtyunAbortedError when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Uniform in [0, 1). */
  random(): number;
  uuid(): string;
}

function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CtyunAbortedError("wait", signal.reason));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new CtyunAbortedError("wait", signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export const systemDeps: RuntimeDeps = {
  now: () => Date.now(),
  sleep: realSleep,
  random: () => Math.random(),
  uuid: () => randomUUID(),
};
