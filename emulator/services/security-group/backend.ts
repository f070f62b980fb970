/**
 * Security groups (spec D.3): they live in a VPC, come with the platform's default rules, cannot be
 * deleted while anything holds them (VMs in them: engine/dependants.ts) or another group's rule
 * names them. The group a VM joins when it names none is the VPC's platform default group, made on
 * first need. Rules are in rule-backend.ts. Other services use this as `ctx.backend("securityGroup")`.
 */
import type { EngineContext } from "../../engine/context";
import { InUseError, InvalidParameterError, NotFoundError } from "../../errors";
import type { VpcRecord } from "../vpc/records";
import { checkDescription, checkName, normalizeProjectId } from "../shared/rules";
import { PLATFORM_DEFAULT_GROUP_ORIGIN, SECURITY_GROUP_KIND, USER_ORIGIN, type SecurityGroupRecord } from "./records";
import { RuleBackend } from "./rule-backend";

declare module "../../engine/backends" {
  interface Backends {
    securityGroup: SecurityGroupBackend;
  }
}

export const SECURITY_GROUP_NOT_FOUND = "Openapi.SecurityGroup.NotFound";
/** The holder kind whose count is a group's `vmNum`. */
const INSTANCE_HOLDER_KIND = "instance";

export function securityGroupNotFound(id: string): NotFoundError {
  return new NotFoundError(SECURITY_GROUP_NOT_FOUND, `security group ${id} not found`, { description: `安全组 ${id} 不存在` });
}

export interface CreateGroupInput {
  readonly vpcID: string;
  readonly name: string;
  readonly description: string;
  readonly projectID?: string | undefined;
}

export interface GroupFilter {
  readonly vpcID?: string | undefined;
  /** Matches a group id exactly or a name by substring (what TF passes as `queryContent`). */
  readonly queryContent?: string | undefined;
  readonly instanceID?: string | undefined;
  readonly projectID?: string | undefined;
}

export class SecurityGroupBackend {
  constructor(private readonly ctx: EngineContext) {}

  private get groups() {
    return this.ctx.store.collection<SecurityGroupRecord>(SECURITY_GROUP_KIND);
  }

  find(regionId: string, id: string): SecurityGroupRecord | undefined {
    return this.groups.get(regionId, id);
  }

  /** The group, also checked against a `projectID` filter when the caller sent a non-empty one. */
  require(regionId: string, id: string, projectID?: string): SecurityGroupRecord {
    const group = this.find(regionId, id);
    if (!group || (projectID !== undefined && projectID !== "" && normalizeProjectId(projectID) !== group.projectID)) {
      throw securityGroupNotFound(id);
    }
    return group;
  }

  /** The group, which must be in `vpcID` (a VM joins groups of its own VPC only). */
  requireInVpc(regionId: string, vpcID: string, id: string): SecurityGroupRecord {
    const group = this.require(regionId, id);
    if (group.vpcID !== vpcID) throw new InvalidParameterError(`security group ${id} belongs to vpc ${group.vpcID}, not ${vpcID}`);
    return group;
  }

  create(regionId: string, input: CreateGroupInput, origin = USER_ORIGIN): SecurityGroupRecord {
    checkName("name", input.name);
    checkDescription("description", input.description);
    const projectID = normalizeProjectId(input.projectID);
    this.ctx.backend("vpc").require(regionId, input.vpcID);
    const id = this.ctx.ids.prefixed("sg");
    const group = this.groups.insert(regionId, id, {
      id,
      securityGroupName: input.name,
      vpcID: input.vpcID,
      description: input.description,
      origin,
      creationTime: new Date(this.ctx.clock()).toISOString(),
      projectID,
    });
    new RuleBackend(this.ctx).addDefaultRules(regionId, id);
    return group;
  }

