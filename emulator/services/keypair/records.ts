/** The key pair service's records (spec D.11). Only this service writes them; VMs record the bound key pair's name. */

export const KEY_PAIR_KIND = "keyPair";

export interface KeyPairRecord {
  keyPairID: string;
  keyPairName: string;
  /** Byte-for-byte as imported (spec D.0.1). */
  publicKey: string;
  fingerPrint: string;
  projectID: string;
  /** 0–255 characters (import-keypair `keyPairDescription`), "" when not given. */
  keyPairDescription: string;
}
