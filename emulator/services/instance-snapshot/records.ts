/** The instance snapshot service's records (api-notes/snapshot.md §3): snapshots of a whole VM. */

export const INSTANCE_SNAPSHOT_KIND = "instanceSnapshot";

/** One disk of the VM, as the snapshot's `members[]` show it (each with its own disk-level snapshot). */
export interface SnapshotMember {
  diskType: string;
  diskID: string;
  diskName: string;
  isBootable: boolean;
  isEncrypt: boolean;
  diskSize: number;
  diskSnapshotID: string;
}

export interface InstanceSnapshotRecord {
  snapshotID: string;
  snapshotName: string;
  snapshotDescription: string;
  /** `pending`, `available`, `error` (`restoring` is not emulated). */
  snapshotStatus: string;
  instanceID: string;
  instanceName: string;
  azName: string;
  projectID: string;
  /** The VM's image, flavor and OS when the snapshot was taken (an image made from the snapshot inherits them). */
  imageID: string;
  flavorID: string;
  osType: number;
  members: SnapshotMember[];
  /** RFC 3339. */
  createdTime: string;
  updatedTime: string;
  /** The VM's status before it went `snapshotting`, restored when the snapshot is taken. */
  instanceStatusBefore: string;
}
