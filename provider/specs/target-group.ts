/**
 * TargetGroup (emulator/api-notes/elb.md §4): a VPC's pool of targets that listeners and rules
 * forward to, with a scheduling algorithm, session persistence and an optional health check.
 * Name, description, algorithm, health check and session persistence update in place (the whole
 * setting is sent, as CTyun's Terraform provider does); VPC, protocol and proxy protocol replace.
 *
 * - create: create-target-group with the create's clientToken (synchronous; `[{ID}]`).
 * - delete: retried while listeners or rules (read from the cloud) still forward to it, then until
 *   it is gone. Its targets go with it.
 */
import { z } from "zod";
import { ListListeners, ListRules } from "../client/operations/elb-listeners";
import { ALGORITHMS, CreateTargetGroup, DeleteTargetGroup, ListTargetGroups, ShowTargetGroup, UpdateTargetGroup, type StickyInput, type TargetGroupRecord } from "../client/operations/elb-targets";
import type { HandlerContext } from "../lifecycle/context";
import { ctyunName, description, prefixedId, regionId } from "../lifecycle/fields";
import { defineResource, type CheckFailure } from "../lifecycle/spec";
import { createdId, deleteElbObject, findElbObject, heldBy } from "./elb-common";

const seconds = (what: string) =>
  z.number({ error: `must be a whole number of seconds (${what})` }).refine((n) => Number.isInteger(n) && n >= 1 && n <= 86400, `must be a whole number of seconds from 1 to 86400 (${what})`);

/** Session persistence as users write it; absent = off. */
const stickySession = z.discriminatedUnion(
  "mode",
  [
    z.strictObject({ mode: z.literal("insertCookie"), cookieTimeout: seconds("how long the inserted cookie lives") }),
    z.strictObject({ mode: z.literal("rewriteCookie"), cookieName: z.string().min(1, "must name the application's cookie").max(128, "must be at most 128 characters") }),
    z.strictObject({ mode: z.literal("sourceIp"), timeout: seconds("how long a client stays on its target") }),
  ],
  { error: 'must be { mode: "insertCookie", cookieTimeout }, { mode: "rewriteCookie", cookieName } or { mode: "sourceIp", timeout }' },
);
type StickySession = z.output<typeof stickySession>;

const inputs = z.object({
  name: ctyunName(32),
  description: description(),
  vpcId: prefixedId("vpc"),
  protocol: z.enum(["TCP", "UDP", "HTTP", "HTTPS"], { error: 'must be "TCP", "UDP", "HTTP" or "HTTPS"' }).optional(),
  algorithm: z.enum(ALGORITHMS, { error: 'must be "rr" (round robin), "wrr" (weighted round robin), "lc" (least connections) or "sh" (source-IP hash)' }).default("wrr"),
  healthCheckId: prefixedId("hc").optional(),
  stickySession: stickySession.optional(),
  proxyProtocol: z.boolean().default(false),
  regionId,
});

type TargetGroupInputs = z.output<typeof inputs>;

export interface TargetGroupOutputs {
  targetGroupId: string;
}

export async function findTargetGroup(ctx: HandlerContext, regionID: string, id: string): Promise<TargetGroupRecord | undefined> {
  return findElbObject(
    async () => {
      const [group] = await ctx.client.send(ShowTargetGroup, { regionID, targetGroupID: id });
      if (!group) throw new Error(`show-target-group answered no target group for ${id}`);
      return group;
    },
    () => ctx.client.send(ListTargetGroups, { regionID }),
    id,
  );
}

function stickyWire(sticky: StickySession | undefined): StickyInput {
  if (sticky === undefined) return { sessionStickyMode: "CLOSE" };
  if (sticky.mode === "insertCookie") return { sessionStickyMode: "INSERT", cookieExpire: sticky.cookieTimeout };
  if (sticky.mode === "rewriteCookie") return { sessionStickyMode: "REWRITE", rewriteCookieName: sticky.cookieName };
  return { sessionStickyMode: "SOURCE_IP", sourceIpTimeout: sticky.timeout };
}

function stickyOf(group: TargetGroupRecord): StickySession | undefined {
  const s = group.sessionSticky;
  if (s?.sessionStickyMode === "INSERT") return { mode: "insertCookie", cookieTimeout: s.cookieExpire ?? 0 };
  if (s?.sessionStickyMode === "REWRITE") return { mode: "rewriteCookie", cookieName: s.rewriteCookieName ?? "" };
  if (s?.sessionStickyMode === "SOURCE_IP") return { mode: "sourceIp", timeout: s.sourceIpTimeout ?? 0 };
  return undefined;
}

