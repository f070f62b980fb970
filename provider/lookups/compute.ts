/**
 * Compute and storage lookups: VMs, disks and buckets that already exist.
 */
import { ListEbs } from "../client/operations/ebs";
import { DescribeInstances } from "../client/operations/ecs";
import { ListBuckets } from "../client/operations/zos";
import { allPages, criteriaOf, exactlyOne, lookupContext, matchingName, outputForm, type LookupOptions } from "./lookup";

const PAGE = 50;

/** A VM. */
export interface InstanceInfo {
  /** The VM id (a UUID). */
  readonly instanceId: string;
  /** The instance (host) name. */
  readonly instanceName: string;
  /** The display name shown in the console. */
  readonly displayName: string;
  /** `running`, `stopped`, or a transitional status. */
  readonly status: string;
  /** Its availability zone. */
  readonly azName: string | undefined;
  /** Its flavor id. */
  readonly flavorId: string | undefined;
  /** Its flavor's name, e.g. `s7.large.2`. */
  readonly flavorName: string | undefined;
  /** The image it was created from. */
  readonly imageId: string | undefined;
  /** The first network interface's subnet and private address. */
  readonly subnetId: string | undefined;
  /** The first network interface's private IPv4 address. */
  readonly privateIp: string | undefined;
  /** The security groups it is in. */
  readonly securityGroupIds: readonly string[];
  /** Its key pair, if it logs in with one. */
  readonly keyPairName: string | undefined;
}

export interface GetInstancesArgs extends LookupOptions {
  /** Only VMs in this zone. */
  readonly azName?: string;
  /** Keep VMs whose instance name matches this regular expression. */
  readonly nameRegex?: string;
  /** Only VMs in this status, e.g. `running`. */
  readonly status?: string;
}

export interface GetInstancesResult {
  /** The region searched (32-hex `regionID`). */
  readonly regionId: string;
  /** The VMs found. */
  readonly instances: readonly InstanceInfo[];
  /** The found items' ids, in the same order. */
  readonly ids: readonly string[];
}

/**
 * VMs of the region (`describe-instances`, every page).
 *
 * @example
 * ```ts
 * const { instances } = await ctyun.getInstances({ status: "running", nameRegex: "^web-" });
 * ```
 */
export async function getInstances(args: GetInstancesArgs = {}): Promise<GetInstancesResult> {
  const { client, regionId } = lookupContext(args, "getInstances");
  const rows = await allPages(PAGE, async (pageNo) => {
    const page = await client.send(DescribeInstances, { regionID: regionId, ...(args.azName !== undefined ? { azName: args.azName } : {}), pageNo, pageSize: PAGE });
    return { rows: page.results, total: page.totalCount };
  });
  const instances = matchingName(
    rows.map(
      (vm): InstanceInfo => ({
        instanceId: vm.instanceID,
        instanceName: vm.instanceName ?? "",
        displayName: vm.displayName ?? "",
        status: vm.instanceStatus ?? "",
        azName: vm.azName ?? undefined,
        flavorId: vm.flavor?.flavorID ?? undefined,
        flavorName: vm.flavor?.flavorName ?? undefined,
        imageId: vm.image?.imageID ?? undefined,
        subnetId: vm.networkInfo[0]?.subnetID ?? undefined,
        privateIp: vm.networkInfo[0]?.ipAddress ?? undefined,
        securityGroupIds: vm.secGroupList.map((g) => g.securityGroupID),
        keyPairName: vm.keypairName || undefined,
      }),
    ),
    args.nameRegex,
    (vm) => vm.instanceName,
  )
    .filter((vm) => args.status === undefined || vm.status === args.status)
    .filter((vm) => args.azName === undefined || vm.azName === undefined || vm.azName === args.azName);
  return { regionId, instances, ids: instances.map((vm) => vm.instanceId) };
}

/**
 * The one VM matching the filters.
 *
 * @example
 * ```ts
 * const vm = await ctyun.getInstance({ nameRegex: "^bastion$" });
 * ```
 */
export async function getInstance(args: GetInstancesArgs): Promise<InstanceInfo> {
  const { instances } = await getInstances(args);
  return exactlyOne("VM", criteriaOf(args), instances, (vm) => `${vm.instanceName} (${vm.instanceId}, ${vm.status})`);
}

/** A disk. */
export interface DiskInfo {
  /** The disk id (a UUID) DiskAttachment takes as `diskId`. */
  readonly diskId: string;
  /** The disk name. */
  readonly name: string;
  /** GB. */
  readonly size: number;
  /** The cloud's type, e.g. `SATA`, `SSD`. */
  readonly type: string;
  /** `available`, `in-use`, … */
  readonly status: string;
  /** Its availability zone. */
  readonly azName: string | undefined;
  /** True for a VM's system disk. */
  readonly isSystemVolume: boolean;
  /** True for a shared disk (attachable to several VMs). */
  readonly multiAttach: boolean;
  /** The VMs it is attached to. */
  readonly attachedInstanceIds: readonly string[];
}

export interface GetDisksArgs extends LookupOptions {
  /** Only disks in this zone. */
  readonly azName?: string;
  /** `available`, `in-use`, … */
  readonly status?: string;
  /** Keep disks whose name matches this regular expression. */
  readonly nameRegex?: string;
  /** Include VMs' system disks (default false). */
  readonly includeSystemDisks?: boolean;
}

