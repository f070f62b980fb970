/** The security-group service: groups (ctvpc) and their rules (created on ctecs or ctvpc), spec D.3–D.4. */
import type { ServiceRegistrar } from "../types";
import { SECURITY_GROUP_ROUTES } from "./routes";

export function register(api: ServiceRegistrar): void {
  for (const route of SECURITY_GROUP_ROUTES) api.route(route);
}
