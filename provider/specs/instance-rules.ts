/**
 * CTyun ECS input rules (spec D.7, D.11 and the API docs they cite): the password policy, host
 * names, key pair names and RSA public keys. Pure functions returning the broken rule (or
 * undefined), shared by the Instance/KeyPair checks and the emulator, so the provider refuses in
 * `pulumi preview` exactly what the cloud would refuse. A reason never contains the checked value.
 */
import { createHash } from "node:crypto";

export type OsKind = "linux" | "windows";

/** The special characters CTyun passwords may contain (spec D.7); any other character is refused. */
export const PASSWORD_SPECIALS = "()`~!@#$%^&*_-+=|{}[]:;'<>,.?/\\";

const PASSWORD_CLASSES: ReadonlyArray<(c: string) => boolean> = [
  (c) => c >= "A" && c <= "Z",
  (c) => c >= "a" && c <= "z",
  (c) => c >= "0" && c <= "9",
  (c) => PASSWORD_SPECIALS.includes(c),
];

/** Three characters in a row, each one code point above the last (`abc`, `XYZ`, `123`), letters case-insensitively. */
export function hasAscendingRun(text: string): boolean {
  const chars = [...text.toLowerCase()];
  const kind = (c: string): "letter" | "digit" | undefined => (c >= "a" && c <= "z" ? "letter" : c >= "0" && c <= "9" ? "digit" : undefined);
  for (let i = 0; i + 2 < chars.length; i++) {
    const [a, b, c] = [chars[i]!, chars[i + 1]!, chars[i + 2]!];
    const k = kind(a);
    if (k === undefined || kind(b) !== k || kind(c) !== k) continue;
    if (b.charCodeAt(0) === a.charCodeAt(0) + 1 && c.charCodeAt(0) === b.charCodeAt(0) + 1) return true;
  }
  return false;
}

/** The image user a password is set for: Linux `root` (default) or `ecs-user`, Windows `administrator`. */
export type ImageUser = "root" | "ecs-user" | "administrator";

/** Spellings a password must not contain for each image user, compared case-insensitively. */
const USER_NAME_FORMS: Readonly<Record<ImageUser, readonly string[]>> = {
  root: ["root", "toor"],
  "ecs-user": ["ecs-user", "resu-sce"],
  administrator: ["administrator"],
};

/**
 * The CTyun password policy: 8–30 characters; at least three of upper-case, lower-case, digits and
 * specials; only those characters; not starting with `/`; no three ascending characters in a row.
 * With the image user known, the password must also not contain the user name (or, on Linux, its
 * reverse) in any letter case: `root`/`toor`, `ecs-user`/`resu-sce`, Windows `administrator`.
 */
export function passwordProblem(password: string, user?: ImageUser): string | undefined {
  const chars = [...password];
  if (chars.length < 8 || chars.length > 30) return "must be 8-30 characters long";
  if (!chars.every((c) => PASSWORD_CLASSES.some((isIn) => isIn(c)))) {
    return `may contain only letters, digits and the special characters ${PASSWORD_SPECIALS}`;
  }
  if (password.startsWith("/")) return "must not start with /";
  const classes = PASSWORD_CLASSES.filter((isIn) => chars.some(isIn)).length;
  if (classes < 3) return "must contain at least three of: upper-case letters, lower-case letters, digits, special characters";
  if (hasAscendingRun(password)) return "must not contain three consecutive ascending characters such as abc or 123";
  const lower = password.toLowerCase();
  if (user !== undefined && USER_NAME_FORMS[user].some((form) => lower.includes(form))) {
    return `must not contain the image's user name ${USER_NAME_FORMS[user].join(" or ")}, in any letter case`;
  }
  return undefined;
}

/** The default user of an image's OS (a Linux password is set for `root` unless told otherwise). */
export function defaultImageUser(os: OsKind): ImageUser {
  return os === "windows" ? "administrator" : "root";
}

/**
 * An instance host name (`instanceName`, create-instance doc): Linux 2–64 characters of letters,
 * digits, `-` and `.`; Windows 2–15 characters without `.`. Never starting or ending with `-` or
 * `.`, never two of them in a row, and not made of digits only (at least one letter).
 */
