/**
 * Durations for people, in progress lines and messages: "850ms", "2.1s", "42s", "4m10s", "5m",
 * "1h2m". Tenths below ten seconds (a retry's wait), whole seconds above.
 */
export function humanDuration(ms: number): string {
  const value = Math.max(0, Math.round(ms));
  if (value < 1000) return `${value}ms`;
  if (value < 9950) return `${(value / 1000).toFixed(1).replace(/\.0$/, "")}s`;
  const seconds = Math.round(value / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h > 0 ? `${h}h` : ""}${m > 0 ? `${m}m` : ""}${s > 0 || seconds === 0 ? `${s}s` : ""}`;
}
