/**
 * Input rules shared by several resources, written from CTyun's documented constraints (spec D).
 * Each failure message states the rule, so `pulumi preview` explains what to fix before any call.
 */
import { isIPv4, isIPv6 } from "node:net";
import { z } from "zod";

const CN = "\\u4e00-\\u9fa5";
/** VPC, subnet, security group and EIP names (spec D.1–D.5). */
const CTYUN_NAME = new RegExp(`^[a-zA-Z${CN}][0-9a-zA-Z_${CN}-]+$`);

function length(value: string, unit: "characters" | "bytes"): number {
  return unit === "bytes" ? Buffer.byteLength(value, "utf8") : [...value].length;
}

/** A CTyun resource name: 2–max characters (or bytes), starting with a letter or Chinese character. */
export function ctyunName(max: number, unit: "characters" | "bytes" = "characters") {
  return z.string().superRefine((value, ctx) => {
    const n = length(value, unit);
    if (n < 2 || n > max) ctx.addIssue({ code: "custom", message: `must be 2-${max} ${unit} long (got ${n})` });
    else if (!CTYUN_NAME.test(value)) {
      ctx.addIssue({ code: "custom", message: "must start with a letter or Chinese character and contain only letters, digits, Chinese characters, '_' and '-'" });
    } else if (/^https?:/i.test(value)) ctx.addIssue({ code: "custom", message: "must not start with http: or https:" });
  });
}

/** A description: at most `max` characters, not starting with http: or https: (spec D.1). */
export function description(max = 128) {
  return z
    .string()
    .superRefine((value, ctx) => {
      if ([...value].length > max) ctx.addIssue({ code: "custom", message: `must be at most ${max} characters long` });
      else if (/^https?:/i.test(value)) ctx.addIssue({ code: "custom", message: "must not start with http: or https:" });
    })
    .default("");
}

export const regionId = z.string().regex(/^[0-9a-fA-F]{32}$/, "must be a CTyun regionID: 32 hexadecimal characters");
export const projectId = z.string().regex(/^(|0|[a-z0-9]{32})$/, 'must be "" (default project), "0" or 32 lower-case letters and digits');
export const azName = z.string().min(1, "must not be empty");

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A prefixed CTyun id (`vpc-` + 10 lower-case letters/digits); single-AZ regions also use UUIDs. */
export function prefixedId(prefix: string) {
  return z
    .string()
    .refine((v) => new RegExp(`^${prefix}-[a-z0-9]{10}$`).test(v) || UUID.test(v), `must be an id like ${prefix}-abcde12345`);
}

export const uuid = (what: string) => z.string().regex(UUID, `must be a ${what} UUID (8-4-4-4-12 hexadecimal digits)`);

/** Parses dotted IPv4 into a 32-bit number; undefined when not IPv4. */
export function ipv4ToNumber(ip: string): number | undefined {
  if (!isIPv4(ip)) return undefined;
  return ip.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
}

export interface Ipv4Cidr {
  readonly network: number;
  readonly prefix: number;
}

export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const network = ipv4ToNumber(m[1] as string);
  const prefix = Number(m[2]);
  if (network === undefined || prefix > 32 || String(prefix) !== m[2]) return undefined;
  return { network, prefix };
}

export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  if (inner.prefix < outer.prefix) return false;
  const size = 2 ** (32 - outer.prefix);
  return Math.floor(inner.network / size) === Math.floor(outer.network / size);
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/** The private IPv4 ranges (RFC 1918) CTyun subnets must lie in (spec D.2). */
export const PRIVATE_IPV4_RANGES: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

/** An `ipv4Cidr` that must also lie inside one of `ranges` (e.g. PRIVATE_IPV4_RANGES). */
export function ipv4CidrWithin(ranges: readonly string[], minPrefix = 0, maxPrefix = 32) {
  const blocks = ranges.map((range) => parseIpv4Cidr(range) as Ipv4Cidr);
  const names = ranges.length > 1 ? `${ranges.slice(0, -1).join(", ")} or ${ranges[ranges.length - 1]}` : (ranges[0] ?? "");
  return ipv4Cidr(minPrefix, maxPrefix).superRefine((value, ctx) => {
    const cidr = parseIpv4Cidr(value);
    // Malformed, non-canonical and out-of-range prefixes are already reported by ipv4Cidr.
    if (!cidr || !isCanonical(cidr) || cidr.prefix < minPrefix || cidr.prefix > maxPrefix) return;
    if (!blocks.some((block) => cidrContains(block, cidr))) ctx.addIssue({ code: "custom", message: `must be inside ${names}` });
  });
}

