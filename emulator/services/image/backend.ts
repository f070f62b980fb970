/**
 * Images as other services see them (`ctx.backend("image")`): any image by id — the account's
 * private images (this service's records) or the catalog's public ones — and the check ECS makes
 * before booting from one. Creating, deleting and sharing private images are in creation.ts and
 * sharing.ts.
 */
import type { EngineContext } from "../../engine/context";
import type { Holder } from "../../engine/dependants";
import { EmulatorError, NotFoundError } from "../../errors";
import type { ImageRecord } from "../catalog/records";
import { IMAGE_SHARE_KIND, PRIVATE_IMAGE_KIND, type ImageShareRecord, type PrivateImageRecord } from "./records";
import { IMAGE_INVALID_STATUS, IMAGE_NOT_FOUND, IMAGE_STATUS } from "./rules";

declare module "../../engine/backends" {
  interface Backends {
    image: ImageBackend;
  }
}

export class ImageBackend {
  constructor(private readonly ctx: EngineContext) {}

  private get images() {
    return this.ctx.store.collection<PrivateImageRecord>(PRIVATE_IMAGE_KIND);
  }

  private get shares() {
    return this.ctx.store.collection<ImageShareRecord>(IMAGE_SHARE_KIND);
  }

  findPrivate(regionId: string, imageID: string): PrivateImageRecord | undefined {
    return this.images.get(regionId, imageID);
  }

  /** A private image of the account, or a public one of the catalog. */
  find(regionId: string, imageID: string): ImageRecord | undefined {
    return this.findPrivate(regionId, imageID) ?? this.ctx.backend("catalog").findImage(regionId, imageID);
  }

  /**
   * The image, or the official `Image.ImageCheck.NotFound`. `afterPoll`: the request's poll may just
   * have finished the image's deletion, which must stay done although the request answers 900.
   */
  require(regionId: string, imageID: string, afterPoll = false): ImageRecord {
    const image = this.find(regionId, imageID);
    if (!image) throw new NotFoundError(IMAGE_NOT_FOUND, `image ${imageID} not found`, { description: "镜像不存在", commitState: afterPoll });
    return image;
  }

  /** An image a VM can boot from: it exists and, if private, is `active` (inferred: queued or deleting ones cannot). */
  bootable(regionId: string, imageID: string): ImageRecord {
    const image = this.require(regionId, imageID);
    if (image.status !== IMAGE_STATUS.active) {
      throw new EmulatorError(IMAGE_INVALID_STATUS, `image ${imageID} is ${image.status}: only an active image can boot an instance`, { description: "镜像状态不可用" });
    }
    return image;
  }

  /** One poll of a private image's status machine (detail counts as one). */
  observe(imageID: string): void {
    this.ctx.transitions.observe(PRIVATE_IMAGE_KIND, imageID);
  }

  listPrivate(regionId: string, filter: { queryContent?: string | undefined; imageName?: string | undefined }): PrivateImageRecord[] {
    const query = filter.queryContent?.toLowerCase();
    const name = filter.imageName?.toLowerCase();
    return this.images.find(
      regionId,
      (image) =>
        (!query || image.imageName.toLowerCase().includes(query) || image.imageID === filter.queryContent) && (!name || image.imageName.toLowerCase().includes(name)),
    );
  }

  sharesOf(regionId: string, imageID: string): ImageShareRecord[] {
    return this.shares.find(regionId, (share) => share.imageID === imageID);
  }

  /** Images still being made from an instance snapshot (they hold it: api.holds("instanceSnapshot")). */
  holdersOfSnapshot(regionId: string, snapshotID: string): Holder[] {
    return this.images.find(regionId, (image) => image.sourceSnapshotID === snapshotID && image.status === IMAGE_STATUS.queued).map((image) => ({ id: image.imageID }));
  }
}
