/**
 * Catalog rules: filtering, zone checks, paging. Routes (routes.ts) only parse input and shape output.
 */
import { InvalidParameterError, NotFoundError } from "../../errors";
import type { EngineContext } from "../../engine/context";
import { paginate, type Page, type Paging } from "../shared/paging";
import { REGION_KIND, requireZone, type RegionRecord, type ZoneRecord } from "../shared/region";
import { FLAVOR_KIND, IMAGE_KIND, IMAGE_VISIBILITIES, type FlavorRecord, type ImageRecord, type ImageVisibility } from "./records";

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
  constructor(private readonly ctx: Pick<EngineContext, "store">) {}

  regions(nameContains?: string): RegionRecord[] {
    const all = this.ctx.store.collection<RegionRecord>(REGION_KIND).all().map((entry) => entry.data);
    return nameContains ? all.filter((region) => region.regionName.includes(nameContains)) : all;
  }

  zones(region: RegionRecord): readonly ZoneRecord[] {
    return region.zones;
  }

  flavors(region: RegionRecord, filter: FlavorFilter): FlavorRecord[] {
    if (filter.azName) requireZone(region, filter.azName);
    return this.ctx.store.collection<FlavorRecord>(FLAVOR_KIND).find(region.regionID, (flavor) =>
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

  image(region: RegionRecord, imageID: string): ImageRecord {
    const image = this.ctx.store.collection<ImageRecord>(IMAGE_KIND).get(region.regionID, imageID);
    if (!image) throw new NotFoundError(IMAGE_NOT_FOUND_CODE, `image ${imageID} not found`, { description: "镜像不存在" });
    return image;
  }

  images(region: RegionRecord, query: ImageQuery): Page<ImageRecord> {
    const visibility = visibilityName(query.visibility);
    if (query.azName) requireZone(region, query.azName);
    let minimumRamOfFlavor: number | undefined;
    if (query.flavorName) {
      const flavor = this.flavors(region, { flavorName: query.flavorName })[0];
      if (!flavor) throw new InvalidParameterError(`flavorName ${query.flavorName} does not exist in region ${region.regionID}`);
      minimumRamOfFlavor = flavor.flavorRAM;
    }
    const needle = query.queryContent?.toLowerCase();
    const matching = this.ctx.store.collection<ImageRecord>(IMAGE_KIND).find(region.regionID, (image) =>
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
