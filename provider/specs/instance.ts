/**
 * Instance (spec D.7): a VM bought through a billing order.
 *
 * - create: checks what create-instance answers poorly (the flavor exists and sells in the zone,
 *   the image exists and fits, the key pair exists, the password suits the image's user), orders
 *   with the create's clientToken, takes the id from the finished order (`ctx.created` at once, so
 *   a failed boot becomes a partial create), waits until it runs, then stops it if asked to.
 * - update: works from the cloud's current state, so it also resumes a partial create. Order:
 *   display name, security groups (join the new ones, then leave the old), key pair (detach, then
 *   attach), then what needs the VM stopped (flavor order, system disk growth), then what needs it
 *   running (password reset), then the desired status.
 * - delete: stops the VM, unsubscribes it (refund order); a monthly/yearly VM is then
 *   `unsubscribed` and destroyed; waits until instance-details says not found.
 */
import { z } from "zod";
import { waitForOrder } from "../client/orders";
import { DescribeImage, IMAGE_NOT_FOUND, IMAGE_TYPE_CODES, ListFlavors } from "../client/operations/catalog";
import {
  BatchUpdateInstances,
  CreateInstance,
  DestroyInstance,
  INSTANCE_NOT_FOUND,
  JoinSecurityGroup,
  LeaveSecurityGroup,
  ResetPassword,
  UnsubscribeInstance,
  UpdateFlavorSpec,
  type InstanceInfo,
} from "../client/operations/ecs";
import { AttachKeyPair, DetachKeyPair } from "../client/operations/keypair";
import { hasKind, isServiceError } from "../client/errors";
import { catalogCall } from "../lifecycle/catalog-cache";
import type { HandlerContext } from "../lifecycle/context";
import { azName, billing, prefixedId, projectId, regionId, uuid, type Billing } from "../lifecycle/fields";
import { growDisk } from "./disk";
import { defaultImageUser, hostnameProblem, isBase64, passwordProblem, type OsKind } from "./instance-rules";
import {
  describeInstance,
  powerInstance,
  settleInstance,
  systemDiskOf,
  waitForInstanceStatus,
  type SystemDisk,
} from "./instance-state";
import { findKeyPair, keyPairName } from "./key-pair";
import { defineResource, type CheckFailure, type Props } from "../lifecycle/spec";
import { waitForState, waitUntilGone } from "../lifecycle/waits";

/** User-facing system disk types (TF's spelling, `ssd-genric` included) and their API values. */
export const SYSTEM_DISK_TYPES = { sata: "SATA", sas: "SAS", ssd: "SSD", "ssd-genric": "SSD-genric", "fast-ssd": "FAST-SSD" } as const;
type SystemDiskType = keyof typeof SYSTEM_DISK_TYPES;
/** create-instance doc: a system disk of [image size, 2048] GiB. */
export const SYSTEM_DISK_SIZE = { min: 40, max: 2048 } as const;
export const MAX_SECURITY_GROUPS = 10;
export const MAX_USER_DATA_LENGTH = 16384;

