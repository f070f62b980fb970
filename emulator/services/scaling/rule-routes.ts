/**
 * Scaling rule (policy) operations through the generic rule API, the one TF uses
 * (api-notes/scaling.md §3.1): create, list (by group), update, delete, start/stop and execute.
 */
import { z } from "zod";
import { defineRoute } from "../route";
import type { RouteDefinition } from "../types";
import { ScalingBackend } from "./backend";
import { paged } from "./paging";
import { ScalingRules } from "./policies";
import { ruleView } from "./views";
import { RULE_STATUS } from "./vocabulary";

const id = z.number().int();
const int = z.number().int();

const trigger = z.object({ name: z.string(), metricName: z.string(), statistics: z.string(), comparisonOperator: z.string(), threshold: int, period: z.string(), evaluationCount: int });
const target = z.object({
  metricName: z.string(),
  targetValue: int,
  scaleOutEvaluationCount: int,
  scaleInEvaluationCount: int,
  operateRange: int,
  disableScaleIn: z.boolean().default(false),
});

const fields = {
  name: z.string(),
  operateUnit: int.optional(),
  operateCount: int.optional(),
  action: int.optional(),
  cycle: int.optional(),
  day: z.array(int).optional(),
  effectiveFrom: z.string().optional(),
  effectiveTill: z.string().optional(),
  executionTime: z.string().optional(),
  cooldown: int.optional(),
  triggerObj: trigger.optional(),
  targetObj: target.optional(),
};

const create = defineRoute({
  method: "POST", path: "/v4/scaling/rule/create", operation: "CreateScalingRule", service: "scaling",
  input: z.object({ groupID: id, type: int, ...fields }),
  handle(ctx, { input: { groupID, ...rule }, region }) {
    new ScalingBackend(ctx).steppedGroup(region.regionID, groupID);
    return { ruleID: new ScalingRules(ctx).create(region.regionID, groupID, rule).ruleID };
  },
});

const list = defineRoute({
  method: "POST", path: "/v4/scaling/rule/list", operation: "ListScalingRules", service: "scaling",
  input: z.object({ groupID: id }),
  handle(ctx, { input: { groupID }, region, params }) {
    new ScalingBackend(ctx).steppedGroup(region.regionID, groupID);
    const page = paged(new ScalingRules(ctx).of(region.regionID, groupID), params);
    return { numberOfAll: page.totalCount, totalCount: page.currentCount, ruleList: page.items.map(ruleView) };
  },
});

const update = defineRoute({
  method: "POST", path: "/v4/scaling/rule/update", operation: "UpdateScalingRule", service: "scaling",
  input: z.object({ groupID: id, ruleID: id, ...z.object(fields).partial().shape }),
  handle(ctx, { input: { groupID, ruleID, ...change }, region }) {
    new ScalingRules(ctx).update(region.regionID, groupID, ruleID, change);
    return { ruleID };
  },
});

function byRule(path: string, operation: string, apply: (rules: ScalingRules, region: Parameters<ScalingRules["execute"]>[0], groupID: number, ruleID: number) => void): RouteDefinition {
  return defineRoute({
    method: "POST", path, operation, service: "scaling",
    input: z.object({ groupID: id, ruleID: id }),
    handle(ctx, { input: { groupID, ruleID }, region }) {
      new ScalingBackend(ctx).steppedGroup(region.regionID, groupID);
      apply(new ScalingRules(ctx), region, groupID, ruleID);
      return { ruleID };
    },
  });
}

export const RULE_ROUTES: readonly RouteDefinition[] = [
  create,
  list,
  update,
  byRule("/v4/scaling/rule/delete", "DeleteScalingRule", (rules, region, groupID, ruleID) => rules.delete(region.regionID, groupID, ruleID)),
  byRule("/v4/scaling/rule/start", "StartScalingRule", (rules, region, groupID, ruleID) => rules.setStatus(region.regionID, groupID, ruleID, RULE_STATUS.enabled)),
  byRule("/v4/scaling/rule/stop", "StopScalingRule", (rules, region, groupID, ruleID) => rules.setStatus(region.regionID, groupID, ruleID, RULE_STATUS.disabled)),
  byRule("/v4/scaling/rule/execute", "ExecuteScalingRule", (rules, region, groupID, ruleID) => rules.execute(region, groupID, ruleID)),
];
