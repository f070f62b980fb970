/**
 * Input rules shared by several resources, written from CTyun's documented constraints (spec D).
 * Each failure message states the rule, so `pulumi preview` explains what to fix before any call.
 */
import { z } from "zod";
import { cidrContains, parseCidr, parseIpv4Cidr, type Cidr } from "./cidr";

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

/** The private IPv4 ranges (RFC 1918) CTyun subnets must lie in (spec D.2). */
export const PRIVATE_IPV4_RANGES: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

/** An `ipv4Cidr` that must also lie inside one of `ranges` (e.g. PRIVATE_IPV4_RANGES). */
export function ipv4CidrWithin(ranges: readonly string[], minPrefix = 0, maxPrefix = 32) {
  const blocks = ranges.map((range) => parseIpv4Cidr(range) as Cidr);
  const names = ranges.length > 1 ? `${ranges.slice(0, -1).join(", ")} or ${ranges[ranges.length - 1]}` : (ranges[0] ?? "");
  return ipv4Cidr(minPrefix, maxPrefix).superRefine((value, ctx) => {
    const cidr = parseIpv4Cidr(value);
    // Malformed, non-canonical and out-of-range prefixes are already reported by ipv4Cidr.
    if (!cidr || !cidr.canonical || cidr.prefix < minPrefix || cidr.prefix > maxPrefix) return;
    if (!blocks.some((block) => cidrContains(block, cidr))) ctx.addIssue({ code: "custom", message: `must be inside ${names}` });
  });
}

/** An IPv4 CIDR in network form (`10.0.0.0/16`, not `10.0.0.1/16`) with a prefix in [min, max]. */
export function ipv4Cidr(minPrefix = 0, maxPrefix = 32) {
  return z.string().superRefine((value, ctx) => {
    const cidr = parseIpv4Cidr(value);
    if (!cidr) ctx.addIssue({ code: "custom", message: "must be an IPv4 CIDR block like 192.168.0.0/16" });
    else if (!cidr.canonical) ctx.addIssue({ code: "custom", message: `must be in network form: did you mean ${cidr.network}?` });
    else if (cidr.prefix < minPrefix || cidr.prefix > maxPrefix) {
      ctx.addIssue({ code: "custom", message: `must have a prefix length between /${minPrefix} and /${maxPrefix}` });
    }
  });
}

/** A CIDR of either family in network form: `0.0.0.0/0`, `10.0.0.0/8`, `::/0`, `2001:db8::/32`. */
export function ipCidr() {
  return z.string().superRefine((value, ctx) => {
    const cidr = parseCidr(value);
    if (!cidr) ctx.addIssue({ code: "custom", message: "must be an IPv4 or IPv6 CIDR block like 10.0.0.0/8 or 2001:db8::/32" });
    else if (!cidr.canonical) ctx.addIssue({ code: "custom", message: "must be in network form: the bits after the prefix length must be zero" });
  });
}

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
    ? { mode: z.literal("onDemand"), chargeBy: z.enum(options.chargeBy.values, { error: `must be ${quote(options.chargeBy.values)}` }).default(options.chargeBy.default) }
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
