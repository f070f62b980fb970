/**
 * ECS instances (spec D.7): the power state machine, attribute and password changes, security-group
 * membership, key-pair binding, the list, and what other services ask of a VM. Creating a VM is in
 * create.ts, its billed changes (flavor, unsubscribe, destroy) in orders.ts. Other services use this
 * as `ctx.backend("ecs")`.
 */
import type { EngineContext } from "../../engine/context";
import type { Holder } from "../../engine/dependants";
import { InvalidParameterError, QuotaExceededError } from "../../errors";
import { normalizeProjectId } from "../shared/rules";
import { instanceNotFound, invalid, requireStatus, statusError, STATUS_NOT_RUNNING, STATUS_NOT_STOPPED } from "./errors";
import type { RegionRecord } from "../catalog/records";
import type { PreparedLogin } from "./create";
import { InstanceLaunches, type LaunchRequest, type LaunchTemplate } from "./launch";
import { defaultUserOf, hashPassword, osKindOf, passwordViolation, type ImageUser } from "./login-rules";
import { INSTANCE_KIND, MAX_SECURITY_GROUPS, OS_TYPE_CODE, SETTLED_STATUSES, type InstanceRecord } from "./records";
import { instanceView } from "./views";

declare module "../../engine/backends" {
  interface Backends {
    ecs: EcsBackend;
  }
}

/** Decision (COVERAGE.md): key pairs are bound to and unbound from VMs that are running or stopped. */
export const KEY_PAIR_BINDABLE_STATUSES: readonly string[] = ["running", "stopped"];

type PowerOp = "stop" | "start" | "shelve";

const POWER: Readonly<Record<PowerOp, { from: readonly string[]; code: string; wanted: string; via: string; to: string; task: string }>> = {
  stop: { from: ["running"], code: STATUS_NOT_RUNNING, wanted: "running", via: "stopping", to: "stopped", task: "StopInstance" },
  shelve: { from: ["running"], code: STATUS_NOT_RUNNING, wanted: "running", via: "shelving", to: "shelve", task: "ShelveInstance" },
  start: { from: ["stopped", "shelve"], code: STATUS_NOT_STOPPED, wanted: "stopped", via: "starting", to: "running", task: "StartInstance" },
};

interface AttributeUpdate {
  readonly instanceID: string;
  readonly displayName?: string | undefined;
  readonly instanceDescription?: string | undefined;
}

export interface InstanceFilter {
  readonly azName?: string | undefined;
  readonly projectID?: string | undefined;
  readonly instanceName?: string | undefined;
  readonly instanceIDs?: readonly string[] | undefined;
  readonly vpcID?: string | undefined;
  readonly state?: string | undefined;
}

export class EcsBackend {
  constructor(private readonly ctx: EngineContext) {}

  private get instances() {
    return this.ctx.store.collection<InstanceRecord>(INSTANCE_KIND);
  }

  find(regionId: string, instanceID: string): InstanceRecord | undefined {
    return this.instances.get(regionId, instanceID);
  }

  /** The VM, or `Ecs.Instance.NotFound`. */
  require(regionId: string, instanceID: string): InstanceRecord {
    const instance = this.find(regionId, instanceID);
    if (!instance) throw instanceNotFound(instanceID);
    return instance;
  }

  /**
   * One poll of a VM by a service that launched or released it (auto scaling): its boot or power
   * transition and every order of the VM still in flight (create, unsubscribe), as polling those
   * orders would. instance-details itself observes only the transition (spec D.7).
   */
  observe(regionId: string, instanceID: string): void {
    this.ctx.transitions.observe(INSTANCE_KIND, instanceID);
    for (const order of this.ctx.orders.inProgress(regionId, (o) => o.resourceIds.includes(instanceID))) this.ctx.orders.poll(order.masterOrderID);
  }

  // VMs launched and released on a user's behalf (auto scaling): launch.ts.

  /** A launch template's login, checked with create-instance's rules (a key pair, or a password kept as a hash). */
  prepareLogin(regionId: string, imageID: string, login: { keyPairID?: string | undefined; password?: string | undefined; userName?: string | undefined }): PreparedLogin {
    return new InstanceLaunches(this.ctx).prepareLogin(regionId, imageID, login);
  }

  /** A launch template's create-instance rules (image, flavor in each zone, disks); returns the image's OS. */
  checkLaunchTemplate(region: RegionRecord, template: LaunchTemplate, azNames: readonly string[]): "linux" | "windows" {
    return new InstanceLaunches(this.ctx).checkTemplate(region, template, azNames);
  }

  /** Orders an on-demand VM as create-instance does; it appears (booting) when the order completes. */
  launch(region: RegionRecord, request: LaunchRequest): { instanceID: string; masterOrderID: string } {
    return new InstanceLaunches(this.ctx).launch(region, request);
  }

