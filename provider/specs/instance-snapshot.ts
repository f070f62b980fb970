/**
 * InstanceSnapshot (emulator/api-notes/snapshot.md §3): a snapshot of every disk of a VM (an ECS
 * snapshot), e.g. to make an `Image` from (`instanceSnapshotId`).
 *
 * - create: ecs snapshot/create (no clientToken; names are unique per region, so a repeat is refused,
 *   and this VM's snapshot of that name is taken over only when this create's own earlier attempt may
 *   have made it); repeated while the VM is starting or stopping (read from the VM). `ctx.created`
 *   at once, then wait until it is `available`.
 * - read: snapshot/details; an empty `results` (no official code) → gone.
 * - update: name and description (snapshot/update).
 * - delete: waits out a snapshot being taken; snapshot-delete, retried while images are being made
 *   from it (read: the account's private images made from it that are still queued); wait until gone.
 */
import { z } from "zod";
import { isServiceError } from "../client/errors";
import { IMAGE_VISIBILITY_CODES, ListImages } from "../client/operations/catalog";
import {
  CreateInstanceSnapshot,
  DeleteInstanceSnapshot,
  DescribeInstanceSnapshot,
  ListInstanceSnapshots,
  UpdateInstanceSnapshot,
  type InstanceSnapshotInfo,
} from "../client/operations/instance-snapshot";
import type { HandlerContext } from "../lifecycle/context";
import { regionId, uuid } from "../lifecycle/fields";
import { mayBeOwnEarlierWork } from "../lifecycle/ownership";
import { defineResource } from "../lifecycle/spec";
import { retryWhileHeld, waitForState, waitUntilGone } from "../lifecycle/waits";
import { describeInstance, TRANSITIONAL_STATUSES } from "./instance-state";

const inputs = z.object({
  instanceId: uuid("VM instance"),
  name: z.string().superRefine((value, ctx) => {
    const n = [...value].length;
    if (n < 2 || n > 63) ctx.addIssue({ code: "custom", message: `must be 2-63 characters long (got ${n})` });
    else if (value !== value.trim()) ctx.addIssue({ code: "custom", message: "must not start or end with blanks" });
  }),
  description: z.string().max(256, "must be at most 256 characters long").optional(),
  regionId,
});

type SnapshotInputs = z.output<typeof inputs>;

export interface InstanceSnapshotOutputs {
  instanceSnapshotId: string;
  /** `pending`, `available`, `error`. */
  status: string;
  /** The instance's image when the snapshot was taken. */
  imageId: string | undefined;
  /** The snapshotted disks, the system disk first. */
  diskIds: string[];
  createTime: string | undefined;
}

export async function findInstanceSnapshot(ctx: HandlerContext, regionID: string, id: string): Promise<InstanceSnapshotInfo | undefined> {
  return (await ctx.client.send(DescribeInstanceSnapshot, { regionID, snapshotID: id })).results.find((s) => s.snapshotID === id);
}

function outputsOf(s: InstanceSnapshotInfo): InstanceSnapshotOutputs {
  const members = [...s.members].sort((a, b) => Number(b.isBootable === true) - Number(a.isBootable === true));
  return { instanceSnapshotId: s.snapshotID, status: s.snapshotStatus, imageId: s.imageID ?? undefined, diskIds: members.map((m) => m.diskID), createTime: s.createdTime ?? undefined };
}

async function waitAvailable(ctx: HandlerContext, regionID: string, id: string): Promise<InstanceSnapshotInfo> {
  const found = await waitForState(
    ctx,
    `instance snapshot ${id} to be available`,
    () => findInstanceSnapshot(ctx, regionID, id),
    (s) => s?.snapshotStatus === "available",
    (s) => s?.snapshotStatus ?? "not found",
    (s) => (s === undefined ? "the snapshot disappeared" : s.snapshotStatus === "error" ? "the snapshot is in status error" : undefined),
  );
  return found as InstanceSnapshotInfo;
}

/** This VM's snapshot named `name`, or the error naming the snapshot that has the name. */
async function snapshotNamed(ctx: HandlerContext, args: SnapshotInputs): Promise<InstanceSnapshotInfo | undefined> {
  const { results } = await ctx.client.send(ListInstanceSnapshots, { regionID: args.regionId, snapshotName: args.name, pageNo: 1, pageSize: 10 });
  return results.find((s) => s.snapshotName === args.name);
}

