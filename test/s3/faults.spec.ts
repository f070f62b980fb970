/**
 * The emulator's fault rules reach the S3 data plane as they reach the EOP gateway, each in S3's own
 * terms: a throttle is 503 SlowDown with Retry-After, an HTTP fault an S3 error document, a reset
 * drops the connection unanswered, and commit-then-drop stores the object but loses the answer.
 */
import assert from "node:assert/strict";
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3ServiceException, type S3Client } from "@aws-sdk/client-s3";
import { useEmulator } from "../helpers/emulator";
import { createBucket, s3Client, zosAccess } from "../helpers/s3";

describe("ZOS S3 data plane: fault injection", () => {
  const emu = useEmulator();
  let s3: S3Client;

  beforeEach(async () => {
    s3 = s3Client(emu, await zosAccess(emu));
    await createBucket(emu, "faulty");
  });

  async function failure(promise: Promise<unknown>): Promise<unknown> {
    return promise.then(
      () => assert.fail("expected a failure"),
      (error: unknown) => error,
    );
  }

  it("answers a throttle rule with 503 SlowDown and Retry-After, before authentication, and logs the fault", async () => {
    await emu.control.addFault({ path: "/_s3/faulty/*", method: "PUT", kind: "throttle", retryAfterSeconds: 7, times: 1 });
    const error = await failure(s3.send(new PutObjectCommand({ Bucket: "faulty", Key: "a", Body: "x" })));
    assert.ok(error instanceof S3ServiceException);
    assert.deepEqual([error.name, error.$metadata.httpStatusCode, error.$response?.headers["retry-after"]], ["SlowDown", 503, "7"]);
    const last = (await emu.control.requests()).at(-1);
    assert.deepEqual([last?.operation, last?.fault, last?.errorCode], ["S3PutObject", "throttle", "SlowDown"]);
    await s3.send(new PutObjectCommand({ Bucket: "faulty", Key: "a", Body: "x" }));
  });

  it("answers an http rule with the status and S3's error document", async () => {
    await emu.control.addFault({ path: "/_s3/faulty/a", kind: "http", status: 500, times: 1 });
    const error = await failure(s3.send(new GetObjectCommand({ Bucket: "faulty", Key: "a" })));
    assert.ok(error instanceof S3ServiceException);
    assert.deepEqual([error.name, error.$metadata.httpStatusCode], ["InternalError", 500]);
  });

  it("drops the connection on reset without storing anything", async () => {
    await emu.control.addFault({ path: "/_s3/faulty/gone", method: "PUT", kind: "reset", times: 1 });
    const error = (await failure(s3.send(new PutObjectCommand({ Bucket: "faulty", Key: "gone", Body: "x" })))) as { code?: string; name?: string };
    assert.ok(!(error instanceof S3ServiceException), "no answer, so no S3 error");
    const head = await failure(s3.send(new HeadObjectCommand({ Bucket: "faulty", Key: "gone" })));
    assert.equal((head as S3ServiceException).$metadata.httpStatusCode, 404);
  });

  it("stores the object on commit-then-drop but loses the answer", async () => {
    await emu.control.addFault({ path: "/_s3/faulty/kept", method: "PUT", kind: "commit-then-drop", times: 1 });
    const error = await failure(s3.send(new PutObjectCommand({ Bucket: "faulty", Key: "kept", Body: "stored" })));
    assert.ok(!(error instanceof S3ServiceException), "no answer, so no S3 error");
    const got = await s3.send(new GetObjectCommand({ Bucket: "faulty", Key: "kept" }));
    assert.equal(await got.Body!.transformToString(), "stored");
    const puts = (await emu.control.requests()).filter((r) => r.operation === "S3PutObject");
    assert.deepEqual(puts.map((r) => [r.status, r.fault]), [[0, "commit-then-drop"]]);
  });
});
