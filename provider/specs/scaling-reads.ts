/**
 * Reads the auto-scaling resources share. CTyun documents no scaling error code, so "gone" is never
 * decided from a code: a refused read by id is followed by the whole list, and absence there decides
 * (the Terraform provider matches `NotExists`/`NotFound` in the message instead).
 */
import { isServiceError } from "../client/errors";
import { DescribeImage, IMAGE_NOT_FOUND } from "../client/operations/catalog";
import {
  ListScalingActivities,
  ListScalingConfigs,
  ListScalingGroupInstances,
  ListScalingGroups,
  ListScalingRules,
  type ScalingActivityInfo,
  type ScalingConfigInfo,
  type ScalingGroupInfo,
  type ScalingMemberInfo,
  type ScalingRuleInfo,
} from "../client/operations/scaling";
import type { HandlerContext } from "../lifecycle/context";
import { allPages } from "../lookups/lookup";

/** The scaling lists' largest page (py-sc: 1–100). */
export const SCALING_PAGE = 100;

type Reader = Pick<HandlerContext, "client">;

export async function allConfigs(ctx: Reader, regionID: string): Promise<ScalingConfigInfo[]> {
  return allPages(SCALING_PAGE, async (pageNo) => ({ rows: await ctx.client.send(ListScalingConfigs, { regionID, pageNo, pageSize: SCALING_PAGE }) }));
}

/** The config, or undefined when the full list does not have it. */
export async function findConfig(ctx: Reader, regionID: string, id: string): Promise<ScalingConfigInfo | undefined> {
  try {
    const [config] = await ctx.client.send(ListScalingConfigs, { regionID, configID: Number(id) });
    if (config && String(config.configID) === id) return config;
  } catch (error) {
    if (!isServiceError(error)) throw error;
  }
  return (await allConfigs(ctx, regionID)).find((config) => String(config.configID) === id);
}

export async function allGroups(ctx: Reader, regionID: string, projectID?: string): Promise<ScalingGroupInfo[]> {
  return allPages(SCALING_PAGE, async (pageNo) => {
    const page = await ctx.client.send(ListScalingGroups, { regionID, pageNo, pageSize: SCALING_PAGE, ...(projectID ? { projectID } : {}) });
    return { rows: page.scalingGroups, total: page.numberOfAll };
  });
}

/** The group, or undefined when the full list does not have it (a group being deleted is still listed). */
export async function findGroup(ctx: Reader, regionID: string, id: string): Promise<ScalingGroupInfo | undefined> {
  try {
    const [group] = (await ctx.client.send(ListScalingGroups, { regionID, groupID: Number(id) })).scalingGroups;
    if (group && String(group.groupID) === id) return group;
  } catch (error) {
    if (!isServiceError(error)) throw error;
  }
  return (await allGroups(ctx, regionID)).find((group) => String(group.groupID) === id);
}

/** Ids of the groups whose configList names the config. */
export async function groupsUsingConfig(ctx: Reader, regionID: string, configId: string): Promise<string[]> {
  return (await allGroups(ctx, regionID)).filter((group) => group.configList.some((id) => String(id) === configId)).map((group) => String(group.groupID));
}

export async function membersOf(ctx: Reader, regionID: string, groupId: string): Promise<ScalingMemberInfo[]> {
  return allPages(SCALING_PAGE, async (pageNo) => {
    const page = await ctx.client.send(ListScalingGroupInstances, { regionID, groupID: Number(groupId), pageNo, pageSize: SCALING_PAGE });
    return { rows: page.instanceList, total: page.totalCount };
  });
}

/** The group's newest activity (the list is newest first), if any. */
export async function latestActivity(ctx: Reader, regionID: string, groupId: string): Promise<ScalingActivityInfo | undefined> {
  return (await ctx.client.send(ListScalingActivities, { regionID, groupID: Number(groupId), pageNo: 1, pageSize: 1 })).activeList[0];
}

export async function rulesOf(ctx: Reader, regionID: string, groupId: string): Promise<ScalingRuleInfo[]> {
  return allPages(SCALING_PAGE, async (pageNo) => {
    const page = await ctx.client.send(ListScalingRules, { regionID, groupID: Number(groupId), pageNo, pageSize: SCALING_PAGE });
    return { rows: page.ruleList, total: page.numberOfAll };
  });
}

/** The image, or a clear error (a private image may have been deleted). */
export async function imageOf(ctx: Reader, regionID: string, imageID: string) {
  try {
    const image = (await ctx.client.send(DescribeImage, { regionID, imageID })).images.find((i) => i.imageID === imageID);
    if (image) return image;
  } catch (error) {
    if (!isServiceError(error, IMAGE_NOT_FOUND)) throw error;
  }
  throw new Error(`imageId ${imageID} is not an image of region ${regionID}`);
}
