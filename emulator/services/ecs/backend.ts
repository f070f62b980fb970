/**
 * ECS rules (spec D.7): creating a VM through a billing order after checking everything it refers
 * to, the power state machine, flavor changes, password resets, security-group membership, and
 * unsubscribing. Routes (routes.ts) parse and shape; completion actions live in actions.ts.
 */
import { createHash } from "node:crypto";
import { EmulatorError, InvalidParameterError, NotFoundError, QuotaExceededError } from "../../errors";
import { defaultUserOf, hostNameViolation, isCanonicalBase64, passwordViolation, type ImageUser, type OsKind } from "./login-rules";
import { FLAVOR_KIND, IMAGE_KIND, type FlavorRecord, type ImageRecord } from "../catalog/records";
import { IMAGE_NOT_FOUND_CODE } from "../catalog/backend";
import { usedAddresses } from "../shared/ipam";
import { addressText, addressValue, isIpv4 } from "../shared/ip";
import { KIND, type InstanceRecord, type KeyPairRecord, type SecurityGroupRecord, type SubnetRecord, type VpcRecord } from "../shared/records";
import { requireZone, type RegionRecord } from "../shared/region";
import { normalizeProjectId } from "../shared/rules";
import { ORDER_KIND, ORDER_STATUS, type OrderRecord } from "../../engine/orders";
import type { EngineContext } from "../../engine/context";
import type { OperationContext } from "../types";
import { ensureDefaultSecurityGroup } from "./default-security-group";

export const INSTANCE_NOT_FOUND = "Ecs.Instance.NotFound";
export const STATUS_NOT_RUNNING = "Ecs.Instance.StatusNotRunning";
export const STATUS_NOT_STOPPED = "Ecs.Instance.StatusNotStopped";
/** Invented: the operation is not possible in the VM's current (e.g. transitional) status. */
export const STATUS_INVALID = "Ecs.Instance.StatusInvalid";
/** Invented: no such flavor in the region. */
export const FLAVOR_NOT_FOUND = "Ecs.Flavor.NotFound";
/** Invented: the flavor is sold out or not sold in the VM's availability zone. */
export const FLAVOR_NOT_AVAILABLE = "Ecs.Flavor.NotAvailable";
export const SUBNET_NOT_FOUND = "Openapi.Subnet.NotFound";
export const SECURITY_GROUP_NOT_FOUND = "Openapi.SecurityGroup.NotFound";
const VPC_NOT_FOUND = "Openapi.Vpc.NotFound";

/** Decision (COVERAGE.md): security groups per VM. */
export const MAX_SECURITY_GROUPS = 10;
/** Decision (COVERAGE.md): NICs per VM at create (one master). */
export const MAX_NICS = 5;
export const BOOT_DISK_TYPES = ["SATA", "SAS", "SSD", "SSD-genric", "FAST-SSD"] as const;
/** create-instance doc: [image size, 2048] GiB (the TF validator's 32768 is wrong for system disks). */
export const MIN_BOOT_DISK_GB = 40;
export const MAX_BOOT_DISK_GB = 2048;
export const MAX_USER_DATA_LENGTH = 16384;
/** API doc: cycleCount up to 60 months; YEAR 1–5 (spec D.0.2). */
export const MAX_MONTHS = 60;
export const MAX_YEARS = 5;

/** Statuses in which a VM can be changed (no power transition or order in flight). */
export const SETTLED_STATUSES: readonly string[] = ["running", "stopped", "shelve"];

/** CTyun's integer `osType` (instance-details) from the image's `linux`/`windows`. */
export const OS_TYPE_CODE: Readonly<Record<OsKind, number>> = { linux: 1, windows: 2 };
export function osKindOf(osType: number): OsKind {
  return osType === OS_TYPE_CODE.windows ? "windows" : "linux";
}

/** imageType codes the API takes for each image visibility (TF maps app→4; the doc says 5). */
const IMAGE_TYPE_CODES: Readonly<Record<string, readonly number[]>> = { private: [0], public: [1], shared: [2], safe: [3], app: [4, 5] };

export const instances = (ctx: EngineContext) => ctx.store.collection<InstanceRecord>(KIND.instance);

export function instanceNotFound(instanceID: string): NotFoundError {
  return new NotFoundError(INSTANCE_NOT_FOUND, `instance ${instanceID} not found`, { description: `云主机 ${instanceID} 不存在` });
}

