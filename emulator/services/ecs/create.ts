/**
 * Creating a VM (spec D.7): create-instance checks everything the VM refers to (image, flavor,
 * zone, VPC, subnets and their free addresses, security groups, key pair or password) and places a
 * billing order; when the order completes the VM appears booting (`creating` → `running` on the
 * `boot` timing) with a system disk the EBS service makes for it.
 */
import type { EngineContext } from "../../engine/context";
import type { OrderRecord } from "../../engine/orders";
import { QuotaExceededError } from "../../errors";
import type { RegionRecord } from "../catalog/records";
import { subscriptionEnd } from "../shared/billing";
import { normalizeProjectId } from "../shared/rules";
import type { PackagedDataDiskSpec } from "../ebs/records";
import type { SubnetRecord } from "../vpc/records";
import { invalid } from "./errors";
import { flavorIdByName, requireFlavorFor } from "./flavors";
import { checkBilling, checkCredentials, checkDiskAndExtras, checkNames, type CreateInstanceInput } from "./create-rules";
import { ECS_ACTIONS, INSTANCE_KIND, MAX_SECURITY_GROUPS, OS_TYPE_CODE, type InstanceRecord } from "./records";

/** Decision (COVERAGE.md): NICs per VM at create (one master). */
export const MAX_NICS = 5;
/** imageType codes the API takes for each image visibility (TF maps app→4; the doc says 5). */
const IMAGE_TYPE_CODES: Readonly<Record<string, readonly number[]>> = { private: [0], public: [1], shared: [2], safe: [3], app: [4, 5] };

/** A login checked before the order (InstanceLaunches.prepareLogin): no password travels again. */
export interface PreparedLogin {
  readonly [key: string]: unknown;
  /** The key pair's id ("" for a password login); it must still exist when the VM is ordered. */
  readonly keyPairID: string;
  readonly passwordHash: string;
}

/** What a launch on a user's behalf adds to a create-instance request (ecs/launch.ts). */
export interface LaunchExtras {
  readonly login?: PreparedLogin;
  readonly dataDisks?: readonly PackagedDataDiskSpec[];
}

/** What the create order carries to its completion (no secret: only the password hash). */
export interface CreateOrderPayload {
  readonly [key: string]: unknown;
  readonly instanceID: string;
  readonly resourceID: string;
  readonly azName: string;
  readonly projectID: string;
  readonly instanceName: string;
  readonly displayName: string;
  readonly flavorID: string;
  readonly imageID: string;
  readonly imageName: string;
  readonly osType: number;
  readonly bootDiskType: string;
  readonly bootDiskSize: number;
  readonly vpcID: string;
  readonly nics: ReadonlyArray<{ isMaster: boolean; subnetID: string; IPv4Address: string }>;
  readonly secGroupIDs: readonly string[];
  readonly keypairName: string;
  readonly passwordHash: string;
  readonly userData: string;
  readonly onDemand: boolean;
  readonly cycleType: string;
  readonly cycleCount: number;
  readonly autoRenewStatus: number;
  readonly instanceDescription: string;
  readonly affinityGroupID: string;
  /** Packaged data disks (launched VMs only; absent in orders placed before they existed). */
  readonly dataDisks?: readonly PackagedDataDiskSpec[];
}

/** A placed create order: create-instance's answer, and the id the VM will have. */
export interface PlacedCreate {
  readonly answer: { masterOrderID: string; masterOrderNO: string; masterResourceID: string; regionID: string };
  readonly instanceID: string;
}

export class InstanceCreation {
  constructor(private readonly ctx: EngineContext) {}

  private get instances() {
    return this.ctx.store.collection<InstanceRecord>(INSTANCE_KIND);
  }

  /** Validates a create-instance request and places the billing order; the VM appears when it completes. */
  place(region: RegionRecord, input: CreateInstanceInput): PlacedCreate["answer"] {
    return this.placeOrder(region, input, {}).answer;
  }

