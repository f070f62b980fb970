/**
 * SecurityGroupRule (spec D.4): one ingress or egress rule of a security group. Only the
 * description updates in place; everything else replaces. Users write enums in lower case (as in
 * the TF provider); the wire takes them upper-case and answers `direction`/`action` lower-case,
 * `protocol` upper-case and `ethertype` as `IPv4`/`IPv6`. CTyun answers a duplicate rule with no
 * id: that is a clear error here, naming the existing rule so it can be adopted.
 */
import { z } from "zod";
import {
  CreateSecurityGroupEgress,
  CreateSecurityGroupIngress,
  DescribeSecurityGroupAttribute,
  DescribeSecurityGroupRule,
  ModifySecurityGroupEgress,
  ModifySecurityGroupIngress,
  RevokeSecurityGroupEgress,
  RevokeSecurityGroupIngress,
  SECURITY_GROUP_NOT_FOUND,
  SECURITY_GROUP_RULE_NOT_FOUND,
} from "../client/operations/security-group";
import type { HandlerContext } from "../lifecycle/context";
import { canonicalAddress, parseCidr } from "../lifecycle/cidr";
import { description, ipCidr, prefixedId, regionId } from "../lifecycle/fields";
import { defineResource, type CheckFailure, type Props } from "../lifecycle/spec";

