/** The catalog service: regions, zones, flavors and public images (read-only, seeded; the image service serves image reads). */
import type { ServiceRegistrar } from "../types";
import { CatalogBackend } from "./backend";
import { CATALOG_ROUTES } from "./routes";
import { seedCatalog } from "./seed";

export function register(api: ServiceRegistrar): void {
  api.backend("catalog", (ctx) => new CatalogBackend(ctx));
  api.seed(seedCatalog);
  for (const route of CATALOG_ROUTES) api.route(route);
}
