/**
 * The EBS service (spec D.8, D.9): data disks through billing orders, attach/detach through jobs,
 * the reads the data sources use, and VMs' system disks (made for the ECS service). Backend `ebs`.
 * Disks hold the VMs they are attached to; data disks come off a VM that goes.
 */
import type { ServiceRegistrar } from "../types";
import { DiskAttachments } from "./attachments";
import { EbsBackend } from "./backend";
import { FROM_SNAPSHOT_ROUTES } from "./from-snapshot-routes";
import { DiskOrders } from "./orders";
import { DISK_KIND } from "./records";
import { EBS_ROUTES } from "./routes";
import { EBS_ACTIONS, EBS_TIMING } from "./rules";

export function register(api: ServiceRegistrar): void {
  api.backend("ebs", (ctx) => new EbsBackend(ctx));
  api.holds("instance", {
    kind: DISK_KIND,
    phrase: { en: "disks", zh: "云硬盘" },
    holders: (ctx, regionId, instanceID) => ctx.backend("ebs").holdersOf(regionId, instanceID),
    release: (ctx, regionId, instanceID) => ctx.backend("ebs").detachDataDisksFrom(regionId, instanceID),
  });

  // `immediate` makes new-ebs/resize-ebs answer 800 (order done in the request); anything else
  // answers 900 ebs.order.inProgress with the order to poll. Both profiles default to the latter.
  api.timing(EBS_TIMING.order, { fast: { mode: "polls", count: 1 }, realistic: { mode: "delay", ms: 4000 } });
  // A completed create order is a usable disk: CTyun's Terraform provider attaches a new disk right
  // after its order reaches "3" (TF internal/service/ebs/resource_ctyun_ebs.go). So no `creating`
  // phase by default; tests may still set this kind to model a disk that is slow to settle.
  api.timing(EBS_TIMING.ready, { fast: { mode: "immediate" }, realistic: { mode: "immediate" } });
  api.timing(EBS_TIMING.attach, { fast: { mode: "polls", count: 1 }, realistic: { mode: "delay", ms: 3000 } });
  api.timing(EBS_TIMING.detach, { fast: { mode: "polls", count: 1 }, realistic: { mode: "delay", ms: 3000 } });

  api.orderAction(EBS_ACTIONS.create, (ctx, order) => new DiskOrders(ctx).completeCreate(order));
  api.orderAction(EBS_ACTIONS.createFailed, (ctx, order) => new DiskOrders(ctx).failCreate(order));
  api.orderAction(EBS_ACTIONS.resize, (ctx, order) => new DiskOrders(ctx).completeResize(order));
  api.orderAction(EBS_ACTIONS.resizeFailed, (ctx, order) => new DiskOrders(ctx).failResize(order));
  api.orderAction(EBS_ACTIONS.refund, (ctx, order) => new DiskOrders(ctx).completeRefund(order));
  api.orderAction(EBS_ACTIONS.refundFailed, (ctx, order) => new DiskOrders(ctx).failRefund(order));
  api.jobAction(EBS_ACTIONS.attach, (ctx, job) => new DiskAttachments(ctx).completeAttach(job));
  api.jobAction(EBS_ACTIONS.attachFailed, (ctx, job) => new DiskAttachments(ctx).failAttach(job));
  api.jobAction(EBS_ACTIONS.detach, (ctx, job) => new DiskAttachments(ctx).completeDetach(job));
  api.jobAction(EBS_ACTIONS.detachFailed, (ctx, job) => new DiskAttachments(ctx).failDetach(job));

  for (const route of [...EBS_ROUTES, ...FROM_SNAPSHOT_ROUTES]) api.route(route);
}
