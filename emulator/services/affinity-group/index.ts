/**
 * The affinity-group service (云主机组, host `ctecs`, api-notes/affinity-group.md): groups with an
 * (anti-)affinity policy, the hosts of each zone VMs are placed on, binding VMs in and out. Backend
 * `affinity`. VMs (ECS records) hold the group they are in.
 */
import type { EngineContext } from "../../engine/context";
import type { ServiceRegistrar } from "../types";
import { AffinityBackend, DEFAULT_HOSTS_PER_ZONE } from "./backend";
import { HOST_POOL_KIND, type HostPoolRecord } from "./records";
import { AFFINITY_ROUTES } from "./routes";

/** One host pool per zone, so tests can change a zone's host count (PATCH /_emulator/resources/hostPool/<azName>). */
function seedHostPools(ctx: EngineContext): void {
  const pools = ctx.store.collection<HostPoolRecord>(HOST_POOL_KIND);
  for (const region of ctx.backend("catalog").regions()) {
    for (const zone of region.zones) {
      if (!pools.has(region.regionID, zone.name)) pools.insert(region.regionID, zone.name, { azName: zone.name, hostCount: DEFAULT_HOSTS_PER_ZONE });
    }
  }
}

export function register(api: ServiceRegistrar): void {
  api.backend("affinity", (ctx) => new AffinityBackend(ctx));
  api.seed(seedHostPools);
  for (const route of AFFINITY_ROUTES) api.route(route);
}
