/** Stored shapes of catalog records; they are exactly what the APIs return (types per spec C.3). */

export const FLAVOR_KIND = "flavor";
export const IMAGE_KIND = "image";

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
