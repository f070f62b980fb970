/**
 * Route-table vocabulary (api-notes/route-table.md): the next-hop types, which of them the emulator
 * can check, the VPC's derived ids, and the refusals. Not-found and in-use codes are undocumented:
 * drawn from sets (unknown-codes.ts), texts with `不存在` as TF matches. An unknown `routeTableID`
 * filter on the lists answers `Openapi.RouterTable.AccessFailed`, the code TF reads as "no result".
 */
import { EmulatorError, InUseError, NotFoundError } from "../../errors";
import type { UnknownCodes } from "../../unknown-codes";

/** TF internal/common/error_code.go; TF vpc/datasource_ctyun_vpc_route_tables.go treats it as an empty list. */
export const ROUTER_TABLE_ACCESS_FAILED = "Openapi.RouterTable.AccessFailed";

/** Every next-hop type an official client names (TF validator, PY create-rule). */
export const NEXT_HOP_TYPES = ["vpcpeering", "havip", "bm", "vm", "natgw", "igw", "igw6", "dc", "ticc", "vpngw", "enic", "gwlbe"] as const;
/** The ones whose next hop the emulator can find: a VM, a NAT gateway, the VPC's IPv4 gateway. */
export const CHECKED_NEXT_HOP_TYPES: readonly string[] = ["vm", "natgw", "igw"];

const suffix = (vpcID: string): string => vpcID.replace(/^vpc-/, "");
/** The VPC's default table (what every subnet reports until moved: services/vpc/subnet-backend.ts). */
export const defaultTableId = (vpcID: string): string => `rtb-${suffix(vpcID)}`;
/** The VPC's IPv4 gateway, the system route's next hop (inferred: one per VPC, derived from it). */
export const ipv4GatewayId = (vpcID: string): string => `igw-${suffix(vpcID)}`;
/** The system route of a table (inferred destination). */
export const systemRuleId = (routeTableID: string): string => `route-rule-${routeTableID.replace(/^rtb-/, "")}`;


export function tableNotFound(codes: UnknownCodes, id: string): NotFoundError {
  return new NotFoundError(codes.pick("route-table-not-found"), `route table ${id} not found`, { description: `路由表 ${id} 不存在` });
}

export function ruleNotFound(codes: UnknownCodes, id: string): NotFoundError {
  return new NotFoundError(codes.pick("route-rule-not-found"), `route rule ${id} not found`, { description: `路由规则 ${id} 不存在` });
}

export function tableInUse(codes: UnknownCodes, id: string, subnets: readonly string[]): InUseError {
  return new InUseError(`route table ${id} is associated with subnets: ${subnets.join(", ")}`, { description: "路由表已关联子网，无法删除", code: codes.pick("route-table-in-use") });
}

export function accessFailed(id: string): EmulatorError {
  return new EmulatorError(ROUTER_TABLE_ACCESS_FAILED, `route table ${id} cannot be accessed`, { description: `路由表 ${id} 不存在或无权访问` });
}
