/**
 * Lower bounds for a stack's phases, from its dependency graph and the emulator's timing table: the
 * critical path (the longest chain, each resource weighted by the cloud's own time for it), and the
 * bound the engine's parallelism sets (it holds one of its P slots for each resource's whole step,
 * so no schedule beats the total cloud work divided by P).
 */

export interface StateResource {
  urn: string;
  type: string;
  dependencies?: string[];
}

export type BoundPhase = "create" | "delete";

/** The cloud's own time for a resource type in a phase, from the emulator's timing table (ms). */
function cloudTime(type: string, phase: BoundPhase, ms: (kind: string) => number): number {
  const kind = type.replace(/^.*:/, "");
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

/** The larger of the critical path and the total cloud work spread over `parallel` engine slots, ms. */
export function parallelBound(resources: readonly StateResource[], phase: BoundPhase, ms: (kind: string) => number, parallel: number): number {
  const work = resources.reduce((sum, r) => sum + cloudTime(r.type, phase, ms), 0);
  return Math.max(criticalPath(resources, phase, ms), work / parallel);
}
