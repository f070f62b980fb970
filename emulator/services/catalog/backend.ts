/**
 * The catalog's public API: regions and zones (every route's region check comes here), flavors and
 * public images. Routes (routes.ts) only parse input and shape output; other services use this
 * through `ctx.backend("catalog")`.
 */
import { InvalidParameterError, NotFoundError, RegionNotFoundError } from "../../errors";
import type { EngineContext } from "../../engine/context";
import { paginate, type Page, type Paging } from "../shared/paging";
import { FLAVOR_KIND, IMAGE_KIND, IMAGE_VISIBILITIES, REGION_KIND, type FlavorRecord, type ImageRecord, type ImageVisibility, type RegionRecord, type ZoneRecord } from "./records";

declare module "../../engine/backends" {
  interface Backends {
    catalog: CatalogBackend;
  }
}

export const IMAGE_NOT_FOUND_CODE = "Image.ImageCheck.NotFound";

export interface FlavorFilter {
  readonly azName?: string | undefined;
  readonly flavorType?: string | undefined;
  readonly flavorName?: string | undefined;
  readonly flavorCPU?: number | undefined;
  readonly flavorRAM?: number | undefined;
  readonly flavorArch?: string | undefined;
  readonly flavorSeries?: string | undefined;
  readonly flavorID?: string | undefined;
}

export interface ImageQuery {
  /** 0 private, 1 public, 2 shared, 3 safe, 4 app (the list API's integer codes). */
  readonly visibility: number;
  readonly queryContent?: string | undefined;
  readonly azName?: string | undefined;
  readonly flavorName?: string | undefined;
  readonly paging: Paging;
}

export class CatalogBackend {
  constructor(private readonly ctx: EngineContext) {}

  private get regionStore() {
    return this.ctx.store.collection<RegionRecord>(REGION_KIND);
  }

  private get flavorStore() {
    return this.ctx.store.collection<FlavorRecord>(FLAVOR_KIND);
  }

  private get imageStore() {
    return this.ctx.store.collection<ImageRecord>(IMAGE_KIND);
  }

  regions(nameContains?: string): RegionRecord[] {
    const all = this.regionStore.all().map((entry) => entry.data);
    return nameContains ? all.filter((region) => region.regionName.includes(nameContains)) : all;
  }

  /** The region (资源池) check of every API: missing → `Openapi.Parameter.Invalid`, unknown → `Unknown.Region.RegionIDError` (spec C.1). */
  requireRegion(regionID: unknown): RegionRecord {
    if (typeof regionID !== "string" || regionID === "") throw new InvalidParameterError("regionID is required");
    // Regions are stored under their own id as the owning region.
    const region = this.regionStore.get(regionID, regionID);
    if (!region) throw new RegionNotFoundError(regionID);
    return region;
  }

  /**
   * Checks an availability-zone name against the region. In a single-AZ region the only zone is
   * `default`, and an empty name means it too. Throws `Openapi.Parameter.Invalid` otherwise.
   */
  requireZone(region: RegionRecord, azName: unknown): ZoneRecord {
    const name = typeof azName === "string" ? azName : "";
    if (name === "" && !region.isMultiZones && region.zones[0]) return region.zones[0];
    const zone = region.zones.find((candidate) => candidate.name === name);
    if (!zone) throw new InvalidParameterError(`azName ${name === "" ? "(empty)" : name} is not a zone of region ${region.regionID}`);
    return zone;
  }

  flavors(region: RegionRecord, filter: FlavorFilter): FlavorRecord[] {
    if (filter.azName) this.requireZone(region, filter.azName);
    return this.flavorStore.find(region.regionID, (flavor) =>
      (!filter.azName || flavor.azList.includes(filter.azName)) &&
      (!filter.flavorType || flavor.flavorType === filter.flavorType) &&
      (!filter.flavorName || flavor.flavorName === filter.flavorName) &&
      (!filter.flavorCPU || flavor.flavorCPU === filter.flavorCPU) &&
      (!filter.flavorRAM || flavor.flavorRAM === filter.flavorRAM) &&
      (!filter.flavorArch || flavor.flavorArch === filter.flavorArch) &&
      (!filter.flavorSeries || flavor.flavorSeries === filter.flavorSeries) &&
      (!filter.flavorID || flavor.flavorID === filter.flavorID),
    );
  }

  /** A flavor by id, or undefined (the caller answers with its own product's code). */
  flavor(regionId: string, flavorID: string): FlavorRecord | undefined {
    return this.flavorStore.get(regionId, flavorID);
  }

  flavorNamed(regionId: string, flavorName: string): FlavorRecord | undefined {
    return this.flavorStore.findOne(regionId, (flavor) => flavor.flavorName === flavorName);
  }

  /** An image by id, or undefined. */
  findImage(regionId: string, imageID: string): ImageRecord | undefined {
    return this.imageStore.get(regionId, imageID);
  }

  /** The image, or `Image.ImageCheck.NotFound`. */
  image(regionId: string, imageID: string): ImageRecord {
    const image = this.findImage(regionId, imageID);
    if (!image) throw new NotFoundError(IMAGE_NOT_FOUND_CODE, `image ${imageID} not found`, { description: "镜像不存在" });
    return image;
  }

  images(region: RegionRecord, query: ImageQuery): Page<ImageRecord> {
    const visibility = visibilityName(query.visibility);
    if (query.azName) this.requireZone(region, query.azName);
    let minimumRamOfFlavor: number | undefined;
    if (query.flavorName) {
      const flavor = this.flavors(region, { flavorName: query.flavorName })[0];
      if (!flavor) throw new InvalidParameterError(`flavorName ${query.flavorName} does not exist in region ${region.regionID}`);
      minimumRamOfFlavor = flavor.flavorRAM;
    }
    const needle = query.queryContent?.toLowerCase();
    const matching = this.imageStore.find(region.regionID, (image) =>
      image.visibility === visibility &&
      (!needle || image.imageName.toLowerCase().includes(needle) || image.imageID === query.queryContent) &&
      (minimumRamOfFlavor === undefined || image.minimumRAM <= minimumRamOfFlavor),
    );
    return paginate(matching, query.paging);
  }
}

export function visibilityName(code: number): ImageVisibility {
  const name = IMAGE_VISIBILITIES[code];
  if (name === undefined) throw new InvalidParameterError(`visibility must be 0-4, got ${code}`);
  return name;
}
