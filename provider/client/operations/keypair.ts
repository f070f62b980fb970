/** Key pair operations (ctecs host, spec D.11). All synchronous. */
import { z } from "zod";
import { defineOperation } from "../operation";

const projectID = z.string().optional();

/**
 * Repeating an import can never create a second key pair (names are unique per region): a repeat
 * is refused (the name is taken: no official source states the code), and the KeyPair handler then
 * reads the key pair and compares its stored public key.
 */
export const ImportKeyPair = defineOperation({
  name: "ImportKeyPair",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/keypair/import-keypair",
  input: z.object({ regionID: z.string(), keyPairName: z.string(), publicKey: z.string(), projectID }),
  output: z.looseObject({ keyPairName: z.string(), publicKey: z.string().nullish(), fingerPrint: z.string().nullish() }),
  idempotent: true,
});

export const keyPairRecord = z.looseObject({
  keyPairID: z.string(),
  keyPairName: z.string(),
  publicKey: z.string(),
  fingerPrint: z.string(),
  projectID: z.string().nullish(),
});
export type KeyPairInfo = z.output<typeof keyPairRecord>;

/** `keyPairName` is an exact match, `queryContent` a fuzzy one on name or id. */
export const DescribeKeyPairs = defineOperation({
  name: "DescribeKeyPairs",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/keypair/details",
  input: z.object({
    regionID: z.string(),
    keyPairName: z.string().optional(),
    queryContent: z.string().optional(),
    projectID,
    pageNo: z.number().int().optional(),
    pageSize: z.number().int().optional(),
  }),
  output: z.looseObject({
    currentCount: z.number().int(),
    totalCount: z.number().int(),
    results: z.array(keyPairRecord).nullish().transform((v) => v ?? []),
  }),
  idempotent: true,
});

export const DeleteKeyPair = defineOperation({
  name: "DeleteKeyPair",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/keypair/delete",
  input: z.object({ regionID: z.string(), keyPairName: z.string() }),
  output: z.unknown(),
  // A repeat is refused (the key pair is gone, under a code no official source states): delete then reads and is done.
  idempotent: true,
});

/** Binds a key pair to a VM, replacing the one it has (API doc): an absolute state, safe to repeat. */
export const AttachKeyPair = defineOperation({
  name: "AttachKeyPair",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/keypair/attach-instance",
  input: z.object({ regionID: z.string(), keyPairName: z.string(), instanceID: z.string() }),
  output: z.unknown(),
  idempotent: true,
});

export const DetachKeyPair = defineOperation({
  name: "DetachKeyPair",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/keypair/detach-instance",
  input: z.object({ regionID: z.string(), keyPairName: z.string(), instanceID: z.string() }),
  output: z.unknown(),
  // A repeat is refused ("not bound"): callers re-read the VM instead.
  idempotent: false,
});

/** Generates a key pair; the private key is in this one answer only. Not used by the resources. */
export const CreateKeyPair = defineOperation({
  name: "CreateKeyPair",
  service: "ctecs",
  method: "POST",
  path: "/v4/ecs/keypair/create-keypair",
  input: z.object({ regionID: z.string(), keyPairName: z.string(), projectID }),
  output: z.looseObject({ keyPairID: z.string(), keyPairName: z.string(), publicKey: z.string(), privateKey: z.string(), fingerPrint: z.string() }),
  idempotent: false,
});
