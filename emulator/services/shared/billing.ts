/**
 * Subscription terms and dates of billed creates, shared by every service that takes orders (a VM
 * and its system disk end together).
 *
 * The network products (EIP, NAT, shared bandwidth, ELB) sell 1–11 months or 1–3 years (TF's
 * `CycleCount(1, 11, 1, 3)` validators); compute and storage (ECS, EBS) 1–60 months or 1–5 years
 * (their create docs). An on-demand create takes no count, but 0 is accepted: TF sends it (its
 * request tags have no omitempty).
 */
import type { EngineContext } from "../../engine/context";
import { ORDER_STATUS } from "../../engine/orders";
import { InvalidParameterError } from "../../errors";

export interface TermLimits {
  readonly month: number;
  readonly year: number;
}

export const NETWORK_TERMS: TermLimits = { month: 11, year: 3 };
export const COMPUTE_TERMS: TermLimits = { month: 60, year: 5 };

/**
 * The count of a subscription of `cycleType` (as the request spelt it: `month` or `MONTH`), which
 * must be a whole number from 1 to the product's limit.
 */
export function requireTermCount(cycleType: string, cycleCount: number | undefined, limits: TermLimits): number {
  const max = cycleType.toLowerCase() === "year" ? limits.year : limits.month;
  if (cycleCount === undefined || !Number.isInteger(cycleCount) || cycleCount < 1 || cycleCount > max) {
    throw new InvalidParameterError(`cycleCount must be an integer from 1 to ${max} for cycleType ${cycleType} (got ${cycleCount ?? "nothing"})`);
  }
  return cycleCount;
}

/** An on-demand create's count: absent or 0. */
export function requireNoTermCount(cycleCount: number | undefined): 0 {
  if (cycleCount !== undefined && cycleCount !== 0) throw new InvalidParameterError(`cycleCount must be 0 or omitted for an on-demand create (got ${cycleCount})`);
  return 0;
}

/** The count of a create's term: none on demand, else checked against the product's limits. */
export function termCount(cycleType: string, cycleCount: number | undefined, limits: TermLimits): number {
  return cycleType === "on_demand" ? requireNoTermCount(cycleCount) : requireTermCount(cycleType, cycleCount, limits);
}

/** When a subscription made `now` expires (RFC 3339), or "" on demand. */
export function expiryOf(now: number, cycleType: string, cycleCount: number): string {
  return cycleType === "on_demand" ? "" : rfc3339(subscriptionEnd(now, cycleType, cycleCount));
}

/**
 * `masterResourceStatus` of a billed create's answer: `started` once its order finished, `failed`
 * if it failed, else `starting`. A replay of the create (`poll`) counts as a poll of the order, as
 * the official clients wait by replaying.
 */
export function createStatus(orders: EngineContext["orders"], masterOrderID: string, poll: boolean): "started" | "failed" | "starting" {
  const order = poll ? orders.poll(masterOrderID) : orders.get(masterOrderID);
  return order?.status === ORDER_STATUS.finished ? "started" : order?.status === ORDER_STATUS.failed ? "failed" : "starting";
}

/** RFC 3339 in UTC without fractions, as Go's time.Time decodes it. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** `ms` plus whole calendar months, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29). */
function addMonths(ms: number, months: number): number {
  const date = new Date(ms);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date.getTime();
}

/** Epoch ms of the subscription end: `cycleCount` months or years after `start` (UTC calendar). */
export function subscriptionEnd(start: number, cycleType: string, cycleCount: number): number {
  return addMonths(start, cycleType.toLowerCase() === "year" ? 12 * cycleCount : cycleCount);
}
