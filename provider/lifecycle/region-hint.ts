/**
 * An unknown region is the first wall a newcomer hits (a region id copied wrong, the emulator's
 * id against the cloud): the cloud's answer names no alternative, so the valid regions are listed.
 */
import type { CtyunClient } from "../client/client";
import { isServiceError } from "../client/errors";
import { ListRegions } from "../client/operations/catalog";

/** The code CTyun answers for an unknown `regionID` (spec C.1, its SDKs' test mocks). */
export const UNKNOWN_REGION = "Unknown.Region.RegionIDError";

/** `client`, whose unknown-region failures list the regions the account can use. */
export function withRegionHints(client: CtyunClient): CtyunClient {
  const send: CtyunClient["send"] = async (operation, input, options) => {
    try {
      return await client.send(operation, input, options);
    } catch (error) {
      if (isServiceError(error, UNKNOWN_REGION) && operation.name !== ListRegions.name) {
        const regions = await client.send(ListRegions, {}).then(
          (r) => r.regionList.map((region) => `${region.regionName ?? "?"} ${region.regionID}`),
          () => [] as string[],
        );
        if (regions.length > 0) error.addDetail(`the regions are: ${regions.join(", ")}; set ctyun:regionId or the resource's regionId to one of them`);
      }
      throw error;
    }
  };
  return { ...client, send, deps: client.deps, endpoint: client.endpoint, close: () => client.close() };
}