export function requireInstance(ctx: EngineContext, regionId: string, instanceID: string): InstanceRecord {
  const instance = instances(ctx).get(regionId, instanceID);
  if (!instance) throw instanceNotFound(instanceID);
  return instance;
}

export function statusError(code: string, instance: InstanceRecord, wanted: string): EmulatorError {
  return new EmulatorError(code, `instance ${instance.instanceID} is ${instance.instanceStatus}; this operation needs it ${wanted}`, {
    description: `云主机当前状态为${instance.instanceStatus}，不支持该操作`,
  });
}

/** Throws STATUS_INVALID unless the VM is in one of `allowed`. */
export function requireStatus(instance: InstanceRecord, allowed: readonly string[], code = STATUS_INVALID): void {
  if (!allowed.includes(instance.instanceStatus)) throw statusError(code, instance, allowed.join(" or "));
}

function invalid(message: string): InvalidParameterError {
  return new InvalidParameterError(message);
}

/** Salted SHA-256; the password itself is never stored (the record only proves a reset happened). */
export function hashPassword(ctx: EngineContext, password: string): string {
  const salt = ctx.ids.chars("0123456789abcdef", 16);
  return `sha256$${salt}$${createHash("sha256").update(salt).update(password).digest("hex")}`;
}

export function requireFlavorFor(ctx: EngineContext, regionId: string, azName: string, flavorID: string): FlavorRecord {
  const flavor = ctx.store.collection<FlavorRecord>(FLAVOR_KIND).get(regionId, flavorID);
  if (!flavor) throw new NotFoundError(FLAVOR_NOT_FOUND, `flavor ${flavorID} not found`, { description: `规格 ${flavorID} 不存在` });
  if (!flavor.available || !flavor.azList.includes(azName)) {
    throw new EmulatorError(FLAVOR_NOT_AVAILABLE, `flavor ${flavor.flavorName} is not available in ${azName}`, { description: `规格 ${flavor.flavorName} 在该可用区不可用或已售罄` });
  }
  return flavor;
}

/** create-instance takes `flavorName` instead of `flavorID` (the id wins when both are sent). */
function flavorIdByName(ctx: EngineContext, regionId: string, flavorName: string | undefined): string {
  if (flavorName === undefined || flavorName === "") throw invalid("flavorID or flavorName is required");
  const flavor = ctx.store.collection<FlavorRecord>(FLAVOR_KIND).findOne(regionId, (f) => f.flavorName === flavorName);
  if (!flavor) throw new NotFoundError(FLAVOR_NOT_FOUND, `flavor ${flavorName} not found`, { description: `规格 ${flavorName} 不存在` });
  return flavor.flavorID;
}

export function requireSecurityGroupIn(ctx: EngineContext, regionId: string, vpcID: string, securityGroupID: string): SecurityGroupRecord {
  const group = ctx.store.collection<SecurityGroupRecord>(KIND.securityGroup).get(regionId, securityGroupID);
  if (!group) throw new NotFoundError(SECURITY_GROUP_NOT_FOUND, `security group ${securityGroupID} not found`, { description: `安全组 ${securityGroupID} 不存在` });
  if (group.vpcID !== vpcID) throw invalid(`security group ${securityGroupID} belongs to vpc ${group.vpcID}, not ${vpcID}`);
  return group;
}

export interface NicInput {
  readonly isMaster: boolean;
  readonly subnetID: string;
  readonly fixedIP?: string | undefined;
  readonly nicName?: string | undefined;
}

export interface CreateInstanceInput {
  readonly azName: string;
  readonly instanceName: string;
  readonly displayName: string;
  readonly flavorID?: string | undefined;
  readonly flavorName?: string | undefined;
  readonly imageID: string;
  readonly imageType: number;
  readonly bootDiskType: string;
  readonly bootDiskSize: number;
  readonly vpcID: string;
  readonly onDemand: boolean;
  readonly networkCardList: readonly NicInput[];
  readonly extIP: string;
  readonly projectID?: string | undefined;
  readonly secGroupList?: readonly string[] | undefined;
  readonly keyPairID?: string | undefined;
  readonly userPassword?: string | undefined;
  readonly userName?: string | undefined;
  readonly cycleCount?: number | undefined;
  readonly cycleType?: string | undefined;
  readonly autoRenewStatus?: number | undefined;
  readonly userData?: string | undefined;
  readonly payVoucherPrice?: number | undefined;
  readonly instanceDescription?: string | undefined;
  /** Accepted by the API, not emulated: a non-empty value is refused with a clear message. */
  readonly unsupported: Readonly<Record<string, unknown>>;
}

