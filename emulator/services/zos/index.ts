/** The ZOS service (zos host): object-storage buckets and their objects (spec D.10), and the S3 data plane under /_s3. Backend `zos`. */
import type { ServiceRegistrar } from "../types";
import { METADATA_TIMING, ZosBackend } from "./backend";
import { ZOS_OBJECT_ROUTES } from "./object-routes";
import { ZOS_BUCKET_ROUTES } from "./routes";
import { S3_PREFIX, s3DataPlane } from "./s3/server";

export function register(api: ServiceRegistrar): void {
  api.backend("zos", (ctx) => new ZosBackend(ctx));
  // A new bucket reaches get-bucket-info's metadata cache a moment after create (TF sleeps 30 s).
  api.timing(METADATA_TIMING, { fast: { mode: "polls", count: 1 }, realistic: { mode: "delay", ms: 3000 } });
  api.seed((ctx) => new ZosBackend(ctx).seedServiceStatus());
  for (const route of [...ZOS_BUCKET_ROUTES, ...ZOS_OBJECT_ROUTES]) api.route(route);
  // The S3-compatible data plane (objects' bytes), path-style under /_s3 on the same server.
  api.mount(S3_PREFIX, s3DataPlane());
}
