/**
 * ScalingConfig (emulator/api-notes/scaling.md §1): a launch template for a ScalingGroup's VMs —
 * image (public or private), flavor by name, system and data disks, login, security groups, zones.
 * Everything but the region updates in place (config-update); VMs already running keep what they
 * were launched with.
 *
 * - create: config-create has no clientToken; config names are unique per region (inferred), so a
 *   repeated create is refused and a config of this name is taken over only when this create's
 *   earlier attempt may have made it. Zones default to those of the region where the flavor sells.
 * - read: config-list by id; after any refusal the whole list decides whether it is gone.
 * - delete: refused while groups use it: retried while the list of groups shows one that does.
 */
import { z } from "zod";
import { isServiceError } from "../client/errors";
import { GetZones, ListFlavors } from "../client/operations/catalog";
import { CreateScalingConfig, DeleteScalingConfig, UpdateScalingConfig, type ScalingConfigInfo } from "../client/operations/scaling";
import type { HandlerContext } from "../lifecycle/context";
import { regionId, uuid } from "../lifecycle/fields";
import { mayBeOwnEarlierWork } from "../lifecycle/ownership";
import { defineResource, type CheckFailure, type Props } from "../lifecycle/spec";
import { retryWhileHeld, waitUntilGone } from "../lifecycle/waits";
import { defaultImageUser, passwordProblem } from "./instance-rules";
import { findKeyPair, keyPairName } from "./key-pair";
import { allConfigs, findConfig, groupsUsingConfig, imageOf } from "./scaling-reads";

/** Disk types a launch template takes (py-sc `volumeType`, lower-cased as Instance spells them); the region decides which exist. */
export const SCALING_DISK_TYPES = {
  sata: "SATA",
  sas: "SAS",
  ssd: "SSD",
  "ssd-genric": "SSD-genric",
  "sata-kunpeng": "SATA-KUNPENG",
  "sata-haiguang": "SATA-HAIGUANG",
  "sas-kunpeng": "SAS-KUNPENG",
  "sas-haiguang": "SAS-HAIGUANG",
} as const;
type DiskType = keyof typeof SCALING_DISK_TYPES;
const DISK_TYPE_NAMES = Object.keys(SCALING_DISK_TYPES) as [DiskType, ...DiskType[]];
/** create-instance doc: [image size, 2048] GB; new-ebs doc: data disks 10–32768 GB; TF: 8 data disks at most. */
export const SCALING_DISKS = { system: { min: 40, max: 2048 }, data: { min: 10, max: 32768 }, maxData: 8 } as const;
/** TF validator_scaling_config: 2–15 letters, digits, `-`, `.`; no leading/trailing/doubled `-`/`.`; not digits only. */
const CONFIG_NAME = /^(?!.*[-.]{2})(?![-.])(?!.*[-.]$)(?!\d+$)[a-zA-Z0-9.-]{2,15}$/;

function wholeNumber(min: number, max: number) {
  const rule = `must be a whole number of GB from ${min} to ${max}`;
  return z.number({ error: rule }).refine((n) => Number.isInteger(n) && n >= min && n <= max, rule);
}

const diskType = z.enum(DISK_TYPE_NAMES, { error: `must be one of ${DISK_TYPE_NAMES.join(", ")}` });

