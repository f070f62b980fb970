/** The key pair service (ctecs host, spec D.11): import, generate, list, delete, bind to VMs. */
import type { ServiceRegistrar } from "../types";
import { KEY_PAIR_ROUTES } from "./routes";

export function register(api: ServiceRegistrar): void {
  for (const route of KEY_PAIR_ROUTES) api.route(route);
}
