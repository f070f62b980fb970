/**
 * Making, changing and deleting private images (api-notes/image.md §1, §3, §7). An image is made
 * from a stopped VM's system disk (`/v4/image/create`) or from an instance snapshot's system disk
 * (`create-from-ecs-snapshot`, multi-AZ regions only); it starts `queued` and becomes `active` on
 * the `imageCreate` timing (never `saving`: TF v1.2.0's wait fails on any status but queued and
 * active). Delete goes `deleting`, then the image is gone. What an image inherits from its source
 * (OS, architecture, boot mode, minimum RAM) is copied from the source VM's image (inferred).
 */
import type { EngineContext } from "../../engine/context";
import type { TransitionSubject } from "../../engine/transitions";
import { DuplicateNameError, EmulatorError, InUseError, InvalidParameterError } from "../../errors";
import type { ImageRecord, RegionRecord } from "../catalog/records";
import { normalizeProjectId } from "../shared/rules";
import { ImageBackend } from "./backend";
import { IMAGE_SHARE_KIND, PRIVATE_IMAGE_KIND, type ImageShareRecord, type PrivateImageRecord } from "./records";
import {
  checkImageDescription,
  checkImageName,
  DELETABLE,
  IMAGE_ACTIONS,
  IMAGE_STATUS,
  IMAGE_TIMING,
  imageInvalidStatus,
  REGION_NOT_SUPPORTED,
  SOURCE_INVALID_STATUS,
} from "./rules";

