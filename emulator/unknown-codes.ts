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
