/**
 * DiskSnapshot (emulator/api-notes/snapshot.md §1): a point-in-time copy of an EBS disk.
 *
 * - create: create-ebs-snap with the create's clientToken. A disk's first snapshot answers 900
 *   `ebs.order.inProgress` with an order whose `instanceIDList[0]` is the snapshot; later ones answer
 *   800 with the snapshot in `resources[0]` and a job. `ctx.created` as soon as the id is known, then
 *   wait until it is `available`. The token protects only the order path: a repeat on the job path is
 *   refused (the name is taken), and when this create's own earlier attempt may have made it
 *   (`mayBeOwnEarlierWork`), the snapshot of that name on that disk is taken over. Repeated while
 *   the disk is attaching or detaching (read from info-ebs), which the cloud refuses.
 * - read: list-ebs-snap by id; absence is an empty list (no official code).
 * - update: nothing changes in place (the API has no update): every input replaces.
 * - delete: delete-ebs-snap for this one snapshot (never `refundOrder`, which would delete every
 *   snapshot of the disk), its job, then wait until the list no longer has it. A snapshot that is
 *   still being copied or cloned is waited out first.
 */
import { z } from "zod";
import { isServiceError } from "../client/errors";
import { waitForJob, waitForOrder } from "../client/orders";
import { CreateEbsSnap, DeleteEbsSnap, type SnapshotInfo } from "../client/operations/ebs-snapshot";
import type { HandlerContext } from "../lifecycle/context";
import { regionId, uuid } from "../lifecycle/fields";
import { mayBeOwnEarlierWork } from "../lifecycle/ownership";
import { defineResource, type Props } from "../lifecycle/spec";
import { retryWhileHeld, waitForState, waitUntilGone } from "../lifecycle/waits";
import { orderInProgressOf, showDisk, TRANSITIONAL_STATUSES } from "./disk";
import { diskTypeOf, findSnapshot, snapshotNamed } from "./disk-snapshot-reads";

export const SNAPSHOT_NAME = { min: 2, max: 63, pattern: /^[a-zA-Z][a-zA-Z0-9_-]*$/ } as const;
export const RETENTION_DAYS = { min: 1, max: 65535 } as const;
/** Statuses that pass by themselves; delete waits them out. */
const BUSY_STATUSES: readonly string[] = ["creating", "cloning", "rollbacking"];

export const snapshotName = z.string().superRefine((value, ctx) => {
  const n = [...value].length;
  if (n < SNAPSHOT_NAME.min || n > SNAPSHOT_NAME.max) ctx.addIssue({ code: "custom", message: `must be ${SNAPSHOT_NAME.min}-${SNAPSHOT_NAME.max} characters long (got ${n})` });
  else if (!SNAPSHOT_NAME.pattern.test(value)) ctx.addIssue({ code: "custom", message: "must start with a letter and contain only letters, digits, '_' and '-'" });
});

const retentionRule = `must be a whole number of days from ${RETENTION_DAYS.min} to ${RETENTION_DAYS.max} (omit it to keep the snapshot until deleted)`;

const inputs = z.object({
  diskId: uuid("disk"),
  name: snapshotName,
  retentionDays: z
    .number({ error: retentionRule })
    .refine((n) => Number.isInteger(n) && n >= RETENTION_DAYS.min && n <= RETENTION_DAYS.max, retentionRule)
    .optional(),
  regionId,
});

type SnapshotInputs = z.output<typeof inputs>;

export interface DiskSnapshotOutputs {
  snapshotId: string;
  /** `creating`, `available`, `cloning`, `deleting`, `error`. */
  status: string;
  /** The source disk's size when the snapshot was taken (GB): the least size of a disk made from it. */
  sizeGb: number;
  /** The source disk's type as `Disk` spells it (`ssd`, `sas`, …): the type of a disk made from it. */
  diskType: string;
  azName: string | undefined;
  /** RFC 3339. */
  createTime: string | undefined;
  /** When a snapshot with `retentionDays` is deleted by the cloud (RFC 3339); undefined when kept. */
  expireTime: string | undefined;
}

