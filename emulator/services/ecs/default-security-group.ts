/**
 * The VPC's default security group, which a VM created without `secGroupList` joins (spec D.7:
 * "default SG used if absent"). Decision (COVERAGE.md): it is the VPC's group with `origin`
 * `"default"`, created on first need by the security-group service's own rules (name `default`,
 * the platform's egress rules) and then marked as the platform's.
 */
import { KIND, type SecurityGroupRecord, type VpcRecord } from "../shared/records";
import type { OperationContext } from "../types";
import { createGroup } from "../security-group/backend";

export const DEFAULT_GROUP_ORIGIN = "default";
export const DEFAULT_GROUP_NAME = "default";

export function ensureDefaultSecurityGroup(ctx: OperationContext, regionId: string, vpc: VpcRecord): SecurityGroupRecord {
  const groups = ctx.store.collection<SecurityGroupRecord>(KIND.securityGroup);
  const existing = groups.findOne(regionId, (group) => group.vpcID === vpc.vpcID && group.origin === DEFAULT_GROUP_ORIGIN);
  if (existing) return existing;
  const created = createGroup(ctx, regionId, { vpcID: vpc.vpcID, name: DEFAULT_GROUP_NAME, description: "默认安全组", projectID: vpc.projectID });
  return groups.update(regionId, created.id, { origin: DEFAULT_GROUP_ORIGIN }) as SecurityGroupRecord;
}
