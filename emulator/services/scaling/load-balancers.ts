/**
 * The seam between auto scaling and load balancing. A group with `useLb 1` registers each VM that
 * comes into service as a target of every `lbList` entry (ELB target group `hostGroupID`, the entry's
 * port and weight, instance type VM: py-elb ctelb_create_target_api.py fields) and deregisters it
 * when it starts leaving. The ELB service is found at run time as the backend named `elb`; without
 * it the load balancer list is kept and shown (query-load-balancer-list) but nothing is registered
 * (COVERAGE.md → Decisions). When the ELB backend's methods differ from `TargetRegistry`, only this
 * file changes.
 */
import type { EngineContext } from "../../engine/context";
import { isEmulatorError } from "../../errors";
import type { ScalingGroupRecord, ScalingLoadBalancer } from "./records";

/** What this service needs of the ELB backend. Both may throw the ELB service's refusals (unknown target group, …). */
export interface TargetRegistry {
  addTargets(regionId: string, targetGroupID: string, targets: ReadonlyArray<{ instanceID: string; protocolPort: number; weight: number }>): void;
  removeTargets(regionId: string, targetGroupID: string, instanceIDs: readonly string[]): void;
}

/** The ELB backend, when that service is part of this emulator. A backend without the two methods is a wiring bug: it fails loudly. */
export function targetRegistry(ctx: EngineContext): TargetRegistry | undefined {
  const elb = ctx.optionalBackend("elb") as Partial<TargetRegistry> | undefined;
  if (elb === undefined) return undefined;
  if (typeof elb.addTargets !== "function" || typeof elb.removeTargets !== "function") {
    throw new Error("the elb backend has no addTargets/removeTargets: adapt emulator/services/scaling/load-balancers.ts to its API");
  }
  return elb as TargetRegistry;
}

/** Registers a VM with each of the entries; returns what failed (empty when all went through, or when there is no ELB service). */
export function registerTargets(ctx: EngineContext, regionId: string, instanceID: string, entries: readonly ScalingLoadBalancer[]): string[] {
  const elb = targetRegistry(ctx);
  if (!elb) return [];
  return entries.flatMap((lb) => attempt(() => elb.addTargets(regionId, lb.hostGroupID, [{ instanceID, protocolPort: lb.port, weight: lb.weight }]), `registering ${instanceID} with target group ${lb.hostGroupID}`));
}

/** Deregisters a VM from each of the entries (a target already gone is not a failure of the group). */
export function deregisterTargets(ctx: EngineContext, regionId: string, instanceID: string, entries: readonly ScalingLoadBalancer[]): string[] {
  const elb = targetRegistry(ctx);
  if (!elb) return [];
  return entries.flatMap((lb) => attempt(() => elb.removeTargets(regionId, lb.hostGroupID, [instanceID]), `deregistering ${instanceID} from target group ${lb.hostGroupID}`));
}

/** The entries `after` has and `before` has not (by target group and port). */
export function addedEntries(before: ScalingGroupRecord, after: ScalingGroupRecord): ScalingLoadBalancer[] {
  const known = new Set(before.lbList.map(key));
  return after.lbList.filter((lb) => !known.has(key(lb)));
}

function key(lb: ScalingLoadBalancer): string {
  return `${lb.hostGroupID}/${lb.port}`;
}

function attempt(call: () => void, what: string): string[] {
  try {
    call();
    return [];
  } catch (error) {
    if (!isEmulatorError(error)) throw error;
    return [`${what} failed: ${error.code}: ${error.message}`];
  }
}