function outputsOf(s: SnapshotInfo): DiskSnapshotOutputs {
  return {
    snapshotId: s.snapshotID,
    status: s.snapshotStatus,
    sizeGb: s.volumeSize ?? 0,
    diskType: diskTypeOf(s.volumeType),
    azName: s.azName ?? undefined,
    createTime: s.createTime ?? undefined,
    expireTime: s.expireTime ?? undefined,
  };
}

function inputsOf(s: SnapshotInfo): Partial<SnapshotInputs> {
  return { diskId: s.diskID, name: s.snapshotName, retentionDays: s.retentionPolicy === "custom" ? (s.retentionTime ?? undefined) : undefined };
}

/** Sends the create and returns the snapshot id, waiting for the order or job that names it. */
async function createSnapshot(ctx: HandlerContext, args: SnapshotInputs): Promise<string> {
  const regionID = args.regionId;
  try {
    const sent = await retryWhileHeld(
      ctx,
      `disk ${args.diskId} to finish attaching or detaching`,
      async () => {
        try {
          const answer = await ctx.client.send(CreateEbsSnap, {
            regionID,
            snapshotName: args.name,
            diskID: args.diskId,
            ...(args.retentionDays === undefined ? { retentionPolicy: "forever" as const } : { retentionPolicy: "custom" as const, retentionTime: args.retentionDays }),
            clientToken: ctx.clientToken,
          });
          return { answer };
        } catch (error) {
          const orderId = orderInProgressOf(error);
          if (orderId !== undefined) return { orderId };
          // A taken name is not a disk in passing: judged below, without another try.
          if (isServiceError(error) && (await snapshotNamed(ctx, regionID, args.name))) return { refused: error };
          throw error;
        }
      },
      // A disk in passing (e.g. detached by a DiskAttachment going away in the same run) cannot be
      // snapshotted; read from the disk, never from the refusal's code. A refusal with the disk settled
      // is tried once more (the passing may have ended since), then the cloud's reason stands.
      async () => {
        const disk = await showDisk(ctx, regionID, args.diskId).catch(() => undefined);
        return disk && TRANSITIONAL_STATUSES.includes(disk.diskStatus) ? [`disk ${args.diskId} ${disk.diskStatus}`] : [];
      },
    );
    if (sent.refused !== undefined) throw sent.refused;
    if (sent.orderId !== undefined) return fromOrder(ctx, sent.orderId, args);
    const answer = sent.answer;
    const named = answer.resources?.[0]?.snapshotID ?? undefined;
    if (answer.snapshotJobID) {
      if (named) ctx.created(named, { snapshotId: named });
      ctx.progress(`snapshotting disk ${args.diskId} (job ${answer.snapshotJobID})`);
      const fromJob = await waitForJob(ctx.client, answer.snapshotJobID, regionID, ctx.waitTiming(`the snapshot job ${answer.snapshotJobID}`));
      const id = named ?? fromJob;
      if (!id) throw new Error(`snapshot job ${answer.snapshotJobID} finished without naming the snapshot`);
      return id;
    }
    if (named) return named;
    if (!answer.masterOrderID) throw new Error(`create-ebs-snap answered without a snapshot, a job or an order for snapshot ${args.name}`);
    return fromOrder(ctx, answer.masterOrderID, args);
  } catch (error) {
    const orderId = orderInProgressOf(error);
    if (orderId !== undefined) return fromOrder(ctx, orderId, args);
    if (!isServiceError(error)) throw error;
    // Refused: a snapshot of this name may be this create's own earlier one (a retried request or a
    // rerun after a crash), or somebody else's. The list tells which may be taken over.
    const existing = await snapshotNamed(ctx, regionID, args.name);
    if (!existing) throw error;
    if (existing.diskID === args.diskId && mayBeOwnEarlierWork(ctx, error)) return existing.snapshotID;
    throw new Error(
      `a snapshot named ${args.name} already exists in region ${regionID} (${existing.snapshotID}, of disk ${existing.diskID}): ` +
        `choose another name, or manage that snapshot with adoptId "${existing.snapshotID}"`,
    );
  }
}

