/** The ZOS service (zos host): object-storage buckets and their objects' listing/deletion (spec D.10). */
import type { ServiceRegistrar } from "../types";
import { METADATA_TIMING, seedServiceStatus } from "./backend";
import { ZOS_ROUTES } from "./routes";

export function register(api: ServiceRegistrar): void {
  // A new bucket reaches get-bucket-info's metadata cache a moment after create (TF sleeps 30 s).
  api.timing(METADATA_TIMING, { fast: { mode: "polls", count: 1 }, realistic: { mode: "delay", ms: 3000 } });
  api.seed(seedServiceStatus);
  for (const route of ZOS_ROUTES) api.route(route);
}
