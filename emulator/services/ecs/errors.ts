/** ECS error codes and the errors several ECS files raise (spec C.4, D.7). */
import { EmulatorError, InvalidParameterError, NotFoundError } from "../../errors";
import type { InstanceRecord } from "./records";

export const INSTANCE_NOT_FOUND = "Ecs.Instance.NotFound";
export const STATUS_NOT_RUNNING = "Ecs.Instance.StatusNotRunning";
export const STATUS_NOT_STOPPED = "Ecs.Instance.StatusNotStopped";
/** Invented: the operation is not possible in the VM's current (e.g. transitional) status. */
export const STATUS_INVALID = "Ecs.Instance.StatusInvalid";
/** Invented: no such flavor in the region. */
export const FLAVOR_NOT_FOUND = "Ecs.Flavor.NotFound";
/** Invented: the flavor is sold out or not sold in the VM's availability zone. */
export const FLAVOR_NOT_AVAILABLE = "Ecs.Flavor.NotAvailable";

export function instanceNotFound(instanceID: string): NotFoundError {
  return new NotFoundError(INSTANCE_NOT_FOUND, `instance ${instanceID} not found`, { description: `云主机 ${instanceID} 不存在` });
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

export function invalid(message: string): InvalidParameterError {
  return new InvalidParameterError(message);
}
