/**
 * Scaling configs (launch templates, api-notes/scaling.md §1): what every VM a group launches gets.
 * The machine (image, flavor by name, system and data disks) is checked with create-instance's own
 * rules through the ECS service, the login with its password policy (kept as a hash: the password
 * is never stored or returned), security groups and zones against the region's kind of pool.
 */
import type { EngineContext } from "../../engine/context";
import { InvalidParameterError } from "../../errors";
import type { RegionRecord } from "../catalog/records";
import { SCALING_CONFIG_KIND, SCALING_GROUP_KIND, type ScalingConfigRecord, type ScalingGroupRecord, type ScalingTag, type ScalingVolume } from "./records";
import { beijingTime, configInUse, configNameTaken, configNotFound, nextId, type Change } from "./vocabulary";

/** py v4_scaling_config_create volumeType (pool dependent: the emulator's pools offer ECS's boot disk types). */
export const VOLUME_TYPES = ["SATA", "SAS", "SSD", "SATA-KUNPENG", "SATA-HAIGUANG", "SAS-KUNPENG", "SAS-HAIGUANG", "SSD-genric"] as const;
/** TF validator: one system disk and at most 8 data disks. */
export const MAX_DATA_VOLUMES = 8;
/** TF validator_scaling_config name rule: 2–15 characters of letters, digits, `-` and `.`. */
const CONFIG_NAME = /^(?!.*[-.]{2})(?![-.])(?!.*[-.]$)(?!\d+$)[a-zA-Z0-9.-]{2,15}$/;

/** What config-create takes (and config-update, each field optional). */
export interface ConfigInput {
  readonly name: string;
  readonly imageID: string;
  readonly specName: string;
  readonly volumes: ReadonlyArray<{ volumeType: string; volumeSize: number; flag: number; diskMode?: string | undefined }>;
  readonly useFloatings: number;
  readonly bandWidth?: number | undefined;
  readonly loginMode: number;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly keyPairID?: string | undefined;
  readonly securityGroupIDList?: readonly string[] | undefined;
  readonly azNames?: readonly string[] | undefined;
  readonly tags?: readonly ScalingTag[] | undefined;
  readonly monitorService?: boolean | undefined;
  readonly instanceName?: string | undefined;
  readonly displayName?: string | undefined;
  readonly chargeType?: string | undefined;
}

export class ScalingConfigs {
  constructor(private readonly ctx: EngineContext) {}

  private get configs() {
    return this.ctx.store.collection<ScalingConfigRecord>(SCALING_CONFIG_KIND);
  }

  find(regionId: string, configID: number): ScalingConfigRecord | undefined {
    return this.configs.get(regionId, String(configID));
  }

  require(regionId: string, configID: number): ScalingConfigRecord {
    const config = this.find(regionId, configID);
    if (!config) throw configNotFound(this.ctx, configID);
    return config;
  }

  list(regionId: string): ScalingConfigRecord[] {
    return this.configs.find(regionId);
  }

  /** Groups (those being deleted too) whose configList names the config. */
  groupsUsing(regionId: string, configID: number): number[] {
    return this.ctx.store
      .collection<ScalingGroupRecord>(SCALING_GROUP_KIND)
      .find(regionId, (group) => group.configList.includes(configID))
      .map((group) => group.groupID);
  }

  create(region: RegionRecord, input: ConfigInput): ScalingConfigRecord {
    const now = beijingTime(this.ctx.clock());
    const configID = nextId(this.ctx, "config");
    const record = this.validated(region, input, { configID, uuid: this.ctx.ids.uuid(), keyPairID: "", passwordHash: "", createDate: now, updateDate: now });
    this.assertNameFree(region.regionID, input.name, undefined);
    return this.configs.insert(region.regionID, String(configID), record);
  }

