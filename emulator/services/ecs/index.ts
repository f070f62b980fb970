/** The ECS service (ctecs host): VM instances, their power states, orders and security groups (spec D.7). */
import type { ServiceRegistrar } from "../types";
import { completeCreate, completeDestroy, completeFlavorChange, completeUnsubscribe, failUnsubscribe } from "./actions";
import { CREATE_ACTION, DESTROY_ACTION, UNSUBSCRIBE_ACTION, UNSUBSCRIBE_FAILED_ACTION, UPDATE_FLAVOR_ACTION } from "./backend";
import { ECS_ROUTES } from "./routes";

export function register(api: ServiceRegistrar): void {
  for (const route of ECS_ROUTES) api.route(route);
  api.orderAction(CREATE_ACTION, completeCreate);
  api.orderAction(UPDATE_FLAVOR_ACTION, completeFlavorChange);
  api.orderAction(UNSUBSCRIBE_ACTION, completeUnsubscribe);
  api.orderAction(UNSUBSCRIBE_FAILED_ACTION, failUnsubscribe);
  api.orderAction(DESTROY_ACTION, completeDestroy);
}
