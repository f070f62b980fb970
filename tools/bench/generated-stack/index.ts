/**
 * A generated stack for `npm run bench:stack`: about `size` resources (config), made of units of
 * one VPC with two subnets, a security group with two rules, an EIP, a data disk and a bucket
 * (9 resources), and every fifth unit a VM using them (with the EIP bound and the disk attached).
 */
import * as pulumi from "@pulumi/pulumi";
import * as ctyun from "pulumi-ctyun";

const config = new pulumi.Config();
const size = config.requireNumber("size");
const flavor = ctyun.getFlavorOutput({ series: "s7", cpu: 1, memoryGb: 2 });
const image = ctyun.getImageOutput({ nameRegex: "^Ubuntu Server 22\\.04" });
const keyPair = new ctyun.KeyPair("bench", { publicKey: config.require("publicKey") });

let count = 1;
for (let u = 0; count + 9 <= size; u++) {
  const vpc = new ctyun.Vpc(`vpc-${u}`, { cidr: `10.${u % 250}.0.0/16` });
  const subnets = [1, 2].map((s) => new ctyun.Subnet(`subnet-${u}-${s}`, { vpcId: vpc.vpcId, cidr: `10.${u % 250}.${s}.0/24` }));
  const sg = new ctyun.SecurityGroup(`sg-${u}`, { vpcId: vpc.vpcId });
  for (const port of ["22", "80"]) {
    new ctyun.SecurityGroupRule(`rule-${u}-${port}`, { securityGroupId: sg.securityGroupId, direction: "ingress", action: "accept", protocol: "tcp", etherType: "ipv4", range: port });
  }
  const eip = new ctyun.Eip(`eip-${u}`, { bandwidth: 1 });
  const disk = new ctyun.Disk(`disk-${u}`, { type: "sata", size: 10 });
  new ctyun.Bucket(`bucket-${u}`, { acl: "private" });
  count += 9;
  if (u % 5 === 0 && count + 3 <= size) {
    const vm = new ctyun.Instance(`vm-${u}`, {
      instanceName: `bench-vm-${u}`,
      flavorId: flavor.flavorId,
      imageId: image.imageId,
      vpcId: vpc.vpcId,
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
