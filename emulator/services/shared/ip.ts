/**
 * IP addresses and CIDR blocks of either family, parsed, matched and written by ipaddr.js (a small,
 * widely used library with no dependencies) rather than by hand. The emulator's own rules sit on top:
 * IPv4 only in strict dotted decimal (CTyun writes nothing else; ipaddr.js alone would also take
 * `0x7f.1`), prefixes in plain decimal, zone ids refused unless asked for. Offsets within a block
 * (gateway = network + 1, …) are bigint arithmetic on the address value.
 */
import ipaddr from "ipaddr.js";

export type IpFamily = 4 | 6;
type Ip = ipaddr.IPv4 | ipaddr.IPv6;

const BITS: Readonly<Record<IpFamily, number>> = { 4: 32, 6: 128 };
const PREFIX = /^(0|[1-9]\d{0,2})$/;

/** Dotted-decimal IPv4, four parts, no leading zeros. */
export function isIpv4(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text);
}

/** Any RFC 4291 text form (`::`, embedded IPv4, …); a `%zone` suffix only with `allowZone`. */
export function isIpv6(text: string, options: { readonly allowZone?: boolean } = {}): boolean {
  return ipaddr.IPv6.isValid(text) && (options.allowZone === true || !text.includes("%"));
}

/** Either family (what node:net `isIP` accepts, zones included). */
export function isIpAddress(text: string): boolean {
  return isIpv4(text) || isIpv6(text, { allowZone: true });
}

function parseAddress(text: string, family: IpFamily): Ip | undefined {
  if (family === 4) return isIpv4(text) ? ipaddr.IPv4.parse(text) : undefined;
  return isIpv6(text) ? ipaddr.IPv6.parse(text) : undefined;
}

/** The address as a number (32 or 128 bits). */
export function addressValue(text: string): bigint {
  return ipaddr.parse(text).toByteArray().reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
}

/** The address with value `value`: IPv4 dotted decimal, IPv6 in RFC 5952 form (lower case, `::` for the longest zero run). */
export function addressText(family: IpFamily, value: bigint): string {
  const length = BITS[family] / 8;
  const bytes = Array.from({ length }, (_, i) => Number((value >> BigInt(8 * (length - 1 - i))) & 0xffn));
  const ip = ipaddr.fromByteArray(bytes);
  return ip.kind() === "ipv6" ? (ip as ipaddr.IPv6).toRFC5952String() : ip.toString();
}

export interface CidrBlock {
  readonly family: IpFamily;
  /** The address as written (its host bits may be set; see `isNetworkAddress`). */
  readonly ip: Ip;
  readonly prefix: number;
}

/** `address/prefix` of the given family (or either); undefined when malformed. */
export function parseCidr(text: string, family?: IpFamily): CidrBlock | undefined {
  const slash = text.indexOf("/");
  if (slash < 0) return undefined;
  const prefixText = text.slice(slash + 1);
  if (!PREFIX.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  for (const candidate of family === undefined ? ([4, 6] as const) : [family]) {
    const ip = parseAddress(text.slice(0, slash), candidate);
    if (ip && prefix <= BITS[candidate]) return { family: candidate, ip, prefix };
  }
  return undefined;
}

/** The block's network address (host bits cleared). */
export function networkOf(block: CidrBlock): Ip {
  const cidr = `${block.ip.toString()}/${block.prefix}`;
  return block.family === 4 ? ipaddr.IPv4.networkAddressFromCIDR(cidr) : ipaddr.IPv6.networkAddressFromCIDR(cidr);
}

/** True when the address as written is the network address (no host bits set). */
export function isNetworkAddress(block: CidrBlock): boolean {
  return networkOf(block).toNormalizedString() === block.ip.toNormalizedString();
}

/** Number of addresses in the block. */
export function blockSize(block: CidrBlock): bigint {
  return 1n << BigInt(BITS[block.family] - block.prefix);
}

/** Value of the network address. */
export function networkValue(block: CidrBlock): bigint {
  return addressValue(networkOf(block).toString());
}

export function cidrContains(outer: CidrBlock, inner: CidrBlock): boolean {
  return outer.family === inner.family && inner.prefix >= outer.prefix && inner.ip.match(outer.ip, outer.prefix);
}

export function cidrsOverlap(a: CidrBlock, b: CidrBlock): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/** `network/prefix` in normalised form: equal for every way of writing the same block. */
export function cidrKey(block: CidrBlock): string {
  return `${networkOf(block).toNormalizedString()}/${block.prefix}`;
}
