import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { certificateSpec } from "../specs/certificate";

import provider = require("../providers/certificate");

/** `server`: an HTTPS listener's certificate with its private key; `ca`: a CA clients' certificates must chain to (two-way TLS). */
export type CertificateType = "server" | "ca";

export interface CertificateArgs extends CommonArgs {
  /**
   * The certificate name, unique in the region: 2–32 characters, starting with a letter or Chinese
   * character, then letters, digits, Chinese characters, `_` or `-`. Default: `<logical name>-<7 hex>`.
   * Updatable in place.
   */
  readonly name?: pulumi.Input<string>;
  /** A description of at most 128 characters. Default `""`. Updatable in place. */
  readonly description?: pulumi.Input<string>;
  /** `server` or `ca`. Default `server`. Changing it replaces the certificate. */
  readonly type?: pulumi.Input<CertificateType>;
  /** The PEM certificate (`-----BEGIN CERTIFICATE-----`…; a chain may follow). Changing it replaces the certificate. */
  readonly certificate: pulumi.Input<string>;
  /**
   * The PEM private key of a `server` certificate (unencrypted), which must belong to `certificate`.
   * Required for `server`, not allowed for `ca`. Always stored as a secret (even when given as plain
   * text), never read back from the cloud and never shown in messages. Changing it replaces the
   * certificate.
   */
  readonly privateKey?: pulumi.Input<string>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the certificate. */
  readonly regionId?: pulumi.Input<string>;
}

/**
 * A certificate for CTyun ELB HTTPS listeners (a server certificate and its private key), or a CA
 * certificate for two-way TLS. The private key is a secret in the state. A certificate a listener uses
 * cannot be deleted (Pulumi deletes or updates the listener first).
 *
 * Default timeouts: create 2m, update 2m, delete 5m.
 *
 * Updates in place: name, description. Replaces on: type, certificate, privateKey, region.
 *
 * @example
 * ```ts
 * const cert = new ctyun.Certificate("www", {
 *   certificate: fs.readFileSync("www.crt", "utf8"),
 *   privateKey: config.requireSecret("wwwKey"),
 * });
 * ```
 */
export class Certificate extends pulumi.dynamic.Resource {
  /** The certificate id, `cert-` followed by 10 characters. */
  declare readonly certificateId: pulumi.Output<string>;
  /** The certificate's subject, e.g. `CN=www.example.com`. */
  declare readonly subject: pulumi.Output<string | undefined>;
  /** When the certificate expires (RFC 3339, UTC). */
  declare readonly expireTime: pulumi.Output<string | undefined>;
  /** The certificate name. */
  declare readonly name: pulumi.Output<string>;
  /** The description. */
  declare readonly description: pulumi.Output<string>;
  /** `server` or `ca`. */
  declare readonly type: pulumi.Output<CertificateType>;
  /** The PEM certificate. */
  declare readonly certificate: pulumi.Output<string>;
  /** The PEM private key (a secret). */
  declare readonly privateKey: pulumi.Output<string | undefined>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;

  /**
   * An existing certificate this stack does not manage, read by its id: a read-only resource whose
   * outputs `pulumi refresh` keeps current and that `pulumi destroy` never deletes. To take one under
   * management instead, create it with `adoptId` (and its `privateKey`).
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): Certificate {
    return new Certificate(name, (state ?? {}) as CertificateArgs, { ...opts, id });
  }

  constructor(name: string, args: CertificateArgs, opts?: pulumi.CustomResourceOptions) {
    const secretArgs = args.privateKey === undefined ? args : { ...args, privateKey: pulumi.secret(args.privateKey) };
    super(
      provider,
      name,
      resourceProps(certificateSpec, name, secretArgs, opts),
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["privateKey"] }),
      TOKEN_MODULE,
      certificateSpec.type,
    );
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.certificateId = this.id;
  }
}
