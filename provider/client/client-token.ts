/**
 * The `clientToken` CTyun's creates and orders take for idempotency (`客户端存根`): minted here
 * only, from the injectable id source, so tests see every token and none is made anywhere else;
 * and fingerprints of what a token was used with.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json";
import type { RuntimeDeps } from "./deps";

export function mintClientToken(deps: Pick<RuntimeDeps, "uuid">): string {
  return deps.uuid();
}

/** sha256 of the token and the values' canonical JSON: equal for equal values, opaque otherwise. */
export function tokenFingerprint(token: string, values: unknown): string {
  return createHash("sha256").update(token).update("\u0000").update(canonicalJson(values)).digest("hex");
}
