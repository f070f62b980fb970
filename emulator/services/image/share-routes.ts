/** Image sharing operations (host `ctimage`, api-notes/image.md §1.4): share, unshare, the share list. */
import { z } from "zod";
import { InvalidParameterError } from "../../errors";
import { defineRoute } from "../route";
import { commaList, flag, requiredId } from "../shared/fields";
import { listResult, paginate, readPaging } from "../shared/paging";
import type { RouteDefinition } from "../types";
import { ImageBackend } from "./backend";
import { ImageSharing } from "./sharing";
import { shareView } from "./views";

const share = defineRoute({
  method: "POST", path: "/v4/image/shared-image/create", operation: "ShareImage", service: "ctimage",
  // py and the newer TF layer send destinationAccountID; TF's old layer destinationUser: either names the recipient.
  input: z.object({ imageID: requiredId, destinationAccountID: z.string().optional(), destinationUser: z.string().optional() }),
  handle(ctx, { input, region }) {
    const account = input.destinationAccountID || input.destinationUser;
    if (!account) throw new InvalidParameterError("destinationAccountID is required");
    new ImageSharing(ctx).share(region.regionID, input.imageID, account);
    return {};
  },
});

const unshare = defineRoute({
  method: "POST", path: "/v4/image/shared-image/delete", operation: "UnshareImage", service: "ctimage",
  input: z.object({ imageID: requiredId, destinationAccountID: commaList, destinationUser: commaList, CancelAllSharedAccount: flag }),
  handle(ctx, { input, region }) {
    const accounts = input.destinationAccountID ?? input.destinationUser;
    if (input.CancelAllSharedAccount !== true && !accounts) throw new InvalidParameterError("destinationAccountID is required unless CancelAllSharedAccount is true");
    if (accounts && accounts.length > 50) throw new InvalidParameterError("destinationAccountID may list at most 50 accounts");
    new ImageSharing(ctx).unshare(region.regionID, input.imageID, input.CancelAllSharedAccount === true ? "all" : accounts!);
    return {};
  },
});

const sharedList = defineRoute({
  method: "GET", path: "/v4/image/show-shared-list", operation: "ShowImageShares", service: "ctimage",
  input: z.object({ imageID: requiredId }),
  handle(ctx, { input, region, params }) {
    const shares = new ImageSharing(ctx).list(region.regionID, input.imageID);
    const image = new ImageBackend(ctx).findPrivate(region.regionID, input.imageID)!;
    const paging = readPaging(params);
    return { ...listResult("images", paginate(shares, paging), (s) => shareView(image, s, shares)), currentPage: paging.pageNo };
  },
});

export const SHARE_ROUTES: readonly RouteDefinition[] = [share, unshare, sharedList];
