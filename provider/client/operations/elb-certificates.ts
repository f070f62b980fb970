/**
 * Certificate operations (ctelb host, emulator/api-notes/elb.md §7). create-certificate answers
 * `{ID}`, update/delete `[{ID}]`. show carries the private key; the provider never copies it into
 * outputs (the input is a secret and stays as the program gave it).
 */
import { z } from "zod";
import { defineOperation } from "../operation";

export const CreateCertificate = defineOperation({
  name: "CreateCertificate",
  service: "ctelb",
  method: "POST",
  path: "/v4/elb/create-certificate",
  input: z.object({
    clientToken: z.string().min(1).max(64).optional(),
    regionID: z.string(),
    name: z.string(),
    description: z.string().optional(),
    type: z.enum(["Server", "Ca"]),
    privateKey: z.string().optional(),
    certificate: z.string(),
  }),
  output: z.looseObject({ ID: z.string().min(1) }),
  idempotent: "clientToken",
});

/** What the provider reads of a certificate: never `privateKey`. */
export const certificateRecord = z.looseObject({
  ID: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  /** Server / Ca */
  type: z.string(),
  certificate: z.string().nullish(),
  /** ACTIVE / INACTIVE */
  status: z.string().nullish(),
  createdTime: z.string().nullish(),
});
export type CertificateRecord = z.output<typeof certificateRecord>;

export const ShowCertificate = defineOperation({
  name: "ShowCertificate",
  service: "ctelb",
  method: "GET",
  path: "/v4/elb/show-certificate",
  input: z.object({ regionID: z.string(), certificateID: z.string().min(1) }),
  output: certificateRecord,
  idempotent: true,
});

export const ListCertificates = defineOperation({
  name: "ListCertificate",
  service: "ctelb",
  method: "GET",
  path: "/v4/elb/list-certificate",
  input: z.object({ regionID: z.string(), type: z.enum(["Server", "Ca"]).optional() }),
  output: z.array(certificateRecord).nullish().transform((rows) => rows ?? []),
  idempotent: true,
});

export const UpdateCertificate = defineOperation({
  name: "UpdateCertificate",
  service: "ctelb",
  method: "POST",
  path: "/v4/elb/update-certificate",
  input: z.object({ clientToken: z.string().min(1).max(64).optional(), regionID: z.string(), certificateID: z.string().min(1), name: z.string().optional(), description: z.string().optional() }),
  output: z.unknown(),
  // py requires clientToken: `send` supplies one (absolute values: a repeat is harmless).
  idempotent: "clientToken",
});

export const DeleteCertificate = defineOperation({
  name: "DeleteCertificate",
  service: "ctelb",
  method: "POST",
  path: "/v4/elb/delete-certificate",
  input: z.object({ clientToken: z.string().min(1).max(64).optional(), regionID: z.string(), certificateID: z.string().min(1) }),
  output: z.unknown(),
  idempotent: "clientToken",
});
