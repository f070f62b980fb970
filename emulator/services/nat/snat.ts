/**
 * SNAT rules (api-notes/nat.md §3): a source — a subnet of the gateway's VPC or any IPv4 CIDR — is
 * translated to one or more EIPs. Synchronous (the create answers `status: "done"` with the id).
 * Rules: exactly one source; a subnet in the gateway's VPC; one rule per source and gateway; EIPs
 * that exist, are bound to no instance or VIP, 1–5 of them (TF), at least one left. A subnet with an
 * SNAT rule cannot be deleted (the rule holds it: index.ts).
 */
import type { EngineContext } from "../../engine/context";
import type { Holder } from "../../engine/dependants";
import { InvalidParameterError, NotFoundError } from "../../errors";
import { checkDescription, requireIpv4Block } from "../shared/rules";
import { NatBackend } from "./backend";
import { SNAT_RULE_KIND, type SnatRuleRecord } from "./records";
import { rfc3339 } from "../shared/billing";
import { requireFreeEips } from "./eips";

/** TF nat/resource_ctyun_snat.go: `snat_ips` is a set of 1–5 EIP ids. */
export const MAX_SNAT_EIPS = 5;

export interface SnatSource {
  readonly sourceSubnetID?: string | undefined;
  readonly sourceCIDR?: string | undefined;
}

export class SnatRules {
  private readonly gateways: NatBackend;

  constructor(private readonly ctx: EngineContext) {
    this.gateways = new NatBackend(ctx);
  }

  private get rules() {
    return this.ctx.store.collection<SnatRuleRecord>(SNAT_RULE_KIND);
  }

  require(regionId: string, sNatID: string): SnatRuleRecord {
    const rule = this.rules.get(regionId, sNatID);
    if (!rule) throw new NotFoundError(this.ctx.unknownCodes.pick("snat-rule-not-found"), `snat rule ${sNatID} not found`, { description: `SNAT规则 ${sNatID} 不存在` });
    return rule;
  }

  list(regionId: string, filter: { natGatewayID?: string | undefined; sNatID?: string | undefined; subnetID?: string | undefined }): SnatRuleRecord[] {
    return this.rules.find(
      regionId,
      (r) => (!filter.natGatewayID || r.natGatewayID === filter.natGatewayID) && (!filter.sNatID || r.sNatID === filter.sNatID) && (!filter.subnetID || r.subnetID === filter.subnetID),
    );
  }

  create(regionId: string, input: { natGatewayID: string; snatIps: readonly string[] } & SnatSource): SnatRuleRecord {
    const gateway = this.gateways.require(regionId, input.natGatewayID);
    if (this.gateways.isBeingDeleted(regionId, gateway.natGatewayID)) throw new InvalidParameterError(`nat gateway ${gateway.natGatewayID} is being deleted`);
    const source = this.resolveSource(regionId, gateway.vpcID, gateway.natGatewayID, input, undefined);
    if (input.snatIps.length < 1 || input.snatIps.length > MAX_SNAT_EIPS) throw new InvalidParameterError(`snatIps must list 1-${MAX_SNAT_EIPS} EIP ids`);
    requireFreeEips(this.ctx, regionId, input.snatIps, { natGatewayID: gateway.natGatewayID });
    const sNatID = this.ctx.ids.prefixed("snat");
    return this.rules.insert(regionId, sNatID, {
      sNatID,
      natGatewayID: gateway.natGatewayID,
      ...source,
      eipIDs: [...new Set(input.snatIps)],
      description: "",
      creationTime: rfc3339(this.ctx.clock()),
    });
  }

  modify(regionId: string, sNatID: string, change: SnatSource & { description?: string | undefined }): SnatRuleRecord {
    const rule = this.require(regionId, sNatID);
    if (change.description !== undefined) checkDescription("description", change.description);
    const gateway = this.gateways.require(regionId, rule.natGatewayID);
    const moved = change.sourceSubnetID || change.sourceCIDR ? this.resolveSource(regionId, gateway.vpcID, gateway.natGatewayID, change, sNatID) : {};
    return this.rules.update(regionId, sNatID, (current) => ({ ...current, ...moved, ...(change.description !== undefined ? { description: change.description } : {}) })) as SnatRuleRecord;
  }

