/**
 * Adaptive client-side rate limit: when the cloud throttles, every client of the process sends
 * slower, then speeds up again as answers come back unthrottled — the CUBIC congestion window
 * applied to a request rate (AIMD: multiplicative decrease, cubic increase), as AWS SDKs do in
 * their "adaptive" retry mode.
 *
 * - **Off until a throttle.** A run the cloud never throttles never waits here.
 * - **On a throttle** the allowed rate drops to β × the rate being sent. Throttles of requests sent
 *   before that drop describe the old rate, so they do not cut it again (a burst of ten parallel
 *   calls throttled together is one congestion event, not ten).
 * - **After it**, each unthrottled answer sets the rate on a cubic curve of the time since the
 *   throttle: fast at first, flat around the rate that drew the throttle, then probing above it —
 *   never above twice the rate actually sent, so a quiet spell does not license a flood.
 * - **Sending**: requests take tokens from a bucket filled at the allowed rate (holding about one
 *   second's worth); a request that finds none reserves the next one and waits for it, so parallel
 *   callers queue fairly instead of stampeding when a token appears.
 * - **Off again** after `quietPeriodMs` without a throttle: the cloud is coping, and a limit
 *   derived from an old measurement would only slow a healthy run down.
 *
 * The limiter only computes: it reads the injected clock and returns how long to wait; the client
 * sleeps with its own injected `sleep`, so tests run on virtual time.
 */

export interface AdaptiveRateLimitOptions {
  /** Multiplicative decrease: the rate kept after a throttle (CUBIC's β). */
  readonly beta: number;
  /** How fast the rate climbs back (CUBIC's C, in requests/s per s³). */
  readonly scale: number;
  /** Never slower than this many requests per second. */
  readonly minRatePerSecond: number;
  /** Weight of the newest interval in the smoothed sending rate. */
  readonly smoothing: number;
  /** Interval over which the sending rate is counted. */
  readonly measureIntervalMs: number;
  /** The limit switches off after this long without a throttle. */
  readonly quietPeriodMs: number;
}

export const DEFAULT_RATE_LIMIT: AdaptiveRateLimitOptions = {
  beta: 0.7,
  scale: 0.4,
  minRatePerSecond: 0.5,
  smoothing: 0.8,
  measureIntervalMs: 500,
  quietPeriodMs: 30_000,
};

/** A snapshot, for tests and benchmarks. */
export interface RateLimitState {
  readonly enabled: boolean;
  /** Requests per second the bucket is filled at (meaningful while enabled). */
  readonly allowedRate: number;
  /** The smoothed rate this process has been sending at, in requests per second. */
  readonly measuredRate: number;
  /** Tokens in the bucket; negative when callers hold reservations. */
  readonly tokens: number;
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

  private measured = 0;
  private intervalStart: number | undefined;
  private sentInInterval = 0;

  /** The rate being sent when the last cut happened, and when it happened. */
  private rateAtCut = 0;
  private lastCutAt = Number.NEGATIVE_INFINITY;
  private lastThrottleAt = Number.NEGATIVE_INFINITY;
  /** Seconds after a cut at which the cubic curve is back at `rateAtCut` (CUBIC's K). */
  private recoverySeconds = 0;
  private cuts = 0;

  constructor(
    private readonly now: () => number,
    options: Partial<AdaptiveRateLimitOptions> = {},
  ) {
    this.options = { ...DEFAULT_RATE_LIMIT, ...options };
  }

  /**
   * Takes a slot to send a request now: 0 while the limit is off or a token is free, otherwise the
   * milliseconds to wait for the token reserved for this caller.
   */
  reserve(): number {
    const now = this.now();
    if (this.enabled && now - this.lastThrottleAt >= this.options.quietPeriodMs) this.enabled = false;
    if (!this.enabled) return 0;
    this.refill(now);
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.fillRate) * 1000);
  }

  /**
   * Feeds back one answer from the cloud: whether it was a throttle, and when its request was sent
   * (after any wait `reserve` asked for). Failures without an answer (a reset, a timeout) say
   * nothing about the rate and are not recorded.
   */
  record(throttled: boolean, sentAt: number): void {
    const now = this.now();
    this.measure(now);
    const { beta, scale } = this.options;
    let target: number;
    if (throttled) {
      this.lastThrottleAt = now;
      // Sent before the last cut: it reflects the old rate, which has been cut already.
      if (this.enabled && sentAt < this.lastCutAt) return;
      const sending = this.enabled ? Math.min(this.measured, this.fillRate) : this.measured;
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
    this.setRate(Math.min(target, 2 * this.measured), now);
  }

  state(): RateLimitState {
    return { enabled: this.enabled, allowedRate: this.fillRate, measuredRate: this.measured, tokens: this.tokens, cuts: this.cuts };
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

  /** Counts answers per interval and smooths the rate over intervals. */
  private measure(now: number): void {
    const interval = this.options.measureIntervalMs;
    const current = Math.floor(now / interval) * interval;
    this.intervalStart ??= current;
    this.sentInInterval++;
    if (current > this.intervalStart) {
      const rate = this.sentInInterval / ((current - this.intervalStart) / 1000);
      const { smoothing } = this.options;
      this.measured = rate * smoothing + this.measured * (1 - smoothing);
      this.sentInInterval = 0;
      this.intervalStart = current;
    }
  }
}

/**
 * One limiter per clock, that is per process in production (`systemDeps.now`): every client — every
 * resource of a `pulumi up` — shares it, since the cloud throttles the account, not a resource.
 * Tests with their own virtual clock get their own limiter.
 */
const limiters = new WeakMap<() => number, AdaptiveRateLimiter>();

export function processRateLimiter(now: () => number): AdaptiveRateLimiter {
  let limiter = limiters.get(now);
  if (!limiter) {
    limiter = new AdaptiveRateLimiter(now);
    limiters.set(now, limiter);
  }
  return limiter;
}
