/**
 * Security-group rule values (spec D.4): request enums, port ranges, CIDRs of either family, and
 * the key that tells two rules apart (a rule with the same key already exists → duplicate).
 * Stored values stay byte-for-byte as sent (spec D.0.1); only comparisons normalise.
 */
import { InvalidParameterError } from "../../errors";
import { cidrKey, isNetworkAddress, parseCidr, type CidrBlock } from "../shared/ip";
import type { SecurityGroupRuleRecord } from "./records";

export type Direction = SecurityGroupRuleRecord["direction"];
export type Action = SecurityGroupRuleRecord["action"];
export type Protocol = "ANY" | "TCP" | "UDP" | "ICMP";
export type Ethertype = SecurityGroupRuleRecord["ethertype"];

export const PROTOCOLS: readonly Protocol[] = ["ANY", "TCP", "UDP", "ICMP"];
export const ETHERTYPES: readonly Ethertype[] = ["IPv4", "IPv6"];

/**
 * `direction`/`action`: TF sends upper case (`INGRESS`, `ACCEPT`), the generated API docs show
 * lower case (`ingress`, `accept`); both are accepted, nothing else. Responses are lower case.
 */
export function lowerEnum<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  const lower = value.toLowerCase();
  const match = allowed.find((candidate) => candidate === lower);
  if (match === undefined || (value !== lower && value !== lower.toUpperCase())) {
    throw new InvalidParameterError(`${field} must be one of ${allowed.map((a) => a.toUpperCase()).join(", ")} (got ${JSON.stringify(value)})`);
  }
  return match;
}

/** `protocol` and `ethertype` are exact (`TCP`, `IPv4`), as documented for both hosts. */
export function exactEnum<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) throw new InvalidParameterError(`${field} must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})`);
  return match;
}

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

const PORT = /^[1-9]\d{0,4}$/;

/** `"N"` or `"N-M"`, 1 ≤ N ≤ M ≤ 65535, no spaces; undefined when malformed. */
export function parseRange(text: string): PortRange | undefined {
  const parts = text.split("-");
  if (parts.length > 2 || !parts.every((part) => PORT.test(part))) return undefined;
  const from = Number(parts[0]);
  const to = Number(parts[1] ?? parts[0]);
  if (to > 65535 || from > to) return undefined;
  return { from, to };
}

/**
 * Range rules by protocol (decision, COVERAGE.md): TCP/UDP require one; ANY forbids it; ICMP takes
 * an optional ICMP type range with the same syntax ("" = every type).
 */
export function checkRange(protocol: Protocol, range: string): PortRange | undefined {
  if (range === "") {
    if (protocol === "TCP" || protocol === "UDP") throw new InvalidParameterError(`range is required for protocol ${protocol}`);
    return undefined;
  }
  if (protocol === "ANY") throw new InvalidParameterError("range must be empty for protocol ANY");
  const parsed = parseRange(range);
  if (!parsed) throw new InvalidParameterError(`range ${JSON.stringify(range)} must be a port "N" or a range "N-M" with 1 <= N <= M <= 65535`);
  return parsed;
}

/** `destCidrIp`: a CIDR in network form of the rule's ethertype. */
export function checkDestCidr(ethertype: Ethertype, text: string): CidrBlock {
  const block = parseCidr(text);
  const family = ethertype === "IPv4" ? 4 : 6;
  if (!block) throw new InvalidParameterError(`destCidrIp ${JSON.stringify(text)} is not a valid CIDR`);
  if (block.family !== family) throw new InvalidParameterError(`destCidrIp ${text} is not an ${ethertype} CIDR (ethertype ${ethertype})`);
  if (!isNetworkAddress(block)) throw new InvalidParameterError(`destCidrIp ${text} is not a network address (host bits must be zero)`);
  return block;
}

/** What makes a rule the same rule: everything but its description, id and times (decision). */
export function ruleKey(rule: Pick<SecurityGroupRuleRecord, "direction" | "action" | "priority" | "protocol" | "ethertype" | "destCidrIp" | "range" | "remoteSecurityGroupID">): string {
  const range = rule.range === "" ? undefined : parseRange(rule.range);
  const block = rule.destCidrIp === "" ? undefined : parseCidr(rule.destCidrIp);
  return JSON.stringify([
    rule.direction,
    rule.action,
    rule.priority,
    rule.protocol,
    rule.ethertype,
    range ? `${range.from}-${range.to}` : rule.range,
    block ? cidrKey(block) : rule.destCidrIp,
    rule.remoteSecurityGroupID,
  ]);
}
