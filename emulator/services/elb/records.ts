/**
 * The ELB service's records (api-notes/elb.md): load balancers (the billed "pgelb" kind), listeners,
 * listener rules, target groups, targets, health checks and certificates. Only this service writes
 * them; other services use `ctx.backend("elb")`. Records keep the wire names of the show APIs.
 * Computed on read, never stored: an LB's `eipInfo` (the EIP service's binding), a target's
 * `healthCheckStatus` (its group's health check and the VM's status), a listener's and rule's
 * nested objects in their wire shape.
 */

export const LOAD_BALANCER_KIND = "loadBalancer";
export const LISTENER_KIND = "elbListener";
export const LISTENER_RULE_KIND = "elbRule";
export const TARGET_GROUP_KIND = "elbTargetGroup";
export const TARGET_KIND = "elbTarget";
export const HEALTH_CHECK_KIND = "elbHealthCheck";
export const CERTIFICATE_KIND = "elbCertificate";

export type ResourceType = "internal" | "external";
export type ListenerProtocol = "TCP" | "UDP" | "HTTP" | "HTTPS";
export type HealthCheckProtocol = "TCP" | "UDP" | "HTTP";
export type CertificateType = "Server" | "Ca";

export interface LoadBalancerRecord {
  ID: string;
  name: string;
  description: string;
  projectID: string;
  vpcID: string;
  subnetID: string;
  portID: string;
  privateIpAddress: string;
  slaName: string;
  resourceType: ResourceType;
  /** The EIP bound at create (external LBs); the binding itself lives in the EIP service. */
  eipID: string;
  deleteProtection: boolean;
  adminStatus: "ACTIVE" | "DOWN";
  status: "ACTIVE" | "DOWN";
  cycleType: "on_demand" | "month" | "year";
  cycleCount: number;
  /** The billing resource id (the create order's masterResourceID). */
  resourceID: string;
  createdTime: string;
  updatedTime: string;
}

/** One target group a forward action sends to, with its weight (1–256). */
export interface WeightedTargetGroup {
  targetGroupID: string;
  weight: number;
}

/** A listener's default action or a rule's action: forward to target groups, or redirect to a listener. */
export interface ElbAction {
  type: "forward" | "redirect";
  targetGroups: WeightedTargetGroup[];
  redirectListenerID: string;
}

export interface ListenerRecord {
  ID: string;
  name: string;
  description: string;
  loadBalancerID: string;
  protocol: ListenerProtocol;
  protocolPort: number;
  certificateID: string;
  caEnabled: boolean;
  clientCertificateID: string;
  defaultAction: ElbAction;
  accessControlID: string;
  accessControlType: "Close" | "White" | "Black";
  forwardedForEnabled: boolean;
  status: "ACTIVE" | "DOWN";
  createdTime: string;
  updatedTime: string;
}

export interface RuleCondition {
  type: "server_name" | "url_path";
  serverName: string;
  urlPaths: string;
  matchType: "" | "ABSOLUTE" | "PREFIX" | "REG";
}

export interface ListenerRuleRecord {
  ID: string;
  loadBalancerID: string;
  listenerID: string;
  priority: number;
  description: string;
  conditions: RuleCondition[];
  action: ElbAction;
  createdTime: string;
  updatedTime: string;
}

export interface SessionSticky {
  sessionStickyMode: "CLOSE" | "INSERT" | "REWRITE" | "SOURCE_IP";
  cookieExpire: number;
  rewriteCookieName: string;
  sourceIpTimeout: number;
}

export interface TargetGroupRecord {
  ID: string;
  name: string;
  description: string;
  vpcID: string;
  /** "" when created without one (the API makes it optional). */
  protocol: "" | ListenerProtocol;
  healthCheckID: string;
  algorithm: "rr" | "wrr" | "lc" | "sh";
  sessionSticky: SessionSticky;
  proxyProtocol: 0 | 1;
  createdTime: string;
  updatedTime: string;
}

export interface TargetRecord {
  ID: string;
  targetGroupID: string;
  description: string;
  instanceType: "VM";
  instanceID: string;
  /** The VM address traffic goes to (its NIC in the target group's VPC). */
  instanceIP: string;
  protocolPort: number;
  weight: number;
  createdTime: string;
  updatedTime: string;
}

export interface HealthCheckRecord {
  ID: string;
  name: string;
  description: string;
  protocol: HealthCheckProtocol;
  /** 0 = the target's own port. */
  protocolPort: number;
  timeout: number;
  interval: number;
  maxRetry: number;
  /** HTTP only ("" otherwise). */
  httpMethod: string;
  httpUrlPath: string;
  httpExpectedCodes: string[];
  createTime: string;
}

export interface CertificateRecord {
  ID: string;
  name: string;
  description: string;
  projectID: string;
  type: CertificateType;
  certificate: string;
  /** Server certificates only ("" for CA certificates). */
  privateKey: string;
  createdTime: string;
  updatedTime: string;
}
