/**
 * The image service (host `ctimage`, api-notes/image.md): image detail and list (public images are
 * the catalog's), the account's private images (from a stopped VM or an instance snapshot, queued →
 * active, deleting → gone) and sharing them with other accounts. Backend `image`. Images being made
 * from an instance snapshot hold it.
 */
import type { ServiceRegistrar } from "../types";
import { ImageBackend } from "./backend";
import { ImageCreation } from "./creation";
import { PRIVATE_IMAGE_KIND } from "./records";
import { IMAGE_ROUTES } from "./routes";
import { IMAGE_ACTIONS, IMAGE_TIMING } from "./rules";
import { SHARE_ROUTES } from "./share-routes";

export function register(api: ServiceRegistrar): void {
  api.backend("image", (ctx) => new ImageBackend(ctx));
  api.holds("instanceSnapshot", {
    kind: PRIVATE_IMAGE_KIND,
    phrase: { en: "images being made from it", zh: "正在创建的镜像" },
    holders: (ctx, regionId, snapshotID) => ctx.backend("image").holdersOfSnapshot(regionId, snapshotID),
  });
  // Writing a system disk into an image takes minutes on the cloud (TF polls every 5–10 s); fast: one poll sees `queued`.
  api.timing(IMAGE_TIMING.create, { fast: { mode: "polls", count: 1 }, realistic: { mode: "delay", ms: 30_000 } });
  api.timing(IMAGE_TIMING.delete, { fast: { mode: "polls", count: 1 }, realistic: { mode: "delay", ms: 5_000 } });
  api.transitionAction(IMAGE_ACTIONS.created, (ctx, subject) => new ImageCreation(ctx).completeCreate(subject));
  api.transitionAction(IMAGE_ACTIONS.deleted, (ctx, subject) => new ImageCreation(ctx).completeDelete(subject));
  for (const route of [...IMAGE_ROUTES, ...SHARE_ROUTES]) api.route(route);
}
