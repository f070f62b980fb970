/**
 * API calls of CTyun's Terraform provider (ctyun-it/terraform-provider-ctyun v1.2.0) for one
 * resource of each quickstart type, read from its source: non-poll calls per phase (the reads a
 * resource's own Create makes at its end are in `create`; status, order and job waits are polls and
 * left out). Against the emulator the quickstart's 13 resources add up to its measured totals:
 * create 58 (47 calls + 11 polls), refresh 17, destroy 45 (`terraform destroy` refreshes first:
 * 17 + 16 calls + 12 polls).
 */
export interface TerraformCalls {
  readonly create: number;
  readonly read: number;
  readonly delete: number;
  /** Where the calls are made (file:function in the provider's repository). */
  readonly source: string;
}

export const TERRAFORM_CALLS: Readonly<Record<string, TerraformCalls>> = {
  // create, then its own read (getAndMergeVpc)
  Vpc: { create: 2, read: 1, delete: 1, source: "internal/service/vpc/resource_ctyun_vpc.go:Create" },
  // checkCreate reads the VPC, create-subnet, own read
  Subnet: { create: 3, read: 1, delete: 1, source: "internal/service/vpc/resource_ctyun_subnet.go:Create,checkCreate" },
  SecurityGroup: { create: 3, read: 1, delete: 1, source: "internal/service/vpc/resource_ctyun_security_group.go:Create,checkCreate" },
  SecurityGroupRule: { create: 3, read: 1, delete: 1, source: "internal/service/vpc/resource_ctyun_security_group_rule.go:Create,checkCreate" },
  KeyPair: { create: 2, read: 1, delete: 1, source: "internal/service/ecs/resource_ctyun_keypair.go:Create,getAndMergeKeypair" },
  // image twice, VPC, each security group, flavors, key pair id, create-instance, own read (details + volumes)
  Instance: { create: 9, read: 2, delete: 4, source: "internal/service/ecs/resource_ctyun_ecs.go:Create,checkCreate,Delete" },
  Eip: { create: 2, read: 1, delete: 1, source: "internal/service/vpc/resource_ctyun_eip.go:Create" },
  // EIP and VM must exist, associate, own read
  EipAssociation: { create: 4, read: 1, delete: 1, source: "internal/service/vpc/resource_ctyun_eip_association.go:Create" },
  Disk: { create: 2, read: 1, delete: 1, source: "internal/service/ebs/resource_ctyun_ebs.go:Create" },
  DiskAttachment: { create: 3, read: 1, delete: 1, source: "internal/service/ebs/resource_ctyun_ebs_association_ecs.go:Create" },
  // service status, create, tags, a discarded bucket-info, a fixed 30 s sleep, then info/versioning/tagging/logging
  Bucket: { create: 8, read: 4, delete: 1, source: "internal/service/zos/resource_ctyun_zos_bucket.go:Create,checkBeforeCreate" },
};

/**
 * Terraform's non-poll calls for one resource of `kind` in a phase; `delete` is what `terraform
 * destroy` makes, which reads every resource before deleting it.
 */
export function terraformCalls(kind: string, phase: "create" | "read" | "delete"): number {
  const tf = TERRAFORM_CALLS[kind];
  if (!tf) throw new Error(`no Terraform call counts for ${kind}`);
  return phase === "delete" ? tf.read + tf.delete : tf[phase];
}
