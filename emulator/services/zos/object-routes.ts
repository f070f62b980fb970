/**
 * ZOS object operations and the account's S3-compatible access details (spec D.10): list-objects,
 * list-object-versions, delete-objects, get-keys, get-endpoint.
 */
import { z } from "zod";
import { defineRoute } from "../route";
import type { RouteDefinition } from "../types";
import { ZosBackend } from "./backend";
import { listObjects, listObjectVersions } from "./objects";
import { zosKeyPair } from "./keys";
import { MAX_KEYS } from "./records";
import { S3_PREFIX } from "./s3/server";
import { iso, objectView, owner } from "./views";

export const bucketParams = z.object({ bucket: z.string().min(1, "bucket is required") });

const listObjectsSchema = bucketParams.extend({
  prefix: z.string().default(""),
  marker: z.string().default(""),
  delimiter: z.string().default(""),
  maxKeys: z
    .string()
    .regex(/^\d*$/, "maxKeys must be a non-negative integer")
    .optional()
    .transform((v) => (v === undefined || v === "" || v === "0" ? MAX_KEYS : Math.min(Number(v), MAX_KEYS))),
});

const listVersionsSchema = bucketParams.extend({ prefix: z.string().default(""), keyMarker: z.string().default("") });

const deleteObjectsSchema = bucketParams.extend({
  delete: z.object({
    objects: z
      .array(z.object({ key: z.string().min(1, "key is required"), versionID: z.string().optional() }))
      .min(1, "delete.objects must name 1-1000 objects")
      .max(MAX_KEYS, "delete.objects must name 1-1000 objects"),
    quiet: z.boolean().nullish(),
  }),
});

const keys = defineRoute({
  method: "GET", path: "/v4/oss/get-keys", operation: "GetZosKeys", service: "zos",
  input: z.object({}),
  // One key pair valid in every public pool (TF picks the entry for its region or "public").
  handle: () => [{ ...zosKeyPair(), regionName: "公共资源池", regionID: "public" }],
});

const endpoint = defineRoute({
  method: "GET", path: "/v4/oss/get-endpoint", operation: "GetZosEndpoint", service: "zos",
  input: z.object({}),
  // The emulator's data plane on this same server (COVERAGE.md → ZOS data plane): the URL the caller
  // reached us at plus /_s3, with its scheme (real answers are bare host names: inferred from TF
  // handing them to the AWS SDK as Endpoint, which then adds https://).
  handle(ctx) {
    const endpoint = `http://${ctx.request.host ?? "127.0.0.1"}${S3_PREFIX}`;
    return { internetEndpoint: [endpoint], intranetEndpoint: [endpoint], ipv6Endpoint: [] };
  },
});

const objects = defineRoute({
  method: "GET", path: "/v4/oss/list-objects", operation: "ListObjects", service: "zos",
  input: listObjectsSchema,
  handle(ctx, { input, region }) {
    const listing = listObjects(new ZosBackend(ctx).require(region.regionID, input.bucket).objects, input);
    return {
      name: input.bucket,
      prefix: input.prefix,
      marker: input.marker,
      delimiter: input.delimiter,
      maxKeys: input.maxKeys,
      encodingType: "",
      isTruncated: listing.isTruncated,
      nextMarker: listing.nextMarker,
      contents: listing.contents.map(objectView),
      commonPrefixes: listing.commonPrefixes.map((prefix) => ({ prefix })),
    };
  },
});

const versions = defineRoute({
  method: "GET", path: "/v4/oss/list-object-versions", operation: "ListObjectVersions", service: "zos",
  input: listVersionsSchema,
  handle(ctx, { input, region }) {
    const listing = listObjectVersions(new ZosBackend(ctx).require(region.regionID, input.bucket).objects, input);
    return {
      keyMarker: input.keyMarker,
      nextKeyMarker: listing.nextKeyMarker,
      // `versions` is a string in the documented struct: a JSON array, newest first (COVERAGE.md).
      keys: listing.keys.map(({ key, versions: list }) => ({
        key,
        versions: JSON.stringify(list.map((v) => ({ versionID: v.versionID, isLatest: v.isLatest, size: v.size, ETag: v.ETag, lastModified: iso(v.lastModified), storageClass: v.storageClass }))),
      })),
      deleteMarkers: listing.deleteMarkers.map((m) => ({ key: m.key, versionID: m.versionID, isLatest: m.isLatest, lastModified: iso(m.lastModified), owner })),
    };
  },
});

const removeObjects = defineRoute({
  method: "POST", path: "/v4/oss/delete-objects", operation: "DeleteObjects", service: "zos",
  input: deleteObjectsSchema,
  handle(ctx, { input, region }) {
    const deleted = new ZosBackend(ctx).deleteObjects(region.regionID, input.bucket, input.delete.objects);
    return { deleted: input.delete.quiet ? [] : deleted, requestCharged: "", errors: [] };
  },
});

export const ZOS_OBJECT_ROUTES: readonly RouteDefinition[] = [keys, endpoint, objects, versions, removeObjects];
