/**
 * When scheduled (type 2) and periodic (type 3) rules are due. Times are Beijing time
 * (`%Y-%m-%d %H:%M:%S`, the rule API's format). A periodic rule runs at `executionTime`'s time of
 * day on each matching day (monthly: day of month; weekly: 1 Monday … 7 Sunday; daily: every day)
 * between `effectiveFrom` and `effectiveTill`.
 */
import type { ScalingRuleRecord } from "./records";
import { parseBeijingTime } from "./vocabulary";

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The latest occurrence in (handledUntil, now], or undefined when none is due. */
export function dueOccurrence(rule: ScalingRuleRecord, now: number): number | undefined {
  const at = parseBeijingTime(rule.executionTime);
  if (at === undefined) return undefined;
  if (rule.ruleType === 2) return at > rule.handledUntil && at <= now ? at : undefined;
  const from = parseBeijingTime(rule.effectiveFrom) ?? 0;
  const till = parseBeijingTime(rule.effectiveTill) ?? 0;
  const timeOfDay = (((at + BEIJING_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  // Walk back day by day (at most a month and a bit) from today's occurrence.
  const today = Math.floor((now + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS - BEIJING_OFFSET_MS + timeOfDay;
  for (let candidate = today; candidate > rule.handledUntil && candidate >= today - 32 * DAY_MS; candidate -= DAY_MS) {
    if (candidate > now || candidate < from || candidate > till) continue;
    if (matchesCycle(rule, candidate)) return candidate;
  }
  return undefined;
}

function matchesCycle(rule: ScalingRuleRecord, at: number): boolean {
  const local = new Date(at + BEIJING_OFFSET_MS);
  if (rule.cycle === 1) return rule.day.includes(local.getUTCDate());
  if (rule.cycle === 2) return rule.day.includes(((local.getUTCDay() + 6) % 7) + 1);
  return rule.cycle === 3;
}
