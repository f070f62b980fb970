/**
 * Affinity group operations (host `ctecs`, api-notes/affinity-group.md), all synchronous. Answers
 * carry every field py ctyunsdk_ecs20220909's models declare (the member list: instance-details rows).
 */
import { z } from "zod";
import { defineRoute } from "../route";
import { commaList, requiredId } from "../shared/fields";
import { listResult, paginate, readPaging } from "../shared/paging";
import type { RouteDefinition } from "../types";
import { AffinityBackend } from "./backend";
import type { AffinityGroupRecord } from "./records";

function policyOf(backend: AffinityBackend, group: AffinityGroupRecord) {
  return { policyType: group.policyType, policyTypeName: backend.policyName(group) };
}

function groupView(backend: AffinityBackend, group: AffinityGroupRecord): Record<string, unknown> {
  return {
    affinityGroupID: group.affinityGroupID,
    affinityGroupName: group.affinityGroupName,
    affinityGroupPolicy: policyOf(backend, group),
    createdTime: group.createdTime,
    updatedTime: group.updatedTime,
    deleted: false,
  };
}

const groupRef = { affinityGroupID: requiredId };
const vmRef = { instanceID: requiredId, affinityGroupID: requiredId };

const create = defineRoute({
  method: "POST", path: "/v4/ecs/affinity-group/create", operation: "CreateAffinityGroup", service: "ctecs",
  // policyType defaults to 2 (py doc, TF comment).
  input: z.object({ affinityGroupName: z.string({ error: "affinityGroupName is required" }), policyType: z.number({ error: "policyType must be an integer" }).int().default(2) }),
  handle(ctx, { input, region }) {
    const backend = new AffinityBackend(ctx);
    const group = backend.create(region.regionID, input.affinityGroupName, input.policyType);
    return { affinityGroupID: group.affinityGroupID, affinityGroupName: group.affinityGroupName, affinityGroupPolicy: policyOf(backend, group) };
  },
});

const list = defineRoute({
  method: "POST", path: "/v4/ecs/affinity-group/list", operation: "ListAffinityGroups", service: "ctecs",
  input: z.object({ affinityGroupID: z.string().optional(), queryContent: z.string().optional() }),
  handle(ctx, { input, region, params }) {
    const backend = new AffinityBackend(ctx);
    return listResult("results", paginate(backend.list(region.regionID, input), readPaging(params)), (g) => groupView(backend, g));
  },
});

const update = defineRoute({
  method: "POST", path: "/v4/ecs/affinity-group-update", operation: "UpdateAffinityGroup", service: "ctecs",
  input: z.object({ ...groupRef, affinityGroupName: z.string({ error: "affinityGroupName is required" }) }),
  handle(ctx, { input, region }) {
    new AffinityBackend(ctx).rename(region.regionID, input.affinityGroupID, input.affinityGroupName);
    return { affinityGroupID: input.affinityGroupID };
  },
});

const remove = defineRoute({
  method: "POST", path: "/v4/ecs/affinity-group-delete", operation: "DeleteAffinityGroup", service: "ctecs",
  input: z.object(groupRef),
  handle(ctx, { input, region }) {
    new AffinityBackend(ctx).delete(region.regionID, input.affinityGroupID);
    return { affinityGroupID: input.affinityGroupID };
  },
});

const bindCheck = defineRoute({
  method: "POST", path: "/v4/ecs/affinity-group/bind-instance-check", operation: "CheckAffinityGroupBind", service: "ctecs",
  input: z.object(vmRef),
  handle(ctx, { input, region }) {
    const vm = ctx.backend("ecs").require(region.regionID, input.instanceID);
    return { needMigrate: new AffinityBackend(ctx).needMigrate(region.regionID, vm, input.affinityGroupID).needMigrate };
  },
});

const bind = defineRoute({
  method: "POST", path: "/v4/ecs/affinity-group/bind-instance", operation: "BindAffinityGroupInstance", service: "ctecs",
  input: z.object(vmRef),
  handle(ctx, { input, region }) {
    new AffinityBackend(ctx).bind(region.regionID, input.instanceID, input.affinityGroupID);
    return {};
  },
});

const unbind = defineRoute({
  method: "POST", path: "/v4/ecs/affinity-group/unbind-instance", operation: "UnbindAffinityGroupInstance", service: "ctecs",
  input: z.object(vmRef),
  handle(ctx, { input, region }) {
    new AffinityBackend(ctx).unbind(region.regionID, input.instanceID, input.affinityGroupID);
    return {};
  },
});

const unbindMany = defineRoute({
  method: "POST", path: "/v4/ecs/affinity-group/unbind-instances", operation: "UnbindAffinityGroupInstances", service: "ctecs",
  input: z.object({ ...groupRef, instanceIDs: commaList.refine((ids) => ids !== undefined, "instanceIDs is required").transform((ids) => ids ?? []) }),
  handle(ctx, { input, region }) {
    const backend = new AffinityBackend(ctx);
    for (const instanceID of input.instanceIDs) backend.unbind(region.regionID, instanceID, input.affinityGroupID);
    return {};
  },
});

const details = defineRoute({
  method: "GET", path: "/v4/ecs/affinity-group/details", operation: "DescribeInstanceAffinityGroup", service: "ctecs",
  input: z.object({ instanceID: requiredId }),
  handle(ctx, { input, region }) {
    const backend = new AffinityBackend(ctx);
    const group = backend.groupOfInstance(region.regionID, input.instanceID);
    return { policyTypeName: backend.policyName(group), affinityGroupName: group.affinityGroupName, affinityGroupID: group.affinityGroupID };
  },
});

const members = defineRoute({
  method: "POST", path: "/v4/ecs/affinity-group/list-instance", operation: "ListAffinityGroupInstances", service: "ctecs",
  input: z.object(groupRef),
  handle(ctx, { input, region, params }) {
    new AffinityBackend(ctx).require(region.regionID, input.affinityGroupID);
    const ecs = ctx.backend("ecs");
    const page = paginate(ecs.membersOf(region.regionID, input.affinityGroupID), readPaging(params));
    return { currentCount: page.currentCount, totalCount: page.totalCount, totalPage: page.totalPage, results: ecs.views(region.regionID, page.items) };
  },
});

export const AFFINITY_ROUTES: readonly RouteDefinition[] = [create, list, update, remove, bindCheck, bind, unbind, unbindMany, details, members];
