/**
 * Scaling groups (api-notes/scaling.md §2): their rules (counts, network, configs, load balancers,
 * health check), state (enabled/disabled, delete protection) and deletion. Every change that moves
 * the desired count hands over to the activities (activities.ts), which launch and release VMs
 * through the ECS service.
 */
import type { EngineContext } from "../../engine/context";
import { EmulatorError, InvalidParameterError } from "../../errors";
import type { RegionRecord } from "../catalog/records";
import { normalizeProjectId } from "../shared/rules";
import { ScalingActivities } from "./activities";
import { ScalingConfigs } from "./configs";
import { SCALING_GROUP_KIND, SCALING_MEMBER_KIND, type ScalingGroupRecord, type ScalingLoadBalancer, type ScalingMemberRecord } from "./records";
import {
  activityInProgress,
  beijingTime,
  DELETE_PROTECTED,
  EXECUTION_MODE,
  GROUP_STATUS,
  groupNameTaken,
  groupNotFound,
  groupStatusInvalid,
  nextId,
  type Change,
} from "./vocabulary";

/** py v4_scaling_group_create: minCount 0–50, maxCount up to 2^31-1, healthPeriod 300–10080 s; TF: ≤ 5 subnets, ≤ 10 configs. */
export const LIMITS = { minCount: 50, maxCount: 2_147_483_647, healthPeriod: { min: 300, max: 10_080 }, subnets: 5, configs: 10 } as const;

/** What group/create takes (validated here); absent counts follow TF's omitempty (a missing minCount is 0). */
export interface GroupInput {
  readonly name: string;
  readonly vpcID: string;
  readonly subnetIDList?: readonly string[] | undefined;
  readonly securityGroupIDList?: readonly string[] | undefined;
  readonly recoveryMode: number;
  readonly healthMode: number;
  readonly moveOutStrategy: number;
  readonly useLb: number;
  readonly minCount?: number | undefined;
  readonly maxCount: number;
  readonly expectedCount?: number | undefined;
  readonly healthPeriod: number;
  readonly lbList?: readonly ScalingLoadBalancer[] | undefined;
  readonly projectID?: string | undefined;
  readonly configID?: number | undefined;
  readonly configList?: readonly number[] | undefined;
  readonly azStrategy?: number | undefined;
}

/** What group/update takes: every field optional (absent = unchanged; TF drops a minCount of 0, py sends null). */
export type GroupChange = Change<Omit<GroupInput, "vpcID" | "projectID">>;

export class ScalingGroups {
  constructor(private readonly ctx: EngineContext) {}

  private get groups() {
    return this.ctx.store.collection<ScalingGroupRecord>(SCALING_GROUP_KIND);
  }

  find(regionId: string, groupID: number): ScalingGroupRecord | undefined {
    return this.groups.get(regionId, String(groupID));
  }

  require(regionId: string, groupID: number): ScalingGroupRecord {
    const group = this.find(regionId, groupID);
    if (!group) throw groupNotFound(this.ctx, groupID);
    return group;
  }

  list(regionId: string, projectID?: string): ScalingGroupRecord[] {
    const project = projectID ? normalizeProjectId(projectID) : undefined;
    return this.groups.find(regionId, (group) => project === undefined || group.projectID === project);
  }

