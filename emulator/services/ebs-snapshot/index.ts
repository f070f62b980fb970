/**
 * The EBS snapshot service (host `ebs`, api-notes/snapshot.md): disk snapshots (an order for a
 * disk's first, jobs after), snapshot policies and which disks follow them. Backend `ebsSnapshot`.
 * Snapshots and policy bindings hold disks; both go when the disk is refunded.
 */
import type { ServiceRegistrar } from "../types";
import { EbsSnapshotBackend } from "./backend";
import { POLICY_ROUTES } from "./policy-routes";
import { DISK_SNAPSHOT_KIND } from "./records";
import { SNAPSHOT_ROUTES } from "./routes";
import { EBS_SNAPSHOT_ACTIONS, EBS_SNAPSHOT_TIMING } from "./rules";
import { DiskSnapshots } from "./snapshots";

export function register(api: ServiceRegistrar): void {
  api.backend("ebsSnapshot", (ctx) => new EbsSnapshotBackend(ctx));
  api.holds("disk", {
    kind: DISK_SNAPSHOT_KIND,
    phrase: { en: "snapshots", zh: "云硬盘快照" },
    holders: (ctx, regionId, diskID) => ctx.backend("ebsSnapshot").holdersOfDisk(regionId, diskID),
    release: (ctx, regionId, diskID) => ctx.backend("ebsSnapshot").releaseDisk(regionId, diskID),
  });
  // Copying a disk into a snapshot takes a while on the cloud (tens of seconds to minutes, TF polls
  // every 30 s); fast: one poll sees `creating`.
  api.timing(EBS_SNAPSHOT_TIMING.create, { fast: { mode: "polls", count: 1 }, realistic: { mode: "delay", ms: 20_000 } });
  api.timing(EBS_SNAPSHOT_TIMING.delete, { fast: { mode: "polls", count: 1 }, realistic: { mode: "delay", ms: 5_000 } });
  api.orderAction(EBS_SNAPSHOT_ACTIONS.createOrdered, (ctx, order) => new DiskSnapshots(ctx).completeOrdered(order));
  api.orderAction(EBS_SNAPSHOT_ACTIONS.refunded, (ctx, order) => new DiskSnapshots(ctx).completeRefund(order));
  api.orderAction(EBS_SNAPSHOT_ACTIONS.refundFailed, (ctx, order) => new DiskSnapshots(ctx).failRefund(order));
  api.jobAction(EBS_SNAPSHOT_ACTIONS.created, (ctx, job) => new DiskSnapshots(ctx).completeJob(job));
  api.jobAction(EBS_SNAPSHOT_ACTIONS.createFailed, (ctx, job) => new DiskSnapshots(ctx).failJob(job));
  api.jobAction(EBS_SNAPSHOT_ACTIONS.deleted, (ctx, job) => new DiskSnapshots(ctx).completeDelete(job));
  api.jobAction(EBS_SNAPSHOT_ACTIONS.deleteFailed, (ctx, job) => new DiskSnapshots(ctx).failDelete(job));
  for (const route of [...SNAPSHOT_ROUTES, ...POLICY_ROUTES]) api.route(route);
}
