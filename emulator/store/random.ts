/**
 * Random sources. A seed makes every id and every probabilistic fault reproducible (moto's
 * MotoRandom idea); without one we use the OS generator.
 */
import { createHash, randomBytes } from "node:crypto";

/** Returns uniformly distributed floats in [0, 1). */
export type RandomSource = () => number;

/** sfc32, a small fast PRNG with a 128-bit state; seeded from SHA-256 of the seed text. */
export function seededRandom(seed: string | number, stream = ""): RandomSource {
  const digest = createHash("sha256").update(`${String(seed)}\u0000${stream}`).digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // discard the first outputs, as the sfc32 authors advise
  return next;
}

export function systemRandom(): RandomSource {
  return () => randomBytes(4).readUInt32LE(0) / 4294967296;
}

export function randomSource(seed: string | number | undefined, stream: string): RandomSource {
  return seed === undefined ? systemRandom() : seededRandom(seed, stream);
}