  /** A new group is enabled and starts reaching its desired count at once (TF never calls enable; inferred). */
  create(region: RegionRecord, input: GroupInput): ScalingGroupRecord {
    const regionId = region.regionID;
    if (this.groups.findOne(regionId, (group) => group.name === input.name)) throw groupNameTaken(this.ctx, input.name);
    const vpc = this.ctx.backend("vpc").require(regionId, input.vpcID);
    const minCount = input.minCount ?? 0;
    const counts = checkCounts(minCount, input.maxCount, input.expectedCount ?? minCount);
    const now = beijingTime(this.ctx.clock());
    const groupID = nextId(this.ctx, "group");
    const group: ScalingGroupRecord = {
      groupID,
      uuid: this.ctx.ids.uuid(),
      name: checkName(input.name),
      status: GROUP_STATUS.enabled,
      vpcID: vpc.vpcID,
      subnetIDList: this.subnets(regionId, vpc.vpcID, input.subnetIDList ?? []),
      securityGroupIDList: this.securityGroups(region, vpc.vpcID, input.securityGroupIDList, true),
      configList: this.configs(regionId, input.configList, input.configID),
      ...counts,
      ...checkHealth(input.healthMode, input.healthPeriod, input.useLb),
      moveOutStrategy: oneOf("moveOutStrategy", input.moveOutStrategy, [1, 2, 3, 4]),
      recoveryMode: oneOf("recoveryMode", input.recoveryMode, [1, 2]),
      useLb: input.useLb,
      lbList: checkLoadBalancers(input.useLb, input.lbList ?? []),
      azStrategy: region.isMultiZones ? oneOf("azStrategy", required("azStrategy (in a region with multiple availability zones)", input.azStrategy), [1, 2]) : 0,
      projectID: normalizeProjectId(input.projectID),
      deleteProtection: false,
      createDate: now,
      updateDate: now,
      deleting: false,
      pendingMode: 0,
    };
    this.groups.insert(regionId, String(groupID), group);
    new ScalingActivities(this.ctx).converge(region, groupID, EXECUTION_MODE.newGroup);
    return group;
  }

  /**
   * Applies the fields sent (the rest stay). Subnets and load balancers change only while the group
   * is disabled (TF checks it before calling; inferred server side). A new desired count, or bounds
   * that move it, start an activity (execution mode 6).
   */
  update(region: RegionRecord, groupID: number, change: GroupChange): ScalingGroupRecord {
    const regionId = region.regionID;
    const group = this.requireLive(regionId, groupID);
    const name = change.name === undefined ? group.name : checkName(change.name);
    if (name !== group.name && this.groups.findOne(regionId, (other) => other.name === name && other.groupID !== groupID)) throw groupNameTaken(this.ctx, name);
    const subnets = change.subnetIDList === undefined ? group.subnetIDList : this.subnets(regionId, group.vpcID, change.subnetIDList);
    const useLb = change.useLb ?? group.useLb;
    const lbList = change.lbList === undefined ? (useLb === 2 ? [] : group.lbList) : checkLoadBalancers(useLb, change.lbList);
    const networkChanged = !sameList(subnets, group.subnetIDList) || useLb !== group.useLb || JSON.stringify(lbList) !== JSON.stringify(group.lbList);
    if (networkChanged && group.status === GROUP_STATUS.enabled) {
      throw groupStatusInvalid(`scaling group ${groupID} is enabled: disable it before changing its subnets or load balancers`);
    }
    const minCount = change.minCount ?? group.minCount;
    const maxCount = change.maxCount ?? group.maxCount;
    // Without an explicit desired count, the current one is kept within the new bounds.
    const expected = change.expectedCount ?? Math.min(Math.max(group.expectedCount, minCount), maxCount);
    const updated: ScalingGroupRecord = {
      ...group,
      name,
      subnetIDList: subnets,
      securityGroupIDList: change.securityGroupIDList === undefined ? group.securityGroupIDList : this.securityGroups(region, group.vpcID, change.securityGroupIDList, false),
      configList: change.configList === undefined && change.configID === undefined ? group.configList : this.configs(regionId, change.configList, change.configID),
      ...checkCounts(minCount, maxCount, expected),
      ...checkHealth(change.healthMode ?? group.healthMode, change.healthPeriod ?? group.healthPeriod, useLb),
      moveOutStrategy: change.moveOutStrategy === undefined ? group.moveOutStrategy : oneOf("moveOutStrategy", change.moveOutStrategy, [1, 2, 3, 4]),
      recoveryMode: change.recoveryMode === undefined ? group.recoveryMode : oneOf("recoveryMode", change.recoveryMode, [1, 2]),
      useLb,
      lbList,
      azStrategy: region.isMultiZones && change.azStrategy !== undefined ? oneOf("azStrategy", change.azStrategy, [1, 2]) : group.azStrategy,
      updateDate: beijingTime(this.ctx.clock()),
    };
    this.groups.update(regionId, String(groupID), updated);
    const activities = new ScalingActivities(this.ctx);
    if (networkChanged) activities.rebindLoadBalancers(regionId, group, updated);
    activities.converge(region, groupID, EXECUTION_MODE.groupChange);
    return updated;
  }

