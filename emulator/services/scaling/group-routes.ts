/**
 * Scaling group operations (api-notes/scaling.md §2): create, list (one group by `groupID`: unknown →
 * a `NotExists` refusal, which TF's read looks for), update, delete, enable/disable and delete
 * protection. Each call first takes one step of the group's work (backend.ts `step`).
 */
import { z } from "zod";
import { defineRoute } from "../route";
import type { RouteDefinition } from "../types";
import { ScalingBackend } from "./backend";
import { ScalingGroups } from "./groups";
import { paged } from "./paging";
import { GROUP_STATUS } from "./vocabulary";
import { groupView } from "./views";

const id = z.number().int();
const ids = z.array(z.string().min(1));
const count = z.number().int();

const create = defineRoute({
  method: "POST", path: "/v4/scaling/group/create", operation: "CreateScalingGroup", service: "scaling",
  input: z.object({
    name: z.string(),
    vpcID: z.string().min(1),
    subnetIDList: ids.optional(),
    securityGroupIDList: ids.optional(),
    recoveryMode: count,
    healthMode: count,
    moveOutStrategy: count,
    useLb: count,
    minCount: count.optional(),
    maxCount: count,
    expectedCount: count.optional(),
    healthPeriod: count,
    lbList: z.array(z.object({ port: count, lbID: z.string().min(1), weight: count, hostGroupID: z.string().min(1) })).optional(),
    projectID: z.string().optional(),
    configID: id.optional(),
    configList: z.array(id).optional(),
    azStrategy: count.optional(),
    mazInfo: z.array(z.unknown()).max(0, "mazInfo (deprecated) is not supported by the emulator: use subnetIDList").optional(),
  }),
  handle: (ctx, { input, region }) => ({ groupID: new ScalingGroups(ctx).create(region, input).groupID }),
});

const list = defineRoute({
  method: "POST", path: "/v4/scaling/group/list", operation: "ListScalingGroups", service: "scaling",
  input: z.object({ groupID: id.optional(), projectID: z.string().optional() }),
  handle(ctx, { input, region, params }) {
    const backend = new ScalingBackend(ctx);
    if (input.groupID === undefined) backend.step(region.regionID);
    const rows = input.groupID !== undefined ? [backend.steppedGroup(region.regionID, input.groupID)] : new ScalingGroups(ctx).list(region.regionID, input.projectID);
    const page = paged(rows, params);
    return { numberOfAll: page.totalCount, totalCount: page.totalCount, scalingGroups: page.items.map((group) => groupView(ctx, region.regionID, group)) };
  },
});

const update = defineRoute({
  method: "POST", path: "/v4/scaling/group/update", operation: "UpdateScalingGroup", service: "scaling",
  input: z.object({
    groupID: id,
    name: z.string().optional(),
    minCount: count.optional(),
    maxCount: count.optional(),
    expectedCount: count.optional(),
    useLb: count.optional(),
    healthPeriod: count.optional(),
    securityGroupIDList: ids.optional(),
    // The update model names the load balancer `id` (py v4_scaling_group_update), create `lbID`.
    lbList: z.array(z.object({ port: count, id: z.string().min(1), weight: count, hostGroupID: z.string().min(1) })).optional(),
    subnetIDList: ids.optional(),
    moveOutStrategy: count.optional(),
    recoveryMode: count.optional(),
    healthMode: count.optional(),
    configID: id.optional(),
    configList: z.array(id).optional(),
    azStrategy: count.optional(),
  }),
  handle(ctx, { input: { groupID, lbList, ...change }, region }) {
    new ScalingBackend(ctx).steppedGroup(region.regionID, groupID);
    const lbs = lbList?.map((lb) => ({ port: lb.port, lbID: lb.id, weight: lb.weight, hostGroupID: lb.hostGroupID }));
    new ScalingGroups(ctx).update(region, groupID, { ...change, ...(lbs ? { lbList: lbs } : {}) });
    return { groupID };
  },
});

const remove = defineRoute({
  method: "POST", path: "/v4/scaling/group/delete", operation: "DeleteScalingGroup", service: "scaling",
  input: z.object({ groupID: id, force: z.boolean().optional() }),
  handle(ctx, { input: { groupID, force }, region }) {
    new ScalingBackend(ctx).steppedGroup(region.regionID, groupID);
    new ScalingGroups(ctx).delete(region.regionID, groupID, force ?? false);
    return { groupID };
  },
});

function toggle(path: string, operation: string, apply: (groups: ScalingGroups, region: Parameters<ScalingGroups["create"]>[0], groupID: number) => void): RouteDefinition {
  return defineRoute({
    method: "POST", path, operation, service: "scaling",
    input: z.object({ groupID: id }),
    handle(ctx, { input: { groupID }, region }) {
      new ScalingBackend(ctx).steppedGroup(region.regionID, groupID);
      apply(new ScalingGroups(ctx), region, groupID);
      return { groupID };
    },
  });
}

export const GROUP_ROUTES: readonly RouteDefinition[] = [
  create,
  list,
  update,
  remove,
  toggle("/v4/scaling/group/enable", "EnableScalingGroup", (groups, region, groupID) => groups.setStatus(region, groupID, GROUP_STATUS.enabled)),
  toggle("/v4/scaling/group/disable", "DisableScalingGroup", (groups, region, groupID) => groups.setStatus(region, groupID, GROUP_STATUS.disabled)),
  toggle("/v4/scaling/group/enable-protection", "EnableScalingGroupProtection", (groups, region, groupID) => groups.setDeleteProtection(region.regionID, groupID, true)),
  toggle("/v4/scaling/group/disable-protection", "DisableScalingGroupProtection", (groups, region, groupID) => groups.setDeleteProtection(region.regionID, groupID, false)),
];
