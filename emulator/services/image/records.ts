/**
 * The image service's records (api-notes/image.md): the account's private images (public ones are
 * the catalog's) and who each is shared with. Only this service writes them.
 */
import type { ImageRecord } from "../catalog/records";

export const PRIVATE_IMAGE_KIND = "privateImage";
/** One per (image, recipient account); id = `<imageID>:<account>`. */
export const IMAGE_SHARE_KIND = "imageShare";

/** A private image: the catalog's image shape (what detail/list answer) plus where it came from. */
export interface PrivateImageRecord extends ImageRecord {
  /** `cloud_server` (a VM's system disk) or `snapshot` (an instance snapshot's system disk). */
  readonly imageSource: string;
  /** The instance snapshot it is made from ("" otherwise): held while the image is made. */
  readonly sourceSnapshotID: string;
  readonly enableImageIntegrityCheck: boolean;
}

export interface ImageShareRecord {
  imageID: string;
  /** The recipient's account id (py `destinationAccountID`; TF's old layer sends an e-mail as `destinationUser`). */
  destinationAccountID: string;
  /** `waiting` (offered), `accepted`, `rejected` (the recipient decides; tests patch it). */
  status: string;
  createdTime: number;
}