/** What the create order carries to its completion action (no secret: only the password hash). */
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
}

export const CREATE_ACTION = "ecs.create";

/** Addresses promised to VMs whose create orders are still provisioning, per subnet. */
function reservedAddresses(ctx: EngineContext, regionId: string, subnetID: string): Set<string> {
  const reserved = new Set<string>();
  const pending = ctx.store.collection<OrderRecord>(ORDER_KIND).find(regionId, (o) => o.action === CREATE_ACTION && o.status === ORDER_STATUS.provisioning);
  for (const order of pending) {
    for (const nic of (order.payload as CreateOrderPayload).nics) if (nic.subnetID === subnetID) reserved.add(nic.IPv4Address);
  }
  return reserved;
}

/** The lowest free address of the subnet (or `fixed`), not used by a VM nor promised to a pending one. */
function allocateNicAddress(ctx: OperationContext, regionId: string, subnet: SubnetRecord, taken: Set<string>, fixed: string | undefined): string {
  const used = new Set([...usedAddresses(ctx, regionId, subnet.subnetID), ...reservedAddresses(ctx, regionId, subnet.subnetID), ...taken]);
  const first = addressValue(subnet.start);
  const last = addressValue(subnet.end);
  if (fixed !== undefined) {
    const n = isIpv4(fixed) ? addressValue(fixed) : undefined;
    if (n === undefined || n < first || n > last) throw invalid(`fixedIP ${fixed} is not an assignable address of subnet ${subnet.subnetID} (${subnet.start}-${subnet.end})`);
    if (used.has(fixed)) throw invalid(`fixedIP ${fixed} is already in use in subnet ${subnet.subnetID}`);
    return fixed;
  }
  for (let n = first; n <= last; n++) {
    const address = addressText(4, n);
    if (!used.has(address)) return address;
  }
  throw new QuotaExceededError(`subnet ${subnet.subnetID} has no free IPv4 address`, { description: "子网可用IP不足" });
}

/** On-demand VMs ignore cycleType/cycleCount (create-instance doc: "填写无效"); subscriptions need both. */
function checkBilling(input: CreateInstanceInput): { cycleType: string; cycleCount: number; autoRenewStatus: number } {
  const renew = input.autoRenewStatus ?? 0;
  if (renew !== 0 && renew !== 1) throw invalid("autoRenewStatus must be 0 or 1");
  if (input.onDemand) return { cycleType: "", cycleCount: 0, autoRenewStatus: 0 };
  if (input.cycleType !== "MONTH" && input.cycleType !== "YEAR") throw invalid("cycleType must be MONTH or YEAR when onDemand is false");
  const count = input.cycleCount ?? 0;
  const max = input.cycleType === "MONTH" ? MAX_MONTHS : MAX_YEARS;
  if (count < 1 || count > max) throw invalid(`cycleCount must be 1-${max} for cycleType ${input.cycleType}`);
  return { cycleType: input.cycleType, cycleCount: count, autoRenewStatus: renew };
}

/**
 * A key pair (Linux only) or a password checked against the image user's policy. With both, the API
 * doc says only the key pair takes effect: the password is then ignored (and not stored).
 */
function checkCredentials(ctx: OperationContext, regionId: string, input: CreateInstanceInput, os: OsKind): { keypairName: string; passwordHash: string } {
  const hasKey = input.keyPairID !== undefined && input.keyPairID !== "";
  const hasPassword = input.userPassword !== undefined && input.userPassword !== "";
  if (!hasKey && !hasPassword) throw invalid("keyPairID or userPassword is required");
  if (hasKey) {
    if (os === "windows") throw invalid("key pairs are not supported for Windows images; set userPassword");
    const keyPair = ctx.store.collection<KeyPairRecord>(KIND.keyPair).findOne(regionId, (k) => k.keyPairID === input.keyPairID);
    if (!keyPair) throw new NotFoundError(ctx.unknownCodes.pick("keypair-not-found"), `key pair ${input.keyPairID} not found`, { description: `密钥对 ${input.keyPairID} 不存在` });
    return { keypairName: keyPair.keyPairName, passwordHash: "" };
  }
  let user: ImageUser = defaultUserOf(os);
  if (input.userName !== undefined && input.userName !== "") {
    if (os === "windows" || (input.userName !== "root" && input.userName !== "ecs-user")) throw invalid("userName must be root or ecs-user (Linux images only)");
    user = input.userName;
  }
  const problem = passwordViolation(input.userPassword!, user);
  if (problem) throw invalid(`userPassword ${problem}`);
  return { keypairName: "", passwordHash: hashPassword(ctx, input.userPassword!) };
}