/** Listeners and rules forwarding to the group, read from the cloud. */
async function forwarders(ctx: HandlerContext, regionID: string, id: string): Promise<string[]> {
  const forwards = (targetGroups: ReadonlyArray<{ targetGroupID: string }> | null | undefined) => (targetGroups ?? []).some((g) => g.targetGroupID === id);
  const listeners = (await ctx.client.send(ListListeners, { regionID })).filter((l) => forwards(l.defaultAction?.forwardConfig?.targetGroups));
  const rules = (await ctx.client.send(ListRules, { regionID })).filter((r) => forwards(r.action?.forwardConfig?.targetGroups));
  return [...heldBy("listener", listeners.map((l) => l.ID)), ...heldBy("rule", rules.map((r) => r.ID))];
}

export const targetGroupSpec = defineResource({
  type: "TargetGroup",
  inputs,
  outputs: { targetGroupId: true },
  createOnly: ["vpcId", "protocol", "proxyProtocol", "regionId"],
  settingDefaults: { regionId: "regionId" },
  autoName: { property: "name", maxLength: 32, mustStartWithLetter: true },
  notFoundCodes: [],
  timeouts: { create: 2 * 60_000, update: 2 * 60_000, delete: 5 * 60_000 },
  idOutput: "targetGroupId",

  crossCheck(args, known) {
    const failures: CheckFailure[] = [];
    const mode = known("stickySession") ? args.stickySession?.mode : undefined;
    if (mode && known("algorithm") && (args.algorithm === "lc" || args.algorithm === "sh")) {
      failures.push({ property: "stickySession", reason: `is not available with algorithm "${args.algorithm}" (only rr and wrr keep sessions)` });
    }
    if (known("protocol") && args.protocol !== undefined) {
      const web = args.protocol === "HTTP" || args.protocol === "HTTPS";
      if ((mode === "insertCookie" || mode === "rewriteCookie") && !web) failures.push({ property: "stickySession", reason: `${mode} needs an HTTP or HTTPS target group (cookies), not ${args.protocol}` });
      if (mode === "sourceIp" && web) failures.push({ property: "stickySession", reason: `sourceIp needs a TCP or UDP target group, not ${args.protocol} (use insertCookie or rewriteCookie)` });
    }
    if (known("proxyProtocol") && args.proxyProtocol && known("protocol") && args.protocol !== "TCP") {
      failures.push({ property: "proxyProtocol", reason: `applies only to TCP target groups, not ${args.protocol ?? "one without a protocol"}` });
    }
    return failures;
  },

  deleteBeforeReplace: (olds, news: TargetGroupInputs) => olds["name"] === news.name && olds["regionId"] === news.regionId,

  async create(ctx, args: TargetGroupInputs) {
    const answer = await ctx.client.send(CreateTargetGroup, {
      clientToken: ctx.clientToken,
      regionID: args.regionId,
      name: args.name,
      ...(args.description !== "" ? { description: args.description } : {}),
      vpcID: args.vpcId,
      ...(args.protocol !== undefined ? { protocol: args.protocol } : {}),
      ...(args.healthCheckId !== undefined ? { healthCheckID: args.healthCheckId } : {}),
      algorithm: args.algorithm,
      sessionSticky: stickyWire(args.stickySession),
      proxyProtocol: args.proxyProtocol ? 1 : 0,
    });
    const id = createdId(answer, `target group ${args.name}`);
    ctx.created(id, { targetGroupId: id });
    return { id, outputs: { targetGroupId: id } };
  },

  async read(ctx, id, state) {
    const group = await findTargetGroup(ctx, state["regionId"] as string, id);
    if (!group) return undefined;
    const sticky = stickyOf(group);
    return {
      inputs: {
        name: group.name,
        description: group.description ?? "",
        vpcId: group.vpcID,
        // Not in the official show model: kept from state when the cloud does not say.
        ...(group.protocol ? { protocol: group.protocol as TargetGroupInputs["protocol"] } : {}),
        ...((ALGORITHMS as readonly string[]).includes(group.algorithm) ? { algorithm: group.algorithm as TargetGroupInputs["algorithm"] } : {}),
        healthCheckId: group.healthCheckID || undefined,
        stickySession: sticky,
        ...(group.proxyProtocol != null ? { proxyProtocol: group.proxyProtocol === 1 } : {}),
      },
      outputs: { targetGroupId: group.ID },
    };
  },

  async update(ctx, id, _olds, news: TargetGroupInputs) {
    // The whole setting, as TF sends it: converges a resumed create or an adoption too.
    await ctx.client.send(UpdateTargetGroup, {
      regionID: news.regionId,
      targetGroupID: id,
      name: news.name,
      description: news.description,
      // "" takes the health check off.
      healthCheckID: news.healthCheckId ?? "",
      algorithm: news.algorithm,
      sessionSticky: stickyWire(news.stickySession),
    });
    return { targetGroupId: id };
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    await deleteElbObject(
      ctx,
      `target group ${id}`,
      () => ctx.client.send(DeleteTargetGroup, { regionID, targetGroupID: id }),
      async () => (await findTargetGroup(ctx, regionID, id)) !== undefined,
      () => forwarders(ctx, regionID, id),
    );
  },
});
