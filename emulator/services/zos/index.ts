/** The ZOS service (zos host): object-storage buckets and their objects' listing/deletion (spec D.10). Backend `zos`. */
import type { ServiceRegistrar } from "../types";
import { METADATA_TIMING, ZosBackend } from "./backend";
import { ZOS_OBJECT_ROUTES } from "./object-routes";
import { ZOS_BUCKET_ROUTES } from "./routes";

export function register(api: ServiceRegistrar): void {
  api.backend("zos", (ctx) => new ZosBackend(ctx));
  // A new bucket reaches get-bucket-info's metadata cache a moment after create (TF sleeps 30 s).
  api.timing(METADATA_TIMING, { fast: { mode: "polls", count: 1 }, realistic: { mode: "delay", ms: 3000 } });
  api.seed((ctx) => new ZosBackend(ctx).seedServiceStatus());
  for (const route of [...ZOS_BUCKET_ROUTES, ...ZOS_OBJECT_ROUTES]) api.route(route);
}
