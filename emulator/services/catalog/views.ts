/**
 * What image and flavor queries answer: the stored record plus every field the official clients'
 * response models declare (py ctyunsdk_image20220909/models/v4_image_list.py and v4_image_detail.py,
 * ctyunsdk_ecs20220909/models/v4_ecs_flavor_list.py), with their declared JSON types. Values for
 * features the emulator has no notion of (markets, GPUs, encryption, integrity checks) are the
 * neutral ones a plain public image or flavor would carry (inferred).
 */
import { IMAGE_VISIBILITIES, type FlavorRecord, type ImageRecord } from "./records";

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** `yyyy-MM-dd HH:mm:ss` Beijing time, the console's format (inferred for *TimeStr). */
function beijingText(epochMs: number): string {
  return new Date(epochMs + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

export function imageView(image: ImageRecord): Record<string, unknown> {
  return {
    ...image,
    appCategory: "",
    appVersion: "",
    chargeableImage: false,
    cmkID: "",
    cpuType: image.architecture,
    createdTimeStr: beijingText(image.createdTime),
    cwaiType: "",
    destinationAccountID: "",
    enableImageIntegrityCheck: false,
    fullECSDiskSize: image.diskSize,
    gpuImageCategory: "",
    gpuType: 0,
    hasAcceptedSharedImages: false,
    imageCategory: "base",
    imageDisplayName: image.imageName,
    imageIntegrityCheckStatus: "",
    imageProvider: "ctyun",
    imageScene: "general",
    imageShareCount: 0,
    imageSize: image.size,
    imageSource: "public",
    imageStatus: image.status,
    imageSubcategory: image.osDistro,
    imageVisibility: image.visibility,
    imageVisibilityCode: IMAGE_VISIBILITIES.indexOf(image.visibility),
    isEncrypt: false,
    labels: [],
    marketClassI: "",
    marketClassII: "",
    maximumCPUCoreCount: 0,
    minimumCPUCoreCount: 1,
    sourceAccountID: "",
    sourceDisks: [],
    supportGpuDriver: false,
    supportOneClickSFSMount: false,
    supportTeeType: "",
    supportXSSD: true,
    taskID: "",
    taskProgress: 100,
    trustedImage: false,
    updatedTimeStr: beijingText(image.updatedTime),
    visibleImage: true,
  };
}

export function flavorView(flavor: FlavorRecord): Record<string, unknown> {
  return {
    ...flavor,
    nicCount: Math.min(Math.max(2, flavor.flavorCPU), 8),
    maxConnectionCount: 250_000 * flavor.flavorCPU,
    diskCount: 24,
    diskBaseBandwidth: Math.min(60 * flavor.flavorCPU, 1000),
    diskBurstBandwidth: Math.min(150 * flavor.flavorCPU, 2000),
    diskBaseIops: Math.min(10_000 * flavor.flavorCPU, 100_000),
    diskBurstIops: Math.min(25_000 * flavor.flavorCPU, 200_000),
  };
}
