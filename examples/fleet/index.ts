/**
 * fleet: an auto-scaling group of identical VMs on CTyun, booted from a private image.
 *
 * - a VPC, a subnet and a security group for the fleet (SSH from `adminCidr`, HTTP from anywhere),
 * - a "golden" VM built from a public image and left stopped: its system disk is what the fleet
 *   runs. It is placed in an anti-affinity group (see "Spreading" below),
 * - a private image baked from the golden VM (CTyun copies the system disk of a stopped VM),
 * - a scaling config (launch template) booting that image, with a data disk for every VM,
 * - a scaling group keeping `desired` VMs running (between 1 and 4), and an alarm policy adding a
 *   VM when the fleet's CPU runs hot,
 * - a snapshot policy (nightly, kept a week) applied to the fleet's data disks.
 *
 * Spreading: CTyun's auto-scaling API has no placement field (no affinity group in a scaling
 * config or group: checked in the scaling SDK's request models), so the group cannot put its VMs
 * in an anti-affinity group. The program makes the group and puts the golden VM in it; VMs created
 * with `Instance` `affinityGroupId` (or joined with `AffinityGroupAttachment`) land on other hosts.
 *
 * Snapshots: the data disks are bought by the scaling group with each VM, so the program finds
 * them (the disks attached to the group's VMs, `getDisks`) and applies the policy to exactly
 * those. VMs a scaling policy launches between two `pulumi up`s follow the policy from the next
 * `pulumi up` on.
 *
 * Provider settings come from the `ctyun:*` stack configuration or the `CTYUN_*` environment
 * variables. This program's settings:
 *
 *   pulumi config set --secret fleetPassword '<password>' # required; root's password of every VM, kept secret
 *   pulumi config set desired 3                           # VMs to run, 1-4 (default 2); scales in place
 *   pulumi config set vmCpu 2                             # vCPUs of each VM (default 1), with
 *   pulumi config set vmMemoryGb 4                        # GB (default 2): picks an s7 flavor; new VMs use it
 *   pulumi config set imageName "^CTyunOS"                # the golden VM's public image (default Ubuntu 22.04)
 *   pulumi config set dataDiskSize 20                     # GB of each VM's data disk (default 10); new VMs use it
 *   pulumi config set vpcCidr 10.70.0.0/16
 *   pulumi config set subnetCidr 10.70.1.0/24             # inside vpcCidr; replaces the subnet
 *   pulumi config set adminCidr 10.0.0.0/8                # who may SSH in (replaces that rule)
 */
import * as pulumi from "@pulumi/pulumi";
import * as ctyun from "pulumi-ctyun";

const config = new pulumi.Config();
const password = config.requireSecret("fleetPassword");
const desired = config.getNumber("desired") ?? 2;
const flavor = ctyun.getFlavorOutput({ series: "s7", cpu: config.getNumber("vmCpu") ?? 1, memoryGb: config.getNumber("vmMemoryGb") ?? 2 });
const publicImage = ctyun.getImageOutput({ nameRegex: config.get("imageName") ?? "^Ubuntu Server 22\\.04", osType: "linux" });
const dataDiskSize = config.getNumber("dataDiskSize") ?? 10;
const vpcCidr = config.get("vpcCidr") ?? "10.70.0.0/16";
const subnetCidr = config.get("subnetCidr") ?? "10.70.1.0/24";
const adminCidr = config.get("adminCidr") ?? "10.0.0.0/8";

// --- network -----------------------------------------------------------------------------------
const vpc = new ctyun.Vpc("fleet", { cidr: vpcCidr, description: "pulumi-ctyun fleet" });
const subnet = new ctyun.Subnet("fleet", { vpcId: vpc.vpcId, cidr: subnetCidr });
const sg = new ctyun.SecurityGroup("fleet", { vpcId: vpc.vpcId, description: "fleet VMs" });
const allow = (name: string, range: string, destCidrIp: string, what: string) =>
  new ctyun.SecurityGroupRule(name, { securityGroupId: sg.securityGroupId, direction: "ingress", action: "accept", protocol: "tcp", etherType: "ipv4", range, destCidrIp, description: what });
allow("fleet-http", "80", "0.0.0.0/0", "HTTP");
allow("fleet-ssh", "22", adminCidr, "SSH from the admin range");

// --- the golden image --------------------------------------------------------------------------
const spread = new ctyun.AffinityGroup("fleet-spread", { policy: "anti-affinity" });

// Configure this VM as the fleet should run (by hand, or with cloud-init user data), then let it
// stop: an image is made from a stopped VM's system disk.
const golden = new ctyun.Instance("golden", {
  instanceName: "fleet-golden",
  flavorId: flavor.flavorId,
  imageId: publicImage.imageId,
  vpcId: vpc.vpcId,
  subnetId: subnet.subnetId,
  securityGroupIds: [sg.securityGroupId],
  password,
  affinityGroupId: spread.affinityGroupId,
  status: "stopped",
});
const image = new ctyun.Image("fleet", { instanceId: golden.instanceId, description: "fleet image baked from the golden VM" });

// --- the fleet ---------------------------------------------------------------------------------
const template = new ctyun.ScalingConfig("fleet", {
  imageId: image.imageId,
  flavorName: flavor.name,
  password,
  securityGroupIds: [sg.securityGroupId],
  dataDisks: [{ type: "sata", size: dataDiskSize }],
});
const group = new ctyun.ScalingGroup("fleet", {
  vpcId: vpc.vpcId,
  subnetIds: [subnet.subnetId],
  securityGroupIds: [sg.securityGroupId],
  configIds: [template.configId],
  minCount: 1,
  maxCount: 4,
  desiredCount: desired,
});
new ctyun.ScalingPolicy("fleet-cpu-high", {
  groupId: group.groupId,
  type: "alarm",
  action: "increase",
  count: 1,
  cooldown: 300,
  alarm: { metricName: "cpu_util", comparisonOperator: "ge", threshold: 80 },
});

// --- snapshots of the fleet's data disks -------------------------------------------------------
const nightly = new ctyun.DiskSnapshotPolicy("fleet-nightly", { weekdays: [0, 1, 2, 3, 4, 5, 6], hours: [2], retentionDays: 7 });
// The data disks attached to the group's VMs (system disks are left out by getDisks).
const dataDiskIds = pulumi.all([group.instanceIds, group.regionId]).apply(async ([vmIds, regionId]) => {
  const { disks } = await ctyun.getDisks({ regionId });
  return disks.filter((disk) => disk.attachedInstanceIds.some((vm) => vmIds.includes(vm))).map((disk) => disk.diskId);
});
new ctyun.DiskSnapshotPolicyAttachment("fleet-nightly", { snapshotPolicyId: nightly.snapshotPolicyId, diskIds: dataDiskIds });

export const imageId = image.imageId;
export const goldenInstanceId = golden.instanceId;
export const affinityGroupId = spread.affinityGroupId;
export const groupId = group.groupId;
export const instanceIds = group.instanceIds;
export const instanceCount = group.instanceCount;
export const snapshotPolicyId = nightly.snapshotPolicyId;
export { dataDiskIds };
