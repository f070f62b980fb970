/**
 * web-tier: a tier of identical web servers on CTyun.
 *
 * - a VPC and a subnet for the tier,
 * - one security group shared by every server: HTTP (80) and HTTPS (443) from anywhere, SSH only
 *   from `adminCidr`,
 *
 * Provider settings come from the `ctyun:*` stack configuration or the `CTYUN_*` environment
 * variables. This program's settings (all optional):
 *
 *   pulumi config set vpcCidr 172.16.0.0/16
 *   pulumi config set subnetCidr 172.16.10.0/24     # inside vpcCidr; replaces the subnet (and the servers)
 *   pulumi config set adminCidr 172.16.0.0/12       # who may SSH in
 *   pulumi config set description "..."             # updated in place
 */
import * as pulumi from "@pulumi/pulumi";
import * as ctyun from "pulumi-ctyun";

const config = new pulumi.Config();
const vpcCidr = config.get("vpcCidr") ?? "172.16.0.0/16";
const subnetCidr = config.get("subnetCidr") ?? "172.16.10.0/24";
const adminCidr = config.get("adminCidr") ?? "172.16.0.0/12";
const description = config.get("description") ?? "pulumi-ctyun web tier";

const vpc = new ctyun.Vpc("web", { cidr: vpcCidr, description });
const subnet = new ctyun.Subnet("web", { vpcId: vpc.vpcId, cidr: subnetCidr, description });

// One group for the whole tier: rules are separate resources, so adding a port never touches the
// servers.
const sg = new ctyun.SecurityGroup("web", { vpcId: vpc.vpcId, description });
const allow = (name: string, range: string, destCidrIp: string, what: string) =>
  new ctyun.SecurityGroupRule(name, {
    securityGroupId: sg.securityGroupId,
    direction: "ingress",
    action: "accept",
    protocol: "tcp",
    etherType: "ipv4",
    range,
    destCidrIp,
    description: what,
  });
allow("web-http", "80", "0.0.0.0/0", "HTTP");
allow("web-https", "443", "0.0.0.0/0", "HTTPS");
allow("web-ssh", "22", adminCidr, "SSH from the admin range");

export const vpcId = vpc.vpcId;
export const subnetId = subnet.subnetId;
export const securityGroupId = sg.securityGroupId;