const inputs = z.object({
  name: z.string().regex(CONFIG_NAME, "must be 2-15 letters, digits, '-' or '.', not only digits, not starting or ending with '-' or '.', without two of them in a row"),
  imageId: uuid("image"),
  flavorName: z.string().min(1, "must name a flavor, e.g. s7.large.2"),
  systemDiskType: diskType.default("sata"),
  systemDiskSize: wholeNumber(SCALING_DISKS.system.min, SCALING_DISKS.system.max).default(SCALING_DISKS.system.min),
  dataDisks: z
    .array(z.strictObject({ type: diskType, size: wholeNumber(SCALING_DISKS.data.min, SCALING_DISKS.data.max), mode: z.enum(["vbd", "iscsi"], { error: 'must be "vbd" or "iscsi"' }).default("vbd") }))
    .max(SCALING_DISKS.maxData, `must list at most ${SCALING_DISKS.maxData} data disks`)
    .default([]),
  keyPairName: keyPairName.optional(),
  // The reason never contains the password (the engine prints the property itself, as a secret).
  password: z
    .string()
    .superRefine((value, ctx) => {
      const problem = passwordProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .optional(),
  securityGroupIds: z.array(z.string().min(1)).max(10, "must list at most 10 security groups").optional(),
  azNames: z.array(z.string().min(1)).min(1, "must list at least one zone").optional(),
  tags: z.record(z.string(), z.string()).optional(),
  monitoring: z.boolean().default(true),
  regionId,
});

type ConfigInputs = z.output<typeof inputs>;

export interface ScalingConfigOutputs {
  configId: string;
  /** `linux` or `windows`, from the image. */
  osType: string;
  /** vCPUs of the flavor. */
  cpu: number;
  /** Memory of the flavor in GB. */
  memory: number;
  /** The image's name. */
  imageName: string;
  /** The zones VMs are launched in (empty in single-zone regions). */
  zones: string[];
}

function osOf(config: ScalingConfigInfo): "linux" | "windows" {
  return config.osType === 2 ? "windows" : "linux";
}

function outputsOf(config: ScalingConfigInfo): ScalingConfigOutputs {
  return {
    configId: String(config.configID),
    osType: osOf(config),
    cpu: config.cpu ?? 0,
    memory: config.memory ?? 0,
    imageName: config.imageName ?? "",
    zones: config.azNames ? config.azNames.split(",").filter((zone) => zone !== "") : [],
  };
}

/** The state's order first (a set to the cloud), so a refresh does not reorder what the user wrote. */
function inStateOrder(ids: readonly string[], state: unknown): string[] {
  const order = Array.isArray(state) ? (state as string[]) : [];
  const rank = (id: string): number => (order.includes(id) ? order.indexOf(id) : Number.MAX_SAFE_INTEGER);
  return [...ids].sort((a, b) => rank(a) - rank(b));
}

function typeName(wire: string): DiskType {
  return (DISK_TYPE_NAMES.find((name) => SCALING_DISK_TYPES[name] === wire) ?? "sata") as DiskType;
}

/** The cloud's values of the inputs. The password cannot be read (kept from state); zones only when the program set them. */
function inputsOf(config: ScalingConfigInfo, state: Props): Partial<ConfigInputs> {
  const system = config.volumes.find((v) => v.flag === 1);
  const tags = Object.fromEntries(config.tags.map((t) => [t.key, t.value]));
  return {
    name: config.name,
    imageId: config.imageID,
    flavorName: config.specName,
    systemDiskType: typeName(system?.volumeType ?? "SATA"),
    systemDiskSize: system?.volumeSize ?? SCALING_DISKS.system.min,
    dataDisks: config.volumes.filter((v) => v.flag === 2).map((v) => ({ type: typeName(v.volumeType), size: v.volumeSize, mode: v.diskMode === "ISCSI" ? ("iscsi" as const) : ("vbd" as const) })),
    keyPairName: config.keyPairName ? config.keyPairName : undefined,
    securityGroupIds: config.securityGroupList.length > 0 || state["securityGroupIds"] !== undefined ? inStateOrder(config.securityGroupList, state["securityGroupIds"]) : undefined,
    ...(state["azNames"] !== undefined ? { azNames: inStateOrder(outputsOf(config).zones, state["azNames"]) } : {}),
    tags: Object.keys(tags).length > 0 || state["tags"] !== undefined ? tags : undefined,
    monitoring: config.monitorService ?? true,
  };
}

/** Zones to launch in when the program names none: in a multi-zone region, those where the flavor sells. */
async function defaultZones(ctx: HandlerContext, args: ConfigInputs): Promise<string[] | undefined> {
  const zones = (await ctx.client.send(GetZones, { regionID: args.regionId })).zoneList.map((zone) => zone.name);
  if (zones.length <= 1) return undefined;
  const flavor = (await ctx.client.send(ListFlavors, { regionID: args.regionId, flavorName: args.flavorName })).flavorList.find((f) => f.flavorName === args.flavorName);
  if (!flavor) throw new Error(`flavorName ${args.flavorName} is not a flavor of region ${args.regionId}`);
  const selling = zones.filter((zone) => (flavor.azList ?? zones).includes(zone));
  if (selling.length === 0) throw new Error(`flavor ${args.flavorName} is not sold in any zone of region ${args.regionId}`);
  return selling;
}

/** How the VMs log in, as config-create and config-update take it. */
interface WireLogin {
  loginMode: number;
  keyPairID?: string;
  username?: string;
  password?: string;
}

/** The login and what config-create needs beyond the inputs: user name (from the image's OS) and key pair id. */
async function login(ctx: HandlerContext, args: ConfigInputs): Promise<WireLogin> {
  const image = await imageOf(ctx, args.regionId, args.imageId);
  const os = image.osType === "windows" ? "windows" : "linux";
  if (args.keyPairName !== undefined) {
    if (os === "windows") throw new Error(`keyPairName: Windows images do not support key pairs; set password instead (image ${image.imageName})`);
    const keyPair = await findKeyPair(ctx, args.regionId, args.keyPairName);
    if (!keyPair) throw new Error(`keyPairName ${args.keyPairName}: there is no key pair of that name in region ${args.regionId}`);
    return { loginMode: 2, keyPairID: keyPair.keyPairID };
  }
  const user = defaultImageUser(os);
  const problem = passwordProblem(args.password ?? "", user);
  if (problem) throw new Error(`password ${problem} (image ${image.imageName})`);
  return { loginMode: 1, username: user, ...(args.password !== undefined ? { password: args.password } : {}) };
}

function template(args: ConfigInputs) {
  return {
    name: args.name,
    imageID: args.imageId,
    specName: args.flavorName,
    volumes: [
      { volumeType: SCALING_DISK_TYPES[args.systemDiskType], volumeSize: args.systemDiskSize, flag: 1 },
      ...args.dataDisks.map((d) => ({ volumeType: SCALING_DISK_TYPES[d.type], volumeSize: d.size, flag: 2, diskMode: d.mode.toUpperCase() })),
    ],
    useFloatings: 1,
    monitorService: args.monitoring,
    ...(args.tags !== undefined ? { tags: Object.entries(args.tags).map(([key, value]) => ({ key, value })) } : {}),
    ...(args.securityGroupIds !== undefined ? { securityGroupIDList: args.securityGroupIds } : {}),
  };
}

async function requireConfig(ctx: HandlerContext, regionID: string, id: string): Promise<ScalingConfigInfo> {
  const config = await findConfig(ctx, regionID, id);
  if (!config) throw new Error(`scaling config ${id} no longer exists in region ${regionID}`);
  return config;
}

export const scalingConfigSpec = defineResource({
  type: "ScalingConfig",
  inputs,
  outputs: { configId: true, osType: true, cpu: true, memory: true, imageName: true, zones: true },
  createOnly: ["regionId"],
  settingDefaults: { regionId: "regionId" },
  autoName: { property: "name", maxLength: 15, allowedCharacters: "0-9a-zA-Z" },
  unorderedInputs: ["securityGroupIds", "azNames"],
  secretInputs: ["password"],
  // Configs are found by listing (read, delete): CTyun documents no scaling error code.
  notFoundCodes: [],
  timeouts: { create: 5 * 60_000, update: 5 * 60_000, delete: 10 * 60_000 },
  idOutput: "configId",

  crossCheck(args, known, _olds: Props, given) {
    const failures: CheckFailure[] = [];
    // Reported on keyPairName: a failure on password would make the engine print the property.
    if (known("keyPairName") && known("password")) failures.push({ property: "keyPairName", reason: "conflicts with password: set keyPairName or password, not both" });
    else if (!given("keyPairName") && !given("password")) failures.push({ property: "keyPairName", reason: "is required when there is no password: the VMs need a key pair or a password to log in" });
    if (known("securityGroupIds") && new Set(args.securityGroupIds).size !== args.securityGroupIds?.length) failures.push({ property: "securityGroupIds", reason: "must not list a security group twice" });
    if (known("azNames") && new Set(args.azNames).size !== args.azNames?.length) failures.push({ property: "azNames", reason: "must not list a zone twice" });
    return failures;
  },

  async create(ctx, args: ConfigInputs) {
    const zones = args.azNames ?? (await defaultZones(ctx, args));
    const body = { regionID: args.regionId, ...template(args), ...(await login(ctx, args)), ...(zones ? { azNames: zones } : {}) };
    let configId: string;
    try {
      configId = String((await ctx.client.send(CreateScalingConfig, body)).id);
    } catch (error) {
      // Whatever the refusal's code: a config of this name may be this create's own earlier attempt.
      if (!isServiceError(error)) throw error;
      const existing = (await allConfigs(ctx, args.regionId)).find((config) => config.name === args.name);
      if (!existing) throw error;
      if (!mayBeOwnEarlierWork(ctx, error)) {
        throw new Error(`a scaling config named ${args.name} already exists in region ${args.regionId} (${existing.configID}): choose another name, or take it under management with adoptId`, { cause: error });
      }
      ctx.progress(`scaling config ${args.name} exists (an earlier attempt of this create made it); taking it over`);
      configId = String(existing.configID);
    }
    ctx.created(configId, { configId });
    return { id: configId, outputs: outputsOf(await requireConfig(ctx, args.regionId, configId)) };
  },

  async read(ctx, id, state) {
    const config = await findConfig(ctx, state["regionId"] as string, id);
    if (!config) return undefined;
    return { inputs: inputsOf(config, state), outputs: outputsOf(config) };
  },

  async update(ctx, id, _olds, news: ConfigInputs, changed) {
    const regionID = news.regionId;
    await requireConfig(ctx, regionID, id);
    const zones = news.azNames ?? (changed.includes("flavorName") ? await defaultZones(ctx, news) : undefined);
    // The whole login goes with every update, as TF sends it (the password from state: the cloud never shows it).
    const credentials = await login(ctx, news);
    await ctx.client.send(UpdateScalingConfig, { regionID, configID: Number(id), ...template(news), ...credentials, ...(zones ? { azNames: zones } : {}) });
    return outputsOf(await requireConfig(ctx, regionID, id));
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    if (!(await findConfig(ctx, regionID, id))) return;
    await retryWhileHeld(
      ctx,
      `deletion of scaling config ${id}`,
      async () => {
        try {
          await ctx.client.send(DeleteScalingConfig, { regionID, configID: Number(id) });
        } catch (error) {
          // Refused, whatever the code: done if it went away meanwhile.
          if (isServiceError(error) && !(await findConfig(ctx, regionID, id))) return;
          throw error;
        }
      },
      async () => (await groupsUsingConfig(ctx, regionID, id)).map((groupId) => `scaling group ${groupId}`),
    );
    await waitUntilGone(ctx, `scaling config ${id}`, async () => (await findConfig(ctx, regionID, id)) !== undefined, []);
  },
});
