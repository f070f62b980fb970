/**
 * quickstart: a small but complete CTyun deployment with pulumi-ctyun.
 *
 * - a VPC with a public and a private subnet,
 * - a security group allowing SSH (from `sshCidr`) and HTTP in,
 * - a VM in the public subnet, logged into with an SSH key pair,
 * - an elastic IP bound to the VM, and a data disk attached to it,
 * - an object-storage bucket.
 *
 * Provider settings (endpoint, credentials, region, availability zone) come from the `ctyun:*`
 * stack configuration or the `CTYUN_*` environment variables:
 *
 *   pulumi config set ctyun:regionId <32-hex region id>
 *   pulumi config set ctyun:azName <availability zone>
 *   pulumi config set ctyun:accessKey <AK>
 *   pulumi config set --secret ctyun:secretKey <SK>
 *
 * The VM's flavor (规格) is looked up by shape and its image by name, so no ids are pasted:
 *
 *   pulumi config set vmCpu 2                            # vCPUs (default 1); with vmMemoryGb, picks an s7 flavor
 *   pulumi config set vmMemoryGb 4                       # GB (default 2): s7.large.2; changed in place (stop, resize, start)
 *   pulumi config set imageName "^Ubuntu Server 22\\.04" # a name pattern matching one public image; changing it replaces the VM
 *
 * `npm run demo` runs this program from the repository root (see the root Pulumi.yaml) against the
 * local CTyun emulator and sets the provider settings for you. This program's other settings are
 * optional:
 *
 *   pulumi config set vpcCidr 192.168.0.0/16             # replaces the VPC and everything in it
 *   pulumi config set publicSubnetCidr 192.168.1.0/24    # inside vpcCidr; replaces that subnet
 *   pulumi config set privateSubnetCidr 192.168.2.0/24
 *   pulumi config set sshCidr 0.0.0.0/0                  # who may SSH in (replaces that rule)
 *   pulumi config set sshPublicKey "ssh-rsa AAAA..."     # default: demo-key.pub (no private key exists)
 *   pulumi config set eipBandwidth 5                     # Mbps; changed in place (a billing order)
 *   pulumi config set dataDiskSize 20                    # GB; grows in place, never shrinks
 *   pulumi config set description "..."                  # updated in place wherever there is one
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as ctyun from "pulumi-ctyun";

const config = new pulumi.Config();
const vpcCidr = config.get("vpcCidr") ?? "192.168.0.0/16";
const publicSubnetCidr = config.get("publicSubnetCidr") ?? "192.168.1.0/24";
const privateSubnetCidr = config.get("privateSubnetCidr") ?? "192.168.2.0/24";
const sshCidr = config.get("sshCidr") ?? "0.0.0.0/0";
const sshPublicKey = config.get("sshPublicKey") ?? readFileSync(join(__dirname, "demo-key.pub"), "utf8").trim();
const eipBandwidth = config.getNumber("eipBandwidth") ?? 5;
const dataDiskSize = config.getNumber("dataDiskSize") ?? 20;
const description = config.get("description") ?? "pulumi-ctyun quickstart";
// The smallest general-purpose (s7) flavor of the shape, and the one public image the pattern names.
const flavor = ctyun.getFlavorOutput({ series: "s7", cpu: config.getNumber("vmCpu") ?? 1, memoryGb: config.getNumber("vmMemoryGb") ?? 2 });
const image = ctyun.getImageOutput({ nameRegex: config.get("imageName") ?? "^Ubuntu Server 22\\.04" });

// --- network -----------------------------------------------------------------------------------
// Names are optional: without one, a resource is named `<logical name>-<7 hex>`.
const vpc = new ctyun.Vpc("quickstart", { cidr: vpcCidr, description });
const publicSubnet = new ctyun.Subnet("public", { vpcId: vpc.vpcId, cidr: publicSubnetCidr, description });
const privateSubnet = new ctyun.Subnet("private", { vpcId: vpc.vpcId, cidr: privateSubnetCidr, description });

// --- firewall ----------------------------------------------------------------------------------
// A new group already allows all outbound traffic; inbound traffic needs rules, one resource each.
const sg = new ctyun.SecurityGroup("quickstart", { vpcId: vpc.vpcId, description });
const inbound = (name: string, range: string, destCidrIp: string, what: string) =>
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
const ssh = inbound("ssh", "22", sshCidr, "SSH");
const http = inbound("http", "80", "0.0.0.0/0", "HTTP from anywhere");

// --- compute -----------------------------------------------------------------------------------
// The public key is installed for root at the VM's first boot.
const keyPair = new ctyun.KeyPair("quickstart", { publicKey: sshPublicKey });

// Buying a VM is a billing order: create waits for the order, then for the VM to run.
const vm = new ctyun.Instance("web", {
  instanceName: "quickstart-web", // the host name; changing it replaces the VM
  flavorId: flavor.flavorId,
  imageId: image.imageId,
  vpcId: vpc.vpcId,
  subnetId: publicSubnet.subnetId,
  securityGroupIds: [sg.securityGroupId],
  keyPairName: keyPair.name,
});

// A public IPv4 address, paid by bandwidth (also a billing order), bound to the VM.
const eip = new ctyun.Eip("quickstart", { bandwidth: eipBandwidth });
new ctyun.EipAssociation("web", { eipId: eip.eipId, instanceId: vm.instanceId });

// A data disk in the stack's availability zone (ctyun:azName), attached to the VM.
const dataDisk = new ctyun.Disk("data", { type: "ssd", size: dataDiskSize });
const attachment = new ctyun.DiskAttachment("data", { diskId: dataDisk.diskId, instanceId: vm.instanceId });

// --- storage -----------------------------------------------------------------------------------
// Bucket names are global: without `bucket`, one is generated from the logical name.
const bucket = new ctyun.Bucket("assets", { acl: "private", tags: { app: "quickstart" } });

// --- outputs -----------------------------------------------------------------------------------
export const vpcId = vpc.vpcId;
export const subnetIds = { public: publicSubnet.subnetId, private: privateSubnet.subnetId };
export const securityGroupId = sg.securityGroupId;
export const ruleIds = { ssh: ssh.securityGroupRuleId, http: http.securityGroupRuleId };
export const keyPairName = keyPair.name;
export const instanceId = vm.instanceId;
export const flavorName = flavor.name;
export const imageName = image.name;
export const privateIp = vm.privateIp;
export const publicIp = eip.address;
export const sshCommand = pulumi.interpolate`ssh root@${eip.address}`;
export const eipId = eip.eipId;
export const dataDiskId = dataDisk.diskId;
export const dataDiskDevice = attachment.device;
export const bucketName = bucket.bucketName;
export const bucketEndpoint = bucket.endpoint;
