/**
 * The catalog's records (regions with their zones, flavors, public images), owned by the catalog
 * service, which seeds them; their shapes are what the APIs return (types per spec C.3).
 */

export const REGION_KIND = "region";
export const FLAVOR_KIND = "flavor";
export const IMAGE_KIND = "image";

/** Region ids bb9fdb42… and 81f77286… appear in CTyun sources (spec B.3); the third is invented. */
export const REGION_HUADONG1 = "bb9fdb42056f11eda1610242ac110002";
export const REGION_HUABEI2 = "81f7728662dd11ec810800155d307d5b";
export const REGION_XINAN1 = "3c5ee1fa8f3d11ee9b6a0242ac110005";

export interface ZoneRecord {
  /** `cn-huadong1-jsnj1A-public-ctcloud`, or `default` in a single-AZ region. */
  readonly name: string;
  readonly azDisplayName: string;
}

/** Stored under its own id as the owning region. */
export interface RegionRecord {
  readonly regionID: string;
  readonly regionName: string;
  readonly regionParent: string;
  readonly regionType: string;
  readonly isMultiZones: boolean;
  readonly zones: readonly ZoneRecord[];
}

export interface FlavorRecord {
  readonly flavorID: string;
  readonly flavorName: string;
  readonly flavorCPU: number;
  readonly flavorRAM: number;
  readonly flavorType: string;
  readonly flavorSeries: string;
  readonly flavorSeriesName: string;
  readonly flavorArch: string;
  readonly cpuInfo: string;
  readonly baseBandwidth: number;
  readonly bandwidth: number;
  readonly pps: number;
  readonly nicMultiQueue: number;
  readonly gpuType: string;
  readonly gpuCount: number;
  readonly gpuVendor: string;
  readonly videoMemSize: number;
  readonly available: boolean;
  readonly azList: readonly string[];
}

/** `visibility` values TF maps (spec C.3); anything else breaks ECS create. */
export const IMAGE_VISIBILITIES = ["private", "public", "shared", "safe", "app"] as const;
export type ImageVisibility = (typeof IMAGE_VISIBILITIES)[number];

export interface ImageRecord {
  readonly architecture: string;
  readonly azName: string;
  readonly bootMode: string;
  readonly containerFormat: string;
  readonly createdTime: number;
  readonly description: string;
  readonly destinationUser: string;
  readonly diskFormat: string;
  readonly diskID: string;
  readonly diskSize: number;
  readonly imageClass: string;
  readonly imageID: string;
  readonly imageName: string;
  readonly imageType: string;
  readonly maximumRAM: number;
  readonly minimumRAM: number;
  readonly osDistro: string;
  /** A string here (`linux`/`windows`), unlike ECS where osType is an integer. */
  readonly osType: string;
  readonly osVersion: string;
  readonly projectID: string;
  readonly sharedListLength: number;
  readonly size: number;
  readonly sourceServerID: string;
  readonly sourceUser: string;
  readonly status: string;
  /** A JSON string, never an array. */
  readonly tags: string;
  readonly updatedTime: number;
  readonly visibility: ImageVisibility;
}