export function hostnameProblem(name: string, os?: OsKind): string | undefined {
  const windows = os === "windows";
  const max = windows ? 15 : 64;
  const length = Buffer.byteLength(name, "utf8");
  if (length < 2 || length > max) return windows ? "must be 2-15 characters long for a Windows image" : "must be 2-64 characters long";
  if (!(windows ? /^[a-zA-Z0-9-]+$/ : /^[a-zA-Z0-9.-]+$/).test(name)) {
    return windows ? "may contain only letters, digits and '-' for a Windows image" : "may contain only letters, digits, '-' and '.'";
  }
  if (/^[.-]|[.-]$/.test(name)) return "must not start or end with '-' or '.'";
  if (/[.-]{2}/.test(name)) return "must not contain '-' or '.' twice in a row";
  if (!/[a-zA-Z]/.test(name)) return "must contain at least one letter";
  return undefined;
}

const KEY_PAIR_NAME = /^[a-zA-Z][a-zA-Z0-9-]*[a-zA-Z0-9]$/;

/** A key pair name: 2–63 characters, a letter first, then letters, digits and `-`, not ending with `-`. */
export function keyPairNameProblem(name: string): string | undefined {
  const length = [...name].length;
  if (length < 2 || length > 63) return "must be 2-63 characters long";
  if (!KEY_PAIR_NAME.test(name)) return "must start with a letter, contain only letters, digits and '-', and not end with '-'";
  return undefined;
}

export const PUBLIC_KEY_MAX_LENGTH = 1024;

export interface RsaPublicKey {
  /** The decoded key blob (what the fingerprint is computed over). */
  readonly blob: Buffer;
  /** Modulus size in bits. */
  readonly bits: number;
}

/** Reads one SSH wire-format string (uint32 length + bytes) at `offset`. */
function sshString(blob: Buffer, offset: number): { value: Buffer; next: number } | undefined {
  if (offset + 4 > blob.length) return undefined;
  const length = blob.readUInt32BE(offset);
  const end = offset + 4 + length;
  if (end > blob.length) return undefined;
  return { value: blob.subarray(offset + 4, end), next: end };
}

function bitLength(mpint: Buffer): number {
  let i = 0;
  while (i < mpint.length && mpint[i] === 0) i++;
  if (i === mpint.length) return 0;
  return (mpint.length - i - 1) * 8 + (32 - Math.clz32(mpint[i]!));
}

/**
 * An OpenSSH RSA public key line, `ssh-rsa <base64 blob> [comment]`, at most 1024 characters (the
 * API refuses longer keys and any other key type). Returns the parsed key or the broken rule.
 */
export function parseRsaPublicKey(text: string): RsaPublicKey | string {
  if (text.length === 0) return "must not be empty";
  if ([...text].length > PUBLIC_KEY_MAX_LENGTH) return `must be at most ${PUBLIC_KEY_MAX_LENGTH} characters long`;
  if (/[\r\n]/.test(text.trimEnd())) return "must be a single line";
  const match = /^((?:ssh|ecdsa|sk)-[a-z0-9@.-]+) ([A-Za-z0-9+/]+={0,2})(?: .*)?\s*$/.exec(text);
  if (!match) return "must be an OpenSSH public key line: ssh-rsa <base64 key> [comment]";
  if (match[1] !== "ssh-rsa") return `must be an RSA key (ssh-rsa); ${match[1]!.slice(0, 40)} keys are not supported`;
  const encoded = match[2]!;
  const blob = Buffer.from(encoded, "base64");
  if (blob.toString("base64") !== encoded) return "has a malformed base64 key";
  const type = sshString(blob, 0);
  const exponent = type && sshString(blob, type.next);
  const modulus = exponent && sshString(blob, exponent.next);
  if (!type || !exponent || !modulus || modulus.next !== blob.length || type.value.toString("latin1") !== "ssh-rsa") {
    return "has a key blob that is not a well-formed ssh-rsa key";
  }
  const bits = bitLength(modulus.value);
  if (bits < 1024) return `must be an RSA key of at least 1024 bits (this one has ${bits})`;
  return { blob, bits };
}

/** The MD5 fingerprint CTyun reports (`fingerPrint`): lower-case hex pairs joined by `:`. */
export function md5Fingerprint(blob: Buffer): string {
  return createHash("md5").update(blob).digest("hex").match(/../g)!.join(":");
}

/** True when `text` is canonical base64 (what `userData` must be). */
export function isBase64(text: string): boolean {
  return /^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.length % 4 === 0 && Buffer.from(text, "base64").toString("base64") === text;
}
