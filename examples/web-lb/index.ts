/**
 * web-lb: web servers in a private subnet behind an external load balancer, with a NAT gateway.
 *
 * - a VPC with a public subnet (the load balancer) and a private subnet (the servers),
 * - a NAT gateway: an SNAT rule lets the private subnet reach the internet through one EIP, and a
 *   DNAT rule forwards a port of another EIP (`sshPort`, default 1022) to SSH on the first server,
 * - `vmCount` VMs in the private subnet, without public addresses of their own, each installing
 *   nginx at first boot (cloud-init),
 * - an external load balancer on its own EIP: an HTTP listener on port 80 forwards to a target group
 *   (weighted round robin, an HTTP health check) holding every server on port 80.
 *
 * CTyun places a NAT gateway in a VPC and an availability zone, not in a subnet (the API has no
 * subnet parameter): its rules name the subnet and the VMs it serves.
 *
 * Provider settings come from the `ctyun:*` stack configuration or the `CTYUN_*` environment
 * variables. This program's settings:
 *
 *   pulumi config set sshPublicKey "ssh-ed25519 AAAA..." # required; installed for root on every server
 *   pulumi config set vmCount 2                          # how many servers (default 2)
 *   pulumi config set vmNamePrefix web                   # host names <prefix>-1, <prefix>-2, …; replaces the servers (and their targets)
 *   pulumi config set vmCpu 2                            # vCPUs of each server (default 1), with
 *   pulumi config set vmMemoryGb 4                       # GB (default 2): picks an s7 flavor; changed in place (stop, resize, start)
 *   pulumi config set imageName "^CTyunOS"               # a name pattern matching one public Linux image (default Ubuntu 22.04); replaces the servers
 *   pulumi config set sshPort 1022                       # the public SSH port, 1–1024 (CTyun's DNAT range); changed in place
 *   pulumi config set sshCidr 203.0.113.0/24             # who may SSH in (default anywhere); replaces that rule
 *   pulumi config set listenerName web-http              # the listener's name; changed in place
 *   pulumi config set targetWeight 100                   # each server's share under weighted round robin (1–256); changed in place
 *   pulumi config set healthCheckPath /                  # what the load balancer probes; changed in place
 *   pulumi config set bandwidth 5                        # Mbps of each EIP; changed in place
 *   pulumi config set vpcCidr 10.20.0.0/16               # replaces the VPC and everything in it
 *   pulumi config set publicSubnetCidr 10.20.1.0/24      # inside vpcCidr; replaces that subnet
 *   pulumi config set privateSubnetCidr 10.20.2.0/24
 *   pulumi config set description "..."                  # updated in place wherever there is one
 */
import * as pulumi from "@pulumi/pulumi";
import * as ctyun from "pulumi-ctyun";

const config = new pulumi.Config();
const sshPublicKey = config.require("sshPublicKey");
const vmCount = config.getNumber("vmCount") ?? 2;
const vmNamePrefix = config.get("vmNamePrefix") ?? "web";
const flavor = ctyun.getFlavorOutput({ series: "s7", cpu: config.getNumber("vmCpu") ?? 1, memoryGb: config.getNumber("vmMemoryGb") ?? 2 });
const image = ctyun.getImageOutput({ nameRegex: config.get("imageName") ?? "^Ubuntu Server 22\\.04", osType: "linux" });
const sshPort = config.getNumber("sshPort") ?? 1022;
const sshCidr = config.get("sshCidr") ?? "0.0.0.0/0";
const listenerName = config.get("listenerName") ?? "web-http";
const targetWeight = config.getNumber("targetWeight") ?? 100;
const healthCheckPath = config.get("healthCheckPath") ?? "/";
const bandwidth = config.getNumber("bandwidth") ?? 5;
const vpcCidr = config.get("vpcCidr") ?? "10.20.0.0/16";
const publicSubnetCidr = config.get("publicSubnetCidr") ?? "10.20.1.0/24";
const privateSubnetCidr = config.get("privateSubnetCidr") ?? "10.20.2.0/24";
const description = config.get("description") ?? "pulumi-ctyun web behind a load balancer";

// --- network -----------------------------------------------------------------------------------
const vpc = new ctyun.Vpc("web-lb", { cidr: vpcCidr, description });
const publicSubnet = new ctyun.Subnet("public", { vpcId: vpc.vpcId, cidr: publicSubnetCidr, description });
const privateSubnet = new ctyun.Subnet("private", { vpcId: vpc.vpcId, cidr: privateSubnetCidr, description });