/**
 * Validates a create-instance request against the region's catalog and network records and places
 * the billing order; the VM appears when the order completes (actions.ts).
 */
export function createInstance(ctx: OperationContext, region: RegionRecord, input: CreateInstanceInput): { masterOrderID: string; masterOrderNO: string; masterResourceID: string; regionID: string } {
  const regionId = region.regionID;
  const zone = requireZone(region, input.azName);
  const image = ctx.store.collection<ImageRecord>(IMAGE_KIND).get(regionId, input.imageID);
  if (!image) throw new NotFoundError(IMAGE_NOT_FOUND_CODE, `image ${input.imageID} not found`, { description: "镜像不存在" });
  const os: OsKind = image.osType === "windows" ? "windows" : "linux";
  if (!(IMAGE_TYPE_CODES[image.visibility] ?? []).includes(input.imageType)) {
    throw invalid(`imageType ${input.imageType} does not match the ${image.visibility} image ${input.imageID}`);
  }
  const hostProblem = hostNameViolation(input.instanceName, os);
  if (hostProblem) throw invalid(`instanceName ${hostProblem}`);
  const displayLength = Buffer.byteLength(input.displayName, "utf8");
  if (displayLength < 2 || displayLength > 63) throw invalid("displayName must be 2-63 bytes long");
  const flavor = requireFlavorFor(ctx, regionId, zone.name, input.flavorID ?? flavorIdByName(ctx, regionId, input.flavorName));
  if (flavor.flavorRAM < image.minimumRAM) throw invalid(`flavor ${flavor.flavorName} has ${flavor.flavorRAM} GB of memory; image ${image.imageName} needs ${image.minimumRAM} GB`);
  if (!(BOOT_DISK_TYPES as readonly string[]).includes(input.bootDiskType)) throw invalid(`bootDiskType must be one of ${BOOT_DISK_TYPES.join(", ")}`);
  const minDisk = Math.max(MIN_BOOT_DISK_GB, image.diskSize);
  if (input.bootDiskSize < minDisk || input.bootDiskSize > MAX_BOOT_DISK_GB) throw invalid(`bootDiskSize must be ${minDisk}-${MAX_BOOT_DISK_GB} GB for this image`);
  if (input.extIP !== "0") throw invalid("extIP must be 0: the emulator does not allocate public IPs at create (bind an EIP afterwards)");
  for (const [field, value] of Object.entries(input.unsupported)) {
    const given = Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null && value !== "";
    if (given) throw invalid(`${field} is not supported by the emulator`);
  }
  if (input.instanceDescription !== undefined && [...input.instanceDescription].length > 255) throw invalid("instanceDescription must be at most 255 characters long");
  if (input.payVoucherPrice !== undefined && !(input.payVoucherPrice >= 0)) throw invalid("payVoucherPrice must not be negative");
  if (input.userData !== undefined && input.userData !== "") {
    if (input.userData.length > MAX_USER_DATA_LENGTH) throw invalid(`userData must be at most ${MAX_USER_DATA_LENGTH} characters of base64`);
    if (!isCanonicalBase64(input.userData)) throw invalid("userData must be base64-encoded");
  }
  const billing = checkBilling(input);
  const projectID = normalizeProjectId(input.projectID);

  const vpc = ctx.store.collection<VpcRecord>(KIND.vpc).get(regionId, input.vpcID);
  if (!vpc) throw new NotFoundError(VPC_NOT_FOUND, `vpc ${input.vpcID} not found`, { description: `VPC ${input.vpcID} 不存在` });
  if (input.networkCardList.length < 1 || input.networkCardList.length > MAX_NICS) throw invalid(`networkCardList must hold 1-${MAX_NICS} NICs`);
  if (input.networkCardList.filter((nic) => nic.isMaster).length !== 1) throw invalid("networkCardList must contain exactly one NIC with isMaster true");
  const taken = new Set<string>();
  const nics = input.networkCardList.map((nic) => {
    const subnet = ctx.store.collection<SubnetRecord>(KIND.subnet).get(regionId, nic.subnetID);
    if (!subnet) throw new NotFoundError(SUBNET_NOT_FOUND, `subnet ${nic.subnetID} not found`, { description: `子网 ${nic.subnetID} 不存在` });
    if (subnet.vpcID !== vpc.vpcID) throw invalid(`subnet ${nic.subnetID} belongs to vpc ${subnet.vpcID}, not ${vpc.vpcID}`);
    if (subnet.availabilityZones.length > 0 && !subnet.availabilityZones.includes(zone.name)) throw invalid(`subnet ${nic.subnetID} is not available in ${zone.name}`);
    const address = allocateNicAddress(ctx, regionId, subnet, taken, nic.fixedIP === "" ? undefined : nic.fixedIP);
    taken.add(address);
    return { isMaster: nic.isMaster, subnetID: nic.subnetID, IPv4Address: address };
  });
  // The master NIC first, as instance-details lists it.
  nics.sort((a, b) => Number(b.isMaster) - Number(a.isMaster));

  const requested = input.secGroupList ?? [];
  if (new Set(requested).size !== requested.length) throw invalid("secGroupList contains duplicates");
  if (requested.length > MAX_SECURITY_GROUPS) throw invalid(`secGroupList may hold at most ${MAX_SECURITY_GROUPS} security groups`);
  for (const id of requested) requireSecurityGroupIn(ctx, regionId, vpc.vpcID, id);
  const credentials = checkCredentials(ctx, regionId, input, os);
  const secGroupIDs = requested.length > 0 ? [...requested] : [ensureDefaultSecurityGroup(ctx, regionId, vpc).id];

  const instanceID = ctx.ids.uuid();
  const resourceID = ctx.ids.hex32();
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
  };
  const order = ctx.orders.place({ kind: "create", regionId, resourceType: "VM", resourceIds: [instanceID], action: CREATE_ACTION, payload });
  return { masterOrderID: order.masterOrderID, masterOrderNO: order.masterOrderNO, masterResourceID: resourceID, regionID: regionId };
}

