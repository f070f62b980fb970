/**
 * The ECS service's records: VM instances (spec D.7). Only this service writes them (a key pair is
 * bound through `ctx.backend("ecs").bindKeyPair`). Computed on read, never stored: `floatingIP` (the
 * EIP bound to the VM), `attachedVolume` (its disks), `secGroupList` (group names), `privateIP`
 * (master NIC).
 */

export const INSTANCE_KIND = "instance";

export interface InstanceNic {
  isMaster: boolean;
  subnetID: string;
  /** Capital `IPv4` as in instance-details. */
  IPv4Address: string;
  IPv6Address: string[];
  nicID: string;
}

export interface InstanceRecord {
  instanceID: string;
  instanceName: string;
  displayName: string;
  instanceStatus: string;
  azName: string;
  projectID: string;
  vpcID: string;
  networkCardList: InstanceNic[];
  /** Security groups in join order. */
  secGroupIDs: string[];
  flavorID: string;
  imageID: string;
  keypairName: string;
  /** Never the password itself: a salted hash, to show that reset-password happened. */
  passwordHash: string;
  userData: string;
  onDemand: boolean;
  cycleType: string;
  cycleCount: number;
  autoRenewStatus: number;
  /** The system disk the EBS service made for the VM (`ctx.backend("ebs").createSystemDisk`). */
  systemDiskID: string;
  createdTime: string;
  updatedTime: string;
  expiredTime: string;
  /** CTyun's integer OS type from the image at create time: 1 Linux, 2 Windows. */
  osType: number;
  /** The image name at create time (instance-details `image.imageName`). */
  imageName: string;
  /** The billing resource id of the VM (`masterResourceID` of its create order, `resourceID` in details). */
  resourceID: string;
  /** 0–255 characters (create-instance `instanceDescription`). */
  instanceDescription: string;
  /** The affinity group the VM is in ("" or absent: none; the affinity-group service's records). */
  affinityGroupID?: string;
  /** The physical host the VM runs on, chosen at boot (ctx.backend("affinity").place); never shown by an API. */
  hostID?: string;
}

/** Decision (COVERAGE.md): security groups per VM. */
export const MAX_SECURITY_GROUPS = 10;

/** Statuses in which a VM can be changed (no power transition or order in flight). */
export const SETTLED_STATUSES: readonly string[] = ["running", "stopped", "shelve"];

/** CTyun's integer `osType` (instance-details) from the image's `linux`/`windows`. */
export const OS_TYPE_CODE = { linux: 1, windows: 2 } as const;

/** Order actions of the ECS service (orders name them; index.ts registers them). */
export const ECS_ACTIONS = {
  create: "ecs.create",
  updateFlavor: "ecs.update-flavor",
  unsubscribe: "ecs.unsubscribe",
  unsubscribeFailed: "ecs.unsubscribe-failed",
  destroy: "ecs.destroy",
} as const;
