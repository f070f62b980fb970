/**
 * S3 error answers (the S3 REST error document): an HTTP status plus an XML `<Error>` with `Code`
 * and `Message`. Codes and statuses are S3's own (AWS S3 API reference, "Error responses"); ZOS
 * speaks the S3 protocol on its data endpoint, so its clients branch on these.
 */
import { xmlDocument } from "./xml";

export class S3Error extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    /** Extra elements of the error document (e.g. `Key`, `BucketName`, `StringToSign`). */
    readonly details: Readonly<Record<string, string>> = {},
    /** Extra response headers (e.g. `x-amz-delete-marker`). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export const s3Errors = {
  accessDenied: (message = "Access Denied") => new S3Error("AccessDenied", 403, message),
  noSuchBucket: (bucket: string) => new S3Error("NoSuchBucket", 404, "The specified bucket does not exist", { BucketName: bucket }),
  noSuchKey: (key: string, headers: Record<string, string> = {}) => new S3Error("NoSuchKey", 404, "The specified key does not exist.", { Key: key }, headers),
  noSuchVersion: (key: string, versionId: string) => new S3Error("NoSuchVersion", 404, "The specified version does not exist.", { Key: key, VersionId: versionId }),
  noSuchUpload: (uploadId: string) =>
    new S3Error("NoSuchUpload", 404, "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.", { UploadId: uploadId }),
  invalidArgument: (message: string, name?: string, value?: string) =>
    new S3Error("InvalidArgument", 400, message, name === undefined ? {} : { ArgumentName: name, ArgumentValue: value ?? "" }),
  invalidRequest: (message: string) => new S3Error("InvalidRequest", 400, message),
  malformedXml: () => new S3Error("MalformedXML", 400, "The XML you provided was not well-formed or did not validate against our published schema."),
  preconditionFailed: (condition: string) => new S3Error("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold", { Condition: condition }),
  badDigest: (what: string) => new S3Error("BadDigest", 400, `The ${what} you specified did not match the calculated checksum.`),
  entityTooLarge: (size: number, max: number) =>
    new S3Error("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size", { ProposedSize: String(size), MaxSizeAllowed: String(max) }),
  notImplemented: (what: string) => new S3Error("NotImplemented", 501, `A header or query you provided implies functionality that is not implemented: ${what}`),
  methodNotAllowed: (message = "The specified method is not allowed against this resource.") => new S3Error("MethodNotAllowed", 405, message),
};

/** The error document; HEAD answers carry no body (the status and headers say it all). */
export function errorBody(error: S3Error, resource: string, requestId: string): string {
  return xmlDocument("Error", { Code: error.code, Message: error.message, ...error.details, Resource: resource, RequestId: requestId });
}
