/**
 * Target (emulator/api-notes/elb.md §5): a VM and port in a target group, with a weight. Port and
 * weight update in place (update-target); the group and the VM replace.
 *
 * - create: create-target with the create's clientToken (synchronous; `[{ID}]`). When the cloud
 *   refuses, the group's targets are read: a target already there for this VM and port is taken over
 *   only when this create's own earlier attempt may have made it (`mayBeOwnEarlierWork`), else named,
 *   with how to adopt it.
 * - delete: delete-target, then until it is gone.
 */
import { z } from "zod";
import { isServiceError } from "../client/errors";
import { CreateTarget, DeleteTarget, ListTargets, ShowTarget, UpdateTarget, type TargetRecord } from "../client/operations/elb-targets";
import type { HandlerContext } from "../lifecycle/context";
import { prefixedId, regionId, uuid } from "../lifecycle/fields";
import { mayBeOwnEarlierWork } from "../lifecycle/ownership";
import { defineResource } from "../lifecycle/spec";
import { createdId, deleteElbObject, findElbObject } from "./elb-common";

const wholeNumber = (min: number, max: number) =>
  z.number({ error: `must be a whole number from ${min} to ${max}` }).refine((n) => Number.isInteger(n) && n >= min && n <= max, `must be a whole number from ${min} to ${max}`);

const inputs = z.object({
  targetGroupId: prefixedId("tg"),
  instanceId: uuid("VM instance"),
  port: wholeNumber(1, 65535),
  weight: wholeNumber(1, 256).default(100),
  regionId,
});

type TargetInputs = z.output<typeof inputs>;

export interface TargetOutputs {
  targetId: string;
  /** `online`, `offline` or `unknown` (no health check). */
  healthStatus: string | undefined;
}

export async function findTarget(ctx: HandlerContext, regionID: string, id: string, targetGroupID?: string): Promise<TargetRecord | undefined> {
  return findElbObject(() => ctx.client.send(ShowTarget, { regionID, targetID: id }), () => ctx.client.send(ListTargets, { regionID, ...(targetGroupID ? { targetGroupID } : {}) }), id);
}

const outputsOf = (target: TargetRecord): TargetOutputs => ({ targetId: target.ID, healthStatus: target.healthCheckStatus ?? undefined });

export const targetSpec = defineResource({
  type: "Target",
  inputs,
  outputs: { targetId: true, healthStatus: true },
  createOnly: ["targetGroupId", "instanceId", "regionId"],
  settingDefaults: { regionId: "regionId" },
  notFoundCodes: [],
  timeouts: { create: 2 * 60_000, update: 2 * 60_000, delete: 5 * 60_000 },
  idOutput: "targetId",

  // One target per VM and port in a group: a replacement on the same port needs the old one gone.
  deleteBeforeReplace: (olds, news: TargetInputs) => olds["targetGroupId"] === news.targetGroupId && olds["instanceId"] === news.instanceId && olds["port"] === news.port,

  async create(ctx, args: TargetInputs) {
    const regionID = args.regionId;
    let answer;
    try {
      answer = await ctx.client.send(CreateTarget, {
        clientToken: ctx.clientToken,
        regionID,
        targetGroupID: args.targetGroupId,
        instanceType: "VM",
        instanceID: args.instanceId,
        protocolPort: args.port,
        weight: args.weight,
      });
    } catch (error) {
      if (!isServiceError(error)) throw error;
      const existing = (await ctx.client.send(ListTargets, { regionID, targetGroupID: args.targetGroupId })).find((t) => t.instanceID === args.instanceId && t.protocolPort === args.port);
      if (!existing) throw error;
      // Only this create's own earlier attempt (a replay after a crash, a request sent twice) may be taken over.
      if (mayBeOwnEarlierWork(ctx, error)) {
        ctx.created(existing.ID, { targetId: existing.ID });
        if (existing.weight !== args.weight) await ctx.client.send(UpdateTarget, { regionID, targetID: existing.ID, weight: args.weight });
        return { id: existing.ID, outputs: outputsOf(existing) };
      }
      throw new Error(
        `VM ${args.instanceId} port ${args.port} is already target ${existing.ID} of target group ${args.targetGroupId}, and not by this create: ` +
          `manage it with adoptId "${existing.ID}", or remove the duplicate from the program`,
      );
    }
    const id = createdId(answer, `target ${args.instanceId}:${args.port}`);
    ctx.created(id, { targetId: id });
    const target = await findTarget(ctx, regionID, id, args.targetGroupId);
    return { id, outputs: target ? outputsOf(target) : { targetId: id, healthStatus: undefined } };
  },

  async read(ctx, id, state) {
    const target = await findTarget(ctx, state["regionId"] as string, id, state["targetGroupId"] as string | undefined);
    if (!target) return undefined;
    return {
      inputs: { targetGroupId: target.targetGroupID, instanceId: target.instanceID, port: target.protocolPort, ...(target.weight != null ? { weight: target.weight } : {}) },
      outputs: outputsOf(target),
    };
  },

  async update(ctx, id, _olds, news: TargetInputs) {
    await ctx.client.send(UpdateTarget, { regionID: news.regionId, targetID: id, protocolPort: news.port, weight: news.weight });
    const target = await findTarget(ctx, news.regionId, id, news.targetGroupId);
    return target ? outputsOf(target) : { targetId: id, healthStatus: undefined };
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    const group = state["targetGroupId"] as string | undefined;
    await deleteElbObject(
      ctx,
      `target ${id}`,
      () => ctx.client.send(DeleteTarget, { regionID, targetID: id }),
      async () => (await findTarget(ctx, regionID, id, group)) !== undefined,
      async () => [],
    );
  },
});
