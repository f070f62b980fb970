/**
 * Private image operations (host `ctimage`, emulator/api-notes/image.md), field names as py
 * ctyunsdk_image20220909 declares them. Reads (detail, list) are in catalog.ts. Creates answer the
 * new image in `images[0]` and take no clientToken, but private image names are unique in the
 * account (py), so a repeat is refused and the caller finds its image by name.
 */
import { z } from "zod";
import { defineOperation } from "../operation";
import { imageRecord } from "./catalog";

const created = z.looseObject({ images: z.array(imageRecord).nullish().transform((v) => v ?? []) });

const imageOptions = {
  imageName: z.string(),
  regionID: z.string(),
  description: z.string().optional(),
  projectID: z.string().optional(),
};

/** From a (stopped) VM's system disk. */
export const CreateImage = defineOperation({
  name: "CreateImage",
  service: "ctimage",
  method: "POST",
  path: "/v4/image/create",
  input: z.object({ ...imageOptions, instanceID: z.string() }),
  output: created,
  idempotent: true,
});

/** From an instance snapshot's system disk (multi-AZ regions). */
export const CreateImageFromEcsSnapshot = defineOperation({
  name: "CreateImageFromEcsSnapshot",
  service: "ctimage",
  method: "POST",
  path: "/v4/image/create-from-ecs-snapshot",
  input: z.object({ ...imageOptions, snapshotID: z.string() }),
  output: created,
  idempotent: true,
});

/** Name and description of an active private image; an empty description clears it. */
export const UpdateImage = defineOperation({
  name: "UpdateImage",
  service: "ctimage",
  method: "POST",
  path: "/v4/image/update",
  input: z.object({ imageID: z.string(), regionID: z.string(), imageName: z.string().optional(), description: z.string().optional() }),
  output: z.unknown(),
  idempotent: true,
});

export const DeleteImage = defineOperation({
  name: "DeleteImage",
  service: "ctimage",
  method: "POST",
  path: "/v4/image/delete",
  input: z.object({ imageID: z.string(), regionID: z.string() }),
  output: z.unknown(),
  idempotent: true,
});

export const ShareImage = defineOperation({
  name: "ShareImage",
  service: "ctimage",
  method: "POST",
  path: "/v4/image/shared-image/create",
  input: z.object({ imageID: z.string(), regionID: z.string(), destinationAccountID: z.string() }),
  output: z.unknown(),
  idempotent: true,
});

/** `destinationAccountID` is a comma list (at most 50). */
export const UnshareImage = defineOperation({
  name: "UnshareImage",
  service: "ctimage",
  method: "POST",
  path: "/v4/image/shared-image/delete",
  input: z.object({ imageID: z.string(), regionID: z.string(), destinationAccountID: z.string() }),
  output: z.unknown(),
  idempotent: true,
});

/** One entry per recipient: `destinationAccountID` and the offer's `status` (`waiting`, `accepted`, `rejected`). */
export const ShowImageShares = defineOperation({
  name: "ShowImageShares",
  service: "ctimage",
  method: "GET",
  path: "/v4/image/show-shared-list",
  // py types the page fields as strings.
  input: z.object({ imageID: z.string(), regionID: z.string(), pageNo: z.string().optional(), pageSize: z.string().optional() }),
  output: z.looseObject({
    images: z
      .array(z.looseObject({ destinationAccountID: z.string().nullish(), destinationUser: z.string().nullish(), status: z.string().nullish() }))
      .nullish()
      .transform((v) => v ?? []),
    totalCount: z.number().int().nullish(),
  }),
  idempotent: true,
});
