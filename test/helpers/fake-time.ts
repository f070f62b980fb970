/**
 * Virtual time for client tests: `sleep` advances the clock instantly and records each requested
 * delay, so retry and waiter timing is asserted exactly without real waiting.
 */
import type { RuntimeDeps } from "../../provider/client/deps";

export interface FakeTime extends RuntimeDeps {
  /** Every delay passed to `sleep`, in order. */
  readonly sleeps: number[];
  advance(ms: number): void;
}

/** A small deterministic PRNG (mulberry32) so jitter is reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createFakeTime(options: { start?: number; random?: () => number } = {}): FakeTime {
  let clock = options.start ?? Date.UTC(2026, 10, 27, 4, 0, 0);
  let ids = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => clock,
    advance(ms) {
      clock += ms;
    },
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason ?? new Error("aborted");
      sleeps.push(ms);
      clock += ms;
    },
    random: options.random ?? seededRandom(42),
    uuid: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, "0")}`,
  };
}