const GIB = 1024 ** 3;
/** maximumRAM/minimumRAM values (GiB; 0 = no limit), py v4_image_create. */
const RAM_VALUES = [0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

export interface ImageOptions {
  readonly imageName: string;
  readonly description?: string | undefined;
  readonly minimumRAM?: number | undefined;
  readonly maximumRAM?: number | undefined;
  readonly enableImageIntegrityCheck?: boolean | undefined;
  readonly projectID?: string | undefined;
}

interface Source {
  readonly kind: "cloud_server" | "snapshot";
  readonly id: string;
  readonly diskID: string;
  readonly diskSize: number;
  readonly image: ImageRecord | undefined;
  readonly osType: number;
}

export class ImageCreation {
  private readonly backend: ImageBackend;

  constructor(private readonly ctx: EngineContext) {
    this.backend = new ImageBackend(ctx);
  }

  private get images() {
    return this.ctx.store.collection<PrivateImageRecord>(PRIVATE_IMAGE_KIND);
  }

  /** From a stopped VM's system disk (a running one only where the pool supports it: not emulated). */
  fromInstance(region: RegionRecord, instanceID: string, options: ImageOptions): PrivateImageRecord {
    const regionId = region.regionID;
    this.check(regionId, options);
    const vm = this.ctx.backend("ecs").require(regionId, instanceID);
    if (vm.instanceStatus !== "stopped") {
      throw new EmulatorError(SOURCE_INVALID_STATUS, `instance ${instanceID} is ${vm.instanceStatus}: an image is made from a stopped instance (stop it first)`, { description: "请先关闭云主机再创建镜像" });
    }
    const disk = this.ctx.backend("ebs").findInRegion(regionId, vm.systemDiskID);
    if (!disk || disk.diskStatus !== "in-use") throw new EmulatorError(SOURCE_INVALID_STATUS, `the system disk of instance ${instanceID} is not in use`, { description: "系统盘状态不可用" });
    return this.insert(regionId, options, { kind: "cloud_server", id: instanceID, diskID: disk.diskID, diskSize: disk.diskSize, image: this.backend.find(regionId, vm.imageID), osType: vm.osType });
  }

  /** From an available instance snapshot's system disk; multi-AZ regions only (py doc). */
  fromSnapshot(region: RegionRecord, snapshotID: string, options: ImageOptions): PrivateImageRecord {
    const regionId = region.regionID;
    if (!region.isMultiZones) throw new EmulatorError(REGION_NOT_SUPPORTED, `region ${regionId} does not offer images from instance snapshots (multi-AZ regions only)`, { description: "该资源池不支持该操作" });
    this.check(regionId, options);
    const snapshot = this.ctx.backend("instanceSnapshot").require(regionId, snapshotID);
    if (snapshot.snapshotStatus !== "available") {
      throw new EmulatorError(SOURCE_INVALID_STATUS, `instance snapshot ${snapshotID} is ${snapshot.snapshotStatus}: an image is made from an available snapshot`, { description: "快照状态不可用" });
    }
    const system = snapshot.members.find((m) => m.isBootable);
    if (!system) throw new EmulatorError(SOURCE_INVALID_STATUS, `instance snapshot ${snapshotID} has no system disk`, { description: "快照无系统盘" });
    return this.insert(regionId, options, { kind: "snapshot", id: snapshotID, diskID: system.diskID, diskSize: system.diskSize, image: this.backend.find(regionId, snapshot.imageID), osType: snapshot.osType });
  }

  private check(regionId: string, options: ImageOptions): void {
    checkImageName(options.imageName);
    if (options.description !== undefined) checkImageDescription(options.description);
    for (const [field, value] of [["minimumRAM", options.minimumRAM], ["maximumRAM", options.maximumRAM]] as const) {
      if (value !== undefined && !RAM_VALUES.includes(value)) throw new InvalidParameterError(`${field} must be one of ${RAM_VALUES.join(", ")} GiB (got ${value})`);
    }
    if (options.minimumRAM && options.maximumRAM && options.maximumRAM < options.minimumRAM) throw new InvalidParameterError("maximumRAM must not be less than minimumRAM");
    this.assertNameFree(regionId, options.imageName, undefined);
  }

  /** Private image names are unique in the account (py v4_image_create; per region, inferred). */
  private assertNameFree(regionId: string, name: string, exceptID: string | undefined): void {
    if (this.images.findOne(regionId, (image) => image.imageName === name && image.imageID !== exceptID)) {
      throw new DuplicateNameError(`a private image named ${name} already exists in region ${regionId}`, { description: "镜像名称已存在", code: this.ctx.unknownCodes.pick("image-name-taken") });
    }
  }

  private insert(regionId: string, options: ImageOptions, source: Source): PrivateImageRecord {
    const now = this.ctx.clock();
    const from = source.image;
    const imageID = this.ctx.ids.uuid();
    const record: PrivateImageRecord = {
      architecture: from?.architecture ?? "x86_64",
      azName: "",
      bootMode: from?.bootMode ?? "bios",
      containerFormat: "bare",
      createdTime: now,
      description: options.description ?? "",
      destinationUser: "",
      diskFormat: "qcow2",
      diskID: source.diskID,
      diskSize: source.diskSize,
      imageClass: "ECS",
      imageID,
      imageName: options.imageName,
      imageType: "",
      maximumRAM: options.maximumRAM ?? 0,
      minimumRAM: options.minimumRAM ?? from?.minimumRAM ?? 0,
      osDistro: from?.osDistro ?? "",
      osType: from?.osType ?? (source.osType === 2 ? "windows" : "linux"),
      osVersion: from?.osVersion ?? "",
      projectID: normalizeProjectId(options.projectID),
      sharedListLength: 0,
      size: 0,
      sourceServerID: source.id,
      sourceUser: "",
      status: IMAGE_STATUS.queued,
      tags: "",
      updatedTime: now,
      visibility: "private",
      imageSource: source.kind,
      sourceSnapshotID: source.kind === "snapshot" ? source.id : "",
      enableImageIntegrityCheck: options.enableImageIntegrityCheck ?? false,
    };
    this.images.insert(regionId, imageID, record);
    this.ctx.transitions.schedule(
      PRIVATE_IMAGE_KIND,
      { regionId, id: imageID },
      { via: IMAGE_STATUS.queued, to: IMAGE_STATUS.active, timing: IMAGE_TIMING.create, failTo: IMAGE_STATUS.error, then: IMAGE_ACTIONS.created },
    );
    return this.images.get(regionId, imageID)!;
  }

  /** The image is written: it has a size now. */
  completeCreate(subject: TransitionSubject): void {
    this.images.update(subject.regionId, subject.id, (image) => ({ ...image, size: image.diskSize * GIB, updatedTime: this.ctx.clock() }));
  }

  /** Name and description of an active image (py: update needs `active`). */
  update(regionId: string, imageID: string, change: { imageName?: string | undefined; description?: string | undefined }): void {
    const image = this.requirePrivate(regionId, imageID);
    if (image.status !== IMAGE_STATUS.active) throw imageInvalidStatus(image, "update", [IMAGE_STATUS.active]);
    if (change.imageName !== undefined) {
      checkImageName(change.imageName);
      this.assertNameFree(regionId, change.imageName, imageID);
    }
    if (change.description !== undefined && change.description !== "") checkImageDescription(change.description);
    this.images.update(regionId, imageID, (current) => ({
      ...current,
      imageName: change.imageName ?? current.imageName,
      description: change.description ?? current.description,
      updatedTime: this.ctx.clock(),
    }));
  }

  /**
   * Refused while a recipient has accepted it (py v4_image_delete) and while something holds it
   * (VMs still being created from it; not the VMs made from it, which keep their disks: decision).
   */
  delete(regionId: string, imageID: string): void {
    const image = this.requirePrivate(regionId, imageID);
    if (!DELETABLE.includes(image.status)) throw imageInvalidStatus(image, "delete", DELETABLE);
    if (image.status === IMAGE_STATUS.deleting) return;
    const accepted = this.backend.sharesOf(regionId, imageID).filter((share) => share.status === "accepted");
    if (accepted.length > 0) {
      throw new InUseError(`image ${imageID} is shared with and accepted by ${accepted.map((s) => s.destinationAccountID).join(", ")}: they must reject it before it can be deleted`, {
        description: "镜像已被共享接受，无法删除",
        code: this.ctx.unknownCodes.pick("image-in-use"),
      });
    }
    const [holders] = this.ctx.dependantsOf(PRIVATE_IMAGE_KIND, regionId, imageID);
    if (holders) {
      throw new InUseError(`image ${imageID} is used by ${holders.phrase.en}: ${holders.holders.map((h) => h.id).join(", ")}`, {
        description: `镜像正在被${holders.phrase.zh}使用，无法删除`,
        code: this.ctx.unknownCodes.pick("image-in-use"),
      });
    }
    this.ctx.transitions.schedule(PRIVATE_IMAGE_KIND, { regionId, id: imageID }, { via: IMAGE_STATUS.deleting, to: "deleted", timing: IMAGE_TIMING.delete, then: IMAGE_ACTIONS.deleted });
  }

  /** Deleted: the record goes with its share list. */
  completeDelete(subject: TransitionSubject): void {
    const shares = this.ctx.store.collection<ImageShareRecord>(IMAGE_SHARE_KIND);
    for (const share of shares.find(subject.regionId, (s) => s.imageID === subject.id)) shares.delete(subject.regionId, `${share.imageID}:${share.destinationAccountID}`);
    this.images.delete(subject.regionId, subject.id);
  }

  requirePrivate(regionId: string, imageID: string): PrivateImageRecord {
    const image = this.backend.findPrivate(regionId, imageID);
    if (!image) {
      this.backend.require(regionId, imageID);
      throw new InvalidParameterError(`image ${imageID} is not a private image of this account`);
    }
    return image;
  }
}