function rule<T>(check: (value: T) => string | undefined) {
  return (value: T, ctx: z.RefinementCtx): void => {
    const problem = check(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  };
}

const sizeRule = `must be a whole number of GB from ${SYSTEM_DISK_SIZE.min} to ${SYSTEM_DISK_SIZE.max}`;

const inputs = z.object({
  instanceName: z.string().superRefine(rule((name: string) => hostnameProblem(name))),
  displayName: z
    .string()
    .superRefine(rule((name: string) => (Buffer.byteLength(name, "utf8") < 2 || Buffer.byteLength(name, "utf8") > 63 ? "must be 2-63 bytes long" : undefined)))
    .optional(),
  flavorId: uuid("flavor"),
  imageId: uuid("image"),
  systemDiskType: z.enum(Object.keys(SYSTEM_DISK_TYPES) as [SystemDiskType, ...SystemDiskType[]], { error: `must be one of ${Object.keys(SYSTEM_DISK_TYPES).join(", ")}` }).default("sata"),
  systemDiskSize: z
    .number({ error: sizeRule })
    .refine((n) => Number.isInteger(n) && n >= SYSTEM_DISK_SIZE.min && n <= SYSTEM_DISK_SIZE.max, sizeRule)
    .default(SYSTEM_DISK_SIZE.min),
  vpcId: prefixedId("vpc"),
  subnetId: prefixedId("subnet"),
  securityGroupIds: z
    .array(prefixedId("sg"))
    .min(1, "must list at least one security group")
    .max(MAX_SECURITY_GROUPS, `must list at most ${MAX_SECURITY_GROUPS} security groups`)
    .superRefine(rule((ids: string[]) => (new Set(ids).size === ids.length ? undefined : "must not list a security group twice"))),
  keyPairName: keyPairName.optional(),
  // The reason never contains the password (the engine prints the property itself, as a secret).
  password: z.string().superRefine(rule((password: string) => passwordProblem(password))).optional(),
  userData: z
    .string()
    .superRefine(
      rule((text: string) =>
        text.length < 1 || text.length > MAX_USER_DATA_LENGTH ? `must be 1-${MAX_USER_DATA_LENGTH} characters of base64` : isBase64(text) ? undefined : "must be base64-encoded",
      ),
    )
    .optional(),
  billing: billing({ maxYears: 5 }).default({ mode: "onDemand" }),
  autoRenew: z.boolean().optional(),
  status: z.enum(["running", "stopped"], { error: 'must be "running" or "stopped"' }).default("running"),
  regionId,
  projectId: projectId.optional(),
  azName,
  affinityGroupId: uuid("affinity group").optional(),
});

type InstanceInputs = z.output<typeof inputs>;

export interface InstanceOutputs {
  instanceId: string;
  /** The cloud's status: `running`, `stopped`, or a transitional one while it moves. */
  status: string;
  privateIp: string;
  systemDiskId: string;
  flavorName: string;
  cpu: number;
  /** GB. */
  memory: number;
  /** The public address of an associated EIP, if any. */
  floatingIp: string | undefined;
  /** RFC 3339 end of a monthly/yearly term; undefined on demand. */
  expireTime: string | undefined;
}

const project = (projectID: string | undefined) => (projectID ? { projectID } : {});

function osOf(vm: Pick<InstanceInfo, "osType">): OsKind {
  return vm.osType === 2 ? "windows" : "linux";
}

function masterNic(vm: InstanceInfo) {
  return vm.networkCardList.find((nic) => nic.isMaster) ?? vm.networkCardList[0];
}

function outputsOf(vm: InstanceInfo, disk: SystemDisk): InstanceOutputs {
  return {
    instanceId: vm.instanceID,
    status: vm.instanceStatus,
    privateIp: masterNic(vm)?.IPv4Address ?? vm.privateIP ?? "",
    systemDiskId: disk.diskID,
    flavorName: vm.flavor.flavorName ?? "",
    cpu: vm.flavor.flavorCPU ?? 0,
    memory: vm.flavor.flavorRAM ?? 0,
    floatingIp: vm.floatingIP ? vm.floatingIP : undefined,
    expireTime: vm.expiredTime ? vm.expiredTime : undefined,
  };
}

/** The state's order first (a set to the cloud), so a refresh does not reorder what the user wrote. */
function inStateOrder(ids: readonly string[], state: readonly string[] | undefined): string[] {
  const rank = (id: string) => {
    const i = state?.indexOf(id) ?? -1;
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...ids].sort((a, b) => rank(a) - rank(b));
}

/**
 * The cloud's values of the inputs. Billing terms and autoRenew are not readable (kept from
 * state); the display name is reported when set, or when it no longer equals the host name.
 */
function inputsOf(vm: InstanceInfo, disk: SystemDisk, state: Props): Partial<InstanceInputs> {
  const stateBilling = state["billing"] as Billing | undefined;
  const billingNow: Billing | { mode: "subscription" } = vm.onDemand !== false ? { mode: "onDemand" } : stateBilling && stateBilling.mode !== "onDemand" ? stateBilling : { mode: "subscription" };
  const displayName = state["displayName"] !== undefined || vm.displayName !== vm.instanceName ? vm.displayName : undefined;
  return {
    instanceName: vm.instanceName,
    displayName,
    flavorId: vm.flavor.flavorID,
    imageId: vm.image.imageID,
    systemDiskType: disk.diskDataType.toLowerCase() as SystemDiskType,
    systemDiskSize: disk.diskSize,
    vpcId: vm.vpcID,
    subnetId: masterNic(vm)?.subnetID ?? "",
    securityGroupIds: inStateOrder(
      vm.secGroupList.map((group) => group.securityGroupID),
      state["securityGroupIds"] as string[] | undefined,
    ),
    keyPairName: vm.keypairName ? vm.keypairName : undefined,
    billing: billingNow as Billing,
    status: vm.instanceStatus as InstanceInputs["status"],
    ...(vm.azName ? { azName: vm.azName } : {}),
    // Reported only for an instance created in a group: one joined later (AffinityGroupAttachment) is not drift.
    ...(state["affinityGroupId"] !== undefined ? { affinityGroupId: vm.affinityGroup?.affinityGroupID ?? undefined } : {}),
  };
}

async function currentOutputs(ctx: HandlerContext, regionID: string, instanceID: string): Promise<InstanceOutputs> {
  const vm = await describeInstance(ctx, regionID, instanceID);
  return outputsOf(vm, await systemDiskOf(ctx, regionID, instanceID));
}

/** The flavor must exist in the region and be sold (not sold out) in the zone. */
async function requireFlavor(ctx: HandlerContext, regionID: string, zone: string, flavorID: string): Promise<{ flavorName: string; flavorRAM: number }> {
  const { flavorList } = await catalogCall(ctx, ListFlavors, { regionID, flavorID });
  const flavor = flavorList.find((f) => f.flavorID === flavorID);
  if (!flavor) throw new Error(`flavorId ${flavorID} is not a flavor of region ${regionID}`);
  if (flavor.azList && !flavor.azList.includes(zone)) {
    throw new Error(`flavor ${flavor.flavorName} (${flavorID}) is not sold in availability zone ${zone} (it is sold in: ${flavor.azList.join(", ") || "no zone"})`);
  }
  if (flavor.available === false) throw new Error(`flavor ${flavor.flavorName} (${flavorID}) is sold out in availability zone ${zone}`);
  return { flavorName: flavor.flavorName, flavorRAM: flavor.flavorRAM };
}

async function requireImage(ctx: HandlerContext, regionID: string, imageID: string) {
  try {
    const image = (await catalogCall(ctx, DescribeImage, { regionID, imageID })).images.find((i) => i.imageID === imageID);
    if (image) return image;
  } catch (error) {
    if (!isServiceError(error, IMAGE_NOT_FOUND)) throw error;
  }
  throw new Error(`imageId ${imageID} is not an image of region ${regionID}`);
}

async function requireKeyPairId(ctx: HandlerContext, regionID: string, name: string, projectID: string | undefined): Promise<string> {
  const keyPair = await findKeyPair(ctx, regionID, name, projectID);
  if (!keyPair) throw new Error(`keyPairName ${name}: there is no key pair of that name in region ${regionID}`);
  return keyPair.keyPairID;
}

/** Rules only the chosen image can decide: Windows host names, key pairs and the image user's password rule. */
function imageProblems(os: OsKind, args: Pick<InstanceInputs, "instanceName" | "keyPairName" | "password">): string | undefined {
  const host = hostnameProblem(args.instanceName, os);
  if (host) return `instanceName ${host}`;
  if (os === "windows" && args.keyPairName !== undefined) return "keyPairName: Windows images do not support key pairs; set password instead";
  if (args.password !== undefined) {
    const problem = passwordProblem(args.password, defaultImageUser(os));
    if (problem) return `password ${problem}`;
  }
  return undefined;
}

/** What create-instance needs that the user did not write: imageType, the key pair id. Fails before ordering. */
async function preflight(ctx: HandlerContext, args: InstanceInputs): Promise<{ imageType: number; keyPairID: string | undefined }> {
  const flavor = await requireFlavor(ctx, args.regionId, args.azName, args.flavorId);
  const image = await requireImage(ctx, args.regionId, args.imageId);
  const os: OsKind = image.osType === "windows" ? "windows" : "linux";
  const problem = imageProblems(os, args);
  if (problem) throw new Error(`${problem} (image ${image.imageName})`);
  if (image.minimumRAM && flavor.flavorRAM < image.minimumRAM) {
    throw new Error(`flavor ${flavor.flavorName} has ${flavor.flavorRAM} GB of memory; image ${image.imageName} needs at least ${image.minimumRAM} GB`);
  }
  if (image.diskSize && args.systemDiskSize < image.diskSize) throw new Error(`systemDiskSize must be at least ${image.diskSize} GB for image ${image.imageName}`);
  // A private image is usable once its creation finished (an Image resource waits for that).
  if (image.status && image.status !== "active") throw new Error(`image ${image.imageName} (${image.imageID}) is ${image.status}, not active: it cannot boot an instance yet`);
  const imageType = IMAGE_TYPE_CODES[image.visibility];
  if (imageType === undefined) throw new Error(`image ${image.imageName} has an unknown visibility ${image.visibility}`);
  const keyPairID = args.keyPairName === undefined ? undefined : await requireKeyPairId(ctx, args.regionId, args.keyPairName, args.projectId);
  return { imageType, keyPairID };
}

function wireBilling(value: Billing, autoRenew: boolean | undefined) {
  if (value.mode === "onDemand") return { onDemand: true, cycleCount: 0, autoRenewStatus: 0 as const };
  return { onDemand: false, cycleType: value.mode === "monthly" ? ("MONTH" as const) : ("YEAR" as const), cycleCount: value.count, autoRenewStatus: autoRenew === false ? (0 as const) : (1 as const) };
}

function setDifference(a: readonly string[], b: readonly string[]): string[] {
  return a.filter((x) => !b.includes(x));
}

export const instanceSpec = defineResource({
  type: "Instance",
  inputs,
  outputs: { instanceId: true, status: true, privateIp: true, systemDiskId: true, flavorName: true, cpu: true, memory: true, floatingIp: true, expireTime: true },
  createOnly: ["instanceName", "imageId", "systemDiskType", "vpcId", "subnetId", "userData", "billing", "autoRenew", "regionId", "projectId", "azName", "affinityGroupId"],
  settingDefaults: { regionId: "regionId", projectId: "projectId", azName: "azName" },
  unorderedInputs: ["securityGroupIds"],
  secretInputs: ["password"],
  notFoundCodes: [INSTANCE_NOT_FOUND],
  timeouts: { create: 20 * 60_000, update: 20 * 60_000, delete: 15 * 60_000 },
  idOutput: "instanceId",

  crossCheck(args, known, olds: Props, given) {
    const failures: CheckFailure[] = [];
    // Reported on keyPairName: a failure on password would make the engine print the property.
    if (known("keyPairName") && known("password")) failures.push({ property: "keyPairName", reason: "conflicts with password: set keyPairName or password, not both" });
    else if (!given("keyPairName") && !given("password")) {
      failures.push({ property: "keyPairName", reason: "is required when there is no password: the instance needs a key pair or a password to log in" });
    }
    if (known("autoRenew") && known("billing") && args.billing?.mode === "onDemand") {
      failures.push({ property: "autoRenew", reason: "applies only to monthly or yearly billing" });
    }
    const before = olds?.["systemDiskSize"];
    if (known("systemDiskSize") && typeof before === "number" && args.systemDiskSize !== undefined && args.systemDiskSize < before) {
      failures.push({
        property: "systemDiskSize",
        reason: `cannot shrink from ${before} GB to ${args.systemDiskSize} GB: CTyun disks only grow (replace the instance for a smaller disk)`,
      });
    }
    return failures;
  },

  async create(ctx, args: InstanceInputs) {
    const { imageType, keyPairID } = await preflight(ctx, args);
    const placed = await ctx.client.send(CreateInstance, {
      clientToken: ctx.clientToken,
      regionID: args.regionId,
      azName: args.azName,
      instanceName: args.instanceName,
      displayName: args.displayName ?? args.instanceName,
      flavorID: args.flavorId,
      imageType,
      imageID: args.imageId,
      bootDiskType: SYSTEM_DISK_TYPES[args.systemDiskType],
      bootDiskSize: args.systemDiskSize,
      vpcID: args.vpcId,
      networkCardList: [{ isMaster: true, subnetID: args.subnetId }],
      extIP: "0",
      ...project(args.projectId),
      secGroupList: args.securityGroupIds,
      ...(keyPairID !== undefined ? { keyPairID } : { userPassword: args.password }),
      ...wireBilling(args.billing, args.autoRenew),
      ...(args.userData !== undefined ? { userData: args.userData } : {}),
      payVoucherPrice: 0,
      ...(args.affinityGroupId !== undefined ? { affinityGroupID: args.affinityGroupId } : {}),
    });
    ctx.progress(`ordered instance ${args.instanceName} (order ${placed.masterOrderID})`);
    const order = await waitForOrder(ctx.client, placed.masterOrderID, "order", ctx.waitTiming(`the create order ${placed.masterOrderID}`)).catch((error: unknown) => {
      // The cloud places the VM after accepting the order: a group whose policy has no host left fails it.
      if (args.affinityGroupId !== undefined && hasKind(error, "order-failed")) {
        (error as Error).message += `; the instance was to join affinity group ${args.affinityGroupId}, whose policy may have no host left for it in ${args.azName} (a strict anti-affinity group holds at most one instance per host)`;
      }
      throw error;
    });
    const instanceId = order.resourceIds[0];
    if (instanceId === undefined) throw new Error(`order ${placed.masterOrderID} finished without an instance id`);
    ctx.created(instanceId, { instanceId });
    let vm = await waitForInstanceStatus(ctx, args.regionId, instanceId, "running", ["creating"]);
    if (args.status === "stopped") vm = await powerInstance(ctx, args.regionId, instanceId, "stopped");
    // The wait's last answer is the VM as it is now: no second read of it.
    return { id: instanceId, outputs: outputsOf(vm, await systemDiskOf(ctx, args.regionId, instanceId)) };
  },

  async read(ctx, id, state) {
    const regionID = state["regionId"] as string;
    const vm = await describeInstance(ctx, regionID, id);
    const disk = await systemDiskOf(ctx, regionID, id);
    return { inputs: inputsOf(vm, disk, state), outputs: outputsOf(vm, disk) };
  },

  async update(ctx, id, _olds, news: InstanceInputs, changed) {
    const regionID = news.regionId;
    let vm = await settleInstance(ctx, regionID, id);
    const disk = await systemDiskOf(ctx, regionID, id);
    // Everything that can be refused is checked before anything changes.
    const passwordChanged = changed.includes("password") && news.password !== undefined;
    const problem = imageProblems(osOf(vm), { instanceName: vm.instanceName, keyPairName: news.keyPairName, password: passwordChanged ? news.password : undefined });
    if (problem) throw new Error(problem);
    if (news.systemDiskSize < disk.diskSize) {
      throw new Error(`systemDiskSize cannot shrink from ${disk.diskSize} GB to ${news.systemDiskSize} GB: CTyun disks only grow (replace the instance for a smaller disk)`);
    }
    const flavorChanged = news.flavorId !== vm.flavor.flavorID;
    if (flavorChanged) await requireFlavor(ctx, regionID, vm.azName ?? news.azName, news.flavorId);
    const currentKey = vm.keypairName ? vm.keypairName : undefined;
    if (news.keyPairName !== undefined && news.keyPairName !== currentKey) await requireKeyPairId(ctx, regionID, news.keyPairName, news.projectId);

    const displayName = news.displayName ?? news.instanceName;
    if (displayName !== vm.displayName) await ctx.client.send(BatchUpdateInstances, { regionID, updateInfo: [{ instanceID: id, displayName }] });

    const groups = vm.secGroupList.map((group) => group.securityGroupID);
    for (const securityGroupID of setDifference(news.securityGroupIds, groups)) {
      await ctx.client.send(JoinSecurityGroup, { regionID, securityGroupID, instanceID: id, action: "joinSecurityGroup" });
    }
    for (const securityGroupID of setDifference(groups, news.securityGroupIds)) {
      await ctx.client.send(LeaveSecurityGroup, { regionID, securityGroupID, instanceID: id });
    }

    if (news.keyPairName !== currentKey) {
      if (currentKey !== undefined) await ctx.client.send(DetachKeyPair, { regionID, keyPairName: currentKey, instanceID: id });
      if (news.keyPairName !== undefined) await ctx.client.send(AttachKeyPair, { regionID, keyPairName: news.keyPairName, instanceID: id });
    }

    const grow = news.systemDiskSize > disk.diskSize;
    if ((flavorChanged || grow) && vm.instanceStatus !== "stopped") {
      if (vm.instanceStatus === "shelve") vm = await powerInstance(ctx, regionID, id, "running");
      vm = await powerInstance(ctx, regionID, id, "stopped");
    }
    if (flavorChanged) {
      const placed = await ctx.client.send(UpdateFlavorSpec, { regionID, instanceID: id, flavorID: news.flavorId, clientToken: ctx.clientToken });
      ctx.progress(`changing the flavor of instance ${id} (order ${placed.masterOrderID})`);
      await waitForOrder(ctx.client, placed.masterOrderID, "order", ctx.waitTiming(`the flavor order ${placed.masterOrderID}`));
      vm = await waitForState(
        ctx,
        `instance ${id} to show flavor ${news.flavorId}`,
        () => describeInstance(ctx, regionID, id),
        (current) => current.flavor.flavorID === news.flavorId,
        (current) => `flavor ${current.flavor.flavorName ?? current.flavor.flavorID}`,
      );
    }
    if (grow) await growDisk(ctx, regionID, disk.diskID, news.systemDiskSize);

    // A password is reset on a running VM (API doc): a VM meant to stay stopped is started for it.
    if ((passwordChanged || news.status === "running") && vm.instanceStatus !== "running") vm = await powerInstance(ctx, regionID, id, "running");
    if (passwordChanged) await ctx.client.send(ResetPassword, { regionID, instanceID: id, newPassword: news.password as string });
    if (news.status === "stopped" && vm.instanceStatus !== "stopped") await powerInstance(ctx, regionID, id, "stopped");
    return currentOutputs(ctx, regionID, id);
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    let vm = await settleInstance(ctx, regionID, id);
    if (vm.instanceStatus !== "unsubscribed") {
      if (vm.instanceStatus === "running") vm = await powerInstance(ctx, regionID, id, "stopped");
      const refund = await ctx.client.send(UnsubscribeInstance, { clientToken: ctx.clientToken, regionID, instanceID: id });
      ctx.progress(`unsubscribing instance ${id} (order ${refund.masterOrderID})`);
      await waitForOrder(ctx.client, refund.masterOrderID, "refund", ctx.waitTiming(`the unsubscribe order ${refund.masterOrderID}`));
    }
    if (vm.onDemand === false) {
      // A monthly/yearly VM stays `unsubscribed` (retention) until destroyed.
      const retained = await waitForState(
        ctx,
        `instance ${id} to be unsubscribed`,
        () => describeInstance(ctx, regionID, id),
        (current) => current.instanceStatus === "unsubscribed",
        (current) => current.instanceStatus,
      ).catch((error: unknown) => {
        if (isServiceError(error, INSTANCE_NOT_FOUND)) return undefined;
        throw error;
      });
      if (retained) {
        const destroy = await ctx.client.send(DestroyInstance, { clientToken: ctx.clientToken, regionID, instanceID: id });
        ctx.progress(`destroying unsubscribed instance ${id} (order ${destroy.masterOrderID})`);
        await waitForOrder(ctx.client, destroy.masterOrderID, "refund", ctx.waitTiming(`the destroy order ${destroy.masterOrderID}`));
      }
      await waitUntilGone(ctx, `instance ${id}`, async () => Boolean(await describeInstance(ctx, regionID, id)), [INSTANCE_NOT_FOUND]);
    }
    // An on-demand VM is gone once its unsubscribe order finished (TF's delete returns there too):
    // no read is spent confirming it, and what waits on the VM (its subnet, its groups) starts at once.
  },
});
