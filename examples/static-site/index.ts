/**
 * static-site: a static web site on CTyun object storage (ZOS).
 *
 * - a bucket whose objects anyone may read (`public-read`; ZOS's OpenAPI has no website settings, so
 *   the site is served from the bucket's S3 endpoint as plain objects),
 * - every file under `www/` uploaded as an object with its content type and cache control,
 * - an `index.html` rendered from the stack's `title`.
 *
 * Files are compared by their MD5: `pulumi up` uploads only what changed.
 *
 *   pulumi config set title "My site"            # re-uploads index.html only
 *   pulumi config set cacheSeconds 300           # re-uploads every file (a header changed)
 *   pulumi config set versioning true            # keeps old versions of every file (updated in place)
 */
import { readdirSync } from "node:fs";
import { extname, join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as ctyun from "pulumi-ctyun";

const config = new pulumi.Config();
const title = config.get("title") ?? "Hello from CTyun object storage";
const cacheSeconds = config.getNumber("cacheSeconds") ?? 60;
const versioning = config.getBoolean("versioning") ?? false;

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};

const site = new ctyun.Bucket("site", {
  acl: "public-read",
  versioning,
  tags: { app: "static-site" },
  // The site's files are managed here; with versioning on, old versions would otherwise keep the bucket from being deleted.
  forceDestroy: true,
});

const common = {
  bucket: site.bucketName,
  acl: "public-read" as const,
  cacheControl: `max-age=${cacheSeconds}`,
  forceDestroy: true,
};

const wwwDir = join(__dirname, "www");
for (const file of readdirSync(wwwDir).sort()) {
  new ctyun.BucketObject(file, {
    ...common,
    key: file,
    source: new pulumi.asset.FileAsset(join(wwwDir, file)),
    contentType: CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
  });
}

const page = `<!doctype html>
<html><head><meta charset="utf-8"><title>${title}</title><link rel="stylesheet" href="style.css"></head>
<body><h1>${title}</h1><p>Served from a CTyun ZOS bucket, deployed with pulumi-ctyun.</p></body></html>
`;
new ctyun.BucketObject("index.html", { ...common, key: "index.html", source: new pulumi.asset.StringAsset(page), contentType: "text/html; charset=utf-8" });

export const bucketName = site.bucketName;
/** The page's URL, path-style on the region's S3 endpoint (on the cloud: https://<bucket>.<endpoint>/index.html). */
export const siteUrl = pulumi.interpolate`${site.endpoint.apply((e) => (/^https?:\/\//.test(e) ? e : `https://${e}`))}/${site.bucketName}/index.html`;
