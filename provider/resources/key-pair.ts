import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { keyPairSpec } from "../specs/key-pair";

import provider = require("../providers/key-pair");

export interface KeyPairArgs extends CommonArgs {
  /**
   * The key pair name, unique in the region: 2–63 characters, a letter first, then letters, digits
   * and `-`, not ending with `-`. Default: `<logical name>-<7 hex>`. Changing it replaces the key
   * pair.
   */
  readonly name?: pulumi.Input<string>;
  /**
   * The public key to import: one OpenSSH line `ssh-rsa <base64> [comment]` of at most 1024
   * characters, an RSA key of at least 1024 bits (CTyun accepts only RSA). Stored byte-for-byte.
   * Changing it replaces the key pair (keeping the name deletes the old one first).
   */
  readonly publicKey: pulumi.Input<string>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the key pair. */
  readonly regionId?: pulumi.Input<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). Default: `ctyun:projectId`. Replaces. */
  readonly projectId?: pulumi.Input<string>;
}

/**
 * A CTyun SSH key pair imported from a public key; use its `name` as an Instance's `keyPairName`.
 * Nothing updates in place: every change replaces it. A key pair of the same name made by anyone
 * but this very create (another stack, by hand) is never taken over: create fails naming `adoptId`.
 * (What an interrupted run of this create imported is found and taken over.) Deleting a key pair
 * does not affect VMs already using it (the key was installed at boot).
 *
 * Default timeouts: create 2m, update 2m, delete 2m.
 *
 * Updates in place: nothing (every input replaces it). Replaces on: every input.
 *
 * @example
 * ```ts
 * const key = new ctyun.KeyPair("deployer", { publicKey: fs.readFileSync("id_rsa.pub", "utf8") });
 * ```
 */
export class KeyPair extends pulumi.dynamic.Resource {
  /** The key pair id. */
  declare readonly keyPairId: pulumi.Output<string>;
  /** The key pair name, unique in the region: 2–63 characters, a letter first, then letters, digits and `-`, not ending with `-`. */
  declare readonly name: pulumi.Output<string>;
  /** The public key to import: one OpenSSH line `ssh-rsa <base64> [comment]` of at most 1024 characters, an RSA key of at least 1024 bits (CTyun accepts only RSA). */
  declare readonly publicKey: pulumi.Output<string>;
  /** MD5 fingerprint of the key, colon-separated hex, as `ssh-keygen -l -E md5` prints it. */
  declare readonly fingerPrint: pulumi.Output<string>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). */
  declare readonly projectId: pulumi.Output<string | undefined>;

  /**

   * An existing key pair this stack does not manage (another stack's, another team's, or made by

   * hand), read by its id: a read-only resource whose outputs `pulumi refresh` keeps current and

   * that `pulumi destroy` never deletes. To take a key pair under management instead, create it

   * with `adoptId`.

   */

  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): KeyPair {

    return new KeyPair(name, (state ?? {}) as KeyPairArgs, { ...opts, id });

  }


  constructor(name: string, args: KeyPairArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(keyPairSpec, name, args, opts), opts, TOKEN_MODULE, keyPairSpec.type);
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.keyPairId = this.id;
  }
}
