/**
 * Catalog lookups: regions, zones, flavors and images — what a program needs to pick a VM's shape
 * and image by name instead of pasting ids.
 */
import { GetZones, IMAGE_VISIBILITY_CODES, ListFlavors, ListImages, ListRegions } from "../client/operations/catalog";
import { allPages, criteriaOf, exactlyOne, lookupClient, lookupContext, matchingName, outputForm, programSettings, type LookupOptions } from "./lookup";

/** A CTyun region. */
export interface RegionInfo {
  /** The 32-hex `regionID` resources take as `regionId`. */
  readonly regionId: string;
  /** Its name, e.g. `华东1`. */
  readonly name: string;
  /** The parent area, e.g. `华东`. */
  readonly parent: string | undefined;
  /** `public`, or another resource pool type. */
  readonly type: string | undefined;
  /** True when the region has several availability zones (then VMs and disks take `azName`). */
  readonly isMultiZones: boolean;
  /** Its availability zones' names. */
  readonly zones: readonly string[];
}

export interface GetRegionsArgs {
  /** Keep regions whose name matches this regular expression. */
  readonly nameRegex?: string;
}

export interface GetRegionsResult {
  /** The regions found. */
  readonly regions: readonly RegionInfo[];
  /** The regions' `regionId`s, in the same order. */
  readonly ids: readonly string[];
}

/**
 * Every region the account sees (`list-regions`).
 *
 * @example
 * ```ts
 * const { ids } = await ctyun.getRegions({ nameRegex: "^华东" });
 * ```
 */
export async function getRegions(args: GetRegionsArgs = {}): Promise<GetRegionsResult> {
  const client = lookupClient(programSettings());
  const { regionList } = await client.send(ListRegions, {});
  const regions = matchingName(
    regionList.map((r) => ({
      regionId: r.regionID,
      name: r.regionName ?? "",
      parent: r.regionParent ?? undefined,
      type: r.regionType ?? undefined,
      isMultiZones: r.isMultiZones ?? false,
      zones: r.zoneList ?? [],
    })),
    args.nameRegex,
    (r) => r.name,
  );
  return { regions, ids: regions.map((r) => r.regionId) };
}

/**
 * The one region matching the filters; fails when none or several match.
 *
 * @example
 * ```ts
 * const region = await ctyun.getRegion({ nameRegex: "^华东1$" });
 * ```
 */
export async function getRegion(args: GetRegionsArgs & { readonly regionId?: string }): Promise<RegionInfo> {
  const { regions } = await getRegions(args.nameRegex !== undefined ? { nameRegex: args.nameRegex } : {});
  const candidates = args.regionId === undefined ? regions : regions.filter((r) => r.regionId === args.regionId);
  return exactlyOne("region", criteriaOf(args), candidates, (r) => `${r.name} (${r.regionId})`);
}

/** An availability zone. */
export interface ZoneInfo {
  /** The name VMs and disks take as `azName`, e.g. `cn-huadong1-jsnj1A-public-ctcloud`. */
  readonly name: string;
  /** Its display name, e.g. `可用区1`. */
  readonly displayName: string | undefined;
}

export interface GetZonesResult {
  /** The region searched (32-hex `regionID`). */
  readonly regionId: string;
  /** The region's zones. */
  readonly zones: readonly ZoneInfo[];
  /** The zones' names, in the same order. */
  readonly names: readonly string[];
}

/**
 * The region's availability zones (`get-zones`).
 *
 * @example
 * ```ts
 * const zone = ctyun.getZonesOutput().apply((z) => z.names[0]);
 * ```
 */
export async function getZones(args: LookupOptions = {}): Promise<GetZonesResult> {
  const { client, regionId } = lookupContext(args, "getZones");
  const { zoneList } = await client.send(GetZones, { regionID: regionId });
  const zones = zoneList.map((z) => ({ name: z.name, displayName: z.azDisplayName ?? undefined }));
  return { regionId, zones, names: zones.map((z) => z.name) };
}

/** A VM flavor (instance type). */
export interface FlavorInfo {
  /** The flavor id Instance takes as `flavorId`. */
  readonly flavorId: string;
  /** e.g. `s7.large.2`: series `s7`, size `large`, 2 GB of memory per vCPU. */
  readonly name: string;
  /** vCPUs. */
  readonly cpu: number;
  /** Memory in GB. */
  readonly memoryGb: number;
  /** The cloud's series code, e.g. `s` (general), `c` (compute), `m` (memory). */
  readonly series: string | undefined;
  /** The cloud's flavor type, e.g. `CPU_S7`. */
  readonly type: string | undefined;
  /** The CPU architecture the cloud reports (`x86`, `arm`), when it does. */
  readonly arch: string | undefined;
  /** False when sold out. */
  readonly available: boolean;
  /** The zones selling it. */
  readonly azNames: readonly string[];
}

