/**
 * How long each kind of asynchronous work takes. One table of defaults per profile (`fast` for tests,
 * `realistic` for demos); services register their own kinds; tests override kinds at run time through
 * the control plane (PUT /_emulator/transitions).
 */
import { z } from "zod";

export const timingSpecSchema = z.discriminatedUnion("mode", [
  z.strictObject({ mode: z.literal("immediate") }),
  /** The first `count` observations still see the in-progress state; the next one sees the result. */
  z.strictObject({ mode: z.literal("polls"), count: z.number().int().min(0) }),
  /** Finished once `ms` have passed on the emulator clock (checked lazily on every request). */
  z.strictObject({ mode: z.literal("delay"), ms: z.number().int().min(0) }),
  /**
   * The next `times` items (all, when absent) fail. The failure shows after `polls` observations or
   * `ms` (default: at the first observation). Once `times` are used up the previous spec returns.
   */
  z.strictObject({
    mode: z.literal("fail"),
    times: z.number().int().min(1).optional(),
    polls: z.number().int().min(0).optional(),
    ms: z.number().int().min(0).optional(),
    reason: z.string().optional(),
  }),
]);

export type TimingSpec = z.infer<typeof timingSpecSchema>;

export const PROFILE_NAMES = ["fast", "realistic"] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];
export type TimingDefaults = Readonly<Record<ProfileName, TimingSpec>>;

/** The engine's own kinds. Services add theirs with `api.timing(kind, defaults)`. */
export const CORE_TIMING: Readonly<Record<string, TimingDefaults>> = {
  /** create and modify orders (spec C.5: "14" then "3"). */
  order: { fast: { mode: "polls", count: 1 }, realistic: { mode: "delay", ms: 4000 } },
  /** unsubscribe (退订) orders. */
  refund: { fast: { mode: "polls", count: 1 }, realistic: { mode: "delay", ms: 3000 } },
  /** `/v4/job/info` jobs (attach/detach, power ops). */
  job: { fast: { mode: "polls", count: 1 }, realistic: { mode: "delay", ms: 3000 } },
  /** ECS start/stop/shelve status machines. */
  power: { fast: { mode: "polls", count: 1 }, realistic: { mode: "delay", ms: 3000 } },
  /** creating → running after an instance order completes. */
  boot: { fast: { mode: "polls", count: 1 }, realistic: { mode: "delay", ms: 5000 } },
  /** Fallback for transitions scheduled without a timing kind. */
  transition: { fast: { mode: "polls", count: 1 }, realistic: { mode: "delay", ms: 3000 } },
};

/** What one new item of work will do, decided when it starts. */
export interface Plan {
  readonly outcome: "success" | "fail";
  /** Resolve during `start` (no pending row at all). */
  readonly immediate: boolean;
  readonly dueAt: number | null;
  readonly pollsNeeded: number | null;
  readonly reason: string | null;
}

export interface TimingSnapshot {
  readonly profile: ProfileName;
  readonly kinds: Readonly<Record<string, TimingSpec>>;
}

export class TimingTable {
  private readonly defaults = new Map<string, TimingDefaults>();
  private readonly overrides = new Map<string, TimingSpec>();
  /** For `fail` with `times`: what to return to once the failures are used up. */
  private readonly restore = new Map<string, TimingSpec>();
  private active: ProfileName;

  constructor(
    private readonly startupProfile: ProfileName,
    private startupOverrides: Readonly<Record<string, TimingSpec>> = {},
  ) {
    this.active = startupProfile;
    for (const [kind, defaults] of Object.entries(CORE_TIMING)) this.register(kind, defaults);
  }

  register(kind: string, defaults: TimingDefaults): void {
    if (this.defaults.has(kind)) throw new Error(`timing kind "${kind}" is already registered`);
    this.defaults.set(kind, defaults);
  }

  /** Applies the startup overrides; called once every service has registered its kinds. */
  applyStartupOverrides(overrides: Readonly<Record<string, TimingSpec>>): void {
    for (const kind of Object.keys(overrides)) this.requireKind(kind);
    this.startupOverrides = overrides;
    this.reset();
  }

  get profile(): ProfileName {
    return this.active;
  }

  get(kind: string): TimingSpec {
    return this.overrides.get(kind) ?? this.requireKind(kind)[this.active];
  }

  set(kind: string, spec: TimingSpec): void {
    this.requireKind(kind);
    if (spec.mode === "fail" && spec.times !== undefined) {
      const current = this.get(kind);
      this.restore.set(kind, current.mode === "fail" ? (this.restore.get(kind) ?? this.requireKind(kind)[this.active]) : current);
    } else {
      this.restore.delete(kind);
    }
    this.overrides.set(kind, spec);
  }

  /** Switching profile drops run-time overrides: the profile is a complete timing set. */
  setProfile(profile: ProfileName): void {
    this.active = profile;
    this.overrides.clear();
    this.restore.clear();
  }

  reset(): void {
    this.active = this.startupProfile;
    this.overrides.clear();
    this.restore.clear();
    for (const [kind, spec] of Object.entries(this.startupOverrides)) this.overrides.set(kind, spec);
  }

  has(kind: string): boolean {
    return this.defaults.has(kind);
  }

  snapshot(): TimingSnapshot {
    const kinds: Record<string, TimingSpec> = {};
    for (const kind of [...this.defaults.keys()].sort()) kinds[kind] = this.get(kind);
    return { profile: this.active, kinds };
  }

  /** Decides the fate of one new item of `kind` started at `now`, consuming a `fail.times` count. */
  plan(kind: string, now: number): Plan {
    const spec = this.get(kind);
    switch (spec.mode) {
      case "immediate":
        return { outcome: "success", immediate: true, dueAt: null, pollsNeeded: null, reason: null };
      case "polls":
        return { outcome: "success", immediate: false, dueAt: null, pollsNeeded: spec.count, reason: null };
      case "delay":
        return { outcome: "success", immediate: false, dueAt: now + spec.ms, pollsNeeded: null, reason: null };
      case "fail": {
        if (spec.times !== undefined) {
          const left = spec.times - 1;
          if (left > 0) this.overrides.set(kind, { ...spec, times: left });
          else this.restoreAfterFailures(kind);
        }
        const reason = spec.reason ?? `injected failure (${kind})`;
        if (spec.ms !== undefined) return { outcome: "fail", immediate: false, dueAt: now + spec.ms, pollsNeeded: null, reason };
        return { outcome: "fail", immediate: false, dueAt: null, pollsNeeded: spec.polls ?? 0, reason };
      }
    }
  }

  private restoreAfterFailures(kind: string): void {
    const previous = this.restore.get(kind);
    this.restore.delete(kind);
    if (previous) this.overrides.set(kind, previous);
    else this.overrides.delete(kind);
  }

  private requireKind(kind: string): TimingDefaults {
    const defaults = this.defaults.get(kind);
    if (!defaults) throw new UnknownTimingKindError(kind, [...this.defaults.keys()]);
    return defaults;
  }
}

export class UnknownTimingKindError extends Error {
  override readonly name = "UnknownTimingKindError";
  constructor(kind: string, known: readonly string[]) {
    super(`unknown timing kind "${kind}" (known: ${known.join(", ")})`);
  }
}