  /** Unsubscribes a launched VM (refund order); it goes with its packaged disks when the order completes. */
  release(regionId: string, instanceID: string): { masterOrderID: string } {
    return new InstanceLaunches(this.ctx).release(regionId, instanceID);
  }

  /** The VM's master NIC address ("" when it has none). */
  privateAddress(instance: InstanceRecord): string {
    const nic = instance.networkCardList.find((card) => card.isMaster) ?? instance.networkCardList[0];
    return nic?.IPv4Address ?? "";
  }

  /** Writes a change and the update time. */
  touch(regionId: string, instanceID: string, change: Partial<InstanceRecord> = {}): InstanceRecord {
    return this.instances.update(regionId, instanceID, { ...change, updatedTime: new Date(this.ctx.clock()).toISOString() }) as InstanceRecord;
  }

  /**
   * Starts a power transition: the transitional status (`stopping`, `starting`, `shelving`) is
   * visible at once (spec D.7), the target when the `power` timing says so. Returns the job id.
   */
  power(regionId: string, instanceID: string, op: PowerOp): string {
    const instance = this.require(regionId, instanceID);
    const rule = POWER[op];
    if (!rule.from.includes(instance.instanceStatus)) throw statusError(rule.code, instance, rule.wanted);
    this.ctx.transitions.schedule(INSTANCE_KIND, { regionId, id: instanceID }, { via: rule.via, to: rule.to, field: "instanceStatus", timing: "power" });
    this.touch(regionId, instanceID);
    return this.ctx.jobs.start({ regionId, resourceId: instanceID, taskName: rule.task });
  }

  /** batch-update-instances: all rows are checked before any is applied (all or nothing). */
  updateAttributes(regionId: string, updates: readonly AttributeUpdate[]): InstanceRecord[] {
    for (const update of updates) {
      this.require(regionId, update.instanceID);
      if (update.displayName === undefined && update.instanceDescription === undefined) throw invalid(`updateInfo for ${update.instanceID} changes nothing`);
      const length = update.displayName === undefined ? 2 : Buffer.byteLength(update.displayName, "utf8");
      if (length < 2 || length > 63) throw invalid("displayName must be 2-63 bytes long");
    }
    return updates.map((update) =>
      this.touch(regionId, update.instanceID, {
        ...(update.displayName === undefined ? {} : { displayName: update.displayName }),
        ...(update.instanceDescription === undefined ? {} : { instanceDescription: update.instanceDescription }),
      }),
    );
  }

  /** Synchronous; the VM must be running (API doc). The policy's user-name rule uses `userName` or the OS default. */
  resetPassword(regionId: string, instanceID: string, newPassword: string, userName: string | undefined): void {
    const instance = this.require(regionId, instanceID);
    if (instance.instanceStatus !== "running") throw statusError(STATUS_NOT_RUNNING, instance, "running");
    const os = osKindOf(instance.osType);
    let user: ImageUser = defaultUserOf(os);
    if (userName !== undefined && userName !== "") {
      // Windows user names are case-insensitive, Linux ones case-sensitive (reset-password doc).
      const name = os === "windows" ? userName.toLowerCase() : userName;
      const users: readonly ImageUser[] = os === "windows" ? ["administrator"] : ["root", "ecs-user"];
      const known = users.find((candidate) => candidate === name);
      if (!known) throw invalid(`userName must be ${users.join(" or ")} for this ${os} image`);
      user = known;
    }
    const problem = passwordViolation(newPassword, user);
    if (problem) throw invalid(`newPassword ${problem}`);
    this.touch(regionId, instanceID, { passwordHash: hashPassword(this.ctx.ids, newPassword) });
  }

  joinSecurityGroup(regionId: string, instanceID: string, securityGroupID: string): void {
    const instance = this.require(regionId, instanceID);
    requireStatus(instance, SETTLED_STATUSES);
    this.ctx.backend("securityGroup").requireInVpc(regionId, instance.vpcID, securityGroupID);
    if (instance.secGroupIDs.includes(securityGroupID)) throw invalid(`security group ${securityGroupID} is already bound to instance ${instanceID}`);
    if (instance.secGroupIDs.length >= MAX_SECURITY_GROUPS) throw new QuotaExceededError(`an instance can be in at most ${MAX_SECURITY_GROUPS} security groups`);
    this.touch(regionId, instanceID, { secGroupIDs: [...instance.secGroupIDs, securityGroupID] });
  }

