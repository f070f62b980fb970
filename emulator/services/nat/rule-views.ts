/**
 * How SNAT and DNAT rules are answered (api-notes/nat.md §2.2, §3.2, §4.2): show-snat and list rows,
 * detail/describe-dnat-entries (ports integers), and the `snatTable`/`dnatTable` of the gateway's show
 * (DNAT ports strings there, as the doc struct has them). EIP addresses come from the EIP service.
 */
import type { EngineContext } from "../../engine/context";
import type { DnatRuleRecord, NatGatewayRecord, SnatRuleRecord } from "./records";

function eipAddress(ctx: EngineContext, regionId: string, eipID: string): string {
  try {
    return ctx.backend("eip").show(regionId, eipID).eipAddress;
  } catch {
    return "";
  }
}

export function snatView(ctx: EngineContext, regionId: string, rule: SnatRuleRecord): Record<string, unknown> {
  return {
    sNatID: rule.sNatID,
    natGatewayID: rule.natGatewayID,
    description: rule.description,
    subnetID: rule.subnetID,
    subnetCidr: rule.sourceCIDR,
    subnetType: rule.subnetType,
    creationTime: rule.creationTime,
    eips: rule.eipIDs.map((eipID) => ({ eipID, ipAddress: eipAddress(ctx, regionId, eipID) })),
  };
}

export function dnatView(ctx: EngineContext, regionId: string, rule: DnatRuleRecord): Record<string, unknown> {
  const vm = rule.virtualMachineID ? ctx.backend("ecs").find(regionId, rule.virtualMachineID) : undefined;
  return {
    id: rule.dNatID,
    dNatID: rule.dNatID,
    description: rule.description,
    creationTime: rule.creationTime,
    ipExpireTime: "",
    externalID: rule.externalID,
    externalIp: eipAddress(ctx, regionId, rule.externalID),
    externalPort: rule.externalPort,
    internalIp: rule.internalIp,
    internalPort: rule.internalPort,
    protocol: rule.protocol,
    state: "ACTIVE",
    virtualMachineID: rule.virtualMachineID,
    virtualMachineName: vm?.instanceName ?? "",
    virtualMachineDisplayName: vm?.displayName ?? "",
  };
}

/** The gateway's show carries its rules in these shapes. */
export function ruleTables(ctx: EngineContext, regionId: string, gateway: NatGatewayRecord, snats: readonly SnatRuleRecord[], dnats: readonly DnatRuleRecord[]): { snatTable: unknown[]; dnatTable: unknown[] } {
  const vpc = ctx.backend("vpc").find(regionId, gateway.vpcID);
  return {
    snatTable: snats.map((rule) => ({
      id: rule.sNatID,
      sNatID: rule.sNatID,
      description: rule.description,
      status: "ACTIVE",
      vpcID: gateway.vpcID,
      vpcName: vpc?.name ?? "",
      vpcCidr: vpc?.CIDR ?? "",
      subnetCidr: rule.sourceCIDR,
      subnetType: rule.subnetType,
      subnetName: rule.subnetID ? (ctx.backend("subnet").find(regionId, rule.subnetID)?.name ?? "") : "",
      creationTime: rule.creationTime,
      ipAddress: rule.eipIDs.map((eipID) => ({ ID: eipID, ipAddress: eipAddress(ctx, regionId, eipID) })),
    })),
    dnatTable: dnats.map((rule) => {
      const view = dnatView(ctx, regionId, rule);
      return { ...view, externalPort: String(rule.externalPort), internalPort: String(rule.internalPort) };
    }),
  };
}
