/**
 * A generated stack for `npm run bench:stack`: about `size` resources (config), made of units of
 * two subnets, a security group with two rules, an EIP, a data disk and a bucket (8 resources; four
 * units share a VPC), and every fifth unit a VM using them (with the EIP bound and the disk attached).
 */
import * as pulumi from "@pulumi/pulumi";
import * as ctyun from "pulumi-ctyun";

const config = new pulumi.Config();
const size = config.requireNumber("size");
const flavor = ctyun.getFlavorOutput({ series: "s7", cpu: 1, memoryGb: 2 });
const image = ctyun.getImageOutput({ nameRegex: "^Ubuntu Server 22\\.04" });
const keyPair = new ctyun.KeyPair("bench", { publicKey: config.require("publicKey") });

let count = 1;
// The emulator allows 50 VPCs per region (as a default quota): four units share one VPC.
let vpc: ctyun.Vpc | undefined;
for (let u = 0; count + 9 <= size; u++) {
  const v = Math.floor(u / 4);
  if (u % 4 === 0) {
    vpc = new ctyun.Vpc(`vpc-${v}`, { cidr: `10.${v}.0.0/16` });
    count += 1;
  }
  const vpcId = vpc!.vpcId;
  const subnets = [1, 2].map((s) => new ctyun.Subnet(`subnet-${u}-${s}`, { vpcId, cidr: `10.${v}.${(u % 4) * 2 + s}.0/24` }));
  const sg = new ctyun.SecurityGroup(`sg-${u}`, { vpcId });
  for (const port of ["22", "80"]) {
    new ctyun.SecurityGroupRule(`rule-${u}-${port}`, { securityGroupId: sg.securityGroupId, direction: "ingress", action: "accept", protocol: "tcp", etherType: "ipv4", range: port });
  }
  const eip = new ctyun.Eip(`eip-${u}`, { bandwidth: 1 });
  const disk = new ctyun.Disk(`disk-${u}`, { type: "sata", size: 10 });
  new ctyun.Bucket(`bucket-${u}`, { acl: "private" });
  count += 8;
  if (u % 5 === 0 && count + 3 <= size) {
    const vm = new ctyun.Instance(`vm-${u}`, {
      instanceName: `bench-vm-${u}`,
      flavorId: flavor.flavorId,
      imageId: image.imageId,
      vpcId,
      subnetId: subnets[0]!.subnetId,
      securityGroupIds: [sg.securityGroupId],
      keyPairName: keyPair.name,
    });
    new ctyun.EipAssociation(`eip-${u}`, { eipId: eip.eipId, instanceId: vm.instanceId });
    new ctyun.DiskAttachment(`disk-${u}`, { diskId: disk.diskId, instanceId: vm.instanceId });
    count += 3;
  }
}
export const resources = count;
