/**
 * Objects in a ZOS bucket (`GET /v4/oss/list-objects`, every page), as CTyun's Terraform data source
 * `ctyun_zos_bucket_objects` reads them.
 */
import { ListObjects } from "../client/operations/zos";
import { lookupContext, outputForm, type LookupOptions } from "./lookup";

/** One current object (the latest version, not a delete marker). */
export interface BucketObjectInfo {
  /** The object key. */
  readonly key: string;
  /** Size in bytes. */
  readonly size: number;
  /** The ETag, quoted (an MD5, or `<md5>-<parts>` after a multipart upload). */
  readonly etag: string | undefined;
  /** When it was last written, ISO 8601. */
  readonly lastModified: string | undefined;
  /** `STANDARD`, `STANDARD_IA` or `GLACIER`. */
  readonly storageClass: string | undefined;
}

export interface GetBucketObjectsArgs extends LookupOptions {
  /** The bucket's name. */
  readonly bucket: string;
  /** Only keys starting with this. */
  readonly prefix?: string;
  /** Group keys by this character (usually `/`): keys containing it after `prefix` come back as `commonPrefixes`. */
  readonly delimiter?: string;
  /** Stop after this many objects (default: all of them). */
  readonly maxKeys?: number;
}

export interface GetBucketObjectsResult {
  /** The keys, in key order. */
  readonly keys: readonly string[];
  /** The objects, in key order. */
  readonly objects: readonly BucketObjectInfo[];
  /** The "folders" `delimiter` grouped keys into. */
  readonly commonPrefixes: readonly string[];
}

const PAGE = 1000;

/**
 * The current objects of a bucket, every page (1,000 keys each), optionally under a prefix and
 * grouped by a delimiter.
 *
 * @example
 * ```ts
 * const { keys } = await ctyun.getBucketObjects({ bucket: "site-assets", prefix: "img/" });
 * ```
 */
export async function getBucketObjects(args: GetBucketObjectsArgs): Promise<GetBucketObjectsResult> {
  const { client, regionId } = lookupContext(args, "getBucketObjects");
  const objects: BucketObjectInfo[] = [];
  const prefixes: string[] = [];
  let marker: string | undefined;
  for (;;) {
    const page = await client.send(ListObjects, {
      regionID: regionId, bucket: args.bucket, maxKeys: PAGE,
      ...(args.prefix ? { prefix: args.prefix } : {}), ...(args.delimiter ? { delimiter: args.delimiter } : {}), ...(marker ? { marker } : {}),
    });
    for (const o of page.contents) {
      const row = o as { key: string; size?: number | null; ETag?: unknown; lastModified?: unknown; storageClass?: unknown };
      objects.push({ key: row.key, size: row.size ?? 0, etag: typeof row.ETag === "string" ? row.ETag : undefined, lastModified: typeof row.lastModified === "string" ? row.lastModified : undefined, storageClass: typeof row.storageClass === "string" ? row.storageClass : undefined });
    }
    const common = (page as { commonPrefixes?: Array<{ prefix?: string }> | null }).commonPrefixes ?? [];
    prefixes.push(...common.map((c) => c.prefix ?? "").filter(Boolean));
    if (args.maxKeys !== undefined && objects.length >= args.maxKeys) break;
    if (!page.isTruncated || !page.nextMarker) break;
    marker = page.nextMarker;
  }
  const kept = args.maxKeys === undefined ? objects : objects.slice(0, args.maxKeys);
  return { keys: kept.map((o) => o.key), objects: kept, commonPrefixes: [...new Set(prefixes)] };
}

/** `getBucketObjects` taking `pulumi.Input`s and giving a `pulumi.Output`. */
export const getBucketObjectsOutput = outputForm(getBucketObjects);
