/**
 * Disk (spec D.8, D.0.2): an EBS data disk bought through a billing order.
 *
 * - create: new-ebs with the create's clientToken. The cloud answers either 800 with the disk id,
 *   or 900 `ebs.order.inProgress` with the order to poll, whose `instanceIDList[0]` is the disk id.
 *   `ctx.created` as soon as the id is known, then wait for `available`. A crash while the order
 *   provisions is resumed by the rerun: the journaled clientToken gets the same order back.
 *   With `snapshotId` the create is new-from-snapshot-ebs-snap (answered the same way), after reading
 *   the snapshot: the disk gets its type and zone, so a program asking for others fails first.
 * - update: rename in place (update-attr-ebs); grow through resize-ebs and its order (shrinking is
 *   refused by check, naming both sizes). Both compare with the live disk, so an update also
 *   finishes a partial create or an adoption.
 * - delete: refused while the disk is attached (remove the DiskAttachment first); otherwise the
 *   unsubscribe order, then wait until info-ebs says not found.
 */
import { z } from "zod";
import { isServiceError, type CtyunServiceError } from "../client/errors";
import { waitForOrder } from "../client/orders";
import {
  CreateEbs,
  EBS_NOT_FOUND,
  EBS_ORDER_IN_PROGRESS,
  orderInProgress,
  RefundEbs,
  ResizeEbs,
  ShowEbs,
  UpdateEbsName,
  type DiskInfo,
} from "../client/operations/ebs";
import type { HandlerContext } from "../lifecycle/context";
import { azName, billing, billingCycle, projectId, regionId, uuid, type Billing } from "../lifecycle/fields";
import { defineResource, type CheckFailure, type Props } from "../lifecycle/spec";
import { waitForState, waitUntilGone } from "../lifecycle/waits";
import { sendCreateFromSnapshot } from "./disk-from-snapshot";

export const DISK_SIZE = { min: 10, max: 32768 } as const;
export const DISK_NAME = { min: 2, max: 63, pattern: /^[a-zA-Z][0-9a-zA-Z_-]+$/ } as const;

/** User-facing disk types (as in Terraform) and their wire names. */
export const DISK_TYPES = { sata: "SATA", sas: "SAS", ssd: "SSD", "ssd-genric": "SSD-genric", "fast-ssd": "FAST-SSD" } as const;
export const DISK_MODES = { vbd: "VBD", iscsi: "ISCSI", fcsan: "FCSAN" } as const;
export type DiskType = keyof typeof DISK_TYPES;
export type DiskMode = keyof typeof DISK_MODES;

/** Statuses that pass by themselves: wait them out before acting on the disk. */
export const TRANSITIONAL_STATUSES: readonly string[] = ["creating", "attaching", "detaching", "extending"];

const quoted = (values: readonly string[]): string => values.map((v) => `"${v}"`).join(", ");
const typeNames = Object.keys(DISK_TYPES) as [DiskType, ...DiskType[]];
const modeNames = Object.keys(DISK_MODES) as [DiskMode, ...DiskMode[]];
const sizeRule = `must be a whole number of GB from ${DISK_SIZE.min} to ${DISK_SIZE.max}`;

export const diskName = z.string().superRefine((value, ctx) => {
  const n = [...value].length;
  if (n < DISK_NAME.min || n > DISK_NAME.max) ctx.addIssue({ code: "custom", message: `must be ${DISK_NAME.min}-${DISK_NAME.max} characters long (got ${n})` });
  else if (!DISK_NAME.pattern.test(value)) ctx.addIssue({ code: "custom", message: "must start with a letter and contain only letters, digits, '_' and '-'" });
});

const inputs = z.object({
  name: diskName,
  mode: z.enum(modeNames, { error: `must be one of ${quoted(modeNames)} (lower-case)` }).default("vbd"),
  type: z.enum(typeNames, { error: `must be one of ${quoted(typeNames)} (lower-case)` }),
  size: z.number({ error: sizeRule }).refine((n) => Number.isInteger(n) && n >= DISK_SIZE.min && n <= DISK_SIZE.max, sizeRule),
  billing: billing({ maxYears: 5 }).default({ mode: "onDemand" }),
  multiAttach: z.boolean().default(false),
  azName: azName.optional(),
  regionId,
  projectId: projectId.optional(),
  snapshotId: uuid("snapshot").optional(),
});

type DiskInputs = z.output<typeof inputs>;

