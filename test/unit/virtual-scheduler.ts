/**
 * Virtual time for code that sleeps concurrently: `sleep` registers a timer, and `run` settles every
 * pending promise, then jumps the clock to the earliest timer and fires it, until the awaited work is
 * done. Parallel sleepers overlap as they would for real (two 1 s sleeps started together end at
 * 1 s, not 2 s), and nothing waits for real.
 */
import type { RuntimeDeps } from "../../provider/client/deps";

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class VirtualScheduler {
  private clock: number;
  private timers: Array<{ readonly at: number; readonly seq: number; readonly fire: () => void }> = [];
  private seq = 0;

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.clock = start;
  }

  readonly deps: Pick<RuntimeDeps, "now" | "sleep"> = {
    now: () => this.clock,
    sleep: (ms: number) => new Promise<void>((resolve) => this.at(this.clock + Math.max(0, ms), resolve)),
  };

  now(): number {
    return this.clock;
  }

  /** Runs `fire` when the clock reaches `time`. */
  at(time: number, fire: () => void): void {
    this.timers.push({ at: time, seq: this.seq++, fire });
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  /** Advances virtual time, firing timers in order, until `work` settles; fails if it never can. */
  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    work.then(
      () => (done = true),
      () => (done = true),
    );
    for (;;) {
      await settle();
      if (done) return work;
      const next = this.timers.shift();
      if (!next) throw new Error("deadlock: the work waits, and no timer is left to wake it");
      this.clock = next.at;
      next.fire();
    }
  }
}
