/**
 * Public IPv4 address pools the emulated EIPs are allocated from: a few blocks per region of
 * China Telecom address space (plausible, not CTyun's real assignments; COVERAGE.md → Decisions).
 * Allocation is deterministic: the lowest free address, skipping each /24's `.0` and `.255`.
 */
import { addressText, blockSize, networkValue, parseCidr } from "../shared/ip";
import { REGION_HUABEI2, REGION_HUADONG1, REGION_XINAN1 } from "../catalog/records";

export const EIP_POOLS: Readonly<Record<string, readonly string[]>> = {
  /** 华东1 (Nanjing): Jiangsu Telecom blocks. */
  [REGION_HUADONG1]: ["180.101.64.0/22", "61.160.112.0/23"],
  /** 华北2 (Tianjin): Tianjin Telecom block. */
  [REGION_HUABEI2]: ["42.81.160.0/22"],
  /** 西南1: Sichuan Telecom block. */
  [REGION_XINAN1]: ["118.122.36.0/23"],
};

/** For regions without a block of their own (none in the seeded catalog). */
export const FALLBACK_POOL: readonly string[] = ["101.89.240.0/22"];

export function poolOf(regionId: string): readonly string[] {
  return EIP_POOLS[regionId] ?? FALLBACK_POOL;
}

/** Every assignable address of the blocks, in order. */
function* addressesOf(blocks: readonly string[]): Generator<string> {
  for (const text of blocks) {
    const block = parseCidr(text, 4)!;
    const first = networkValue(block);
    for (let n = first; n < first + blockSize(block); n++) {
      const last = n % 256n;
      if (last !== 0n && last !== 255n) yield addressText(4, n);
    }
  }
}

/** The lowest address of the region's pool that `taken` does not hold, or undefined when exhausted. */
export function allocatePublicAddress(regionId: string, taken: ReadonlySet<string>): string | undefined {
  for (const address of addressesOf(poolOf(regionId))) if (!taken.has(address)) return address;
  return undefined;
}