const DIRECTIONS = ["ingress", "egress"] as const;
const ACTIONS = ["accept", "drop"] as const;
const PROTOCOLS = ["any", "tcp", "udp", "icmp"] as const;
const ETHER_TYPES = ["ipv4", "ipv6"] as const;

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.map((v) => `"${v}"`).join(", ")}` });

/** TF's default (its description says 50, its code sends 1): rules written explicitly come first. */
export const DEFAULT_PRIORITY = 1;

const inputs = z.object({
  securityGroupId: prefixedId("sg"),
  direction: oneOf(DIRECTIONS),
  action: oneOf(ACTIONS),
  priority: z
    .number({ error: "must be a whole number from 1 to 100" })
    .refine((n) => Number.isInteger(n) && n >= 1 && n <= 100, "must be a whole number from 1 (highest priority) to 100")
    .default(DEFAULT_PRIORITY),
  protocol: oneOf(PROTOCOLS),
  etherType: oneOf(ETHER_TYPES),
  /** Default (see `defaults`): every address of the rule's family. */
  destCidrIp: ipCidr().optional(),
  /** Format and presence depend on the protocol: checked in `crossCheck`. */
  range: z.string().optional(),
  description: description(),
  regionId,
});

type RuleInputs = z.output<typeof inputs>;

export interface SecurityGroupRuleOutputs {
  securityGroupRuleId: string;
}

const ANY_ADDRESS = { ipv4: "0.0.0.0/0", ipv6: "::/0" } as const;
const WIRE_PROTOCOL = { any: "ANY", tcp: "TCP", udp: "UDP", icmp: "ICMP" } as const;
const WIRE_ETHER_TYPE = { ipv4: "IPv4", ipv6: "IPv6" } as const;

/** `"N"` or `"N-M"` with 1 ≤ N ≤ M ≤ 65535; undefined otherwise. */
function parseRange(text: string): [number, number] | undefined {
  const m = /^([1-9]\d{0,4})(?:-([1-9]\d{0,4}))?$/.exec(text);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return to <= 65535 && from <= to ? [from, to] : undefined;
}

function rangeFailures(protocol: string, range: string | undefined): CheckFailure[] {
  const fail = (reason: string): CheckFailure[] => [{ property: "range", reason }];
  if (range === undefined) return protocol === "tcp" || protocol === "udp" ? fail(`is required when protocol is "${protocol}": a port "22" or a range "8000-9000"`) : [];
  if (protocol === "any") return fail('must not be set when protocol is "any" (the rule covers every port)');
  if (!parseRange(range)) return fail('must be a port "N" or a range "N-M" with 1 <= N <= M <= 65535, e.g. "22" or "8000-9000", without spaces');
  return [];
}

/** The cloud's idea of "the same rule" (emulator decision: all but the description). */
function ruleKey(rule: { direction: string; action: string; priority: number; protocol: string; etherType: string; destCidrIp: string; range?: string | undefined }): string {
  const range = rule.range ? parseRange(rule.range) : undefined;
  const [address = "", prefix = ""] = rule.destCidrIp.split("/");
  const canonical = canonicalAddress(address);
  return JSON.stringify([
    rule.direction,
    rule.action,
    rule.priority,
    rule.protocol,
    rule.etherType,
    range ? range.join("-") : "",
    canonical ? `${canonical}/${prefix}` : rule.destCidrIp,
  ]);
}

function fromWire<T extends string>(field: string, value: string, allowed: readonly T[], aliases: Record<string, T> = {}): T {
  const mapped = aliases[value] ?? allowed.find((candidate) => candidate === value.toLowerCase());
  if (mapped === undefined) throw new Error(`DescribeSecurityGroupRule returned ${field} ${JSON.stringify(value)}, which is not one of ${allowed.join(", ")}`);
  return mapped;
}

type RuleRecord = Awaited<ReturnType<typeof describeRule>>;

async function describeRule(ctx: HandlerContext, regionID: string, securityGroupID: string, securityGroupRuleID: string) {
  return ctx.client.send(DescribeSecurityGroupRule, { regionID, securityGroupID, securityGroupRuleID });
}

/** The rule's inputs as the cloud has them (response forms mapped back to the user's). */
function inputsOf(rule: RuleRecord): Partial<RuleInputs> {
  return {
    securityGroupId: rule.securityGroupID,
    direction: fromWire("direction", rule.direction, DIRECTIONS),
    action: fromWire("action", rule.action, ACTIONS),
    priority: rule.priority,
    protocol: fromWire("protocol", rule.protocol, PROTOCOLS, { ICMP6: "icmp" }),
    etherType: fromWire("ethertype", rule.ethertype, ETHER_TYPES),
    destCidrIp: rule.destCidrIp ?? "",
    // The cloud answers "" for "no range"; in Pulumi that is an unset input.
    range: rule.range ? rule.range : undefined,
    description: rule.description ?? "",
  };
}

function directionOf(state: Props): "ingress" | "egress" {
  return state["direction"] === "egress" ? "egress" : "ingress";
}

/** CTyun created nothing because the rule exists already: find it, so the error can name it. */
async function duplicateError(ctx: HandlerContext, args: RuleInputs, destCidrIp: string): Promise<Error> {
  const group = await ctx.client.send(DescribeSecurityGroupAttribute, { regionID: args.regionId, securityGroupID: args.securityGroupId, direction: args.direction });
  const wanted = ruleKey({ ...args, destCidrIp });
  const existing = (group.securityGroupRuleList ?? []).find((rule) => {
    try {
      return ruleKey({ ...(inputsOf(rule) as Required<RuleInputs>), destCidrIp: rule.destCidrIp ?? "" }) === wanted;
    } catch {
      return false;
    }
  });
  const what = `${args.direction} ${args.action} ${args.protocol}${args.range ? ` ${args.range}` : ""} ${args.etherType} ${destCidrIp} priority ${args.priority}`;
  return new Error(
    `ctyun:SecurityGroupRule ${ctx.name}: security group ${args.securityGroupId} already has this rule (${what})` +
      (existing ? ` as ${existing.id}` : "") +
      "; CTyun created nothing. Remove the duplicate from the program" +
      (existing ? `, or manage the existing rule with adoptId: "${existing.id}"` : "") +
      ".",
  );
}

export const securityGroupRuleSpec = defineResource({
  type: "SecurityGroupRule",
  inputs,
  outputs: { securityGroupRuleId: true },
  createOnly: ["securityGroupId", "direction", "action", "priority", "protocol", "etherType", "destCidrIp", "range", "regionId"],
  settingDefaults: { regionId: "regionId" },
  notFoundCodes: [SECURITY_GROUP_RULE_NOT_FOUND, SECURITY_GROUP_NOT_FOUND],
  timeouts: { create: 5 * 60_000, update: 5 * 60_000, delete: 5 * 60_000 },
  idOutput: "securityGroupRuleId",

  defaults(args, known) {
    return known("etherType") && args.etherType ? { destCidrIp: ANY_ADDRESS[args.etherType] } : {};
  },

  crossCheck(args, known) {
    const failures: CheckFailure[] = [];
    // An unknown range (preview) is a string placeholder, never undefined: only check what is known.
    if (known("protocol") && (known("range") || args.range === undefined)) failures.push(...rangeFailures(args.protocol as string, args.range));
    if (known("destCidrIp") && known("etherType")) {
      const family = parseCidr(args.destCidrIp as string)?.family;
      const wanted = args.etherType === "ipv6" ? 6 : 4;
      if (family !== wanted) failures.push({ property: "destCidrIp", reason: `must be an IPv${wanted} CIDR because etherType is "${args.etherType}"` });
    }
    return failures;
  },

  /** Replacing a rule by one the cloud sees as the same (e.g. range "22" → "22-22") would be a duplicate. */
  deleteBeforeReplace(olds, news) {
    if (olds["securityGroupId"] !== news.securityGroupId || olds["regionId"] !== news.regionId) return false;
    const old = olds as unknown as RuleInputs;
    return ruleKey({ ...old, destCidrIp: old.destCidrIp ?? "" }) === ruleKey({ ...news, destCidrIp: news.destCidrIp ?? "" });
  },

  async create(ctx, args: RuleInputs) {
    const destCidrIp = args.destCidrIp ?? ANY_ADDRESS[args.etherType];
    const operation = args.direction === "ingress" ? CreateSecurityGroupIngress : CreateSecurityGroupEgress;
    const created = await ctx.client.send(operation, {
      regionID: args.regionId,
      securityGroupID: args.securityGroupId,
      clientToken: ctx.clientToken,
      securityGroupRules: [
        {
          direction: args.direction === "ingress" ? "INGRESS" : "EGRESS",
          action: args.action === "accept" ? "ACCEPT" : "DROP",
          priority: args.priority,
          protocol: WIRE_PROTOCOL[args.protocol],
          ethertype: WIRE_ETHER_TYPE[args.etherType],
          destCidrIp,
          description: args.description,
          range: args.range ?? "",
        },
      ],
    });
    const ruleId = created.sgRuleIDs[0];
    if (ruleId === undefined) throw await duplicateError(ctx, args, destCidrIp);
    // The answer names the rule, its only output: nothing to read back.
    return { id: ruleId, outputs: { securityGroupRuleId: ruleId } };
  },

  async read(ctx, id, state) {
    const rule = await describeRule(ctx, state["regionId"] as string, state["securityGroupId"] as string, id);
    return { inputs: inputsOf(rule), outputs: { securityGroupRuleId: rule.id } };
  },

  async update(ctx, id, _olds, news: RuleInputs, changed) {
    if (changed.includes("description")) {
      const operation = news.direction === "ingress" ? ModifySecurityGroupIngress : ModifySecurityGroupEgress;
      await ctx.client.send(operation, { regionID: news.regionId, securityGroupID: news.securityGroupId, securityGroupRuleID: id, description: news.description });
    }
    const rule = await describeRule(ctx, news.regionId, news.securityGroupId, id);
    return { securityGroupRuleId: rule.id };
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    const securityGroupID = state["securityGroupId"] as string;
    const operation = directionOf(state) === "ingress" ? RevokeSecurityGroupIngress : RevokeSecurityGroupEgress;
    // The cloud's answer confirms the delete: no read is spent on the not-found.
    await ctx.client.send(operation, { regionID, securityGroupID, securityGroupRuleID: id });
  },
});
