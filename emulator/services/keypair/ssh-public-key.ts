/**
 * Key pair inputs as the import-keypair API doc states them (spec D.11): the name rule, one OpenSSH
 * `ssh-rsa` public key line of at most 1024 characters, and the MD5 fingerprint CTyun reports (what
 * `ssh-keygen -l -E md5` prints). RSA keys are read from their SSH wire blob (RFC 4253 §6.6).
 */
import { createHash } from "node:crypto";

/** 2–63 characters: a letter, then letters, digits and `-`, not ending with `-`. */
export function keyPairNameViolation(name: string): string | undefined {
  const length = [...name].length;
  if (length < 2 || length > 63) return "must be 2-63 characters long";
  const first = name[0] ?? "";
  const last = name[name.length - 1] ?? "";
  if (!/^[A-Za-z]$/.test(first) || !/^[A-Za-z0-9-]+$/.test(name) || last === "-") {
    return "must start with a letter, contain only letters, digits and '-', and not end with '-'";
  }
  return undefined;
}

export const MAX_PUBLIC_KEY_CHARACTERS = 1024;

export interface ParsedRsaKey {
  /** The decoded key blob, which the fingerprint covers. */
  readonly blob: Buffer;
  readonly modulusBits: number;
}

/** Splits an SSH wire blob into its length-prefixed fields; undefined when a length overruns. */
function wireFields(blob: Buffer): Buffer[] | undefined {
  const fields: Buffer[] = [];
  let at = 0;
  while (at < blob.length) {
    if (at + 4 > blob.length) return undefined;
    const size = blob.readUInt32BE(at);
    if (at + 4 + size > blob.length) return undefined;
    fields.push(blob.subarray(at + 4, at + 4 + size));
    at += 4 + size;
  }
  return fields;
}

/** Bits of a big-endian unsigned integer, leading zero bytes (mpint sign padding) ignored. */
function significantBits(bytes: Buffer): number {
  const start = bytes.findIndex((byte) => byte !== 0);
  if (start < 0) return 0;
  return (bytes.length - start) * 8 - (Math.clz32(bytes[start]!) - 24);
}

/** The parsed key, or the rule the text breaks. */
export function readRsaPublicKey(text: string): ParsedRsaKey | string {
  if (text === "") return "must not be empty";
  if ([...text].length > MAX_PUBLIC_KEY_CHARACTERS) return `must be at most ${MAX_PUBLIC_KEY_CHARACTERS} characters long`;
  if (/[\r\n]/.test(text.trimEnd())) return "must be a single line";
  const line = /^((?:ssh|ecdsa|sk)-[a-z0-9@.-]+) ([A-Za-z0-9+/]+={0,2})(?: .*)?\s*$/.exec(text);
  if (!line) return "must be an OpenSSH public key line: ssh-rsa <base64 key> [comment]";
  const [, keyType, encoded] = line as unknown as [string, string, string];
  if (keyType !== "ssh-rsa") return `must be an RSA key (ssh-rsa); ${keyType.slice(0, 40)} keys are not supported`;
  const blob = Buffer.from(encoded, "base64");
  if (blob.toString("base64") !== encoded) return "has a malformed base64 key";
  // ssh-rsa blob: string "ssh-rsa", mpint e, mpint n — exactly three fields.
  const fields = wireFields(blob);
  if (!fields || fields.length !== 3 || fields[0]!.toString("latin1") !== "ssh-rsa") return "has a key blob that is not a well-formed ssh-rsa key";
  const modulusBits = significantBits(fields[2]!);
  if (modulusBits < 1024) return `must be an RSA key of at least 1024 bits (this one has ${modulusBits})`;
  return { blob, modulusBits };
}

/** `aa:bb:…`: the MD5 of the key blob as lower-case hex pairs. */
export function md5FingerprintOf(blob: Buffer): string {
  const hex = createHash("md5").update(blob).digest("hex");
  return Array.from({ length: hex.length / 2 }, (_, i) => hex.slice(2 * i, 2 * i + 2)).join(":");
}
