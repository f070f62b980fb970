/**
 * The shared-bandwidth service's records (api-notes/bandwidth.md): bandwidth packages. Only this
 * service writes them. The EIPs in a package are the package's `eipIDs` (the EIP service shows the
 * package in its `bandwidthID` by asking who holds the EIP); `eips[]` addresses are read on answer.
 */

export const BANDWIDTH_KIND = "bandwidth";

export interface BandwidthRecord {
  id: string;
  name: string;
  /** Mbit/s, 5–1000. */
  bandwidth: number;
  /** Upper case: `ACTIVE`, `EXPIRED`, `FREEZING` (TF maps nothing else). */
  status: "ACTIVE" | "EXPIRED" | "FREEZING";
  cycleType: "on_demand" | "month" | "year";
  cycleCount: number;
  projectID: string;
  eipIDs: string[];
  /** RFC 3339. */
  createdAt: string;
  /** RFC 3339 end of a subscription; "" on demand. */
  expireAt: string;
  /** The create order's masterResourceID. */
  resourceID: string;
}
