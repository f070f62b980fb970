/**
 * The fixed catalog of the emulated cloud: regions and zones, flavors per region with per-AZ
 * availability, public images. Region ids bb9fdb42… and 81f77286… appear in CTyun sources (spec
 * B.3); names, the third region and all flavor/image details are plausible inventions (COVERAGE.md).
 */
import { createHash } from "node:crypto";
import { REGION_HUABEI2, REGION_HUADONG1, REGION_XINAN1, type RegionRecord } from "./records";

export const REGIONS: readonly RegionRecord[] = [
  {
    regionID: REGION_HUADONG1,
    regionName: "华东1",
    regionParent: "华东",
    regionType: "public",
    isMultiZones: true,
    zones: [
      { name: "cn-huadong1-jsnj1A-public-ctcloud", azDisplayName: "可用区1" },
      { name: "cn-huadong1-jsnj2A-public-ctcloud", azDisplayName: "可用区2" },
      { name: "cn-huadong1-jsnj3A-public-ctcloud", azDisplayName: "可用区3" },
    ],
  },
  {
    regionID: REGION_HUABEI2,
    regionName: "华北2",
    regionParent: "华北",
    regionType: "public",
    isMultiZones: true,
    zones: [
      { name: "cn-huabei2-tj1A-public-ctcloud", azDisplayName: "可用区1" },
      { name: "cn-huabei2-tj2A-public-ctcloud", azDisplayName: "可用区2" },
    ],
  },
  {
    regionID: REGION_XINAN1,
    regionName: "西南1",
    regionParent: "西南",
    regionType: "public",
    isMultiZones: false,
    zones: [{ name: "default", azDisplayName: "默认可用区" }],
  },
];

export interface FlavorSeriesSpec {
  readonly series: "s" | "c" | "m";
  readonly generation: 7;
  readonly seriesName: string;
  readonly cpuInfo: string;
  /** `size.ratio` suffixes offered, e.g. `large.2` = 2 vCPU, 4 GB. */
  readonly sizes: ReadonlyArray<readonly [size: string, cpu: number, ramGb: number]>;
}

export const FLAVOR_SERIES: readonly FlavorSeriesSpec[] = [
  {
    series: "s",
    generation: 7,
    seriesName: "通用型",
    cpuInfo: "Intel Xeon Gold 6330 @ 2.0GHz",
    sizes: [["small", 1, 1], ["medium", 1, 2], ["large", 2, 4], ["xlarge", 4, 8], ["2xlarge", 8, 16]],
  },
  {
    series: "c",
    generation: 7,
    seriesName: "计算增强型",
    cpuInfo: "Intel Xeon Platinum 8378A @ 3.0GHz",
    sizes: [["large", 2, 4], ["xlarge", 4, 8], ["2xlarge", 8, 16], ["4xlarge", 16, 32]],
  },
  {
    series: "m",
    generation: 7,
    seriesName: "内存优化型",
    cpuInfo: "Intel Xeon Platinum 8378A @ 3.0GHz",
    sizes: [["large", 2, 16], ["xlarge", 4, 32], ["2xlarge", 8, 64], ["4xlarge", 16, 128]],
  },
];

/**
 * Which zones sell which series (by zone index in the region); a series missing from a region's
 * entry is sold in every zone. Flavors listed in SOLD_OUT are reported with `available: false`.
 */
export const SERIES_ZONES: Readonly<Record<string, Readonly<Partial<Record<"s" | "c" | "m", readonly number[]>>>>> = {
  [REGION_HUADONG1]: { c: [0, 1], m: [0, 2] },
  [REGION_HUABEI2]: { m: [1] },
};
export const SOLD_OUT: ReadonlySet<string> = new Set([`${REGION_HUADONG1}/m7.4xlarge.8`, `${REGION_HUABEI2}/c7.4xlarge.2`]);

export interface PublicImageSpec {
  readonly key: string;
  readonly imageName: string;
  readonly osDistro: string;
  readonly osVersion: string;
  readonly osType: "linux" | "windows";
  readonly architecture: "x86_64" | "aarch64";
  readonly bootMode: "bios" | "uefi";
  readonly diskSize: number;
  readonly minimumRAM: number;
  readonly sizeBytes: number;
  readonly description: string;
}

export const PUBLIC_IMAGES: readonly PublicImageSpec[] = [
  { key: "centos-7.9", imageName: "CentOS Linux 7.9 64位", osDistro: "CentOS", osVersion: "7.9", osType: "linux", architecture: "x86_64", bootMode: "bios", diskSize: 40, minimumRAM: 0, sizeBytes: 2_468_937_728, description: "CentOS Linux 7.9 64位 公共镜像" },
  { key: "centos-8.2", imageName: "CentOS Linux 8.2 64位", osDistro: "CentOS", osVersion: "8.2", osType: "linux", architecture: "x86_64", bootMode: "bios", diskSize: 40, minimumRAM: 0, sizeBytes: 2_795_503_616, description: "CentOS Linux 8.2 64位 公共镜像" },
  { key: "ubuntu-22.04", imageName: "Ubuntu Server 22.04 64位", osDistro: "Ubuntu", osVersion: "22.04", osType: "linux", architecture: "x86_64", bootMode: "uefi", diskSize: 40, minimumRAM: 0, sizeBytes: 2_361_393_152, description: "Ubuntu Server 22.04 LTS 64位 公共镜像" },
  { key: "ubuntu-20.04", imageName: "Ubuntu Server 20.04 64位", osDistro: "Ubuntu", osVersion: "20.04", osType: "linux", architecture: "x86_64", bootMode: "bios", diskSize: 40, minimumRAM: 0, sizeBytes: 2_199_912_448, description: "Ubuntu Server 20.04 LTS 64位 公共镜像" },
  { key: "ctyunos-2.0.1", imageName: "CTyunOS 2.0.1 64位", osDistro: "CTyunOS", osVersion: "2.0.1", osType: "linux", architecture: "x86_64", bootMode: "uefi", diskSize: 40, minimumRAM: 0, sizeBytes: 1_932_787_712, description: "天翼云操作系统 CTyunOS 2.0.1 公共镜像" },
  { key: "windows-2019", imageName: "Windows Server 2019 数据中心版 64位中文版", osDistro: "Windows", osVersion: "2019", osType: "windows", architecture: "x86_64", bootMode: "uefi", diskSize: 40, minimumRAM: 2, sizeBytes: 11_274_289_152, description: "Windows Server 2019 数据中心版 64位中文版 公共镜像" },
];

/** 2023-06-01T00:00:00Z: when the public catalog "was published" (fixed, so responses are stable). */
export const CATALOG_PUBLISHED_AT = 1_685_577_600_000;

/** A stable UUID-formatted id derived from a name, so catalog ids survive resets and restarts. */
export function catalogUuid(name: string): string {
  const hex = createHash("sha256").update(`ctyun-emulator-catalog/${name}`).digest("hex");
  const variant = "89ab"[parseInt(hex[16]!, 16) & 0x3]!;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
