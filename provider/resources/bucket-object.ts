import * as pulumi from "@pulumi/pulumi";
import { resourceProps, TOKEN_MODULE, type CommonArgs, type ReadArgs } from "./common";
import { bucketObjectSpec } from "../specs/bucket-object";

import provider = require("../providers/bucket-object");

/** Who may read or write the object without credentials. */
export type BucketObjectAcl = "private" | "public-read" | "public-read-write";
/** `STANDARD`, `STANDARD_IA` (infrequent access) or `GLACIER` (archive). */
export type BucketObjectStorageType = "STANDARD" | "STANDARD_IA" | "GLACIER";

export interface BucketObjectArgs extends CommonArgs {
  /** The bucket holding the object (its name, e.g. a `Bucket`'s `bucketName`). Changing it replaces the object. */
  readonly bucket: pulumi.Input<string>;
  /** The object key, 1–1024 bytes of UTF-8 (`/` makes folders in listings). Changing it replaces the object. */
  readonly key: pulumi.Input<string>;
  /** The object's bytes as a UTF-8 string (`""` makes an empty object). Give exactly one of `content` and `source`. */
  readonly content?: pulumi.Input<string>;
  /**
   * A local file to upload: a path, a `pulumi.asset.FileAsset` or a `pulumi.asset.StringAsset` (whose
   * text becomes `content`). Files of 8 MiB and more go up in 8 MiB parts with a progress line per
   * part. Give exactly one of `content` and `source`. A changed file is uploaded again; an unchanged one never.
   */
  readonly source?: pulumi.Input<string> | pulumi.asset.FileAsset | pulumi.asset.StringAsset;
  /**
   * The MD5 (hex) of the bytes, computed from `content` or `source` when left unset: what the diff
   * compares, so leave it unset. Refresh reads it back from the object's ETag.
   */
  readonly sourceHash?: pulumi.Input<string>;
  /** `Content-Type` (default `binary/octet-stream`). Changing it uploads the object again. */
  readonly contentType?: pulumi.Input<string>;
  /** `Cache-Control`, e.g. `max-age=300`. Changing it uploads the object again. */
  readonly cacheControl?: pulumi.Input<string>;
  /** `Content-Encoding`, e.g. `gzip` for pre-compressed bytes. Changing it uploads the object again. */
  readonly contentEncoding?: pulumi.Input<string>;
  /** `Content-Disposition`, e.g. `attachment; filename="report.pdf"`. Changing it uploads the object again. */
  readonly contentDisposition?: pulumi.Input<string>;
  /** User metadata (`x-amz-meta-<name>`); names of letters, digits, `-` and `_`, read back lower-cased. Changing it uploads the object again. */
  readonly metadata?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Up to 10 object tags. Updatable in place (no upload); read back on refresh. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** `private` (default), `public-read` or `public-read-write`. Updatable in place (no upload). */
  readonly acl?: pulumi.Input<BucketObjectAcl>;
  /** Storage class; default: the bucket's. Changing it uploads the object again. */
  readonly storageType?: pulumi.Input<BucketObjectStorageType>;
  /**
   * On delete, remove every version and delete marker of this key, not just the current object (a
   * versioned bucket otherwise keeps the old versions behind a delete marker). Default `false`.
   * Changing it touches nothing in the cloud.
   */
  readonly forceDestroy?: pulumi.Input<boolean>;
  /** Region (32-hex `regionID`) of the bucket. Default: stack config `ctyun:regionId`. Changing it replaces the object. */
  readonly regionId?: pulumi.Input<string>;
}

/** A FileAsset becomes `source` (its path), a StringAsset `content` (its text). */
function withAssetMapped(args: BucketObjectArgs): BucketObjectArgs {
  const source = args.source;
  if (source instanceof pulumi.asset.FileAsset) return { ...args, source: source.path };
  if (source instanceof pulumi.asset.StringAsset) {
    const { source: _ignored, ...rest } = args;
    return { ...rest, content: source.text };
  }
  if (source instanceof pulumi.asset.Asset) throw new Error("BucketObject source takes a path, a FileAsset or a StringAsset (not a RemoteAsset)");
  return args;
}

