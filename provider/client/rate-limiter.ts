/**
 * Adaptive client-side rate limit: when the cloud throttles, every client of the process sends
 * slower, then speeds up again as answers come back unthrottled — the CUBIC congestion window
 * applied to a request rate (AIMD: multiplicative decrease, cubic increase), as AWS SDKs do in
 * their "adaptive" retry mode.
 *
 * - **Off until a throttle.** A run the cloud never throttles never waits here.
 * - **On a throttle** the allowed rate drops to β × the rate being sent (the answers of the last
 *   second). Throttles of requests sent before that drop describe the old rate, so they do not cut
 *   it again (a burst of ten parallel calls throttled together is one congestion event, not ten).
 * - **After it**, each unthrottled answer sets the rate on a cubic curve of the time since the
 *   throttle: fast at first, flat around the rate that drew the throttle, then probing above it —
 *   never above twice the rate actually sent, so a quiet spell does not license a flood.
 * - **Sending**: requests take tokens from a bucket filled at the allowed rate (holding about one
 *   second's worth). Callers that find none wait in one line, first come first served, let through
 *   by a single timer at the rate allowed *now*: a rate that rose meanwhile drains the line faster
 *   (a wait computed up front would keep the old, slower pace), and no crowd of sleepers wakes at
 *   once to fight over one token.
 * - **Off again** after `quietPeriodMs` without a throttle: the cloud is coping, and a limit
 *   derived from an old measurement would only slow a healthy run down.
 *
 * Clock and sleep are injected (`RuntimeDeps`), so tests run on virtual time.
 */
import { CtyunAbortedError } from "./errors";
import type { RuntimeDeps } from "./deps";

export interface AdaptiveRateLimitOptions {
  /** Multiplicative decrease: the rate kept after a throttle (CUBIC's β). */
  readonly beta: number;
  /** How fast the rate climbs back (CUBIC's C, in requests/s per s³). */
  readonly scale: number;
  /** Never slower than this many requests per second. */
  readonly minRatePerSecond: number;
  /** The sending rate is the answers of this last window, per second. */
  readonly measureWindowMs: number;
  /** The limit switches off after this long without a throttle. */
  readonly quietPeriodMs: number;
}

export const DEFAULT_RATE_LIMIT: AdaptiveRateLimitOptions = {
  beta: 0.7,
  scale: 0.4,
  minRatePerSecond: 0.5,
  measureWindowMs: 1_000,
  quietPeriodMs: 30_000,
};

/** A snapshot, for tests and benchmarks. */
export interface RateLimitState {
  readonly enabled: boolean;
  /** Requests per second the bucket is filled at (meaningful while enabled). */
  readonly allowedRate: number;
  /** The rate this process has been sending at (answers of the last window), in requests per second. */
  readonly measuredRate: number;
  /** Tokens in the bucket. */
  readonly tokens: number;
  /** Callers waiting in line for a token. */
  readonly waiting: number;
  /** Throttles that cut the rate (not counting those of requests sent before a cut). */
  readonly cuts: number;
}

export class AdaptiveRateLimiter {
  private readonly options: AdaptiveRateLimitOptions;
  private enabled = false;
  private tokens = 0;
  private capacity = 1;
  private fillRate = 0;
  private lastRefill: number | undefined;

  /** When each answer of the last window arrived, oldest first. */
  private readonly answers: number[] = [];

  /** The rate being sent when the last cut happened, and when it happened. */
  private rateAtCut = 0;
  private lastCutAt = Number.NEGATIVE_INFINITY;
  private lastThrottleAt = Number.NEGATIVE_INFINITY;
  /** Seconds after a cut at which the cubic curve is back at `rateAtCut` (CUBIC's K). */
  private recoverySeconds = 0;
  private cuts = 0;

  /** Callers waiting for a token, first come first served. */
  private readonly line: Array<{ readonly release: () => void }> = [];
  private draining = false;

  constructor(
    private readonly clock: Pick<RuntimeDeps, "now" | "sleep">,
    options: Partial<AdaptiveRateLimitOptions> = {},
  ) {
    this.options = { ...DEFAULT_RATE_LIMIT, ...options };
  }

  private now(): number {
    return this.clock.now();
  }

