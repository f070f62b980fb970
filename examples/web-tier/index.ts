/**
 * web-tier: a tier of identical web servers on CTyun.
 *
 * - a VPC and a subnet for the tier,
 * - one security group shared by every server: HTTP (80) and HTTPS (443) from anywhere, SSH only
 *   from `adminCidr`,
 * - `webCount` VMs, each installing nginx at first boot (cloud-init) and reachable on its own
 *   elastic IP (for private servers behind CTyun's load balancer instead, see examples/web-lb).
 *
 * Provider settings come from the `ctyun:*` stack configuration or the `CTYUN_*` environment
 * variables. This program's settings:
 *
 *   pulumi config set vmCpu 2                             # vCPUs of each server (default 1), with
 *   pulumi config set vmMemoryGb 4                        # GB (default 2): picks an s7 flavor; changed in place (stop, resize, start)
 *   pulumi config set imageName "^CTyunOS"                # a name pattern matching one public Linux image (default Ubuntu 22.04); replaces the servers
 *   pulumi config set --secret webPassword '<password>'   # required; root's password, kept secret
 *   pulumi config set webCount 2                          # how many servers
 *   pulumi config set bandwidth 10                        # Mbps per EIP; changed in place
 *   pulumi config set vpcCidr 172.16.0.0/16
 *   pulumi config set subnetCidr 172.16.10.0/24           # inside vpcCidr; replaces the subnet (and the servers)
 *   pulumi config set adminCidr 172.16.0.0/12             # who may SSH in (replaces that rule)
 *   pulumi config set description "..."                   # updated in place
 */
import * as pulumi from "@pulumi/pulumi";
import * as ctyun from "pulumi-ctyun";

const config = new pulumi.Config();
const flavor = ctyun.getFlavorOutput({ series: "s7", cpu: config.getNumber("vmCpu") ?? 1, memoryGb: config.getNumber("vmMemoryGb") ?? 2 });
const image = ctyun.getImageOutput({ nameRegex: config.get("imageName") ?? "^Ubuntu Server 22\\.04", osType: "linux" });
const password = config.requireSecret("webPassword");
const webCount = config.getNumber("webCount") ?? 2;
const bandwidth = config.getNumber("bandwidth") ?? 10;
const vpcCidr = config.get("vpcCidr") ?? "172.16.0.0/16";
const subnetCidr = config.get("subnetCidr") ?? "172.16.10.0/24";
const adminCidr = config.get("adminCidr") ?? "172.16.0.0/12";
const description = config.get("description") ?? "pulumi-ctyun web tier";

const vpc = new ctyun.Vpc("web", { cidr: vpcCidr, description });
const subnet = new ctyun.Subnet("web", { vpcId: vpc.vpcId, cidr: subnetCidr, description });

// One group for the whole tier: rules are separate resources, so opening a port never touches the
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

// cloud-init, run once at first boot (changing it replaces the servers).
const userData = Buffer.from(["#cloud-config", "packages: [nginx]", "runcmd:", "  - systemctl enable --now nginx", ""].join("\n")).toString("base64");

const servers = Array.from({ length: webCount }, (_, i) => {
  const name = `web-${i + 1}`;
  const vm = new ctyun.Instance(name, {
    instanceName: name,
    flavorId: flavor.flavorId,
    imageId: image.imageId,
    vpcId: vpc.vpcId,
    subnetId: subnet.subnetId,
    securityGroupIds: [sg.securityGroupId],
    password, // a secret: encrypted in the state, never printed
    userData,
  });
  const ip = new ctyun.Eip(name, { bandwidth });
  new ctyun.EipAssociation(name, { eipId: ip.eipId, instanceId: vm.instanceId });
  return { vm, ip };
});

export const vpcId = vpc.vpcId;
export const subnetId = subnet.subnetId;
export const securityGroupId = sg.securityGroupId;
export const instanceIds = servers.map(({ vm }) => vm.instanceId);
export const privateIps = servers.map(({ vm }) => vm.privateIp);
export const publicIps = servers.map(({ ip }) => ip.address);
export const urls = servers.map(({ ip }) => pulumi.interpolate`http://${ip.address}/`);
