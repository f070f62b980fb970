/**
 * AffinityGroupAttachment (emulator/api-notes/affinity-group.md §3): a VM in an affinity group. Its id
 * is `<affinityGroupId>:<instanceId>`; every input but `allowMigration` replaces it.
 *
 * - create: bind-instance-check first: a VM that would have to move to another host (`needMigrate`
 *   > 0; a running one may restart) joins only with `allowMigration`. Then bind-instance (repeated
 *   while the VM is starting or stopping, read from the VM), `ctx.created`, and wait until the VM's
 *   group (affinity-group/details) is this one. A VM already in this group is taken over only when
 *   this create's own earlier attempt may have put it there.
 * - read: details; `Ecs.AffinityGroup.NotBound` (official) or another group → gone.
 * - delete: unbind-instance, then wait until details no longer shows the group.
 */
import { z } from "zod";
import { isServiceError } from "../client/errors";
import { AFFINITY_NOT_BOUND, BindAffinityGroupInstance, CheckAffinityGroupBind, DescribeInstanceAffinityGroup, UnbindAffinityGroupInstance } from "../client/operations/affinity-group";
import { INSTANCE_NOT_FOUND } from "../client/operations/ecs";
import type { HandlerContext } from "../lifecycle/context";
import { regionId, uuid } from "../lifecycle/fields";
import { mayBeOwnEarlierWork } from "../lifecycle/ownership";
import { defineResource, type Props } from "../lifecycle/spec";
import { retryWhileHeld, waitForState } from "../lifecycle/waits";
import { describeInstance, TRANSITIONAL_STATUSES } from "./instance-state";

const inputs = z.object({
  affinityGroupId: uuid("affinity group"),
  instanceId: uuid("VM instance"),
  allowMigration: z.boolean().default(false),
  regionId,
});

type AttachmentInputs = z.output<typeof inputs>;

export interface AffinityGroupAttachmentOutputs {
  /** `<affinityGroupId>:<instanceId>`. */
  affinityGroupAttachmentId: string;
}

const attachmentId = (groupId: string, instanceId: string): string => `${groupId}:${instanceId}`;

function parseId(id: string): { affinityGroupId: string; instanceId: string } {
  const [affinityGroupId, instanceId, ...rest] = id.split(":");
  if (!affinityGroupId || !instanceId || rest.length > 0) throw new Error(`"${id}" is not an AffinityGroupAttachment id: expected "<affinityGroupId>:<instanceId>"`);
  return { affinityGroupId, instanceId };
}

/** The VM's group id, or undefined when it is in none (the official NotBound). */
export async function groupOfInstance(ctx: HandlerContext, regionID: string, instanceID: string): Promise<string | undefined> {
  try {
    return (await ctx.client.send(DescribeInstanceAffinityGroup, { regionID, instanceID })).affinityGroupID;
  } catch (error) {
    if (isServiceError(error, AFFINITY_NOT_BOUND)) return undefined;
    throw error;
  }
}

/** Runs `call`, repeating it while the VM is in a passing status (read from the VM, not the refusal's code). */
function whileVmBusy<T>(ctx: HandlerContext, regionID: string, instanceId: string, call: () => Promise<T>): Promise<T> {
  return retryWhileHeld(ctx, `instance ${instanceId} to be running, stopped or shelved`, call, async () => {
    const vm = await describeInstance(ctx, regionID, instanceId).catch(() => undefined);
    return vm && TRANSITIONAL_STATUSES.includes(vm.instanceStatus) ? [`VM ${instanceId} ${vm.instanceStatus}`] : [];
  }, { onceMore: false });
}

function waitForGroup(ctx: HandlerContext, regionID: string, instanceId: string, wanted: (group: string | undefined) => boolean, what: string): Promise<string | undefined> {
  return waitForState(ctx, `instance ${instanceId} ${what}`, () => groupOfInstance(ctx, regionID, instanceId), wanted, (group) => (group ? `in group ${group}` : "in no group"));
}