export interface GetFlavorsArgs extends LookupOptions {
  /** Only flavors sold in this zone. */
  readonly azName?: string;
  /** vCPUs, exactly. */
  readonly cpu?: number;
  /** Memory in GB, exactly. */
  readonly memoryGb?: number;
  /** Series: the cloud's code (`s`, `c`, `m`) or with its generation as in the names (`s7`, `c7`). */
  readonly series?: string;
  /** CPU architecture, e.g. `x86` or `arm`. */
  readonly arch?: string;
  /** Keep flavors whose name matches this regular expression. */
  readonly nameRegex?: string;
  /** Leave out sold-out flavors (default true). */
  readonly availableOnly?: boolean;
}

export interface GetFlavorsResult {
  /** The region searched (32-hex `regionID`). */
  readonly regionId: string;
  /** Smallest first (vCPUs, then memory, then name). */
  readonly flavors: readonly FlavorInfo[];
  /** The found items' ids, in the same order. */
  readonly ids: readonly string[];
}

/**
 * Flavors of the region, filtered by the API's filters and a client-side name pattern.
 *
 * @example
 * ```ts
 * const { flavors } = await ctyun.getFlavors({ cpu: 4, azName: "cn-huadong1-jsnj1A-public-ctcloud" });
 * ```
 */
export async function getFlavors(args: GetFlavorsArgs = {}): Promise<GetFlavorsResult> {
  const { client, regionId } = lookupContext(args, "getFlavors");
  const { flavorList } = await client.send(ListFlavors, {
    regionID: regionId,
    ...(args.azName !== undefined ? { azName: args.azName } : {}),
    ...(args.cpu !== undefined ? { flavorCPU: args.cpu } : {}),
    ...(args.memoryGb !== undefined ? { flavorRAM: args.memoryGb } : {}),
    ...(args.series !== undefined && !/\d/.test(args.series) ? { flavorSeries: args.series } : {}),
    ...(args.arch !== undefined ? { flavorArch: args.arch } : {}),
  });
  const all = flavorList.map(
    (f): FlavorInfo => ({
      flavorId: f.flavorID,
      name: f.flavorName,
      cpu: f.flavorCPU,
      memoryGb: f.flavorRAM,
      series: f.flavorSeries ?? undefined,
      type: f.flavorType ?? undefined,
      arch: f.cpuInfo ?? undefined,
      available: f.available !== false,
      azNames: f.azList ?? [],
    }),
  );
  // The API's filters are applied again: a gateway that ignores one must not widen the answer.
  const flavors = matchingName(all, args.nameRegex, (f) => f.name)
    .filter((f) => args.cpu === undefined || f.cpu === args.cpu)
    .filter((f) => args.memoryGb === undefined || f.memoryGb === args.memoryGb)
    .filter((f) => args.series === undefined || f.series === args.series || f.name.startsWith(`${args.series}.`))
    .filter((f) => args.azName === undefined || f.azNames.length === 0 || f.azNames.includes(args.azName))
    .filter((f) => args.availableOnly === false || f.available)
    .sort((a, b) => a.cpu - b.cpu || a.memoryGb - b.memoryGb || a.name.localeCompare(b.name));
  return { regionId, flavors, ids: flavors.map((f) => f.flavorId) };
}

/**
 * The one flavor matching the filters, e.g. `getFlavor({ cpu: 2, memoryGb: 4, series: "s7" })`.
 *
 * @example
 * ```ts
 * const flavor = ctyun.getFlavorOutput({ series: "s7", cpu: 2, memoryGb: 4 }); // s7.large.2
 * ```
 */
export async function getFlavor(args: GetFlavorsArgs): Promise<FlavorInfo> {
  const { flavors } = await getFlavors(args);
  return exactlyOne("flavor", criteriaOf(args), flavors, (f) => `${f.name} (${f.cpu} vCPU, ${f.memoryGb} GB, ${f.flavorId})`);
}

export type ImageVisibility = keyof typeof IMAGE_VISIBILITY_CODES;

