/**
 * Target group and target operations (api-notes/elb.md §4, §5; host ctelb). All synchronous. Answers
 * are arrays (`[{ID}]`) except show-target, an object (§12).
 */
import { z } from "zod";
import { defineRoute } from "../route";
import type { RouteDefinition } from "../types";
import { clientToken, deleteRoute, idArray, idsFilter, integer, objectId, optionalText, textFilter } from "./route-fields";
import { ALGORITHMS, EXPECTED_CODES, HEALTH_CHECK_PROTOCOLS, LISTENER_PROTOCOLS } from "./rules";
import { TargetGroups } from "./target-groups";
import { Targets } from "./targets";
import { targetGroupView, targetView } from "./views";

const sticky = z.object({
  sessionStickyMode: z.string({ error: "must be CLOSE, INSERT, REWRITE or SOURCE_IP" }),
  cookieExpire: integer("seconds").optional(),
  rewriteCookieName: optionalText,
  sourceIpTimeout: integer("seconds").optional(),
});
const algorithm = z.enum(ALGORITHMS, { error: `must be one of ${ALGORITHMS.join(", ")}` });

/** py CtelbCreateTargetGroupHealthCheckRequest: a health check made with the group. */
const inlineHealthCheck = z.object({
  name: z.string({ error: "is required" }),
  description: optionalText,
  protocol: z.enum(HEALTH_CHECK_PROTOCOLS, { error: "must be TCP, UDP or HTTP" }),
  timeout: integer("2-60").optional(),
  interval: integer("1-20940").optional(),
  maxRetry: integer("1-10").optional(),
  httpMethod: optionalText,
  httpUrlPath: optionalText,
  httpExpectedCodes: z.array(z.enum(EXPECTED_CODES, { error: `must be among ${EXPECTED_CODES.join(", ")}` })).optional(),
  protocolPort: integer("1-65535").optional(),
});

const createTargetGroup = defineRoute({
  method: "POST", path: "/v4/elb/create-target-group", operation: "CreateTargetGroup", service: "ctelb",
  input: z.object({
    clientToken,
    name: z.string({ error: "is required" }),
    description: optionalText,
    vpcID: z.string({ error: "is required" }).min(1, "is required"),
    protocol: z.enum(LISTENER_PROTOCOLS, { error: "must be TCP, UDP, HTTP or HTTPS" }).optional(),
    healthCheckID: optionalText,
    healthCheck: inlineHealthCheck.optional(),
    algorithm,
    sessionSticky: sticky.optional(),
    proxyProtocol: integer("1 on, 0 off").optional(),
  }),
  handle: (ctx, { input, region }) =>
    ctx.idempotent(() =>
      idArray(
        new TargetGroups(ctx).create(region.regionID, {
          name: input.name,
          description: input.description,
          vpcID: input.vpcID,
          protocol: input.protocol,
          healthCheckID: input.healthCheckID === "" ? undefined : input.healthCheckID,
          healthCheck: input.healthCheck,
          algorithm: input.algorithm,
          sessionSticky: input.sessionSticky,
          proxyProtocol: input.proxyProtocol,
        }).ID,
      ),
    ),
});

const showTargetGroup = defineRoute({
  method: "GET", path: "/v4/elb/show-target-group", operation: "ShowTargetGroup", service: "ctelb",
  input: z.object({}),
  // An array of one; `sessionSticky` an object (TF; the Python model's list is wrong, api-notes §13).
  handle: (ctx, { region, params }) => [targetGroupView(new TargetGroups(ctx).require(region.regionID, objectId(params, "targetGroupID")), region.regionID)],
});

const listTargetGroups = defineRoute({
  method: "GET", path: "/v4/elb/list-target-group", operation: "ListTargetGroup", service: "ctelb",
  input: z.object({}),
  handle: (ctx, { region, params }) =>
    new TargetGroups(ctx)
      .list(region.regionID, { ids: idsFilter(params), vpcID: textFilter(params, "vpcID"), healthCheckID: textFilter(params, "healthCheckID"), name: textFilter(params, "name") })
      .map((g) => targetGroupView(g, region.regionID)),
});

const updateTargetGroup = defineRoute({
  method: "POST", path: "/v4/elb/update-target-group", operation: "UpdateTargetGroup", service: "ctelb",
  input: z.object({
    clientToken: clientToken.optional(),
    projectID: optionalText,
    name: optionalText,
    description: optionalText,
    healthCheckID: optionalText,
    algorithm: algorithm.optional(),
    proxyProtocol: integer("1 on, 0 off").optional(),
    sessionSticky: sticky.optional(),
    protocol: optionalText,
  }),
  handle(ctx, { input, region, params }) {
    const targetGroupID = objectId(params, "targetGroupID");
    return ctx.idempotent(() => idArray(new TargetGroups(ctx).update(region.regionID, targetGroupID, input).ID));
  },
});

const deleteTargetGroup = deleteRoute({
  path: "/v4/elb/delete-target-group", operation: "DeleteTargetGroup", idParam: "targetGroupID", answer: "array",
  remove: (ctx, regionID, id) => new TargetGroups(ctx).delete(regionID, id),
});

const createTarget = defineRoute({
  method: "POST", path: "/v4/elb/create-target", operation: "CreateTarget", service: "ctelb",
  input: z.object({
    clientToken,
    targetGroupID: z.string({ error: "is required" }).min(1, "is required"),
    description: optionalText,
    instanceType: z.string({ error: "is required (VM, BM, ECI, IP or IDC)" }),
    instanceID: optionalText,
    protocolPort: integer("1-65535"),
    weight: integer("1-256").optional(),
    instanceVpc: optionalText,
    instanceIP: optionalText,
  }),
  handle: (ctx, { input, region }) => ctx.idempotent(() => idArray(new Targets(ctx).create(region.regionID, input).ID)),
});

const showTarget = defineRoute({
  method: "GET", path: "/v4/elb/show-target", operation: "ShowTarget", service: "ctelb",
  input: z.object({}),
  handle: (ctx, { region, params }) => targetView(ctx, new Targets(ctx).require(region.regionID, objectId(params, "targetID")), region.regionID),
});

const listTargets = defineRoute({
  method: "GET", path: "/v4/elb/list-target", operation: "ListTarget", service: "ctelb",
  input: z.object({}),
  handle: (ctx, { region, params }) =>
    new Targets(ctx).list(region.regionID, { targetGroupID: textFilter(params, "targetGroupID"), ids: idsFilter(params) }).map((t) => targetView(ctx, t, region.regionID)),
});

const updateTarget = defineRoute({
  method: "POST", path: "/v4/elb/update-target", operation: "UpdateTarget", service: "ctelb",
  input: z.object({ description: optionalText, protocolPort: integer("1-65535").optional(), weight: integer("1-256").optional() }),
  handle: (ctx, { input, region, params }) => idArray(new Targets(ctx).update(region.regionID, objectId(params, "targetID"), input).ID),
});

const deleteTarget = deleteRoute({
  path: "/v4/elb/delete-target", operation: "DeleteTarget", idParam: "targetID", answer: "array",
  remove: (ctx, regionID, id) => new Targets(ctx).delete(regionID, id),
});

export const TARGET_ROUTES: readonly RouteDefinition[] = [
  createTargetGroup,
  showTargetGroup,
  listTargetGroups,
  updateTargetGroup,
  deleteTargetGroup,
  createTarget,
  showTarget,
  listTargets,
  updateTarget,
  deleteTarget,
];
