/**
 * A group's members: the VMs it launches through the ECS service (the same rules, order and records
 * as create-instance) and releases (unsubscribe), each moving `moving in (2) → in service (1) →
 * moving out (3) → gone`, health `initializing (3) → normal (1)` (api-notes/scaling.md §4). A member
 * follows its VM: every progress step polls the VM's order and boot once, as a client polling them
 * would, and registers or deregisters it with the group's load balancers.
 */
import type { EngineContext } from "../../engine/context";
import { isEmulatorError } from "../../errors";
import { ORDER_STATUS } from "../../engine/orders";
import type { RegionRecord } from "../catalog/records";
import { ActivityLog } from "./activity-log";
import { dataDisksOf, ScalingConfigs } from "./configs";
import { deregisterTargets, registerTargets } from "./load-balancers";
import { SCALING_MEMBER_KIND, type ScalingActivityRecord, type ScalingConfigRecord, type ScalingGroupRecord, type ScalingMemberRecord } from "./records";
import { beijingTime, HEALTH_STATUS, MEMBER_STATUS, nextId } from "./vocabulary";

export class GroupMembers {
  private readonly log: ActivityLog;

  constructor(private readonly ctx: EngineContext) {
    this.log = new ActivityLog(ctx);
  }

  private get members() {
    return this.ctx.store.collection<ScalingMemberRecord>(SCALING_MEMBER_KIND);
  }

  of(regionId: string, groupID: number): ScalingMemberRecord[] {
    return this.members.find(regionId, (m) => m.groupID === groupID);
  }

  /** Members that count towards the desired count: in service or moving in. */
  active(regionId: string, groupID: number): ScalingMemberRecord[] {
    return this.of(regionId, groupID).filter((m) => m.status !== MEMBER_STATUS.movingOut);
  }

  /** Launches up to `count` VMs from the group's first config (configList order is priority); stops at the first refusal. */
  launch(region: RegionRecord, group: ScalingGroupRecord, activity: ScalingActivityRecord, count: number): void {
    const configs = new ScalingConfigs(this.ctx);
    const config = group.configList.map((id) => configs.find(region.regionID, id)).find((c) => c !== undefined);
    if (!config) return this.log.fail(region.regionID, activity.activeID, "the group has no scaling config to launch instances from");
    const system = config.volumes.find((v) => v.flag === 1);
    for (let i = 0; i < count; i++) {
      const azName = this.zoneFor(region, group, config);
      const names = this.namesFor(region.regionID, group, config);
      try {
        const launched = this.ctx.backend("ecs").launch(region, {
          imageID: config.imageID,
          flavorName: config.specName,
          bootDiskType: system?.volumeType ?? "SATA",
          bootDiskSize: system?.volumeSize ?? 40,
          dataDisks: dataDisksOf(config.volumes),
          azName,
          instanceName: names.host,
          displayName: names.display,
          vpcID: group.vpcID,
          subnetIDs: group.subnetIDList,
          // Multi-AZ pools take the group's security groups, single-AZ pools the config's (py-sc).
          secGroupIDs: group.securityGroupIDList.length > 0 ? group.securityGroupIDList : config.securityGroupIDList,
          login: { keyPairID: config.keyPairID, passwordHash: config.passwordHash },
          projectID: group.projectID,
        });
        const now = beijingTime(this.ctx.clock());
        const id = nextId(this.ctx, "member");
        this.members.insert(region.regionID, String(id), {
          id,
          groupID: group.groupID,
          instanceID: launched.instanceID,
          instanceName: names.display,
          azName,
          configID: config.configID,
          configName: config.name,
          activeID: activity.activeID,
          executionMode: activity.executionMode,
          status: MEMBER_STATUS.movingIn,
          healthStatus: HEALTH_STATUS.initializing,
          protectStatus: 2,
          projectIDEcs: group.projectID,
          createDate: now,
          joinDate: "",
          launched: true,
          orderID: launched.masterOrderID,
        });
        this.log.addInstance(region.regionID, activity.activeID, launched.instanceID, names.display);
      } catch (error) {
        if (!isEmulatorError(error)) throw error;
        return this.log.fail(region.regionID, activity.activeID, `launching an instance failed: ${error.code}: ${error.message}`);
      }
    }
  }

  /** Takes `count` members in service out, chosen by the group's move-out strategy; protected members stay. */
  shrink(group: ScalingGroupRecord, regionId: string, activity: ScalingActivityRecord, count: number): void {
    const candidates = this.of(regionId, group.groupID).filter((m) => m.status === MEMBER_STATUS.inService && m.protectStatus !== 1);
    const victims = byMoveOutStrategy(candidates, group.moveOutStrategy).slice(0, count);
    if (victims.length < count) this.log.fail(regionId, activity.activeID, `only ${victims.length} of ${count} instances could be removed: the others are protected`);
    for (const member of victims) this.leave(regionId, group, member, activity);
  }