  /** Idempotent (TF calls it whenever the plan sets a status); enabling resumes reaching the desired count. */
  setStatus(region: RegionRecord, groupID: number, status: number): void {
    const group = this.requireLive(region.regionID, groupID);
    if (group.status === status) return;
    this.groups.update(region.regionID, String(groupID), { status, updateDate: beijingTime(this.ctx.clock()) });
    if (status === GROUP_STATUS.enabled) new ScalingActivities(this.ctx).converge(region, groupID, EXECUTION_MODE.groupChange);
  }

  /** Idempotent. */
  setDeleteProtection(regionId: string, groupID: number, on: boolean): void {
    this.requireLive(regionId, groupID);
    this.groups.update(regionId, String(groupID), { deleteProtection: on, updateDate: beijingTime(this.ctx.clock()) });
  }

  /**
   * Refused while delete protection is on; without `force` also while an activity runs or VMs remain
   * (py-sc docstring; inferred). The group then releases the VMs it launched (VMs moved in by hand
   * only leave) and goes, with its rules and activities, when the last of them is gone.
   */
  delete(regionId: string, groupID: number, force: boolean): void {
    const group = this.require(regionId, groupID);
    if (group.deleting) return;
    if (group.deleteProtection) throw new EmulatorError(DELETE_PROTECTED, `scaling group ${groupID} has delete protection on: disable it first`, { description: "伸缩组已开启删除保护" });
    const activities = new ScalingActivities(this.ctx);
    const running = activities.running(regionId, groupID);
    if (!force && running) throw activityInProgress(groupID, running.activeID);
    const members = this.ctx.store.collection<ScalingMemberRecord>(SCALING_MEMBER_KIND).count(regionId, (m) => m.groupID === groupID);
    if (!force && members > 0) throw groupStatusInvalid(`scaling group ${groupID} still has ${members} instance(s): delete it with force true, or scale it to 0 first`);
    this.groups.update(regionId, String(groupID), { deleting: true, updateDate: beijingTime(this.ctx.clock()) });
    activities.progress(regionId, groupID);
  }

  /** A group that is not being deleted. */
  requireLive(regionId: string, groupID: number): ScalingGroupRecord {
    const group = this.require(regionId, groupID);
    if (group.deleting) throw groupStatusInvalid(`scaling group ${groupID} is being deleted`);
    return group;
  }

  private subnets(regionId: string, vpcID: string, ids: readonly string[]): string[] {
    if (ids.length < 1 || ids.length > LIMITS.subnets) throw new InvalidParameterError(`subnetIDList must hold 1-${LIMITS.subnets} subnets (the first is the master NIC)`);
    if (new Set(ids).size !== ids.length) throw new InvalidParameterError("subnetIDList contains duplicates");
    for (const id of ids) {
      const subnet = this.ctx.backend("subnet").require(regionId, id);
      if (subnet.vpcID !== vpcID) throw new InvalidParameterError(`subnet ${id} belongs to vpc ${subnet.vpcID}, not ${vpcID}`);
    }
    return [...ids];
  }

  /** Multi-AZ pools: the group's groups (required at create). Single-AZ pools use the configs' (py-sc): stored empty. */
  private securityGroups(region: RegionRecord, vpcID: string, ids: readonly string[] | undefined, creating: boolean): string[] {
    if (!region.isMultiZones) return [];
    const list = [...(ids ?? [])];
    if (creating && list.length === 0) throw new InvalidParameterError("securityGroupIDList is required in a region with multiple availability zones");
    if (new Set(list).size !== list.length) throw new InvalidParameterError("securityGroupIDList contains duplicates");
    for (const id of list) this.ctx.backend("securityGroup").requireInVpc(region.regionID, vpcID, id);
    return list;
  }

