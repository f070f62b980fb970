/**
 * network-only: the network layer of a CTyun deployment, without any VM.
 *
 * - a VPC,
 * - an "app" subnet and a "data" subnet inside it,
 * - a security group for web servers: HTTP and HTTPS from anywhere, SSH from an admin range.
 *
 * Provider settings (endpoint, credentials, region) come from the `ctyun:*` stack configuration or
 * the `CTYUN_*` environment variables; this program's own settings (all optional) are:
 *
 *   pulumi config set vpcCidr 10.0.0.0/16          # changing it replaces the VPC and everything in it
 *   pulumi config set appSubnetCidr 10.0.1.0/24    # changing a subnet range replaces that subnet
 *   pulumi config set dataSubnetCidr 10.0.2.0/24
 *   pulumi config set adminCidr 10.0.0.0/8         # who may SSH in (changing it replaces that rule)
 *   pulumi config set description "..."            # updated in place on every resource that has one
 */
import * as pulumi from "@pulumi/pulumi";
import * as ctyun from "pulumi-ctyun";

const config = new pulumi.Config();
const vpcCidr = config.get("vpcCidr") ?? "10.0.0.0/16";
const appSubnetCidr = config.get("appSubnetCidr") ?? "10.0.1.0/24";
const dataSubnetCidr = config.get("dataSubnetCidr") ?? "10.0.2.0/24";
const adminCidr = config.get("adminCidr") ?? "10.0.0.0/8";
const description = config.get("description") ?? "managed by pulumi-ctyun (network-only example)";

// Names are optional everywhere: without one, a resource is named `<logical name>-<7 hex>`.
const vpc = new ctyun.Vpc("network", { cidr: vpcCidr, description });

// Subnets must lie inside the VPC's range and not overlap each other; the provider checks both
// against the cloud before it creates anything.
const app = new ctyun.Subnet("app", { vpcId: vpc.vpcId, cidr: appSubnetCidr, description });
const data = new ctyun.Subnet("data", { vpcId: vpc.vpcId, cidr: dataSubnetCidr, description });

// A new security group allows all outbound traffic and no inbound traffic; each rule is a resource.
const web = new ctyun.SecurityGroup("web", { vpcId: vpc.vpcId, description });

const ingress: Array<[name: string, range: string, destCidrIp: string, what: string]> = [
  ["http", "80", "0.0.0.0/0", "HTTP from anywhere"],
  ["https", "443", "0.0.0.0/0", "HTTPS from anywhere"],
  ["ssh", "22", adminCidr, "SSH from the admin range"],
];
const rules = ingress.map(
  ([name, range, destCidrIp, what]) =>
    new ctyun.SecurityGroupRule(`web-${name}`, {
      securityGroupId: web.securityGroupId,
      direction: "ingress",
      action: "accept",
      protocol: "tcp",
      etherType: "ipv4",
      range,
      destCidrIp,
      description: what,
    }),
);

export const vpcId = vpc.vpcId;
export const vpcName = vpc.name;
export const subnetIds = { app: app.subnetId, data: data.subnetId };
export const appSubnetGateway = app.gatewayIp;
export const securityGroupId = web.securityGroupId;
export const securityGroupRuleIds = rules.map((rule) => rule.securityGroupRuleId);
