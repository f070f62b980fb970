/**
 * ZOS parameter rules (spec D.10 and the create-bucket doc comment): bucket names, tag sets, ACL
 * grants. Each failure throws with a message naming the field and the rule.
 */
import { InvalidParameterError } from "../../errors";
import {
  ACCOUNT,
  ALL_USERS_URI,
  GROUP_URIS,
  MAX_TAG_KEY_LENGTH,
  MAX_TAG_VALUE_LENGTH,
  MAX_TAGS,
  ZOS_ERRORS,
  type BucketAclGrant,
  type CannedAcl,
} from "./records";

const IPV4_LIKE = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * The create-bucket doc: 3–63 characters of letters, digits, `.` and `-`; no `..`, `.-` or `-.`;
 * no leading or trailing `.`/`-`; not an IP address. Decision (COVERAGE.md): lower-case only, as
 * S3-compatible stores require (the doc's "大小写字母" would make virtual-hosted URLs ambiguous).
 */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `must be 3-63 characters long (got ${name.length})`;
  if (/[A-Z]/.test(name)) return "must not contain upper-case letters";
  if (!/^[a-z0-9.-]+$/.test(name)) return "may contain only lower-case letters, digits, '.' and '-'";
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return "must start and end with a letter or digit";
  if (/\.\.|\.-|-\./.test(name)) return "must not contain '..', '.-' or '-.'";
  if (IPV4_LIKE.test(name)) return "must not be formatted as an IP address";
  return undefined;
}

export function requireBucketName(name: string): string {
  const problem = bucketNameProblem(name);
  if (problem) throw new InvalidParameterError(`bucket ${problem}`, { code: ZOS_ERRORS.invalidBucketName });
  return name;
}

export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** 1–10 tags, keys 1–128 and values 0–256 characters, keys unique. */
export function requireTagSet(field: string, tags: readonly Tag[]): Array<{ key: string; value: string }> {
  if (tags.length === 0) throw new InvalidParameterError(`${field} must hold 1-${MAX_TAGS} tags (remove all tags with delete-bucket-tagging)`);
  if (tags.length > MAX_TAGS) throw new InvalidParameterError(`${field} holds ${tags.length} tags; at most ${MAX_TAGS} are allowed`);
  const seen = new Set<string>();
  for (const { key, value } of tags) {
    const keyLength = [...key].length;
    if (keyLength < 1 || keyLength > MAX_TAG_KEY_LENGTH) throw new InvalidParameterError(`${field}: tag keys must be 1-${MAX_TAG_KEY_LENGTH} characters long`);
    if ([...value].length > MAX_TAG_VALUE_LENGTH) throw new InvalidParameterError(`${field}: tag values must be at most ${MAX_TAG_VALUE_LENGTH} characters long`);
    if (seen.has(key)) throw new InvalidParameterError(`${field}: tag key ${key} appears twice`);
    seen.add(key);
  }
  return tags.map(({ key, value }) => ({ key, value }));
}

const owner = (): BucketAclGrant => ({
  grantee: { type: "CanonicalUser", ID: ACCOUNT.ID, displayName: ACCOUNT.displayName, URI: null },
  permission: "FULL_CONTROL",
});
const allUsers = (permission: "READ" | "WRITE"): BucketAclGrant => ({ grantee: { type: "Group", URI: ALL_USERS_URI }, permission });

/** The grants a canned ACL stands for (S3 semantics): the owner's FULL_CONTROL plus AllUsers READ/WRITE. */
export function cannedGrants(acl: string): BucketAclGrant[] {
  if (acl === "public-read") return [owner(), allUsers("READ")];
  if (acl === "public-read-write") return [owner(), allUsers("READ"), allUsers("WRITE")];
  return [owner()];
}

/** The canned ACL a grant list amounts to, read the way the TF provider reads it (`utils.ParseAcl`). */
export function cannedAclOf(grants: readonly BucketAclGrant[]): CannedAcl {
  const toAll = new Set(grants.filter((g) => g.grantee.URI === ALL_USERS_URI).map((g) => g.permission));
  if (toAll.has("FULL_CONTROL") || (toAll.has("READ") && toAll.has("WRITE"))) return "public-read-write";
  return toAll.has("READ") ? "public-read" : "private";
}

export interface GrantInput {
  readonly grantee: { readonly type: string; readonly ID?: string | undefined; readonly displayName?: string | undefined; readonly emailAddress?: string | undefined; readonly URI?: string | null | undefined };
  readonly permission: BucketAclGrant["permission"];
}

/**
 * put-bucket-acl `accessControlPolicy.grants`: `CanonicalUser` needs `ID`, `Group` a known group `URI`,
 * `AmazonCustomerByEmail` an `emailAddress` (stored as the CanonicalUser it names; the emulator knows
 * one user, the account itself, whose email is `<displayName>@emulator.ctyun`).
 */
export function requireGrants(grants: readonly GrantInput[]): BucketAclGrant[] {
  return grants.map((grant, index) => {
    const where = `accessControlPolicy.grants.${index}.grantee`;
    const { type, ID, displayName, emailAddress, URI } = grant.grantee;
    if (type === "CanonicalUser") {
      if (!ID) throw new InvalidParameterError(`${where}.ID is required for type CanonicalUser`);
      return { grantee: { type, ID, ...(displayName ? { displayName } : {}), URI: null }, permission: grant.permission };
    }
    if (type === "Group") {
      if (!URI || !GROUP_URIS.includes(URI)) throw new InvalidParameterError(`${where}.URI must be one of ${GROUP_URIS.join(", ")}`);
      return { grantee: { type, URI }, permission: grant.permission };
    }
    if (type === "AmazonCustomerByEmail") {
      if (!emailAddress) throw new InvalidParameterError(`${where}.emailAddress is required for type AmazonCustomerByEmail`);
      if (emailAddress !== `${ACCOUNT.displayName}@emulator.ctyun`) throw new InvalidParameterError(`${where}.emailAddress ${emailAddress} is not a known user`);
      return { grantee: { type: "CanonicalUser", ID: ACCOUNT.ID, displayName: ACCOUNT.displayName, URI: null }, permission: grant.permission };
    }
    throw new InvalidParameterError(`${where}.type must be CanonicalUser, AmazonCustomerByEmail or Group`);
  });
}
