/** The key pair service (ctecs host, spec D.11): import, generate, list, delete, bind to VMs. Backend `keypair`. */
import type { ServiceRegistrar } from "../types";
import { KeyPairBackend } from "./backend";
import { KEY_PAIR_ROUTES } from "./routes";

export function register(api: ServiceRegistrar): void {
  api.backend("keypair", (ctx) => new KeyPairBackend(ctx));
  for (const route of KEY_PAIR_ROUTES) api.route(route);
}
