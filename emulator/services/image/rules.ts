/**
 * Private image vocabulary (api-notes/image.md): statuses, name rules, timing kinds and actions, and
 * the codes: `Image.ImageCheck.NotFound` is official; the others are invented (marked) or drawn from
 * documented sets (emulator/unknown-codes.ts).
 */
import { EmulatorError, InvalidParameterError } from "../../errors";
import type { PrivateImageRecord } from "./records";

export const IMAGE_NOT_FOUND = "Image.ImageCheck.NotFound";
/** Invented: the image's status does not allow the operation. */
export const IMAGE_INVALID_STATUS = "Image.Status.Invalid";
/** Invented: the source VM, disk or snapshot is not in a state an image can be made from. */
export const SOURCE_INVALID_STATUS = "Image.Source.InvalidStatus";
/** Invented: the operation is only offered in some regions (create-from-ecs-snapshot: multi-AZ ones). */
export const REGION_NOT_SUPPORTED = "Image.Region.NotSupported";
/** Invented: sharing with an account that already has it. */
export const ALREADY_SHARED = "Image.Share.AlreadyShared";
/** Invented: an unshare naming an account the image is not shared with. */
export const SHARE_NOT_FOUND = "Image.Share.NotFound";

export const IMAGE_STATUS = { queued: "queued", active: "active", deleting: "deleting", error: "error" } as const;
/** Statuses an image may be deleted from (py v4_image_delete: also deactivated/deactivating/reactivating, not emulated). */
export const DELETABLE: readonly string[] = [IMAGE_STATUS.active, IMAGE_STATUS.error, IMAGE_STATUS.deleting];
/** Decision (COVERAGE.md): recipients per image (the real limit is undocumented). */
export const MAX_SHARES = 128;

export const IMAGE_TIMING = {
  /** Copying the source disk into the image: `queued` → `active`. */
  create: "imageCreate",
  /** `deleting` → gone. */
  delete: "imageDelete",
} as const;

export const IMAGE_ACTIONS = { created: "image.created", deleted: "image.deleted" } as const;

const NAME = /^[a-zA-Z][a-zA-Z0-9-]*[a-zA-Z0-9]$/;

/** 2–32 characters, a letter first, letters/digits/`-`, not ending with `-` (py v4_image_create, TF regex). */
export function checkImageName(name: string): void {
  const n = [...name].length;
  if (n < 2 || n > 32) throw new InvalidParameterError(`imageName must be 2-32 characters long (got ${n})`);
  if (!NAME.test(name)) throw new InvalidParameterError("imageName must start with a letter, contain only letters, digits and '-', and not end with '-'");
}

/** 1–128 characters without leading or trailing blanks (py doc). */
export function checkImageDescription(text: string): void {
  if ([...text].length > 128) throw new InvalidParameterError("description must be at most 128 characters long");
  if (text !== text.trim()) throw new InvalidParameterError("description must not start or end with blanks");
}

export function imageInvalidStatus(image: PrivateImageRecord, operation: string, allowed: readonly string[]): EmulatorError {
  return new EmulatorError(IMAGE_INVALID_STATUS, `cannot ${operation} image ${image.imageID} while it is ${image.status} (allowed: ${allowed.join(", ")})`, {
    description: `镜像当前状态(${image.status})不允许该操作`,
  });
}