async function sendCreate(ctx: HandlerContext, args: SnapshotInputs): Promise<string> {
  const regionID = args.regionId;
  try {
    return await retryWhileHeld(
      ctx,
      `instance ${args.instanceId} to be running or stopped`,
      async () => {
        try {
          return (await ctx.client.send(CreateInstanceSnapshot, { regionID, instanceID: args.instanceId, snapshotName: args.name })).snapshotID;
        } catch (error) {
          // A request sent twice (an answer lost) may have made the snapshot: then the refusal is our own doing.
          if (!isServiceError(error) || !mayBeOwnEarlierWork(ctx, error)) throw error;
          const mine = await snapshotNamed(ctx, args);
          if (mine?.instanceID === args.instanceId) return mine.snapshotID;
          throw error;
        }
      },
      async () => {
        const vm = await describeInstance(ctx, regionID, args.instanceId).catch(() => undefined);
        return vm && TRANSITIONAL_STATUSES.includes(vm.instanceStatus) ? [`VM ${args.instanceId} ${vm.instanceStatus}`] : [];
      },
    );
  } catch (error) {
    if (!isServiceError(error)) throw error;
    const existing = await snapshotNamed(ctx, args);
    if (!existing) throw error;
    throw new Error(`an instance snapshot named ${args.name} already exists in region ${regionID} (${existing.snapshotID}, of instance ${existing.instanceID}): choose another name, or manage it with adoptId "${existing.snapshotID}"`);
  }
}

/** Private images still being made from the snapshot (they hold it). */
async function imagesInTheMaking(ctx: HandlerContext, regionID: string, id: string): Promise<string[]> {
  const { images } = await ctx.client.send(ListImages, { regionID, visibility: IMAGE_VISIBILITY_CODES.private, imageVisibilityCode: IMAGE_VISIBILITY_CODES.private, pageNo: 1, pageSize: 50 });
  return images.filter((i) => i.sourceServerID === id && (i.imageStatus ?? i.status) === "queued").map((i) => `image ${i.imageID}`);
}

export const instanceSnapshotSpec = defineResource({
  type: "InstanceSnapshot",
  inputs,
  outputs: { instanceSnapshotId: true, status: true, imageId: true, diskIds: true, createTime: true },
  createOnly: ["instanceId", "regionId"],
  settingDefaults: { regionId: "regionId" },
  autoName: { property: "name", maxLength: 63, mustStartWithLetter: true },
  // Absence is an empty `results`: no call depends on a not-found code.
  notFoundCodes: [],
  timeouts: { create: 30 * 60_000, update: 5 * 60_000, delete: 10 * 60_000 },
  idOutput: "instanceSnapshotId",

  // Names are unique per region: a replacement with the same name waits for the old one to go.
  deleteBeforeReplace(olds, news: SnapshotInputs) {
    return olds["name"] === news.name && olds["regionId"] === news.regionId;
  },

  async create(ctx, args: SnapshotInputs) {
    const id = await sendCreate(ctx, args);
    ctx.created(id, { instanceSnapshotId: id });
    if (args.description !== undefined) await ctx.client.send(UpdateInstanceSnapshot, { regionID: args.regionId, snapshotID: id, snapshotDescription: args.description });
    return { id, outputs: outputsOf(await waitAvailable(ctx, args.regionId, id)) };
  },

  async read(ctx, id, state) {
    const found = await findInstanceSnapshot(ctx, state["regionId"] as string, id);
    if (!found) return undefined;
    return { inputs: { instanceId: found.instanceID, name: found.snapshotName, description: found.snapshotDescription ? found.snapshotDescription : undefined }, outputs: outputsOf(found) };
  },

  async update(ctx, id, _olds, news: SnapshotInputs) {
    const regionID = news.regionId;
    const current = await waitAvailable(ctx, regionID, id);
    const description = news.description ?? "";
    if (current.snapshotName !== news.name || (current.snapshotDescription ?? "") !== description) {
      await ctx.client.send(UpdateInstanceSnapshot, { regionID, snapshotID: id, snapshotName: news.name, snapshotDescription: description });
    }
    return outputsOf((await findInstanceSnapshot(ctx, regionID, id)) ?? current);
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    const found = await findInstanceSnapshot(ctx, regionID, id);
    if (!found) return;
    if (found.snapshotStatus === "pending") await waitForState(ctx, `instance snapshot ${id} to be taken`, () => findInstanceSnapshot(ctx, regionID, id), (s) => s?.snapshotStatus !== "pending", (s) => s?.snapshotStatus ?? "gone");
    await retryWhileHeld(
      ctx,
      `instance snapshot ${id} to be deleted`,
      async () => {
        try {
          await ctx.client.send(DeleteInstanceSnapshot, { regionID, snapshotID: id });
        } catch (error) {
          if (isServiceError(error) && !(await findInstanceSnapshot(ctx, regionID, id))) return;
          throw error;
        }
      },
      () => imagesInTheMaking(ctx, regionID, id),
    );
    await waitUntilGone(ctx, `instance snapshot ${id}`, async () => (await findInstanceSnapshot(ctx, regionID, id)) !== undefined, []);
  },
});