async function fromOrder(ctx: HandlerContext, orderId: string, args: SnapshotInputs): Promise<string> {
  ctx.progress(`waiting for order ${orderId}, which opens the snapshot service of disk ${args.diskId}`);
  const order = await waitForOrder(ctx.client, orderId, "order", ctx.waitTiming(`the snapshot order ${orderId}`));
  const id = order.resourceIds[0];
  if (id === undefined) throw new Error(`order ${orderId} finished without naming the snapshot`);
  return id;
}

/** Waits until the snapshot is `available` (fails on `error`, or when it disappears). */
async function waitAvailable(ctx: HandlerContext, regionID: string, id: string): Promise<SnapshotInfo> {
  const found = await waitForState(
    ctx,
    `snapshot ${id} to be available`,
    () => findSnapshot(ctx, regionID, id),
    (s) => s?.snapshotStatus === "available",
    (s) => s?.snapshotStatus ?? "not listed",
    (s) => (s === undefined ? "the snapshot disappeared (was its disk deleted?)" : s.snapshotStatus === "error" ? "the snapshot is in status error" : undefined),
  );
  return found as SnapshotInfo;
}

export const diskSnapshotSpec = defineResource({
  type: "DiskSnapshot",
  inputs,
  outputs: { snapshotId: true, status: true, sizeGb: true, diskType: true, azName: true, createTime: true, expireTime: true },
  createOnly: ["diskId", "name", "retentionDays", "regionId"],
  settingDefaults: { regionId: "regionId" },
  autoName: { property: "name", maxLength: SNAPSHOT_NAME.max, mustStartWithLetter: true, allowedCharacters: "0-9a-zA-Z_-" },
  // Absence is an empty list: no call depends on a not-found code (CTyun documents none for snapshots).
  notFoundCodes: [],
  timeouts: { create: 30 * 60_000, update: 5 * 60_000, delete: 10 * 60_000 },
  idOutput: "snapshotId",

  // Names are unique per region: a replacement with the same name waits for the old one to go.
  deleteBeforeReplace(olds: Props, news: SnapshotInputs) {
    return olds["name"] === news.name && olds["regionId"] === news.regionId;
  },

  async create(ctx, args: SnapshotInputs) {
    const id = await createSnapshot(ctx, args);
    ctx.created(id, { snapshotId: id });
    return { id, outputs: outputsOf(await waitAvailable(ctx, args.regionId, id)) };
  },

  async read(ctx, id, state) {
    const found = await findSnapshot(ctx, state["regionId"] as string, id);
    return found ? { inputs: inputsOf(found), outputs: outputsOf(found) } : undefined;
  },

  async update(ctx, id, _olds, news: SnapshotInputs) {
    // Nothing updates in place; this finishes a partial create (or an adoption): wait until it is usable.
    return outputsOf(await waitAvailable(ctx, news.regionId, id));
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    for (let round = 1; round <= 5; round++) {
      let found = await findSnapshot(ctx, regionID, id);
      if (!found || found.snapshotStatus === "deleting") break;
      if (BUSY_STATUSES.includes(found.snapshotStatus)) {
        found = await waitForState(ctx, `snapshot ${id} to settle`, () => findSnapshot(ctx, regionID, id), (s) => s === undefined || !BUSY_STATUSES.includes(s.snapshotStatus), (s) => s?.snapshotStatus ?? "gone");
        if (!found) return;
      }
      const answer = await ctx.client.send(DeleteEbsSnap, { regionID, diskID: found.diskID, snapshotIDs: [id], refundOrder: false });
      if (answer.notFoundList.includes(id)) return;
      // Refused for its status (someone started cloning it meanwhile): look again.
      if (answer.notAllowedList.includes(id)) continue;
      if (answer.snapshotJobID) {
        ctx.progress(`deleting snapshot ${id} (job ${answer.snapshotJobID})`);
        await waitForJob(ctx.client, answer.snapshotJobID, regionID, ctx.waitTiming(`the delete job ${answer.snapshotJobID}`));
      }
      break;
    }
    await waitUntilGone(ctx, `snapshot ${id}`, async () => (await findSnapshot(ctx, regionID, id)) !== undefined, []);
  },
});
