/**
 * Input rules shared by several resources, written from CTyun's documented constraints (spec D).
 * Each failure message states the rule, so `pulumi preview` explains what to fix before any call.
 */
import { isIPv4 } from "node:net";
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
    .refine((v) => new RegExp(`^${prefix}-[a-z0-9]{10}$`).test(v) || UUID.test(v), `must be a ${prefix} id like ${prefix}-abcde12345`);
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

export const ipv4Address = z.string().refine((v) => isIPv4(v), "must be an IPv4 address");

/** Billing of order-backed resources, as users write it. */
export const cycleType = z.enum(["on_demand", "month", "year"]);

/** Go-style durations per lifecycle step, since the engine ignores customTimeouts for dynamic resources. */
export const timeoutsInput = z
  .object({
    create: z.string().optional(),
    update: z.string().optional(),
    delete: z.string().optional(),
  })
  .strict();
