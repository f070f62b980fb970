/**
 * Every id the emulator mints, in the formats the real cloud uses (spec D.0.4, C.5). Deterministic
 * for a given seed; never returns an id that already exists (the caller supplies the check).
 */
import type { RandomSource } from "./random";

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";
const DIGITS = "0123456789";

/** Prefixes with the `<prefix>-[a-z0-9]{10}` format (validated by the Terraform provider). */
export type PrefixedIdKind = "vpc" | "subnet" | "sg" | "eip" | "bandwidth" | "port" | "rule";

export class IdGenerator {
  constructor(
    private random: RandomSource,
    private readonly isTaken: (id: string) => boolean,
  ) {}

  /** Restarts the sequence (reset with a seed gives the same ids again). */
  reseed(random: RandomSource): void {
    this.random = random;
  }

  /** `vpc-` + 10 characters of `[a-z0-9]`, etc. */
  prefixed(prefix: PrefixedIdKind | (string & {})): string {
    return this.unique(() => `${prefix}-${this.chars(LOWER_ALNUM, 10)}`);
  }

  /** Lower-case UUID, version 4 layout (8-4-4-4-12): instances, disks, images, flavors, jobs. */
  uuid(): string {
    return this.unique(() => formatUuid(this.chars(HEX, 32)));
  }

  /** 32 lower-case hex characters: `masterOrderID`, region ids. */
  hex32(): string {
    return this.unique(() => this.chars(HEX, 32));
  }

  /**
   * `masterOrderNO`: 20 digits, a `yyyyMMddHHmmss` (Beijing time) prefix as observed, then 6 random
   * digits. Order numbers are not resource ids, so the caller says which ones are taken.
   */
  orderNumber(nowMs: number, isTaken: (orderNumber: string) => boolean = this.isTaken): string {
    const beijing = new Date(nowMs + 8 * 3_600_000).toISOString().replace(/[-:T]/g, "").slice(0, 14);
    return this.unique(() => beijing + this.chars(DIGITS, 6), isTaken);
  }

  /** Raw random characters with no uniqueness check, for values that are not ids (e.g. fingerprints). */
  chars(alphabet: string, length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.random() * alphabet.length)];
    return out;
  }

  private unique(make: () => string, isTaken: (id: string) => boolean = this.isTaken): string {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const id = make();
      if (!isTaken(id)) return id;
    }
    throw new Error("IdGenerator: could not find a free id after 1000 attempts");
  }
}

function formatUuid(hex: string): string {
  // Version nibble 4 and variant bits 10xx, so the result is a well-formed v4 UUID.
  const chars = hex.split("");
  chars[12] = "4";
  chars[16] = HEX[(parseInt(chars[16]!, 16) & 0x3) | 0x8]!;
  const h = chars.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export const ID_PATTERNS = {
  prefixed: (prefix: string): RegExp => new RegExp(`^${prefix}-[a-z0-9]{10}$`),
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  hex32: /^[0-9a-f]{32}$/,
  orderNumber: /^\d{20}$/,
} as const;
