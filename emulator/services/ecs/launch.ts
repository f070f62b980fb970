/**
 * VMs that another service launches and releases on a user's behalf (auto scaling, api-notes/scaling.md
 * §4): they go through create-instance's own checks, billing order and records, and unsubscribe-instance's
 * refund order, so they are ordinary VMs in instance-details and describe-instances. Reached as
 * `ctx.backend("ecs").launch(...)` / `.release(...)`.
 */
import type { EngineContext } from "../../engine/context";
import type { RegionRecord } from "../catalog/records";
import type { PackagedDataDiskSpec } from "../ebs/records";
import { checkCredentials, checkDiskAndExtras, type CreateInstanceInput } from "./create-rules";
import { InstanceCreation, type PreparedLogin } from "./create";
import { invalid } from "./errors";
import { flavorIdByName, requireFlavorFor } from "./flavors";
import { InstanceOrders } from "./orders";

/** imageType create-instance takes for each image visibility (the first accepted code; create.ts checks it). */
const IMAGE_TYPE_OF: Readonly<Record<string, number>> = { private: 0, public: 1, shared: 2, safe: 3, app: 4 };

/** A launch template's machine: what every VM launched from it gets. */
export interface LaunchTemplate {
  readonly imageID: string;
  /** The flavor's name (a launch template names flavors, create-instance takes either). */
  readonly flavorName: string;
  readonly bootDiskType: string;
  readonly bootDiskSize: number;
  readonly dataDisks: readonly PackagedDataDiskSpec[];
}

/** One VM to launch from a template. */
export interface LaunchRequest extends LaunchTemplate {
  readonly azName: string;
  readonly instanceName: string;
  readonly displayName: string;
  readonly vpcID: string;
  /** NIC subnets; the first is the master NIC. */
  readonly subnetIDs: readonly string[];
  readonly secGroupIDs: readonly string[];
  readonly login: PreparedLogin;
  readonly projectID?: string | undefined;
}

export class InstanceLaunches {
  constructor(private readonly ctx: EngineContext) {}

  /**
   * The login a template carries, checked now with create-instance's rules for the image's OS user:
   * a key pair (Linux only) or a password fitting the policy, kept as a salted hash.
   */
  prepareLogin(regionId: string, imageID: string, login: { keyPairID?: string | undefined; password?: string | undefined; userName?: string | undefined }): PreparedLogin {
    const image = this.ctx.backend("image").require(regionId, imageID);
    const os = image.osType === "windows" ? "windows" : "linux";
    const credentials = checkCredentials(this.ctx, regionId, { keyPairID: login.keyPairID, userPassword: login.password, userName: login.userName }, os);
    return { keyPairID: credentials.keypairName === "" ? "" : (login.keyPairID ?? ""), passwordHash: credentials.passwordHash };
  }

  /**
   * The template's stateless create-instance rules, checked before any VM is launched: the image,
   * the flavor (exists, sold in each zone, enough memory for the image), the system disk's type and
   * size, and the EBS rules for each data disk. Returns the image's OS (`linux`/`windows`).
   */
  checkTemplate(region: RegionRecord, template: LaunchTemplate, azNames: readonly string[]): "linux" | "windows" {
    const catalog = this.ctx.backend("catalog");
    // Public or private (the image service's records), as create-instance takes them.
    const image = this.ctx.backend("image").bootable(region.regionID, template.imageID);
    const flavorID = flavorIdByName(this.ctx, region.regionID, template.flavorName);
    for (const azName of azNames) requireFlavorFor(this.ctx, region.regionID, catalog.requireZone(region, azName).name, flavorID);
    const flavor = catalog.flavor(region.regionID, flavorID);
    if (flavor && flavor.flavorRAM < image.minimumRAM) throw invalid(`flavor ${flavor.flavorName} has ${flavor.flavorRAM} GB of memory; image ${image.imageName} needs ${image.minimumRAM} GB`);
    checkDiskAndExtras({ ...this.skeleton(template), azName: "", instanceName: "", displayName: "", vpcID: "", networkCardList: [] }, image);
    for (const disk of template.dataDisks) {
      const problem = this.ctx.backend("ebs").packagedDataDiskProblem(disk);
      if (problem) throw invalid(problem);
    }
    return image.osType === "windows" ? "windows" : "linux";
  }

  /** Places an on-demand VM's create order exactly as create-instance does; the VM appears when it completes. */
  launch(region: RegionRecord, request: LaunchRequest): { instanceID: string; masterOrderID: string } {
    const image = this.ctx.backend("image").bootable(region.regionID, request.imageID);
    const input: CreateInstanceInput = {
      ...this.skeleton(request),
      imageType: IMAGE_TYPE_OF[image.visibility] ?? 1,
      azName: request.azName,
      instanceName: request.instanceName,
      displayName: request.displayName,
      vpcID: request.vpcID,
      networkCardList: request.subnetIDs.map((subnetID, index) => ({ isMaster: index === 0, subnetID })),
      secGroupList: request.secGroupIDs,
      projectID: request.projectID,
    };
    const placed = new InstanceCreation(this.ctx).placeOrder(region, input, { login: request.login, dataDisks: request.dataDisks });
    return { instanceID: placed.instanceID, masterOrderID: placed.answer.masterOrderID };
  }

  /** Unsubscribes a launched VM (its refund order); it and its packaged disks go when the order completes. */
  release(regionId: string, instanceID: string): { masterOrderID: string } {
    const placed = new InstanceOrders(this.ctx).unsubscribe(regionId, instanceID, { deleteVolume: false, deleteEIP: false });
    return { masterOrderID: placed.masterOrderID };
  }

  /** The create-instance fields a template fixes (the rest come from the request). */
  private skeleton(template: LaunchTemplate): Omit<CreateInstanceInput, "azName" | "instanceName" | "displayName" | "vpcID" | "networkCardList"> {
    return {
      flavorName: template.flavorName,
      imageID: template.imageID,
      imageType: 1,
      bootDiskType: template.bootDiskType,
      bootDiskSize: template.bootDiskSize,
      onDemand: true,
      extIP: "0",
      unsupported: {},
    };
  }
}
