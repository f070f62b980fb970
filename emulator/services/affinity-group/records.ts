/**
 * The affinity-group service's records (api-notes/affinity-group.md): the groups (云主机组) and the
 * physical hosts of each availability zone, which decide whether a group's policy can place a VM.
 * Which group a VM is in and the host it runs on are the VM's (ECS) fields. Only this service writes
 * these kinds.
 */

export const AFFINITY_GROUP_KIND = "affinityGroup";
/** One per availability zone (id = the zone name): how many hosts VMs are placed on (inferred model). */
export const HOST_POOL_KIND = "hostPool";

export interface AffinityGroupRecord {
  affinityGroupID: string;
  affinityGroupName: string;
  /** 0 anti-affinity, 1 affinity, 2 soft-anti-affinity, 3 soft-affinity, 4 power-anti-affinity. */
  policyType: number;
  /** RFC 3339. */
  createdTime: string;
  updatedTime: string;
}

export interface HostPoolRecord {
  azName: string;
  hostCount: number;
}

/** policyType ↔ policyTypeName (TF internal/business/esc_const.go EcSGroupPolicyMap). */
export const POLICY_NAMES: Readonly<Record<number, string>> = {
  0: "anti-affinity",
  1: "affinity",
  2: "soft-anti-affinity",
  3: "soft-affinity",
  4: "power-anti-affinity",
};
