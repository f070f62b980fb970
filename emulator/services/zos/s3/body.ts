/**
 * Reads an upload's body from the socket into a blob as it arrives: plain, or aws-chunked (signed or
 * not, with trailing checksums). Checks what the client declared: `x-amz-content-sha256` (a hex
 * payload hash), `Content-MD5`, an `x-amz-checksum-*`, and the size limit. Returns the MD5 (the
 * ETag of a simple upload) and the verified checksum.
 */
import { createHash } from "node:crypto";
import type { BlobWriter } from "../../../store/blobs";
import { decodeAwsChunked, type Trailers } from "./chunked";
import { requestedChecksum, runningChecksum, type ChecksumAlgorithm } from "./checksums";
import { S3Error, s3Errors } from "./errors";
import type { Caller } from "./sigv4";

/** S3's limit for one PutObject or one part: 5 GiB. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024 * 1024;

export interface ReceivedBody {
  readonly size: number;
  readonly md5: Buffer;
  readonly checksum?: { readonly algorithm: ChecksumAlgorithm; readonly value: string } | undefined;
}

export interface BodySource {
  readonly stream: AsyncIterable<Buffer>;
  header(name: string): string | undefined;
}

const STREAMING = /^STREAMING-(UNSIGNED-PAYLOAD-TRAILER|AWS4-HMAC-SHA256-PAYLOAD(-TRAILER)?)$/;

export async function receiveBody(source: BodySource, caller: Caller | undefined, writer: BlobWriter): Promise<ReceivedBody> {
  const payloadHash = caller?.payloadHash ?? "UNSIGNED-PAYLOAD";
  const streaming = STREAMING.exec(payloadHash);
  if (!streaming && payloadHash.startsWith("STREAMING-")) throw s3Errors.notImplemented(`x-amz-content-sha256 ${payloadHash}`);
  if (!streaming && payloadHash !== "UNSIGNED-PAYLOAD" && !/^[0-9a-f]{64}$/.test(payloadHash)) {
    throw s3Errors.invalidArgument("x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-… or a SHA-256 hex digest", "x-amz-content-sha256", payloadHash);
  }
  const declaredLength = Number(source.header(streaming ? "x-amz-decoded-content-length" : "content-length") ?? "0");
  if (declaredLength > MAX_UPLOAD_BYTES) throw s3Errors.entityTooLarge(declaredLength, MAX_UPLOAD_BYTES);

  const trailers: Trailers = new Map();
  const signed = streaming?.[1]?.startsWith("AWS4") ? caller : undefined;
  const bytes = streaming ? decodeAwsChunked(source.stream, trailers, { signedBy: signed }) : source.stream;
  const md5 = createHash("md5");
  const sha256 = streaming || payloadHash === "UNSIGNED-PAYLOAD" ? undefined : createHash("sha256");
  const algorithm = requestedChecksum(source.header);
  const checksum = algorithm ? runningChecksum(algorithm) : undefined;
  let size = 0;
  for await (const data of bytes) {
    size += data.length;
    if (size > MAX_UPLOAD_BYTES) throw s3Errors.entityTooLarge(size, MAX_UPLOAD_BYTES);
    md5.update(data);
    sha256?.update(data);
    checksum?.update(data);
    writer.write(data);
  }
  writer.finish();
  if (streaming && source.header("x-amz-decoded-content-length") !== undefined && size !== declaredLength) {
    throw new S3Error("IncompleteBody", 400, "You did not provide the number of bytes specified by the x-amz-decoded-content-length HTTP header");
  }
  if (sha256 && sha256.digest("hex") !== payloadHash) {
    throw new S3Error("XAmzContentSHA256Mismatch", 400, "The provided 'x-amz-content-sha256' header does not match what was computed.");
  }
  const digest = md5.digest();
  const contentMd5 = source.header("content-md5");
  if (contentMd5 !== undefined) {
    if (Buffer.from(contentMd5, "base64").length !== 16) throw new S3Error("InvalidDigest", 400, "The Content-MD5 you specified is not valid.");
    if (contentMd5 !== digest.toString("base64")) throw s3Errors.badDigest("Content-MD5");
  }
  if (!checksum) return { size, md5: digest };
  const claimed = source.header(`x-amz-checksum-${checksum.algorithm}`) ?? trailers.get(`x-amz-checksum-${checksum.algorithm}`);
  const value = checksum.digest();
  if (claimed !== undefined && claimed !== value) throw s3Errors.badDigest(checksum.algorithm.toUpperCase());
  return { size, md5: digest, checksum: { algorithm: checksum.algorithm, value } };
}
