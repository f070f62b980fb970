/**
 * The scaling answers' shapes with the JSON types of py ctyunsdk_scaling20220909's response models
 * (and TF's generated structs): integer ids and enums, string times, `deleteProtection` a boolean
 * (TF dereferences it), config `azNames` one comma-separated string, `securityGroupList` objects
 * `{id, name}` (py-sc; TF declares strings — api-notes/scaling.md §1.1), activity `instanceID` a string.
 */
import type { EngineContext } from "../../engine/context";
import { ScalingConfigs } from "./configs";
import { GroupMembers } from "./members";
import type { ScalingActivityRecord, ScalingConfigRecord, ScalingGroupRecord, ScalingMemberRecord, ScalingRuleRecord } from "./records";
import { RULE_STATUS } from "./vocabulary";

export function configView(ctx: EngineContext, regionId: string, config: ScalingConfigRecord): Record<string, unknown> {
  const catalog = ctx.backend("catalog");
  const image = ctx.backend("image").find(regionId, config.imageID);
  const flavor = catalog.flavorNamed(regionId, config.specName);
  const groups = ctx.backend("securityGroup");
  return {
    configID: config.configID,
    name: config.name,
    regionID: regionId,
    visibility: image?.visibility === "private" ? 0 : 1,
    imageName: image?.imageName ?? "",
    imageID: config.imageID,
    securityGroupList: config.securityGroupIDList.map((id) => ({ id, name: groups.find(regionId, id)?.securityGroupName ?? "" })),
    cpu: flavor?.flavorCPU ?? 0,
    memory: flavor?.flavorRAM ?? 0,
    specName: config.specName,
    osType: config.osType,
    volumes: config.volumes.map((v) => ({ volumeType: v.volumeType, volumeSize: v.volumeSize, diskMode: v.diskMode, flag: v.flag, isEncrypt: false, cmkID: "", cmkStatus: "" })),
    useFloatings: config.useFloatings,
    bandwidth: config.bandwidth,
    loginMode: config.loginMode,
    username: config.username,
    chargeType: config.chargeType,
    instanceName: config.instanceName,
    displayName: config.displayName,
    groupCount: new ScalingConfigs(ctx).groupsUsing(regionId, config.configID).length,
    tags: config.tags.map((t) => ({ key: t.key, value: t.value })),
    azNames: config.azNames.join(","),
    monitorService: config.monitorService,
    projectID: config.projectID,
    keyPairID: config.keyPairID,
    keyPairName: config.keyPairID ? (ctx.backend("keypair").findById(regionId, config.keyPairID)?.keyPairName ?? "") : "",
    uuid: config.uuid,
  };
}

export function groupView(ctx: EngineContext, regionId: string, group: ScalingGroupRecord): Record<string, unknown> {
  const vpc = ctx.backend("vpc").find(regionId, group.vpcID);
  const single = group.configList.length === 1 ? new ScalingConfigs(ctx).find(regionId, group.configList[0]!) : undefined;
  return {
    groupID: group.groupID,
    name: group.name,
    status: group.status,
    minCount: group.minCount,
    maxCount: group.maxCount,
    expectedCount: group.expectedCount,
    instanceCount: new GroupMembers(ctx).of(regionId, group.groupID).length,
    healthMode: group.healthMode,
    healthPeriod: group.healthPeriod,
    moveOutStrategy: group.moveOutStrategy,
    recoveryMode: group.recoveryMode,
    useLb: group.useLb,
    azStrategy: group.azStrategy,
    // Deprecated fields, filled only when the group has exactly one config.
    configID: single?.configID ?? 0,
    configName: single?.name ?? "",
    configList: [...group.configList],
    subnetIDList: [...group.subnetIDList],
    securityGroupIDList: [...group.securityGroupIDList],
    vpcID: group.vpcID,
    vpcName: vpc?.name ?? "",
    vpcCidr: vpc?.CIDR ?? "",
    projectIDEcs: group.projectID,
    createDate: group.createDate,
    updateDate: group.updateDate,
    zabbixName: "",
    deleteProtection: group.deleteProtection,
    uuid: group.uuid,
  };
}

export function memberView(regionId: string, member: ScalingMemberRecord): Record<string, unknown> {
  return {
    id: member.id,
    instanceID: member.instanceID,
    instanceName: member.instanceName,
    regionID: regionId,
    azName: member.azName,
    groupID: member.groupID,
    projectIDEcs: member.projectIDEcs,
    createDate: member.createDate,
    joinDate: member.joinDate,
    status: member.status,
    executionMode: member.executionMode,
    healthStatus: member.healthStatus,
    configID: member.configID,
    configName: member.configName,
    activeID: member.activeID,
    protectStatus: member.protectStatus,
    zabbixName: "",
  };
}

export function activityView(activity: ScalingActivityRecord): Record<string, unknown> {
  return {
    activeID: activity.activeID,
    groupID: activity.groupID,
    ruleID: activity.ruleID,
    executionMode: activity.executionMode,
    executionResult: activity.executionResult,
    executionDate: activity.executionDate,
    startTime: activity.startTime,
    endTime: activity.endTime,
    beforeCount: activity.beforeCount,
    afterCount: activity.afterCount,
    ruleExpectDelta: activity.ruleExpectDelta,
    ruleRealDelta: activity.ruleRealDelta,
    failReason: activity.failReason,
    ruleFailReason: activity.ruleFailReason,
    ruleExecutionResult: activity.ruleID === "" ? 0 : activity.executionResult,
    description: activity.description,
    instanceList: activity.instanceList.map((vm) => ({ instanceID: vm.instanceID, instanceName: vm.instanceName })),
  };
}

export function ruleView(rule: ScalingRuleRecord): Record<string, unknown> {
  const enabled = rule.status === RULE_STATUS.enabled;
  return {
    ruleID: rule.ruleID,
    name: rule.name,
    ruleType: rule.ruleType,
    status: rule.status,
    action: rule.action,
    operateCount: rule.operateCount,
    operateUnit: rule.operateUnit,
    cooldown: rule.cooldown,
    executionTime: rule.executionTime,
    cycle: rule.cycle,
    effectiveFrom: rule.effectiveFrom,
    effectiveTill: rule.effectiveTill,
    day: [...rule.day],
    scalingGroupID: rule.groupID,
    projectIDEcs: rule.projectIDEcs,
    createDate: rule.createDate,
    updateDate: rule.updateDate,
    // The alarm's own status is inverted: 0 enabled, 1 disabled (py-sc, TF).
    triggerObj: rule.triggerObj ? { triggerID: `alarm-${rule.ruleID}`, ...rule.triggerObj, cooldown: rule.cooldown, status: enabled ? 0 : 1 } : null,
    targetObj: rule.targetObj ? { ...rule.targetObj } : null,
  };
}
