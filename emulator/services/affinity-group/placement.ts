/**
 * Where a VM runs (inferred: no official source describes hosts; OpenStack server-group semantics,
 * which CTyun's policy names and the `needMigrate`/restart notes match). Each availability zone has a
 * number of hosts (`hostPool` records, default 4, settable through the control plane); a VM is put on
 * the least loaded host its group's policy allows:
 * - anti-affinity / power-anti-affinity: never on a host that runs another member (so a zone takes at
 *   most as many members as it has hosts);
 * - affinity: on the host of the other members (none left in another zone);
 * - soft policies: preferably so, otherwise anywhere;
 * - no group: anywhere.
 */
import type { AffinityGroupRecord } from "./records";

export interface PlacedVm {
  readonly instanceID: string;
  readonly azName: string;
  readonly hostID: string;
  readonly affinityGroupID: string;
}

/** The hosts of a zone: `<zone>/host-01`, … (never shown by any API). */
export function hostsOf(azName: string, hostCount: number): string[] {
  return Array.from({ length: hostCount }, (_, i) => `${azName}/host-${String(i + 1).padStart(2, "0")}`);
}

/**
 * The host a VM of `azName` should run on, or undefined when the group's policy allows none.
 * `vms` are the region's VMs with a host (the VM itself excluded).
 */
export function chooseHost(azName: string, hosts: readonly string[], vms: readonly PlacedVm[], group: AffinityGroupRecord | undefined): string | undefined {
  const load = (host: string) => vms.filter((vm) => vm.hostID === host).length;
  const leastLoaded = (candidates: readonly string[]) => [...candidates].sort((a, b) => load(a) - load(b) || a.localeCompare(b))[0];
  if (!group) return leastLoaded(hosts);
  const members = vms.filter((vm) => vm.affinityGroupID === group.affinityGroupID);
  const memberHosts = new Set(members.filter((vm) => vm.azName === azName).map((vm) => vm.hostID));
  switch (group.policyType) {
    case 0:
    case 4:
      return leastLoaded(hosts.filter((h) => !memberHosts.has(h)));
    case 2:
      return leastLoaded(hosts.filter((h) => !memberHosts.has(h))) ?? leastLoaded(hosts);
    case 1: {
      if (members.length === 0) return leastLoaded(hosts);
      if (members.some((vm) => vm.azName !== azName)) return undefined;
      return [...memberHosts][0];
    }
    default: {
      const together = [...memberHosts][0];
      return together ?? leastLoaded(hosts);
    }
  }
}
