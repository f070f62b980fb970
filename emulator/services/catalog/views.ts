/**
 * What flavor queries answer: the stored record plus every field py
 * ctyunsdk_ecs20220909/models/v4_ecs_flavor_list.py declares, with its declared JSON type; values the
 * emulator has no notion of are plausible (inferred). Images are shown by the image service.
 */
import type { FlavorRecord } from "./records";

export function flavorView(flavor: FlavorRecord): Record<string, unknown> {
  return {
    ...flavor,
    nicCount: Math.min(Math.max(2, flavor.flavorCPU), 8),
    maxConnectionCount: 250_000 * flavor.flavorCPU,
    diskCount: 24,
    diskBaseBandwidth: Math.min(60 * flavor.flavorCPU, 1000),
    diskBurstBandwidth: Math.min(150 * flavor.flavorCPU, 2000),
    diskBaseIops: Math.min(10_000 * flavor.flavorCPU, 100_000),
    diskBurstIops: Math.min(25_000 * flavor.flavorCPU, 200_000),
  };
}
