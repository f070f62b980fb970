/**
 * VPC rules (spec D.1): names, canonical CIDRs with a /8–/28 mask, a per-region quota, and no
 * deleting a VPC that still holds subnets or anything another service declared as holding a VPC
 * (security groups, NAT gateways…: engine/dependants.ts). Other services use it as `ctx.backend("vpc")`.
 */
import type { EngineContext } from "../../engine/context";
import { InUseError, NotFoundError, QuotaExceededError } from "../../errors";
import { checkDescription, checkName, normalizeProjectId, requireIpv4Block } from "../shared/rules";
import { SUBNET_KIND, VPC_KIND, type SubnetRecord, type VpcRecord } from "./records";

declare module "../../engine/backends" {
  interface Backends {
    vpc: VpcBackend;
  }
}

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

export function vpcNotFound(vpcID: string): NotFoundError {
  return new NotFoundError(VPC_NOT_FOUND, `vpc ${vpcID} not found`, { description: `VPC ${vpcID} 不存在` });
}

/** A documentation-range IPv6 /56 derived from the VPC id, stable for the VPC's life. */
function ipv6BlockFor(vpcID: string): string {
  const n = [...vpcID].reduce((acc, ch) => (acc * 31 + ch.charCodeAt(0)) % 0xffff, 7);
  return `240e:97c:${n.toString(16)}:ff00::/56`;
}

export class VpcBackend {
  constructor(private readonly ctx: EngineContext) {}

  private get vpcs() {
    return this.ctx.store.collection<VpcRecord>(VPC_KIND);
  }

  find(regionId: string, vpcID: string): VpcRecord | undefined {
    return this.vpcs.get(regionId, vpcID);
  }

  /** The VPC, or `Openapi.Vpc.NotFound`. */
  require(regionId: string, vpcID: string): VpcRecord {
    const vpc = this.find(regionId, vpcID);
    if (!vpc) throw vpcNotFound(vpcID);
    return vpc;
  }

  create(regionId: string, input: CreateVpcInput): VpcRecord {
    checkName("name", input.name);
    checkDescription("description", input.description);
    requireIpv4Block("CIDR", input.CIDR, 8, 28);
    const projectID = normalizeProjectId(input.projectID);
    if (this.vpcs.count(regionId) >= VPC_QUOTA_PER_REGION) {
      throw new QuotaExceededError(`at most ${VPC_QUOTA_PER_REGION} VPCs per region`);
    }
    const vpcID = this.ctx.ids.prefixed("vpc");
    const at = new Date(this.ctx.clock()).toISOString();
    return this.vpcs.insert(regionId, vpcID, {
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
    });
  }

  update(regionId: string, vpcID: string, change: { name?: string | undefined; description?: string | undefined }): VpcRecord {
    this.require(regionId, vpcID);
    if (change.name !== undefined) checkName("name", change.name);
    if (change.description !== undefined) checkDescription("description", change.description);
    return this.vpcs.update(regionId, vpcID, (vpc) => ({
      ...vpc,
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
      updatedAt: new Date(this.ctx.clock()).toISOString(),
    })) as VpcRecord;
  }

  subnetIdsOf(regionId: string, vpcID: string): string[] {
    return this.ctx.store
      .collection<SubnetRecord>(SUBNET_KIND)
      .find(regionId, (s) => s.vpcID === vpcID)
      .map((s) => s.subnetID);
  }

  /** Ids of the VPC's holders of one kind (e.g. `natGateway` for the `natGatewayIDs` field). */
  holderIds(regionId: string, vpcID: string, kind: string): string[] {
    return this.ctx.dependantsOf(VPC_KIND, regionId, vpcID).flatMap((group) => (group.kind === kind ? group.holders.map((h) => h.id) : []));
  }

  /**
   * Refused (a `vpc-has-dependents` code) while subnets remain, or anything another service holds
   * the VPC with ("vpc <id> still has <phrase.en>: <ids>", "VPC下存在<phrase.zh>，无法删除"). Then the
   * holders are told the VPC is gone (the platform's default security group goes with it).
   */
  delete(regionId: string, vpcID: string): void {
    this.require(regionId, vpcID);
    const subnets = this.subnetIdsOf(regionId, vpcID);
    if (subnets.length > 0) {
      throw new InUseError(`vpc ${vpcID} still has subnets: ${subnets.join(", ")}`, { description: "VPC下存在子网，无法删除", code: this.ctx.unknownCodes.pick("vpc-has-dependents") });
    }
    const [held] = this.ctx.dependantsOf(VPC_KIND, regionId, vpcID);
    if (held) {
      throw new InUseError(`vpc ${vpcID} still has ${held.phrase.en}: ${held.holders.map((h) => h.id).join(", ")}`, {
        description: `VPC下存在${held.phrase.zh}，无法删除`,
        code: this.ctx.unknownCodes.pick("vpc-has-dependents"),
      });
    }
    this.vpcs.delete(regionId, vpcID);
    this.ctx.releaseDependants(VPC_KIND, regionId, vpcID);
  }

  list(regionId: string, filter: { vpcIDs?: readonly string[] | undefined; projectID?: string | undefined }): VpcRecord[] {
    return this.vpcs.find(
      regionId,
      (vpc) => (!filter.vpcIDs || filter.vpcIDs.includes(vpc.vpcID)) && (filter.projectID === undefined || vpc.projectID === normalizeProjectId(filter.projectID)),
    );
  }
}
