/**
 * EBS rules and vocabulary (spec D.8, D.9): error codes, limits, statuses, timing and action names,
 * and the checks that need no stored state (names, zones, subscription terms).
 */
import { EmulatorError, InvalidParameterError, NotFoundError } from "../../errors";
import type { PlacedOrder } from "../../engine/orders";
import type { RegionRecord } from "../catalog/records";
import type { DiskRecord } from "./records";

/** EBS's "not found" (spec C.4): info-ebs and every operation on an unknown disk. */
export const EBS_NOT_FOUND = "ebs.ebsInfo.dataDamaged";
/** A 900 that is not a failure: the order was placed and is still provisioning (spec C.4). */
export const EBS_ORDER_IN_PROGRESS = "ebs.order.inProgress";
/** The documented billing failure code (spec C.1). */
export const EBS_ORDER_FAILED = "Ebs.Order.ProcFailed";
/** Invented: the disk's status does not allow the operation (creating, extending, deleting…). */
export const DISK_INVALID_STATUS = "Ebs.Disk.InvalidStatus";
/** Invented: the VM's status does not allow the operation (attach needs running/stopped/shelve…). */
export const INSTANCE_INVALID_STATUS = "Ebs.Instance.InvalidStatus";
/** Invented: system disks are managed with their VM (no detach, no unsubscribe of their own). */
export const SYSTEM_VOLUME_UNSUPPORTED = "Ebs.Disk.SystemVolumeNotSupported";
/** The ECS service's not-found code, for an unknown `instanceID` (spec C.4). */
export const INSTANCE_NOT_FOUND = "Ecs.Instance.NotFound";

export const DISK_MODES = ["VBD", "ISCSI", "FCSAN"] as const;
export const DISK_TYPES = ["SATA", "SAS", "SSD", "SSD-genric", "FAST-SSD"] as const;
export const DATA_DISK_SIZE = { min: 10, max: 32768 } as const;
/** resize-ebs doc: system disks grow up to 2048 GB. */
export const SYSTEM_DISK_MAX_SIZE = 2048;
export const DISK_NAME_PATTERN = /^[a-zA-Z][0-9a-zA-Z_-]+$/;
export const DISK_NAME_LENGTH = { min: 2, max: 63 } as const;
/** Invented limit (CTyun documents 16 VMs per shared disk in its console help). */
export const MAX_SHARED_ATTACHMENTS = 16;
export const ATTACHABLE_INSTANCE_STATUSES: readonly string[] = ["running", "stopped", "shelve"];
/** Data disks get `/dev/vdb` … `/dev/vdz`; `/dev/vda` is the system disk. */
export const DATA_DEVICES = "bcdefghijklmnopqrstuvwxyz".split("").map((letter) => `/dev/vd${letter}`);

export const DISK_STATUS = {
  creating: "creating",
  available: "available",
  inUse: "in-use",
  attaching: "attaching",
  detaching: "detaching",
  extending: "extending",
  deleting: "deleting",
  error: "error",
} as const;

/** Timing kinds this service adds (emulator README → Timing). */
export const EBS_TIMING = {
  /**
   * new-ebs and resize-ebs orders. `immediate` finishes the order inside the request, which makes
   * the API answer 800 (new-ebs: with `resources[0].diskID`); any other timing answers 900
   * `ebs.order.inProgress` with `masterOrderID` to poll.
   */
  order: "ebsOrder",
  /** creating → available once the create order finished. */
  ready: "diskReady",
  /** attach-ebs job. */
  attach: "attach",
  /** detach-ebs job. */
  detach: "detach",
} as const;

export const EBS_ACTIONS = {
  create: "ebs.create",
  createFailed: "ebs.create-failed",
  resize: "ebs.resize",
  resizeFailed: "ebs.resize-failed",
  refund: "ebs.refund",
  refundFailed: "ebs.refund-failed",
  attach: "ebs.attach",
  attachFailed: "ebs.attach-failed",
  detach: "ebs.detach",
  detachFailed: "ebs.detach-failed",
} as const;

