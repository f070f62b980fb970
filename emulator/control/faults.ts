/**
 * Fault rules (practice 13): explicit, realistic failures for chosen paths, either for the next N
 * matching calls or with a probability drawn from the injected random source.
 */
import { z } from "zod";

export const FAULT_KINDS = ["throttle", "http", "reset", "delay", "commit-then-drop"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultRuleInputSchema = z
  .strictObject({
    /** Exact path, or a prefix ending in `*` (`/v4/vpc/*`, `*` for everything). */
    path: z.string().min(1),
    method: z.string().min(1).optional(),
    kind: z.enum(FAULT_KINDS),
    /** `http`: the HTTP status (default 503). */
    status: z.number().int().min(400).max(599).optional(),
    /** `http`: envelope errorCode (default by status, see COVERAGE.md). */
    errorCode: z.string().min(1).optional(),
    /** `throttle`: the Retry-After header in seconds (default 1). */
    retryAfterSeconds: z.number().int().min(0).optional(),
    /** `delay`: milliseconds to wait before handling (default 1000). */
    ms: z.number().int().min(0).optional(),
    /** Fire with this probability… */
    probability: z.number().min(0).max(1).optional(),
    /** …or for the next N matching calls. Neither: every matching call. */
    times: z.number().int().min(1).optional(),
  })
  .refine((rule) => rule.probability === undefined || rule.times === undefined, { message: "use probability or times, not both" });

export type FaultRuleInput = z.infer<typeof faultRuleInputSchema>;

export interface FaultRule extends FaultRuleInput {
  readonly id: string;
  /** Calls left for a `times` rule; null otherwise. */
  remaining: number | null;
  /** How often the rule fired. */
  hits: number;
}

export class FaultRegistry {
  private rules: FaultRule[] = [];
  private nextId = 1;

  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = { ...input, id: `fault-${this.nextId++}`, remaining: input.times ?? null, hits: 0 };
    this.rules.push(rule);
    return rule;
  }

  list(): readonly FaultRule[] {
    return this.rules;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
    this.nextId = 1;
  }

  /**
   * The first matching rule that fires for this call, if any. `times` rules are consumed and removed
   * when used up; probability rules draw one random number per matching call.
   */
  take(method: string, path: string, random: () => number): FaultRule | undefined {
    for (const rule of this.rules) {
      if (!matches(rule, method, path)) continue;
      if (rule.remaining !== null) {
        rule.remaining -= 1;
        if (rule.remaining <= 0) this.remove(rule.id);
      } else if (rule.probability !== undefined && !(random() < rule.probability)) {
        continue;
      }
      rule.hits += 1;
      return rule;
    }
    return undefined;
  }
}

function matches(rule: FaultRuleInput, method: string, path: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method) return false;
  return rule.path.endsWith("*") ? path.startsWith(rule.path.slice(0, -1)) : path === rule.path;
}
