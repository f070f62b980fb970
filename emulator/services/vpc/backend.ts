/**
 * VPC rules (spec D.1): names, canonical CIDRs with a /8–/28 mask, a per-region quota, and no
 * deleting a VPC that still holds subnets or security groups.
 */
import { InUseError, NotFoundError, QuotaExceededError } from "../../errors";
import type { OperationContext } from "../types";
import { KIND, PLATFORM_DEFAULT_GROUP_ORIGIN, type SecurityGroupRecord, type SecurityGroupRuleRecord, type SubnetRecord, type VpcRecord } from "../shared/records";
import { checkDescription, checkName, normalizeProjectId, requireIpv4Block } from "../shared/rules";

export const VPC_NOT_FOUND = "Openapi.Vpc.NotFound";
/** Decision (COVERAGE.md): CTyun's default quota is not documented; 50 VPCs per region. */
export const VPC_QUOTA_PER_REGION = 50;

export interface CreateVpcInput {
  readonly name: string;
  readonly CIDR: string;
  readonly description: string;
  readonly enableIpv6: boolean;
  readonly projectID?: string | undefined;
}

const vpcs = (ctx: OperationContext) => ctx.store.collection<VpcRecord>(KIND.vpc);

export function vpcNotFound(vpcID: string): NotFoundError {
  return new NotFoundError(VPC_NOT_FOUND, `vpc ${vpcID} not found`, { description: `VPC ${vpcID} 不存在` });
}

export function requireVpc(ctx: OperationContext, regionId: string, vpcID: string): VpcRecord {
  const vpc = vpcs(ctx).get(regionId, vpcID);
  if (!vpc) throw vpcNotFound(vpcID);
  return vpc;
}

/** A documentation-range IPv6 /56 derived from the VPC id, stable for the VPC's life. */
function ipv6BlockFor(vpcID: string): string {
  const n = [...vpcID].reduce((acc, ch) => (acc * 31 + ch.charCodeAt(0)) % 0xffff, 7);
  return `240e:97c:${n.toString(16)}:ff00::/56`;
}

export function createVpc(ctx: OperationContext, regionId: string, input: CreateVpcInput): VpcRecord {
  checkName("name", input.name);
  checkDescription("description", input.description);
  requireIpv4Block("CIDR", input.CIDR, 8, 28);
  const projectID = normalizeProjectId(input.projectID);
  if (vpcs(ctx).count(regionId) >= VPC_QUOTA_PER_REGION) {
    throw new QuotaExceededError(`at most ${VPC_QUOTA_PER_REGION} VPCs per region`);
  }
  const vpcID = ctx.ids.prefixed("vpc");
  const at = new Date(ctx.now).toISOString();
  const record: VpcRecord = {
    vpcID,
    name: input.name,
    description: input.description,
    CIDR: input.CIDR,
    ipv6Enabled: input.enableIpv6,
    enableIpv6: input.enableIpv6,
    ipv6CIDRS: input.enableIpv6 ? [ipv6BlockFor(vpcID)] : [],
    secondaryCIDRs: [],
    projectID,
    createdAt: at,
    updatedAt: at,
  };
  return vpcs(ctx).insert(regionId, vpcID, record);
}

export function updateVpc(ctx: OperationContext, regionId: string, vpcID: string, change: { name?: string | undefined; description?: string | undefined }): VpcRecord {
  requireVpc(ctx, regionId, vpcID);
  if (change.name !== undefined) checkName("name", change.name);
  if (change.description !== undefined) checkDescription("description", change.description);
  const updated = vpcs(ctx).update(regionId, vpcID, (vpc) => ({
    ...vpc,
    ...(change.name !== undefined ? { name: change.name } : {}),
    ...(change.description !== undefined ? { description: change.description } : {}),
    updatedAt: new Date(ctx.now).toISOString(),
  }));
  return updated as VpcRecord;
}

export function subnetIdsOf(ctx: OperationContext, regionId: string, vpcID: string): string[] {
  return ctx.store
    .collection<SubnetRecord>(KIND.subnet)
    .find(regionId, (s) => s.vpcID === vpcID)
    .map((s) => s.subnetID);
}

export function deleteVpc(ctx: OperationContext, regionId: string, vpcID: string): void {
  requireVpc(ctx, regionId, vpcID);
  const subnets = subnetIdsOf(ctx, regionId, vpcID);
  if (subnets.length > 0) throw new InUseError(`vpc ${vpcID} still has subnets: ${subnets.join(", ")}`, { description: "VPC下存在子网，无法删除", code: ctx.unknownCodes.pick("vpc-has-dependents") });
  const groupStore = ctx.store.collection<SecurityGroupRecord>(KIND.securityGroup);
  const groups = groupStore.find(regionId, (g) => g.vpcID === vpcID);
  const userGroups = groups.filter((g) => g.origin !== PLATFORM_DEFAULT_GROUP_ORIGIN);
  if (userGroups.length > 0) {
    throw new InUseError(`vpc ${vpcID} still has security groups: ${userGroups.map((g) => g.id).join(", ")}`, { description: "VPC下存在安全组，无法删除", code: ctx.unknownCodes.pick("vpc-has-dependents") });
  }
  // The platform's default group goes with its VPC (no VM can use it once the subnets are gone).
  const rules = ctx.store.collection<SecurityGroupRuleRecord>(KIND.securityGroupRule);
  for (const group of groups) {
    for (const rule of rules.find(regionId, (r) => r.securityGroupID === group.id)) rules.delete(regionId, rule.id);
    groupStore.delete(regionId, group.id);
  }
  vpcs(ctx).delete(regionId, vpcID);
}

export function listVpcs(ctx: OperationContext, regionId: string, filter: { vpcIDs?: string[] | undefined; projectID?: string | undefined }): VpcRecord[] {
  return vpcs(ctx).find(
    regionId,
    (vpc) => (!filter.vpcIDs || filter.vpcIDs.includes(vpc.vpcID)) && (filter.projectID === undefined || vpc.projectID === normalizeProjectId(filter.projectID)),
  );
}
