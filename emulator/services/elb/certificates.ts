/**
 * Certificates (api-notes/elb.md §7): a server certificate (PEM certificate + its private key) for
 * HTTPS listeners, or a CA certificate for two-way TLS. Decision (COVERAGE.md → ELB): the emulator
 * parses the PEM with Node's X.509 support and, for server certificates, checks that the key is the
 * certificate's; check-certificate / check-ca-cert answer the same verdict as `isValid`. Content and
 * key never change; a certificate a listener uses cannot be deleted.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from "node:crypto";
import type { EngineContext } from "../../engine/context";
import { InvalidParameterError } from "../../errors";
import { normalizeProjectId } from "../shared/rules";
import { CERTIFICATE_KIND, LISTENER_KIND, type CertificateRecord, type CertificateType, type ListenerRecord } from "./records";
import { checkElbDescription, checkElbName, elbInUse, elbNotFound, nameTaken, utcTime } from "./rules";

export interface CreateCertificateRequest {
  readonly name: string;
  readonly description?: string | undefined;
  readonly type: CertificateType;
  readonly certificate: string;
  readonly privateKey?: string | undefined;
  readonly projectID?: string | undefined;
}

function parseCertificate(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

function parseKey(pem: string): KeyObject | undefined {
  try {
    return createPrivateKey(pem);
  } catch {
    return undefined;
  }
}

/** Why a server certificate (with its key) or a CA certificate (without) is invalid; undefined when valid. */
export function certificateProblem(certificate: string, privateKey: string | undefined): string | undefined {
  const x509 = parseCertificate(certificate);
  if (!x509) return "certificate is not a PEM X.509 certificate";
  if (privateKey === undefined) return x509.ca || x509.checkIssued(x509) ? undefined : "certificate is not a CA certificate";
  const key = parseKey(privateKey);
  if (!key) return "privateKey is not a PEM private key";
  return x509.checkPrivateKey(key) ? undefined : "privateKey does not belong to the certificate";
}

export class Certificates {
  constructor(private readonly ctx: EngineContext) {}

  private get certificates() {
    return this.ctx.store.collection<CertificateRecord>(CERTIFICATE_KIND);
  }

  require(regionID: string, certificateID: string): CertificateRecord {
    const certificate = this.certificates.get(regionID, certificateID);
    if (!certificate) throw elbNotFound(this.ctx, "certificate", certificateID);
    return certificate;
  }

  list(regionID: string, filter: { ids?: readonly string[] | undefined; names?: readonly string[] | undefined; types?: readonly string[] | undefined }): CertificateRecord[] {
    return this.certificates.find(
      regionID,
      (c) => (!filter.ids || filter.ids.includes(c.ID)) && (!filter.names || filter.names.includes(c.name)) && (!filter.types || filter.types.includes(c.type)),
    );
  }

  private checkNameFree(regionID: string, name: string, except?: string): void {
    const holder = this.certificates.findOne(regionID, (c) => c.name === name && c.ID !== except);
    if (holder) throw nameTaken(this.ctx, "certificate", name, `certificate ${holder.ID}`);
  }

  create(regionID: string, request: CreateCertificateRequest): CertificateRecord {
    checkElbName("name", request.name);
    if (request.description !== undefined) checkElbDescription(request.description);
    const privateKey = request.type === "Server" ? (request.privateKey ?? "") : "";
    if (request.type === "Server" && privateKey === "") throw new InvalidParameterError("privateKey is required for a Server certificate");
    const problem = certificateProblem(request.certificate, request.type === "Server" ? privateKey : undefined);
    // The problem names the field, never the key material.
    if (problem) throw new InvalidParameterError(problem);
    this.checkNameFree(regionID, request.name);
    const ID = this.ctx.ids.prefixed("cert");
    const now = utcTime(this.ctx.clock());
    return this.certificates.insert(regionID, ID, {
      ID,
      name: request.name,
      description: request.description ?? "",
      projectID: normalizeProjectId(request.projectID),
      type: request.type,
      certificate: request.certificate,
      privateKey,
      createdTime: now,
      updatedTime: now,
    });
  }

  update(regionID: string, certificateID: string, change: { name?: string | undefined; description?: string | undefined }): CertificateRecord {
    this.require(regionID, certificateID);
    if (change.name !== undefined) {
      checkElbName("name", change.name);
      this.checkNameFree(regionID, change.name, certificateID);
    }
    if (change.description !== undefined) checkElbDescription(change.description);
    return this.certificates.update(regionID, certificateID, (c) => ({
      ...c,
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
      updatedTime: utcTime(this.ctx.clock()),
    })) as CertificateRecord;
  }

  /** Refused while a listener uses it (as its server certificate or its client CA). */
  delete(regionID: string, certificateID: string): void {
    this.require(regionID, certificateID);
    const users = this.ctx.store.collection<ListenerRecord>(LISTENER_KIND).find(regionID, (l) => l.certificateID === certificateID || l.clientCertificateID === certificateID);
    if (users.length > 0) throw elbInUse(this.ctx, "certificate", certificateID, `listeners: ${users.map((l) => l.ID).join(", ")}`);
    this.certificates.delete(regionID, certificateID);
  }
}

/** show / list; `type` echoes Server / Ca (TF's data-source test expects "Server", api-notes §13). */
export function certificateView(certificate: CertificateRecord, regionID: string): Record<string, unknown> {
  return {
    regionID,
    azName: "",
    projectID: certificate.projectID,
    ID: certificate.ID,
    name: certificate.name,
    description: certificate.description,
    type: certificate.type,
    privateKey: certificate.privateKey,
    certificate: certificate.certificate,
    status: "ACTIVE",
    createdTime: certificate.createdTime,
    updatedTime: certificate.updatedTime,
  };
}
