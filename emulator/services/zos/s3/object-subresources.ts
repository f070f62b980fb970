/** Object tagging (`?tagging`) and canned object ACLs (`?acl`) of a version (the latest by default). */
import { ACCOUNT, ALL_USERS_URI } from "../records";
import { requireAcl, requireTags } from "./attributes";
import { s3Errors } from "./errors";
import { readSmallBody, xmlReply, type HandlerEnv, type Reply, type S3Request } from "./http";
import { ObjectStore } from "./object-store";
import { childText, parseXml, S3_NAMESPACE, xmlDocument } from "./xml";

function versionHeaders(versionID: string): Record<string, string> {
  return versionID === "null" ? {} : { "x-amz-version-id": versionID };
}

function amend(request: S3Request, env: HandlerEnv, change: (current: { tags?: unknown; acl?: unknown }) => Record<string, unknown>): Reply {
  return env.host.transaction(() => {
    const store = new ObjectStore(env.host.context);
    const where = store.bucket(request.bucket);
    const version = store.find(where.bucket, request.key, request.query.get("versionId"));
    if (version.isDeleteMarker) throw s3Errors.methodNotAllowed();
    const next = store.amend(where, version, change(version));
    return { status: request.method === "DELETE" ? 204 : 200, headers: versionHeaders(next.versionID) };
  });
}

export function getObjectTagging(request: S3Request, env: HandlerEnv): Reply {
  const version = env.host.transaction(() => {
    const store = new ObjectStore(env.host.context);
    return store.find(store.bucket(request.bucket).bucket, request.key, request.query.get("versionId"));
  });
  const tags = (version.tags ?? []).map(({ key, value }) => ({ Key: key, Value: value }));
  return xmlReply(xmlDocument("Tagging", { TagSet: { Tag: tags } }, S3_NAMESPACE), versionHeaders(version.versionID));
}

export async function putObjectTagging(request: S3Request, env: HandlerEnv): Promise<Reply> {
  const document = parseXml(await readSmallBody(request));
  const tagSet = document?.name === "Tagging" ? document.children.find((c) => c.name === "TagSet") : undefined;
  if (!tagSet) throw s3Errors.malformedXml();
  const tags = requireTags(tagSet.children.filter((c) => c.name === "Tag").map((tag) => ({ key: childText(tag, "Key") ?? "", value: childText(tag, "Value") ?? "" })));
  return amend(request, env, () => ({ tags }));
}

export function deleteObjectTagging(request: S3Request, env: HandlerEnv): Reply {
  return amend(request, env, () => ({ tags: [] }));
}

export function putObjectAcl(request: S3Request, env: HandlerEnv): Reply {
  const acl = requireAcl(request.header("x-amz-acl"));
  if (!acl) throw s3Errors.notImplemented("object ACLs other than a canned x-amz-acl");
  return amend(request, env, () => ({ acl }));
}

export function getObjectAcl(request: S3Request, env: HandlerEnv): Reply {
  const version = env.host.transaction(() => {
    const store = new ObjectStore(env.host.context);
    return store.find(store.bucket(request.bucket).bucket, request.key, request.query.get("versionId"));
  });
  const owner = { ID: ACCOUNT.ID, DisplayName: ACCOUNT.displayName };
  const grants = [{ Grantee: { ...owner, Type: "CanonicalUser" }, Permission: "FULL_CONTROL" }];
  const acl = version.acl ?? "private";
  if (acl === "public-read" || acl === "public-read-write") grants.push({ Grantee: { URI: ALL_USERS_URI, Type: "Group" } as never, Permission: "READ" });
  if (acl === "public-read-write") grants.push({ Grantee: { URI: ALL_USERS_URI, Type: "Group" } as never, Permission: "WRITE" });
  return xmlReply(xmlDocument("AccessControlPolicy", { Owner: owner, AccessControlList: { Grant: grants } }, S3_NAMESPACE), versionHeaders(version.versionID));
}