const CREATE_ONLY = ["mode", "type", "billing", "multiAttach", "azName", "regionId", "projectId", "snapshotId"] as const;

export interface DiskOutputs {
  diskId: string;
  /** info-ebs `diskStatus`: `available`, `in-use`, `attaching`, `detaching`, `extending`, … */
  status: string;
  /** The VM the disk is attached to (the first one for a shared disk); absent when detached. */
  attachedInstanceId: string | undefined;
  /** Every VM the disk is attached to (several only for a multiAttach disk). */
  attachedInstanceIds: string[];
  /** RFC 3339. */
  createTime: string | undefined;
  /** End of a monthly/yearly term (RFC 3339); absent for on-demand disks. */
  expireTime: string | undefined;
}

const project = (projectID: string | undefined) => (projectID ? { projectID } : {});

/** Epoch milliseconds → RFC 3339 (UTC, no fraction when whole seconds); undefined for 0/absent. */
export function rfc3339(epochMs: number | null | undefined): string | undefined {
  if (epochMs === null || epochMs === undefined || epochMs <= 0) return undefined;
  return new Date(epochMs).toISOString().replace(/\.000Z$/, "Z");
}

export async function showDisk(ctx: HandlerContext, regionID: string, diskID: string): Promise<DiskInfo> {
  return ctx.client.send(ShowEbs, { regionID, diskID });
}

export function attachedInstances(disk: DiskInfo): string[] {
  const ids = (disk.attachments ?? []).map((a) => a.instanceID);
  if (ids.length === 0 && disk.instanceID) ids.push(disk.instanceID);
  return ids;
}

export function describeDisk(disk: DiskInfo): string {
  const on = attachedInstances(disk);
  return on.length > 0 ? `${disk.diskStatus} on ${on.join(", ")}` : disk.diskStatus;
}

/**
 * Waits while the disk is in a status that passes by itself (creating, attaching, detaching,
 * extending), then returns it. `error` fails the wait unless `acceptError`.
 */
export async function settleDisk(ctx: HandlerContext, regionID: string, diskID: string, options: { acceptError?: boolean } = {}): Promise<DiskInfo> {
  return waitForState(
    ctx,
    `disk ${diskID} to settle`,
    () => showDisk(ctx, regionID, diskID),
    (disk) => !TRANSITIONAL_STATUSES.includes(disk.diskStatus) && (options.acceptError === true || disk.diskStatus !== "error"),
    describeDisk,
    (disk) => (disk.diskStatus === "error" && !options.acceptError ? "the disk is in status error" : undefined),
  );
}

/** The order named by a 900 `ebs.order.inProgress`, if that is what `error` is. */
export function orderInProgressOf(error: unknown): string | undefined {
  if (!isServiceError(error, EBS_ORDER_IN_PROGRESS)) return undefined;
  const parsed = orderInProgress.safeParse((error as CtyunServiceError).returnObj);
  return parsed.success ? parsed.data.masterOrderID : undefined;
}

/** Sends an order-placing call and returns the order id from the 800 answer or the in-progress 900. */
async function placeOrder(call: () => Promise<{ masterOrderID?: string | null | undefined }>): Promise<string | undefined> {
  try {
    return (await call()).masterOrderID ?? undefined;
  } catch (error) {
    const running = orderInProgressOf(error);
    if (running === undefined) throw error;
    return running;
  }
}

function billingOf(disk: DiskInfo): Billing {
  if (disk.onDemand !== false) return { mode: "onDemand" };
  return { mode: disk.cycleType === "year" ? "yearly" : "monthly", count: disk.cycleCount ?? 0 };
}

function lower<K extends string>(table: Readonly<Record<K, string>>, wire: string): K | string {
  const found = (Object.keys(table) as K[]).find((key) => table[key] === wire);
  return found ?? wire.toLowerCase();
}

const normalProject = (value: unknown): string => (value === undefined || value === null || value === "" ? "0" : String(value));

