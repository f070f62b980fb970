/**
 * Affinity groups (api-notes/affinity-group.md), as other services use them
 * (`ctx.backend("affinity")`): the groups themselves, and placement (which host a VM runs on, so
 * that a group's policy holds). ECS asks it when a VM is created into a group; bind/unbind move a VM
 * in and out through ECS's own fields. Members hold their group (declared by ECS).
 */
import type { EngineContext } from "../../engine/context";
import { EmulatorError, InUseError, InvalidParameterError, NotFoundError } from "../../errors";
import type { InstanceRecord } from "../ecs/records";
import { chooseHost, hostsOf } from "./placement";
import { AFFINITY_GROUP_KIND, HOST_POOL_KIND, POLICY_NAMES, type AffinityGroupRecord, type HostPoolRecord } from "./records";

declare module "../../engine/backends" {
  interface Backends {
    affinity: AffinityBackend;
  }
}

/** Invented: an operation names a group that does not exist (the list answers an empty page). */
export const GROUP_NOT_FOUND = "Ecs.AffinityGroup.NotFound";
/** Official (TF common.EcsAffinityGroupNotBound): details of a VM in no group. */
export const NOT_BOUND = "Ecs.AffinityGroup.NotBound";
/** Invented: the group's policy can place the VM on no host (hosts ran out). */
export const NO_VALID_HOST = "Ecs.AffinityGroup.NoValidHost";
/** Invented: the VM is already in a group (a VM is in at most one). */
export const ALREADY_BOUND = "Ecs.AffinityGroup.AlreadyBound";
/** Decision (COVERAGE.md): hosts per availability zone unless a test sets another count. */
export const DEFAULT_HOSTS_PER_ZONE = 4;
/** Statuses in which a VM joins or leaves a group (TF's CheckEcsStatus). */
export const BINDABLE_STATUSES: readonly string[] = ["running", "stopped", "shelve"];

const NAME = /^[\u4e00-\u9fa5a-zA-Z0-9_.-]+$/;

export class AffinityBackend {
  constructor(private readonly ctx: EngineContext) {}

  private get groups() {
    return this.ctx.store.collection<AffinityGroupRecord>(AFFINITY_GROUP_KIND);
  }

  private get pools() {
    return this.ctx.store.collection<HostPoolRecord>(HOST_POOL_KIND);
  }

  find(regionId: string, affinityGroupID: string): AffinityGroupRecord | undefined {
    return this.groups.get(regionId, affinityGroupID);
  }

  require(regionId: string, affinityGroupID: string): AffinityGroupRecord {
    const group = this.find(regionId, affinityGroupID);
    if (!group) throw new NotFoundError(GROUP_NOT_FOUND, `affinity group ${affinityGroupID} does not exist in region ${regionId}`, { description: "云主机组不存在" });
    return group;
  }

  policyName(group: AffinityGroupRecord): string {
    return POLICY_NAMES[group.policyType] ?? String(group.policyType);
  }

  /** By exact id; `queryContent` matches ids and names as substrings. */
  list(regionId: string, filter: { affinityGroupID?: string | undefined; queryContent?: string | undefined }): AffinityGroupRecord[] {
    const needle = filter.queryContent?.toLowerCase();
    return this.groups.find(
      regionId,
      (g) => (!filter.affinityGroupID || g.affinityGroupID === filter.affinityGroupID) && (!needle || g.affinityGroupID.toLowerCase().includes(needle) || g.affinityGroupName.toLowerCase().includes(needle)),
    );
  }

  create(regionId: string, name: string, policyType: number): AffinityGroupRecord {
    checkName(name);
    if (!Number.isInteger(policyType) || POLICY_NAMES[policyType] === undefined) throw new InvalidParameterError(`policyType must be 0, 1, 2, 3 or 4 (got ${policyType})`);
    const now = new Date(this.ctx.clock()).toISOString();
    const affinityGroupID = this.ctx.ids.uuid();
    return this.groups.insert(regionId, affinityGroupID, { affinityGroupID, affinityGroupName: name, policyType, createdTime: now, updatedTime: now });
  }

  rename(regionId: string, affinityGroupID: string, name: string): void {
    this.require(regionId, affinityGroupID);
    checkName(name);
    this.groups.update(regionId, affinityGroupID, { affinityGroupName: name, updatedTime: new Date(this.ctx.clock()).toISOString() });
  }

