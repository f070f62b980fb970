/**
 * What image detail, list and show-shared-list answer: the stored record plus every field the
 * official clients' response models declare (py ctyunsdk_image20220909 v4_image_list, v4_image_detail,
 * v4_image_show_shared_list), with their declared JSON types. `status` and `imageStatus` carry the same
 * word (TF's old layer reads the first, the newer one the second). Values for features the emulator
 * has no notion of (markets, GPUs, encryption) are neutral (inferred).
 */
import { IMAGE_VISIBILITIES, type ImageRecord } from "../catalog/records";
import type { ImageShareRecord, PrivateImageRecord } from "./records";

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** `yyyy-MM-dd HH:mm:ss` Beijing time, the console's format (inferred for *TimeStr). */
function beijingText(epochMs: number): string {
  return new Date(epochMs + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

function isPrivate(image: ImageRecord): image is PrivateImageRecord {
  return image.visibility === "private";
}

export function imageView(image: ImageRecord, shares: readonly ImageShareRecord[] = []): Record<string, unknown> {
  const own = isPrivate(image);
  // Where a private image came from stays internal (it is not an API field).
  const { sourceSnapshotID: _internal, ...record } = image as PrivateImageRecord;
  return {
    ...record,
    sharedListLength: shares.length,
    appCategory: "",
    appVersion: "",
    chargeableImage: false,
    cmkID: "",
    cpuType: image.architecture,
    createdTimeStr: beijingText(image.createdTime),
    cwaiType: "",
    destinationAccountID: "",
    enableImageIntegrityCheck: own ? image.enableImageIntegrityCheck : false,
    fullECSDiskSize: image.diskSize,
    gpuImageCategory: "",
    gpuType: 0,
    hasAcceptedSharedImages: shares.some((s) => s.status === "accepted"),
    imageCategory: own ? "private" : "base",
    imageDisplayName: image.imageName,
    imageIntegrityCheckStatus: "",
    imageProvider: own ? "" : "ctyun",
    imageScene: "general",
    imageShareCount: shares.length,
    imageSize: image.size,
    imageSource: own ? image.imageSource : "public",
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
    sourceDisks: own ? [{ cmkID: "", diskID: image.diskID, diskName: "", diskSize: image.diskSize, diskType: "", isEncrypt: false, isSystemVolume: true }] : [],
    supportGpuDriver: false,
    supportOneClickSFSMount: false,
    supportTeeType: "",
    supportXSSD: true,
    taskID: "",
    taskProgress: image.status === "queued" ? 0 : 100,
    trustedImage: false,
    updatedTimeStr: beijingText(image.updatedTime),
    visibleImage: true,
  };
}

/** One show-shared-list entry: the image as the recipient sees the offer, with the recipient and the offer's status. */
export function shareView(image: PrivateImageRecord, share: ImageShareRecord, all: readonly ImageShareRecord[]): Record<string, unknown> {
  return { ...imageView(image, all), destinationAccountID: share.destinationAccountID, destinationUser: share.destinationAccountID, status: share.status, imageStatus: share.status };
}
