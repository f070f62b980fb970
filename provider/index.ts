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

// LoadBalancer, Listener, ListenerRule, TargetGroup, Target, HealthCheck, Certificate (ELB)
export { LoadBalancer } from "./resources/load-balancer";
export type { LoadBalancerArgs, LoadBalancerBillingArgs, LoadBalancerBilling, LoadBalancerSpecName, LoadBalancerType } from "./resources/load-balancer";
export { Listener } from "./resources/listener";
export type { ListenerArgs, ListenerProtocol } from "./resources/listener";
export { ListenerRule } from "./resources/listener-rule";
export type { ListenerRuleArgs, ListenerRulePathMatch } from "./resources/listener-rule";
export { TargetGroup } from "./resources/target-group";
export type { TargetGroupArgs, TargetGroupProtocol, TargetGroupAlgorithm, TargetGroupStickySession } from "./resources/target-group";
export { Target } from "./resources/target";
export type { TargetArgs } from "./resources/target";
export { HealthCheck } from "./resources/health-check";
export type { HealthCheckArgs, HealthCheckProtocol, HealthCheckHttpMethod, HealthCheckExpectedCode } from "./resources/health-check";
export { Certificate } from "./resources/certificate";
export type { CertificateArgs, CertificateType } from "./resources/certificate";
// ScalingConfig, ScalingGroup, ScalingPolicy
export { ScalingConfig } from "./resources/scaling-config";
export type { ScalingConfigArgs, ScalingDataDiskArgs, ScalingDataDisk, ScalingDiskType } from "./resources/scaling-config";
export { ScalingGroup } from "./resources/scaling-group";
export type { ScalingGroupArgs, ScalingLoadBalancerArgs, ScalingLoadBalancer, ScalingMoveOutStrategy } from "./resources/scaling-group";
export { ScalingPolicy } from "./resources/scaling-policy";
export type { ScalingPolicyArgs, ScalingAlarmArgs, ScalingAlarm, ScalingAlarmMetric } from "./resources/scaling-policy";
// DiskSnapshot, DiskSnapshotPolicy, DiskSnapshotPolicyAttachment
export { DiskSnapshot } from "./resources/disk-snapshot";
export type { DiskSnapshotArgs } from "./resources/disk-snapshot";
export { DiskSnapshotPolicy } from "./resources/disk-snapshot-policy";
export type { DiskSnapshotPolicyArgs } from "./resources/disk-snapshot-policy";
export { DiskSnapshotPolicyAttachment } from "./resources/disk-snapshot-policy-attachment";
export type { DiskSnapshotPolicyAttachmentArgs } from "./resources/disk-snapshot-policy-attachment";

// AffinityGroup, AffinityGroupAttachment
export { AffinityGroup } from "./resources/affinity-group";
export type { AffinityGroupArgs, AffinityGroupPolicy } from "./resources/affinity-group";
export { AffinityGroupAttachment } from "./resources/affinity-group-attachment";
export type { AffinityGroupAttachmentArgs } from "./resources/affinity-group-attachment";

// Image, InstanceSnapshot
export { Image } from "./resources/image";
export type { ImageArgs } from "./resources/image";
export { InstanceSnapshot } from "./resources/instance-snapshot";
export type { InstanceSnapshotArgs } from "./resources/instance-snapshot";
// NatGateway, SnatRule, DnatRule
export { NatGateway } from "./resources/nat-gateway";
export type { NatGatewayArgs, NatGatewaySpec, NatGatewayBillingArgs, NatGatewayBilling } from "./resources/nat-gateway";
export { SnatRule } from "./resources/snat-rule";
export type { SnatRuleArgs } from "./resources/snat-rule";
export { DnatRule } from "./resources/dnat-rule";
export type { DnatRuleArgs, DnatRuleProtocol, DnatRuleReadArgs } from "./resources/dnat-rule";

// RouteTable, RouteTableRule, RouteTableAssociation
export { RouteTable } from "./resources/route-table";
export type { RouteTableArgs } from "./resources/route-table";
export { RouteTableRule } from "./resources/route-table-rule";
export type { RouteTableRuleArgs, RouteTableRuleNextHopType, RouteTableRuleReadArgs } from "./resources/route-table-rule";
export { RouteTableAssociation } from "./resources/route-table-association";
export type { RouteTableAssociationArgs } from "./resources/route-table-association";

// Bandwidth, BandwidthEipAttachment
export { Bandwidth } from "./resources/bandwidth";
export type { BandwidthArgs, BandwidthBillingArgs, BandwidthBilling } from "./resources/bandwidth";
export { BandwidthEipAttachment } from "./resources/bandwidth-eip-attachment";
export type { BandwidthEipAttachmentArgs } from "./resources/bandwidth-eip-attachment";

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
export {
  getLoadBalancers,
  getLoadBalancersOutput,
  getLoadBalancer,
  getLoadBalancerOutput,
  getCertificates,
  getCertificatesOutput,
  getCertificate,
  getCertificateOutput,
} from "./lookups/load-balancing";
export type {
  LoadBalancerInfo,
  GetLoadBalancersArgs,
  GetLoadBalancersResult,
  CertificateInfo,
  GetCertificatesArgs,
  GetCertificatesResult,
} from "./lookups/load-balancing";
export { getScalingGroups, getScalingGroupsOutput, getScalingGroup, getScalingGroupOutput } from "./lookups/scaling";
export type { ScalingGroupInfo, GetScalingGroupsArgs, GetScalingGroupsResult } from "./lookups/scaling";
export {
  getNatGateways,
  getNatGatewaysOutput,
  getNatGateway,
  getNatGatewayOutput,
  getRouteTables,
  getRouteTablesOutput,
  getRouteTable,
  getRouteTableOutput,
  getBandwidths,
  getBandwidthsOutput,
  getBandwidth,
  getBandwidthOutput,
} from "./lookups/network-edge";
export type {
  NatGatewayInfo,
  GetNatGatewaysArgs,
  GetNatGatewaysResult,
  RouteTableInfo,
  GetRouteTablesArgs,
  GetRouteTablesResult,
  BandwidthInfo,
  GetBandwidthsArgs,
  GetBandwidthsResult,
} from "./lookups/network-edge";
export { getBucketObjects, getBucketObjectsOutput } from "./lookups/storage";
export type { BucketObjectInfo, GetBucketObjectsArgs, GetBucketObjectsResult } from "./lookups/storage";
export { getDiskSnapshots, getDiskSnapshotsOutput, getDiskSnapshot, getDiskSnapshotOutput } from "./lookups/snapshots";
export type { DiskSnapshotInfo, GetDiskSnapshotsArgs, GetDiskSnapshotsResult } from "./lookups/snapshots";
export type { LookupOptions, InputArgs } from "./lookups/lookup";
