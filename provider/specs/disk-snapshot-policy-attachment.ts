/**
 * DiskSnapshotPolicyAttachment (emulator/api-notes/snapshot.md §2.3): the set of disks a snapshot
 * policy applies to, managed as a whole. Its id is the policy's id: one attachment per policy.
 *
 * - create: the policy must exist; a policy that already has disks is taken only when this create's
 *   own earlier attempt may have bound them (otherwise: adoptId). A disk following another policy
 *   is refused (apply would silently move it). apply-policy-ebs-snap with every disk, `ctx.created`
 *   at once (apply is synchronous and repeatable), then wait until the disks show the policy.
 * - read: the policy's disks as the cloud has them (list-ebs `snapshotPolicyID`), so disks bound or
 *   let go out of band show as drift; gone when the policy is gone or no disk follows it.
 * - update: apply the added disks, cancel the removed ones.
 * - delete: cancel every disk that follows the policy, then wait until none does.
 */
import { z } from "zod";
import { ApplySnapshotPolicy, CancelSnapshotPolicy } from "../client/operations/ebs-snapshot";
import { ListEbs } from "../client/operations/ebs";
import type { HandlerContext } from "../lifecycle/context";
import { regionId, uuid } from "../lifecycle/fields";
import { mayBeOwnEarlierWork } from "../lifecycle/ownership";
import { defineResource } from "../lifecycle/spec";
import { waitForState } from "../lifecycle/waits";
import { allPages } from "../lookups/lookup";
import { findPolicy } from "./disk-snapshot-policy";

const PAGE = 300;

const inputs = z.object({
  snapshotPolicyId: uuid("snapshot policy"),
  diskIds: z
    .array(uuid("disk"))
    .min(1, "must list at least one disk (delete the attachment to apply the policy to none)")
    .refine((ids) => new Set(ids).size === ids.length, "must not list a disk twice"),
  regionId,
});

type AttachmentInputs = z.output<typeof inputs>;

export interface DiskSnapshotPolicyAttachmentOutputs {
  /** The policy's id (one attachment per policy). */
  snapshotPolicyAttachmentId: string;
}

/** The snapshot policy every disk of the region follows (`undefined` for none). */
async function policiesOfDisks(ctx: HandlerContext, regionID: string): Promise<Map<string, string | undefined>> {
  const disks = await allPages(PAGE, async (pageNo) => {
    const page = await ctx.client.send(ListEbs, { regionID, pageNo, pageSize: PAGE });
    return { rows: page.diskList, total: page.totalCount };
  });
  return new Map(disks.map((d) => [d.diskID, d.snapshotPolicyID ?? undefined]));
}

function boundTo(policies: ReadonlyMap<string, string | undefined>, policyId: string): string[] {
  return [...policies.entries()].filter(([, policy]) => policy === policyId).map(([diskID]) => diskID);
}

/** Waits until exactly `wanted` follow the policy (and returns them). */
async function waitForBinding(ctx: HandlerContext, regionID: string, policyId: string, wanted: readonly string[]): Promise<string[]> {
  const key = [...wanted].sort().join(",");
  const policies = await waitForState(
    ctx,
    `snapshot policy ${policyId} to apply to ${wanted.length} disk(s)`,
    () => policiesOfDisks(ctx, regionID),
    (now) => boundTo(now, policyId).sort().join(",") === key,
    (now) => `applies to ${boundTo(now, policyId).length}`,
  );
  return boundTo(policies, policyId);
}

/** Applies the policy to the added disks, cancels it on the removed ones (`applied` runs once the cloud took the apply), then waits. */
async function converge(ctx: HandlerContext, args: AttachmentInputs, current: readonly string[], applied: () => void = () => undefined): Promise<void> {
  const regionID = args.regionId;
  const added = args.diskIds.filter((d) => !current.includes(d));
  const removed = current.filter((d) => !args.diskIds.includes(d));
  if (added.length > 0) await ctx.client.send(ApplySnapshotPolicy, { regionID, snapshotPolicyID: args.snapshotPolicyId, targetDiskIDs: added.join(",") });
  applied();
  if (removed.length > 0) await ctx.client.send(CancelSnapshotPolicy, { regionID, targetDiskIDs: removed.join(",") });
  await waitForBinding(ctx, regionID, args.snapshotPolicyId, args.diskIds);
}

export const diskSnapshotPolicyAttachmentSpec = defineResource({
  type: "DiskSnapshotPolicyAttachment",
  inputs,
  outputs: { snapshotPolicyAttachmentId: true },
  createOnly: ["snapshotPolicyId", "regionId"],
  settingDefaults: { regionId: "regionId" },
  unorderedInputs: ["diskIds"],
  notFoundCodes: [],
  timeouts: { create: 5 * 60_000, update: 5 * 60_000, delete: 5 * 60_000 },
  idOutput: "snapshotPolicyAttachmentId",

  async create(ctx, args: AttachmentInputs) {
    const regionID = args.regionId;
    const id = args.snapshotPolicyId;
    if (!(await findPolicy(ctx, regionID, id))) throw new Error(`snapshotPolicyId ${id} is not a snapshot policy of region ${regionID}`);
    const policies = await policiesOfDisks(ctx, regionID);
    const already = boundTo(policies, id);
    if (already.length > 0 && !mayBeOwnEarlierWork(ctx)) {
      throw new Error(
        `snapshot policy ${id} already applies to disk(s) ${already.join(", ")}, and not by this create: a DiskSnapshotPolicyAttachment manages all of a policy's disks, ` +
          `so manage them with adoptId "${id}" (listing every disk it should apply to), or cancel the policy on them first`,
      );
    }
    for (const diskID of args.diskIds) {
      if (!policies.has(diskID)) throw new Error(`diskIds: ${diskID} is not a disk of region ${regionID}`);
      const other = policies.get(diskID);
      if (other !== undefined && other !== id) {
        throw new Error(`disk ${diskID} follows snapshot policy ${other}; a disk follows one policy at a time: remove it from that policy's attachment (or cancel the policy on it) first`);
      }
    }
    await converge(ctx, args, already, () => ctx.created(id, { snapshotPolicyAttachmentId: id }));
    return { id, outputs: { snapshotPolicyAttachmentId: id } };
  },

  async read(ctx, id, state) {
    const regionID = state["regionId"] as string;
    if (!(await findPolicy(ctx, regionID, id))) return undefined;
    const disks = boundTo(await policiesOfDisks(ctx, regionID), id);
    if (disks.length === 0) return undefined;
    const order = (state["diskIds"] as string[] | undefined) ?? [];
    // The state's order first, so a refresh does not reorder what the program wrote.
    const rank = (d: string) => (order.includes(d) ? order.indexOf(d) : Number.MAX_SAFE_INTEGER);
    return { inputs: { snapshotPolicyId: id, diskIds: disks.sort((a, b) => rank(a) - rank(b)) }, outputs: { snapshotPolicyAttachmentId: id } };
  },

  async update(ctx, id, _olds, news: AttachmentInputs) {
    const current = boundTo(await policiesOfDisks(ctx, news.regionId), id);
    await converge(ctx, news, current);
    return { snapshotPolicyAttachmentId: id };
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    const current = boundTo(await policiesOfDisks(ctx, regionID), id);
    if (current.length === 0) return;
    await ctx.client.send(CancelSnapshotPolicy, { regionID, targetDiskIDs: current.join(",") });
    await waitForBinding(ctx, regionID, id, []);
  },
});
