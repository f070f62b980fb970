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

export const SNAT_RULE_KIND = "snatRule";

/** `subnetType` 1: the source is a subnet of the gateway's VPC; 2: a CIDR (api-notes/nat.md §3.2). */
export interface SnatRuleRecord {
  sNatID: string;
  natGatewayID: string;
  /** "" for a CIDR source. */
  subnetID: string;
  /** The source CIDR: the subnet's CIDR for a subnet source. */
  sourceCIDR: string;
  subnetType: 1 | 2;
  /** The EIPs the source is translated to (at least one). */
  eipIDs: string[];
  description: string;
  creationTime: string;
}

export const DNAT_RULE_KIND = "dnatRule";

/** `virtualMachineType` 1: a cloud server (`virtualMachineID`, `serverType`); 2: a custom `internalIp`. */
export interface DnatRuleRecord {
  dNatID: string;
  natGatewayID: string;
  /** The EIP id the rule listens on. */
  externalID: string;
  externalPort: number;
  protocol: "tcp" | "udp";
  virtualMachineType: 1 | 2;
  /** "" for a custom rule. */
  virtualMachineID: string;
  /** `VM` for a cloud server, "" for a custom rule. */
  serverType: string;
  /** The VM's private address (type 1) or the custom address (type 2). */
  internalIp: string;
  internalPort: number;
  description: string;
  creationTime: string;
}
