/**
 * The VPC service's records: VPCs and subnets (spec D.1, D.2). Only this service writes them; others
 * read them through `ctx.backend("vpc")` and `ctx.backend("subnet")`. Records keep the wire names of
 * the describe APIs; computed fields are named below and are NOT stored (they would go stale).
 */

export const VPC_KIND = "vpc";
export const SUBNET_KIND = "subnet";

/** Computed on read: `subnetIDs` (subnet records), `natGatewayIDs` (holders of kind `natGateway`). */
export interface VpcRecord {
  vpcID: string;
  name: string;
  description: string;
  /** Byte-for-byte as sent (spec D.0.1). */
  CIDR: string;
  ipv6Enabled: boolean;
  enableIpv6: boolean;
  ipv6CIDRS: string[];
  secondaryCIDRs: string[];
  projectID: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * Computed on read: `availableIpCount`/`availableIPCount` (range size minus the addresses the
 * subnet's holders have, e.g. VM interfaces), `gateway` (= gatewayIP).
 */
export interface SubnetRecord {
  subnetID: string;
  vpcID: string;
  name: string;
  description: string;
  CIDR: string;
  gatewayIP: string;
  /** First and last assignable IPv4 addresses. */
  start: string;
  end: string;
  dnsList: string[];
  enableIpv6: boolean;
  ipv6CIDR: string;
  ipv6Start: string;
  ipv6End: string;
  ipv6GatewayIP: string;
  /** 0 common, 1 cbm (bare metal). */
  type: 0 | 1;
  availabilityZones: string[];
  routeTableID: string;
  networkAclID: string;
  projectID: string;
  createdAt: string;
  updatedAt: string;
}