  /** Decision (COVERAGE.md): a VM keeps at least one security group; leaving the last one is refused. */
  leaveSecurityGroup(regionId: string, instanceID: string, securityGroupID: string): void {
    const instance = this.require(regionId, instanceID);
    requireStatus(instance, SETTLED_STATUSES);
    this.ctx.backend("securityGroup").require(regionId, securityGroupID);
    if (!instance.secGroupIDs.includes(securityGroupID)) throw invalid(`security group ${securityGroupID} is not bound to instance ${instanceID}`);
    if (instance.secGroupIDs.length === 1) throw invalid(`security group ${securityGroupID} is the last one of instance ${instanceID}; join another one first`);
    this.touch(regionId, instanceID, { secGroupIDs: instance.secGroupIDs.filter((id) => id !== securityGroupID) });
  }

  /** Binds a key pair (by name) to a Linux VM; one it already has is replaced (API doc). */
  bindKeyPair(regionId: string, instanceID: string, keyPairName: string): void {
    const instance = this.require(regionId, instanceID);
    if (instance.osType === OS_TYPE_CODE.windows) throw new InvalidParameterError(`instance ${instanceID} runs Windows, which does not support key pairs`);
    requireStatus(instance, KEY_PAIR_BINDABLE_STATUSES);
    this.touch(regionId, instanceID, { keypairName: keyPairName });
  }

  unbindKeyPair(regionId: string, instanceID: string, keyPairName: string): void {
    const instance = this.require(regionId, instanceID);
    requireStatus(instance, KEY_PAIR_BINDABLE_STATUSES);
    if (instance.keypairName !== keyPairName) {
      throw new InvalidParameterError(`key pair ${keyPairName} is not bound to instance ${instanceID}${instance.keypairName ? ` (it has ${instance.keypairName})` : ""}`);
    }
    this.touch(regionId, instanceID, { keypairName: "" });
  }

  list(regionId: string, filter: InstanceFilter): InstanceRecord[] {
    const projectID = filter.projectID ? normalizeProjectId(filter.projectID) : undefined;
    return this.instances.find(
      regionId,
      (vm) =>
        (!filter.azName || vm.azName === filter.azName) &&
        (!projectID || vm.projectID === projectID) &&
        (!filter.instanceName || vm.instanceName.includes(filter.instanceName)) &&
        (!filter.instanceIDs || filter.instanceIDs.includes(vm.instanceID)) &&
        (!filter.vpcID || vm.vpcID === filter.vpcID) &&
        (!filter.state || vm.instanceStatus === filter.state),
    );
  }

  /** Where the region's VMs run (those with a host), for the affinity service's placement. */
  placements(regionId: string): Array<{ instanceID: string; azName: string; hostID: string; affinityGroupID: string }> {
    return this.instances
      .find(regionId, (vm) => Boolean(vm.hostID))
      .map((vm) => ({ instanceID: vm.instanceID, azName: vm.azName, hostID: vm.hostID!, affinityGroupID: vm.affinityGroupID ?? "" }));
  }

  /** Throws `Ecs.Instance.StatusInvalid` unless the VM is in one of `allowed`. */
  requireSettled(instance: InstanceRecord, allowed: readonly string[]): void {
    requireStatus(instance, allowed);
  }

  /** Joins (groupID) or leaves ("") an affinity group, on `hostID` (bind-instance may move the VM). */
  setAffinity(regionId: string, instanceID: string, affinityGroupID: string, hostID: string): void {
    this.touch(regionId, instanceID, { affinityGroupID, hostID });
  }

  /** instance-details rows (affinity-group/list-instance shows its members so). */
  views(regionId: string, instances: readonly InstanceRecord[]): Array<Record<string, unknown>> {
    return instances.map((vm) => instanceView(this.ctx, regionId, vm, this.ctx.clock()));
  }

  membersOf(regionId: string, affinityGroupID: string): InstanceRecord[] {
    return this.instances.find(regionId, (vm) => vm.affinityGroupID === affinityGroupID);
  }

  // What VMs hold (declared in index.ts). Records a test wrote by hand may lack fields: read defensively.

  /** VMs with an interface in the subnet, with those interfaces' addresses. */
  holdersOfSubnet(regionId: string, subnetID: string): Holder[] {
    return this.instances
      .find(regionId, (vm) => (vm.networkCardList ?? []).some((nic) => nic.subnetID === subnetID))
      .map((vm) => ({ id: vm.instanceID, addresses: vm.networkCardList.filter((nic) => nic.subnetID === subnetID).map((nic) => nic.IPv4Address) }));
  }

  holdersOfSecurityGroup(regionId: string, securityGroupID: string): Holder[] {
    return this.instances.find(regionId, (vm) => (vm.secGroupIDs ?? []).includes(securityGroupID)).map((vm) => ({ id: vm.instanceID }));
  }

  holdersOfKeyPair(regionId: string, keyPairName: string): Holder[] {
    return this.instances.find(regionId, (vm) => vm.keypairName === keyPairName).map((vm) => ({ id: vm.instanceID }));
  }
}
