/**
 * The wire shapes of the ELB show and list answers (api-notes/elb.md §2–§8, §12): every field of the
 * generated structs, nested objects always present (TF dereferences `defaultAction.forwardConfig`,
 * `sessionSticky`, both condition configs), integers as JSON integers. Computed fields are read here:
 * an LB's `eipInfo` from the EIP service, a target's health from its group and VM.
 */
import type { EngineContext } from "../../engine/context";
import { actionView } from "./actions";
import type { ListenerRecord, ListenerRuleRecord, LoadBalancerRecord, TargetGroupRecord, TargetRecord } from "./records";
import { Targets } from "./targets";

/** The common head of every ELB object's view. */
const head = (regionID: string, projectID = "0") => ({ regionID, azName: "", projectID });

export function loadBalancerView(ctx: EngineContext, lb: LoadBalancerRecord, regionID: string): Record<string, unknown> {
  // Whatever EIP is bound to the LB now (the EIP service keeps the binding).
  const eip = ctx.backend("eip").boundTo(regionID, lb.ID, "LOADBALANCER");
  return {
    ...head(regionID, lb.projectID),
    ID: lb.ID,
    name: lb.name,
    description: lb.description,
    vpcID: lb.vpcID,
    subnetID: lb.subnetID,
    portID: lb.portID,
    privateIpAddress: lb.privateIpAddress,
    ipv6Address: "",
    slaName: lb.slaName,
    // `bandwidth` an integer: show's generated struct has float32, list's int32 (api-notes §13).
    eipInfo: eip ? [{ resourceID: eip.resourceID ?? "", eipID: eip.ID, bandwidth: eip.bandwidth, isTalkOrder: eip.cycleType === "on_demand" }] : [],
    deleteProtection: lb.deleteProtection,
    adminStatus: lb.adminStatus,
    status: lb.status,
    resourceType: lb.resourceType,
    createdTime: lb.createdTime,
    updatedTime: lb.updatedTime,
  };
}

export function listenerView(listener: ListenerRecord, regionID: string): Record<string, unknown> {
  return {
    ...head(regionID),
    ID: listener.ID,
    name: listener.name,
    description: listener.description,
    loadBalancerID: listener.loadBalancerID,
    protocol: listener.protocol,
    protocolPort: listener.protocolPort,
    certificateID: listener.certificateID,
    caEnabled: listener.caEnabled,
    clientCertificateID: listener.clientCertificateID,
    defaultAction: actionView(listener.defaultAction),
    accessControlID: listener.accessControlID,
    accessControlType: listener.accessControlType,
    forwardedForEnabled: listener.forwardedForEnabled,
    status: listener.status,
    createdTime: listener.createdTime,
    updatedTime: listener.updatedTime,
  };
}

export function targetGroupView(group: TargetGroupRecord, regionID: string): Record<string, unknown> {
  return {
    ...head(regionID),
    ID: group.ID,
    name: group.name,
    description: group.description,
    vpcID: group.vpcID,
    // Neither official model returns it (api-notes §4.2); added so a reader can tell the protocol back.
    protocol: group.protocol,
    healthCheckID: group.healthCheckID,
    algorithm: group.algorithm,
    sessionSticky: { ...group.sessionSticky },
    status: "ACTIVE",
    proxyProtocol: group.proxyProtocol,
    createdTime: group.createdTime,
    updatedTime: group.updatedTime,
  };
}

export function targetView(ctx: EngineContext, target: TargetRecord, regionID: string): Record<string, unknown> {
  return {
    ...head(regionID),
    ID: target.ID,
    targetGroupID: target.targetGroupID,
    description: target.description,
    instanceType: target.instanceType,
    instanceID: target.instanceID,
    instanceIP: target.instanceIP,
    protocolPort: target.protocolPort,
    weight: target.weight,
    healthCheckStatus: new Targets(ctx).healthOf(regionID, target),
    healthCheckStatusIpv6: "unknown",
    status: "ACTIVE",
    createdTime: target.createdTime,
    updatedTime: target.updatedTime,
  };
}

export function ruleView(rule: ListenerRuleRecord, regionID: string): Record<string, unknown> {
  return {
    ...head(regionID),
    ID: rule.ID,
    loadBalancerID: rule.loadBalancerID,
    listenerID: rule.listenerID,
    priority: rule.priority,
    description: rule.description,
    conditions: rule.conditions.map((condition) => ({
      type: condition.type,
      serverNameConfig: { serverName: condition.serverName },
      urlPathConfig: { urlPaths: condition.urlPaths, matchType: condition.matchType },
    })),
    action: actionView(rule.action),
    status: "ACTIVE",
    createdTime: rule.createdTime,
    updatedTime: rule.updatedTime,
  };
}
