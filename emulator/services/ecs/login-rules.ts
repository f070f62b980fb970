/**
 * What ECS checks about a VM's login and naming inputs, from the create-instance and reset-password API
 * docs (spec D.7; the same rules are quoted in py ctyunsdk_ecs20220909/models/v4_ecs_create_instance.py
 * field comments): the password policy, host names and user data. Each check returns the rule that is
 * broken (never the checked value) or undefined.
 */
import { createHash } from "node:crypto";
import type { IdGenerator } from "../../store/ids";

export type OsKind = "linux" | "windows";

/** `linux` or `windows` from CTyun's integer `osType` (2 = Windows). */
export function osKindOf(osType: number): OsKind {
  return osType === 2 ? "windows" : "linux";
}

/** Salted SHA-256; the password itself is never stored (the record only proves a reset happened). */
export function hashPassword(ids: IdGenerator, password: string): string {
  const salt = ids.chars("0123456789abcdef", 16);
  return `sha256$${salt}$${createHash("sha256").update(salt).update(password).digest("hex")}`;
}

/** Who a password is set for: Linux `root` (default) or `ecs-user`, Windows `administrator`. */
export type ImageUser = "root" | "ecs-user" | "administrator";

/** Special characters a password may contain; anything outside letters, digits and these is refused. */
export const PASSWORD_SPECIAL_CHARACTERS = "()`~!@#$%^&*_-+=|{}[]:;'<>,.?/\\";

/** The character classes of the policy, in the order the docs list them. */
const CHARACTER_CLASSES: ReadonlyArray<(c: string) => boolean> = [
  (c) => /^[A-Z]$/.test(c),
  (c) => /^[a-z]$/.test(c),
  (c) => /^[0-9]$/.test(c),
  (c) => PASSWORD_SPECIAL_CHARACTERS.includes(c),
];

/** Forms of each user name a password must not contain (any letter case). */
const FORBIDDEN_USER_FORMS: Readonly<Record<ImageUser, readonly string[]>> = {
  root: ["root", "toor"],
  "ecs-user": ["ecs-user", "resu-sce"],
  administrator: ["administrator"],
};

/** "No three consecutive characters": a run like `abc`, `XyZ` or `789` (letters compared in one case). */
function hasRunOfThree(text: string): boolean {
  const codes = [...text.toLowerCase()].map((c) => c.codePointAt(0)!);
  const sameKind = (a: number, b: number): boolean => {
    const letter = (x: number) => x >= 0x61 && x <= 0x7a;
    const digit = (x: number) => x >= 0x30 && x <= 0x39;
    return (letter(a) && letter(b)) || (digit(a) && digit(b));
  };
  for (let i = 2; i < codes.length; i++) {
    const [a, b, c] = [codes[i - 2]!, codes[i - 1]!, codes[i]!];
    if (sameKind(a, b) && sameKind(b, c) && b - a === 1 && c - b === 1) return true;
  }
  return false;
}

export function passwordViolation(password: string, user?: ImageUser): string | undefined {
  const characters = [...password];
  if (characters.length < 8 || characters.length > 30) return "must be 8-30 characters long";
  if (characters.some((c) => !CHARACTER_CLASSES.some((inClass) => inClass(c)))) {
    return `may contain only letters, digits and the special characters ${PASSWORD_SPECIAL_CHARACTERS}`;
  }
  if (password.startsWith("/")) return "must not start with /";
  if (CHARACTER_CLASSES.filter((inClass) => characters.some(inClass)).length < 3) {
    return "must contain at least three of: upper-case letters, lower-case letters, digits, special characters";
  }
  if (hasRunOfThree(password)) return "must not contain three consecutive ascending characters such as abc or 123";
  if (user !== undefined) {
    const forms = FORBIDDEN_USER_FORMS[user];
    if (forms.some((form) => password.toLowerCase().includes(form))) return `must not contain the image's user name ${forms.join(" or ")}, in any letter case`;
  }
  return undefined;
}

export function defaultUserOf(os: OsKind): ImageUser {
  return os === "linux" ? "root" : "administrator";
}

/**
 * `instanceName` (the host name): Linux 2–64 of letters, digits, `-`, `.`; Windows 2–15 without `.`;
 * no leading, trailing or doubled `-`/`.`; not digits only.
 */
export function hostNameViolation(name: string, os?: OsKind): string | undefined {
  const isWindows = os === "windows";
  const bytes = Buffer.byteLength(name, "utf8");
  if (isWindows && (bytes < 2 || bytes > 15)) return "must be 2-15 characters long for a Windows image";
  if (!isWindows && (bytes < 2 || bytes > 64)) return "must be 2-64 characters long";
  const allowed = isWindows ? /^[A-Za-z0-9-]*$/ : /^[A-Za-z0-9.-]*$/;
  if (!allowed.test(name)) return isWindows ? "may contain only letters, digits and '-' for a Windows image" : "may contain only letters, digits, '-' and '.'";
  const separator = (c: string | undefined) => c === "-" || c === ".";
  if (separator(name[0]) || separator(name[name.length - 1])) return "must not start or end with '-' or '.'";
  for (let i = 1; i < name.length; i++) if (separator(name[i - 1]) && separator(name[i])) return "must not contain '-' or '.' twice in a row";
  if (!/[A-Za-z]/.test(name)) return "must contain at least one letter";
  return undefined;
}

/** `userData` must be canonical base64 (decoding and re-encoding gives the same text). */
export function isCanonicalBase64(text: string): boolean {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(?:={1,2})?$/.test(text)) return false;
  return Buffer.from(text, "base64").toString("base64") === text;
}
