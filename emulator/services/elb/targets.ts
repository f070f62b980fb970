/**
 * Targets (api-notes/elb.md §5): a VM and port in a target group, with a weight. Rules: the VM exists
 * and has an interface in the group's VPC (`instanceIP`, when given, must be one of its addresses
 * there); one target per VM and port in a group; weights 1–256 (default 100). Only `VM` targets are
 * emulated. A VM that goes leaves its target groups (index.ts: targets hold VMs). Health is computed
 * on read, deterministically: `unknown` without a health check, else `online` while the VM runs and
 * `offline` otherwise (the emulator sends no traffic).
 */
import type { EngineContext } from "../../engine/context";
import { InvalidParameterError } from "../../errors";
import { TARGET_KIND, type TargetGroupRecord, type TargetRecord } from "./records";
import { checkElbDescription, checkRange, DEFAULT_WEIGHT, elbConflict, elbNotFound, utcTime } from "./rules";
import { TargetGroups } from "./target-groups";

export interface CreateTargetRequest {
  readonly targetGroupID: string;
  readonly instanceType: string;
  readonly instanceID?: string | undefined;
  readonly protocolPort: number;
  readonly weight?: number | undefined;
  readonly instanceIP?: string | undefined;
  readonly description?: string | undefined;
}

export interface TargetChange {
  readonly protocolPort?: number | undefined;
  readonly weight?: number | undefined;
  readonly description?: string | undefined;
}

export type HealthStatus = "online" | "offline" | "unknown";

export class Targets {
  constructor(private readonly ctx: EngineContext) {}

  private get targets() {
    return this.ctx.store.collection<TargetRecord>(TARGET_KIND);
  }

  require(regionID: string, targetID: string): TargetRecord {
    const target = this.targets.get(regionID, targetID);
    if (!target) throw elbNotFound(this.ctx, "target", targetID);
    return target;
  }

  list(regionID: string, filter: { targetGroupID?: string | undefined; ids?: readonly string[] | undefined }): TargetRecord[] {
    return this.targets.find(regionID, (t) => (!filter.targetGroupID || t.targetGroupID === filter.targetGroupID) && (!filter.ids || filter.ids.includes(t.ID)));
  }

  private checkFree(regionID: string, group: TargetGroupRecord, instanceID: string, port: number, except?: string): void {
    const same = this.targets.findOne(regionID, (t) => t.targetGroupID === group.ID && t.instanceID === instanceID && t.protocolPort === port && t.ID !== except);
    if (same) throw elbConflict(this.ctx, `instance ${instanceID} port ${port} is already target ${same.ID} of target group ${group.ID}`, "该后端主机端口已存在");
  }

  create(regionID: string, request: CreateTargetRequest): TargetRecord {
    const group = new TargetGroups(this.ctx).require(regionID, request.targetGroupID);
    if (request.instanceType !== "VM") throw new InvalidParameterError(`instanceType ${request.instanceType} is not emulated (only VM)`);
    const instanceID = request.instanceID ?? "";
    if (instanceID === "") throw new InvalidParameterError("instanceID is required when instanceType is VM");
    checkRange("protocolPort", request.protocolPort, 1, 65535);
    const weight = request.weight ?? DEFAULT_WEIGHT;
    checkRange("weight", weight, 1, 256);
    if (request.description !== undefined) checkElbDescription(request.description);
    const instanceIP = this.addressInVpc(regionID, instanceID, group, request.instanceIP);
    this.checkFree(regionID, group, instanceID, request.protocolPort);
    const ID = this.ctx.ids.prefixed("target");
    const now = utcTime(this.ctx.clock());
    return this.targets.insert(regionID, ID, {
      ID,
      targetGroupID: group.ID,
      description: request.description ?? "",
      instanceType: "VM",
      instanceID,
      instanceIP,
      protocolPort: request.protocolPort,
      weight,
      createdTime: now,
      updatedTime: now,
    });
  }

  /** The VM's address in the group's VPC; `wanted` must be one of its addresses there. */
  private addressInVpc(regionID: string, instanceID: string, group: TargetGroupRecord, wanted: string | undefined): string {
    const vm = this.ctx.backend("ecs").require(regionID, instanceID);
    const inVpc = vm.networkCardList.filter((nic) => this.ctx.backend("subnet").find(regionID, nic.subnetID)?.vpcID === group.vpcID);
    if (vm.vpcID !== group.vpcID && inVpc.length === 0) {
      throw new InvalidParameterError(`instance ${instanceID} is in vpc ${vm.vpcID}, not in vpc ${group.vpcID} of target group ${group.ID}`);
    }
    const addresses = inVpc.map((nic) => nic.IPv4Address).filter((address) => address !== "");
    if (wanted !== undefined && wanted !== "") {
      if (!addresses.includes(wanted)) throw new InvalidParameterError(`instanceIP ${wanted} is not an address of instance ${instanceID} in vpc ${group.vpcID}`);
      return wanted;
    }
    const master = inVpc.find((nic) => nic.isMaster) ?? inVpc[0];
    return master?.IPv4Address ?? this.ctx.backend("ecs").privateAddress(vm);
  }

  update(regionID: string, targetID: string, change: TargetChange): TargetRecord {
    const current = this.require(regionID, targetID);
    if (change.protocolPort !== undefined) {
      checkRange("protocolPort", change.protocolPort, 1, 65535);
      this.checkFree(regionID, new TargetGroups(this.ctx).require(regionID, current.targetGroupID), current.instanceID, change.protocolPort, targetID);
    }
    if (change.weight !== undefined) checkRange("weight", change.weight, 1, 256);
    if (change.description !== undefined) checkElbDescription(change.description);
    return this.targets.update(regionID, targetID, (t) => ({
      ...t,
      ...(change.protocolPort !== undefined ? { protocolPort: change.protocolPort } : {}),
      ...(change.weight !== undefined ? { weight: change.weight } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
      updatedTime: utcTime(this.ctx.clock()),
    })) as TargetRecord;
  }

  delete(regionID: string, targetID: string): void {
    this.require(regionID, targetID);
    this.targets.delete(regionID, targetID);
  }

  /** The VM went away: it leaves every target group. Returns the targets removed. */
  removeInstance(regionID: string, instanceID: string): string[] {
    const gone = this.targets.find(regionID, (t) => t.instanceID === instanceID);
    for (const target of gone) this.targets.delete(regionID, target.ID);
    return gone.map((t) => t.ID);
  }

  healthOf(regionID: string, target: TargetRecord): HealthStatus {
    const group = new TargetGroups(this.ctx).require(regionID, target.targetGroupID);
    if (group.healthCheckID === "") return "unknown";
    return this.ctx.backend("ecs").find(regionID, target.instanceID)?.instanceStatus === "running" ? "online" : "offline";
  }
}
