/** The EIP service's records (spec D.5). Only this service writes them; others use `ctx.backend("eip")`. */

export const EIP_KIND = "eip";

/**
 * `status` upper-case: DOWN when unbound, ACTIVE when bound. `associationID` is the bound instance,
 * VIP or load balancer id ("" when unbound).
 */
export interface EipRecord {
  ID: string;
  name: string;
  description: string;
  eipAddress: string;
  associationID: string;
  /** `LOADBALANCER`: bound by the ELB service to an external load balancer (py v4_eip_show names the value). */
  associationType: "" | "INSTANCE" | "VIP" | "LOADBALANCER";
  privateIpAddress: string;
  bandwidth: number;
  bandwidthID: string;
  bandwidthType: string;
  status: "ACTIVE" | "DOWN" | "ERROR" | "UPDATING" | "BANDING_OR_UNBANGDING" | "DELETING" | "DELETED" | "EXPIRED";
  /** A JSON string, never an array (spec C.3). */
  tags: string;
  cycleType: "on_demand" | "month" | "year";
  cycleCount: number;
  demandBillingType: string;
  /** Carrier line bought: `163` (default), `bgp`, `chinamobile`, `chinaunicom`. */
  lineType: string;
  projectID: string;
  createdAt: string;
  updatedAt: string;
  /** RFC 3339 end of a subscription; "" for on-demand EIPs (shown as null). */
  expiredAt: string;
  /** The billing resource id (the create order's masterResourceID); absent on records of older versions. */
  resourceID?: string;
}
