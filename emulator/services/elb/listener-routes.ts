/**
 * Listener and listener-rule operations (api-notes/elb.md §3, §8; host ctelb). Answers are arrays
 * (`[{ID}]`) except show-rule and delete-rule, which answer objects (§12). Listeners are synchronous.
 */
import { z } from "zod";
import { defineRoute } from "../route";
import type { RouteDefinition } from "../types";
import { ListenerRules } from "./listener-rules";
import { Listeners } from "./listeners";
import { actionSchema, clientToken, conditionSchema, deleteRoute, idArray, idsFilter, integer, objectId, optionalFlag, optionalText, textFilter } from "./route-fields";
import { LISTENER_PROTOCOLS } from "./rules";
import { listenerView, ruleView } from "./views";

const createListener = defineRoute({
  method: "POST", path: "/v4/elb/create-listener", operation: "CreateListener", service: "ctelb",
  input: z.object({
    clientToken,
    loadBalancerID: z.string({ error: "is required" }).min(1, "is required"),
    name: z.string({ error: "is required" }),
    description: optionalText,
    protocol: z.enum(LISTENER_PROTOCOLS, { error: "must be TCP, UDP, HTTP or HTTPS" }),
    protocolPort: integer("1-65535"),
    certificateID: optionalText,
    caEnabled: optionalFlag,
    clientCertificateID: optionalText,
    defaultAction: actionSchema,
    accessControlID: optionalText,
    accessControlType: optionalText,
    forwardedForEnabled: optionalFlag,
  }),
  handle: (ctx, { input, region }) => ctx.idempotent(() => idArray(new Listeners(ctx).create(region.regionID, input).ID)),
});

const showListener = defineRoute({
  method: "GET", path: "/v4/elb/show-listener", operation: "ShowListener", service: "ctelb",
  input: z.object({}),
  // An array of one (TF takes [0]).
  handle: (ctx, { region, params }) => [listenerView(new Listeners(ctx).require(region.regionID, objectId(params, "listenerID")), region.regionID)],
});

const listListeners = defineRoute({
  method: "GET", path: "/v4/elb/list-listener", operation: "ListListener", service: "ctelb",
  input: z.object({}),
  handle: (ctx, { region, params }) =>
    new Listeners(ctx)
      .list(region.regionID, { ids: idsFilter(params), name: textFilter(params, "name"), loadBalancerID: textFilter(params, "loadBalancerID") })
      .filter((l) => textFilter(params, "accessControlID") === undefined || l.accessControlID === textFilter(params, "accessControlID"))
      .map((l) => listenerView(l, region.regionID)),
});

const updateListener = defineRoute({
  method: "POST", path: "/v4/elb/update-listener", operation: "UpdateListener", service: "ctelb",
  input: z.object({
    clientToken: clientToken.optional(),
    name: optionalText,
    description: optionalText,
    certificateID: optionalText,
    caEnabled: optionalFlag,
    clientCertificateID: optionalText,
    defaultAction: actionSchema.optional(),
    accessControlID: optionalText,
    accessControlType: optionalText,
    forwardedForEnabled: optionalFlag,
  }),
  handle(ctx, { input, region, params }) {
    const listenerID = objectId(params, "listenerID");
    return ctx.idempotent(() => idArray(new Listeners(ctx).update(region.regionID, listenerID, input).ID));
  },
});

const listenerRef = z.object({ clientToken: clientToken.optional() });

const deleteListener = deleteRoute({
  path: "/v4/elb/delete-listener", operation: "DeleteListener", idParam: "listenerID", answer: "array",
  remove: (ctx, regionID, id) => new Listeners(ctx).delete(regionID, id),
});

const startListener = defineRoute({
  method: "POST", path: "/v4/elb/start-listener", operation: "StartListener", service: "ctelb",
  input: listenerRef,
  handle: (ctx, { region, params }) => idArray(new Listeners(ctx).setStatus(region.regionID, objectId(params, "listenerID"), "ACTIVE").ID),
});

const stopListener = defineRoute({
  method: "POST", path: "/v4/elb/stop-listener", operation: "StopListener", service: "ctelb",
  input: listenerRef,
  handle: (ctx, { region, params }) => idArray(new Listeners(ctx).setStatus(region.regionID, objectId(params, "listenerID"), "DOWN").ID),
});

const createRule = defineRoute({
  method: "POST", path: "/v4/elb/create-rule", operation: "CreateRule", service: "ctelb",
  input: z.object({
    clientToken,
    listenerID: z.string({ error: "is required" }).min(1, "is required"),
    // Accepted and ignored: "目前不支持配置此参数,只取默认值100".
    priority: integer("1-100").optional(),
    description: optionalText,
    conditions: z.array(conditionSchema, { error: "must be an array of conditions" }),
    action: actionSchema,
  }),
  handle: (ctx, { input, region }) => ctx.idempotent(() => idArray(new ListenerRules(ctx).create(region.regionID, input).ID)),
});

const showRule = defineRoute({
  method: "GET", path: "/v4/elb/show-rule", operation: "ShowRule", service: "ctelb",
  input: z.object({}),
  // An object here, unlike show-listener.
  handle: (ctx, { region, params }) => ruleView(new ListenerRules(ctx).require(region.regionID, objectId(params, "policyID")), region.regionID),
});

const listRules = defineRoute({
  method: "GET", path: "/v4/elb/list-rule", operation: "ListRule", service: "ctelb",
  input: z.object({}),
  handle: (ctx, { region, params }) =>
    new ListenerRules(ctx).list(region.regionID, { ids: idsFilter(params), loadBalancerID: textFilter(params, "loadBalancerID") }).map((r) => ruleView(r, region.regionID)),
});

const updateRule = defineRoute({
  method: "POST", path: "/v4/elb/update-rule", operation: "UpdateRule", service: "ctelb",
  input: z.object({
    clientToken: clientToken.optional(),
    priority: integer("1-100").optional(),
    description: optionalText,
    conditions: z.array(conditionSchema, { error: "must be an array of conditions" }).optional(),
    action: actionSchema.optional(),
  }),
  handle(ctx, { input, region, params }) {
    const ruleID = objectId(params, "policyID");
    return ctx.idempotent(() => idArray(new ListenerRules(ctx).update(region.regionID, ruleID, input).ID));
  },
});

const deleteRule = deleteRoute({
  path: "/v4/elb/delete-rule", operation: "DeleteRule", idParam: "policyID", answer: "object",
  remove: (ctx, regionID, id) => new ListenerRules(ctx).delete(regionID, id),
});

export const LISTENER_ROUTES: readonly RouteDefinition[] = [
  createListener,
  showListener,
  listListeners,
  updateListener,
  deleteListener,
  startListener,
  stopListener,
  createRule,
  showRule,
  listRules,
  updateRule,
  deleteRule,
];
