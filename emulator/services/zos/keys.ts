/**
 * The account's ZOS (S3) key pair: what `GET /v4/oss/get-keys` answers and what the data plane
 * (s3/) verifies signatures with. Derived from the account id, so it is stable across restarts.
 * Not the EOP keys: ZOS keys are their own pair (TF `business/zos_service.go` fetches them).
 */
import { createHash } from "node:crypto";
import { ACCOUNT } from "./records";

function derive(kind: "access" | "secret", length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  const digest = createHash("sha256").update(`zos/${kind}/${ACCOUNT.ID}`).digest();
  return [...digest, ...createHash("sha256").update(digest).digest()].slice(0, length).map((b) => alphabet[b % alphabet.length]).join("");
}

export function zosKeyPair(): { accessKey: string; secretKey: string } {
  return { accessKey: derive("access", 20), secretKey: derive("secret", 40) };
}
