/**
 * The region (资源池) check every service uses: an unknown `regionID` answers
 * `Unknown.Region.RegionIDError` (spec C.1). Regions are catalog data seeded by services/catalog.
 */
import type { EngineContext } from "../../engine/context";
import { InvalidParameterError, RegionNotFoundError } from "../../errors";

export const REGION_KIND = "region";

export interface ZoneRecord {
  /** `cn-huadong1-jsnj1A-public-ctcloud`, or `default` in a single-AZ region. */
  readonly name: string;
  readonly azDisplayName: string;
}

export interface RegionRecord {
  readonly regionID: string;
  readonly regionName: string;
  readonly regionParent: string;
  readonly regionType: string;
  readonly isMultiZones: boolean;
  readonly zones: readonly ZoneRecord[];
}

/** Returns the region or throws: missing → `Openapi.Parameter.Invalid`, unknown → `Unknown.Region.RegionIDError`. */
export function requireRegion(ctx: Pick<EngineContext, "store">, regionID: unknown): RegionRecord {
  if (typeof regionID !== "string" || regionID === "") throw new InvalidParameterError("regionID is required");
  // Regions are stored under their own id as the owning region.
  const region = ctx.store.collection<RegionRecord>(REGION_KIND).get(regionID, regionID);
  if (!region) throw new RegionNotFoundError(regionID);
  return region;
}

/**
 * Checks an availability-zone name against the region. In a single-AZ region the only zone is
 * `default`, and an empty name means it too. Throws `Openapi.Parameter.Invalid` otherwise.
 */
export function requireZone(region: RegionRecord, azName: unknown): ZoneRecord {
  const name = typeof azName === "string" ? azName : "";
  if (name === "" && !region.isMultiZones && region.zones[0]) return region.zones[0];
  const zone = region.zones.find((candidate) => candidate.name === name);
  if (!zone) throw new InvalidParameterError(`azName ${name === "" ? "(empty)" : name} is not a zone of region ${region.regionID}`);
  return zone;
}
