/**
 * An AWS SDK v3 S3 client pointed at the emulator's ZOS data plane the way a user would point one:
 * endpoint and keys from the control plane (GET /v4/oss/get-endpoint, GET /v4/oss/get-keys), path
 * style, region us-east-1 (what CTyun's Terraform provider signs with), and the SDK's clock set to
 * the emulator's fake clock (systemClockOffset) so signatures carry emulator time.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { REGION_HUADONG1, type EmulatorHarness } from "./emulator";

export interface ZosAccess {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export async function zosAccess(emu: EmulatorHarness): Promise<ZosAccess> {
  const endpoint = (await emu.get("/v4/oss/get-endpoint", { regionID: REGION_HUADONG1 })).envelope<{ internetEndpoint: string[] }>().returnObj.internetEndpoint[0]!;
  const keys = (await emu.get("/v4/oss/get-keys", { regionID: REGION_HUADONG1 })).envelope<Array<{ accessKey: string; secretKey: string }>>().returnObj[0]!;
  return { endpoint, accessKeyId: keys.accessKey, secretAccessKey: keys.secretKey };
}

export function s3Client(emu: EmulatorHarness, access: ZosAccess, overrides: { secretAccessKey?: string; accessKeyId?: string } = {}): S3Client {
  return new S3Client({
    endpoint: access.endpoint,
    forcePathStyle: true,
    region: "us-east-1",
    credentials: { accessKeyId: overrides.accessKeyId ?? access.accessKeyId, secretAccessKey: overrides.secretAccessKey ?? access.secretAccessKey },
    systemClockOffset: emu.clock.now() - Date.now(),
    maxAttempts: 1,
  });
}

export async function createBucket(emu: EmulatorHarness, bucket: string, body: Record<string, unknown> = {}): Promise<void> {
  await emu.control.setTiming("bucketMetadata", { mode: "immediate" });
  const envelope = (await emu.post("/v4/oss/create-bucket", { regionID: REGION_HUADONG1, bucket, ...body })).envelope();
  if (envelope.statusCode !== 800) throw new Error(`create-bucket ${bucket}: ${JSON.stringify(envelope)}`);
}
