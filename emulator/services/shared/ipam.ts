/**
 * IPv4 address management shared by the VPC service (available-IP counts) and the ECS service
 * (NIC addresses): one rule for which addresses of a subnet are taken.
 */
import type { EngineContext } from "../../engine/context";
import { addressValue } from "./ip";
import { KIND, type InstanceRecord, type SubnetRecord } from "./records";

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
  const total = Number(addressValue(subnet.end) - addressValue(subnet.start)) + 1;
  return Math.max(0, total - usedAddresses(ctx, regionId, subnet.subnetID).size);
}
