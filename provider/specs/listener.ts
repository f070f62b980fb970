/**
 * Listener (emulator/api-notes/elb.md §3): a protocol and port on a load balancer whose default
 * action forwards to a target group or redirects to another listener of the same load balancer.
 * HTTPS listeners take a server certificate (and a CA certificate for two-way TLS). Name,
 * description, default action, certificates, X-Forwarded-For and `enabled` update in place; the load
 * balancer, protocol and port replace (the API cannot change them).
 *
 * - create: create-listener with the create's clientToken (synchronous; `[{ID}]`), then stop-listener
 *   when `enabled` is false. When the cloud refuses, the load balancer's listeners are read: one
 *   already on this port is taken over only when this create's own earlier attempt may have made it,
 *   else named with how to adopt it.
 * - delete: retried while listeners or rules (read from the cloud) still redirect to it, then until
 *   it is gone (its rules go with it).
 */
import { z } from "zod";
import { isServiceError } from "../client/errors";
import {
  CreateListener,
  DeleteListener,
  LISTENER_PROTOCOLS,
  ListListeners,
  ListRules,
  ShowListener,
  StartListener,
  StopListener,
  UpdateListener,
  type ActionInput,
  type ListenerRecord,
} from "../client/operations/elb-listeners";
import type { HandlerContext } from "../lifecycle/context";
import { ctyunName, description, prefixedId, regionId } from "../lifecycle/fields";
import { mayBeOwnEarlierWork } from "../lifecycle/ownership";
import { defineResource, type CheckFailure } from "../lifecycle/spec";
import { createdId, deleteElbObject, findElbObject, heldBy } from "./elb-common";

const inputs = z.object({
  loadBalancerId: prefixedId("lb"),
  name: ctyunName(32),
  description: description(),
  protocol: z.enum(LISTENER_PROTOCOLS, { error: 'must be "TCP", "UDP", "HTTP" or "HTTPS"' }),
  port: z.number({ error: "must be a port number from 1 to 65535" }).refine((n) => Number.isInteger(n) && n >= 1 && n <= 65535, "must be a port number from 1 to 65535"),
  targetGroupId: prefixedId("tg").optional(),
  redirectListenerId: prefixedId("listener").optional(),
  certificateId: prefixedId("cert").optional(),
  clientCaCertificateId: prefixedId("cert").optional(),
  forwardedFor: z.boolean().default(false),
  enabled: z.boolean().default(true),
  regionId,
});

type ListenerInputs = z.output<typeof inputs>;

export interface ListenerOutputs {
  listenerId: string;
  /** `active` (started) or `down` (stopped). */
  status: string | undefined;
}

const transport = (protocol: string): string => (protocol === "UDP" ? "udp" : "tcp");

export async function findListener(ctx: HandlerContext, regionID: string, id: string, loadBalancerID?: string): Promise<ListenerRecord | undefined> {
  return findElbObject(
    async () => {
      const [listener] = await ctx.client.send(ShowListener, { regionID, listenerID: id });
      if (!listener) throw new Error(`show-listener answered no listener for ${id}`);
      return listener;
    },
    () => ctx.client.send(ListListeners, { regionID, ...(loadBalancerID ? { loadBalancerID } : {}) }),
    id,
  );
}

/** The default action: forward to the target group (weight 100), or redirect. */
function actionOf(args: Pick<ListenerInputs, "targetGroupId" | "redirectListenerId">): ActionInput {
  if (args.redirectListenerId !== undefined) return { type: "redirect", redirectListenerID: args.redirectListenerId };
  return { type: "forward", forwardConfig: { targetGroups: [{ targetGroupID: args.targetGroupId as string, weight: 100 }] } };
}

/** The certificate settings the protocol takes. */
function tlsOf(args: ListenerInputs) {
  if (args.protocol !== "HTTPS") return {};
  return {
    ...(args.certificateId !== undefined ? { certificateID: args.certificateId } : {}),
    caEnabled: args.clientCaCertificateId !== undefined,
    ...(args.clientCaCertificateId !== undefined ? { clientCertificateID: args.clientCaCertificateId } : {}),
  };
}

const webProtocol = (protocol: string | undefined): boolean => protocol === "HTTP" || protocol === "HTTPS";

function outputsOf(listener: ListenerRecord): ListenerOutputs {
  return { listenerId: listener.ID, status: listener.status?.toLowerCase() };
}

async function setEnabled(ctx: HandlerContext, regionID: string, id: string, enabled: boolean): Promise<void> {
  await ctx.client.send(enabled ? StartListener : StopListener, { regionID, listenerID: id });
}

