/**
 * Reading a VM and driving its power state (spec D.7): instance-details and the system disk from
 * volume/list, waits for a status, and start/stop that treat "already there" answers as success.
 * (The system disk grows through the Disk resource's `growDisk`.)
 */
import { isServiceError } from "../client/errors";
import {
  DescribeInstance,
  ListInstanceVolumes,
  STATUS_NOT_RUNNING,
  STATUS_NOT_STOPPED,
  StartInstance,
  StopInstance,
  SYSTEM_DISK_TYPE,
  type InstanceInfo,
} from "../client/operations/ecs";
import type { HandlerContext } from "../lifecycle/context";
import { waitForState } from "../lifecycle/waits";

/** Statuses in which a VM is on its way somewhere; changes wait until it arrives. */
export const TRANSITIONAL_STATUSES: readonly string[] = [
  "creating",
  "starting",
  "stopping",
  "shelving",
  "restarting",
  "rebuild",
  "backingup",
  "snapshotting",
  "freezing",
  "unsubscribing",
];

export function describeInstance(ctx: HandlerContext, regionID: string, instanceID: string): Promise<InstanceInfo> {
  return ctx.client.send(DescribeInstance, { regionID, instanceID });
}

export interface SystemDisk {
  readonly diskID: string;
  /** Upper-case API type (`SATA`, `SSD-genric`, …). */
  readonly diskDataType: string;
  readonly diskSize: number;
}

/** The VM's system disk: the one volume/list row typed 系统盘. */
export async function systemDiskOf(ctx: HandlerContext, regionID: string, instanceID: string): Promise<SystemDisk> {
  const volumes = await ctx.client.send(ListInstanceVolumes, { regionID, instanceID, pageNo: 1, pageSize: 50 });
  const system = volumes.results.filter((volume) => volume.diskType === SYSTEM_DISK_TYPE);
  if (system.length !== 1) throw new Error(`instance ${instanceID} lists ${system.length} system disks (expected exactly one)`);
  const disk = system[0]!;
  return { diskID: disk.diskID, diskDataType: disk.diskDataType, diskSize: disk.diskSize };
}

/** Waits until the VM is in no transitional status, and returns it. */
export function settleInstance(ctx: HandlerContext, regionID: string, instanceID: string): Promise<InstanceInfo> {
  return waitForState(
    ctx,
    `instance ${instanceID} to settle`,
    () => describeInstance(ctx, regionID, instanceID),
    (vm) => !TRANSITIONAL_STATUSES.includes(vm.instanceStatus),
    (vm) => vm.instanceStatus,
  );
}

/**
 * Waits until the VM reports `target`. It fails when the VM lands in another settled status after
 * having been in one of `via` (a failed boot or start falls back), or after three polls without
 * any sign of progress, and at once on `error`.
 */
export function waitForInstanceStatus(ctx: HandlerContext, regionID: string, instanceID: string, target: string, via: readonly string[]): Promise<InstanceInfo> {
  let progressed = false;
  let idlePolls = 0;
  return waitForState(
    ctx,
    `instance ${instanceID} to be ${target}`,
    () => describeInstance(ctx, regionID, instanceID),
    (vm) => vm.instanceStatus === target,
    (vm) => vm.instanceStatus,
    (vm) => {
      if (vm.instanceStatus === "error") return "the instance is in status error";
      if (via.includes(vm.instanceStatus)) {
        progressed = true;
        return undefined;
      }
      idlePolls++;
      return progressed || idlePolls >= 3 ? `the instance is ${vm.instanceStatus}` : undefined;
    },
  );
}

/** Starts or stops the VM and waits for the target status; an "already there" answer is success. */
export async function powerInstance(ctx: HandlerContext, regionID: string, instanceID: string, target: "running" | "stopped"): Promise<InstanceInfo> {
  const [operation, alreadyCode, via] = target === "running" ? ([StartInstance, STATUS_NOT_STOPPED, "starting"] as const) : ([StopInstance, STATUS_NOT_RUNNING, "stopping"] as const);
  ctx.progress(`${target === "running" ? "starting" : "stopping"} instance ${instanceID}`);
  try {
    // start-instance has no `force` (py v4_ecs_start_instance); stop sends force: false.
    await (operation === StartInstance ? ctx.client.send(StartInstance, { regionID, instanceID }) : ctx.client.send(StopInstance, { regionID, instanceID, force: false }));
  } catch (error) {
    if (!isServiceError(error, alreadyCode)) throw error;
  }
  return waitForInstanceStatus(ctx, regionID, instanceID, target, [via]);
}

