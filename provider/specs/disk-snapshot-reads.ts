/** Reading EBS snapshots, for `DiskSnapshot`, `Disk` (made from one) and the lookups. */
import { ListEbsSnap, type SnapshotInfo } from "../client/operations/ebs-snapshot";
import type { HandlerContext } from "../lifecycle/context";

/** The snapshot with this id, or undefined (absence is an empty list: CTyun documents no code). */
export async function findSnapshot(ctx: Pick<HandlerContext, "client">, regionID: string, snapshotID: string): Promise<SnapshotInfo | undefined> {
  const { snapshotList } = await ctx.client.send(ListEbsSnap, { regionID, snapshotID });
  return snapshotList.find((s) => s.snapshotID === snapshotID);
}

/** The snapshot named exactly `name` (the list matches names as substrings). */
export async function snapshotNamed(ctx: Pick<HandlerContext, "client">, regionID: string, name: string): Promise<SnapshotInfo | undefined> {
  const { snapshotList } = await ctx.client.send(ListEbsSnap, { regionID, snapshotName: name });
  return snapshotList.find((s) => s.snapshotName === name);
}

/** A wire disk type (`SSD-genric`, `FAST-SSD`) as `Disk` spells it (`ssd-genric`, `fast-ssd`): lower-cased. */
export function diskTypeOf(wire: string | null | undefined): string {
  return (wire ?? "").toLowerCase();
}