/** The cloud's values of the inputs (`azName`/`projectId` as the state has them when equivalent). */
function inputsOf(disk: DiskInfo, state: Props): Partial<DiskInputs> {
  const stateProject = state["projectId"] as string | undefined;
  return {
    name: disk.diskName,
    mode: lower(DISK_MODES, disk.diskMode) as DiskMode,
    type: lower(DISK_TYPES, disk.diskType) as DiskType,
    size: disk.diskSize,
    billing: billingOf(disk),
    multiAttach: disk.multiAttach ?? false,
    // Single-AZ regions do not report azName.
    ...(disk.azName ? { azName: disk.azName } : {}),
    ...(normalProject(stateProject) === normalProject(disk.projectID) ? {} : { projectId: disk.projectID ?? undefined }),
    ...(disk.volumeSourceID || disk.volumeSource ? { snapshotId: (disk.volumeSourceID || disk.volumeSource) as string } : {}),
  } as Partial<DiskInputs>;
}

function outputsOf(disk: DiskInfo): DiskOutputs {
  const on = attachedInstances(disk);
  return {
    diskId: disk.diskID,
    status: disk.diskStatus,
    attachedInstanceId: on[0],
    attachedInstanceIds: on,
    createTime: rfc3339(disk.createTime),
    expireTime: disk.onDemand === false ? rfc3339(disk.expireTime) : undefined,
  };
}

function stillAttached(disk: DiskInfo): Error {
  const on = attachedInstances(disk);
  const vm = disk.instanceName ? `instance ${on[0]} (${disk.instanceName})` : `instance ${on[0]}`;
  const more = on.length > 1 ? ` and ${on.length - 1} more (${on.slice(1).join(", ")})` : "";
  return new Error(
    `disk ${disk.diskID} (${disk.diskName}) is still attached to ${vm}${more}: remove the ctyun.DiskAttachment ` +
      `"${disk.diskID}:${on[0]}" first (Pulumi does so when the attachment uses this Disk's diskId), or detach the disk, then run again`,
  );
}

/** Grows a disk (data or system) with resize-ebs, waits for its order and until info-ebs shows the size. */
export async function growDisk(ctx: HandlerContext, regionID: string, diskID: string, size: number): Promise<void> {
  const orderId = await placeOrder(() => ctx.client.send(ResizeEbs, { regionID, diskID, diskSize: size, clientToken: ctx.clientToken }));
  if (orderId !== undefined) {
    ctx.progress(`growing disk ${diskID} to ${size} GB (order ${orderId})`);
    await waitForOrder(ctx.client, orderId, "order", ctx.waitTiming(`the resize order ${orderId} of disk ${diskID}`));
  }
  await waitForState(
    ctx,
    `disk ${diskID} to show ${size} GB`,
    () => showDisk(ctx, regionID, diskID),
    (disk) => disk.diskSize === size && !TRANSITIONAL_STATUSES.includes(disk.diskStatus),
    (disk) => `${disk.diskSize} GB, ${disk.diskStatus}`,
  );
}

