/**
 * The ECS answers' shapes with the exact JSON types CTyun clients decode into (spec C.3, D.7):
 * `osType`, `flavorCPU`/`flavorRAM`, `availableDay`, `vipCount`, address `version` integers;
 * `attachedVolume`, `IPv6Address` string arrays; `onDemand`, `isMaster` booleans; times RFC 3339.
 * Computed through the other services' backends: disks (`attachedVolume`, volume/list), the bound
 * EIP (`floatingIP`), security groups (`secGroupList`), the VPC name, subnets, the flavor.
 */
import type { EngineContext } from "../../engine/context";
import type { InstanceRecord } from "./records";

/** What volume/list shows of a disk (`ctx.backend("ebs").disksAttachedTo` rows). */
interface Volume {
  readonly diskID: string;
  readonly diskName: string;
  readonly diskType: string;
  readonly diskMode: string;
  readonly diskSize: number;
  readonly isEncrypt: boolean;
  readonly isSystemVolume: boolean;
  readonly isPackaged?: boolean | undefined;
}

const DAY_MS = 86_400_000;

function flavorView(ctx: EngineContext, regionId: string, flavorID: string): Record<string, unknown> {
  const flavor = ctx.backend("catalog").flavor(regionId, flavorID);
  return {
    flavorID,
    flavorName: flavor?.flavorName ?? "",
    flavorCPU: flavor?.flavorCPU ?? 0,
    flavorRAM: flavor?.flavorRAM ?? 0,
    gpuType: flavor?.gpuType ?? "",
    gpuCount: flavor?.gpuCount ?? 0,
    gpuVendor: flavor?.gpuVendor ?? "",
    videoMemSize: flavor?.videoMemSize ?? 0,
  };
}

/** Days left of a subscription (0 for on-demand VMs and expired ones). */
function availableDays(instance: InstanceRecord, now: number): number {
  if (instance.expiredTime === "") return 0;
  return Math.max(0, Math.ceil((Date.parse(instance.expiredTime) - now) / DAY_MS));
}