/** What new-ebs asks for, validated by the backend. */
export interface NewDiskRequest {
  readonly diskName: string;
  readonly diskMode: string;
  readonly diskType: string;
  readonly diskSize: number;
  readonly azName: string | undefined;
  readonly onDemand: boolean;
  readonly cycleType: string | undefined;
  readonly cycleCount: number | undefined;
  readonly projectID: string | undefined;
  readonly multiAttach: boolean;
  readonly isEncrypt: boolean;
  readonly kmsUUID: string | undefined;
  readonly labels: ReadonlyArray<{ readonly key: string; readonly value: string }>;
}

/** What new-from-snapshot-ebs-snap asks for: the disk's type, zone and encryption are the snapshot's. */
export interface FromSnapshotRequest {
  readonly snapshotID: string;
  readonly diskName: string;
  readonly diskMode: string;
  readonly diskSize: number;
  readonly onDemand: boolean;
  readonly cycleType: string | undefined;
  readonly cycleCount: number | undefined;
  readonly projectID: string | undefined;
  readonly multiAttach: boolean;
}

/** The parts of a disk record fixed when the order is placed (the rest is filled on completion). */
export type DiskPayload = Omit<DiskRecord, "diskID" | "diskStatus" | "instanceID" | "attachments" | "createTime" | "updateTime" | "expireTime">;

export interface OrderOutcome {
  readonly order: PlacedOrder;
  /** The order finished inside the request (timing `immediate`): the API answers 800. */
  readonly finished: boolean;
  readonly diskID: string;
}

export interface StoredDisk {
  readonly regionId: string;
  readonly disk: DiskRecord;
}

export interface DiskFilter {
  readonly diskStatus?: string | undefined;
  readonly azName?: string | undefined;
  readonly projectID?: string | undefined;
  readonly diskType?: string | undefined;
  readonly diskMode?: string | undefined;
  readonly multiAttach?: boolean | undefined;
  readonly isSystemVolume?: boolean | undefined;
  readonly isEncrypt?: boolean | undefined;
  readonly queryContent?: string | undefined;
}

/** list-ebs `diskStatus` filter words that differ from the statuses themselves. */
export const STATUS_FILTER_ALIASES: Readonly<Record<string, string>> = { attached: DISK_STATUS.inUse, unattached: DISK_STATUS.available };

export function diskNotFound(diskID: string): NotFoundError {
  return new NotFoundError(EBS_NOT_FOUND, `disk ${diskID} does not exist`, { description: "云硬盘不存在" });
}

export function invalidStatus(disk: DiskRecord, operation: string, allowed: readonly string[]): EmulatorError {
  return new EmulatorError(
    DISK_INVALID_STATUS,
    `cannot ${operation} disk ${disk.diskID} while it is ${disk.diskStatus} (allowed: ${allowed.join(", ")})`,
    { description: `云硬盘当前状态(${disk.diskStatus})不允许该操作` },
  );
}

export function systemVolume(disk: DiskRecord, operation: string): EmulatorError {
  const owner = disk.attachments[0]?.instanceID ?? disk.instanceID;
  return new EmulatorError(
    SYSTEM_VOLUME_UNSUPPORTED,
    `disk ${disk.diskID} is the system disk of instance ${owner || "(none)"}: it cannot be ${operation} on its own; manage it through the instance`,
    { description: "系统盘不支持该操作，请通过云主机操作" },
  );
}

export function validateDiskName(name: string): void {
  const length = [...name].length;
  if (length < DISK_NAME_LENGTH.min || length > DISK_NAME_LENGTH.max) {
    throw new InvalidParameterError(`diskName must be ${DISK_NAME_LENGTH.min}-${DISK_NAME_LENGTH.max} characters long (got ${length})`);
  }
  if (!DISK_NAME_PATTERN.test(name)) {
    throw new InvalidParameterError("diskName must start with a letter and contain only letters, digits, '_' and '-'");
  }
}

export function requireZoneForDisk(region: RegionRecord, azName: string | undefined): string {
  const name = azName ?? "";
  if (name === "" && region.isMultiZones) throw new InvalidParameterError(`azName is required in region ${region.regionID}, which has several availability zones`);
  if (name === "" && region.zones[0]) return region.zones[0].name;
  const zone = region.zones.find((candidate) => candidate.name === name);
  if (!zone) throw new InvalidParameterError(`azName ${name} is not an availability zone of region ${region.regionID}`);
  return zone.name;
}