// --- NAT: out for the private subnet, in for SSH -----------------------------------------------
// A billing order, like the EIPs. The gateway's zone is the stack's (ctyun:azName).
const nat = new ctyun.NatGateway("web-lb", { vpcId: vpc.vpcId, spec: "small", description });
const egressIp = new ctyun.Eip("egress", { bandwidth });
new ctyun.SnatRule("private-out", { natGatewayId: nat.natGatewayId, sourceSubnetId: privateSubnet.subnetId, eipIds: [egressIp.eipId], description });
// SSH gets an EIP of its own: whether CTyun lets one EIP serve SNAT and DNAT rules at once is not
// documented, and a separate address keeps the servers' outbound address out of SSH scans.
const sshIp = new ctyun.Eip("ssh", { bandwidth });

// --- firewall ----------------------------------------------------------------------------------
// A new group already allows all outbound traffic. The servers have no public address: HTTP
// reaches them only through the load balancer, SSH only through the DNAT rule (which keeps the
// client's address, hence `sshCidr`).
const sg = new ctyun.SecurityGroup("web", { vpcId: vpc.vpcId, description });
const inbound = (name: string, range: string, destCidrIp: string, what: string) =>
  new ctyun.SecurityGroupRule(name, { securityGroupId: sg.securityGroupId, direction: "ingress", action: "accept", protocol: "tcp", etherType: "ipv4", range, destCidrIp, description: what });
inbound("http", "80", "0.0.0.0/0", "HTTP (through the load balancer)");
inbound("ssh", "22", sshCidr, "SSH (through the NAT gateway's DNAT rule)");

// --- servers -----------------------------------------------------------------------------------
const keyPair = new ctyun.KeyPair("web-lb", { publicKey: sshPublicKey });
// cloud-init, run once at first boot (changing it replaces the servers). Packages come through the
// NAT gateway: the servers have no public address.
const userData = Buffer.from(["#cloud-config", "packages: [nginx]", "runcmd:", "  - systemctl enable --now nginx", ""].join("\n")).toString("base64");
const servers = Array.from({ length: vmCount }, (_, i) =>
  new ctyun.Instance(`web-${i + 1}`, {
    instanceName: `${vmNamePrefix}-${i + 1}`,
    flavorId: flavor.flavorId,
    imageId: image.imageId,
    vpcId: vpc.vpcId,
    subnetId: privateSubnet.subnetId,
    securityGroupIds: [sg.securityGroupId],
    keyPairName: keyPair.name,
    userData,
  }),
);
const first = servers[0];
if (first === undefined) throw new Error("vmCount must be at least 1");

new ctyun.DnatRule("ssh", {
  natGatewayId: nat.natGatewayId,
  eipId: sshIp.eipId,
  externalPort: sshPort,
  instanceId: first.instanceId,
  internalPort: 22,
  protocol: "tcp",
  description: "SSH to the first server",
});

// --- load balancer -----------------------------------------------------------------------------
const lbIp = new ctyun.Eip("lb", { bandwidth });
const lb = new ctyun.LoadBalancer("web", { subnetId: publicSubnet.subnetId, eipId: lbIp.eipId, description });
const healthCheck = new ctyun.HealthCheck("web", { protocol: "HTTP", httpPath: healthCheckPath, description });
const targetGroup = new ctyun.TargetGroup("web", { vpcId: vpc.vpcId, protocol: "HTTP", algorithm: "wrr", healthCheckId: healthCheck.healthCheckId, description });
servers.forEach((vm, i) => new ctyun.Target(`web-${i + 1}`, { targetGroupId: targetGroup.targetGroupId, instanceId: vm.instanceId, port: 80, weight: targetWeight }));
const listener = new ctyun.Listener("http", { loadBalancerId: lb.loadBalancerId, name: listenerName, protocol: "HTTP", port: 80, targetGroupId: targetGroup.targetGroupId, forwardedFor: true, description });

// --- outputs -----------------------------------------------------------------------------------
export const vpcId = vpc.vpcId;
export const subnetIds = { public: publicSubnet.subnetId, private: privateSubnet.subnetId };
export const loadBalancerId = lb.loadBalancerId;
export const listenerId = listener.listenerId;
export const lbAddress = lb.publicAddress;
export const url = pulumi.interpolate`http://${lb.publicAddress}/`;
export const natGatewayId = nat.natGatewayId;
/** The address the private subnet reaches the internet with. */
export const natEgressIp = egressIp.address;
export const sshEndpoint = pulumi.interpolate`${sshIp.address}:${sshPort}`;
export const sshCommand = pulumi.interpolate`ssh -p ${sshPort} root@${sshIp.address}`;
export const instanceIds = servers.map((vm) => vm.instanceId);
export const privateIps = servers.map((vm) => vm.privateIp);