  /**
   * A member leaves: deregistered first, then its VM is released (moving out until gone) — by
   * default only a VM the group launched; `keep` lets any VM go on as an ordinary one (move-out),
   * `release` releases a moved-in VM too (move-out-release).
   */
  leave(regionId: string, group: ScalingGroupRecord, member: ScalingMemberRecord, activity: ScalingActivityRecord | undefined, how: "auto" | "keep" | "release" = "auto"): void {
    for (const failure of deregisterTargets(this.ctx, regionId, member.instanceID, group.lbList)) if (activity) this.log.fail(regionId, activity.activeID, failure);
    const release = how === "release" || (how === "auto" && member.launched);
    if (!release || !this.ctx.backend("ecs").find(regionId, member.instanceID)) {
      this.members.delete(regionId, String(member.id));
      if (activity) this.log.addInstance(regionId, activity.activeID, member.instanceID, member.instanceName);
      return;
    }
    try {
      const released = this.ctx.backend("ecs").release(regionId, member.instanceID);
      this.members.update(regionId, String(member.id), { status: MEMBER_STATUS.movingOut, orderID: released.masterOrderID, ...(activity ? { activeID: activity.activeID } : {}) });
      if (activity) this.log.addInstance(regionId, activity.activeID, member.instanceID, member.instanceName);
    } catch (error) {
      if (!isEmulatorError(error)) throw error;
      if (activity) this.log.fail(regionId, activity.activeID, `releasing instance ${member.instanceID} failed: ${error.code}: ${error.message}`);
    }
  }

  /**
   * One progress step: polls each moving member's VM once and moves the member on. Returns how many
   * members in service lost their VM (deleted by hand): the group replaces them.
   */
  progress(regionId: string, group: ScalingGroupRecord): number {
    const ecs = this.ctx.backend("ecs");
    let vanished = 0;
    for (const member of this.of(regionId, group.groupID)) {
      if (member.status !== MEMBER_STATUS.inService) ecs.observe(regionId, member.instanceID);
      const vm = ecs.find(regionId, member.instanceID);
      const order = member.orderID ? this.ctx.orders.get(member.orderID) : undefined;
      const key = String(member.id);
      if (member.status === MEMBER_STATUS.movingIn) {
        if (!vm) {
          if (order?.status === ORDER_STATUS.failed) {
            this.members.delete(regionId, key);
            this.log.fail(regionId, member.activeID, `instance ${member.instanceID} could not be created: ${order.failureReason ?? "its order failed"}`);
          }
        } else if (vm.instanceStatus === "running") {
          this.members.update(regionId, key, { status: MEMBER_STATUS.inService, healthStatus: HEALTH_STATUS.normal, joinDate: beijingTime(this.ctx.clock()), orderID: "" });
          for (const failure of registerTargets(this.ctx, regionId, member.instanceID, group.lbList)) this.log.fail(regionId, member.activeID, failure);
        } else if (vm.instanceStatus !== "creating") {
          this.members.update(regionId, key, { status: MEMBER_STATUS.inService, healthStatus: HEALTH_STATUS.abnormal, joinDate: beijingTime(this.ctx.clock()), orderID: "" });
          this.log.fail(regionId, member.activeID, `instance ${member.instanceID} did not start (it is ${vm.instanceStatus})`);
        }
      } else if (member.status === MEMBER_STATUS.movingOut) {
        if (!vm) this.members.delete(regionId, key);
        else if (order?.status === ORDER_STATUS.failed) {
          this.members.update(regionId, key, { status: MEMBER_STATUS.inService, orderID: "" });
          this.log.fail(regionId, member.activeID, `instance ${member.instanceID} could not be released: ${order.failureReason ?? "its order failed"}`);
        }
      } else if (!vm) {
        // Deleted behind the group's back: it leaves the group.
        this.members.delete(regionId, key);
        vanished++;
      }
    }
    return vanished;
  }

  /** Uniform: the config's zone with the fewest members (first on a tie); priority: the first zone. Single-AZ pools: the only zone. */
  private zoneFor(region: RegionRecord, group: ScalingGroupRecord, config: ScalingConfigRecord): string {
    const zones = config.azNames.length > 0 ? config.azNames : [region.zones[0]?.name ?? "default"];
    if (group.azStrategy !== 1) return zones[0]!;
    const members = this.active(region.regionID, group.groupID);
    const load = (zone: string): number => members.filter((m) => m.azName === zone).length;
    return zones.reduce((best, zone) => (load(zone) < load(best) ? zone : best), zones[0]!);
  }

  /**
   * Host and display names: the config's `instanceName`/`displayName` (`prefix:suffix` numbers them in
   * order), else `<config name>-<6 random>`; Windows host names are cut to 15 characters without dots.
   */
  private namesFor(regionId: string, group: ScalingGroupRecord, config: ScalingConfigRecord): { host: string; display: string } {
    const ordinal = this.of(regionId, group.groupID).length + 1;
    const suffix = this.ctx.ids.chars("abcdefghijklmnopqrstuvwxyz0123456789", 6);
    const named = (pattern: string): string => {
      if (pattern.includes(":")) {
        const [prefix = "", rest = ""] = pattern.split(":", 2);
        return `${prefix}${ordinal}${rest}`;
      }
      return `${pattern || config.name}-${suffix}`;
    };
    let host = named(config.instanceName);
    if (config.osType === 2) {
      host = host.replace(/\./g, "-");
      if (host.length > 15) host = `${host.slice(0, 8).replace(/-+$/, "")}-${suffix}`;
    }
    return { host, display: config.displayName ? named(config.displayName) : host };
  }
}

/** 1 earlier config first, 2 later config first, 3 oldest VM first, 4 newest VM first (member ids grow with time). */
function byMoveOutStrategy(members: readonly ScalingMemberRecord[], strategy: number): ScalingMemberRecord[] {
  const sorted = [...members];
  switch (strategy) {
    case 1:
      return sorted.sort((a, b) => a.configID - b.configID || a.id - b.id);
    case 2:
      return sorted.sort((a, b) => b.configID - a.configID || b.id - a.id);
    case 4:
      return sorted.sort((a, b) => b.id - a.id);
    default:
      return sorted.sort((a, b) => a.id - b.id);
  }
}
