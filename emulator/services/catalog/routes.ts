/**
 * Catalog operations (spec D.12): parse the request, ask the backend, shape the returnObj with the
 * exact JSON types CTyun clients decode into (spec C.3).
 */
import { z } from "zod";
import { parseInput } from "../../validation";
import { requireRegion, type RegionRecord } from "../shared/region";
import type { OperationContext, RouteDefinition } from "../types";
import { listResult, readPaging } from "../shared/paging";
import { CatalogBackend } from "./backend";
import { flavorView, imageView } from "./views";

/** Optional non-negative integer given as a JSON number or (in queries) a numeric string; 0 = unset. */
const optionalInt = z
  .union([z.number(), z.string().regex(/^\d*$/)])
  .optional()
  .transform((value, issue) => {
    if (value === undefined || value === "") return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) {
      issue.addIssue({ code: "custom", message: "must be a non-negative integer" });
      return z.NEVER;
    }
    return n === 0 ? undefined : n;
  });
const optionalText = z.string().optional();

const flavorListSchema = z.object({
  regionID: z.string(),
  azName: optionalText,
  flavorType: optionalText,
  flavorName: optionalText,
  flavorCPU: optionalInt,
  flavorRAM: optionalInt,
  flavorArch: optionalText,
  flavorSeries: optionalText,
  flavorID: optionalText,
});

const imageListSchema = z.object({
  azName: optionalText,
  flavorName: optionalText,
  queryContent: optionalText,
  visibility: optionalInt,
  imageVisibilityCode: optionalInt,
  status: optionalText,
});

export const CATALOG_ROUTES: readonly RouteDefinition[] = [
  { method: "GET", path: "/v4/region/list-regions", operation: "ListRegions", service: "ctecs", handler: listRegions },
  { method: "GET", path: "/v4/region/get-zones", operation: "GetZones", service: "ctecs", handler: getZones },
  { method: "POST", path: "/v4/ecs/flavor/list", operation: "ListFlavors", service: "ctecs", handler: listFlavors },
  { method: "GET", path: "/v4/image/detail", operation: "DescribeImage", service: "ctimage", handler: describeImage },
  { method: "GET", path: "/v4/image/list", operation: "ListImages", service: "ctimage", handler: listImages },
];

function listRegions(ctx: OperationContext): unknown {
  const regionName = ctx.query.get("regionName");
  const regions = new CatalogBackend(ctx).regions(regionName === "" ? undefined : regionName);
  return { regionList: regions.map(regionView) };
}

function regionView(region: RegionRecord): unknown {
  return {
    regionID: region.regionID,
    regionName: region.regionName,
    regionParent: region.regionParent,
    regionType: region.regionType,
    isMultiZones: region.isMultiZones,
    zoneList: region.zones.map((zone) => zone.name),
  };
}

function getZones(ctx: OperationContext): unknown {
  const region = requireRegion(ctx, ctx.query.get("regionID"));
  return { zoneList: new CatalogBackend(ctx).zones(region).map((zone) => ({ name: zone.name, azDisplayName: zone.azDisplayName })) };
}

function listFlavors(ctx: OperationContext): unknown {
  const input = ctx.input();
  const region = requireRegion(ctx, input["regionID"]);
  const { regionID: _regionID, ...filter } = parseInput(flavorListSchema, input);
  return { flavorList: new CatalogBackend(ctx).flavors(region, filter).map(flavorView) };
}

function describeImage(ctx: OperationContext): unknown {
  const region = requireRegion(ctx, ctx.query.get("regionID"));
  const imageID = ctx.query.get("imageID") ?? "";
  return { images: [imageView(new CatalogBackend(ctx).image(region, imageID))] };
}

function listImages(ctx: OperationContext): unknown {
  const input = ctx.input();
  const region = requireRegion(ctx, input["regionID"]);
  const query = parseInput(imageListSchema, input);
  const paging = readPaging(input);
  const page = new CatalogBackend(ctx).images(region, {
    // Absent means public (the API default); TF and the Go SDK send `visibility`, where 0 means
    // private; the Python SDK v2 spells it `imageVisibilityCode`.
    visibility: visibilityCode(input, query),
    queryContent: query.queryContent,
    azName: query.azName,
    flavorName: query.flavorName,
    paging,
  });
  return { ...listResult("images", page, imageView), currentPage: paging.pageNo, pageNo: paging.pageNo, pageSize: paging.pageSize };
}

function visibilityCode(input: Record<string, unknown>, query: { visibility?: number | undefined; imageVisibilityCode?: number | undefined }): number {
  if (input["visibility"] !== undefined && input["visibility"] !== "") return query.visibility ?? 0;
  if (input["imageVisibilityCode"] !== undefined && input["imageVisibilityCode"] !== "") return query.imageVisibilityCode ?? 0;
  return 1;
}