export interface GetDisksResult {
  /** The region searched (32-hex `regionID`). */
  readonly regionId: string;
  /** The disks found. */
  readonly disks: readonly DiskInfo[];
  /** The found items' ids, in the same order. */
  readonly ids: readonly string[];
}

/**
 * Disks of the region (`list-ebs`, every page).
 *
 * @example
 * ```ts
 * const { disks } = await ctyun.getDisks({ status: "available" });
 * ```
 */
export async function getDisks(args: GetDisksArgs = {}): Promise<GetDisksResult> {
  const { client, regionId } = lookupContext(args, "getDisks");
  const rows = await allPages(PAGE, async (pageNo) => {
    const page = await client.send(ListEbs, {
      regionID: regionId,
      ...(args.azName !== undefined ? { azName: args.azName } : {}),
      ...(args.status !== undefined ? { diskStatus: args.status } : {}),
      pageNo,
      pageSize: PAGE,
    });
    return { rows: page.diskList, total: page.totalCount };
  });
  const disks = matchingName(
    rows.map(
      (d): DiskInfo => ({
        diskId: d.diskID,
        name: d.diskName,
        size: d.diskSize,
        type: d.diskType,
        status: d.diskStatus,
        azName: d.azName ?? undefined,
        isSystemVolume: d.isSystemVolume === true,
        multiAttach: d.multiAttach === true,
        attachedInstanceIds: (d.attachments ?? []).map((a) => a.instanceID),
      }),
    ),
    args.nameRegex,
    (d) => d.name,
  )
    .filter((d) => args.includeSystemDisks === true || !d.isSystemVolume)
    .filter((d) => args.status === undefined || d.status === args.status);
  return { regionId, disks, ids: disks.map((d) => d.diskId) };
}

/**
 * The one disk matching the filters.
 *
 * @example
 * ```ts
 * const disk = await ctyun.getDisk({ nameRegex: "^data-01$" });
 * ```
 */
export async function getDisk(args: GetDisksArgs): Promise<DiskInfo> {
  const { disks } = await getDisks(args);
  return exactlyOne("disk", criteriaOf(args), disks, (d) => `${d.name} (${d.diskId}, ${d.size} GB, ${d.status})`);
}

/** An object-storage bucket. */
export interface BucketInfo {
  /** The bucket name (its id). */
  readonly bucketName: string;
  /** The region the bucket lives in. */
  readonly regionId: string | undefined;
  /** `STANDARD`, `STANDARD_IA` or `GLACIER`. */
  readonly storageType: string | undefined;
  /** `single-az` or `multi-az`. */
  readonly azPolicy: string | undefined;
  /** True when server-side encryption is on. */
  readonly isEncrypted: boolean;
  /** ISO 8601. */
  readonly creationDate: string | undefined;
}

export interface GetBucketsArgs extends LookupOptions {
  /** Keep buckets whose name matches this regular expression. */
  readonly nameRegex?: string;
  /** Every region's buckets, not only the region's (names are unique across regions). */
  readonly allRegions?: boolean;
}

export interface GetBucketsResult {
  /** The buckets found, by name. */
  readonly buckets: readonly BucketInfo[];
  /** The bucket names. */
  readonly ids: readonly string[];
}

/**
 * Buckets of the account in the region, or in every region (`list-buckets`, every page).
 *
 * @example
 * ```ts
 * const { ids } = await ctyun.getBuckets({ allRegions: true });
 * ```
 */
export async function getBuckets(args: GetBucketsArgs = {}): Promise<GetBucketsResult> {
  const { client, regionId } = lookupContext(args, "getBuckets");
  const rows = await allPages(PAGE, async (pageNo) => {
    const page = await client.send(ListBuckets, { regionID: args.allRegions ? "public" : regionId, pageNo, pageSize: PAGE });
    return { rows: page.bucketList, total: page.totalCount };
  });
  const buckets = matchingName(
    rows.map(
      (b): BucketInfo => ({
        bucketName: b.bucket,
        regionId: b.regionID ?? undefined,
        storageType: (b["storageType"] as string | undefined) ?? undefined,
        azPolicy: (b["AZPolicy"] as string | undefined) ?? undefined,
        isEncrypted: b.isEncrypted === true,
        creationDate: b.creationDate ?? undefined,
      }),
    ),
    args.nameRegex,
    (b) => b.bucketName,
  );
  return { buckets, ids: buckets.map((b) => b.bucketName) };
}

/**
 * The one bucket matching the filters.
 *
 * @example
 * ```ts
 * const logs = await ctyun.getBucket({ nameRegex: "^team-logs$", allRegions: true });
 * ```
 */
export async function getBucket(args: GetBucketsArgs): Promise<BucketInfo> {
  const { buckets } = await getBuckets(args);
  return exactlyOne("bucket", criteriaOf(args), buckets, (b) => `${b.bucketName} (${b.regionId ?? "?"})`);
}

/** `getInstances` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getInstancesOutput = outputForm(getInstances);
/** `getInstance` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getInstanceOutput = outputForm(getInstance);
/** `getDisks` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getDisksOutput = outputForm(getDisks);
/** `getDisk` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getDiskOutput = outputForm(getDisk);
/** `getBuckets` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getBucketsOutput = outputForm(getBuckets);
/** `getBucket` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getBucketOutput = outputForm(getBucket);
