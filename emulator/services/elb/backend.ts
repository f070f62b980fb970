/**
 * The ELB service's public API for other services, `ctx.backend("elb")`: what its records hold (the
 * VPC/subnet/VM holder lists index.ts declares), and target membership, so another service (an
 * auto-scaling group, say) can put its VMs into a target group and take them out again under the same
 * rules as create-target / delete-target.
 */
import type { EngineContext } from "../../engine/context";
import type { Holder } from "../../engine/dependants";
import { LoadBalancers } from "./load-balancers";
import { LOAD_BALANCER_KIND, TARGET_GROUP_KIND, TARGET_KIND, type LoadBalancerRecord, type TargetGroupRecord, type TargetRecord } from "./records";
import { TargetGroups } from "./target-groups";
import { Targets, type HealthStatus } from "./targets";

declare module "../../engine/backends" {
  interface Backends {
    elb: ElbBackend;
  }
}

export interface TargetMembership {
  readonly targetGroupID: string;
  readonly instanceID: string;
  readonly protocolPort: number;
  /** 1–256; default 100. */
  readonly weight?: number;
}

export class ElbBackend {
  constructor(private readonly ctx: EngineContext) {}

  /** The load balancer, or the ELB not-found answer. */
  requireLoadBalancer(regionID: string, elbID: string): LoadBalancerRecord {
    return new LoadBalancers(this.ctx).require(regionID, elbID);
  }

  /** The target group, or the ELB not-found answer. */
  requireTargetGroup(regionID: string, targetGroupID: string): TargetGroupRecord {
    return new TargetGroups(this.ctx).require(regionID, targetGroupID);
  }

  /** Adds a VM to a target group (the create-target rules: VM in the group's VPC, one target per VM and port). */
  addTarget(regionID: string, member: TargetMembership): TargetRecord {
    return new Targets(this.ctx).create(regionID, {
      targetGroupID: member.targetGroupID,
      instanceType: "VM",
      instanceID: member.instanceID,
      protocolPort: member.protocolPort,
      weight: member.weight,
      instanceIP: undefined,
      description: undefined,
    });
  }

  /** Takes a target out of its group; false when it was not there. */
  removeTarget(regionID: string, targetID: string): boolean {
    const targets = this.ctx.store.collection<TargetRecord>(TARGET_KIND);
    if (!targets.has(regionID, targetID)) return false;
    targets.delete(regionID, targetID);
    return true;
  }

  /** The auto-scaling seam (scaling/load-balancers.ts): VMs into a group under create-target's rules. */
  addTargets(regionID: string, targetGroupID: string, targets: ReadonlyArray<{ instanceID: string; protocolPort: number; weight: number }>): void {
    for (const target of targets) this.addTarget(regionID, { targetGroupID, ...target });
  }

  /** The auto-scaling seam: these VMs leave the group (every port they serve in it). */
  removeTargets(regionID: string, targetGroupID: string, instanceIDs: readonly string[]): void {
    const leaving = new Set(instanceIDs);
    const targets = this.ctx.store.collection<TargetRecord>(TARGET_KIND);
    for (const target of targets.find(regionID, (t) => t.targetGroupID === targetGroupID && leaving.has(t.instanceID))) targets.delete(regionID, target.ID);
  }

  /** The targets of a group, with their computed health. */
  targetsOf(regionID: string, targetGroupID: string): Array<TargetRecord & { healthCheckStatus: HealthStatus }> {
    const targets = new Targets(this.ctx);
    return targets.list(regionID, { targetGroupID }).map((target) => ({ ...target, healthCheckStatus: targets.healthOf(regionID, target) }));
  }

  /** Load balancers in the subnet and those being created there, with their addresses. */
  inSubnet(regionID: string, subnetID: string): Holder[] {
    const lbs = this.ctx.store.collection<LoadBalancerRecord>(LOAD_BALANCER_KIND).find(regionID, (lb) => lb.subnetID === subnetID);
    const pending = new LoadBalancers(this.ctx).reservedAddresses(regionID, subnetID);
    return [...lbs.map((lb) => ({ id: lb.ID, addresses: [lb.privateIpAddress] })), ...pending.map((p) => ({ id: p.id, addresses: [p.address] }))];
  }

  loadBalancersInVpc(regionID: string, vpcID: string): Holder[] {
    return this.ctx.store
      .collection<LoadBalancerRecord>(LOAD_BALANCER_KIND)
      .find(regionID, (lb) => lb.vpcID === vpcID)
      .map((lb) => ({ id: lb.ID }));
  }

  targetGroupsInVpc(regionID: string, vpcID: string): Holder[] {
    return this.ctx.store
      .collection<TargetGroupRecord>(TARGET_GROUP_KIND)
      .find(regionID, (group) => group.vpcID === vpcID)
      .map((group) => ({ id: group.ID }));
  }

  /** The targets a VM is. */
  targetsOfInstance(regionID: string, instanceID: string): Holder[] {
    return this.ctx.store
      .collection<TargetRecord>(TARGET_KIND)
      .find(regionID, (target) => target.instanceID === instanceID)
      .map((target) => ({ id: target.ID }));
  }

  /** The VM went away: it leaves its target groups (inferred: a deleted VM cannot stay a member). */
  releaseInstance(regionID: string, instanceID: string): void {
    new Targets(this.ctx).removeInstance(regionID, instanceID);
  }
}
