/**
 * Scaling config operations (api-notes/scaling.md §1): every one a POST with a JSON body and integer
 * ids (py-sc client, TF). config-list answers a bare JSON array.
 */
import { z } from "zod";
import { defineRoute } from "../route";
import type { RouteDefinition } from "../types";
import { ScalingConfigs } from "./configs";
import { configView } from "./views";
import { paged } from "./paging";

const id = z.number().int();
const volume = z.object({ volumeType: z.string(), volumeSize: z.number().int(), flag: z.number().int(), diskMode: z.string().optional() });
const tag = z.object({ key: z.string(), value: z.string() });

const fields = {
  name: z.string(),
  imageID: z.string().min(1),
  specName: z.string().min(1),
  volumes: z.array(volume).min(1),
  useFloatings: z.number().int(),
  bandWidth: z.number().int().optional(),
  loginMode: z.number().int(),
  username: z.string().optional(),
  password: z.string().optional(),
  keyPairID: z.string().optional(),
  securityGroupIDList: z.array(z.string().min(1)).optional(),
  azNames: z.array(z.string().min(1)).optional(),
  tags: z.array(tag).optional(),
  monitorService: z.boolean().optional(),
  instanceName: z.string().optional(),
  displayName: z.string().optional(),
  chargeType: z.string().optional(),
};

const create = defineRoute({
  method: "POST", path: "/v4/scaling/config-create", operation: "CreateScalingConfig", service: "scaling",
  input: z.object(fields),
  handle: (ctx, { input, region }) => ({ id: new ScalingConfigs(ctx).create(region, input).configID }),
});

/** One config by `configID` (unknown → a `NotFound` refusal, which TF's read looks for), or a page of all. */
const list = defineRoute({
  method: "POST", path: "/v4/scaling/config-list", operation: "ListScalingConfigs", service: "scaling",
  input: z.object({ configID: id.optional() }),
  handle(ctx, { input, region, params }) {
    const configs = new ScalingConfigs(ctx);
    const rows = input.configID !== undefined ? [configs.require(region.regionID, input.configID)] : configs.list(region.regionID);
    return paged(rows, params).items.map((config) => configView(ctx, region.regionID, config));
  },
});

const update = defineRoute({
  method: "POST", path: "/v4/scaling/config-update", operation: "UpdateScalingConfig", service: "scaling",
  input: z.object({ configID: id, ...z.object(fields).partial().shape }),
  handle(ctx, { input: { configID, ...change }, region }) {
    new ScalingConfigs(ctx).update(region, configID, change);
    return { configID };
  },
});

const remove = defineRoute({
  method: "POST", path: "/v4/scaling/config-delete", operation: "DeleteScalingConfig", service: "scaling",
  input: z.object({ configID: id }),
  handle(ctx, { input: { configID }, region }) {
    new ScalingConfigs(ctx).delete(region.regionID, configID);
    return { configID };
  },
});

export const CONFIG_ROUTES: readonly RouteDefinition[] = [create, list, update, remove];
