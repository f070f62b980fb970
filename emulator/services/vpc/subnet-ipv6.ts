/**
 * IPv6 for subnets: each IPv6 subnet gets the lowest free /64 of its VPC's range (a /56, so 256
 * subnets), gateway `::1`, assignable `::2` to `:ffff:ffff:ffff:fffe`. Addresses are written in
 * RFC 5952 form (lower case, longest zero run compressed).
 */

const BITS = 128n;

/** Parses an IPv6 address (no zone, no embedded IPv4) into a 128-bit number; undefined when malformed. */
export function parseIpv6(text: string): bigint | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (part: string): string[] => (part === "" ? [] : part.split(":"));
  const head = groups(halves[0] as string);
  const tail = halves.length === 2 ? groups(halves[1] as string) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  let value = 0n;
  for (const group of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  return value;
}

export function formatIpv6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt((7 - i) * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

export interface Ipv6Subnet {
  readonly cidr: string;
  readonly gateway: string;
  readonly start: string;
  readonly end: string;
}

/** The lowest /64 of `range` (an IPv6 CIDR of /64 or shorter) whose CIDR text is not in `taken`. */
export function ipv6SubnetOf(range: string, taken: ReadonlySet<string>): Ipv6Subnet | undefined {
  const [address, prefixText] = range.split("/");
  const base = address === undefined ? undefined : parseIpv6(address);
  const prefix = Number(prefixText);
  if (base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 64) return undefined;
  const count = 1n << BigInt(64 - prefix);
  const network = (base >> (BITS - BigInt(prefix))) << (BITS - BigInt(prefix));
  for (let i = 0n; i < count && i < 65_536n; i++) {
    const subnet = network + (i << 64n);
    const cidr = `${formatIpv6(subnet)}/64`;
    if (taken.has(cidr)) continue;
    return { cidr, gateway: formatIpv6(subnet + 1n), start: formatIpv6(subnet + 2n), end: formatIpv6(subnet + (1n << 64n) - 2n) };
  }
  return undefined;
}
