/**
 * The additional checksums S3 clients send with uploads (`x-amz-checksum-crc32|crc32c|sha1|sha256`,
 * in a header or as a trailer of an aws-chunked body): base64 of the big-endian digest. Computed
 * incrementally while the body streams. Other algorithms (crc64nvme) are accepted unchecked.
 */
import { createHash, type Hash } from "node:crypto";
import { crc32 } from "node:zlib";

export const CHECKSUM_ALGORITHMS = ["crc32", "crc32c", "sha1", "sha256"] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32c(data: Buffer, previous: number): number {
  let crc = ~previous >>> 0;
  for (const byte of data) crc = CRC32C_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}

export interface RunningChecksum {
  readonly algorithm: ChecksumAlgorithm;
  update(data: Buffer): void;
  /** Base64 of the digest. */
  digest(): string;
}

function crcChecksum(algorithm: ChecksumAlgorithm, step: (data: Buffer, previous: number) => number): RunningChecksum {
  let value = 0;
  return {
    algorithm,
    update: (data) => void (value = step(data, value)),
    digest: () => {
      const out = Buffer.alloc(4);
      out.writeUInt32BE(value >>> 0);
      return out.toString("base64");
    },
  };
}

function hashChecksum(algorithm: ChecksumAlgorithm, hash: Hash): RunningChecksum {
  return { algorithm, update: (data) => void hash.update(data), digest: () => hash.digest("base64") };
}

export function runningChecksum(algorithm: ChecksumAlgorithm): RunningChecksum {
  if (algorithm === "crc32") return crcChecksum(algorithm, (data, previous) => crc32(data, previous));
  if (algorithm === "crc32c") return crcChecksum(algorithm, crc32c);
  return hashChecksum(algorithm, createHash(algorithm));
}

/** The algorithm a request names (header, trailer or SDK hint), if we check it. */
export function requestedChecksum(header: (name: string) => string | undefined): ChecksumAlgorithm | undefined {
  const named = [header("x-amz-trailer"), header("x-amz-sdk-checksum-algorithm"), header("x-amz-checksum-algorithm")]
    .map((v) => v?.toLowerCase().replace(/^x-amz-checksum-/, ""))
    .find((v) => v !== undefined);
  const fromHeader = CHECKSUM_ALGORITHMS.find((a) => header(`x-amz-checksum-${a}`) !== undefined);
  const algorithm = fromHeader ?? named;
  return CHECKSUM_ALGORITHMS.find((a) => a === algorithm);
}