  /** Refused while VMs are in it (inferred; TF unbinds first). */
  delete(regionId: string, affinityGroupID: string): void {
    this.require(regionId, affinityGroupID);
    const [members] = this.ctx.dependantsOf(AFFINITY_GROUP_KIND, regionId, affinityGroupID);
    if (members) {
      throw new InUseError(`affinity group ${affinityGroupID} still has ${members.phrase.en}: ${members.holders.map((h) => h.id).join(", ")}`, {
        description: `云主机组内仍有${members.phrase.zh}，无法删除`,
        code: this.ctx.unknownCodes.pick("affinity-group-in-use"),
      });
    }
    this.groups.delete(regionId, affinityGroupID);
  }

  /** The zone's hosts (the pool record, else the default count). */
  hosts(regionId: string, azName: string): string[] {
    return hostsOf(azName, this.pools.get(regionId, azName)?.hostCount ?? DEFAULT_HOSTS_PER_ZONE);
  }

  /** The host a new (or moving) VM of the zone gets under its group's policy, or undefined when hosts ran out. */
  place(regionId: string, azName: string, affinityGroupID: string | undefined, exceptInstanceID?: string): string | undefined {
    const group = affinityGroupID ? this.require(regionId, affinityGroupID) : undefined;
    const vms = this.ctx.backend("ecs").placements(regionId).filter((vm) => vm.instanceID !== exceptInstanceID);
    return chooseHost(azName, this.hosts(regionId, azName), vms, group);
  }

  /** bind-instance-check: 0 when the VM's host already fits the policy, 1 when it must move; NoValidHost when no host fits. */
  needMigrate(regionId: string, vm: InstanceRecord, affinityGroupID: string): { needMigrate: number; host: string } {
    const group = this.require(regionId, affinityGroupID);
    const others = this.ctx.backend("ecs").placements(regionId).filter((p) => p.instanceID !== vm.instanceID);
    const hosts = this.hosts(regionId, vm.azName);
    // The VM's own host fits when the policy, offered that host alone, takes it.
    if (vm.hostID && chooseHost(vm.azName, [vm.hostID], others, group) === vm.hostID) {
      return { needMigrate: 0, host: vm.hostID };
    }
    const host = chooseHost(vm.azName, hosts, others, group);
    if (host === undefined) {
      throw new EmulatorError(NO_VALID_HOST, `no host in ${vm.azName} can run instance ${vm.instanceID} under the ${this.policyName(group)} policy of affinity group ${affinityGroupID}`, {
        description: "没有满足云主机组策略的物理机",
      });
    }
    return { needMigrate: 1, host };
  }

  /** Puts a settled VM that is in no group into the group (moving it to a fitting host if needed). */
  bind(regionId: string, instanceID: string, affinityGroupID: string): void {
    const ecs = this.ctx.backend("ecs");
    const vm = ecs.require(regionId, instanceID);
    this.require(regionId, affinityGroupID);
    ecs.requireSettled(vm, BINDABLE_STATUSES);
    if (vm.affinityGroupID) {
      throw new EmulatorError(ALREADY_BOUND, `instance ${instanceID} is already in affinity group ${vm.affinityGroupID}; an instance is in at most one group`, { description: "云主机已加入云主机组" });
    }
    const { host } = this.needMigrate(regionId, vm, affinityGroupID);
    ecs.setAffinity(regionId, instanceID, affinityGroupID, host);
  }

  unbind(regionId: string, instanceID: string, affinityGroupID: string): void {
    const ecs = this.ctx.backend("ecs");
    const vm = ecs.require(regionId, instanceID);
    this.require(regionId, affinityGroupID);
    if (vm.affinityGroupID !== affinityGroupID) throw new InvalidParameterError(`instance ${instanceID} is not in affinity group ${affinityGroupID}`);
    ecs.requireSettled(vm, BINDABLE_STATUSES);
    ecs.setAffinity(regionId, instanceID, "", vm.hostID ?? "");
  }

  /** details: the VM's group, or the official `Ecs.AffinityGroup.NotBound`. */
  groupOfInstance(regionId: string, instanceID: string): AffinityGroupRecord {
    const vm = this.ctx.backend("ecs").require(regionId, instanceID);
    const group = vm.affinityGroupID ? this.find(regionId, vm.affinityGroupID) : undefined;
    if (!group) throw new EmulatorError(NOT_BOUND, `instance ${instanceID} is in no affinity group`, { description: "云主机未绑定云主机组" });
    return group;
  }
}

function checkName(name: string): void {
  const n = [...name].length;
  if (n < 1 || n > 64) throw new InvalidParameterError(`affinityGroupName must be 1-64 characters long (got ${n})`);
  if (!NAME.test(name)) throw new InvalidParameterError("affinityGroupName may contain only Chinese characters, letters, digits, '_', '-' and '.'");
}
