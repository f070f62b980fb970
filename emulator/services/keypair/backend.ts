/**
 * Key pair rules (spec D.11): names unique per region, RSA public keys only (OpenSSH line, at most
 * 1024 characters, stored byte-for-byte), MD5 fingerprints, generated key pairs whose private key
 * is returned once and never stored, and binding a key pair to a VM (which the ECS service records).
 * Other services use this as `ctx.backend("keypair")`.
 */
import { generateKeyPairSync } from "node:crypto";
import type { EngineContext } from "../../engine/context";
import { DuplicateNameError, InvalidParameterError, NotFoundError } from "../../errors";
import { normalizeProjectId } from "../shared/rules";
import { KEY_PAIR_KIND, type KeyPairRecord } from "./records";
import { keyPairNameViolation, md5FingerprintOf, readRsaPublicKey } from "./ssh-public-key";

declare module "../../engine/backends" {
  interface Backends {
    keypair: KeyPairBackend;
  }
}

export const KEY_PAIR_DESCRIPTION_MAX = 255;

export interface NewKeyPair {
  readonly keyPairName: string;
  readonly projectID?: string | undefined;
  readonly keyPairDescription?: string | undefined;
}

export interface KeyPairQuery {
  /** Exact name. */
  readonly keyPairName?: string | undefined;
  /** Fuzzy: a case-insensitive substring of the name or the id. */
  readonly queryContent?: string | undefined;
  readonly projectID?: string | undefined;
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

export class KeyPairBackend {
  constructor(private readonly ctx: EngineContext) {}

  private get keyPairs() {
    return this.ctx.store.collection<KeyPairRecord>(KEY_PAIR_KIND);
  }

  private notFound(nameOrId: string): NotFoundError {
    return new NotFoundError(this.ctx.unknownCodes.pick("keypair-not-found"), `key pair ${nameOrId} not found`, { description: `密钥对 ${nameOrId} 不存在` });
  }

  findById(regionId: string, keyPairID: string): KeyPairRecord | undefined {
    return this.keyPairs.get(regionId, keyPairID);
  }

  /** The key pair a create-instance names (by id), or a `keypair-not-found` code. */
  requireById(regionId: string, keyPairID: string): KeyPairRecord {
    const keyPair = this.findById(regionId, keyPairID);
    if (!keyPair) throw this.notFound(keyPairID);
    return keyPair;
  }

  requireByName(regionId: string, keyPairName: string): KeyPairRecord {
    const keyPair = this.keyPairs.findOne(regionId, (k) => k.keyPairName === keyPairName);
    if (!keyPair) throw this.notFound(keyPairName);
    return keyPair;
  }

  import(regionId: string, input: NewKeyPair & { readonly publicKey: string }): KeyPairRecord {
    const parsed = readRsaPublicKey(input.publicKey);
    if (typeof parsed === "string") throw new InvalidParameterError(`publicKey ${parsed}`);
    return this.insert(regionId, input, input.publicKey, parsed.blob);
  }

  /** A fresh 2048-bit RSA key pair; only the public half is stored, the private key is returned once. */
  create(regionId: string, input: NewKeyPair): { record: KeyPairRecord; privateKey: string } {
    this.checkNew(regionId, input);
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const jwk = publicKey.export({ format: "jwk" });
    const blob = sshRsaBlob(Buffer.from(jwk.e!, "base64url"), Buffer.from(jwk.n!, "base64url"));
    const record = this.insert(regionId, input, `ssh-rsa ${blob.toString("base64")}`, blob);
    return { record, privateKey: privateKey.export({ format: "pem", type: "pkcs1" }).toString() };
  }

  find(regionId: string, query: KeyPairQuery): KeyPairRecord[] {
    const needle = query.queryContent?.toLowerCase();
    const projectID = query.projectID ? normalizeProjectId(query.projectID) : undefined;
    return this.keyPairs.find(
      regionId,
      (k) =>
        (!query.keyPairName || k.keyPairName === query.keyPairName) &&
        (!needle || k.keyPairName.toLowerCase().includes(needle) || k.keyPairID.toLowerCase().includes(needle)) &&
        (!projectID || k.projectID === projectID),
    );
  }

  /** How many VMs have the key pair bound (holders of kind `instance`). */
  boundInstanceCount(regionId: string, keyPair: KeyPairRecord): number {
    return this.ctx.dependantsOf(KEY_PAIR_KIND, regionId, keyPair.keyPairID).reduce((n, group) => n + (group.kind === "instance" ? group.holders.length : 0), 0);
  }

  /**
   * Decision (COVERAGE.md): deleting a key pair that VMs use is allowed, as on OpenStack-based
   * clouds: the key was injected at boot; the VMs keep showing its name.
   */
  delete(regionId: string, keyPairName: string): void {
    const keyPair = this.requireByName(regionId, keyPairName);
    this.keyPairs.delete(regionId, keyPair.keyPairID);
  }

  /** Binds the key pair to a Linux VM (the ECS service checks and records it). */
  attach(regionId: string, keyPairName: string, instanceID: string): void {
    const keyPair = this.requireByName(regionId, keyPairName);
    this.ctx.backend("ecs").bindKeyPair(regionId, instanceID, keyPair.keyPairName);
  }

  detach(regionId: string, keyPairName: string, instanceID: string): void {
    this.ctx.backend("ecs").unbindKeyPair(regionId, instanceID, keyPairName);
  }

  private checkNew(regionId: string, input: NewKeyPair): { projectID: string; keyPairDescription: string } {
    const problem = keyPairNameViolation(input.keyPairName);
    if (problem) throw new InvalidParameterError(`keyPairName ${problem}`);
    const keyPairDescription = input.keyPairDescription ?? "";
    if ([...keyPairDescription].length > KEY_PAIR_DESCRIPTION_MAX) throw new InvalidParameterError(`keyPairDescription must be at most ${KEY_PAIR_DESCRIPTION_MAX} characters long`);
    const projectID = normalizeProjectId(input.projectID);
    if (this.keyPairs.findOne(regionId, (k) => k.keyPairName === input.keyPairName)) {
      throw new DuplicateNameError(`a key pair named ${input.keyPairName} already exists in this region`, {
        description: `密钥对名称 ${input.keyPairName} 已存在`,
        code: this.ctx.unknownCodes.pick("keypair-name-taken"),
      });
    }
    return { projectID, keyPairDescription };
  }

  private insert(regionId: string, input: NewKeyPair, publicKey: string, blob: Buffer): KeyPairRecord {
    const { projectID, keyPairDescription } = this.checkNew(regionId, input);
    const keyPairID = this.ctx.ids.uuid();
    return this.keyPairs.insert(regionId, keyPairID, {
      keyPairID,
      keyPairName: input.keyPairName,
      publicKey,
      fingerPrint: md5FingerprintOf(blob),
      projectID,
      keyPairDescription,
    });
  }
}
