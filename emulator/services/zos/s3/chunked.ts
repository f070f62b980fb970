/**
 * The `aws-chunked` content encoding of streaming uploads (AWS S3 API reference, "Signature
 * Calculations for the Authorization Header: Transferring Payload in Multiple Chunks" and the
 * trailing-checksum variant): `<hex size>[;chunk-signature=<sig>]\r\n<data>\r\n` … a zero-size chunk,
 * then optional trailing headers and an empty line. Decoded incrementally: memory holds at most the
 * bytes of one network read. Signed chunks are checked against the chained signatures.
 */
import { createHash, type Hash } from "node:crypto";
import { S3Error } from "./errors";
import { chunkSignature, signaturesMatch, trailerSignature, type Caller } from "./sigv4";

export interface ChunkedOptions {
  /** Check `chunk-signature`s (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]). */
  readonly signedBy?: Caller | undefined;
}

/** Trailing headers, filled in once the body has been read. */
export type Trailers = Map<string, string>;

const incomplete = (): S3Error => new S3Error("IncompleteBody", 400, "You did not provide the number of bytes specified by the Content-Length HTTP header");
const malformed = (): S3Error => new S3Error("InvalidChunkSizeError", 403, "Only the last chunk is allowed to have a size less than 8192 bytes or the chunk encoding is malformed");
const badSignature = (): S3Error => new S3Error("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. Check your key and signing method.");

export async function* decodeAwsChunked(source: AsyncIterable<Buffer>, trailers: Trailers, options: ChunkedOptions = {}): AsyncGenerator<Buffer> {
  let pending: Buffer = Buffer.alloc(0);
  let state: "header" | "data" | "data-end" | "trailers" | "done" = "header";
  let remaining = 0;
  let declared = "";
  let hash: Hash | undefined;
  let previous = options.signedBy?.signature ?? "";
  const trailerLines: string[] = [];

  const takeLine = (): string | undefined => {
    const end = pending.indexOf("\r\n");
    if (end < 0) {
      if (pending.length > 64 * 1024) throw malformed();
      return undefined;
    }
    const line = pending.subarray(0, end).toString("latin1");
    pending = pending.subarray(end + 2);
    return line;
  };
  const finishChunk = (): void => {
    if (!options.signedBy) return;
    const expected = chunkSignature(options.signedBy, previous, hash!.digest("hex"));
    if (!signaturesMatch(expected, declared)) throw badSignature();
    previous = expected;
  };

  for await (const piece of source) {
    pending = pending.length === 0 ? piece : Buffer.concat([pending, piece]);
    for (;;) {
      if (state === "header") {
        const line = takeLine();
        if (line === undefined) break;
        const [sizeText, ...extensions] = line.split(";");
        if (!/^[0-9a-fA-F]+$/.test(sizeText ?? "")) throw malformed();
        remaining = parseInt(sizeText!, 16);
        const signature = extensions.find((e) => e.startsWith("chunk-signature="));
        declared = signature?.slice("chunk-signature=".length) ?? "";
        if (options.signedBy && !declared) throw badSignature();
        hash = options.signedBy ? createHash("sha256") : undefined;
        if (remaining === 0) {
          finishChunk();
          state = "trailers";
        } else state = "data";
      } else if (state === "data") {
        if (pending.length === 0) break;
        const take = Math.min(remaining, pending.length);
        const data = pending.subarray(0, take);
        pending = pending.subarray(take);
        remaining -= take;
        hash?.update(data);
        yield data;
        if (remaining === 0) state = "data-end";
      } else if (state === "data-end") {
        if (pending.length < 2) break;
        if (pending[0] !== 0x0d || pending[1] !== 0x0a) throw malformed();
        pending = pending.subarray(2);
        finishChunk();
        state = "header";
      } else if (state === "trailers") {
        const line = takeLine();
        if (line === undefined) break;
        if (line === "") {
          state = "done";
          break;
        }
        trailerLines.push(line);
      } else break;
    }
    if (state === "done") break;
  }
  // A body that ends right after the zero chunk without the closing empty line is accepted (some clients omit it).
  const ended: string = state;
  if (ended !== "done" && !(ended === "trailers" && pending.length === 0)) throw incomplete();
  const signed: string[] = [];
  for (const line of trailerLines) {
    const colon = line.indexOf(":");
    if (colon < 0) throw malformed();
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "x-amz-trailer-signature") {
      if (options.signedBy && !signaturesMatch(trailerSignature(options.signedBy, previous, signed.join("")), value)) throw badSignature();
      continue;
    }
    trailers.set(name, value);
    signed.push(`${name}:${value}\n`);
  }
}