/** `instance-details` (and, with fewer fields, each `describe-instances` row). */
export function instanceView(ctx: EngineContext, regionId: string, instance: InstanceRecord, now: number): Record<string, unknown> {
  const vpc = ctx.backend("vpc").find(regionId, instance.vpcID);
  const groups = ctx.backend("securityGroup");
  const subnets = ctx.backend("subnet");
  const region = ctx.backend("catalog").requireRegion(regionId);
  const master = instance.networkCardList.find((nic) => nic.isMaster) ?? instance.networkCardList[0];
  const days = availableDays(instance, now);
  return {
    projectID: instance.projectID,
    azName: instance.azName,
    azDisplayName: region.zones.find((zone) => zone.name === instance.azName)?.azDisplayName ?? "",
    attachedVolume: ctx.backend("ebs").disksAttachedTo(regionId, instance.instanceID).map((disk) => disk.diskID),
    addresses: [
      {
        vpcName: vpc?.name ?? "",
        addressList: instance.networkCardList.map((nic) => ({ addr: nic.IPv4Address, version: 4, type: "fixed", isMaster: nic.isMaster, macAddress: macOf(nic.nicID) })),
      },
    ],
    resourceID: instance.resourceID,
    instanceID: instance.instanceID,
    displayName: instance.displayName,
    instanceName: instance.instanceName,
    instanceDescription: instance.instanceDescription,
    osType: instance.osType,
    instanceStatus: instance.instanceStatus,
    // RFC 3339 for subscriptions; null for on-demand VMs (they never expire).
    expiredTime: instance.expiredTime === "" ? null : instance.expiredTime,
    availableDay: days,
    remainingDay: days,
    updatedTime: instance.updatedTime,
    createdTime: instance.createdTime,
    secGroupList: instance.secGroupIDs.map((id) => ({ securityGroupID: id, securityGroupName: groups.find(regionId, id)?.securityGroupName ?? "" })),
    privateIP: master?.IPv4Address ?? "",
    privateIPv6: "",
    vipInfoList: [],
    vipCount: 0,
    affinityGroup: affinityView(ctx, regionId, instance),
    image: { imageID: instance.imageID, imageName: instance.imageName, supportXssd: true },
    flavor: flavorView(ctx, regionId, instance.flavorID),
    onDemand: instance.onDemand,
    vpcID: instance.vpcID,
    vpcName: vpc?.name ?? "",
    fixedIPList: instance.networkCardList.map((nic) => nic.IPv4Address),
    floatingIP: ctx.backend("eip").boundTo(regionId, instance.instanceID, "INSTANCE")?.eipAddress ?? "",
    subnetIDList: [...new Set(instance.networkCardList.map((nic) => nic.subnetID))],
    // Field names per py ctyunsdk_ecs20220909/models/v4_ecs_instance_details.py (networkCardID, not an
    // invented networkInterfaceID); the NIC's groups are the VM's (the emulator has no per-NIC groups).
    networkCardList: instance.networkCardList.map((nic) => {
      const subnet = subnets.find(regionId, nic.subnetID);
      return {
        IPv4Address: nic.IPv4Address,
        IPv6Address: nic.IPv6Address,
        subnetID: nic.subnetID,
        subnetCidr: subnet?.CIDR ?? "",
        isMaster: nic.isMaster,
        gateway: subnet?.gatewayIP ?? "",
        networkCardID: nic.nicID,
        securityGroup: [...instance.secGroupIDs],
      };
    }),
    // describe-instances rows declare networkInfo[] (py v4_ecs_describe_instances.py); boundType's content is
    // undeclared (a map): empty (inferred).
    networkInfo: instance.networkCardList.map((nic) => ({ subnetID: nic.subnetID, ipAddress: nic.IPv4Address, boundType: {} })),
    keypairName: instance.keypairName,
    deletionProtection: false,
    delegateName: "",
    metadata: {},
    zabbixName: "",
    releaseTime: null,
    dedicatedHostID: "",
    dedicatedHostName: "",
    pciInfo: { nicPciList: instance.networkCardList.map((nic, index) => ({ networkInterfaceID: nic.nicID, pci: `0000:00:${(3 + index).toString(16).padStart(2, "0")}.0` })) },
    labelList: [],
    trustInstance: false,
  };
}

/**
 * `affinityGroup` of instance-details: py names the policy `affinityGroupPolicy`, Go `policy` (api-notes/ecs.md):
 * both, with the policy's name; null for a VM in no group.
 */
function affinityView(ctx: EngineContext, regionId: string, instance: InstanceRecord): Record<string, unknown> | null {
  const affinity = ctx.backend("affinity");
  const group = instance.affinityGroupID ? affinity.find(regionId, instance.affinityGroupID) : undefined;
  if (!group) return null;
  const policy = affinity.policyName(group);
  return { policy, affinityGroupPolicy: policy, affinityGroupName: group.affinityGroupName, affinityGroupID: group.affinityGroupID };
}

/** A stable locally-administered MAC derived from the NIC id. */
function macOf(nicID: string): string {
  const hex = Buffer.from(nicID).toString("hex").padEnd(10, "0").slice(-10);
  return `fa:${hex.match(/../g)!.join(":")}`;
}

/** One `volume/list` row (spec D.7): Chinese `diskType`, upper-case `diskDataType`, integer size. */
export function volumeView(disk: Volume): Record<string, unknown> {
  return {
    diskID: disk.diskID,
    diskName: disk.diskName,
    diskType: disk.isSystemVolume ? "系统盘" : "数据盘",
    diskDataType: disk.diskType,
    diskMode: disk.diskMode,
    diskSize: disk.diskSize,
    isEncrypt: disk.isEncrypt,
    isSystemVolume: disk.isSystemVolume,
    isPackaged: disk.isPackaged ?? disk.isSystemVolume,
  };
}
