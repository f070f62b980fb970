/**
 * CIDR blocks of either family, on ipaddr.js: parsing in the strict forms CTyun's APIs take
 * (dotted-quad IPv4 only), network form, containment and overlap. The rules built on it (which
 * prefixes, which ranges) stay in fields.ts and the specs.
 */
import * as ipaddr from "ipaddr.js";

export interface Cidr {
  readonly family: 4 | 6;
  readonly address: ipaddr.IPv4 | ipaddr.IPv6;
  readonly prefix: number;
  /** `address/prefix` with the host bits cleared, in the canonical text form. */
  readonly network: string;
  /** True when the text was already the network (the bits after the prefix are zero). */
  readonly canonical: boolean;
}

/** `address/prefix`, or undefined when malformed (shorthand IPv4 such as `10.1/16` included). */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^([^/\s]+)\/(0|[1-9]\d{0,2})$/.exec(text);
  if (!m) return undefined;
  const [address = "", prefixText = ""] = [m[1], m[2]];
  const prefix = Number(prefixText);
  let family: 4 | 6;
  if (ipaddr.IPv4.isValidFourPartDecimal(address)) family = 4;
  else if (ipaddr.IPv6.isValid(address) && !address.includes("%")) family = 6;
  else return undefined;
  if (prefix > (family === 4 ? 32 : 128)) return undefined;
  const parsed = ipaddr.parse(address);
  const network = (family === 4 ? ipaddr.IPv4.networkAddressFromCIDR(text) : ipaddr.IPv6.networkAddressFromCIDR(text)).toString();
  return { family, address: parsed, prefix, network: `${network}/${prefix}`, canonical: network === parsed.toString() };
}

/** An IPv4 CIDR, or undefined. */
export function parseIpv4Cidr(text: string): Cidr | undefined {
  const cidr = parseCidr(text);
  return cidr?.family === 4 ? cidr : undefined;
}

/** True when `inner` lies inside `outer` (same family). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && inner.prefix >= outer.prefix && inner.address.match(outer.address, outer.prefix);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/** An address in its canonical text form (IPv6 compressed, lower-case), or undefined when invalid. */
export function canonicalAddress(text: string): string | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.parse(text).toString();
  if (ipaddr.IPv6.isValid(text) && !text.includes("%")) return ipaddr.parse(text).toString();
  return undefined;
}
