/** The flavor a VM is created with or changed to: it must exist and be sold in the VM's zone (ECS codes). */
import type { EngineContext } from "../../engine/context";
import { EmulatorError, NotFoundError } from "../../errors";
import type { FlavorRecord } from "../catalog/records";
import { FLAVOR_NOT_AVAILABLE, FLAVOR_NOT_FOUND, invalid } from "./errors";

export function requireFlavorFor(ctx: EngineContext, regionId: string, azName: string, flavorID: string): FlavorRecord {
  const flavor = ctx.backend("catalog").flavor(regionId, flavorID);
  if (!flavor) throw new NotFoundError(FLAVOR_NOT_FOUND, `flavor ${flavorID} not found`, { description: `规格 ${flavorID} 不存在` });
  if (!flavor.available || !flavor.azList.includes(azName)) {
    throw new EmulatorError(FLAVOR_NOT_AVAILABLE, `flavor ${flavor.flavorName} is not available in ${azName}`, { description: `规格 ${flavor.flavorName} 在该可用区不可用或已售罄` });
  }
  return flavor;
}

/** create-instance takes `flavorName` instead of `flavorID` (the id wins when both are sent). */
export function flavorIdByName(ctx: EngineContext, regionId: string, flavorName: string | undefined): string {
  if (flavorName === undefined || flavorName === "") throw invalid("flavorID or flavorName is required");
  const flavor = ctx.backend("catalog").flavorNamed(regionId, flavorName);
  if (!flavor) throw new NotFoundError(FLAVOR_NOT_FOUND, `flavor ${flavorName} not found`, { description: `规格 ${flavorName} 不存在` });
  return flavor.flavorID;
}
