/** Writes the catalog (data.ts) into the store; inserts only what is missing, so it is restart-safe. */
import type { EngineContext } from "../../engine/context";
import { CATALOG_PUBLISHED_AT, catalogUuid, FLAVOR_SERIES, PUBLIC_IMAGES, REGIONS, SERIES_ZONES, SOLD_OUT, type FlavorSeriesSpec, type PublicImageSpec } from "./data";
import { FLAVOR_KIND, IMAGE_KIND, REGION_KIND, type FlavorRecord, type ImageRecord, type RegionRecord } from "./records";

export function seedCatalog(ctx: EngineContext): void {
  const regions = ctx.store.collection<RegionRecord>(REGION_KIND);
  const flavors = ctx.store.collection<FlavorRecord>(FLAVOR_KIND);
  const images = ctx.store.collection<ImageRecord>(IMAGE_KIND);
  for (const region of REGIONS) {
    if (!regions.has(region.regionID, region.regionID)) regions.insert(region.regionID, region.regionID, region);
    for (const series of FLAVOR_SERIES) {
      for (const flavor of flavorsOf(region, series)) {
        if (!flavors.has(region.regionID, flavor.flavorID)) flavors.insert(region.regionID, flavor.flavorID, flavor);
      }
    }
    for (const spec of PUBLIC_IMAGES) {
      const image = publicImage(region, spec);
      if (!images.has(region.regionID, image.imageID)) images.insert(region.regionID, image.imageID, image);
    }
  }
}

function flavorsOf(region: RegionRecord, series: FlavorSeriesSpec): FlavorRecord[] {
  const zoneIndexes = SERIES_ZONES[region.regionID]?.[series.series];
  const azList = region.zones.filter((_, index) => zoneIndexes === undefined || zoneIndexes.includes(index)).map((zone) => zone.name);
  return series.sizes.map(([size, cpu, ram]) => {
    const flavorName = `${series.series}${series.generation}.${size}.${ram / cpu}`;
    return {
      flavorID: catalogUuid(`flavor/${region.regionID}/${flavorName}`),
      flavorName,
      flavorCPU: cpu,
      flavorRAM: ram,
      flavorType: `CPU_${series.series.toUpperCase()}${series.generation}`,
      flavorSeries: series.series,
      flavorSeriesName: series.seriesName,
      flavorArch: "x86",
      cpuInfo: series.cpuInfo,
      // Bandwidth grows with size; fractional base bandwidth is realistic and allowed (float64, spec C.3).
      baseBandwidth: Math.min(0.5 * cpu, 10) + (series.series === "c" ? 0.5 : 0),
      bandwidth: Math.min(2 * cpu, 25),
      pps: Math.min(20 * cpu, 300),
      nicMultiQueue: Math.min(cpu, 8),
      gpuType: "",
      gpuCount: 0,
      gpuVendor: "",
      videoMemSize: 0,
      available: !SOLD_OUT.has(`${region.regionID}/${flavorName}`),
      azList,
    };
  });
}

function publicImage(region: RegionRecord, spec: PublicImageSpec): ImageRecord {
  return {
    architecture: spec.architecture,
    azName: "",
    bootMode: spec.bootMode,
    containerFormat: "bare",
    createdTime: CATALOG_PUBLISHED_AT,
    description: spec.description,
    destinationUser: "",
    diskFormat: "qcow2",
    diskID: "",
    diskSize: spec.diskSize,
    imageClass: "BASE",
    imageID: catalogUuid(`image/${region.regionID}/${spec.key}`),
    imageName: spec.imageName,
    imageType: "",
    maximumRAM: 0,
    minimumRAM: spec.minimumRAM,
    osDistro: spec.osDistro,
    osType: spec.osType,
    osVersion: spec.osVersion,
    projectID: "0",
    sharedListLength: 0,
    size: spec.sizeBytes,
    sourceServerID: "",
    sourceUser: "",
    status: "active",
    tags: "",
    updatedTime: CATALOG_PUBLISHED_AT,
    visibility: "public",
  };
}