function isCanonical(cidr: Ipv4Cidr): boolean {
  return cidr.network % 2 ** (32 - cidr.prefix) === 0;
}

export function numberToIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}

/** An IPv4 CIDR in network form (`10.0.0.0/16`, not `10.0.0.1/16`) with a prefix in [min, max]. */
export function ipv4Cidr(minPrefix = 0, maxPrefix = 32) {
  return z.string().superRefine((value, ctx) => {
    const cidr = parseIpv4Cidr(value);
    if (!cidr) {
      ctx.addIssue({ code: "custom", message: "must be an IPv4 CIDR block like 192.168.0.0/16" });
      return;
    }
    if (!isCanonical(cidr)) {
      const size = 2 ** (32 - cidr.prefix);
      const network = `${numberToIpv4(cidr.network - (cidr.network % size))}/${cidr.prefix}`;
      ctx.addIssue({ code: "custom", message: `must be in network form: did you mean ${network}?` });
    } else if (cidr.prefix < minPrefix || cidr.prefix > maxPrefix) {
      ctx.addIssue({ code: "custom", message: `must have a prefix length between /${minPrefix} and /${maxPrefix}` });
    }
  });
}

/** The eight 16-bit groups of an IPv6 address (embedded IPv4 tails included); undefined when not IPv6. */
export function ipv6Groups(ip: string): number[] | undefined {
  if (!isIPv6(ip) || ip.includes("%")) return undefined;
  let text = ip;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = ipv4ToNumber(v4[1] as string) as number;
    text = `${text.slice(0, v4.index)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = text.split("::");
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length > 1 && halves[1] ? halves[1].split(":") : [];
  const fill = halves.length > 1 ? 8 - head.length - tail.length : 0;
  return [...head, ...Array<string>(fill).fill("0"), ...tail].map((group) => parseInt(group, 16));
}

/** True when every bit of `groups` (16 bits each) after the first `prefix` bits is zero. */
function hostBitsClear(groups: readonly number[], bitsPerGroup: number, prefix: number): boolean {
  return groups.every((group, i) => {
    const networkBits = Math.min(bitsPerGroup, Math.max(0, prefix - i * bitsPerGroup));
    return group % 2 ** (bitsPerGroup - networkBits) === 0;
  });
}

/** The family of `address/prefix` and whether it is in network form; undefined when malformed. */
export function parseIpCidr(text: string): { family: 4 | 6; canonical: boolean } | undefined {
  const m = /^([^/]+)\/(0|[1-9]\d{0,2})$/.exec(text);
  if (!m) return undefined;
  const prefix = Number(m[2]);
  const v4 = parseIpv4Cidr(text);
  if (v4) return { family: 4, canonical: isCanonical(v4) };
  const groups = ipv6Groups(m[1] as string);
  if (!groups || prefix > 128) return undefined;
  return { family: 6, canonical: hostBitsClear(groups, 16, prefix) };
}

/** A CIDR of either family in network form: `0.0.0.0/0`, `10.0.0.0/8`, `::/0`, `2001:db8::/32`. */
export function ipCidr() {
  return z.string().superRefine((value, ctx) => {
    const cidr = parseIpCidr(value);
    if (!cidr) ctx.addIssue({ code: "custom", message: "must be an IPv4 or IPv6 CIDR block like 10.0.0.0/8 or 2001:db8::/32" });
    else if (!cidr.canonical) ctx.addIssue({ code: "custom", message: "must be in network form: the bits after the prefix length must be zero" });
  });
}

export const ipv4Address = z.string().refine((v) => isIPv4(v), "must be an IPv4 address");

/** Billing of order-backed resources, as users write it. */
export const cycleType = z.enum(["on_demand", "month", "year"]);

/**
 * Billing of an order-backed resource as users write it (spec D.0.2): `{ mode: "onDemand" }` (pay
 * as you go, with `chargeBy` where the product offers a choice), `{ mode: "monthly", count }` (1–11
 * months) or `{ mode: "yearly", count }` (1–`maxYears` years). `billingCycle` gives the wire cycle.
 */
export type Billing<ChargeBy extends string = string> =
  | { readonly mode: "onDemand"; readonly chargeBy?: ChargeBy }
  | { readonly mode: "monthly"; readonly count: number }
  | { readonly mode: "yearly"; readonly count: number };

export interface BillingOptions<ChargeBy extends string> {
  /** The longest yearly term: 3 for EIPs, 5 for VMs and disks. */
  readonly maxYears: number;
  /** What on-demand billing can be charged by, and the default (e.g. EIP: bandwidth or traffic). */
  readonly chargeBy?: { readonly values: readonly [ChargeBy, ...ChargeBy[]]; readonly default: ChargeBy };
}

const MAX_MONTHS = 11;

export function billing<ChargeBy extends string>(options: BillingOptions<ChargeBy>): z.ZodType<Billing<ChargeBy>> {
  const quote = (values: readonly string[]): string => {
    const quoted = values.map((v) => `"${v}"`);
    return quoted.length > 1 ? `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}` : (quoted[0] ?? "");
  };
  const term = (mode: "monthly" | "yearly", max: number) =>
    z
      .number({ error: (issue) => (issue.input === undefined ? `is required for ${mode} billing: 1 to ${max} ${mode === "monthly" ? "months" : "years"}` : undefined) })
      .refine((n) => Number.isInteger(n) && n >= 1 && n <= max, {
        message: `must be a whole number from 1 to ${max}${mode === "monthly" ? " (use yearly billing for 12 months or more)" : ` (${mode} billing)`}`,
      });
  const fieldsOf = (mode: string, allowed: readonly string[]) => (issue: { code?: string; keys?: readonly string[] }) => {
    if (issue.code !== "unrecognized_keys") return undefined;
    const key = issue.keys?.[0] ?? "";
    if (key === "count" && mode === "onDemand") return "count: on-demand billing has no term; count applies to monthly and yearly billing";
    if (key === "chargeBy" && mode !== "onDemand") return "chargeBy: applies only to on-demand billing";
    return `${key}: is not a billing field (${mode} billing takes ${allowed.join(", ")})`;
  };
  const onDemandShape = options.chargeBy
    ? { mode: z.literal("onDemand"), chargeBy: z.enum(options.chargeBy.values, { error: `must be ${quote(options.chargeBy.values)}` }).default(options.chargeBy.default as never) }
    : { mode: z.literal("onDemand") };
  const modes = ["onDemand", "monthly", "yearly"];
  // The on-demand shape depends on `options`, which TypeScript cannot follow: state the result type.
  const schema = z.discriminatedUnion(
    "mode",
    [
      z.strictObject(onDemandShape, { error: fieldsOf("onDemand", Object.keys(onDemandShape)) }),
      z.strictObject({ mode: z.literal("monthly"), count: term("monthly", MAX_MONTHS) }, { error: fieldsOf("monthly", ["mode", "count"]) }),
      z.strictObject({ mode: z.literal("yearly"), count: term("yearly", options.maxYears) }, { error: fieldsOf("yearly", ["mode", "count"]) }),
    ],
    {
      error: (issue) =>
        issue.code === "invalid_union" ? `must be ${quote(modes)}` : issue.code === "invalid_type" ? 'must be an object such as { mode: "onDemand" } or { mode: "monthly", count: 1 }' : undefined,
    },
  );
  return schema as unknown as z.ZodType<Billing<ChargeBy>>;
}

/** The wire cycle of a billing: `on_demand` without a count, or `month`/`year` with it. */
export function billingCycle(value: Billing): { cycleType: "on_demand" | "month" | "year"; cycleCount?: number } {
  if (value.mode === "onDemand") return { cycleType: "on_demand" };
  return { cycleType: value.mode === "monthly" ? "month" : "year", cycleCount: value.count };
}

/** Go-style durations per lifecycle step, since the engine ignores customTimeouts for dynamic resources. */
export const timeoutsInput = z
  .object({
    create: z.string().optional(),
    update: z.string().optional(),
    delete: z.string().optional(),
  })
  .strict();
