/**
 * Who holds what. A resource cannot go while other records hold it (a VPC with security groups, a
 * subnet with VM interfaces, a security group with VMs in it), and some holders must let go when it
 * goes (EIPs are unbound from a VM that is unsubscribed). The service that owns the holding records
 * declares the relation; the owner of the held resource asks this registry, so a new service that
 * holds a VPC (a NAT gateway, say) registers itself and the VPC service needs no edit:
 *
 *     api.holds("vpc", { kind: "natGateway", phrase: { en: "NAT gateways", zh: "NAT网关" },
 *                        holders: (ctx, regionId, vpcID) => ctx.backend("nat").inVpc(regionId, vpcID) });
 *
 * The owner's refusal names the first non-empty group with its phrase (see each owner's backend for
 * the sentence the phrase completes), so holders are asked in registration order (services/index.ts).
 */

/** How the held resource's in-use refusal names a group of holders, in English and Chinese. */
export interface Phrase {
  readonly en: string;
  readonly zh: string;
}

export interface Holder {
  readonly id: string;
  /** IP addresses the holder has on the held resource: a VM's interface addresses in a subnet, an EIP's public address on a VM. */
  readonly addresses?: readonly string[];
}

export interface DependantSpec<C> {
  /** The holders' record kind (`instance`, `securityGroup`, `natGateway`, …). */
  readonly kind: string;
  readonly phrase: Phrase;
  /** The holder's records that hold `heldId` (its in-use check and views count them). */
  holders(ctx: C, regionId: string, heldId: string): readonly Holder[];
  /** The held resource is going away (deleted, or a VM unsubscribed): let go of it (unbind, detach, delete what only lived for it). */
  release?(ctx: C, regionId: string, heldId: string): void;
}

/** One non-empty group of holders of a resource. */
export interface Dependants {
  readonly kind: string;
  readonly phrase: Phrase;
  readonly holders: readonly Holder[];
}

export class DependantRegistry<C> {
  private readonly specs = new Map<string, Array<DependantSpec<C>>>();

  register(heldKind: string, spec: DependantSpec<C>): void {
    const list = this.specs.get(heldKind) ?? [];
    if (list.some((other) => other.kind === spec.kind)) throw new Error(`${spec.kind} already declared as a holder of ${heldKind}`);
    list.push(spec);
    this.specs.set(heldKind, list);
  }

  /** The non-empty groups of holders of `heldKind/heldId`, in registration order. */
  of(ctx: C, heldKind: string, regionId: string, heldId: string): Dependants[] {
    const groups: Dependants[] = [];
    for (const spec of this.specs.get(heldKind) ?? []) {
      const holders = spec.holders(ctx, regionId, heldId);
      if (holders.length > 0) groups.push({ kind: spec.kind, phrase: spec.phrase, holders });
    }
    return groups;
  }

  release(ctx: C, heldKind: string, regionId: string, heldId: string): void {
    for (const spec of this.specs.get(heldKind) ?? []) spec.release?.(ctx, regionId, heldId);
  }

  /** `{vpc: ["securityGroup", …], …}`: every declared relation (GET /_emulator/dependants). */
  relations(): Record<string, string[]> {
    return Object.fromEntries([...this.specs.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([held, specs]) => [held, specs.map((spec) => spec.kind)]));
  }
}
