/**
 * Catalog reads (spec D.12): regions, zones and flavors (ctecs host) and images (ctimage host), for
 * the lookups and for the checks the cloud's create APIs lack or answer vaguely (does this flavor
 * exist and sell in this zone?). Shapes: api-notes/catalog.md.
 */
import { z } from "zod";
import { defineOperation } from "../operation";

/** `GET /v4/region/list-regions`: optional `regionName` substring filter; not paged. */
export const ListRegions = defineOperation({
  name: "ListRegions",
  service: "ctecs",
  method: "GET",
  path: "/v4/region/list-regions",
  input: z.object({ regionName: z.string().optional() }),
  output: z.looseObject({
    regionList: z
      .array(
        z.looseObject({
          regionID: z.string(),
          regionName: z.string().nullish(),
          regionParent: z.string().nullish(),
          regionType: z.string().nullish(),
          isMultiZones: z.boolean().nullish(),
          zoneList: z.array(z.string()).nullish(),
        }),
      )
      .nullish()
      .transform((v) => v ?? []),
  }),
  idempotent: true,
});

/** `GET /v4/region/get-zones`: the region's availability zones. */
export const GetZones = defineOperation({
  name: "GetZones",
  service: "ctecs",
  method: "GET",
  path: "/v4/region/get-zones",
  input: z.object({ regionID: z.string() }),
  output: z.looseObject({
    zoneList: z
      .array(z.looseObject({ name: z.string(), azDisplayName: z.string().nullish() }))
      .nullish()
      .transform((v) => v ?? []),
  }),
  idempotent: true,
});

export const flavorRecord = z.looseObject({
  flavorID: z.string(),
  flavorName: z.string(),
  flavorCPU: z.number().int(),
  flavorRAM: z.number().int(),
  flavorType: z.string().nullish(),
  flavorSeries: z.string().nullish(),
  flavorSeriesName: z.string().nullish(),
  cpuInfo: z.string().nullish(),
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
    flavorArch: z.string().optional(),
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
  architecture: z.string().nullish(),
  osDistro: z.string().nullish(),
  osVersion: z.string().nullish(),
  imageDisplayName: z.string().nullish(),
  description: z.string().nullish(),
  /** The same word as `status` (TF's newer layer reads this one). */
  imageStatus: z.string().nullish(),
  /** Private images: where they came from (`cloud_server`, `snapshot`) and the VM or snapshot. */
  imageSource: z.string().nullish(),
  sourceServerID: z.string().nullish(),
  projectID: z.string().nullish(),
  createdTime: z.number().nullish(),
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

/**
 * `GET /v4/image/list`: by visibility (an integer: 0 private, 1 public, 2 shared, 3 safe, 4 app),
 * sent both as `visibility` (Go, TF) and `imageVisibilityCode` (py); `pageSize` at most 50.
 */
export const ListImages = defineOperation({
  name: "ListImages",
  service: "ctimage",
  method: "GET",
  path: "/v4/image/list",
  input: z.object({
    regionID: z.string(),
    azName: z.string().optional(),
    visibility: z.number().int().optional(),
    imageVisibilityCode: z.number().int().optional(),
    queryContent: z.string().optional(),
    pageNo: z.number().int().positive().optional(),
    pageSize: z.number().int().min(1).max(50).optional(),
  }),
  output: z.looseObject({
    images: z.array(imageRecord).nullish().transform((v) => v ?? []),
    totalCount: z.number().int().nullish(),
  }),
  idempotent: true,
});

/** The list API's visibility codes (api-notes/catalog.md). */
export const IMAGE_VISIBILITY_CODES = { private: 0, public: 1, shared: 2, safe: 3, app: 4 } as const;

export const IMAGE_NOT_FOUND = "Image.ImageCheck.NotFound";

/** create-instance's `imageType` for each image visibility (TF's mapping, spec D.7 step 2). */
export const IMAGE_TYPE_CODES: Readonly<Record<string, number>> = { private: 0, public: 1, shared: 2, safe: 3, app: 4 };