  /** Any create field may change; the result is checked as a whole, as a new config would be. */
  update(region: RegionRecord, configID: number, change: Change<ConfigInput>): ScalingConfigRecord {
    const current = this.require(region.regionID, configID);
    const loginChanged = (change.loginMode !== undefined && change.loginMode !== current.loginMode) || change.password !== undefined || change.keyPairID !== undefined;
    const merged: ConfigInput = {
      name: change.name ?? current.name,
      imageID: change.imageID ?? current.imageID,
      specName: change.specName ?? current.specName,
      volumes: change.volumes ?? current.volumes,
      useFloatings: change.useFloatings ?? current.useFloatings,
      bandWidth: change.bandWidth ?? current.bandwidth,
      loginMode: change.loginMode ?? current.loginMode,
      username: change.username ?? current.username,
      password: change.password,
      keyPairID: change.keyPairID ?? (current.keyPairID || undefined),
      securityGroupIDList: change.securityGroupIDList ?? current.securityGroupIDList,
      azNames: change.azNames ?? current.azNames,
      tags: change.tags ?? current.tags,
      monitorService: change.monitorService ?? current.monitorService,
      instanceName: change.instanceName ?? current.instanceName,
      displayName: change.displayName ?? current.displayName,
      chargeType: change.chargeType ?? current.chargeType,
    };
    // A password login keeps its stored hash unless a new password (or another way to log in) is sent.
    const keepHash = !loginChanged && current.loginMode === 1 ? current.passwordHash : undefined;
    const record = this.validated(region, merged, { ...current, updateDate: beijingTime(this.ctx.clock()) }, keepHash);
    this.assertNameFree(region.regionID, record.name, configID);
    return this.configs.update(region.regionID, String(configID), record)!;
  }

  private assertNameFree(regionId: string, name: string, except: number | undefined): void {
    if (this.configs.findOne(regionId, (config) => config.name === name && config.configID !== except)) throw configNameTaken(this.ctx, name);
  }

  /** Refused while a group uses the config (decision: `groupCount` > 0 means in use). */
  delete(regionId: string, configID: number): void {
    this.require(regionId, configID);
    const groups = this.groupsUsing(regionId, configID);
    if (groups.length > 0) throw configInUse(this.ctx, configID, groups);
    this.configs.delete(regionId, String(configID));
  }

  private validated(
    region: RegionRecord,
    input: ConfigInput,
    identity: Pick<ScalingConfigRecord, "configID" | "uuid" | "keyPairID" | "passwordHash" | "createDate" | "updateDate">,
    keptPasswordHash?: string,
  ): ScalingConfigRecord {
    if (!CONFIG_NAME.test(input.name)) {
      throw new InvalidParameterError("name must be 2-15 letters, digits, '-' or '.', not only digits, not starting or ending with '-' or '.', without two of them in a row");
    }
    const volumes = checkVolumes(input.volumes);
    if (input.useFloatings !== 1 && input.useFloatings !== 2) throw new InvalidParameterError("useFloatings must be 1 (no public IP) or 2 (auto-allocated EIP)");
    if (input.useFloatings === 2) throw new InvalidParameterError("useFloatings 2 (auto-allocated EIPs) is not supported by the emulator: bind EIPs to the group's VMs afterwards");
    const azNames = this.zonesOf(region, input.azNames);
    const system = volumes.find((v) => v.flag === 1)!;
    const os = this.ctx.backend("ecs").checkLaunchTemplate(
      region,
      { imageID: input.imageID, flavorName: input.specName, bootDiskType: system.volumeType, bootDiskSize: system.volumeSize, dataDisks: dataDisksOf(volumes) },
      azNames.length > 0 ? azNames : [region.zones[0]?.name ?? "default"],
    );
    const securityGroupIDList = [...(input.securityGroupIDList ?? [])];
    if (!region.isMultiZones && securityGroupIDList.length === 0) throw new InvalidParameterError("securityGroupIDList is required in a region without multiple availability zones");
    if (new Set(securityGroupIDList).size !== securityGroupIDList.length) throw new InvalidParameterError("securityGroupIDList contains duplicates");
    for (const id of securityGroupIDList) this.ctx.backend("securityGroup").require(region.regionID, id);
    const login = this.login(region, input, os, keptPasswordHash);
    const tags = [...(input.tags ?? [])];
    if (new Set(tags.map((t) => t.key)).size !== tags.length) throw new InvalidParameterError("tags must not repeat a key");
    if (input.chargeType !== undefined && input.chargeType !== "" && input.chargeType !== "on_demand") throw new InvalidParameterError("chargeType must be on_demand");
    for (const [field, value] of [["instanceName", input.instanceName], ["displayName", input.displayName]] as const) {
      if (value !== undefined && value !== "" && (/[{}]/.test(value) || [...value].length < 2 || [...value].length > 59)) throw new InvalidParameterError(`${field} must be 2-59 characters without braces`);
    }
    return {
      ...identity,
      name: input.name,
      imageID: input.imageID,
      specName: input.specName,
      volumes,
      useFloatings: input.useFloatings,
      bandwidth: 0,
      osType: os === "windows" ? 2 : 1,
      ...login,
      securityGroupIDList,
      azNames,
      tags,
      monitorService: input.monitorService ?? true,
      instanceName: input.instanceName ?? "",
      displayName: input.displayName ?? "",
      chargeType: "on_demand",
      projectID: "0",
    };
  }

