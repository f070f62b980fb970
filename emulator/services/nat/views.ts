/**
 * How NAT gateways are answered (api-notes/nat.md §2.2, §2.3): show's object and the list rows,
 * with the VPC's name and CIDR read from the VPC service. `specs` is `small`…`xlarge` and `status`
 * an integer (0 creating, 2 running, 3 frozen); show says `expiredTime`, the list `expireTime`.
 */
import type { EngineContext } from "../../engine/context";
import type { NatGatewayRecord } from "./records";
import { SPEC_NAMES } from "./rules";

const STATUS_CODES: Readonly<Record<NatGatewayRecord["state"], number>> = { running: 2, expired: 3, freeze: 3 };

function vpcOf(ctx: EngineContext, regionId: string, gateway: NatGatewayRecord): { vpcName: string; vpcCidr: string } {
  const vpc = ctx.backend("vpc").find(regionId, gateway.vpcID);
  return { vpcName: vpc?.name ?? "", vpcCidr: vpc?.CIDR ?? "" };
}

/** `get-nat-gateway-attribute`; `tables` are the gateway's SNAT and DNAT rules in their table shapes. */
export function natGatewayView(
  ctx: EngineContext,
  regionId: string,
  gateway: NatGatewayRecord,
  tables: { snatTable: unknown[]; dnatTable: unknown[] } = { snatTable: [], dnatTable: [] },
): Record<string, unknown> {
  return {
    natGatewayID: gateway.natGatewayID,
    name: gateway.name,
    description: gateway.description,
    status: STATUS_CODES[gateway.state],
    state: gateway.state,
    specs: SPEC_NAMES[gateway.spec],
    zoneID: gateway.zoneID,
    vpcID: gateway.vpcID,
    ...vpcOf(ctx, regionId, gateway),
    projectID: gateway.projectID,
    creationTime: gateway.creationTime,
    expiredTime: gateway.expiredTime,
    snatTable: tables.snatTable,
    dnatTable: tables.dnatTable,
  };
}

/** One row of `describe-nat-gateways`. */
export function natGatewayRow(ctx: EngineContext, regionId: string, gateway: NatGatewayRecord): Record<string, unknown> {
  return {
    ID: gateway.natGatewayID,
    natGatewayID: gateway.natGatewayID,
    name: gateway.name,
    description: gateway.description,
    status: STATUS_CODES[gateway.state],
    state: gateway.state,
    zoneID: gateway.zoneID,
    vpcID: gateway.vpcID,
    vpcName: vpcOf(ctx, regionId, gateway).vpcName,
    creationTime: gateway.creationTime,
    expireTime: gateway.expiredTime,
    projectID: gateway.projectID,
  };
}