  private configs(regionId: string, configList: readonly number[] | undefined, configID: number | undefined): number[] {
    if (configList !== undefined && configID !== undefined) throw new InvalidParameterError("configID (deprecated) and configList are mutually exclusive");
    const list = configList ? [...configList] : configID !== undefined ? [configID] : [];
    if (list.length > LIMITS.configs) throw new InvalidParameterError(`configList may hold at most ${LIMITS.configs} configs`);
    if (new Set(list).size !== list.length) throw new InvalidParameterError("configList contains duplicates");
    const configs = new ScalingConfigs(this.ctx);
    for (const id of list) configs.require(regionId, id);
    return list;
  }
}

function checkName(name: string): string {
  if (name.trim() === "" || [...name].length > 64) throw new InvalidParameterError("name must be 1-64 characters");
  return name;
}

function required<T>(field: string, value: T | undefined): T {
  if (value === undefined) throw new InvalidParameterError(`${field} is required`);
  return value;
}

function oneOf(field: string, value: number, allowed: readonly number[]): number {
  if (!allowed.includes(value)) throw new InvalidParameterError(`${field} must be one of ${allowed.join(", ")} (got ${value})`);
  return value;
}

/** 0 ≤ minCount ≤ 50, minCount ≤ maxCount ≤ 2^31-1, minCount ≤ expectedCount ≤ maxCount. */
function checkCounts(minCount: number, maxCount: number, expectedCount: number): Pick<ScalingGroupRecord, "minCount" | "maxCount" | "expectedCount"> {
  if (minCount < 0 || minCount > LIMITS.minCount) throw new InvalidParameterError(`minCount must be 0-${LIMITS.minCount} (got ${minCount})`);
  if (maxCount < minCount || maxCount > LIMITS.maxCount) throw new InvalidParameterError(`maxCount must be ${minCount} (minCount)-${LIMITS.maxCount} (got ${maxCount})`);
  if (expectedCount < minCount || expectedCount > maxCount) throw new InvalidParameterError(`expectedCount must be within [minCount, maxCount] = [${minCount}, ${maxCount}] (got ${expectedCount})`);
  return { minCount, maxCount, expectedCount };
}

/** healthMode 2 (load balancer) needs useLb 1; healthPeriod 300–10080 s. */
function checkHealth(healthMode: number, healthPeriod: number, useLb: number): Pick<ScalingGroupRecord, "healthMode" | "healthPeriod"> {
  oneOf("healthMode", healthMode, [1, 2]);
  if (healthMode === 2 && useLb !== 1) throw new InvalidParameterError("healthMode 2 (load balancer health check) needs useLb 1");
  const { min, max } = LIMITS.healthPeriod;
  if (healthPeriod < min || healthPeriod > max) throw new InvalidParameterError(`healthPeriod must be ${min}-${max} seconds (got ${healthPeriod})`);
  return { healthMode, healthPeriod };
}

/** useLb 1 needs a non-empty lbList (port 1–65535, weight 1–256, the target group's id); useLb 2 takes none. */
function checkLoadBalancers(useLb: number, list: readonly ScalingLoadBalancer[]): ScalingLoadBalancer[] {
  oneOf("useLb", useLb, [1, 2]);
  if (useLb === 2) {
    if (list.length > 0) throw new InvalidParameterError("lbList needs useLb 1");
    return [];
  }
  if (list.length === 0) throw new InvalidParameterError("lbList is required when useLb is 1");
  for (const lb of list) {
    if (!Number.isInteger(lb.port) || lb.port < 1 || lb.port > 65535) throw new InvalidParameterError(`lbList port must be 1-65535 (got ${lb.port})`);
    if (!Number.isInteger(lb.weight) || lb.weight < 1 || lb.weight > 256) throw new InvalidParameterError(`lbList weight must be 1-256 (got ${lb.weight})`);
  }
  const keys = list.map((lb) => `${lb.hostGroupID}/${lb.port}`);
  if (new Set(keys).size !== keys.length) throw new InvalidParameterError("lbList names the same target group and port twice");
  return list.map((lb) => ({ port: lb.port, lbID: lb.lbID, weight: lb.weight, hostGroupID: lb.hostGroupID }));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
