/**
 * Sharing private images with other accounts (api-notes/image.md §1.4). The emulator serves one
 * account, so a recipient never answers by itself: an offer stays `waiting` until a test patches the
 * share record (`PATCH /_emulator/resources/imageShare/<imageID>:<account>`) to `accepted` or
 * `rejected`. Unsharing an accepted offer is refused (the recipient must reject it first, py and TF).
 */
import type { EngineContext } from "../../engine/context";
import { EmulatorError, InUseError, InvalidParameterError, QuotaExceededError } from "../../errors";
import { ACCOUNT } from "../zos/records";
import { ImageCreation } from "./creation";
import { IMAGE_SHARE_KIND, type ImageShareRecord } from "./records";
import { ALREADY_SHARED, IMAGE_STATUS, imageInvalidStatus, MAX_SHARES, SHARE_NOT_FOUND } from "./rules";

const shareId = (imageID: string, account: string): string => `${imageID}:${account}`;

export class ImageSharing {
  constructor(private readonly ctx: EngineContext) {}

  private get shares() {
    return this.ctx.store.collection<ImageShareRecord>(IMAGE_SHARE_KIND);
  }

  list(regionId: string, imageID: string): ImageShareRecord[] {
    new ImageCreation(this.ctx).requirePrivate(regionId, imageID);
    return this.shares.find(regionId, (s) => s.imageID === imageID);
  }

  share(regionId: string, imageID: string, account: string): void {
    const image = new ImageCreation(this.ctx).requirePrivate(regionId, imageID);
    if (image.status !== IMAGE_STATUS.active) throw imageInvalidStatus(image, "share", [IMAGE_STATUS.active]);
    if (account === ACCOUNT.ID) throw new InvalidParameterError("destinationAccountID is this account: an image is shared with other accounts");
    if (this.shares.has(regionId, shareId(imageID, account))) {
      throw new EmulatorError(ALREADY_SHARED, `image ${imageID} is already shared with account ${account}`, { description: "镜像已共享给该账号" });
    }
    if (this.shares.count(regionId, (s) => s.imageID === imageID) >= MAX_SHARES) throw new QuotaExceededError(`image ${imageID} is already shared with ${MAX_SHARES} accounts, the maximum`);
    this.shares.insert(regionId, shareId(imageID, account), { imageID, destinationAccountID: account, status: "waiting", createdTime: this.ctx.clock() });
  }

  /** Unshares the listed accounts (or all); an accepted share is refused as a whole request. */
  unshare(regionId: string, imageID: string, accounts: readonly string[] | "all"): void {
    const image = new ImageCreation(this.ctx).requirePrivate(regionId, imageID);
    if (image.status !== IMAGE_STATUS.active) throw imageInvalidStatus(image, "unshare", [IMAGE_STATUS.active]);
    const current = this.shares.find(regionId, (s) => s.imageID === imageID);
    const chosen = accounts === "all" ? current : accounts.map((account) => {
      const share = current.find((s) => s.destinationAccountID === account);
      if (!share) throw new EmulatorError(SHARE_NOT_FOUND, `image ${imageID} is not shared with account ${account}`, { description: "镜像未共享给该账号" });
      return share;
    });
    const accepted = chosen.filter((s) => s.status === "accepted");
    if (accepted.length > 0) {
      throw new InUseError(`account(s) ${accepted.map((s) => s.destinationAccountID).join(", ")} accepted image ${imageID}: they must reject it before it can be unshared`, {
        description: "共享镜像已被接受，请接收方先拒绝",
        code: this.ctx.unknownCodes.pick("image-in-use"),
      });
    }
    for (const share of chosen) this.shares.delete(regionId, shareId(imageID, share.destinationAccountID));
  }
}
