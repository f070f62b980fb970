/**
 * The instance snapshot service (ECS snapshots, host `ctecs`, api-notes/snapshot.md §3): snapshots
 * of a whole VM taken by a job. Backend `instanceSnapshot`; images being made from a snapshot hold it
 * (declared by the image service).
 */
import type { ServiceRegistrar } from "../types";
import { InstanceSnapshotBackend, SNAPSHOT_ACTIONS, SNAPSHOT_TIMING } from "./backend";
import { INSTANCE_SNAPSHOT_ROUTES } from "./routes";

export function register(api: ServiceRegistrar): void {
  api.backend("instanceSnapshot", (ctx) => new InstanceSnapshotBackend(ctx));
  // A VM's disks take minutes to snapshot on the cloud (TF polls every 30 s); fast: one poll sees `pending`.
  api.timing(SNAPSHOT_TIMING, { fast: { mode: "polls", count: 1 }, realistic: { mode: "delay", ms: 20_000 } });
  api.jobAction(SNAPSHOT_ACTIONS.taken, (ctx, job) => new InstanceSnapshotBackend(ctx).finish(job, "available"));
  api.jobAction(SNAPSHOT_ACTIONS.failed, (ctx, job) => new InstanceSnapshotBackend(ctx).finish(job, "error"));
  for (const route of INSTANCE_SNAPSHOT_ROUTES) api.route(route);
}
