/**
 * IPv6 for subnets: each IPv6 subnet gets the lowest free /64 of its VPC's range (a /56, so 256
 * subnets), gateway `::1`, assignable `::2` to `:ffff:ffff:ffff:fffe`. Addresses are written in
 * RFC 5952 form (lower case, longest zero run compressed).
 */
import { addressText, networkValue, parseCidr } from "../shared/ip";

export interface Ipv6Subnet {
  readonly cidr: string;
  readonly gateway: string;
  readonly start: string;
  readonly end: string;
}

/** The lowest /64 of `range` (an IPv6 CIDR of /64 or shorter) whose CIDR text is not in `taken`. */
export function ipv6SubnetOf(range: string, taken: ReadonlySet<string>): Ipv6Subnet | undefined {
  const block = parseCidr(range, 6);
  if (!block || block.prefix > 64) return undefined;
  const count = 1n << BigInt(64 - block.prefix);
  const network = networkValue(block);
  for (let i = 0n; i < count && i < 65_536n; i++) {
    const subnet = network + (i << 64n);
    const cidr = `${addressText(6, subnet)}/64`;
    if (taken.has(cidr)) continue;
    return { cidr, gateway: addressText(6, subnet + 1n), start: addressText(6, subnet + 2n), end: addressText(6, subnet + (1n << 64n) - 2n) };
  }
  return undefined;
}