  /**
   * The VPC's default security group, which a VM created without `secGroupList` joins (spec D.7:
   * "default SG used if absent"). Decision (COVERAGE.md): the VPC's group with `origin` `"default"`,
   * created on first need with the ordinary rules (name `default`, the platform's egress rules).
   */
  ensureDefault(regionId: string, vpc: VpcRecord): SecurityGroupRecord {
    const existing = this.groups.findOne(regionId, (group) => group.vpcID === vpc.vpcID && group.origin === PLATFORM_DEFAULT_GROUP_ORIGIN);
    return existing ?? this.create(regionId, { vpcID: vpc.vpcID, name: "default", description: "默认安全组", projectID: vpc.projectID }, PLATFORM_DEFAULT_GROUP_ORIGIN);
  }

  modify(regionId: string, id: string, projectID: string | undefined, change: { name?: string | undefined; description?: string | undefined }): void {
    this.require(regionId, id, projectID);
    if (change.name !== undefined) checkName("name", change.name);
    if (change.description !== undefined) checkDescription("description", change.description);
    this.groups.update(regionId, id, (group) => ({
      ...group,
      ...(change.name !== undefined ? { securityGroupName: change.name } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
    }));
  }

  /**
   * Refused (a `security-group-in-use` code) while anything holds the group ("security group <id>
   * is <phrase.en>: <ids>", "安全组<phrase.zh>，无法删除") or another group's rule names it.
   */
  delete(regionId: string, id: string, projectID: string | undefined): void {
    this.require(regionId, id, projectID);
    const [held] = this.ctx.dependantsOf(SECURITY_GROUP_KIND, regionId, id);
    if (held) {
      throw new InUseError(`security group ${id} is ${held.phrase.en}: ${held.holders.map((h) => h.id).join(", ")}`, {
        description: `安全组${held.phrase.zh}，无法删除`,
        code: this.ctx.unknownCodes.pick("security-group-in-use"),
      });
    }
    const rules = new RuleBackend(this.ctx);
    const owners = rules.groupsReferencing(regionId, id);
    if (owners.length > 0) {
      throw new InUseError(`security group ${id} is referenced by rules of security groups: ${owners.join(", ")}`, {
        description: "安全组被其他安全组规则引用，无法删除",
        code: this.ctx.unknownCodes.pick("security-group-in-use"),
      });
    }
    this.remove(regionId, id);
    this.ctx.releaseDependants(SECURITY_GROUP_KIND, regionId, id);
  }

  /** Ids of the instances in the group (holders of kind `instance`). */
  instanceIds(regionId: string, id: string): string[] {
    return this.ctx.dependantsOf(SECURITY_GROUP_KIND, regionId, id).flatMap((group) => (group.kind === INSTANCE_HOLDER_KIND ? group.holders.map((h) => h.id) : []));
  }

  list(regionId: string, filter: GroupFilter): SecurityGroupRecord[] {
    const project = filter.projectID ? normalizeProjectId(filter.projectID) : undefined;
    return this.groups.find(
      regionId,
      (group) =>
        (!filter.vpcID || group.vpcID === filter.vpcID) &&
        (!filter.queryContent || group.id === filter.queryContent || group.securityGroupName.includes(filter.queryContent)) &&
        (!filter.instanceID || this.instanceIds(regionId, group.id).includes(filter.instanceID)) &&
        (project === undefined || group.projectID === project),
    );
  }

  /** User groups of the VPC: they hold it (the platform's default group goes with the VPC). */
  userGroupsIn(regionId: string, vpcID: string): SecurityGroupRecord[] {
    return this.groups.find(regionId, (g) => g.vpcID === vpcID && g.origin !== PLATFORM_DEFAULT_GROUP_ORIGIN);
  }

  /** The VPC is gone: its platform default group goes with it (no VM can use it once the subnets are gone). */
  removeDefaultGroupsOf(regionId: string, vpcID: string): void {
    for (const group of this.groups.find(regionId, (g) => g.vpcID === vpcID && g.origin === PLATFORM_DEFAULT_GROUP_ORIGIN)) this.remove(regionId, group.id);
  }

  private remove(regionId: string, id: string): void {
    new RuleBackend(this.ctx).removeAllOf(regionId, id);
    this.groups.delete(regionId, id);
  }
}
