import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { bucketSpec } from "../specs/bucket";

import provider = require("../providers/bucket");

/** Who may read or write the bucket's objects without credentials. */
export type BucketAcl = "private" | "public-read" | "public-read-write";
/** `STANDARD`, `STANDARD_IA` (infrequent access) or `GLACIER` (archive). */
export type BucketStorageType = "STANDARD" | "STANDARD_IA" | "GLACIER";
/** Data kept in one availability zone, or spread over several. */
export type BucketAzPolicy = "single-az" | "multi-az";

export interface BucketArgs extends CommonArgs {
  /**
   * The bucket name, unique across all CTyun regions and accounts: 3–63 lower-case letters, digits,
   * `.` and `-`, starting and ending with a letter or digit, without `..`, `.-` or `-.`, not shaped
   * like an IP address. Default: `<logical name>-<7 hex>` lower-cased (other characters become `-`;
   * a name not starting with a letter gets `r-` in front). Changing it replaces the bucket.
   * When the replacement keeps the name, the old bucket is deleted first.
   */
  readonly bucket?: pulumi.Input<string>;
  /** `private` (default), `public-read` or `public-read-write`. Updatable in place; read back on refresh. */
  readonly acl?: pulumi.Input<BucketAcl>;
  /** `STANDARD` (default), `STANDARD_IA` or `GLACIER`. Changing it replaces the bucket. */
  readonly storageType?: pulumi.Input<BucketStorageType>;
  /**
   * `single-az` (default) or `multi-az` (only in regions with several availability zones).
   * Changing it replaces the bucket.
   */
  readonly azPolicy?: pulumi.Input<BucketAzPolicy>;
  /** Encrypt objects with a KMS key the cloud creates (`cmkUuid`). Default `false`. Changing it replaces the bucket. */
  readonly isEncrypted?: pulumi.Input<boolean>;
  /**
   * Keep every version of every object. Default `false`. Updatable in place: turning it off
   * suspends versioning (existing versions stay); read back on refresh.
   */
  readonly versioning?: pulumi.Input<boolean>;
  /**
   * Up to 10 tags; keys 1–128 and values up to 256 characters (`pulumi-ctyun-create-token` is
   * reserved). Default none. Updatable in place; read back on refresh.
   */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * On delete, first delete every object version and delete marker in the bucket (this cannot be
   * undone). Default `false`: deleting a bucket that holds objects fails and names them. The value
   * in effect is the one of the last `pulumi up`, so set it and run `up` before `destroy`.
   * Changing it touches nothing in the cloud.
   */
  readonly forceDestroy?: pulumi.Input<boolean>;
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. Changing it replaces the bucket. */
  readonly regionId?: pulumi.Input<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). Default: `ctyun:projectId`. Changing it replaces the bucket. */
  readonly projectId?: pulumi.Input<string>;
}

/**
 * A CTyun ZOS object-storage bucket. Creating one needs object storage activated in the region
 * (checked first). Objects themselves are not managed here. `adoptId` is the bucket name (set
 * `bucket` to the same name). Default timeouts: create 5m (includes waiting until the new bucket's
 * metadata is visible), update 5m, delete 30m (includes emptying the bucket with `forceDestroy`).
 *
 * Updates in place: acl, versioning, tags. Replaces on: bucket (name), storageType, azPolicy, isEncrypted, region, project.
 *
 * @example
 * ```ts
 * const assets = new ctyun.Bucket("assets", { acl: "private", versioning: true, tags: { app: "shop" } });
 * ```
 */
export class Bucket extends pulumi.dynamic.Resource {
  /** The bucket name (the bucket's id). */
  declare readonly bucketName: pulumi.Output<string>;
  /** The bucket name, unique across all CTyun regions and accounts: 3–63 lower-case letters, digits, `.` and `-`, starting and ending with a letter or digit, without `..`, `.-` or `-.`, not shaped like an IP address. */
  declare readonly bucket: pulumi.Output<string>;
  /** `private` (default), `public-read` or `public-read-write`. */
  declare readonly acl: pulumi.Output<BucketAcl>;
  /** `STANDARD` (default), `STANDARD_IA` or `GLACIER`. */
  declare readonly storageType: pulumi.Output<BucketStorageType>;
  /** `single-az` (default) or `multi-az` (only in regions with several availability zones). */
  declare readonly azPolicy: pulumi.Output<BucketAzPolicy>;
  /** Encrypt objects with a KMS key the cloud creates (`cmkUuid`). */
  declare readonly isEncrypted: pulumi.Output<boolean>;
  /** Keep every version of every object. */
  declare readonly versioning: pulumi.Output<boolean>;
  /** Up to 10 tags; keys 1–128 and values up to 256 characters (`pulumi-ctyun-create-token` is reserved). */
  declare readonly tags: pulumi.Output<Record<string, string>>;
  /** On delete, first delete every object version and delete marker in the bucket (this cannot be undone). */
  declare readonly forceDestroy: pulumi.Output<boolean>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;
  /** Enterprise project id (`""`, `"0"` or 32 characters). */
  declare readonly projectId: pulumi.Output<string | undefined>;
  /** The KMS key (`cmkUUID`) encrypting the bucket when `isEncrypted`, else undefined. */
  declare readonly cmkUuid: pulumi.Output<string | undefined>;
  /** When the bucket was created, RFC 3339 in UTC, e.g. `2024-06-01T08:00:00Z`. */
  declare readonly creationDate: pulumi.Output<string>;
  /**
   * The region's S3-compatible endpoint for object access, as get-endpoint answers it: a host name on
   * the cloud; the emulator's data plane URL (`http://127.0.0.1:<port>/_s3`, path-style) against the emulator.
   */
  declare readonly endpoint: pulumi.Output<string>;
  /** `<bucket>.<endpoint host>`: the virtual-hosted host name of the bucket (the emulator serves path-style only). */
  declare readonly bucketDomainName: pulumi.Output<string>;

  /**

   * An existing bucket this stack does not manage (another stack's, another team's, or made by

   * hand), read by its id: a read-only resource whose outputs `pulumi refresh` keeps current and

   * that `pulumi destroy` never deletes. To take a bucket under management instead, create it

   * with `adoptId`.

   */

  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): Bucket {

    return new Bucket(name, (state ?? {}) as BucketArgs, { ...opts, id });

  }


  constructor(name: string, args: BucketArgs = {}, opts?: pulumi.CustomResourceOptions) {
    super(
      provider,
      name,
      resourceProps(bucketSpec, name, args, opts),
      opts,
      TOKEN_MODULE,
      bucketSpec.type,
    );
    // The cloud id is the resource id: known while an update is previewed, unlike other outputs.
    this.bucketName = this.id;
  }
}
