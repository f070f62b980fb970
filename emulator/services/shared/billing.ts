/** Subscription terms shared by the products billed together (a VM and its system disk end together). */

/** Epoch ms of the subscription end: `cycleCount` months or years after `start` (UTC calendar). */
export function subscriptionEnd(start: number, cycleType: string, cycleCount: number): number {
  const end = new Date(start);
  if (cycleType === "year") end.setUTCFullYear(end.getUTCFullYear() + cycleCount);
  else end.setUTCMonth(end.getUTCMonth() + cycleCount);
  return end.getTime();
}
