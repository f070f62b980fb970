/**
 * The auto-scaling service's public face (`ctx.backend("scaling")`): the step every scaling call
 * takes before it reads or changes a group (due rules fire, activities progress), and what its
 * records hold (groups hold their VPC, subnets and security groups; configs their security groups).
 */
import type { EngineContext } from "../../engine/context";
import type { Holder } from "../../engine/dependants";
import { ScalingActivities } from "./activities";
import { ScalingRules } from "./policies";
import { SCALING_CONFIG_KIND, SCALING_GROUP_KIND, type ScalingConfigRecord, type ScalingGroupRecord } from "./records";
import { groupNotFound } from "./vocabulary";

declare module "../../engine/backends" {
  interface Backends {
    scaling: ScalingBackend;
  }
}

export class ScalingBackend {
  constructor(private readonly ctx: EngineContext) {}

  private get groups() {
    return this.ctx.store.collection<ScalingGroupRecord>(SCALING_GROUP_KIND);
  }

  /**
   * One step of the work of a group (every group of the region without `groupID`): rules that are
   * due fire, then members, activities and deletions move on (activities.ts).
   */
  step(regionId: string, groupID?: number): void {
    const region = this.ctx.backend("catalog").requireRegion(regionId);
    const groups = groupID === undefined ? this.groups.find(regionId) : [this.groups.get(regionId, String(groupID))].filter((g) => g !== undefined);
    const rules = new ScalingRules(this.ctx);
    const activities = new ScalingActivities(this.ctx);
    for (const group of groups) {
      rules.fireDue(region, group);
      activities.progress(regionId, group.groupID);
    }
  }

  /**
   * The group (a `NotExists` refusal when there is none) after one step of its work. A group whose
   * deletion finishes in that step is gone: the refusal then keeps what the step did.
   */
  steppedGroup(regionId: string, groupID: number): ScalingGroupRecord {
    if (!this.groups.get(regionId, String(groupID))) throw groupNotFound(this.ctx, groupID);
    this.step(regionId, groupID);
    const group = this.groups.get(regionId, String(groupID));
    if (!group) throw groupNotFound(this.ctx, groupID, true);
    return group;
  }

  holdersOfVpc(regionId: string, vpcID: string): Holder[] {
    return this.groups.find(regionId, (group) => group.vpcID === vpcID).map((group) => ({ id: String(group.groupID) }));
  }

  holdersOfSubnet(regionId: string, subnetID: string): Holder[] {
    return this.groups.find(regionId, (group) => group.subnetIDList.includes(subnetID)).map((group) => ({ id: String(group.groupID) }));
  }

  groupsWithSecurityGroup(regionId: string, securityGroupID: string): Holder[] {
    return this.groups.find(regionId, (group) => group.securityGroupIDList.includes(securityGroupID)).map((group) => ({ id: String(group.groupID) }));
  }

  configsWithSecurityGroup(regionId: string, securityGroupID: string): Holder[] {
    return this.ctx.store
      .collection<ScalingConfigRecord>(SCALING_CONFIG_KIND)
      .find(regionId, (config) => config.securityGroupIDList.includes(securityGroupID))
      .map((config) => ({ id: String(config.configID) }));
  }
}
