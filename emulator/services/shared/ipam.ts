/**
 * IPv4 address management shared by the VPC service (available-IP counts) and the ECS service
 * (NIC addresses): one rule for which addresses of a subnet are taken.
 */
import type { EngineContext } from "../../engine/context";
import { KIND, type InstanceRecord, type SubnetRecord } from "./records";

export function ipv4ToNumber(ip: string): number {
  return ip.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
}

export function numberToIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}

/** Addresses held by instance NICs in the subnet. */
export function usedAddresses(ctx: Pick<EngineContext, "store">, regionId: string, subnetID: string): Set<string> {
  const used = new Set<string>();
  for (const instance of ctx.store.collection<InstanceRecord>(KIND.instance).find(regionId)) {
    for (const nic of instance.networkCardList) if (nic.subnetID === subnetID) used.add(nic.IPv4Address);
  }
  return used;
}

/** Assignable addresses left: the start..end range minus the ones in use. */
export function availableAddressCount(ctx: Pick<EngineContext, "store">, regionId: string, subnet: SubnetRecord): number {
  const total = ipv4ToNumber(subnet.end) - ipv4ToNumber(subnet.start) + 1;
  return Math.max(0, total - usedAddresses(ctx, regionId, subnet.subnetID).size);
}

/** The lowest free address of the subnet (`fixed` when given and free), or undefined when full. */
export function allocateAddress(ctx: Pick<EngineContext, "store">, regionId: string, subnet: SubnetRecord, fixed?: string): string | undefined {
  const used = usedAddresses(ctx, regionId, subnet.subnetID);
  const first = ipv4ToNumber(subnet.start);
  const last = ipv4ToNumber(subnet.end);
  if (fixed !== undefined) {
    const n = ipv4ToNumber(fixed);
    return n >= first && n <= last && !used.has(fixed) ? fixed : undefined;
  }
  for (let n = first; n <= last; n++) {
    const address = numberToIpv4(n);
    if (!used.has(address)) return address;
  }
  return undefined;
}
