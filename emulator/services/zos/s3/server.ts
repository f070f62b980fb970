/**
 * The ZOS S3 data plane, mounted at `/_s3` on the emulator's one server: path-style S3
 * (`/_s3/<bucket>/<key>`), SigV4 checked against the account's ZOS key pair (GET /v4/oss/get-keys),
 * routed by method and sub-resource to the handlers, answered with S3's XML errors, and logged in
 * the request log under S3 operation names (`S3PutObject`, …).
 */
import type { ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import type { RawHttpHandler } from "../../types";
import { zosKeyPair } from "../keys";
import { getBucketLocation, getBucketVersioning, headBucket, listBuckets, listObjectsHandler, listObjectVersionsHandler, deleteObjectsHandler } from "./bucket-handlers";
import { errorBody, S3Error, s3Errors } from "./errors";
import { S3Request, type Reply, type S3Handler } from "./http";
import { abortMultipartUpload, completeMultipartUpload, createMultipartUpload, listMultipartUploads, listParts, uploadPart } from "./multipart-handlers";
import { copyObject, deleteObject, getObject, putObject } from "./object-handlers";
import { deleteObjectTagging, getObjectAcl, getObjectTagging, putObjectAcl, putObjectTagging } from "./object-subresources";
import { verifySigV4 } from "./sigv4";

export const S3_PREFIX = "/_s3";

/** The operation a request asks for (S3's names), or undefined when the emulator has none. */
function route(r: S3Request): [string, S3Handler] | undefined {
  const m = r.method;
  if (!r.bucket) return m === "GET" ? ["ListBuckets", listBuckets] : undefined;
  if (!r.key) {
    if (m === "HEAD") return ["HeadBucket", headBucket];
    if (m === "POST" && r.has("delete")) return ["DeleteObjects", deleteObjectsHandler];
    if (m !== "GET") return undefined;
    if (r.has("location")) return ["GetBucketLocation", getBucketLocation];
    if (r.has("versioning")) return ["GetBucketVersioning", getBucketVersioning];
    if (r.has("versions")) return ["ListObjectVersions", listObjectVersionsHandler];
    if (r.has("uploads")) return ["ListMultipartUploads", listMultipartUploads];
    if (["acl", "policy", "cors", "website", "lifecycle", "tagging", "logging", "encryption", "object-lock"].some((s) => r.has(s))) return undefined;
    return [r.query.get("list-type") === "2" ? "ListObjectsV2" : "ListObjects", listObjectsHandler];
  }
  if (m === "PUT") {
    if (r.has("tagging")) return ["PutObjectTagging", putObjectTagging];
    if (r.has("acl")) return ["PutObjectAcl", putObjectAcl];
    if (r.has("uploadId")) return r.header("x-amz-copy-source") ? undefined : ["UploadPart", uploadPart];
    return r.header("x-amz-copy-source") ? ["CopyObject", copyObject] : ["PutObject", putObject];
  }
  if (m === "GET") {
    if (r.has("tagging")) return ["GetObjectTagging", getObjectTagging];
    if (r.has("acl")) return ["GetObjectAcl", getObjectAcl];
    if (r.has("uploadId")) return ["ListParts", listParts];
    return ["GetObject", getObject];
  }
  if (m === "HEAD") return ["HeadObject", getObject];
  if (m === "DELETE") {
    if (r.has("tagging")) return ["DeleteObjectTagging", deleteObjectTagging];
    if (r.has("uploadId")) return ["AbortMultipartUpload", abortMultipartUpload];
    return ["DeleteObject", deleteObject];
  }
  if (m === "POST") {
    if (r.has("uploads")) return ["CreateMultipartUpload", createMultipartUpload];
    if (r.has("uploadId")) return ["CompleteMultipartUpload", completeMultipartUpload];
  }
  return undefined;
}

/** Waits for the socket to take more (or to go away); listeners are removed either way. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/**
 * Writes an answer. One given before the request's body was read (a refusal, or an answer that needs
 * none) closes the connection, as S3 does: what is left of the body must not be read as the next
 * request.
 */
async function write(res: ServerResponse, method: string, reply: Reply, common: Record<string, string>): Promise<void> {
  const headers: Record<string, string> = { ...common, ...(reply.headers ?? {}), ...(res.req.complete ? {} : { connection: "close" }) };
  if (typeof reply.body === "string") {
    headers["content-length"] = String(Buffer.byteLength(reply.body));
    res.writeHead(reply.status, headers);
    res.end(method === "HEAD" ? undefined : reply.body);
    return;
  }
  if (headers["content-length"] === undefined) headers["content-length"] = "0";
  res.writeHead(reply.status, headers);
  if (reply.body) {
    for (const chunk of reply.body) {
      if (res.destroyed) return;
      if (!res.write(chunk)) await drained(res);
    }
  }
  res.end();
}

/**
 * Why a request has no handler: S3 refuses a method its resource does not take (405, as for a POST
 * to an object with no sub-resource); what S3 offers and the emulator does not (bucket writes, which
 * go through the ZOS API here, bucket sub-resources, UploadPartCopy) is S3's own 501 NotImplemented.
 */
function unrouted(request: S3Request): S3Error {
  const resourceType = !request.bucket ? "SERVICE" : !request.key ? "BUCKET" : "OBJECT";
  if (resourceType === "SERVICE" || (resourceType === "OBJECT" && request.method === "POST" && !request.has("restore") && !request.has("select"))) {
    return new S3Error("MethodNotAllowed", 405, "The specified method is not allowed against this resource.", { Method: request.method, ResourceType: resourceType });
  }
  return s3Errors.notImplemented(`${request.method} ${request.rawPath}${request.rawQuery ? `?${request.rawQuery}` : ""}`);
}

export function s3DataPlane(): RawHttpHandler {
  return async (req, res, host) => {
    const started = performance.now();
    const requestId = randomBytes(8).toString("hex").toUpperCase();
    const common = { "x-amz-request-id": requestId, "x-amz-id-2": randomBytes(24).toString("base64"), server: "ZOS", date: new Date(host.context.clock()).toUTCString() };
    const request = new S3Request(req, S3_PREFIX);
    let operation: string | null = null;
    let status = 500;
    let errorCode: string | null = null;
    // Faults apply before authentication, as on the EOP pipeline (middleware/faults.ts).
    const fault = host.fault(request.method, req.url?.split("?")[0] ?? "/");
    try {
      const routed = route(request);
      if (routed) operation = `S3${routed[0]}`;
      if (fault?.kind === "reset") {
        status = 0;
        req.socket.destroy();
        return;
      }
      if (fault?.kind === "throttle") throw s3Errors.slowDown(fault.retryAfterSeconds ?? 1);
      if (fault?.kind === "http") throw s3Errors.injected(fault.status ?? 503);
      if (fault?.kind === "delay") await host.sleep(fault.ms ?? 1000);
      const { accessKey, secretKey } = zosKeyPair();
      request.caller = verifySigV4(request, host.context.clock(), (ak) => (ak === accessKey ? secretKey : undefined));
      if (!routed) throw unrouted(request);
      const reply = await routed[1](request, { host, requestId });
      status = reply.status;
      if (fault?.kind === "commit-then-drop") {
        // The handler's work is committed; its answer is lost with the connection.
        status = 0;
        req.socket.destroy();
        return;
      }
      await write(res, request.method, reply, common);
    } catch (error) {
      const s3 = error instanceof S3Error ? error : new S3Error("InternalError", 500, "We encountered an internal error. Please try again.");
      if (!(error instanceof S3Error)) console.error("S3 data plane:", error);
      status = s3.status;
      errorCode = s3.code;
      if (fault?.kind === "commit-then-drop") {
        status = 0;
        req.socket.destroy();
      } else if (res.headersSent) res.destroy();
      else {
        const body = request.method === "HEAD" ? undefined : errorBody(s3, request.resource, requestId);
        await write(res, request.method, { status: s3.status, headers: { ...s3.headers, ...(body ? { "content-type": "application/xml" } : {}) }, body: body ?? "" }, common);
      }
    } finally {
      host.log({ method: request.method, path: request.rawPath, operation, status, errorCode, requestId, fault: fault?.kind ?? null, ms: Math.round((performance.now() - started) * 1000) / 1000 });
    }
  };
}