type PowerOp = "stop" | "start" | "shelve";

const POWER: Readonly<Record<PowerOp, { from: readonly string[]; code: string; wanted: string; via: string; to: string; task: string }>> = {
  stop: { from: ["running"], code: STATUS_NOT_RUNNING, wanted: "running", via: "stopping", to: "stopped", task: "StopInstance" },
  shelve: { from: ["running"], code: STATUS_NOT_RUNNING, wanted: "running", via: "shelving", to: "shelve", task: "ShelveInstance" },
  start: { from: ["stopped", "shelve"], code: STATUS_NOT_STOPPED, wanted: "stopped", via: "starting", to: "running", task: "StartInstance" },
};

/**
 * Starts a power transition: the transitional status (`stopping`, `starting`, `shelving`) is
 * visible at once (spec D.7), the target when the `power` timing says so. Returns the job id.
 */
export function powerOperation(ctx: OperationContext, regionId: string, instanceID: string, op: PowerOp): string {
  const instance = requireInstance(ctx, regionId, instanceID);
  const rule = POWER[op];
  if (!rule.from.includes(instance.instanceStatus)) throw statusError(rule.code, instance, rule.wanted);
  ctx.transitions.schedule(KIND.instance, { regionId, id: instanceID }, { via: rule.via, to: rule.to, field: "instanceStatus", timing: "power" });
  touch(ctx, regionId, instanceID);
  return ctx.jobs.start({ regionId, resourceId: instanceID, taskName: rule.task });
}

export function touch(ctx: OperationContext, regionId: string, instanceID: string, change: Partial<InstanceRecord> = {}): InstanceRecord {
  return instances(ctx).update(regionId, instanceID, { ...change, updatedTime: new Date(ctx.now).toISOString() }) as InstanceRecord;
}

interface AttributeUpdate {
  readonly instanceID: string;
  readonly displayName?: string | undefined;
  readonly instanceDescription?: string | undefined;
}

