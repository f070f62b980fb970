/**
 * The NAT service's records (api-notes/nat.md): NAT gateways. Only this service writes them; others
 * read them through `ctx.backend("nat")`. Computed on read and NOT stored: `vpcName`, `vpcCidr`
 * (the VPC's), `specs` (from `spec`), `status` (from `state`).
 */

export const NAT_GATEWAY_KIND = "natGateway";

/** `spec` on the wire: 1 small, 2 medium, 3 large, 4 xlarge (api-notes/nat.md §2.1, §2.2). */
export type NatSpec = 1 | 2 | 3 | 4;

export interface NatGatewayRecord {
  natGatewayID: string;
  name: string;
  description: string;
  vpcID: string;
  /** The availability zone it was placed in (`azName` of create; show's `zoneID`). */
  zoneID: string;
  spec: NatSpec;
  /** `running` once the create order finished; `expired`/`freeze` are not produced by the emulator. */
  state: "running" | "expired" | "freeze";
  cycleType: "on_demand" | "month" | "year";
  cycleCount: number;
  projectID: string;
  /** RFC 3339. */
  creationTime: string;
  /** RFC 3339 end of a subscription; "" for on-demand gateways. */
  expiredTime: string;
  /** The create order's masterResourceID. */
  resourceID: string;
}
