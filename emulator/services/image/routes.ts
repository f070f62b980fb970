/**
 * Image operations (host `ctimage`, api-notes/image.md): detail and list of public, private and
 * shared images (moved here from the catalog service, which keeps the public images), and making,
 * changing and deleting private ones.
 */
import { z } from "zod";
import type { Params } from "../params";
import { defineRoute } from "../route";
import { flag, optionalText, requiredId } from "../shared/fields";
import { listResult, paginate, readPaging } from "../shared/paging";
import type { OperationContext, RouteDefinition } from "../types";
import { ImageBackend } from "./backend";
import { ImageCreation } from "./creation";
import { imageView } from "./views";

/** Optional non-negative integer as a JSON number or query text; 0 or empty = unset. */
const optionalInt = z
  .union([z.number(), z.string().regex(/^\d*$/, "must be a non-negative integer")])
  .optional()
  .transform((value) => (value === undefined || value === "" || Number(value) === 0 ? undefined : Number(value)));

const listSchema = z.object({
  azName: optionalText,
  flavorName: optionalText,
  queryContent: optionalText,
  imageName: optionalText,
  visibility: optionalInt,
  imageVisibilityCode: optionalInt,
  status: optionalText,
});

/** Absent means public (the API default); TF and Go send `visibility` (0 = private), py `imageVisibilityCode`. */
function visibilityCode(params: Params, query: { visibility?: number | undefined; imageVisibilityCode?: number | undefined }): number {
  if (params["visibility"] !== undefined && params["visibility"] !== "") return query.visibility ?? 0;
  if (params["imageVisibilityCode"] !== undefined && params["imageVisibilityCode"] !== "") return query.imageVisibilityCode ?? 0;
  return 1;
}

const detail = defineRoute({
  method: "GET", path: "/v4/image/detail", operation: "DescribeImage", service: "ctimage",
  input: z.object({ imageID: z.string().default("") }),
  handle(ctx, { input, region }) {
    const backend = new ImageBackend(ctx);
    backend.observe(input.imageID);
    const image = backend.require(region.regionID, input.imageID, true);
    return { images: [imageView(image, backend.sharesOf(region.regionID, image.imageID))] };
  },
});

const list = defineRoute({
  method: "GET", path: "/v4/image/list", operation: "ListImages", service: "ctimage",
  input: listSchema,
  handle(ctx, { input, region, params }) {
    const paging = readPaging(params);
    const code = visibilityCode(params, input);
    const backend = new ImageBackend(ctx);
    // Listing private images counts as a poll of each (as list-ebs-snap does for snapshots).
    if (code === 0) for (const image of backend.listPrivate(region.regionID, input)) backend.observe(image.imageID);
    // Private images are the account's; nothing is shared with the emulator's one account (2 → empty).
    const page =
      code === 0
        ? paginate(backend.listPrivate(region.regionID, input), paging)
        : code === 2
          ? paginate([], paging)
          : ctx.backend("catalog").images(region, { visibility: code, queryContent: input.queryContent, azName: input.azName, flavorName: input.flavorName, paging });
    return { ...listResult("images", page, (image) => imageView(image, backend.sharesOf(region.regionID, image.imageID))), currentPage: paging.pageNo, pageNo: paging.pageNo, pageSize: paging.pageSize };
  },
});

const options = {
  imageName: z.string({ error: "imageName is required" }),
  description: optionalText,
  minimumRAM: z.number().int().optional(),
  maximumRAM: z.number().int().optional(),
  enableImageIntegrityCheck: flag,
  projectID: optionalText,
  labels: z.array(z.object({ labelKey: z.string(), labelValue: z.string() })).max(10).optional(),
};

/** Every create answers `images[]` with the one new image (py: "should contain 1 image"). */
function created(ctx: OperationContext, regionId: string, imageID: string): { images: unknown[] } {
  return { images: [imageView(new ImageBackend(ctx).require(regionId, imageID), [])] };
}

const create = defineRoute({
  method: "POST", path: "/v4/image/create", operation: "CreateImage", service: "ctimage",
  input: z.object({ instanceID: requiredId, ...options }),
  handle(ctx, { input, region }) {
    return created(ctx, region.regionID, new ImageCreation(ctx).fromInstance(region, input.instanceID, input).imageID);
  },
});

const createFromSnapshot = defineRoute({
  method: "POST", path: "/v4/image/create-from-ecs-snapshot", operation: "CreateImageFromEcsSnapshot", service: "ctimage",
  input: z.object({ snapshotID: requiredId, ...options }),
  handle(ctx, { input, region }) {
    return created(ctx, region.regionID, new ImageCreation(ctx).fromSnapshot(region, input.snapshotID, input).imageID);
  },
});

const update = defineRoute({
  method: "POST", path: "/v4/image/update", operation: "UpdateImage", service: "ctimage",
  input: z.object({ imageID: requiredId, imageName: optionalText, description: optionalText, bootMode: optionalText, maximumRAM: z.number().int().optional(), minimumRAM: z.number().int().optional() }),
  handle(ctx, { input, region }) {
    new ImageCreation(ctx).update(region.regionID, input.imageID, input);
    return {};
  },
});

const remove = defineRoute({
  method: "POST", path: "/v4/image/delete", operation: "DeleteImage", service: "ctimage",
  input: z.object({ imageID: requiredId }),
  handle(ctx, { input, region }) {
    new ImageCreation(ctx).delete(region.regionID, input.imageID);
    return {};
  },
});

export const IMAGE_ROUTES: readonly RouteDefinition[] = [detail, list, create, createFromSnapshot, update, remove];
