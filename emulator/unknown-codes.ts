/**
 * Situations whose real CTyun error code no official source states (api-notes/README.md → "Unknown
 * codes"). Rather than answer one invented string that client code could come to depend on, the
 * emulator draws each such answer from a small documented set of plausible codes with its seeded
 * random source. A client must therefore recognise the situation some other way (re-reading state,
 * the message) or accept every code of the set. `GET /_emulator/unknown-codes` lists the sets.
 *
 * Every code below is inferred: shaped like CTyun's three-part `product.module.reason` codes seen in
 * the Terraform provider's internal/common/error_code.go, none of them confirmed for the situation.
 */
import type { RandomSource } from "./store/random";

export const UNKNOWN_CODE_SITUATIONS = {
  /** delete-vpc while subnets or security groups remain. */
  "vpc-has-dependents": ["Openapi.Resource.InUse", "Openapi.Vpc.InUse", "Openapi.Vpc.HasDependency"],
  /** delete-subnet while a VM has a network interface in it. */
  "subnet-in-use": ["Openapi.Resource.InUse", "Openapi.Subnet.InUse", "Openapi.Subnet.HasPort"],
  /** delete-security-group while VMs use it or other groups' rules name it. */
  "security-group-in-use": ["Openapi.Resource.InUse", "Openapi.SecurityGroup.InUse", "Openapi.SecurityGroup.HasInstance"],
  /** eip delete while bound; associate of a bound EIP or to a target that holds one. */
  "eip-bound": ["Openapi.Resource.InUse", "Openapi.Eip.InUse", "Openapi.Eip.AlreadyAssociated"],
  /** refund or attach of a disk that is attached (non-shared). */
  "disk-attached": ["Openapi.Resource.InUse", "ebs.ebsInfo.inUse", "ebs.order.diskAttached"],
  /** import/create key pair with a name taken in the region. */
  "keypair-name-taken": ["Openapi.Name.Duplicated", "Ecs.KeyPair.Exist", "Ecs.KeyPair.NameDuplicated"],
  /** key pair named in delete/attach/detach/create-instance that does not exist. */
  "keypair-not-found": ["Ecs.KeyPair.NotFound", "Ecs.KeyPair.NotExist", "Ecs.Keypair.NotFound"],
  /** new-ebs / update-attr-ebs with a disk name taken in the region. */
  "disk-name-taken": ["Openapi.Name.Duplicated", "ebs.ebsInfo.nameDuplicated", "ebs.param.nameExist"],
  /** create-bucket with a name this account already owns. */
  "bucket-owned-by-you": ["oss.resource.bucketAlreadyOwnedByYou", "oss.bucket.alreadyOwnedByYou", "oss.resource.bucketExist"],
  /** create-bucket with a name another account owns. */
  "bucket-name-taken": ["oss.resource.bucketAlreadyExists", "oss.bucket.alreadyExists", "oss.resource.bucketExist"],
  /** delete-bucket while objects, versions or delete markers remain. */
  "bucket-not-empty": ["oss.resource.bucketNotEmpty", "oss.bucket.notEmpty", "oss.resource.bucketHasObjects"],
  /** An ELB object (load balancer, listener, rule, target group, target, health check, certificate) that does not exist. */
  "elb-not-found": ["Openapi.Resource.NotFound", "Openapi.Elb.NotFound", "Openapi.Elb.ResourceNotExist"],
  /** Delete of an ELB object something else uses (listeners on an LB, a listener or rule naming a target group, …). */
  "elb-in-use": ["Openapi.Resource.InUse", "Openapi.Elb.InUse", "Openapi.Elb.HasDependency"],
  /** An ELB create or rename with a name its kind already uses in the region. */
  "elb-name-taken": ["Openapi.Name.Duplicated", "Openapi.Elb.NameDuplicated", "Openapi.Elb.NameExist"],
  /** A listener port taken on the load balancer, or a VM port already a target of the group. */
  "elb-conflict": ["Openapi.Parameter.Invalid", "Openapi.Elb.Conflict", "Openapi.Elb.AlreadyExist"],
  /** a scaling group id that does not exist (the message always says `NotExists`, which TF searches). */
  "scaling-group-not-found": ["Scaling.Group.NotExists", "Scaling.Group.NotFound", "Openapi.Resource.NotExists"],
  /** a scaling config id that does not exist (the message always says `NotFound`, which TF searches). */
  "scaling-config-not-found": ["Scaling.Config.NotFound", "Scaling.Config.NotExists", "Openapi.Resource.NotFound"],
  /** a scaling rule id that does not exist in the group (the message always says `NotFound`). */
  "scaling-rule-not-found": ["Scaling.Rule.NotFound", "Scaling.Rule.NotExists", "Openapi.Resource.NotFound"],
  /** config-delete while scaling groups use the config. */
  "scaling-config-in-use": ["Scaling.Config.InUse", "Openapi.Resource.InUse", "Scaling.Config.Bound"],
  /** config-create or config-update with a config name taken in the region (uniqueness inferred). */
  "scaling-config-name-taken": ["Scaling.Config.NameDuplicated", "Openapi.Name.Duplicated", "Scaling.Config.NameExist"],
  /** group/create or group/update with a group name taken in the region. */
  "scaling-group-name-taken": ["Scaling.Group.NameDuplicated", "Openapi.Name.Duplicated", "Scaling.Group.NameExist"],
  /** create-ebs-snap with a snapshot name taken in the region. */
  "snapshot-name-taken": ["Openapi.Name.Duplicated", "Ebs.Snapshot.NameDuplicated", "ebs.snapshot.nameExist"],
  /** create/modify-policy-ebs-snap with a policy name taken in the region. */
  "snapshot-policy-name-taken": ["Openapi.Name.Duplicated", "Ebs.SnapshotPolicy.NameDuplicated", "ebs.snapshotPolicy.nameExist"],
  /** delete-policy-ebs-snap while disks still follow the policy. */
  "snapshot-policy-in-use": ["Openapi.Resource.InUse", "Ebs.SnapshotPolicy.InUse", "ebs.snapshotPolicy.hasDisks"],
  /** affinity-group-delete while instances are in the group. */
  "affinity-group-in-use": ["Openapi.Resource.InUse", "Ecs.AffinityGroup.InUse", "Ecs.AffinityGroup.HasInstance"],
  /** create/update of a private image with a name another private image of the account has. */
  "image-name-taken": ["Openapi.Name.Duplicated", "Image.Name.Duplicated", "Image.ImageName.Exist"],
  /** image delete/unshare while a recipient accepted it, or while instances are being created from it. */
  "image-in-use": ["Openapi.Resource.InUse", "Image.Image.InUse", "Image.Share.Accepted"],
  /** ecs snapshot/create or update with a snapshot name taken in the region. */
  "instance-snapshot-name-taken": ["Openapi.Name.Duplicated", "Ecs.Snapshot.NameDuplicated", "Ecs.Snapshot.NameExist"],
  /** ecs snapshot-delete while an image is being made from the snapshot. */
  "instance-snapshot-in-use": ["Openapi.Resource.InUse", "Ecs.Snapshot.InUse", "Ecs.Snapshot.HasImage"],
  /** a NAT gateway id that does not exist (TF recognises it by the text "not found" only). */
  "nat-gateway-not-found": ["Openapi.NatGateway.NotFound", "Openapi.Nat.NotFound", "Openapi.NatGateway.NotExist"],
  /** delete-nat-gateway while SNAT/DNAT rules or routes hold it. */
  "nat-gateway-in-use": ["Openapi.Resource.InUse", "Openapi.NatGateway.InUse", "Openapi.NatGateway.HasRules"],
  /** an SNAT rule id that does not exist. */
  "snat-rule-not-found": ["Openapi.Snat.NotFound", "Openapi.SnatEntry.NotFound", "Openapi.Snat.NotExist"],
  /** a DNAT rule id that does not exist. */
  "dnat-rule-not-found": ["Openapi.Dnat.NotFound", "Openapi.DnatEntry.NotFound", "Openapi.Dnat.NotExist"],
  /** a route table id that does not exist (TF matches the text 不存在 only). */
  "route-table-not-found": ["Openapi.RouteTable.NotFound", "Openapi.RouterTable.NotFound", "Openapi.RouteTable.NotExist"],
  /** a route rule id that does not exist. */
  "route-rule-not-found": ["Openapi.RouteRule.NotFound", "Openapi.RouterRule.NotFound", "Openapi.RouteRule.NotExist"],
  /** delete of a route table that subnets are associated with. */
  "route-table-in-use": ["Openapi.Resource.InUse", "Openapi.RouteTable.InUse", "Openapi.RouteTable.HasSubnet"],
  /** delete of a shared bandwidth that still has EIPs. */
  "bandwidth-has-eips": ["Openapi.Resource.InUse", "Openapi.Sharedbandwidth.InUse", "Openapi.Sharedbandwidth.HasEip"],
  /** create/rename of a shared bandwidth with a name taken in the region. */
  "bandwidth-name-taken": ["Openapi.Name.Duplicated", "Openapi.Sharedbandwidth.NameDuplicated", "Openapi.Sharedbandwidth.NameExist"],
} as const;

export type UnknownCodeSituation = keyof typeof UNKNOWN_CODE_SITUATIONS;
export type UnknownCodeMode = "draw" | "first";

/** Draws one code of a situation's set per answer. */
export class UnknownCodes {
  constructor(
    private random: RandomSource,
    private readonly mode: UnknownCodeMode = "draw",
  ) {}

  pick(situation: UnknownCodeSituation): string {
    const codes = UNKNOWN_CODE_SITUATIONS[situation];
    if (this.mode === "first") return codes[0];
    const index = Math.min(codes.length - 1, Math.floor(this.random() * codes.length));
    return codes[index]!;
  }

  reseed(random: RandomSource): void {
    this.random = random;
  }
}
