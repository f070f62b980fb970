import * as ctyun from "pulumi-ctyun";

// A VPC with one subnet and a security group that lets HTTPS in.
const vpc = new ctyun.Vpc("network", { cidr: "10.0.0.0/16" });
const subnet = new ctyun.Subnet("app", { vpcId: vpc.vpcId, cidr: "10.0.1.0/24" });
const web = new ctyun.SecurityGroup("web", { vpcId: vpc.vpcId });
new ctyun.SecurityGroupRule("https", {
  securityGroupId: web.securityGroupId,
  direction: "ingress",
  action: "accept",
  protocol: "tcp",
  etherType: "ipv4",
  range: "443",
  destCidrIp: "0.0.0.0/0",
});

// The region's zones, looked up (no ids to paste): see ctyun.getFlavorOutput / getImageOutput for VMs.
const zones = ctyun.getZonesOutput();

export const vpcId = vpc.vpcId;
export const subnetId = subnet.subnetId;
export const securityGroupId = web.securityGroupId;
export const zoneNames = zones.names;