  joinEips(regionId: string, natGatewayID: string, sNatID: string, eipIDs: readonly string[]): void {
    const rule = this.ruleOf(regionId, natGatewayID, sNatID);
    const already = eipIDs.filter((id) => rule.eipIDs.includes(id));
    if (already.length > 0) throw new InvalidParameterError(`eip ${already.join(", ")} already serves snat rule ${sNatID}`);
    if (rule.eipIDs.length + new Set(eipIDs).size > MAX_SNAT_EIPS) throw new InvalidParameterError(`an snat rule takes at most ${MAX_SNAT_EIPS} EIPs`);
    requireFreeEips(this.ctx, regionId, eipIDs, { natGatewayID });
    this.rules.update(regionId, sNatID, { eipIDs: [...rule.eipIDs, ...new Set(eipIDs)] });
  }

  revokeEips(regionId: string, natGatewayID: string, sNatID: string, eipIDs: readonly string[]): void {
    const rule = this.ruleOf(regionId, natGatewayID, sNatID);
    const missing = eipIDs.filter((id) => !rule.eipIDs.includes(id));
    if (missing.length > 0) throw new InvalidParameterError(`eip ${missing.join(", ")} does not serve snat rule ${sNatID}`);
    const left = rule.eipIDs.filter((id) => !eipIDs.includes(id));
    if (left.length === 0) throw new InvalidParameterError(`snat rule ${sNatID} must keep at least one EIP`);
    this.rules.update(regionId, sNatID, { eipIDs: left });
  }

  delete(regionId: string, sNatID: string): void {
    this.require(regionId, sNatID);
    this.rules.delete(regionId, sNatID);
  }

  /** Rules translating the subnet (they hold it). */
  inSubnet(regionId: string, subnetID: string): Holder[] {
    return this.rules.find(regionId, (r) => r.subnetID === subnetID).map((r) => ({ id: r.sNatID }));
  }

  onGateway(regionId: string, natGatewayID: string): Holder[] {
    return this.list(regionId, { natGatewayID }).map((r) => ({ id: r.sNatID }));
  }

  usingEip(regionId: string, eipID: string): Holder[] {
    return this.rules.find(regionId, (r) => r.eipIDs.includes(eipID)).map((r) => ({ id: r.sNatID }));
  }

  private ruleOf(regionId: string, natGatewayID: string, sNatID: string): SnatRuleRecord {
    const rule = this.require(regionId, sNatID);
    if (rule.natGatewayID !== natGatewayID) throw new InvalidParameterError(`snat rule ${sNatID} belongs to nat gateway ${rule.natGatewayID}, not ${natGatewayID}`);
    return rule;
  }

  /** Exactly one source; a subnet of the VPC, or a CIDR; no other rule of the gateway for it. */
  private resolveSource(regionId: string, vpcID: string, natGatewayID: string, source: SnatSource, self: string | undefined): Pick<SnatRuleRecord, "subnetID" | "sourceCIDR" | "subnetType"> {
    const subnetID = source.sourceSubnetID ?? "";
    const cidr = source.sourceCIDR ?? "";
    if ((subnetID === "") === (cidr === "")) throw new InvalidParameterError("exactly one of sourceSubnetID and sourceCIDR must be given");
    let resolved: Pick<SnatRuleRecord, "subnetID" | "sourceCIDR" | "subnetType">;
    if (subnetID !== "") {
      const subnet = this.ctx.backend("subnet").require(regionId, subnetID);
      if (subnet.vpcID !== vpcID) throw new InvalidParameterError(`subnet ${subnetID} is not in vpc ${vpcID} of nat gateway ${natGatewayID}`);
      resolved = { subnetID, sourceCIDR: subnet.CIDR, subnetType: 1 };
    } else {
      requireIpv4Block("sourceCIDR", cidr, 1, 32);
      resolved = { subnetID: "", sourceCIDR: cidr, subnetType: 2 };
    }
    const twin = this.rules.findOne(regionId, (r) => r.natGatewayID === natGatewayID && r.sNatID !== self && (resolved.subnetID !== "" ? r.subnetID === resolved.subnetID : r.subnetType === 2 && r.sourceCIDR === resolved.sourceCIDR));
    if (twin) throw new InvalidParameterError(`snat rule ${twin.sNatID} of nat gateway ${natGatewayID} already translates ${resolved.subnetID || resolved.sourceCIDR}`);
    return resolved;
  }
}
