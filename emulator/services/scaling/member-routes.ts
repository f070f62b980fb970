/**
 * A group's members, activities and load balancers, and moving VMs in and out by hand
 * (api-notes/scaling.md §2.1, §4). Reads take one step of the group's work first, so polling them
 * is what moves an activity on (as polling an order does).
 */
import { z } from "zod";
import { NotFoundError } from "../../errors";
import { defineRoute } from "../route";
import type { RouteDefinition } from "../types";
import { ActivityLog } from "./activity-log";
import { ScalingBackend } from "./backend";
import { GroupMembers } from "./members";
import { GroupMoves } from "./moves";
import { paged } from "./paging";
import type { ScalingGroupRecord } from "./records";
import { activityView, memberView } from "./views";
import { ACTIVITY_NOT_FOUND } from "./vocabulary";

const id = z.number().int();

/** The group must exist (a `NotExists` refusal otherwise); then one step of its work. */
function stepped(ctx: Parameters<RouteDefinition["handler"]>[0], regionId: string, groupID: number): ScalingGroupRecord {
  return new ScalingBackend(ctx).steppedGroup(regionId, groupID);
}

const instances = defineRoute({
  method: "POST", path: "/v4/scaling/group/query-instance-list", operation: "ListScalingGroupInstances", service: "scaling",
  input: z.object({ groupID: id }),
  handle(ctx, { input: { groupID }, region, params }) {
    stepped(ctx, region.regionID, groupID);
    const page = paged(new GroupMembers(ctx).of(region.regionID, groupID), params);
    return { instanceList: page.items.map((member) => memberView(region.regionID, member)), totalCount: page.totalCount };
  },
});

/** Newest first; `activeIDs`, and `startTime`/`endTime` (Unix seconds) on the start time, filter. */
const activities = defineRoute({
  method: "POST", path: "/v4/scaling/group/query-activities-list", operation: "ListScalingActivities", service: "scaling",
  input: z.object({ groupID: id, activeIDs: z.array(id).optional(), startTime: z.number().int().optional(), endTime: z.number().int().optional() }),
  handle(ctx, { input, region, params }) {
    stepped(ctx, region.regionID, input.groupID);
    const started = (activity: { startTime: string }): number => Date.parse(`${activity.startTime.replace(" ", "T")}+08:00`) / 1000;
    const rows = new ActivityLog(ctx)
      .of(region.regionID, input.groupID)
      .filter((a) => !input.activeIDs || input.activeIDs.includes(a.activeID))
      .filter((a) => (input.startTime === undefined || started(a) >= input.startTime) && (input.endTime === undefined || started(a) <= input.endTime));
    return { activeList: paged(rows, params).items.map(activityView) };
  },
});

const activityDetail = defineRoute({
  method: "POST", path: "/v4/scaling/group/query-activity-detail", operation: "DescribeScalingActivity", service: "scaling",
  input: z.object({ groupID: id, activeID: id }),
  handle(ctx, { input, region }) {
    stepped(ctx, region.regionID, input.groupID);
    const activity = new ActivityLog(ctx).find(region.regionID, input.activeID);
    if (!activity || activity.groupID !== input.groupID) {
      throw new NotFoundError(ACTIVITY_NOT_FOUND, `NotFound: activity ${input.activeID} is not an activity of scaling group ${input.groupID}`, { description: `伸缩活动${input.activeID}未找到` });
    }
    return activityView(activity);
  },
});

/** Target-group names come from the ELB service when there is one (not emulated here: `""`). */
const loadBalancers = defineRoute({
  method: "POST", path: "/v4/scaling/group/query-load-balancer-list", operation: "ListScalingGroupLoadBalancers", service: "scaling",
  input: z.object({ groupID: id }),
  handle(ctx, { input: { groupID }, region, params }) {
    const group = stepped(ctx, region.regionID, groupID);
    const page = paged(group.lbList, params);
    return { totalCount: page.totalCount, loadBalancers: page.items.map((lb) => ({ hostGroupName: "", weight: lb.weight, port: lb.port, lbID: lb.lbID, lbName: "", hostGroupID: lb.hostGroupID, groupID })) };
  },
});

const moveIn = defineRoute({
  method: "POST", path: "/v4/scaling/group/instance-move-in", operation: "MoveInstancesIntoScalingGroup", service: "scaling",
  input: z.object({ groupID: id, instanceUUIDList: z.array(z.string().min(1)) }),
  handle(ctx, { input, region }) {
    stepped(ctx, region.regionID, input.groupID);
    return { instanceIDList: new GroupMoves(ctx).moveIn(region, input.groupID, input.instanceUUIDList) };
  },
});

/** By VM ids (strings); the VMs stay as ordinary VMs. */
const moveOut = defineRoute({
  method: "POST", path: "/v4/scaling/group/instance-move-out", operation: "MoveInstancesOutOfScalingGroup", service: "scaling",
  input: z.object({ groupID: id, instanceIDList: z.array(z.string().min(1)) }),
  handle(ctx, { input, region }) {
    stepped(ctx, region.regionID, input.groupID);
    new GroupMoves(ctx).moveOut(region, input.groupID, { instanceIDs: input.instanceIDList });
    return { instanceIDList: input.instanceIDList };
  },
});

/** By association ids (integers: query-instance-list `id`); the VMs are released. */
const moveOutRelease = defineRoute({
  method: "POST", path: "/v4/scaling/group/instance-move-out-release", operation: "ReleaseScalingGroupInstances", service: "scaling",
  input: z.object({ groupID: id, instanceIDList: z.array(id) }),
  handle(ctx, { input, region }) {
    stepped(ctx, region.regionID, input.groupID);
    new GroupMoves(ctx).moveOut(region, input.groupID, { memberIDs: input.instanceIDList });
    return { instanceIDList: input.instanceIDList };
  },
});

export const MEMBER_ROUTES: readonly RouteDefinition[] = [instances, activities, activityDetail, loadBalancers, moveIn, moveOut, moveOutRelease];