/** A VM image. */
export interface ImageInfo {
  /** The image id Instance takes as `imageId`. */
  readonly imageId: string;
  /** e.g. `Ubuntu Server 22.04 64位`. */
  readonly name: string;
  /** `linux` or `windows`. */
  readonly osType: string | undefined;
  /** e.g. `ubuntu`, `centos`, `ctyunos`. */
  readonly osDistro: string | undefined;
  /** The OS version, e.g. `22.04`. */
  readonly osVersion: string | undefined;
  /** `x86_64` or `aarch64`. */
  readonly architecture: string | undefined;
  /** `public`, `private`, `shared`, `safe` or `app`. */
  readonly visibility: string;
  /** The image status, e.g. `active`. */
  readonly status: string | undefined;
  /** The system disk size it needs, in GB. */
  readonly diskSizeGb: number | undefined;
  /** The memory it needs, in GB. */
  readonly minimumRamGb: number | undefined;
}

export interface GetImagesArgs extends LookupOptions {
  /** `public` (default), `private` (the account's own), `shared`, `safe` or `app`. */
  readonly visibility?: ImageVisibility;
  /** Keep images whose name matches this regular expression. */
  readonly nameRegex?: string;
  /** `linux` or `windows`. */
  readonly osType?: string;
  /** `x86_64` or `aarch64`. */
  readonly architecture?: string;
  /** Only images usable in this zone. */
  readonly azName?: string;
}

export interface GetImagesResult {
  /** The region searched (32-hex `regionID`). */
  readonly regionId: string;
  /** By name. */
  readonly images: readonly ImageInfo[];
  /** The found items' ids, in the same order. */
  readonly ids: readonly string[];
}

const IMAGE_PAGE = 50;

/**
 * Images of the region (`image/list`, every page), filtered.
 *
 * @example
 * ```ts
 * const { images } = await ctyun.getImages({ osType: "linux", nameRegex: "^CTyunOS" });
 * ```
 */
export async function getImages(args: GetImagesArgs = {}): Promise<GetImagesResult> {
  const { client, regionId } = lookupContext(args, "getImages");
  const code = IMAGE_VISIBILITY_CODES[args.visibility ?? "public"];
  if (code === undefined) throw new Error(`getImages: visibility must be one of ${Object.keys(IMAGE_VISIBILITY_CODES).join(", ")}`);
  const rows = await allPages(IMAGE_PAGE, async (pageNo) => {
    const page = await client.send(ListImages, {
      regionID: regionId,
      visibility: code,
      imageVisibilityCode: code,
      ...(args.azName !== undefined ? { azName: args.azName } : {}),
      pageNo,
      pageSize: IMAGE_PAGE,
    });
    return { rows: page.images, total: page.totalCount };
  });
  const images = matchingName(
    rows.map(
      (i): ImageInfo => ({
        imageId: i.imageID,
        name: i.imageName,
        osType: i.osType ?? undefined,
        osDistro: i.osDistro ?? undefined,
        osVersion: i.osVersion ?? undefined,
        architecture: i.architecture ?? undefined,
        visibility: i.visibility,
        status: i.status ?? undefined,
        diskSizeGb: i.diskSize ?? undefined,
        minimumRamGb: i.minimumRAM ?? undefined,
      }),
    ),
    args.nameRegex,
    (i) => i.name,
  )
    .filter((i) => args.osType === undefined || i.osType?.toLowerCase() === args.osType.toLowerCase())
    .filter((i) => args.architecture === undefined || i.architecture === args.architecture)
    .sort((a, b) => a.name.localeCompare(b.name));
  return { regionId, images, ids: images.map((i) => i.imageId) };
}

/**
 * The one image matching the filters, e.g. `getImage({ nameRegex: "^Ubuntu Server 22\\.04" })`.
 *
 * @example
 * ```ts
 * const image = ctyun.getImageOutput({ nameRegex: "^Ubuntu Server 22\\.04" });
 * ```
 */
export async function getImage(args: GetImagesArgs): Promise<ImageInfo> {
  const { images } = await getImages(args);
  return exactlyOne("image", criteriaOf(args), images, (i) => `${i.name} (${i.imageId})`);
}

/** `getRegions` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getRegionsOutput = outputForm(getRegions);
/** `getRegion` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getRegionOutput = outputForm(getRegion);
/** `getZones` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getZonesOutput = outputForm(getZones);
/** `getFlavors` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getFlavorsOutput = outputForm(getFlavors);
/** `getFlavor` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getFlavorOutput = outputForm(getFlavor);
/** `getImages` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getImagesOutput = outputForm(getImages);
/** `getImage` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getImageOutput = outputForm(getImage);
