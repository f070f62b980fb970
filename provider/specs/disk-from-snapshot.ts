/**
 * The create call of a `Disk` made from a snapshot (new-from-snapshot-ebs-snap, api-notes/snapshot.md
 * §1.2). The API takes no type or zone: the disk gets the snapshot's, and must be at least the
 * snapshot's size. So the snapshot is read first, and a program that asks for another type, a
 * smaller size or another zone is told what to write instead of getting a different disk.
 */
import { CreateEbsFromSnapshot } from "../client/operations/ebs-snapshot";
import type { HandlerContext } from "../lifecycle/context";
import type { Billing } from "../lifecycle/fields";
import { diskTypeOf, findSnapshot } from "./disk-snapshot-reads";

export interface FromSnapshotArgs {
  readonly snapshotId: string;
  readonly name: string;
  readonly type: string;
  readonly mode: string;
  readonly size: number;
  readonly billing: Billing;
  readonly multiAttach: boolean;
  readonly azName?: string | undefined;
  readonly regionId: string;
  readonly projectId?: string | undefined;
}

/** Checks the inputs against the snapshot, then sends the create; returns its answer. */
export async function sendCreateFromSnapshot(ctx: HandlerContext, args: FromSnapshotArgs): Promise<{ masterOrderID?: string | null | undefined; resources?: Array<{ diskID: string }> | null | undefined }> {
  const snapshot = await findSnapshot(ctx, args.regionId, args.snapshotId);
  if (!snapshot) throw new Error(`snapshotId ${args.snapshotId} is not a snapshot of region ${args.regionId}`);
  const type = diskTypeOf(snapshot.volumeType);
  if (args.type !== type) throw new Error(`type must be "${type}" for a disk made from snapshot ${args.snapshotId}: the disk takes the snapshot's type (got "${args.type}")`);
  const least = snapshot.volumeSize ?? 0;
  if (args.size < least) throw new Error(`size must be at least ${least} GB, the size of snapshot ${args.snapshotId} (got ${args.size})`);
  if (args.azName !== undefined && snapshot.azName && snapshot.azName !== "default" && args.azName !== snapshot.azName) {
    throw new Error(`azName must be ${snapshot.azName} for a disk made from snapshot ${args.snapshotId}: the disk is made in the snapshot's zone (got ${args.azName})`);
  }
  const onDemand = args.billing.mode === "onDemand";
  return ctx.client.send(CreateEbsFromSnapshot, {
    clientToken: ctx.clientToken,
    regionID: args.regionId,
    snapshotID: args.snapshotId,
    diskMode: "VBD",
    diskName: args.name,
    diskSize: args.size,
    multiAttach: args.multiAttach,
    ...(args.projectId ? { projectID: args.projectId } : {}),
    onDemand,
    ...(args.billing.mode === "onDemand" ? {} : { cycleType: args.billing.mode === "monthly" ? ("month" as const) : ("year" as const), cycleCount: args.billing.count }),
  });
}