/** batch-update-instances: all rows are checked before any is applied (all or nothing). */
export function updateInstanceAttributes(ctx: OperationContext, regionId: string, updates: readonly AttributeUpdate[]): InstanceRecord[] {
  for (const update of updates) {
    requireInstance(ctx, regionId, update.instanceID);
    if (update.displayName === undefined && update.instanceDescription === undefined) throw invalid(`updateInfo for ${update.instanceID} changes nothing`);
    const length = update.displayName === undefined ? 2 : Buffer.byteLength(update.displayName, "utf8");
    if (length < 2 || length > 63) throw invalid("displayName must be 2-63 bytes long");
  }
  return updates.map((update) =>
    touch(ctx, regionId, update.instanceID, {
      ...(update.displayName === undefined ? {} : { displayName: update.displayName }),
      ...(update.instanceDescription === undefined ? {} : { instanceDescription: update.instanceDescription }),
    }),
  );
}

export const UPDATE_FLAVOR_ACTION = "ecs.update-flavor";

/** A flavor change needs a stopped VM and goes through a modify order; the flavor changes when it completes. */
export function updateFlavor(ctx: OperationContext, regionId: string, instanceID: string, flavorID: string): { masterOrderID: string; masterOrderNO: string; regionID: string } {
  const instance = requireInstance(ctx, regionId, instanceID);
  if (instance.instanceStatus !== "stopped") throw statusError(STATUS_NOT_STOPPED, instance, "stopped");
  if (flavorID === instance.flavorID) throw invalid(`instance ${instanceID} already has flavor ${flavorID}`);
  const flavor = requireFlavorFor(ctx, regionId, instance.azName, flavorID);
  const image = ctx.store.collection<ImageRecord>(IMAGE_KIND).get(regionId, instance.imageID);
  if (image && flavor.flavorRAM < image.minimumRAM) throw invalid(`flavor ${flavor.flavorName} has too little memory for image ${image.imageName}`);
  const order = ctx.orders.place({ kind: "modify", regionId, resourceType: "VM", resourceIds: [instanceID], action: UPDATE_FLAVOR_ACTION, payload: { instanceID, flavorID } });
  return { masterOrderID: order.masterOrderID, masterOrderNO: order.masterOrderNO, regionID: regionId };
}

/** Synchronous; the VM must be running (API doc). The policy's user-name rule uses `userName` or the OS default. */
export function resetPassword(ctx: OperationContext, regionId: string, instanceID: string, newPassword: string, userName: string | undefined): void {
  const instance = requireInstance(ctx, regionId, instanceID);
  if (instance.instanceStatus !== "running") throw statusError(STATUS_NOT_RUNNING, instance, "running");
  const os = osKindOf(instance.osType);
  let user: ImageUser = defaultUserOf(os);
  if (userName !== undefined && userName !== "") {
    // Windows user names are case-insensitive, Linux ones case-sensitive (reset-password doc).
    const name = os === "windows" ? userName.toLowerCase() : userName;
    const users: readonly ImageUser[] = os === "windows" ? ["administrator"] : ["root", "ecs-user"];
    const known = users.find((candidate) => candidate === name);
    if (!known) throw invalid(`userName must be ${users.join(" or ")} for this ${os} image`);
    user = known;
  }
  const problem = passwordViolation(newPassword, user);
  if (problem) throw invalid(`newPassword ${problem}`);
  touch(ctx, regionId, instanceID, { passwordHash: hashPassword(ctx, newPassword) });
}

export function joinSecurityGroup(ctx: OperationContext, regionId: string, instanceID: string, securityGroupID: string): void {
  const instance = requireInstance(ctx, regionId, instanceID);
  requireStatus(instance, SETTLED_STATUSES);
  requireSecurityGroupIn(ctx, regionId, instance.vpcID, securityGroupID);
  if (instance.secGroupIDs.includes(securityGroupID)) throw invalid(`security group ${securityGroupID} is already bound to instance ${instanceID}`);
  if (instance.secGroupIDs.length >= MAX_SECURITY_GROUPS) throw new QuotaExceededError(`an instance can be in at most ${MAX_SECURITY_GROUPS} security groups`);
  touch(ctx, regionId, instanceID, { secGroupIDs: [...instance.secGroupIDs, securityGroupID] });
}

