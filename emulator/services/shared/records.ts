/**
 * The emulator's data model: the stored record of every resource kind, shared by all services.
 *
 * Services own their kinds (the VPC service writes `vpc` and `subnet` records, the ECS service
 * `instance` and `keyPair`, …) but read each other's to enforce the cloud's cross-service rules:
 * a VPC with subnets cannot be deleted, a subnet with VM NICs neither, a security group in use by a
 * VM neither, an EIP shows which VM it is bound to, a VM lists its disks and its floating IP. This
 * file is that contract. Records keep the wire names of the describe APIs (spec D), so a describe
 * handler mostly returns the record plus computed fields; computed fields are named below and are
 * NOT stored (they would go stale).
 */

export const KIND = {
  vpc: "vpc",
  subnet: "subnet",
  securityGroup: "securityGroup",
  securityGroupRule: "securityGroupRule",
  eip: "eip",
  instance: "instance",
  disk: "disk",
  keyPair: "keyPair",
  bucket: "bucket",
} as const;

/** Owned by the VPC service. Computed on read: `subnetIDs` (from subnet records). */
export interface VpcRecord {
  vpcID: string;
  name: string;
  description: string;
  /** Byte-for-byte as sent (spec D.0.1). */
  CIDR: string;
  ipv6Enabled: boolean;
  enableIpv6: boolean;
  ipv6CIDRS: string[];
  secondaryCIDRs: string[];
  projectID: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * Owned by the VPC service. Computed on read: `availableIpCount`/`availableIPCount` (range size
 * minus reserved addresses minus NICs of instances in the subnet, see ipam.ts), `gateway` (= gatewayIP).
 */
export interface SubnetRecord {
  subnetID: string;
  vpcID: string;
  name: string;
  description: string;
  CIDR: string;
  gatewayIP: string;
  /** First and last assignable IPv4 addresses. */
  start: string;
  end: string;
  dnsList: string[];
  enableIpv6: boolean;
  ipv6CIDR: string;
  ipv6Start: string;
  ipv6End: string;
  ipv6GatewayIP: string;
  /** 0 common, 1 cbm (bare metal). */
  type: 0 | 1;
  availabilityZones: string[];
  routeTableID: string;
  networkAclID: string;
  projectID: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * Owned by the security-group service. Computed on read: `vmNum` (instances whose `secGroupIDs`
 * contain it), `vpcName`, `securityGroupRuleList` (rule records).
 */
/**
 * `origin` of the security group the platform creates for a VPC (the one a VM without groups
 * joins). It belongs to the VPC: deleting the VPC deletes it, unlike the user's groups.
 */
export const PLATFORM_DEFAULT_GROUP_ORIGIN = "default";

export interface SecurityGroupRecord {
  id: string;
  securityGroupName: string;
  vpcID: string;
  description: string;
  origin: string;
  creationTime: string;
  projectID: string;
}

/** Owned by the security-group service. Response enum forms: direction/action lower-case, protocol upper-case. */
export interface SecurityGroupRuleRecord {
  id: string;
  securityGroupID: string;
  direction: "ingress" | "egress";
  action: "accept" | "drop";
  priority: number;
  protocol: "ANY" | "TCP" | "UDP" | "ICMP" | "ICMP6";
  ethertype: "IPv4" | "IPv6";
  destCidrIp: string;
  /** Byte-for-byte as sent: "22", "8000-9000" or "". */
  range: string;
  description: string;
  remoteSecurityGroupID: string;
  prefixListID: string;
  origin: string;
  createTime: string;
}

/**
 * Owned by the EIP service (spec D.5). `status` upper-case: DOWN when unbound, ACTIVE when bound.
 * `associationID` is the bound instance id ("" when unbound); the ECS service reads it to show
 * `floatingIP`.
 */
export interface EipRecord {
  ID: string;
  name: string;
  description: string;
  eipAddress: string;
  associationID: string;
  associationType: "" | "INSTANCE" | "VIP";
  privateIpAddress: string;
  bandwidth: number;
  bandwidthID: string;
  bandwidthType: string;
  status: "ACTIVE" | "DOWN" | "ERROR" | "UPDATING" | "BANDING_OR_UNBANGDING" | "DELETING" | "DELETED" | "EXPIRED";
  /** A JSON string, never an array (spec C.3). */
  tags: string;
  cycleType: "on_demand" | "month" | "year";
  cycleCount: number;
  demandBillingType: string;
  /** Carrier line bought: `163` (default), `bgp`, `chinamobile`, `chinaunicom`. */
  lineType: string;
  projectID: string;
  createdAt: string;
  updatedAt: string;
  /** RFC 3339 end of a subscription; "" for on-demand EIPs (shown as null). */
  expiredAt: string;
  /** The billing resource id (the create order's masterResourceID); absent on records of older versions. */
  resourceID?: string;
}

export interface InstanceNic {
  isMaster: boolean;
  subnetID: string;
  /** Capital `IPv4` as in instance-details. */
  IPv4Address: string;
  IPv6Address: string[];
  nicID: string;
}

/**
 * Owned by the ECS service (spec D.7). Other services read: `instanceID`, `instanceStatus`,
 * `azName`, `vpcID`, `networkCardList`, `secGroupIDs`. Computed on read: `floatingIP` (EIP
 * records), `attachedVolume` (disk records), `secGroupList` (security-group records),
 * `privateIP` (master NIC).
 */
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
}

/**
 * Owned by the EBS service (spec D.8), including system disks, which the ECS service creates when a
 * VM's order completes (`isSystemVolume: true`). Enum forms upper-case for `diskType`/`diskMode`,
 * lower-case `cycleType`. `attachments` lists the VMs the disk is attached to; `instanceID` is the
 * first of them ("" when detached). Times are epoch milliseconds.
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
}

/** Owned by the ECS service (spec D.11). */
export interface KeyPairRecord {
  keyPairID: string;
  keyPairName: string;
  /** Byte-for-byte as imported (spec D.0.1). */
  publicKey: string;
  fingerPrint: string;
  projectID: string;
  /** 0–255 characters (import-keypair `keyPairDescription`), "" when not given. */
  keyPairDescription: string;
}

/** One grant of a bucket ACL, in get-bucket-acl's wire shape (`URI` null when absent). */
export interface BucketAclGrant {
  grantee: { type: "CanonicalUser" | "Group"; ID?: string; displayName?: string; emailAddress?: string; URI: string | null };
  permission: "FULL_CONTROL" | "READ" | "WRITE" | "READ_ACP" | "WRITE_ACP";
}

/** A bucket's access-log delivery (put-bucket-logging's `loggingEnabled`). */
export interface BucketLogging {
  targetBucket: string;
  targetPrefix: string;
  targetGrants: unknown[];
}

/**
 * One object version or delete marker in a bucket. The emulator has no upload API: tests put objects
 * with `PATCH /_emulator/resources/bucket/<name>` `{objects: [{key, size?, versionID?, isDeleteMarker?}]}`;
 * missing fields are filled in when the ZOS service reads the record.
 */
export interface BucketObjectVersion {
  key: string;
  /** `"null"` for objects written while versioning was never enabled or suspended (S3 semantics). */
  versionID: string;
  isDeleteMarker: boolean;
  size: number;
  ETag: string;
  /** Epoch milliseconds. */
  lastModified: number;
  storageClass: string;
}

/**
 * Owned by the ZOS service (spec D.10). The id is the bucket name: names are unique across all
 * regions (and accounts), so `locate(name)` finds a bucket wherever it lives.
 */
export interface BucketRecord {
  bucket: string;
  /** The canned ACL the grants amount to (`private`, `public-read`, `public-read-write`). */
  ACL: string;
  storageType: string;
  AZPolicy: string;
  isEncrypted: boolean;
  cmkUUID: string | null;
  versioning: "Enabled" | "Suspended" | "";
  tagSet: Array<{ key: string; value: string }>;
  projectID: string;
  /** Object versions stored (delete markers excluded), kept equal to `objects` by the ZOS service. */
  objectCount: number;
  ctime: number;
  mtime: number;
  /** The owning account's uid; any other value makes the name one held by another account. */
  owner?: string;
  /** Grants set through put-bucket-acl `accessControlPolicy`; null = the grants of the canned `ACL`. */
  aclGrants?: BucketAclGrant[] | null;
  logging?: BucketLogging | null;
  /** Created with `otherBucketInfo.ObjectLockEnabledForBucket` (versioning then stays enabled). */
  objectLockEnabled?: boolean;
  /** Object versions and delete markers, oldest first. */
  objects?: BucketObjectVersion[];
  /** `propagating` right after create: get-bucket-info does not see the bucket yet (timing `bucketMetadata`). */
  metadataState?: "propagating" | "ready";
}
