/**
 * Image (emulator/api-notes/image.md): a private image made from a stopped VM's system disk or from an
 * instance snapshot's, optionally shared with other accounts.
 *
 * - create: image/create or image/create-from-ecs-snapshot (no clientToken; private image names are
 *   unique in the account, so a repeat is refused, and an image of this name made from this source is
 *   taken over only when this create's own earlier attempt may have made it). `ctx.created` as soon as
 *   the answer names it, then wait until `active`, then share it.
 * - read: image/detail; `Image.ImageCheck.NotFound` (official) or `deleting` → gone. The recipients
 *   from show-shared-list.
 * - update: name and description (image/update), recipients added (share) and removed (unshare;
 *   one that accepted the image must reject it first, which is told before any call).
 * - delete: refused while a recipient has accepted it (told before any call); image/delete, then
 *   wait until detail says not found.
 */
import { z } from "zod";
import { isServiceError } from "../client/errors";
import { DescribeImage, IMAGE_NOT_FOUND, IMAGE_VISIBILITY_CODES, ListImages } from "../client/operations/catalog";
import { CreateImage, CreateImageFromEcsSnapshot, DeleteImage, ShareImage, ShowImageShares, UnshareImage, UpdateImage } from "../client/operations/image";
import type { HandlerContext } from "../lifecycle/context";
import { projectId, regionId, uuid } from "../lifecycle/fields";
import { mayBeOwnEarlierWork } from "../lifecycle/ownership";
import { defineResource, type CheckFailure, type Props } from "../lifecycle/spec";
import { retryWhileHeld, waitForState, waitUntilGone } from "../lifecycle/waits";
import { rfc3339 } from "./disk";

export const IMAGE_NAME = /^[a-zA-Z][a-zA-Z0-9-]*[a-zA-Z0-9]$/;
/** Statuses after which waiting for `active` is pointless. */
const FAILED: readonly string[] = ["error", "killed", "deleted"];

const inputs = z.object({
  name: z.string().superRefine((value, ctx) => {
    const n = [...value].length;
    if (n < 2 || n > 32) ctx.addIssue({ code: "custom", message: `must be 2-32 characters long (got ${n})` });
    else if (!IMAGE_NAME.test(value)) ctx.addIssue({ code: "custom", message: "must start with a letter, contain only letters, digits and '-', and not end with '-'" });
  }),
  description: z
    .string()
    .superRefine((value, ctx) => {
      if ([...value].length < 1 || [...value].length > 128) ctx.addIssue({ code: "custom", message: "must be 1-128 characters long" });
      else if (value !== value.trim()) ctx.addIssue({ code: "custom", message: "must not start or end with blanks" });
    })
    .optional(),
  instanceId: uuid("VM instance").optional(),
  instanceSnapshotId: uuid("instance snapshot").optional(),
  sharedWith: z
    .array(z.string().min(1, "must list account ids, not empty strings"))
    .max(128, "must list at most 128 accounts")
    .refine((ids) => new Set(ids).size === ids.length, "must not list an account twice")
    .optional(),
  regionId,
  projectId: projectId.optional(),
});

type ImageInputs = z.output<typeof inputs>;
type ImageInfo = z.output<typeof DescribeImage.output>["images"][number];

export interface ImageOutputs {
  imageId: string;
  /** `queued`, `active`, `deleting`, `error`. */
  status: string;
  /** `linux` or `windows`, from the source VM's image. */
  osType: string | undefined;
  osDistro: string | undefined;
  osVersion: string | undefined;
  architecture: string | undefined;
  /** The least system disk size (GB) of an instance booted from it. */
  diskSizeGb: number;
  createTime: string | undefined;
}

async function describe(ctx: HandlerContext, regionID: string, imageID: string): Promise<ImageInfo | undefined> {
  try {
    return (await ctx.client.send(DescribeImage, { regionID, imageID })).images.find((i) => i.imageID === imageID);
  } catch (error) {
    if (isServiceError(error, IMAGE_NOT_FOUND)) return undefined;
    throw error;
  }
}

const statusOf = (image: ImageInfo): string => image.imageStatus ?? image.status ?? "";

