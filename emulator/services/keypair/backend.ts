/**
 * Key pair rules (spec D.11): names unique per region, RSA public keys only (OpenSSH line, at most
 * 1024 characters, stored byte-for-byte), MD5 fingerprints, generated key pairs whose private key
 * is returned once and never stored, and binding a key pair to a Linux VM.
 */
import { generateKeyPairSync } from "node:crypto";
import { DuplicateNameError, InvalidParameterError, NotFoundError } from "../../errors";
import { keyPairNameViolation, md5FingerprintOf, readRsaPublicKey } from "./ssh-public-key";
import { KIND, type KeyPairRecord } from "../shared/records";
import { normalizeProjectId } from "../shared/rules";
import type { OperationContext } from "../types";
import { OS_TYPE_CODE, requireInstance, requireStatus, touch } from "../ecs/backend";

/** Decision (COVERAGE.md): attach/detach need a VM that is running or stopped. */
export const KEY_PAIR_BINDABLE_STATUSES: readonly string[] = ["running", "stopped"];
export const KEY_PAIR_DESCRIPTION_MAX = 255;

const keyPairs = (ctx: OperationContext) => ctx.store.collection<KeyPairRecord>(KIND.keyPair);

export function keyPairNotFound(ctx: OperationContext, name: string): NotFoundError {
  return new NotFoundError(ctx.unknownCodes.pick("keypair-not-found"), `key pair ${name} not found`, { description: `密钥对 ${name} 不存在` });
}

export function requireKeyPairByName(ctx: OperationContext, regionId: string, keyPairName: string): KeyPairRecord {
  const keyPair = keyPairs(ctx).findOne(regionId, (k) => k.keyPairName === keyPairName);
  if (!keyPair) throw keyPairNotFound(ctx, keyPairName);
  return keyPair;
}

export interface NewKeyPair {
  readonly keyPairName: string;
  readonly projectID?: string | undefined;
  readonly keyPairDescription?: string | undefined;
}

function checkNew(ctx: OperationContext, regionId: string, input: NewKeyPair): { projectID: string; keyPairDescription: string } {
  const problem = keyPairNameViolation(input.keyPairName);
  if (problem) throw new InvalidParameterError(`keyPairName ${problem}`);
  const keyPairDescription = input.keyPairDescription ?? "";
  if ([...keyPairDescription].length > KEY_PAIR_DESCRIPTION_MAX) throw new InvalidParameterError(`keyPairDescription must be at most ${KEY_PAIR_DESCRIPTION_MAX} characters long`);
  const projectID = normalizeProjectId(input.projectID);
  if (keyPairs(ctx).findOne(regionId, (k) => k.keyPairName === input.keyPairName)) {
    throw new DuplicateNameError(`a key pair named ${input.keyPairName} already exists in this region`, { description: `密钥对名称 ${input.keyPairName} 已存在`, code: ctx.unknownCodes.pick("keypair-name-taken") });
  }
  return { projectID, keyPairDescription };
}

function insert(ctx: OperationContext, regionId: string, input: NewKeyPair, publicKey: string, blob: Buffer): KeyPairRecord {
  const { projectID, keyPairDescription } = checkNew(ctx, regionId, input);
  const keyPairID = ctx.ids.uuid();
  return keyPairs(ctx).insert(regionId, keyPairID, {
    keyPairID,
    keyPairName: input.keyPairName,
    publicKey,
    fingerPrint: md5FingerprintOf(blob),
    projectID,
    keyPairDescription,
  });
}

export function importKeyPair(ctx: OperationContext, regionId: string, input: NewKeyPair & { readonly publicKey: string }): KeyPairRecord {
  const parsed = readRsaPublicKey(input.publicKey);
  if (typeof parsed === "string") throw new InvalidParameterError(`publicKey ${parsed}`);
  return insert(ctx, regionId, input, input.publicKey, parsed.blob);
}

/** SSH wire encoding of an RSA public key: string "ssh-rsa", mpint e, mpint n (RFC 4253 §6.6). */
function sshRsaBlob(e: Buffer, n: Buffer): Buffer {
  const sshString = (value: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(value.length, 0);
    return Buffer.concat([length, value]);
  };
  // A positive mpint gets a leading zero byte when its top bit is set.
  const mpint = (value: Buffer): Buffer => (value[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value);
  return Buffer.concat([sshString(Buffer.from("ssh-rsa")), sshString(mpint(e)), sshString(mpint(n))]);
}

/** A fresh 2048-bit RSA key pair; only the public half is stored, the private key is returned once. */
export function createKeyPair(ctx: OperationContext, regionId: string, input: NewKeyPair): { record: KeyPairRecord; privateKey: string } {
  checkNew(ctx, regionId, input);
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = publicKey.export({ format: "jwk" });
  const blob = sshRsaBlob(Buffer.from(jwk.e!, "base64url"), Buffer.from(jwk.n!, "base64url"));
  const line = `ssh-rsa ${blob.toString("base64")}`;
  const record = insert(ctx, regionId, input, line, blob);
  return { record, privateKey: privateKey.export({ format: "pem", type: "pkcs1" }).toString() };
}

export interface KeyPairQuery {
  /** Exact name. */
  readonly keyPairName?: string | undefined;
  /** Fuzzy: a case-insensitive substring of the name or the id. */
  readonly queryContent?: string | undefined;
  readonly projectID?: string | undefined;
}

export function findKeyPairs(ctx: OperationContext, regionId: string, query: KeyPairQuery): KeyPairRecord[] {
  const needle = query.queryContent?.toLowerCase();
  const projectID = query.projectID ? normalizeProjectId(query.projectID) : undefined;
  return keyPairs(ctx).find(
    regionId,
    (k) =>
      (!query.keyPairName || k.keyPairName === query.keyPairName) &&
      (!needle || k.keyPairName.toLowerCase().includes(needle) || k.keyPairID.toLowerCase().includes(needle)) &&
      (!projectID || k.projectID === projectID),
  );
}

/**
 * Decision (COVERAGE.md): deleting a key pair that VMs use is allowed, as on OpenStack-based
 * clouds: the key was injected at boot; the VMs keep showing its name.
 */
export function deleteKeyPair(ctx: OperationContext, regionId: string, keyPairName: string): void {
  const keyPair = requireKeyPairByName(ctx, regionId, keyPairName);
  keyPairs(ctx).delete(regionId, keyPair.keyPairID);
}

/** Binds the key pair to a Linux VM; one it already has is replaced (API doc). */
export function attachKeyPair(ctx: OperationContext, regionId: string, keyPairName: string, instanceID: string): void {
  const keyPair = requireKeyPairByName(ctx, regionId, keyPairName);
  const instance = requireInstance(ctx, regionId, instanceID);
  if (instance.osType === OS_TYPE_CODE.windows) throw new InvalidParameterError(`instance ${instanceID} runs Windows, which does not support key pairs`);
  requireStatus(instance, KEY_PAIR_BINDABLE_STATUSES);
  touch(ctx, regionId, instanceID, { keypairName: keyPair.keyPairName });
}

export function detachKeyPair(ctx: OperationContext, regionId: string, keyPairName: string, instanceID: string): void {
  const instance = requireInstance(ctx, regionId, instanceID);
  requireStatus(instance, KEY_PAIR_BINDABLE_STATUSES);
  if (instance.keypairName !== keyPairName) {
    throw new InvalidParameterError(`key pair ${keyPairName} is not bound to instance ${instanceID}${instance.keypairName ? ` (it has ${instance.keypairName})` : ""}`);
  }
  touch(ctx, regionId, instanceID, { keypairName: "" });
}
