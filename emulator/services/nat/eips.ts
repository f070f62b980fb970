/**
 * The EIPs SNAT and DNAT rules use (api-notes/nat.md §7 rule 12, inferred): each must exist in the
 * region (`Openapi.Eip.NotFound`), not be bound to an instance or VIP, not be in release, and not
 * serve another NAT gateway. Inside one gateway an EIP may serve SNAT and DNAT rules at once
 * (whether CTyun allows it is unknown: COVERAGE.md → Decisions).
 */
import type { EngineContext } from "../../engine/context";
import { InUseError, InvalidParameterError } from "../../errors";
import { DNAT_RULE_KIND, SNAT_RULE_KIND, type DnatRuleRecord, type SnatRuleRecord } from "./records";

/** The gateway whose rules use the EIP, if any. */
export function gatewayUsingEip(ctx: EngineContext, regionId: string, eipID: string): string | undefined {
  const snat = ctx.store.collection<SnatRuleRecord>(SNAT_RULE_KIND).findOne(regionId, (r) => r.eipIDs.includes(eipID));
  if (snat) return snat.natGatewayID;
  return ctx.store.collection<DnatRuleRecord>(DNAT_RULE_KIND).findOne(regionId, (r) => r.externalID === eipID)?.natGatewayID;
}

export function requireFreeEips(ctx: EngineContext, regionId: string, eipIDs: readonly string[], owner: { natGatewayID: string }): void {
  const eips = ctx.backend("eip");
  for (const eipID of eipIDs) {
    if (eipID === "") throw new InvalidParameterError("an EIP id is empty");
    const eip = eips.show(regionId, eipID);
    if (eip.status === "DELETING") throw new InUseError(`eip ${eipID} is being released`, eips.boundCode());
    if (eip.associationID !== "") {
      throw new InUseError(`eip ${eipID} is associated with ${eip.associationType === "VIP" ? "VIP" : "instance"} ${eip.associationID}`, eips.boundCode());
    }
    const other = gatewayUsingEip(ctx, regionId, eipID);
    if (other !== undefined && other !== owner.natGatewayID) throw new InUseError(`eip ${eipID} already serves nat gateway ${other}`, eips.boundCode());
  }
}
