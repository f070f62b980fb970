/**
 * Auto-scaling lookups: scaling groups that already exist (`group/list`, every page).
 */
import { ListScalingGroups } from "../client/operations/scaling";
import { allPages, criteriaOf, exactlyOne, lookupContext, matchingName, outputForm, type LookupOptions } from "./lookup";

const PAGE = 100;
const HEALTH_MODES: Readonly<Record<number, "server" | "lb">> = { 1: "server", 2: "lb" };

/** A scaling group. */
export interface ScalingGroupInfo {
  /** The group id (decimal text), what `ScalingGroup.get` and `ScalingPolicy.groupId` take. */
  readonly groupId: string;
  /** The group name. */
  readonly name: string;
  /** `enabled` or `disabled`. */
  readonly status: "enabled" | "disabled";
  /** The VPC its VMs run in. */
  readonly vpcId: string;
  /** Its VMs' subnets, the first holding their primary NICs. */
  readonly subnetIds: readonly string[];
  /** Its VMs' security groups (multi-zone regions). */
  readonly securityGroupIds: readonly string[];
  /** Its scaling configs, in order of priority. */
  readonly configIds: readonly string[];
  /** The fewest VMs. */
  readonly minCount: number;
  /** The most VMs. */
  readonly maxCount: number;
  /** The desired count. */
  readonly desiredCount: number;
  /** How many VMs it has. */
  readonly instanceCount: number;
  /** `server` or `lb` health checks. */
  readonly healthMode: "server" | "lb";
  /** Seconds between health checks. */
  readonly healthPeriod: number;
  /** Whether deleting it is refused. */
  readonly deleteProtection: boolean;
  /** When it was created, as the API gives it. */
  readonly createdAt: string | undefined;
}

export interface GetScalingGroupsArgs extends LookupOptions {
  /** Keep groups whose name matches this regular expression. */
  readonly nameRegex?: string;
  /** Only groups in this VPC. */
  readonly vpcId?: string;
  /** Only `enabled` or only `disabled` groups. */
  readonly status?: "enabled" | "disabled";
  /** Only groups of this enterprise project. */
  readonly projectId?: string;
}

export interface GetScalingGroupsResult {
  /** The region searched (32-hex `regionID`). */
  readonly regionId: string;
  /** The groups found. */
  readonly groups: readonly ScalingGroupInfo[];
  /** The found groups' ids, in the same order. */
  readonly ids: readonly string[];
}

/**
 * Scaling groups of the region (`group/list`, every page; `projectId` as an API filter, the others
 * applied here).
 *
 * @example
 * ```ts
 * const { groups } = await ctyun.getScalingGroups({ nameRegex: "^web-", status: "enabled" });
 * ```
 */
export async function getScalingGroups(args: GetScalingGroupsArgs = {}): Promise<GetScalingGroupsResult> {
  const { client, regionId } = lookupContext(args, "getScalingGroups");
  const rows = await allPages(PAGE, async (pageNo) => {
    const page = await client.send(ListScalingGroups, { regionID: regionId, pageNo, pageSize: PAGE, ...(args.projectId ? { projectID: args.projectId } : {}) });
    return { rows: page.scalingGroups, total: page.numberOfAll };
  });
  const groups = matchingName(
    rows.map(
      (group): ScalingGroupInfo => ({
        groupId: String(group.groupID),
        name: group.name,
        status: group.status === 1 ? "enabled" : "disabled",
        vpcId: group.vpcID,
        subnetIds: group.subnetIDList,
        securityGroupIds: group.securityGroupIDList,
        configIds: group.configList.map(String),
        minCount: group.minCount,
        maxCount: group.maxCount,
        desiredCount: group.expectedCount ?? group.minCount,
        instanceCount: group.instanceCount ?? 0,
        healthMode: HEALTH_MODES[group.healthMode] ?? "server",
        healthPeriod: group.healthPeriod,
        deleteProtection: group.deleteProtection === true,
        createdAt: group.createDate ?? undefined,
      }),
    ),
    args.nameRegex,
    (group) => group.name,
  )
    .filter((group) => args.vpcId === undefined || group.vpcId === args.vpcId)
    .filter((group) => args.status === undefined || group.status === args.status);
  return { regionId, groups, ids: groups.map((group) => group.groupId) };
}

/**
 * The one scaling group matching the filters.
 *
 * @example
 * ```ts
 * const web = await ctyun.getScalingGroup({ nameRegex: "^web$" });
 * ```
 */
export async function getScalingGroup(args: GetScalingGroupsArgs): Promise<ScalingGroupInfo> {
  const { groups } = await getScalingGroups(args);
  return exactlyOne("scaling group", criteriaOf(args), groups, (group) => `${group.name} (${group.groupId}, ${group.instanceCount} VMs, ${group.status})`);
}

/** `getScalingGroups` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getScalingGroupsOutput = outputForm(getScalingGroups);
/** `getScalingGroup` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getScalingGroupOutput = outputForm(getScalingGroup);