/**
 * An object in a CTyun ZOS bucket, uploaded through ZOS's S3-compatible endpoint with the keys
 * get-keys answers. The diff compares the MD5 of the bytes (`sourceHash`), so an unchanged file is
 * never uploaded again. `adoptId` is `<bucket>/<key>`. Default timeouts: create 30m and update 30m
 * (uploads), delete 5m.
 *
 * Updates in place: tags, acl, forceDestroy. Uploads again (same key, a new version in a versioned
 * bucket): content, source, contentType, cacheControl, contentEncoding, contentDisposition, metadata,
 * storageType. Replaces on: bucket, key, region.
 *
 * @example
 * ```ts
 * const site = new ctyun.Bucket("site", { acl: "public-read" });
 * new ctyun.BucketObject("index", {
 *   bucket: site.bucketName,
 *   key: "index.html",
 *   source: new pulumi.asset.FileAsset("www/index.html"),
 *   contentType: "text/html; charset=utf-8",
 *   cacheControl: "max-age=60",
 * });
 * ```
 */
export class BucketObject extends pulumi.dynamic.Resource {
  /** `<bucket>/<key>` (the object's id). */
  declare readonly objectId: pulumi.Output<string>;
  /** The bucket holding the object. */
  declare readonly bucket: pulumi.Output<string>;
  /** The object key. */
  declare readonly key: pulumi.Output<string>;
  /** The object's bytes, when given as a string. */
  declare readonly content: pulumi.Output<string | undefined>;
  /** The uploaded file's path, when given as a file. */
  declare readonly source: pulumi.Output<string | undefined>;
  /** The MD5 (hex) of the bytes. */
  declare readonly sourceHash: pulumi.Output<string>;
  /** `Content-Type`. */
  declare readonly contentType: pulumi.Output<string | undefined>;
  /** `Cache-Control`. */
  declare readonly cacheControl: pulumi.Output<string | undefined>;
  /** `Content-Encoding`. */
  declare readonly contentEncoding: pulumi.Output<string | undefined>;
  /** `Content-Disposition`. */
  declare readonly contentDisposition: pulumi.Output<string | undefined>;
  /** User metadata. */
  declare readonly metadata: pulumi.Output<Record<string, string>>;
  /** Object tags. */
  declare readonly tags: pulumi.Output<Record<string, string>>;
  /** `private`, `public-read` or `public-read-write`. */
  declare readonly acl: pulumi.Output<BucketObjectAcl>;
  /** Storage class, when set. */
  declare readonly storageType: pulumi.Output<BucketObjectStorageType | undefined>;
  /** Whether delete removes every version of the key. */
  declare readonly forceDestroy: pulumi.Output<boolean>;
  /** Region (32-hex `regionID`). */
  declare readonly regionId: pulumi.Output<string>;
  /** The object's ETag as ZOS answers it, quoted: the MD5 of the bytes, or `<md5 of part MD5s>-<parts>` for a multipart upload. */
  declare readonly etag: pulumi.Output<string>;
  /** The version the last upload made in a versioned bucket (`null` or undefined otherwise). */
  declare readonly versionId: pulumi.Output<string | undefined>;
  /** Size in bytes. */
  declare readonly size: pulumi.Output<number>;

  /**
   * An existing object this stack does not manage, read by its id `<bucket>/<key>`: a read-only
   * resource that `pulumi refresh` keeps current and `pulumi destroy` never deletes.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, state?: ReadArgs, opts?: pulumi.CustomResourceOptions): BucketObject {
    return new BucketObject(name, (state ?? {}) as BucketObjectArgs, { ...opts, id });
  }

  constructor(name: string, args: BucketObjectArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, resourceProps(bucketObjectSpec, name, withAssetMapped(args), opts), opts, TOKEN_MODULE, bucketObjectSpec.type);
  }
}
