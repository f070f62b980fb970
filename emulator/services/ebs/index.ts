/**
 * The EBS service (spec D.8, D.9): data disks through billing orders, attach/detach through jobs,
 * and the reads the data sources use. System disks are inserted by the ECS service and shown here.
 */
import type { ServiceRegistrar } from "../types";
import { completeAttach, completeCreate, completeDetach, completeRefund, completeResize, failAttach, failDetach, failRefund, failResize } from "./actions";
import { EBS_ROUTES } from "./routes";
import { EBS_ACTIONS, EBS_TIMING } from "./rules";

export function register(api: ServiceRegistrar): void {
  // `immediate` makes new-ebs/resize-ebs answer 800 (order done in the request); anything else
  // answers 900 ebs.order.inProgress with the order to poll. Both profiles default to the latter.
  api.timing(EBS_TIMING.order, { fast: { mode: "polls", count: 1 }, realistic: { mode: "delay", ms: 4000 } });
  // A completed create order is a usable disk: CTyun's Terraform provider attaches a new disk right
  // after its order reaches "3" (TF internal/service/ebs/resource_ctyun_ebs.go). So no `creating`
  // phase by default; tests may still set this kind to model a disk that is slow to settle.
  api.timing(EBS_TIMING.ready, { fast: { mode: "immediate" }, realistic: { mode: "immediate" } });
  api.timing(EBS_TIMING.attach, { fast: { mode: "polls", count: 1 }, realistic: { mode: "delay", ms: 3000 } });
  api.timing(EBS_TIMING.detach, { fast: { mode: "polls", count: 1 }, realistic: { mode: "delay", ms: 3000 } });

  api.orderAction(EBS_ACTIONS.create, completeCreate);
  api.orderAction(EBS_ACTIONS.resize, completeResize);
  api.orderAction(EBS_ACTIONS.resizeFailed, failResize);
  api.orderAction(EBS_ACTIONS.refund, completeRefund);
  api.orderAction(EBS_ACTIONS.refundFailed, failRefund);
  api.jobAction(EBS_ACTIONS.attach, completeAttach);
  api.jobAction(EBS_ACTIONS.attachFailed, failAttach);
  api.jobAction(EBS_ACTIONS.detach, completeDetach);
  api.jobAction(EBS_ACTIONS.detachFailed, failDetach);

  for (const route of EBS_ROUTES) api.route(route);
}
