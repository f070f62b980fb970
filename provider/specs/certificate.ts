/**
 * Certificate (emulator/api-notes/elb.md §7): a server certificate (PEM certificate and its private
 * key) for HTTPS listeners, or a CA certificate for two-way TLS. The private key is a secret input:
 * never journaled, never in a message, never read back from the cloud (show carries it; the provider
 * keeps the program's value). Name and description update in place; everything else replaces.
 *
 * - check: the PEM is parsed locally and a server key must belong to its certificate, so a wrong
 *   file fails before any call (failures about the key name no value).
 * - create: create-certificate with the create's clientToken (synchronous; `{ID}`). A rerun after a
 *   crash whose private key changed meanwhile cannot repeat the first request (the journal keeps no
 *   secret); when the cloud refuses it, the certificate that request made is found by its name.
 * - delete: retried while listeners (read from the cloud) still use it, then until it is gone.
 */
import { createPrivateKey, X509Certificate } from "node:crypto";
import { z } from "zod";
import { isServiceError } from "../client/errors";
import { CreateCertificate, DeleteCertificate, ListCertificates, ShowCertificate, UpdateCertificate, type CertificateRecord } from "../client/operations/elb-certificates";
import { ListListeners } from "../client/operations/elb-listeners";
import type { HandlerContext } from "../lifecycle/context";
import { ctyunName, description, regionId } from "../lifecycle/fields";
import { mayBeOwnEarlierWork } from "../lifecycle/ownership";
import { defineResource } from "../lifecycle/spec";
import { createdId, deleteElbObject, findElbObject, heldBy } from "./elb-common";

function x509(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

const inputs = z.object({
  name: ctyunName(32),
  description: description(),
  type: z.enum(["server", "ca"], { error: '"server" (an HTTPS listener\'s certificate and key) or "ca" (a CA for two-way TLS)' }).default("server"),
  certificate: z.string().refine((pem) => x509(pem) !== undefined, "must be a PEM X.509 certificate (-----BEGIN CERTIFICATE----- …)"),
  privateKey: z
    .string()
    .refine((pem) => {
      try {
        createPrivateKey(pem);
        return true;
      } catch {
        return false;
      }
    }, "must be an unencrypted PEM private key (a BEGIN PRIVATE KEY block)")
    .optional(),
  regionId,
});

type CertificateInputs = z.output<typeof inputs>;

export interface CertificateOutputs {
  certificateId: string;
  /** The certificate's subject, e.g. `CN=www.example.com`. */
  subject: string | undefined;
  /** When the certificate expires (RFC 3339). */
  expireTime: string | undefined;
}

const WIRE_TYPE = { server: "Server", ca: "Ca" } as const;

export async function findCertificate(ctx: HandlerContext, regionID: string, id: string): Promise<CertificateRecord | undefined> {
  return findElbObject(() => ctx.client.send(ShowCertificate, { regionID, certificateID: id }), () => ctx.client.send(ListCertificates, { regionID }), id);
}

function outputsOf(id: string, pem: string | undefined): CertificateOutputs {
  const parsed = pem ? x509(pem) : undefined;
  return { certificateId: id, subject: parsed?.subject.replace(/\n/g, ", "), expireTime: parsed ? new Date(parsed.validTo).toISOString().replace(/\.\d{3}Z$/, "Z") : undefined };
}

export const certificateSpec = defineResource({
  type: "Certificate",
  inputs,
  outputs: { certificateId: true, subject: true, expireTime: true },
  createOnly: ["type", "certificate", "privateKey", "regionId"],
  settingDefaults: { regionId: "regionId" },
  autoName: { property: "name", maxLength: 32, mustStartWithLetter: true },
  secretInputs: ["privateKey"],
  notFoundCodes: [],
  timeouts: { create: 2 * 60_000, update: 2 * 60_000, delete: 5 * 60_000 },
  idOutput: "certificateId",

  crossCheck(args, known, _olds, given) {
    if (!known("type")) return [];
    if (args.type === "ca") return given("privateKey") ? [{ property: "privateKey", reason: 'applies only to server certificates; a "ca" certificate has none' }] : [];
    if (!given("privateKey")) return [{ property: "privateKey", reason: "is required for a server certificate" }];
    if (!known("certificate") || !known("privateKey")) return [];
    const certificate = x509(args.certificate as string);
    const belongs = certificate?.checkPrivateKey(createPrivateKey(args.privateKey as string)) ?? false;
    return belongs ? [] : [{ property: "privateKey", reason: "does not belong to the certificate (its public key differs)" }];
  },

  deleteBeforeReplace: (olds, news: CertificateInputs) => olds["name"] === news.name && olds["regionId"] === news.regionId,

  async create(ctx, args: CertificateInputs) {
    let id: string;
    try {
      const answer = await ctx.client.send(CreateCertificate, {
        clientToken: ctx.clientToken,
        regionID: args.regionId,
        name: args.name,
        ...(args.description !== "" ? { description: args.description } : {}),
        type: WIRE_TYPE[args.type],
        ...(args.type === "server" && args.privateKey !== undefined ? { privateKey: args.privateKey } : {}),
        certificate: args.certificate,
      });
      id = createdId(answer, `certificate ${args.name}`);
    } catch (error) {
      // A rerun whose private key changed cannot repeat the first request (the journal keeps no
      // secret): the name, unique in the region, finds what that request made — taken over only
      // when this create's own earlier attempt may have made it.
      if (!isServiceError(error) || !mayBeOwnEarlierWork(ctx, error)) throw error;
      const made = (await ctx.client.send(ListCertificates, { regionID: args.regionId })).find((c) => c.name === args.name && c.certificate === args.certificate);
      if (!made) throw error;
      id = made.ID;
    }
    ctx.created(id, { certificateId: id });
    return { id, outputs: outputsOf(id, args.certificate) };
  },

  async read(ctx, id, state) {
    const certificate = await findCertificate(ctx, state["regionId"] as string, id);
    if (!certificate) return undefined;
    const type = certificate.type.toLowerCase() === "ca" ? ("ca" as const) : ("server" as const);
    return {
      // Never the private key: the program's (secret) value stays in state as it is.
      inputs: { name: certificate.name, description: certificate.description ?? "", type, ...(certificate.certificate ? { certificate: certificate.certificate } : {}) },
      outputs: outputsOf(certificate.ID, certificate.certificate ?? (state["certificate"] as string | undefined)),
    };
  },

  async update(ctx, id, _olds, news: CertificateInputs) {
    await ctx.client.send(UpdateCertificate, { regionID: news.regionId, certificateID: id, name: news.name, description: news.description });
    return outputsOf(id, news.certificate);
  },

  async delete(ctx, id, state) {
    const regionID = state["regionId"] as string;
    await deleteElbObject(
      ctx,
      `certificate ${id}`,
      () => ctx.client.send(DeleteCertificate, { regionID, certificateID: id }),
      async () => (await findCertificate(ctx, regionID, id)) !== undefined,
      async () =>
        heldBy(
          "listener",
          (await ctx.client.send(ListListeners, { regionID })).filter((l) => l.certificateID === id || l.clientCertificateID === id).map((l) => l.ID),
        ),
    );
  },
});