/** Binds unless bound; `owned`: a binding already in place is this resource's (update, adoption). */
async function ensureBound(ctx: HandlerContext, args: AttachmentInputs, owned: boolean, accepted: () => void): Promise<void> {
  const { regionId: regionID, affinityGroupId, instanceId } = args;
  const current = await groupOfInstance(ctx, regionID, instanceId);
  if (current === affinityGroupId) {
    if (!owned && !mayBeOwnEarlierWork(ctx)) {
      throw new Error(`instance ${instanceId} is already in affinity group ${affinityGroupId}, and not by this create: manage that with adoptId "${attachmentId(affinityGroupId, instanceId)}", or remove the duplicate`);
    }
    accepted();
    return;
  }
  if (current !== undefined) throw new Error(`instance ${instanceId} is in affinity group ${current}; an instance is in at most one group: take it out of that group first`);
  const { needMigrate } = await ctx.client.send(CheckAffinityGroupBind, { regionID, instanceID: instanceId, affinityGroupID: affinityGroupId });
  if (needMigrate > 0 && !args.allowMigration) {
    throw new Error(
      `instance ${instanceId} would have to move to another host to join affinity group ${affinityGroupId} (needMigrate ${needMigrate}; a running instance may restart): ` +
        "set allowMigration: true to let it, or create the instance in the group (Instance affinityGroupId)",
    );
  }
  try {
    await whileVmBusy(ctx, regionID, instanceId, () => ctx.client.send(BindAffinityGroupInstance, { regionID, instanceID: instanceId, affinityGroupID: affinityGroupId }));
  } catch (error) {
    // A repeat of a bind that went through is refused (whatever the code): look again.
    if (!(isServiceError(error) && mayBeOwnEarlierWork(ctx, error) && (await groupOfInstance(ctx, regionID, instanceId)) === affinityGroupId)) throw error;
  }
  accepted();
  await waitForGroup(ctx, regionID, instanceId, (group) => group === affinityGroupId, `to be in affinity group ${affinityGroupId}`);
}

export const affinityGroupAttachmentSpec = defineResource({
  type: "AffinityGroupAttachment",
  inputs,
  outputs: { affinityGroupAttachmentId: true },
  createOnly: ["affinityGroupId", "instanceId", "regionId"],
  settingDefaults: { regionId: "regionId" },
  // A VM that is gone is in no group (details answers the VM's own not-found code).
  notFoundCodes: [INSTANCE_NOT_FOUND],
  timeouts: { create: 10 * 60_000, update: 10 * 60_000, delete: 10 * 60_000 },
  idOutput: "affinityGroupAttachmentId",

  async create(ctx, args: AttachmentInputs) {
    const id = attachmentId(args.affinityGroupId, args.instanceId);
    await ensureBound(ctx, args, false, () => ctx.created(id, { affinityGroupAttachmentId: id }));
    return { id, outputs: { affinityGroupAttachmentId: id } };
  },

  async read(ctx, id, state: Props) {
    const { affinityGroupId, instanceId } = parseId(id);
    const group = await groupOfInstance(ctx, state["regionId"] as string, instanceId);
    if (group !== affinityGroupId) return undefined;
    return { inputs: { affinityGroupId, instanceId, allowMigration: (state["allowMigration"] as boolean | undefined) ?? false }, outputs: { affinityGroupAttachmentId: id } };
  },

  async update(ctx, id, _olds, news: AttachmentInputs) {
    // allowMigration only matters while joining: this finishes a partial create or an adoption.
    await ensureBound(ctx, news, true, () => undefined);
    return { affinityGroupAttachmentId: id };
  },

  async delete(ctx, id, state) {
    const { affinityGroupId, instanceId } = parseId(id);
    const regionID = state["regionId"] as string;
    const group = await groupOfInstance(ctx, regionID, instanceId);
    if (group !== affinityGroupId) return;
    try {
      await whileVmBusy(ctx, regionID, instanceId, () => ctx.client.send(UnbindAffinityGroupInstance, { regionID, instanceID: instanceId, affinityGroupID: affinityGroupId }));
    } catch (error) {
      if (!(isServiceError(error) && (await groupOfInstance(ctx, regionID, instanceId)) !== affinityGroupId)) throw error;
    }
    await waitForGroup(ctx, regionID, instanceId, (now) => now !== affinityGroupId, `to leave affinity group ${affinityGroupId}`);
  },
});
