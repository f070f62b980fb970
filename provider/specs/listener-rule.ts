/**
 * ListenerRule (emulator/api-notes/elb.md §8): on an HTTP or HTTPS listener, requests whose host
 * name and/or path match go to a target group (or are redirected to another listener) instead of the
 * listener's default action. Conditions, action and description update in place (update-rule sends
 * them whole); the listener replaces. CTyun's Terraform provider refuses path conditions that are
 * set (its null checks are inverted); this resource sends them as the API documents.
 *
 * - create: create-rule with the create's clientToken (synchronous; `[{ID}]`).
 * - delete: delete-rule, then until it is gone.
 */
import { z } from "zod";
import { CreateRule, DeleteRule, ListRules, ShowRule, UpdateRule, type ActionInput, type ConditionInput, type RuleRecord } from "../client/operations/elb-listeners";
import type { HandlerContext } from "../lifecycle/context";
import { description, prefixedId, regionId } from "../lifecycle/fields";
import { defineResource, type CheckFailure } from "../lifecycle/spec";
import { createdId, deleteElbObject, findElbObject } from "./elb-common";

const PATH_MATCH = { prefix: "PREFIX", exact: "ABSOLUTE", regex: "REG" } as const;
type PathMatch = keyof typeof PATH_MATCH;
const DOMAIN = /^(\*\.)?([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

const inputs = z.object({
  listenerId: prefixedId("listener"),
  description: description(),
  hostName: z
    .string()
    .refine((host) => host.length <= 100 && DOMAIN.test(host), "must be a domain name like www.example.com or *.example.com (letters, digits, '-' and '.'; no '_')")
    .optional(),
  path: z.string().min(1, "must not be empty").max(128, "must be at most 128 characters").optional(),
  pathMatch: z.enum(["prefix", "exact", "regex"], { error: 'must be "prefix", "exact" or "regex"' }).optional(),
  targetGroupId: prefixedId("tg").optional(),
  redirectListenerId: prefixedId("listener").optional(),
  regionId,
});

type RuleInputs = z.output<typeof inputs>;

export interface ListenerRuleOutputs {
  ruleId: string;
  /** The listener's load balancer. */
  loadBalancerId: string | undefined;
}

export async function findRule(ctx: HandlerContext, regionID: string, id: string): Promise<RuleRecord | undefined> {
  return findElbObject(() => ctx.client.send(ShowRule, { regionID, policyID: id }), () => ctx.client.send(ListRules, { regionID }), id);
}

function conditionsOf(args: RuleInputs): ConditionInput[] {
  return [
    ...(args.hostName !== undefined ? [{ type: "server_name" as const, serverNameConfig: { serverName: args.hostName } }] : []),
    ...(args.path !== undefined ? [{ type: "url_path" as const, urlPathConfig: { urlPaths: args.path, matchType: PATH_MATCH[args.pathMatch ?? "prefix"] } }] : []),
  ];
}

function actionOf(args: RuleInputs): ActionInput {
  if (args.redirectListenerId !== undefined) return { type: "redirect", redirectListenerID: args.redirectListenerId };
  return { type: "forward", forwardConfig: { targetGroups: [{ targetGroupID: args.targetGroupId as string, weight: 100 }] } };
}

export const listenerRuleSpec = defineResource({
  type: "ListenerRule",
  inputs,
  outputs: { ruleId: true, loadBalancerId: true },
  createOnly: ["listenerId", "regionId"],
  settingDefaults: { regionId: "regionId" },
  notFoundCodes: [],
  timeouts: { create: 2 * 60_000, update: 2 * 60_000, delete: 5 * 60_000 },
  idOutput: "ruleId",

  defaults: (args) => (args.path !== undefined ? { pathMatch: "prefix" as const } : {}),

  crossCheck(args, known, _olds, given) {
    const failures: CheckFailure[] = [];
    if (!given("hostName") && !given("path")) failures.push({ property: "hostName", reason: "set hostName, path or both: a rule needs a condition" });
    if (given("pathMatch") && !given("path")) failures.push({ property: "pathMatch", reason: "applies only with a path" });
    if (known("path") && args.path !== undefined && (args.pathMatch ?? "prefix") !== "regex" && !args.path.startsWith("/")) {
      failures.push({ property: "path", reason: `must start with / when pathMatch is "${args.pathMatch ?? "prefix"}"` });
    }
    if (known("path") && args.path !== undefined && args.pathMatch === "regex") {
      try {
        new RegExp(args.path);
      } catch {
        failures.push({ property: "path", reason: "must be a valid regular expression when pathMatch is \"regex\"" });
      }
    }
    if (given("targetGroupId") === given("redirectListenerId")) {
      failures.push({ property: given("targetGroupId") ? "redirectListenerId" : "targetGroupId", reason: "set exactly one of targetGroupId (forward) and redirectListenerId (redirect)" });
    }
    return failures;
  },

  async create(ctx, args: RuleInputs) {
    const answer = await ctx.client.send(CreateRule, {
      clientToken: ctx.clientToken,
      regionID: args.regionId,
      listenerID: args.listenerId,
      ...(args.description !== "" ? { description: args.description } : {}),
      conditions: conditionsOf(args),
      action: actionOf(args),
    });
    const id = createdId(answer, `rule on listener ${args.listenerId}`);
    ctx.created(id, { ruleId: id });
    const rule = await findRule(ctx, args.regionId, id);
    return { id, outputs: { ruleId: id, loadBalancerId: rule?.loadBalancerID ?? undefined } };
  },

  async read(ctx, id, state) {
    const rule = await findRule(ctx, state["regionId"] as string, id);
    if (!rule) return undefined;
    const host = rule.conditions?.find((c) => c.type === "server_name")?.serverNameConfig?.serverName || undefined;
    const path = rule.conditions?.find((c) => c.type === "url_path")?.urlPathConfig;
    const match = (Object.entries(PATH_MATCH) as Array<[PathMatch, string]>).find(([, wire]) => wire === path?.matchType)?.[0];
    const action = rule.action;
    return {
      inputs: {
        listenerId: rule.listenerID,
        description: rule.description ?? "",
        hostName: host,
        path: path?.urlPaths || undefined,
        pathMatch: path?.urlPaths ? match : undefined,
        targetGroupId: action?.type === "forward" ? (action.forwardConfig?.targetGroups?.[0]?.targetGroupID ?? undefined) : undefined,
        redirectListenerId: action?.type === "redirect" ? (action.redirectListenerID ?? undefined) : undefined,
      },
      outputs: { ruleId: rule.ID, loadBalancerId: rule.loadBalancerID ?? undefined },
    };
  },

  async update(ctx, id, _olds, news: RuleInputs) {
    await ctx.client.send(UpdateRule, { regionID: news.regionId, policyID: id, description: news.description, conditions: conditionsOf(news), action: actionOf(news) });
    const rule = await findRule(ctx, news.regionId, id);
    return { ruleId: id, loadBalancerId: rule?.loadBalancerID ?? undefined };
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    await deleteElbObject(
      ctx,
      `rule ${id}`,
      () => ctx.client.send(DeleteRule, { regionID, policyID: id }),
      async () => (await findRule(ctx, regionID, id)) !== undefined,
      async () => [],
    );
  },
});