  /**
   * `place`, plus what a launch on a user's behalf brings: a login checked earlier instead of a
   * password, and packaged data disks (each checked by the EBS service's rules).
   */
  placeOrder(region: RegionRecord, input: CreateInstanceInput, extras: LaunchExtras): PlacedCreate {
    const regionId = region.regionID;
    const zone = this.ctx.backend("catalog").requireZone(region, input.azName);
    const image = this.ctx.backend("image").bootable(regionId, input.imageID);
    const os = image.osType === "windows" ? "windows" : "linux";
    if (!(IMAGE_TYPE_CODES[image.visibility] ?? []).includes(input.imageType)) {
      throw invalid(`imageType ${input.imageType} does not match the ${image.visibility} image ${input.imageID}`);
    }
    checkNames(input, os);
    const flavor = requireFlavorFor(this.ctx, regionId, zone.name, input.flavorID ?? flavorIdByName(this.ctx, regionId, input.flavorName));
    if (flavor.flavorRAM < image.minimumRAM) throw invalid(`flavor ${flavor.flavorName} has ${flavor.flavorRAM} GB of memory; image ${image.imageName} needs ${image.minimumRAM} GB`);
    checkDiskAndExtras(input, image);
    const billing = checkBilling(input);
    const projectID = normalizeProjectId(input.projectID);

    const vpc = this.ctx.backend("vpc").require(regionId, input.vpcID);
    if (input.networkCardList.length < 1 || input.networkCardList.length > MAX_NICS) throw invalid(`networkCardList must hold 1-${MAX_NICS} NICs`);
    if (input.networkCardList.filter((nic) => nic.isMaster).length !== 1) throw invalid("networkCardList must contain exactly one NIC with isMaster true");
    const taken = new Set<string>();
    const nics = input.networkCardList.map((nic) => {
      const subnet = this.ctx.backend("subnet").require(regionId, nic.subnetID);
      if (subnet.vpcID !== vpc.vpcID) throw invalid(`subnet ${nic.subnetID} belongs to vpc ${subnet.vpcID}, not ${vpc.vpcID}`);
      if (subnet.availabilityZones.length > 0 && !subnet.availabilityZones.includes(zone.name)) throw invalid(`subnet ${nic.subnetID} is not available in ${zone.name}`);
      const address = this.allocateAddress(regionId, subnet, taken, nic.fixedIP === "" ? undefined : nic.fixedIP);
      taken.add(address);
      return { isMaster: nic.isMaster, subnetID: nic.subnetID, IPv4Address: address };
    });
    // The master NIC first, as instance-details lists it.
    nics.sort((a, b) => Number(b.isMaster) - Number(a.isMaster));

    const requested = input.secGroupList ?? [];
    if (new Set(requested).size !== requested.length) throw invalid("secGroupList contains duplicates");
    if (requested.length > MAX_SECURITY_GROUPS) throw invalid(`secGroupList may hold at most ${MAX_SECURITY_GROUPS} security groups`);
    const groups = this.ctx.backend("securityGroup");
    for (const id of requested) groups.requireInVpc(regionId, vpc.vpcID, id);
    const credentials = extras.login ? this.preparedCredentials(regionId, extras.login) : checkCredentials(this.ctx, regionId, input, os);
    const dataDisks = extras.dataDisks ?? [];
    for (const disk of dataDisks) {
      const problem = this.ctx.backend("ebs").packagedDataDiskProblem(disk);
      if (problem) throw invalid(problem);
    }
    const affinityGroupID = input.affinityGroupID ? this.ctx.backend("affinity").require(regionId, input.affinityGroupID).affinityGroupID : "";
    const secGroupIDs = requested.length > 0 ? [...requested] : [groups.ensureDefault(regionId, vpc).id];

    const instanceID = this.ctx.ids.uuid();
    const resourceID = this.ctx.ids.hex32();
    const payload: CreateOrderPayload = {
      instanceID,
      resourceID,
      azName: zone.name,
      projectID,
      instanceName: input.instanceName,
      displayName: input.displayName,
      flavorID: flavor.flavorID,
      imageID: image.imageID,
      imageName: image.imageName,
      osType: OS_TYPE_CODE[os],
      bootDiskType: input.bootDiskType,
      bootDiskSize: input.bootDiskSize,
      vpcID: vpc.vpcID,
      nics,
      secGroupIDs,
      ...credentials,
      userData: input.userData ?? "",
      onDemand: input.onDemand,
      ...billing,
      instanceDescription: input.instanceDescription ?? "",
      ...(dataDisks.length > 0 ? { dataDisks: dataDisks.map((disk) => ({ diskType: disk.diskType, diskSize: disk.diskSize, diskMode: disk.diskMode })) } : {}),
      affinityGroupID,
    };
    const order = this.ctx.orders.place({ kind: "create", regionId, resourceType: "VM", resourceIds: [instanceID], action: ECS_ACTIONS.create, payload });
    return { answer: { masterOrderID: order.masterOrderID, masterOrderNO: order.masterOrderNO, masterResourceID: resourceID, regionID: regionId }, instanceID };
  }

  /** A prepared login: the key pair must still exist (its current name is what the VM shows). */
  private preparedCredentials(regionId: string, login: PreparedLogin): { keypairName: string; passwordHash: string } {
    if (login.keyPairID === "") return { keypairName: "", passwordHash: login.passwordHash };
    return { keypairName: this.ctx.backend("keypair").requireById(regionId, login.keyPairID).keyPairName, passwordHash: "" };
  }

  /** Addresses promised to VMs whose create orders are still provisioning, in one subnet. */
  private reservedAddresses(regionId: string, subnetID: string): Set<string> {
    const reserved = new Set<string>();
    for (const order of this.ctx.orders.inProgress(regionId, (o) => o.action === ECS_ACTIONS.create)) {
      for (const nic of (order.payload as CreateOrderPayload).nics) if (nic.subnetID === subnetID) reserved.add(nic.IPv4Address);
    }
    return reserved;
  }

