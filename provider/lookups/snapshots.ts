/**
 * Snapshot lookups: EBS disk snapshots that already exist (taken by hand, by a `DiskSnapshot`, or by a
 * snapshot policy), e.g. to make a `Disk` from (`snapshotId`).
 *
 * Named after the resource they find (`getDiskSnapshots` ↔ `DiskSnapshot`, as `getDisks` ↔ `Disk`):
 * the cloud has two kinds of snapshot (EBS disk snapshots and ECS instance snapshots), so a bare
 * `getSnapshots` would not say which.
 */
import { ListEbsSnap, type SnapshotInfo } from "../client/operations/ebs-snapshot";
import { criteriaOf, exactlyOne, lookupContext, matchingName, outputForm, type LookupOptions } from "./lookup";

/** list-ebs-snap's largest page (py `maxResults`, 1–1000). */
const MAX_RESULTS = 1000;

/** An EBS disk snapshot. */
export interface DiskSnapshotInfo {
  /** The snapshot id (a UUID): what `Disk` `snapshotId` takes. */
  readonly snapshotId: string;
  /** The snapshot name. */
  readonly name: string;
  /** `creating`, `available`, `deleting`, `rollbacking`, `cloning`, `freezing` or `error`. */
  readonly status: string;
  /** The disk it was taken of. */
  readonly diskId: string;
  /** `manu` (taken by hand or by a `DiskSnapshot`) or `timer` (taken by a snapshot policy). */
  readonly snapshotType: string | undefined;
  /** `data` or `system`: the kind of disk it was taken of. */
  readonly volumeAttr: string | undefined;
  /** The source disk's type, e.g. `sas`: a disk made from the snapshot has it. */
  readonly diskType: string | undefined;
  /** The source disk's size in GB: a disk made from the snapshot is at least this large. */
  readonly sizeGb: number | undefined;
  /** The snapshot's availability zone. */
  readonly azName: string | undefined;
  /** `custom` (kept `retentionDays`) or `forever`. */
  readonly retentionPolicy: string | undefined;
  /** Days it is kept (65535 for `forever`). */
  readonly retentionDays: number | undefined;
  /** When it was taken, as the cloud writes it. */
  readonly createTime: string | undefined;
  /** When it expires, as the cloud writes it. */
  readonly expireTime: string | undefined;
}

export interface GetDiskSnapshotsArgs extends LookupOptions {
  /** Only snapshots of this disk. */
  readonly diskId?: string;
  /** Only snapshots in this status, e.g. `available`. */
  readonly status?: string;
  /** `manu` or `timer` (taken by a snapshot policy). */
  readonly snapshotType?: "manu" | "timer";
  /** Keep snapshots whose name matches this regular expression. */
  readonly nameRegex?: string;
}

export interface GetDiskSnapshotsResult {
  /** The region searched (32-hex `regionID`). */
  readonly regionId: string;
  /** The snapshots found, by name. */
  readonly snapshots: readonly DiskSnapshotInfo[];
  /** The found items' ids, in the same order. */
  readonly ids: readonly string[];
}

/**
 * Disk snapshots of the region (`list-ebs-snap`, following `nextToken` to the end), filtered.
 *
 * @example
 * ```ts
 * const { snapshots } = await ctyun.getDiskSnapshots({ diskId: data.diskId, status: "available" });
 * ```
 */
export async function getDiskSnapshots(args: GetDiskSnapshotsArgs = {}): Promise<GetDiskSnapshotsResult> {
  const { client, regionId } = lookupContext(args, "getDiskSnapshots");
  const rows: SnapshotInfo[] = [];
  // Token paging: each answer's nextToken names where the next page starts; none at the end.
  for (let nextToken: string | undefined; ; ) {
    const page = await client.send(ListEbsSnap, {
      regionID: regionId,
      ...(args.diskId !== undefined ? { diskID: args.diskId } : {}),
      ...(args.status !== undefined ? { snapshotStatus: args.status } : {}),
      ...(args.snapshotType !== undefined ? { snapshotType: args.snapshotType } : {}),
      maxResults: MAX_RESULTS,
      ...(nextToken !== undefined ? { nextToken } : {}),
    });
    rows.push(...page.snapshotList);
    if (!page.nextToken || page.snapshotList.length === 0) break;
    nextToken = page.nextToken;
  }
  const snapshots = matchingName(
    rows.map(
      (s): DiskSnapshotInfo => ({
        snapshotId: s.snapshotID,
        name: s.snapshotName,
        status: s.snapshotStatus,
        diskId: s.diskID,
        snapshotType: s.snapshotType ?? undefined,
        volumeAttr: s.volumeAttr ?? undefined,
        diskType: s.volumeType ?? undefined,
        sizeGb: s.volumeSize ?? undefined,
        azName: s.azName ?? undefined,
        retentionPolicy: s.retentionPolicy ?? undefined,
        retentionDays: s.retentionTime ?? undefined,
        createTime: s.createTime ?? undefined,
        expireTime: s.expireTime ?? undefined,
      }),
    ),
    args.nameRegex,
    (s) => s.name,
  )
    // The cloud filters too; checked again so a filter it ignored cannot widen the result.
    .filter((s) => args.diskId === undefined || s.diskId === args.diskId)
    .filter((s) => args.status === undefined || s.status === args.status)
    .filter((s) => args.snapshotType === undefined || s.snapshotType === args.snapshotType)
    .sort((a, b) => a.name.localeCompare(b.name));
  return { regionId, snapshots, ids: snapshots.map((s) => s.snapshotId) };
}

/**
 * The one disk snapshot matching the filters.
 *
 * @example
 * ```ts
 * const before = await ctyun.getDiskSnapshot({ nameRegex: "^before-upgrade$" });
 * ```
 */
export async function getDiskSnapshot(args: GetDiskSnapshotsArgs): Promise<DiskSnapshotInfo> {
  const { snapshots } = await getDiskSnapshots(args);
  return exactlyOne("disk snapshot", criteriaOf(args), snapshots, (s) => `${s.name} (${s.snapshotId}, disk ${s.diskId}, ${s.status})`);
}

/** `getDiskSnapshots` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getDiskSnapshotsOutput = outputForm(getDiskSnapshots);
/** `getDiskSnapshot` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getDiskSnapshotOutput = outputForm(getDiskSnapshot);