async function privateImageNamed(ctx: HandlerContext, regionID: string, name: string): Promise<ImageInfo | undefined> {
  const { images } = await ctx.client.send(ListImages, { regionID, visibility: IMAGE_VISIBILITY_CODES.private, imageVisibilityCode: IMAGE_VISIBILITY_CODES.private, queryContent: name, pageNo: 1, pageSize: 50 });
  return images.find((i) => i.imageName === name);
}

/** Recipients and their offers' status (`waiting`, `accepted`, `rejected`). */
async function sharesOf(ctx: HandlerContext, regionID: string, imageID: string): Promise<Map<string, string>> {
  const shares = new Map<string, string>();
  for (let pageNo = 1; ; pageNo++) {
    const page = await ctx.client.send(ShowImageShares, { imageID, regionID, pageNo: String(pageNo), pageSize: "50" });
    for (const entry of page.images) {
      const account = entry.destinationAccountID || entry.destinationUser;
      if (account) shares.set(account, entry.status ?? "");
    }
    if (page.images.length < 50) return shares;
  }
}

function outputsOf(image: ImageInfo): ImageOutputs {
  return {
    imageId: image.imageID,
    status: statusOf(image),
    osType: image.osType ?? undefined,
    osDistro: image.osDistro ?? undefined,
    osVersion: image.osVersion ?? undefined,
    architecture: image.architecture ?? undefined,
    diskSizeGb: image.diskSize ?? 0,
    createTime: rfc3339(image.createdTime),
  };
}

async function waitActive(ctx: HandlerContext, regionID: string, id: string): Promise<ImageInfo> {
  const image = await waitForState(
    ctx,
    `image ${id} to be active`,
    () => describe(ctx, regionID, id),
    (found) => found !== undefined && statusOf(found) === "active",
    (found) => (found ? statusOf(found) : "not found"),
    (found) => (found === undefined ? "the image disappeared" : FAILED.includes(statusOf(found)) ? `the image is ${statusOf(found)}` : undefined),
  );
  return image as ImageInfo;
}

function acceptedError(id: string, accounts: readonly string[], what: string): Error {
  return new Error(`image ${id} was accepted by account(s) ${accounts.join(", ")}: ${what} only after they reject it (the recipient's side), then run again`);
}

/** Shares with the added recipients and unshares the removed ones (refusing, before any call, to unshare an accepted offer). */
async function syncShares(ctx: HandlerContext, regionID: string, id: string, wanted: readonly string[]): Promise<void> {
  const current = await sharesOf(ctx, regionID, id);
  const removed = [...current.keys()].filter((account) => !wanted.includes(account));
  const accepted = removed.filter((account) => current.get(account) === "accepted");
  if (accepted.length > 0) throw acceptedError(id, accepted, "they can be removed from sharedWith");
  for (const account of wanted.filter((a) => !current.has(a))) await ctx.client.send(ShareImage, { imageID: id, regionID, destinationAccountID: account });
  if (removed.length > 0) await ctx.client.send(UnshareImage, { imageID: id, regionID, destinationAccountID: removed.join(",") });
}

async function sendCreate(ctx: HandlerContext, args: ImageInputs): Promise<string> {
  const regionID = args.regionId;
  const common = { imageName: args.name, regionID, ...(args.description !== undefined ? { description: args.description } : {}), ...(args.projectId ? { projectID: args.projectId } : {}) };
  const source = args.instanceId ?? args.instanceSnapshotId ?? "";
  try {
    const answer =
      args.instanceId !== undefined ? await ctx.client.send(CreateImage, { ...common, instanceID: args.instanceId }) : await ctx.client.send(CreateImageFromEcsSnapshot, { ...common, snapshotID: source });
    const id = answer.images[0]?.imageID;
    if (!id) throw new Error(`the image create answered without the new image for ${args.name}`);
    return id;
  } catch (error) {
    if (!isServiceError(error)) throw error;
    // Refused: the name may be taken by this create's own earlier attempt, or by another image.
    const existing = await privateImageNamed(ctx, regionID, args.name);
    if (!existing) throw error;
    if (existing.sourceServerID === source && mayBeOwnEarlierWork(ctx, error)) return existing.imageID;
    throw new Error(`a private image named ${args.name} already exists in region ${regionID} (${existing.imageID}): choose another name, or manage it with adoptId "${existing.imageID}"`);
  }
}

