/**
 * Lower bounds for a stack's phases, from its dependency graph and the emulator's timing table: the
 * critical path (the longest chain, each resource weighted by the cloud's own time for it), and the
 * bound the engine's own scheduling sets:
 * - it holds one of its P slots for each resource's whole step, so no `up` beats the total cloud
 *   work divided by P;
 * - it deletes in antichains (pkg/resource/deploy ScheduleDeletes, v3.259): layers peeled from the
 *   resources that depend on nothing, run one after another, each waiting for the one before. A root
 *   such as a disk is deleted in the last layer even when what held it went first, so a destroy
 *   takes at least the sum of each layer's longest delete.
 */

export interface StateResource {
  urn: string;
  type: string;
  dependencies?: string[];
}

export type BoundPhase = "create" | "delete";

/** A resource's class name (`Instance`) from its Pulumi type token. */
export function kindOf(type: string): string {
  return type.replace(/^.*:/, "");
}

/** The cloud's own time for a resource type in a phase, from the emulator's timing table (ms). */
function cloudTime(type: string, phase: BoundPhase, ms: (kind: string) => number): number {
  const kind = kindOf(type);
  if (phase === "create") {
    return ({ Instance: ms("order") + ms("boot"), Eip: ms("order"), Disk: ms("order"), DiskAttachment: ms("job"), Bucket: ms("bucketMetadata") } as Record<string, number>)[kind] ?? 0;
  }
  return ({ Instance: ms("power") + ms("refund"), Eip: ms("refund"), Disk: ms("refund"), DiskAttachment: ms("job") } as Record<string, number>)[kind] ?? 0;
}

/** The longest chain through the dependency graph (creates follow dependencies; deletes the reverse), ms. */
export function criticalPath(resources: readonly StateResource[], phase: BoundPhase, ms: (kind: string) => number): number {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const dependants = new Map<string, string[]>();
  for (const r of resources) for (const d of r.dependencies ?? []) dependants.set(d, [...(dependants.get(d) ?? []), r.urn]);
  const memo = new Map<string, number>();
  const finish = (urn: string): number => {
    const cached = memo.get(urn);
    if (cached !== undefined) return cached;
    const r = byUrn.get(urn);
    if (!r) return 0;
    const before = phase === "create" ? (r.dependencies ?? []) : (dependants.get(urn) ?? []);
    const value = Math.max(0, ...before.map(finish)) + cloudTime(r.type, phase, ms);
    memo.set(urn, value);
    return value;
  };
  return Math.max(0, ...resources.map((r) => finish(r.urn)));
}

/** The engine's bound for a phase with `parallel` slots, ms (see the top of this file). */
export function engineBound(resources: readonly StateResource[], phase: BoundPhase, ms: (kind: string) => number, parallel: number): number {
  const layerBound = (layer: readonly StateResource[]) => {
    const times = layer.map((r) => cloudTime(r.type, phase, ms));
    return Math.max(0, ...times, times.reduce((sum, t) => sum + t, 0) / parallel);
  };
  if (phase === "create") return Math.max(criticalPath(resources, phase, ms), layerBound(resources));
  return deleteLayers(resources).reduce((sum, layer) => sum + layerBound(layer), 0);
}

/** The engine's delete antichains, in the order it runs them. */
function deleteLayers(resources: readonly StateResource[]): StateResource[][] {
  const condemned = new Set(resources.map((r) => r.urn));
  const layers: StateResource[][] = [];
  while (condemned.size > 0) {
    const layer = resources.filter((r) => condemned.has(r.urn) && !(r.dependencies ?? []).some((d) => d !== r.urn && condemned.has(d)));
    if (layer.length === 0) throw new Error("a dependency cycle in the state");
    for (const r of layer) condemned.delete(r.urn);
    layers.push(layer);
  }
  return layers.reverse();
}
