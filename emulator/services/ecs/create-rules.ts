/**
 * The stateless parts of create-instance's checks (spec D.7, the create-instance API doc): names,
 * boot disk, user data, billing terms, and the login (a key pair or a password fitting the policy).
 */
import type { EngineContext } from "../../engine/context";
import type { ImageRecord } from "../catalog/records";
import { invalid } from "./errors";
import { defaultUserOf, hashPassword, hostNameViolation, isCanonicalBase64, passwordViolation, type ImageUser, type OsKind } from "./login-rules";
import { COMPUTE_TERMS, requireTermCount } from "../shared/billing";

export const BOOT_DISK_TYPES = ["SATA", "SAS", "SSD", "SSD-genric", "FAST-SSD"] as const;
/** create-instance doc: [image size, 2048] GiB (the TF validator's 32768 is wrong for system disks). */
export const MIN_BOOT_DISK_GB = 40;
export const MAX_BOOT_DISK_GB = 2048;
export const MAX_USER_DATA_LENGTH = 16384;

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
  /** The affinity group the VM is created in (placed on a host its policy allows). */
  readonly affinityGroupID?: string | undefined;
  /** Accepted by the API, not emulated: a non-empty value is refused with a clear message. */
  readonly unsupported: Readonly<Record<string, unknown>>;
}

/** The host name (`instanceName`) and `displayName`. */
export function checkNames(input: CreateInstanceInput, os: OsKind): void {
  const hostProblem = hostNameViolation(input.instanceName, os);
  if (hostProblem) throw invalid(`instanceName ${hostProblem}`);
  const displayLength = Buffer.byteLength(input.displayName, "utf8");
  if (displayLength < 2 || displayLength > 63) throw invalid("displayName must be 2-63 bytes long");
}

/** Boot disk, `extIP`, the keys not emulated, description, voucher and user data. */
export function checkDiskAndExtras(input: CreateInstanceInput, image: ImageRecord): void {
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
}

/** On-demand VMs ignore cycleType/cycleCount (create-instance doc: "填写无效"); subscriptions need both. */
export function checkBilling(input: CreateInstanceInput): { cycleType: string; cycleCount: number; autoRenewStatus: number } {
  const renew = input.autoRenewStatus ?? 0;
  if (renew !== 0 && renew !== 1) throw invalid("autoRenewStatus must be 0 or 1");
  if (input.onDemand) return { cycleType: "", cycleCount: 0, autoRenewStatus: 0 };
  if (input.cycleType !== "MONTH" && input.cycleType !== "YEAR") throw invalid("cycleType must be MONTH or YEAR when onDemand is false");
  return { cycleType: input.cycleType, cycleCount: requireTermCount(input.cycleType, input.cycleCount, COMPUTE_TERMS), autoRenewStatus: renew };
}

/**
 * A key pair (Linux only) or a password checked against the image user's policy. With both, the API
 * doc says only the key pair takes effect: the password is then ignored (and not stored).
 */
export function checkCredentials(
  ctx: EngineContext,
  regionId: string,
  input: Pick<CreateInstanceInput, "keyPairID" | "userPassword" | "userName">,
  os: OsKind,
): { keypairName: string; passwordHash: string } {
  const hasKey = input.keyPairID !== undefined && input.keyPairID !== "";
  const hasPassword = input.userPassword !== undefined && input.userPassword !== "";
  if (!hasKey && !hasPassword) throw invalid("keyPairID or userPassword is required");
  if (hasKey) {
    if (os === "windows") throw invalid("key pairs are not supported for Windows images; set userPassword");
    return { keypairName: ctx.backend("keypair").requireById(regionId, input.keyPairID!).keyPairName, passwordHash: "" };
  }
  let user: ImageUser = defaultUserOf(os);
  if (input.userName !== undefined && input.userName !== "") {
    if (os === "windows" || (input.userName !== "root" && input.userName !== "ecs-user")) throw invalid("userName must be root or ecs-user (Linux images only)");
    user = input.userName;
  }
  const problem = passwordViolation(input.userPassword!, user);
  if (problem) throw invalid(`userPassword ${problem}`);
  return { keypairName: "", passwordHash: hashPassword(ctx.ids, input.userPassword!) };
}
