/**
 * When a snapshot policy's schedule fires: every whole hour whose Beijing-time weekday (0 = Sunday)
 * and hour are in the policy (the console and API speak Beijing time; inferred for the schedule).
 */

const HOUR_MS = 3_600_000;
const BEIJING_OFFSET_MS = 8 * HOUR_MS;
/** A schedule catches up at most this far back (older runs would have expired or are moot). */
const MAX_CATCH_UP_MS = 60 * 24 * HOUR_MS;

/** The scheduled instants in (from, to], oldest first. `weekdays`/`hours` are canonical comma lists. */
export function scheduledInstants(weekdays: string, hours: string, from: number, to: number): number[] {
  const days = new Set(weekdays.split(",").map(Number));
  const times = new Set(hours.split(",").map(Number));
  const start = Math.max(from, to - MAX_CATCH_UP_MS);
  const instants: number[] = [];
  // Beijing is a whole number of hours from UTC, so its hour boundaries are UTC's.
  for (let at = Math.floor(start / HOUR_MS) * HOUR_MS + HOUR_MS; at <= to; at += HOUR_MS) {
    if (at <= from) continue;
    const local = new Date(at + BEIJING_OFFSET_MS);
    if (days.has(local.getUTCDay()) && times.has(local.getUTCHours())) instants.push(at);
  }
  return instants;
}