export const listenerSpec = defineResource({
  type: "Listener",
  inputs,
  outputs: { listenerId: true, status: true },
  createOnly: ["loadBalancerId", "protocol", "port", "regionId"],
  settingDefaults: { regionId: "regionId" },
  autoName: { property: "name", maxLength: 32, mustStartWithLetter: true },
  notFoundCodes: [],
  timeouts: { create: 2 * 60_000, update: 2 * 60_000, delete: 5 * 60_000 },
  idOutput: "listenerId",

  crossCheck(args, known, _olds, given) {
    const failures: CheckFailure[] = [];
    if (given("targetGroupId") === given("redirectListenerId")) {
      failures.push({ property: given("targetGroupId") ? "redirectListenerId" : "targetGroupId", reason: "set exactly one of targetGroupId (forward) and redirectListenerId (redirect)" });
    }
    if (!known("protocol")) return failures;
    if (args.protocol === "HTTPS" && !given("certificateId")) failures.push({ property: "certificateId", reason: "is required for an HTTPS listener (a server Certificate)" });
    if (args.protocol !== "HTTPS") {
      for (const key of ["certificateId", "clientCaCertificateId"] as const) if (given(key)) failures.push({ property: key, reason: `applies only to HTTPS listeners, not ${args.protocol}` });
    }
    if (known("forwardedFor") && args.forwardedFor && !webProtocol(args.protocol)) failures.push({ property: "forwardedFor", reason: `applies only to HTTP and HTTPS listeners, not ${args.protocol}` });
    return failures;
  },

  // One listener per port (and transport) and per name on a load balancer: the old one goes first.
  deleteBeforeReplace: (olds, news: ListenerInputs) =>
    olds["loadBalancerId"] === news.loadBalancerId && (olds["name"] === news.name || (olds["port"] === news.port && transport(String(olds["protocol"])) === transport(news.protocol))),

  async create(ctx, args: ListenerInputs) {
    const regionID = args.regionId;
    let id: string;
    try {
      const answer = await ctx.client.send(CreateListener, {
        clientToken: ctx.clientToken,
        regionID,
        loadBalancerID: args.loadBalancerId,
        name: args.name,
        ...(args.description !== "" ? { description: args.description } : {}),
        protocol: args.protocol,
        protocolPort: args.port,
        ...tlsOf(args),
        defaultAction: actionOf(args),
        ...(webProtocol(args.protocol) ? { forwardedForEnabled: args.forwardedFor } : {}),
      });
      id = createdId(answer, `listener ${args.name}`);
    } catch (error) {
      if (!isServiceError(error)) throw error;
      const listeners = await ctx.client.send(ListListeners, { regionID, loadBalancerID: args.loadBalancerId });
      const existing = listeners.find((l) => l.protocolPort === args.port && transport(l.protocol) === transport(args.protocol));
      if (!existing) throw error;
      if (!mayBeOwnEarlierWork(ctx, error) || existing.protocol !== args.protocol || existing.name !== args.name) {
        throw new Error(
          `port ${args.port}/${transport(args.protocol)} of load balancer ${args.loadBalancerId} is already used by listener ${existing.ID} (${existing.name}, ${existing.protocol}), and not by this create: ` +
            `manage it with adoptId "${existing.ID}", or choose another port`,
        );
      }
      id = existing.ID;
    }
    ctx.created(id, { listenerId: id });
    if (!args.enabled) await setEnabled(ctx, regionID, id, false);
    const listener = await findListener(ctx, regionID, id, args.loadBalancerId);
    return { id, outputs: listener ? outputsOf(listener) : { listenerId: id, status: undefined } };
  },

  async read(ctx, id, state) {
    const listener = await findListener(ctx, state["regionId"] as string, id, state["loadBalancerId"] as string | undefined);
    if (!listener) return undefined;
    const action = listener.defaultAction;
    const forward = action?.type === "forward" ? action.forwardConfig?.targetGroups?.[0]?.targetGroupID : undefined;
    return {
      inputs: {
        loadBalancerId: listener.loadBalancerID,
        name: listener.name,
        description: listener.description ?? "",
        protocol: listener.protocol as ListenerInputs["protocol"],
        port: listener.protocolPort,
        targetGroupId: forward ?? undefined,
        redirectListenerId: action?.type === "redirect" ? (action.redirectListenerID ?? undefined) : undefined,
        certificateId: listener.certificateID || undefined,
        clientCaCertificateId: listener.caEnabled ? listener.clientCertificateID || undefined : undefined,
        forwardedFor: listener.forwardedForEnabled ?? false,
        enabled: listener.status !== "DOWN",
      },
      outputs: outputsOf(listener),
    };
  },

  async update(ctx, id, _olds, news: ListenerInputs) {
    const regionID = news.regionId;
    // The whole setting (TF always sends the default action): converges a resumed create too.
    await ctx.client.send(UpdateListener, {
      regionID,
      listenerID: id,
      name: news.name,
      description: news.description,
      ...tlsOf(news),
      defaultAction: actionOf(news),
      ...(webProtocol(news.protocol) ? { forwardedForEnabled: news.forwardedFor } : {}),
    });
    const current = await findListener(ctx, regionID, id, news.loadBalancerId);
    if (current && (current.status !== "DOWN") !== news.enabled) await setEnabled(ctx, regionID, id, news.enabled);
    const listener = await findListener(ctx, regionID, id, news.loadBalancerId);
    return listener ? outputsOf(listener) : { listenerId: id, status: undefined };
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    const lb = state["loadBalancerId"] as string | undefined;
    await deleteElbObject(
      ctx,
      `listener ${id}`,
      () => ctx.client.send(DeleteListener, { regionID, listenerID: id }),
      async () => (await findListener(ctx, regionID, id, lb)) !== undefined,
      async () => {
        const listeners = (await ctx.client.send(ListListeners, { regionID, ...(lb ? { loadBalancerID: lb } : {}) })).filter((l) => l.defaultAction?.redirectListenerID === id);
        const rules = (await ctx.client.send(ListRules, { regionID, ...(lb ? { loadBalancerID: lb } : {}) })).filter((r) => r.action?.redirectListenerID === id && r.listenerID !== id);
        return [...heldBy("listener", listeners.map((l) => l.ID)), ...heldBy("rule", rules.map((r) => r.ID))];
      },
    );
  },
});