  /**
   * Waits for a slot to send one request; resolves with how long the caller was held back (0 at
   * once while the limit is off or a token is free). Rejects with CtyunAbortedError if `signal`
   * aborts while waiting.
   */
  acquire(signal?: AbortSignal): Promise<number> {
    const started = this.now();
    this.switchOffWhenQuiet(started);
    if (!this.enabled) return Promise.resolve(0);
    this.refill(started);
    if (this.line.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return Promise.resolve(0);
    }
    if (signal?.aborted) return Promise.reject(new CtyunAbortedError("waiting for the rate limit", signal.reason));
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const at = this.line.indexOf(entry);
        if (at >= 0) this.line.splice(at, 1);
        reject(new CtyunAbortedError("waiting for the rate limit", signal?.reason));
      };
      const entry = {
        release: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(this.now() - started);
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.line.push(entry);
      void this.drain();
    });
  }

  /** The one timer: lets the head of the line through whenever a token is there, at the rate of the moment. */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.line.length > 0) {
        const now = this.now();
        this.switchOffWhenQuiet(now);
        this.refill(now);
        if (!this.enabled || this.tokens >= 1) {
          if (this.enabled) this.tokens -= 1;
          this.line.shift()?.release();
          continue;
        }
        await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.fillRate) * 1000));
      }
    } finally {
      this.draining = false;
    }
  }

  private switchOffWhenQuiet(now: number): void {
    if (this.enabled && now - this.lastThrottleAt >= this.options.quietPeriodMs) this.enabled = false;
  }

  /**
   * Feeds back one answer from the cloud: whether it was a throttle, and when its request was sent
   * (after any wait for the limit). Failures without an answer (a reset, a timeout) say
   * nothing about the rate and are not recorded.
   */
  record(throttled: boolean, sentAt: number): void {
    const now = this.now();
    const measured = this.measure(now);
    const { beta, scale } = this.options;
    let target: number;
    if (throttled) {
      this.lastThrottleAt = now;
      // Sent before the last cut: it reflects the old rate, which has been cut already.
      if (this.enabled && sentAt < this.lastCutAt) return;
      const sending = this.enabled ? Math.min(measured, this.fillRate) : measured;
      this.rateAtCut = sending;
      this.lastCutAt = now;
      this.recoverySeconds = Math.cbrt((sending * (1 - beta)) / scale);
      this.cuts++;
      target = sending * beta;
      if (!this.enabled) {
        this.enabled = true;
        this.tokens = 0;
        this.lastRefill = now;
      }
    } else {
      if (!this.enabled) return;
      const t = (now - this.lastCutAt) / 1000 - this.recoverySeconds;
      target = scale * t * t * t + this.rateAtCut;
    }
    this.setRate(Math.min(target, 2 * measured), now);
  }

  state(): RateLimitState {
    return { enabled: this.enabled, allowedRate: this.fillRate, measuredRate: this.rate(this.now()), tokens: this.tokens, waiting: this.line.length, cuts: this.cuts };
  }

  private setRate(rate: number, now: number): void {
    this.refill(now);
    this.fillRate = Math.max(rate, this.options.minRatePerSecond);
    this.capacity = Math.max(rate, 1);
    this.tokens = Math.min(this.tokens, this.capacity);
  }

  private refill(now: number): void {
    if (this.lastRefill !== undefined && now > this.lastRefill) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.lastRefill) / 1000) * this.fillRate);
    }
    this.lastRefill = Math.max(now, this.lastRefill ?? now);
  }

  /**
   * Counts this answer and returns the sending rate: the answers of the last window, per second. A
   * sliding window (rather than fixed intervals) knows the rate of the very first burst, so a
   * throttle at the start of a run cuts from what was really sent, not from zero.
   */
  private measure(now: number): number {
    this.answers.push(now);
    return this.rate(now);
  }

  private rate(now: number): number {
    const window = this.options.measureWindowMs;
    while (this.answers.length > 0 && (this.answers[0] as number) <= now - window) this.answers.shift();
    return this.answers.length / (window / 1000);
  }
}

/**
 * One limiter per clock, that is per process in production (`systemDeps.now`): every client — every
 * resource of a `pulumi up` — shares it, since the cloud throttles the account, not a resource.
 * Tests with their own virtual clock get their own limiter.
 */
const limiters = new WeakMap<() => number, AdaptiveRateLimiter>();

export function processRateLimiter(clock: Pick<RuntimeDeps, "now" | "sleep">): AdaptiveRateLimiter {
  let limiter = limiters.get(clock.now);
  if (!limiter) {
    limiter = new AdaptiveRateLimiter(clock);
    limiters.set(clock.now, limiter);
  }
  return limiter;
}
