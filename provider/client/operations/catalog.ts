/**
 * Catalog reads (spec D.12): flavors (ctecs host) and images (ctimage host), used for the checks
 * the cloud's create APIs lack or answer vaguely (does this flavor exist and sell in this zone?).
 */
import { z } from "zod";
import { defineOperation } from "../operation";

export const flavorRecord = z.looseObject({
  flavorID: z.string(),
  flavorName: z.string(),
  flavorCPU: z.number().int(),
  flavorRAM: z.number().int(),
  flavorType: z.string().nullish(),
  flavorSeries: z.string().nullish(),
  available: z.boolean().nullish(),
  azList: z.array(z.string()).nullish(),
});

/** `POST /v4/ecs/flavor/list`: every filter is optional (omitted when empty). */
export const ListFlavors = defineOperation({
  name: "ListFlavors",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/flavor/list",
  input: z.object({
    regionID: z.string(),
    azName: z.string().optional(),
    flavorID: z.string().optional(),
    flavorName: z.string().optional(),
    flavorType: z.string().optional(),
    flavorSeries: z.string().optional(),
    flavorCPU: z.number().int().optional(),
    flavorRAM: z.number().int().optional(),
  }),
  output: z.looseObject({ flavorList: z.array(flavorRecord).nullish().transform((v) => v ?? []) }),
  idempotent: true,
});

export const imageRecord = z.looseObject({
  imageID: z.string(),
  imageName: z.string(),
  /** `private|public|shared|safe|app` (spec C.3). */
  visibility: z.string(),
  /** A string here (`linux`/`windows`), unlike ECS's integer. */
  osType: z.string().nullish(),
  status: z.string().nullish(),
  diskSize: z.number().int().nullish(),
  minimumRAM: z.number().int().nullish(),
});

/** `GET /v4/image/detail`: `images` holds the one image; unknown → `Image.ImageCheck.NotFound`. */
export const DescribeImage = defineOperation({
  name: "DescribeImage",
  service: "ctimage",
  method: "GET",
  path: "/v4/image/detail",
  input: z.object({ regionID: z.string(), imageID: z.string() }),
  output: z.looseObject({ images: z.array(imageRecord).nullish().transform((v) => v ?? []) }),
  idempotent: true,
});

export const IMAGE_NOT_FOUND = "Image.ImageCheck.NotFound";

/** create-instance's `imageType` for each image visibility (TF's mapping, spec D.7 step 2). */
export const IMAGE_TYPE_CODES: Readonly<Record<string, number>> = { private: 0, public: 1, shared: 2, safe: 3, app: 4 };
