/**
 * The EBS service's records (spec D.8): data disks and the system disks it makes for VMs
 * (`ctx.backend("ebs").createSystemDisk`). Only this service writes them.
 */

export const DISK_KIND = "disk";

/**
 * Enum forms upper-case for `diskType`/`diskMode`, lower-case `cycleType`. `attachments` lists the
 * VMs the disk is attached to; `instanceID` is the first of them ("" when detached). Times are epoch
 * milliseconds.
 */
export interface DiskRecord {
  diskID: string;
  diskName: string;
  diskSize: number;
  diskType: string;
  diskMode: string;
  diskStatus: string;
  azName: string;
  isSystemVolume: boolean;
  multiAttach: boolean;
  isEncrypt: boolean;
  kmsUUID: string;
  instanceID: string;
  attachments: Array<{ instanceID: string; attachmentID: string; device: string }>;
  onDemand: boolean;
  cycleType: string;
  cycleCount: number;
  projectID: string;
  createTime: number;
  updateTime: number;
  expireTime: number;
  /** Ordered together with a VM (`isPackaged` in info-ebs); absent means "= isSystemVolume". */
  isPackaged?: boolean;
  /** Tags given to new-ebs (`labels[]{key,value}`), each with the `labelId` info-ebs shows. */
  labels?: Array<{ key: string; value: string; labelId: string }>;
  /** The snapshot the disk was made from (new-from-snapshot-ebs-snap); absent otherwise. */
  volumeSource?: string;
}

/** A data disk bought together with a VM (a launch template's data volume): in use by it from the start. */
export interface PackagedDataDiskSpec {
  readonly diskType: string;
  readonly diskSize: number;
  /** `VBD` or `ISCSI`. */
  readonly diskMode: string;
}