/** Decision (COVERAGE.md): a VM keeps at least one security group; leaving the last one is refused. */
export function leaveSecurityGroup(ctx: OperationContext, regionId: string, instanceID: string, securityGroupID: string): void {
  const instance = requireInstance(ctx, regionId, instanceID);
  requireStatus(instance, SETTLED_STATUSES);
  if (!ctx.store.collection<SecurityGroupRecord>(KIND.securityGroup).has(regionId, securityGroupID)) {
    throw new NotFoundError(SECURITY_GROUP_NOT_FOUND, `security group ${securityGroupID} not found`, { description: `安全组 ${securityGroupID} 不存在` });
  }
  if (!instance.secGroupIDs.includes(securityGroupID)) throw invalid(`security group ${securityGroupID} is not bound to instance ${instanceID}`);
  if (instance.secGroupIDs.length === 1) throw invalid(`security group ${securityGroupID} is the last one of instance ${instanceID}; join another one first`);
  touch(ctx, regionId, instanceID, { secGroupIDs: instance.secGroupIDs.filter((id) => id !== securityGroupID) });
}

export const UNSUBSCRIBE_ACTION = "ecs.unsubscribe";
export const UNSUBSCRIBE_FAILED_ACTION = "ecs.unsubscribe-failed";
export const DESTROY_ACTION = "ecs.destroy";
/** Statuses from which a VM may be unsubscribed (decision: running VMs too, as the console allows). */
export const UNSUBSCRIBABLE_STATUSES: readonly string[] = ["running", "stopped", "shelve", "error", "expired"];

/**
 * 退订: a refund order. The VM shows `unsubscribing` until it completes; then an on-demand VM is
 * gone, a subscription VM is `unsubscribed` (kept until destroy-instance).
 */
export function unsubscribeInstance(ctx: OperationContext, regionId: string, instanceID: string, options: { deleteVolume: boolean; deleteEIP: boolean }): { masterOrderID: string; masterOrderNO: string; regionID: string } {
  const instance = requireInstance(ctx, regionId, instanceID);
  if (options.deleteVolume) throw invalid("deleteVolume true is not supported by the emulator: data disks are detached and kept");
  if (options.deleteEIP) throw invalid("deleteEIP true is not supported by the emulator: EIPs are unbound and kept");
  requireStatus(instance, UNSUBSCRIBABLE_STATUSES);
  touch(ctx, regionId, instanceID, { instanceStatus: "unsubscribing" });
  const order = ctx.orders.place({
    kind: "refund",
    regionId,
    resourceType: "VM",
    resourceIds: [instanceID],
    action: UNSUBSCRIBE_ACTION,
    failAction: UNSUBSCRIBE_FAILED_ACTION,
    payload: { instanceID, previousStatus: instance.instanceStatus },
  });
  return { masterOrderID: order.masterOrderID, masterOrderNO: order.masterOrderNO, regionID: regionId };
}

/** 销毁: only an unsubscribed (subscription) VM; a refund order removes it for good. */
export function destroyInstance(ctx: OperationContext, regionId: string, instanceID: string): { masterOrderID: string; masterOrderNO: string; regionID: string } {
  const instance = requireInstance(ctx, regionId, instanceID);
  requireStatus(instance, ["unsubscribed"]);
  const order = ctx.orders.place({ kind: "refund", regionId, resourceType: "VM", resourceIds: [instanceID], action: DESTROY_ACTION, payload: { instanceID } });
  return { masterOrderID: order.masterOrderID, masterOrderNO: order.masterOrderNO, regionID: regionId };
}

export interface InstanceFilter {
  readonly azName?: string | undefined;
  readonly projectID?: string | undefined;
  readonly instanceName?: string | undefined;
  readonly instanceIDs?: readonly string[] | undefined;
  readonly vpcID?: string | undefined;
  readonly state?: string | undefined;
}

export function listInstances(ctx: OperationContext, regionId: string, filter: InstanceFilter): InstanceRecord[] {
  const projectID = filter.projectID ? normalizeProjectId(filter.projectID) : undefined;
  return instances(ctx).find(
    regionId,
    (vm) =>
      (!filter.azName || vm.azName === filter.azName) &&
      (!projectID || vm.projectID === projectID) &&
      (!filter.instanceName || vm.instanceName.includes(filter.instanceName)) &&
      (!filter.instanceIDs || filter.instanceIDs.includes(vm.instanceID)) &&
      (!filter.vpcID || vm.vpcID === filter.vpcID) &&
      (!filter.state || vm.instanceStatus === filter.state),
  );
}