  /** The subnet's lowest free address (or `fixed`), not held by anything nor promised to a pending VM. */
  private allocateAddress(regionId: string, subnet: SubnetRecord, taken: ReadonlySet<string>, fixed: string | undefined): string {
    const subnets = this.ctx.backend("subnet");
    const exclude = new Set([...this.reservedAddresses(regionId, subnet.subnetID), ...taken]);
    if (fixed !== undefined) {
      const problem = subnets.addressProblem(regionId, subnet, fixed, exclude);
      if (problem === "outside") throw invalid(`fixedIP ${fixed} is not an assignable address of subnet ${subnet.subnetID} (${subnet.start}-${subnet.end})`);
      if (problem === "taken") throw invalid(`fixedIP ${fixed} is already in use in subnet ${subnet.subnetID}`);
      return fixed;
    }
    const address = subnets.freeAddress(regionId, subnet, exclude);
    if (address === undefined) throw new QuotaExceededError(`subnet ${subnet.subnetID} has no free IPv4 address`, { description: "子网可用IP不足" });
    return address;
  }

  /** The create order completed: the VM appears, booting, with its system disk. */
  complete(order: OrderRecord): void {
    const p = order.payload as CreateOrderPayload;
    const regionId = order.regionId;
    // What the order refers to may have gone while it was provisioning: then provisioning fails ("5").
    if (!this.ctx.backend("vpc").find(regionId, p.vpcID)) throw new Error(`vpc ${p.vpcID} no longer exists`);
    for (const nic of p.nics) {
      if (!this.ctx.backend("subnet").find(regionId, nic.subnetID)) throw new Error(`subnet ${nic.subnetID} no longer exists`);
      const holder = this.instances.findOne(regionId, (vm) => vm.networkCardList.some((other) => other.subnetID === nic.subnetID && other.IPv4Address === nic.IPv4Address));
      if (holder) throw new Error(`address ${nic.IPv4Address} was taken by instance ${holder.instanceID}`);
    }
    for (const id of p.secGroupIDs) {
      if (!this.ctx.backend("securityGroup").find(regionId, id)) throw new Error(`security group ${id} no longer exists`);
    }
    // Placement happens now, after the order was accepted: a group whose policy has no host left
    // fails the order ("5"), as on OpenStack-based clouds (inferred, api-notes/affinity-group.md).
    const groupID = p.affinityGroupID ?? "";
    const hostID = this.ctx.backend("affinity").place(regionId, p.azName, groupID || undefined);
    if (hostID === undefined) throw new Error(`no host in ${p.azName} can run the instance under the policy of affinity group ${groupID}`);
    const now = this.ctx.clock();
    const at = new Date(now).toISOString();
    // The disk's lower-case cycle type (EBS convention) is also what subscriptionEnd takes.
    const cycleType = p.onDemand ? "on_demand" : p.cycleType === "YEAR" ? "year" : "month";
    const expireTime = p.onDemand ? 0 : subscriptionEnd(now, cycleType, p.cycleCount);
    const owner = { instanceID: p.instanceID, azName: p.azName, onDemand: p.onDemand, cycleType, cycleCount: p.cycleCount, projectID: p.projectID, expireTime };
    const systemDiskID = this.ctx.backend("ebs").createSystemDisk(regionId, { ...owner, diskSize: p.bootDiskSize, diskType: p.bootDiskType });
    this.ctx.backend("ebs").createPackagedDataDisks(regionId, owner, p.dataDisks ?? []);
    this.instances.insert(regionId, p.instanceID, {
      instanceID: p.instanceID,
      instanceName: p.instanceName,
      displayName: p.displayName,
      instanceStatus: "creating",
      azName: p.azName,
      projectID: p.projectID,
      vpcID: p.vpcID,
      networkCardList: p.nics.map((nic) => ({ isMaster: nic.isMaster, subnetID: nic.subnetID, IPv4Address: nic.IPv4Address, IPv6Address: [], nicID: this.ctx.ids.prefixed("port") })),
      secGroupIDs: [...p.secGroupIDs],
      flavorID: p.flavorID,
      imageID: p.imageID,
      keypairName: p.keypairName,
      passwordHash: p.passwordHash,
      userData: p.userData,
      onDemand: p.onDemand,
      cycleType: p.cycleType,
      cycleCount: p.cycleCount,
      autoRenewStatus: p.autoRenewStatus,
      systemDiskID,
      createdTime: at,
      updatedTime: at,
      expiredTime: p.onDemand ? "" : new Date(expireTime).toISOString(),
      osType: p.osType,
      imageName: p.imageName,
      resourceID: p.resourceID,
      instanceDescription: p.instanceDescription,
      affinityGroupID: groupID,
      hostID,
    });
    // Booting is visible at once; a failed boot (timing `boot` fail) leaves the VM stopped.
    this.ctx.transitions.schedule(INSTANCE_KIND, { regionId, id: p.instanceID }, { via: "creating", to: "running", field: "instanceStatus", timing: "boot", failTo: "stopped" });
  }
}
