/**
 * pulumi-ctyun: Pulumi resources for China Telecom Cloud (CTyun) over its EOP OpenAPI.
 *
 * Named exports only: the public surface is listed here, file by file.
 */
export { signRequest, signCanonical, formatEopDate, parseEopDate, computeSignature, stringToSign } from "./client/signer";
export type { SignRequestInput, SignedHeaders, SignCanonicalInput } from "./client/signer";
export { canonicalQuery, queryEscape, sha256Hex } from "./client/canonical";
export type { QueryPair } from "./client/canonical";
export { createClient, withSendDefaults } from "./client/client";
export type { ClientOptions, CtyunClient, Credentials, SendOptions, AttemptEvent, DelayEvent } from "./client/client";
export { AdaptiveRateLimiter, DEFAULT_RATE_LIMIT } from "./client/rate-limiter";
export type { AdaptiveRateLimitOptions, RateLimitState } from "./client/rate-limiter";
export type { Transport, TransportOptions, HttpRequest, HttpResponse } from "./client/transport";
export { defineOperation } from "./client/operation";
export type { Operation, RequestOf, ResultOf, Idempotency } from "./client/operation";
export { endpointFor, defaultEndpoint, SERVICES } from "./client/endpoints";
export type { ServiceName } from "./client/endpoints";
export { waitUntil } from "./client/waiter";
export type { WaitOptions, Acceptance } from "./client/waiter";
export { waitForOrder, waitForJob } from "./client/orders";
export type { OrderResult, WaitTiming } from "./client/orders";
export { DEFAULT_RETRY } from "./client/retry";
export type { RetryOptions } from "./client/retry";
export type { RuntimeDeps } from "./client/deps";
export {
  CtyunError,
  CtyunServiceError,
  CtyunHttpError,
  CtyunNetworkError,
  CtyunTimeoutError,
  ResponseShapeError,
  InvalidRequestError,
  OrderFailedError,
  JobFailedError,
  WaiterTimeoutError,
  CtyunAbortedError,
  CtyunConfigError,
  isCtyunError,
  isServiceError,
} from "./client/errors";
export type { CtyunErrorKind, RequestMeta, AnyCtyunError } from "./client/errors";
export { asCtyunError, hasKind, failureCode } from "./client/errors";
export { resolveSettings, CONFIG_KEYS, ENV_VARS } from "./config";
export type { Settings, StackConfig, SettingName } from "./config";
export { Vpc } from "./resources/vpc";
export type { VpcArgs } from "./resources/vpc";
export type { CommonArgs, TimeoutsArgs, ReadArgs } from "./resources/common";

// SecurityGroup, SecurityGroupRule
export { SecurityGroup } from "./resources/security-group";
export type { SecurityGroupArgs } from "./resources/security-group";
export { SecurityGroupRule } from "./resources/security-group-rule";
export type {
  SecurityGroupRuleArgs,
  SecurityGroupRuleAction,
  SecurityGroupRuleDirection,
  SecurityGroupRuleEtherType,
  SecurityGroupRuleProtocol,
} from "./resources/security-group-rule";

// Subnet
export { Subnet } from "./resources/subnet";
export type { SubnetArgs, SubnetType } from "./resources/subnet";

// Bucket
export { Bucket } from "./resources/bucket";
export type { BucketArgs, BucketAcl, BucketAzPolicy, BucketStorageType } from "./resources/bucket";
// BucketObject
export { BucketObject } from "./resources/bucket-object";
export type { BucketObjectArgs, BucketObjectAcl, BucketObjectStorageType } from "./resources/bucket-object";

// Instance, KeyPair
export { Instance } from "./resources/instance";
export type { InstanceArgs, InstanceBillingArgs, InstanceBilling, InstanceSystemDiskType } from "./resources/instance";
export { KeyPair } from "./resources/key-pair";
export type { KeyPairArgs } from "./resources/key-pair";

// Disk, DiskAttachment
export { Disk } from "./resources/disk";
export type { DiskArgs, DiskBillingArgs, DiskBilling, DiskType, DiskMode } from "./resources/disk";
export { DiskAttachment } from "./resources/disk-attachment";
export type { DiskAttachmentArgs } from "./resources/disk-attachment";

// Eip, EipAssociation
export { Eip } from "./resources/eip";
export type { EipArgs, EipBillingArgs, EipBilling } from "./resources/eip";
export { EipAssociation } from "./resources/eip-association";
export type { EipAssociationArgs } from "./resources/eip-association";

// Lookups: each a plain async function and an `…Output` form taking `pulumi.Input`s.
export {
  getRegions,
  getRegionsOutput,
  getRegion,
  getRegionOutput,
  getZones,
  getZonesOutput,
  getFlavors,
  getFlavorsOutput,
  getFlavor,
  getFlavorOutput,
  getImages,
  getImagesOutput,
  getImage,
  getImageOutput,
} from "./lookups/catalog";
export { IMAGE_VISIBILITY_CODES } from "./client/operations/catalog";
export type {
  RegionInfo,
  GetRegionsArgs,
  GetRegionsResult,
  ZoneInfo,
  GetZonesResult,
  FlavorInfo,
  GetFlavorsArgs,
  GetFlavorsResult,
  ImageInfo,
  ImageVisibility,
  GetImagesArgs,
  GetImagesResult,
} from "./lookups/catalog";
export {
  getVpcs,
  getVpcsOutput,
  getVpc,
  getVpcOutput,
  getSubnets,
  getSubnetsOutput,
  getSubnet,
  getSubnetOutput,
  getSecurityGroups,
  getSecurityGroupsOutput,
  getSecurityGroup,
  getSecurityGroupOutput,
  getEips,
  getEipsOutput,
  getEip,
  getEipOutput,
} from "./lookups/network";
export type {
  VpcInfo,
  GetVpcsArgs,
  GetVpcsResult,
  SubnetInfo,
  GetSubnetsArgs,
  GetSubnetsResult,
  SecurityGroupInfo,
  GetSecurityGroupsArgs,
  GetSecurityGroupsResult,
  EipInfo,
  GetEipsArgs,
  GetEipsResult,
} from "./lookups/network";
export {
  getInstances,
  getInstancesOutput,
  getInstance,
  getInstanceOutput,
  getDisks,
  getDisksOutput,
  getDisk,
  getDiskOutput,
  getBuckets,
  getBucketsOutput,
  getBucket,
  getBucketOutput,
} from "./lookups/compute";
export type {
  InstanceInfo,
  GetInstancesArgs,
  GetInstancesResult,
  DiskInfo,
  GetDisksArgs,
  GetDisksResult,
  BucketInfo,
  GetBucketsArgs,
  GetBucketsResult,
} from "./lookups/compute";
export { getBucketObjects, getBucketObjectsOutput } from "./lookups/storage";
export type { BucketObjectInfo, GetBucketObjectsArgs, GetBucketObjectsResult } from "./lookups/storage";
export type { LookupOptions, InputArgs } from "./lookups/lookup";