  /** Multi-AZ pools need zones (each one of the region's); single-AZ pools take none (py-sc). */
  private zonesOf(region: RegionRecord, azNames: readonly string[] | undefined): string[] {
    if (!region.isMultiZones) return [];
    const zones = [...(azNames ?? [])];
    if (zones.length === 0) throw new InvalidParameterError("azNames is required in a region with multiple availability zones");
    if (new Set(zones).size !== zones.length) throw new InvalidParameterError("azNames contains duplicates");
    for (const zone of zones) this.ctx.backend("catalog").requireZone(region, zone);
    return zones;
  }

  /** loginMode 1: a password (and the image's user name); 2: a key pair (Linux images). */
  private login(region: RegionRecord, input: ConfigInput, os: "linux" | "windows", keptPasswordHash: string | undefined): Pick<ScalingConfigRecord, "loginMode" | "username" | "keyPairID" | "passwordHash"> {
    const ecs = this.ctx.backend("ecs");
    if (input.loginMode === 2) {
      if (!input.keyPairID) throw new InvalidParameterError("keyPairID is required when loginMode is 2 (key pair)");
      const prepared = ecs.prepareLogin(region.regionID, input.imageID, { keyPairID: input.keyPairID });
      return { loginMode: 2, username: "", keyPairID: prepared.keyPairID, passwordHash: "" };
    }
    if (input.loginMode !== 1) throw new InvalidParameterError("loginMode must be 1 (password) or 2 (key pair)");
    const expected = os === "windows" ? "administrator" : "root";
    const username = input.username ?? "";
    // TF sends root for Linux and administrator for Windows images (it reads the image's osType).
    if (username.toLowerCase() !== expected && !(os === "linux" && username === "ecs-user")) throw new InvalidParameterError(`username must be ${expected} for this ${os} image`);
    if (input.password === undefined || input.password === "") {
      if (keptPasswordHash) return { loginMode: 1, username, keyPairID: "", passwordHash: keptPasswordHash };
      throw new InvalidParameterError("password is required when loginMode is 1 (password)");
    }
    const prepared = ecs.prepareLogin(region.regionID, input.imageID, { password: input.password, userName: os === "linux" && username === "ecs-user" ? username : undefined });
    return { loginMode: 1, username, keyPairID: "", passwordHash: prepared.passwordHash };
  }
}

/** Exactly one system disk, at most 8 data disks, known types; `diskMode` only on data disks. */
function checkVolumes(volumes: ConfigInput["volumes"]): ScalingVolume[] {
  if (volumes.filter((v) => v.flag === 1).length !== 1) throw new InvalidParameterError("volumes must contain exactly one system disk (flag 1)");
  if (volumes.some((v) => v.flag !== 1 && v.flag !== 2)) throw new InvalidParameterError("volumes[].flag must be 1 (system disk) or 2 (data disk)");
  if (volumes.length - 1 > MAX_DATA_VOLUMES) throw new InvalidParameterError(`volumes may hold at most ${MAX_DATA_VOLUMES} data disks`);
  return volumes.map((volume) => {
    if (!(VOLUME_TYPES as readonly string[]).includes(volume.volumeType)) throw new InvalidParameterError(`volumeType must be one of ${VOLUME_TYPES.join(", ")} (got ${volume.volumeType})`);
    if (volume.flag === 1 && volume.diskMode !== undefined && volume.diskMode !== "") throw new InvalidParameterError("diskMode applies to data disks only");
    return { volumeType: volume.volumeType, volumeSize: volume.volumeSize, flag: volume.flag, diskMode: volume.flag === 1 ? "" : (volume.diskMode ?? "VBD") };
  });
}

export function dataDisksOf(volumes: readonly ScalingVolume[]): Array<{ diskType: string; diskSize: number; diskMode: string }> {
  return volumes.filter((v) => v.flag === 2).map((v) => ({ diskType: v.volumeType, diskSize: v.volumeSize, diskMode: v.diskMode || "VBD" }));
}
