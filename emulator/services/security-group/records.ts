/**
 * The security-group service's records: groups and their rules (spec D.3, D.4). Only this service
 * writes them; others use `ctx.backend("securityGroup")`.
 */

export const SECURITY_GROUP_KIND = "securityGroup";
export const SECURITY_GROUP_RULE_KIND = "securityGroupRule";

/**
 * `origin` of the security group the platform creates for a VPC (the one a VM without groups
 * joins). It belongs to the VPC: deleting the VPC deletes it, unlike the user's groups.
 */
export const PLATFORM_DEFAULT_GROUP_ORIGIN = "default";
/** Decision (COVERAGE.md): origin of groups created through the API, and of their rules. */
export const USER_ORIGIN = "user";

/**
 * Computed on read: `vmNum` (holders of kind `instance`), `vpcName`, `securityGroupRuleList` (rule
 * records).
 */
export interface SecurityGroupRecord {
  id: string;
  securityGroupName: string;
  vpcID: string;
  description: string;
  origin: string;
  creationTime: string;
  projectID: string;
}

/** Response enum forms: direction/action lower-case, protocol upper-case. */
export interface SecurityGroupRuleRecord {
  id: string;
  securityGroupID: string;
  direction: "ingress" | "egress";
  action: "accept" | "drop";
  priority: number;
  protocol: "ANY" | "TCP" | "UDP" | "ICMP" | "ICMP6";
  ethertype: "IPv4" | "IPv6";
  destCidrIp: string;
  /** Byte-for-byte as sent: "22", "8000-9000" or "". */
  range: string;
  description: string;
  remoteSecurityGroupID: string;
  prefixListID: string;
  origin: string;
  createTime: string;
}