export const diskSpec = defineResource({
  type: "Disk",
  inputs,
  outputs: { diskId: true, status: true, attachedInstanceId: true, attachedInstanceIds: true, createTime: true, expireTime: true },
  createOnly: [...CREATE_ONLY],
  settingDefaults: { regionId: "regionId", projectId: "projectId", azName: "azName" },
  autoName: { property: "name", maxLength: DISK_NAME.max, mustStartWithLetter: true, allowedCharacters: "0-9a-zA-Z_-" },
  notFoundCodes: [EBS_NOT_FOUND],
  timeouts: { create: 10 * 60_000, update: 10 * 60_000, delete: 10 * 60_000 },
  idOutput: "diskId",

  crossCheck(args, known, olds): CheckFailure[] {
    const failures: CheckFailure[] = [];
    if (known("snapshotId") && args.snapshotId !== undefined && known("mode") && args.mode !== "vbd") {
      failures.push({ property: "mode", reason: `must be "vbd" for a disk made from a snapshot (got "${args.mode}")` });
    }
    if (known("mode") && known("type")) {
      if (args.mode === "fcsan" && args.type !== "sas") failures.push({ property: "mode", reason: `"fcsan" is only available with type "sas" (got type "${args.type}")` });
      if (args.mode === "iscsi" && args.type === "fast-ssd") failures.push({ property: "type", reason: '"fast-ssd" does not support mode "iscsi"' });
    }
    const oldSize = olds["size"];
    // A create-only change replaces the disk: the new one may well be smaller.
    const replacing = CREATE_ONLY.some((key) => JSON.stringify(olds[key]) !== JSON.stringify(args[key]));
    if (typeof oldSize === "number" && known("size") && (args.size as number) < oldSize && !replacing) {
      failures.push({
        property: "size",
        reason: `cannot shrink the disk from ${oldSize} GB to ${args.size} GB: disks can only grow (replace the disk, e.g. by changing its name with a new resource, to get a smaller one)`,
      });
    }
    return failures;
  },

  deleteBeforeReplace(olds, news) {
    // Names are unique per region: a replacement with the same name would be refused.
    return olds["name"] === news.name;
  },

  async create(ctx, args: DiskInputs) {
    const regionID = args.regionId;
    const cycle = billingCycle(args.billing);
    let diskID: string | undefined;
    const orderId = await placeOrder(async () => {
      if (args.snapshotId !== undefined) {
        const made = await sendCreateFromSnapshot(ctx, { ...args, snapshotId: args.snapshotId });
        diskID = made.resources?.[0]?.diskID;
        return diskID === undefined ? made : {};
      }
      const created = await ctx.client.send(CreateEbs, {
        clientToken: ctx.clientToken,
        regionID,
        ...(args.azName !== undefined ? { azName: args.azName } : {}),
        ...project(args.projectId),
        diskName: args.name,
        diskMode: DISK_MODES[args.mode],
        diskType: DISK_TYPES[args.type],
        diskSize: args.size,
        multiAttach: args.multiAttach,
        onDemand: cycle.cycleType === "on_demand",
        cycleType: cycle.cycleType,
        cycleCount: cycle.cycleCount ?? 0,
      });
      diskID = created.resources?.[0]?.diskID;
      return diskID === undefined ? created : {};
    });
    if (diskID === undefined) {
      if (orderId === undefined) throw new Error(`new-ebs answered without a disk id or an order for disk ${args.name}`);
      ctx.progress(`waiting for order ${orderId} to provision disk ${args.name}`);
      const order = await waitForOrder(ctx.client, orderId, "order", ctx.waitTiming(`the create order ${orderId} of disk ${args.name}`));
      diskID = order.resourceIds[0];
      if (diskID === undefined) throw new Error(`order ${orderId} finished without a disk id`);
    }
    ctx.created(diskID, { diskId: diskID });
    const disk = await settleDisk(ctx, regionID, diskID);
    return { id: diskID, outputs: outputsOf(disk) };
  },

  async read(ctx, id, state) {
    const disk = await showDisk(ctx, state["regionId"] as string, id);
    if (disk.isSystemVolume) throw new Error(`disk ${id} is the system disk of instance ${disk.instanceID ?? "(unknown)"}: manage it through its ctyun.Instance`);
    return { inputs: inputsOf(disk, state), outputs: outputsOf(disk) };
  },

  async update(ctx, id, _olds, news: DiskInputs) {
    const regionID = news.regionId;
    let disk = await settleDisk(ctx, regionID, id);
    if (disk.diskName !== news.name) {
      await ctx.client.send(UpdateEbsName, { regionID, diskID: id, diskName: news.name });
    }
    if (disk.diskSize > news.size) {
      throw new Error(`disk ${id} is ${disk.diskSize} GB in the cloud and cannot shrink to ${news.size} GB: set size to ${disk.diskSize} or more`);
    }
    if (disk.diskSize < news.size) await growDisk(ctx, regionID, id, news.size);
    disk = await showDisk(ctx, regionID, id);
    return outputsOf(disk);
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    for (let round = 1; ; round++) {
      const disk = await settleDisk(ctx, regionID, id, { acceptError: true });
      // Another run's delete is in progress: wait for it to finish.
      if (disk.diskStatus === "deleting") return waitUntilGone(ctx, `disk ${id}`, async () => Boolean(await showDisk(ctx, regionID, id)), [EBS_NOT_FOUND]);
      if (attachedInstances(disk).length > 0) throw stillAttached(disk);
      let orderId: string;
      try {
        orderId = (await ctx.client.send(RefundEbs, { regionID, diskID: id, clientToken: ctx.clientToken })).masterOrderID;
      } catch (error) {
        // Refused, whatever the code: attached or busy since we looked? Look again (a few times),
        // then give up with the cloud's reason.
        if (isServiceError(error) && round < 3) continue;
        throw error;
      }
      ctx.progress(`unsubscribing disk ${id} (order ${orderId})`);
      // The finished refund order confirms the delete: no read is spent on the not-found.
      await waitForOrder(ctx.client, orderId, "refund", ctx.waitTiming(`the unsubscribe order ${orderId} of disk ${id}`));
      return;
    }
  },
});