export const imageSpec = defineResource({
  type: "Image",
  inputs,
  outputs: { imageId: true, status: true, osType: true, osDistro: true, osVersion: true, architecture: true, diskSizeGb: true, createTime: true },
  createOnly: ["instanceId", "instanceSnapshotId", "regionId", "projectId"],
  settingDefaults: { regionId: "regionId", projectId: "projectId" },
  autoName: { property: "name", maxLength: 32, mustStartWithLetter: true, allowedCharacters: "0-9a-zA-Z-" },
  unorderedInputs: ["sharedWith"],
  notFoundCodes: [IMAGE_NOT_FOUND],
  timeouts: { create: 60 * 60_000, update: 10 * 60_000, delete: 15 * 60_000 },
  idOutput: "imageId",

  crossCheck(args, known, _olds, given): CheckFailure[] {
    if (given("instanceId") === given("instanceSnapshotId")) {
      return [{ property: "instanceId", reason: "set exactly one of instanceId (a stopped instance's system disk) and instanceSnapshotId (an instance snapshot's system disk)" }];
    }
    return known("instanceId") && known("instanceSnapshotId") && args.instanceId !== undefined && args.instanceSnapshotId !== undefined ? [{ property: "instanceId", reason: "conflicts with instanceSnapshotId" }] : [];
  },

  async create(ctx, args: ImageInputs) {
    const id = await sendCreate(ctx, args);
    ctx.created(id, { imageId: id });
    ctx.progress(`making image ${args.name} (${id})`);
    const image = await waitActive(ctx, args.regionId, id);
    if (args.sharedWith !== undefined && args.sharedWith.length > 0) await syncShares(ctx, args.regionId, id, args.sharedWith);
    return { id, outputs: outputsOf(image) };
  },

  async read(ctx, id, state: Props) {
    const regionID = state["regionId"] as string;
    const image = await describe(ctx, regionID, id);
    if (!image || statusOf(image) === "deleting") return undefined;
    const fromSnapshot = image.imageSource === "snapshot";
    const recipients = [...(await sharesOf(ctx, regionID, id)).keys()];
    const order = (state["sharedWith"] as string[] | undefined) ?? [];
    const rank = (a: string) => (order.includes(a) ? order.indexOf(a) : Number.MAX_SAFE_INTEGER);
    return {
      inputs: {
        name: image.imageName,
        description: image.description ? image.description : undefined,
        ...(fromSnapshot ? { instanceSnapshotId: image.sourceServerID ?? undefined } : { instanceId: image.sourceServerID ?? undefined }),
        sharedWith: recipients.length === 0 && state["sharedWith"] === undefined ? undefined : recipients.sort((a, b) => rank(a) - rank(b)),
      },
      outputs: outputsOf(image),
    };
  },

  async update(ctx, id, _olds, news: ImageInputs) {
    const regionID = news.regionId;
    // Also finishes a partial create: wait until the image can be changed.
    const current = await waitActive(ctx, regionID, id);
    const description = news.description ?? "";
    if (current.imageName !== news.name || (current.description ?? "") !== description) {
      await ctx.client.send(UpdateImage, { imageID: id, regionID, ...(current.imageName !== news.name ? { imageName: news.name } : {}), ...((current.description ?? "") !== description ? { description } : {}) });
    }
    await syncShares(ctx, regionID, id, news.sharedWith ?? []);
    return outputsOf((await describe(ctx, regionID, id)) ?? current);
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    const image = await describe(ctx, regionID, id);
    if (!image) return;
    if (statusOf(image) === "queued") await waitActive(ctx, regionID, id).catch(() => undefined);
    if (statusOf(image) !== "deleting") {
      const accepted = [...(await sharesOf(ctx, regionID, id)).entries()].filter(([, status]) => status === "accepted").map(([account]) => account);
      if (accepted.length > 0) throw acceptedError(id, accepted, "it can be deleted");
      // Refused while something holds it (an instance being created from it), whatever the code: once more, then the cloud's reason.
      await retryWhileHeld(ctx, `image ${id} to be deleted`, () => ctx.client.send(DeleteImage, { imageID: id, regionID }), async () => []);
    }
    await waitUntilGone(ctx, `image ${id}`, async () => (await describe(ctx, regionID, id)) !== undefined, [IMAGE_NOT_FOUND]);
  },
});
