/**
 * Catalog operations (spec D.12): parse the request, ask the backend, shape the returnObj with the
 * exact JSON types CTyun clients decode into (spec C.3). Image reads are the image service's.
 */
import { z } from "zod";
import { defineRoute } from "../route";
import { optionalText } from "../shared/fields";
import type { RouteDefinition } from "../types";
import { CatalogBackend } from "./backend";
import type { RegionRecord } from "./records";
import { flavorView } from "./views";

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
const flavorListSchema = z.object({
  azName: optionalText,
  flavorType: optionalText,
  flavorName: optionalText,
  flavorCPU: optionalInt,
  flavorRAM: optionalInt,
  flavorArch: optionalText,
  flavorSeries: optionalText,
  flavorID: optionalText,
});

const listRegions = defineRoute({
  method: "GET", path: "/v4/region/list-regions", operation: "ListRegions", service: "ctecs", region: "none",
  input: z.object({ regionName: optionalText }),
  handle(ctx, { input }) {
    const regions = new CatalogBackend(ctx).regions(input.regionName === "" ? undefined : input.regionName);
    return { regionList: regions.map(regionView) };
  },
});

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

const getZones = defineRoute({
  method: "GET", path: "/v4/region/get-zones", operation: "GetZones", service: "ctecs",
  input: z.object({}),
  handle(_ctx, { region }) {
    return { zoneList: region.zones.map((zone) => ({ name: zone.name, azDisplayName: zone.azDisplayName })) };
  },
});

const listFlavors = defineRoute({
  method: "POST", path: "/v4/ecs/flavor/list", operation: "ListFlavors", service: "ctecs",
  input: flavorListSchema,
  handle(ctx, { input, region }) {
    return { flavorList: new CatalogBackend(ctx).flavors(region, input).map(flavorView) };
  },
});

export const CATALOG_ROUTES: readonly RouteDefinition[] = [listRegions, getZones, listFlavors];
